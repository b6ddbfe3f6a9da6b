"""Reading dossiers from git: ``REV:PATH`` arguments and git's external diff driver.

``negotrack diff HEAD~1:talks talks`` reads the old version of a dossier straight from git, a
folder or a single file, into a temporary folder. As git's diff driver (``negotrack git-diff``),
negotrack gets one changed file at a time; when that file belongs to a folder dossier, the rest of
the dossier is taken from the working tree, so the diff shows what this one file changed.
"""

from __future__ import annotations

import difflib
import posixpath
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from negotrack.cli._io import folder_of
from negotrack.files._loading import load
from negotrack.model._errors import LoadError, NegotrackError

if TYPE_CHECKING:
    from negotrack.model._negotiation import Negotiation

__all__ = ["GitError", "driver_versions", "is_revision_spec", "load_version", "text_diff"]

_NO_FILE = "/dev/null"


class GitError(NegotrackError):
    """git could not give the files asked for."""


def is_revision_spec(value: str) -> bool:
    """Whether an argument reads as ``REV:PATH`` (and is not a path that exists)."""
    revision, colon, path = value.partition(":")
    return bool(colon and revision and path) and not Path(value).exists()


def _git(*args: str, cwd: Path | None = None) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed, so REV:PATH cannot be read")
    result = subprocess.run(  # noqa: S603 - git with arguments we build, no shell
        [git, *args], cwd=cwd, capture_output=True, check=False
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return result.stdout


def repository_path(spec: str) -> tuple[str, str]:
    """The revision and the path from the repository's top of a ``REV:PATH`` argument.

    As in git, ``PATH`` is relative to the top of the repository, and ``./PATH`` or ``../PATH``
    to the current folder. A revision that starts with ``-`` is refused: it would reach git as an
    option.
    """
    revision, _, path = spec.partition(":")
    if revision.startswith("-"):
        raise GitError(f"{spec}: a revision cannot start with '-'")
    if path.startswith(("./", "../")) or path in (".", ".."):
        prefix = _git("rev-parse", "--show-prefix").decode().strip()
        path = posixpath.normpath(posixpath.join(prefix, path))
        if path == ".." or path.startswith("../"):
            raise GitError(f"{spec}: the path leaves the repository")
    return revision, path.strip("/") or "."


def load_version(spec: str) -> Negotiation:
    """Load a dossier from a path, or from git when given as ``REV:PATH`` (`repository_path`)."""
    if not is_revision_spec(spec):
        return load(spec)
    revision, path = repository_path(spec)
    names = (
        _git("ls-tree", "-r", "--full-tree", "--name-only", revision, "--", path)
        .decode()
        .splitlines()
    )
    if not names:
        raise GitError(f"{spec}: no such file or folder in {revision}")
    with tempfile.TemporaryDirectory(prefix="negotrack-") as temp:
        root = Path(temp)
        for name in names:
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_git("show", f"{revision}:{name}"))
        try:
            return load(root / path)
        except LoadError as exc:
            raise LoadError(
                attrs.evolve(p, file=p.file.replace(str(root), revision + ":", 1))
                for p in exc.problems
            ) from None


def driver_versions(path: str, old_file: str, new_file: str) -> tuple[Negotiation, Negotiation]:
    """The two versions of the dossier that one changed file belongs to, for ``git-diff``.

    ``path`` is the file's path in the repository; ``old_file`` and ``new_file`` hold its two
    contents, either of them ``/dev/null`` when the file was added or deleted.
    """
    top = Path(_git("rev-parse", "--show-toplevel").decode().strip())
    here = top / path
    folder = folder_of(here)
    if folder is None:
        if new_file == _NO_FILE:
            old = load(old_file)
            return old, _empty_like(old)
        new = load(new_file)
        return (load(old_file) if old_file != _NO_FILE else _empty_like(new)), new
    versions = []
    with tempfile.TemporaryDirectory(prefix="negotrack-") as temp:
        for side, content in (("old", old_file), ("new", new_file)):
            copy = Path(temp) / side
            shutil.copytree(folder, copy)
            inside = copy / here.relative_to(folder)
            if content == _NO_FILE:
                inside.unlink(missing_ok=True)
            else:
                inside.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(content, inside)
            try:
                versions.append(load(copy))
            except LoadError as exc:
                raise LoadError(
                    attrs.evolve(p, file=p.file.replace(str(copy), f"{side}:{folder}", 1))
                    for p in exc.problems
                ) from None
    return versions[0], versions[1]


def _empty_like(negotiation: Negotiation) -> Negotiation:
    from negotrack.model._negotiation import Negotiation  # noqa: PLC0415

    return Negotiation(negotiation.id, negotiation.title)


def text_diff(path: str, old_file: str, new_file: str) -> str:
    """A unified text diff of one file's two contents, as git would show it without a driver.

    What ``git-diff`` falls back on for a file that is not a dossier (a CI workflow) or does not
    load (a dossier half edited): ``/dev/null`` stands for a file added or deleted; bytes that
    are not UTF-8 are shown replaced.
    """
    texts = []
    for name in (old_file, new_file):
        data = b"" if name == _NO_FILE else Path(name).read_bytes()
        texts.append(data.decode("utf-8", errors="replace").splitlines(keepends=True))
    lines = difflib.unified_diff(
        texts[0],
        texts[1],
        fromfile=_NO_FILE if old_file == _NO_FILE else f"a/{path}",
        tofile=_NO_FILE if new_file == _NO_FILE else f"b/{path}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
