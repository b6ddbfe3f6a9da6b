"""Reading dossiers from git: ``REV:PATH`` arguments and git's external diff driver.

``negotrack diff HEAD~1:talks talks`` reads the old version of a dossier straight from git, a
folder or a single file, into memory: nothing is written to disk, so no name in a tree (``..``,
an absolute path) can reach anywhere, and symbolic links in the tree (mode 120000) are refused,
never followed. As git's diff driver (``negotrack git-diff``), negotrack gets one changed file at
a time; when that file belongs to a folder dossier, the rest of the dossier is read from the
working tree (regular files only: a link there is refused too), so the diff shows what this one
file changed.
"""

from __future__ import annotations

import difflib
import posixpath
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from negotrack.cli._io import folder_of
from negotrack.files._commit import ROUNDS_DIR, dossier_files, is_dossier_name
from negotrack.files._loading import load, load_tree, loads
from negotrack.files._yaml import MAX_FILE_BYTES, read_file
from negotrack.model._errors import LoadError, NegotrackError, Problem

if TYPE_CHECKING:
    from negotrack.model._negotiation import Negotiation

__all__ = ["GitError", "driver_versions", "is_revision_spec", "load_version", "text_diff"]

_NO_FILE = "/dev/null"
_LINK_MODE = "120000"


class GitError(NegotrackError):
    """git could not give the files asked for."""


def is_revision_spec(value: str) -> bool:
    """Whether an argument reads as ``REV:PATH`` (and is not a path that exists)."""
    revision, colon, path = value.partition(":")
    return bool(colon and revision and path) and not Path(value).exists()


def _git(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed, so REV:PATH cannot be read")
    result = subprocess.run(  # noqa: S603 - git with arguments we build, no shell
        [git, *args], cwd=cwd, input=stdin, capture_output=True, check=False
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
    listing = _git("ls-tree", "-r", "-l", "-z", "--full-tree", revision, "--", path)
    entries = [_TreeEntry.parse(line) for line in listing.split(b"\0") if line]
    if not entries:
        raise GitError(f"{spec}: no such file or folder in {revision}")
    if len(entries) == 1 and entries[0].name == path:  # a single-file dossier
        return loads(_blobs(entries, revision)[path], filename=f"{revision}:{path}")
    prefix = "" if path == "." else f"{path}/"
    wanted = [
        e for e in entries if e.name.startswith(prefix) and is_dossier_name(e.name[len(prefix) :])
    ]
    blobs = _blobs(wanted, revision)
    return load_tree(
        {name[len(prefix) :]: data for name, data in blobs.items()}, f"{revision}:{path}"
    )


class _TreeEntry(NamedTuple):
    """One entry of ``git ls-tree -l -z``."""

    mode: str
    kind: str
    obj: str
    size: str
    name: str

    @classmethod
    def parse(cls, line: bytes) -> _TreeEntry:
        info, _, name = line.partition(b"\t")
        mode, kind, obj, size = info.decode("ascii").split()
        return cls(mode, kind, obj, size, name.decode("utf-8", errors="surrogateescape"))


def _blobs(entries: list[_TreeEntry], revision: str) -> dict[str, bytes]:
    """The files' contents, read in one ``git cat-file --batch``, by path in the repository.

    A symbolic link or a submodule is refused, never followed; so is a file over the size limit.
    """
    for entry in entries:
        if entry.mode == _LINK_MODE or entry.kind != "blob":
            raise GitError(
                f"{revision}:{entry.name}: a symbolic link or submodule, not a file; "
                "negotrack does not follow links from git"
            )
    too_large = [
        Problem(
            f"{revision}:{e.name}",
            None,
            None,
            "$",
            f"file is {int(e.size):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes",
        )
        for e in entries
        if int(e.size) > MAX_FILE_BYTES
    ]
    if too_large:
        raise LoadError(too_large)
    output = _git("cat-file", "--batch", stdin="".join(f"{e.obj}\n" for e in entries).encode())
    blobs, at = {}, 0
    for entry in entries:
        header_end = output.index(b"\n", at)
        obj, _, size = output[at:header_end].decode("ascii").split()
        if obj != entry.obj:  # pragma: no cover - git answers in the order asked
            raise GitError(f"git cat-file gave an unexpected object for {entry.name}")
        blobs[entry.name] = output[header_end + 1 : header_end + 1 + int(size)]
        at = header_end + 1 + int(size) + 1
    return blobs


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
    if (folder / ROUNDS_DIR).is_symlink():
        raise LoadError([_link_problem(f"{folder}/{ROUNDS_DIR}")])
    changed = here.relative_to(folder).as_posix()
    rest: dict[str, bytes] = {}
    for name, file in dossier_files(folder, follow_symlinks=False).items():
        if name != changed:
            if file.is_symlink():
                raise LoadError([_link_problem(str(file))])
            rest[name] = read_file(file, str(file))
    versions = []
    for side, content in (("old", old_file), ("new", new_file)):
        files = dict(rest)
        if content != _NO_FILE:
            files[changed] = read_file(Path(content), f"{side}:{folder}/{changed}")
        versions.append(load_tree(files, f"{side}:{folder}"))
    return versions[0], versions[1]


def _link_problem(file: str) -> Problem:
    return Problem(file, None, None, "$", "a symbolic link; git-diff does not follow links")


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
