"""A folder dossier's files, and saving them all together or not at all.

A folder dossier is ``negotiation.yaml`` (or ``negotiation.yml``) and the ``*.yaml`` and
``*.yml`` files in ``rounds/``: `dossier_files` lists them as `load` reads them. `commit` writes a
new set of them in steps that a kill, at any point, cannot split:

1. Under an exclusive lock on the folder, a save that a kill left unfinished is finished (step
   4), and temporary files that no running process writes are removed.
2. Every file is staged: written and synced to a temporary file beside its final name. Nothing
   `load` reads has changed: a kill here leaves the old version, and temporary files.
3. The journal ``.negotrack-save.json`` is staged and renamed into place: which temporary file
   becomes which file, and which old files go. That rename is the commit point.
4. The old files that go are removed, each temporary file is renamed over its final name, and
   the journal is removed. While a temporary file the journal names is still there, `load`
   reads through the journal, so it sees the new version throughout.

A journal none of whose temporary files exist (one copied or committed to git by mistake) is
ignored, and removed by the next save.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Final

from negotrack.files._writing import (
    SaveError,
    check_regular,
    clean_temps,
    failed,
    locked,
    make_dirs,
    remove_dirs,
    stage,
    sync_directory,
    temp_target,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ALT_DOSSIER_FILE",
    "DOSSIER_FILE",
    "JOURNAL",
    "ROUNDS_DIR",
    "YAML_SUFFIXES",
    "commit",
    "dossier_files",
    "is_dossier_name",
]

#: The file holding parties, issues, proposals and sources in a folder dossier.
DOSSIER_FILE: Final = "negotiation.yaml"
#: The same under the other suffix, read when there is no ``negotiation.yaml``.
ALT_DOSSIER_FILE: Final = "negotiation.yml"
#: The folder holding one file per round in a folder dossier.
ROUNDS_DIR: Final = "rounds"
YAML_SUFFIXES: Final = (".yaml", ".yml")
#: What a folder save is about to do, there only between its commit point and its end.
JOURNAL: Final = ".negotrack-save.json"
_JOURNAL_LIMIT: Final = 16 * 1024 * 1024

_Journal = tuple[list[tuple[str, str]], list[str]]


def is_dossier_name(name: str) -> bool:
    """Whether a ``/``-separated path inside a folder is one of the files a dossier reads."""
    if name in (DOSSIER_FILE, ALT_DOSSIER_FILE):
        return True
    folder, _, file = name.partition("/")
    return (
        folder == ROUNDS_DIR
        and file not in ("", ".", "..")
        and not any(c in file for c in "/\\\0")
        and PurePosixPath(file).suffix in YAML_SUFFIXES
    )


def _kept(path: Path, follow_symlinks: bool) -> bool:
    try:
        mode = path.stat(follow_symlinks=follow_symlinks).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) or (not follow_symlinks and stat.S_ISLNK(mode))


def _listing(folder: Path, follow_symlinks: bool) -> dict[str, Path]:
    files = {
        name: folder / name
        for name in (DOSSIER_FILE, ALT_DOSSIER_FILE)
        if _kept(folder / name, follow_symlinks)
    }
    try:
        entries = list(os.scandir(folder / ROUNDS_DIR))
    except OSError:  # no rounds/ folder, or not one that can be read
        entries = []
    for entry in entries:
        name = f"{ROUNDS_DIR}/{entry.name}"
        if is_dossier_name(name) and _kept(Path(entry.path), follow_symlinks):
            files[name] = Path(entry.path)
    return files


def _read_journal(folder: Path) -> _Journal | None:
    """The journal's renames (temporary file, final name) and removals, if it is well formed."""
    path = folder / JOURNAL
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > _JOURNAL_LIMIT:
            return None
        import json  # noqa: PLC0415 - only a dossier whose save a kill cut short has a journal

        data: Any = json.loads(path.read_bytes())
        renames = [(temp, final) for temp, final in data["rename"]]
        removals = list(data["remove"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for temp, final in renames:
        if not (isinstance(temp, str) and isinstance(final, str) and is_dossier_name(final)):
            return None
        where, _, temp_name = temp.rpartition("/")
        target = temp_target(temp_name)
        if target is None or target[1] is None or (where, target[0]) != _split(final):
            return None
    if not all(isinstance(name, str) and is_dossier_name(name) for name in removals):
        return None
    return renames, removals


def _split(name: str) -> tuple[str, str]:
    where, _, file = name.rpartition("/")
    return where, file


def _live(folder: Path, journal: _Journal) -> bool:
    return any(os.path.lexists(folder / temp) for temp, _ in journal[0])


def dossier_files(folder: Path, *, follow_symlinks: bool = True) -> dict[str, Path]:
    """The files of a folder dossier by ``/``-separated name, each with the path to read.

    Names are ``negotiation.yaml``, ``negotiation.yml`` and ``rounds/<name>.yaml`` (or
    ``.yml``) for those that are files. Where a save was killed after its commit point, what it
    committed is given: its staged files in place of the old ones, without the files it removes.
    With ``follow_symlinks`` false, symbolic links are listed whatever they point to, for the
    caller to refuse.
    """
    files = _listing(folder, follow_symlinks)
    journal = _read_journal(folder)
    if journal is None or not _live(folder, journal):
        return files
    renames, removals = journal
    for name in removals:
        files.pop(name, None)
    for temp, final in renames:
        staged = folder / temp
        files[final] = staged if os.path.lexists(staged) else folder / final
    return files


def _finish(folder: Path, journal: _Journal) -> None:
    """Step 4: remove what goes, rename each staged file into place, remove the journal."""
    renames, removals = journal
    for name in removals:
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
    for temp, final in renames:
        if os.path.lexists(folder / temp):
            (folder / temp).replace(folder / final)
    for where in {_split(final)[0] for _, final in renames}:
        sync_directory(folder / where if where else folder)
    (folder / JOURNAL).unlink()
    sync_directory(folder)


def _recover(folder: Path) -> None:
    """Step 1: finish a committed save a kill interrupted; remove stale temporary files."""
    journal = _read_journal(folder)
    if journal is not None and _live(folder, journal):
        _finish(folder, journal)
    elif (folder / JOURNAL).is_file() and not (folder / JOURNAL).is_symlink():
        (folder / JOURNAL).unlink()
    clean_temps(folder, {DOSSIER_FILE, ALT_DOSSIER_FILE, JOURNAL}.__contains__)
    clean_temps(folder / ROUNDS_DIR, lambda name: is_dossier_name(f"{ROUNDS_DIR}/{name}"))


def commit(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Replace a folder dossier's files with ``files`` (by ``/``-separated name), all or none.

    The folder must exist. Every old file `load` would read that is not in ``files`` is removed.

    Raises:
        SaveError: If a file cannot be written, or a name is taken by anything but a regular
            file: the old version is then left as it was. If the failure comes after the commit
            point, the new version is what loads, and the next save finishes writing it.
    """
    with locked(folder):
        try:
            _recover(folder)
            for name in files:
                check_regular(folder.joinpath(*name.split("/")))
        except OSError as exc:
            raise failed(folder, exc) from exc
        removals = sorted(set(_listing(folder, follow_symlinks=True)) - set(files))
        made: list[Path] = []
        staged: dict[str, Path] = {}
        try:
            if any(name.startswith(f"{ROUNDS_DIR}/") for name in files):
                made = make_dirs(folder / ROUNDS_DIR)
            for name, text in files.items():
                staged[name] = stage(folder.joinpath(*name.split("/")), text)
            for where in {path.parent for path in staged.values()}:
                sync_directory(where)
            # beside its final file; by name, as the folder may be given relative and the
            # temporary file's path is absolute
            renames = [
                [PurePosixPath(name).with_name(temp.name).as_posix(), name]
                for name, temp in staged.items()
            ]
            journal = {"negotrack-save": 1, "rename": renames, "remove": removals}
            import json  # noqa: PLC0415

            temp = stage(folder / JOURNAL, json.dumps(journal, indent=1) + "\n")
            staged[JOURNAL] = temp
            temp.replace(folder / JOURNAL)  # the commit point
        except BaseException as exc:
            for temp in staged.values():
                with contextlib.suppress(OSError):
                    temp.unlink()
            remove_dirs(made)
            if isinstance(exc, OSError):
                raise failed(folder, exc) from exc
            raise
        sync_directory(folder)
        try:
            _finish(folder, ([(t, f) for t, f in renames], removals))
        except OSError as exc:
            raise SaveError(
                f"cannot finish saving {folder}: {exc.strerror or exc}; the new "
                "version is committed and loads, and the next save finishes writing it"
            ) from exc
