"""Writing files: the one mechanism behind ``-o``, `save`, ``init``, ``plot`` and ``site``.

`atomic_write` writes one output where it is pointed. A regular file or a new path is replaced
atomically: the data goes to a synced temporary file beside it, which is renamed over it. A
FIFO or a character device (a named pipe, ``/dev/null``, a terminal) is written into, as the
shell's ``>`` would. A symbolic link is followed and what it names is written by these same
rules; the link itself is never replaced. A link to this process's standard output or error
(``/dev/stdout``, ``/dev/fd/2``) writes to that stream. A folder, a block device, a socket and
a link to nothing are refused.

`write_files` writes several files together (a site, a folder of charts, a new dossier): each
must be a regular file or a new path, all are checked before the first is written, all are
staged before the first is renamed, and a failure removes every file and folder it created.

A temporary file is named ``.NAME.negotrack-PID-RANDOM.tmp``. One left by a process that no
longer runs (a write that was killed) is removed by the next write to NAME.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

from negotrack.model._errors import NegotrackError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

__all__ = [
    "SaveError",
    "atomic_write",
    "check_regular",
    "clean_temps",
    "failed",
    "locked",
    "make_dirs",
    "remove_dirs",
    "stage",
    "sync_directory",
    "temp_target",
    "write_files",
]

#: A temporary file of this module: ``.NAME.negotrack-PID-RANDOM.tmp``.
_TEMP: Final = re.compile(r"\.(?P<name>.+)\.negotrack-(?P<pid>[0-9]+)-[a-z0-9_]+\.tmp")
#: What earlier versions left beside a dossier file: ``.NAME.RANDOM.tmp``, with no process id.
_LEGACY_TEMP: Final = re.compile(r"\.(?P<name>.+\.ya?ml)\.[a-z0-9_]{8}\.tmp")


class SaveError(NegotrackError, OSError):
    """A file could not be written, or will not be written over; nothing was changed.

    Every file a failed write would have replaced is left as it was, and every file and folder
    it created is removed. (A folder save that fails after its commit point leaves the new
    version committed, and the next save finishes it; see `save`.)
    """


def failed(path: Path | str, exc: OSError) -> SaveError:
    """The `SaveError` for an `OSError` met while writing ``path`` (or the file it names)."""
    if isinstance(exc, SaveError):
        return exc
    where = Path(exc.filename) if isinstance(exc.filename, str) else Path(path)
    staged_for = temp_target(where.name)  # name the file, not its temporary file
    if staged_for is not None:
        where = where.with_name(staged_for[0])
    return SaveError(f"cannot write {where}: {exc.strerror or exc}")


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def stage(path: Path, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) to a synced temporary file beside ``path``.

    The temporary file gets ``path``'s permissions, or the usual ones for a new file; on any
    failure it is removed.
    """
    import tempfile  # noqa: PLC0415 - it imports shutil, random, bz2...: only to write

    fd, temp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.negotrack-{os.getpid()}-", suffix=".tmp"
    )
    temp = Path(temp_name)
    try:
        try:
            _write_fd(fd, _bytes(content))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        temp.chmod(mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    return temp


def sync_directory(directory: Path) -> None:
    """Sync a folder, so that the renames and removals in it are on disk (where supported)."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def temp_target(name: str) -> tuple[str, int | None] | None:
    """The file a temporary file's ``name`` was staged for, and its writer's process id.

    None when ``name`` is not a temporary file of negotrack; the id is None for one left by an
    earlier version, which did not record it.
    """
    match = _TEMP.fullmatch(name)
    if match:
        return match["name"], int(match["pid"])
    legacy = _LEGACY_TEMP.fullmatch(name)
    return (legacy["name"], None) if legacy else None


def _running(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # os.kill(pid, 0) would end it on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no way to tell: it may be writing
        return True
    return True


def clean_temps(directory: Path, owned: Callable[[str], bool]) -> None:
    """Remove the temporary files in ``directory`` that ``owned`` names and nobody is writing.

    ``owned`` is given the name of the file a temporary file was staged for. A temporary file
    whose process still runs is kept: it may be that process's write in flight.
    """
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        found = temp_target(entry.name)
        if found is None or not owned(found[0]) or (found[1] is not None and _running(found[1])):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink()


@contextlib.contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on a folder (``flock``, where the system has it)."""
    try:
        import fcntl  # noqa: PLC0415 - POSIX only
    except ImportError:  # pragma: no cover - Windows: no lock
        yield
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder we can write but not read
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def check_regular(path: Path) -> bool:
    """Whether ``path`` holds a regular file (False: nothing); `SaveError` for anything else."""
    try:
        mode = path.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise failed(path, exc) from exc
    if not stat.S_ISREG(mode):
        raise SaveError(f"will not write over {path}: not a regular file")
    return True


def make_dirs(directory: Path) -> list[Path]:
    """Make ``directory`` and any missing parents; return those made, the outermost first."""
    missing: list[Path] = []
    here = directory
    while not here.is_dir():
        if here.exists() or here.is_symlink():
            raise SaveError(f"cannot write into {here}: not a folder")
        missing.append(here)
        if here.parent == here:  # pragma: no cover - the root always exists
            break
        here = here.parent
    made: list[Path] = []
    try:
        for folder in reversed(missing):
            folder.mkdir()
            made.append(folder)
    except OSError as exc:
        remove_dirs(made)
        raise failed(exc.filename or directory, exc) from exc
    return made


def remove_dirs(made: Iterable[Path]) -> None:
    """Remove folders `make_dirs` made, innermost first, where they are still empty."""
    for folder in reversed(list(made)):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _standard_stream(info: os.stat_result) -> int | None:
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        with contextlib.suppress(OSError):
            if os.path.samestat(info, os.fstat(fd)):
                with contextlib.suppress(Exception):
                    stream.flush()  # what was printed before comes first
                return fd
    return None


def _write_into(path: Path, data: bytes) -> None:
    """Write into a FIFO or a device, as ``>`` would (a FIFO waits for its reader)."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        _write_fd(fd, data)
    finally:
        os.close(fd)


def _replace(path: Path, data: bytes) -> None:
    clean_temps(path.parent, path.name.__eq__)
    temp = stage(path, data)
    try:
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    sync_directory(path.parent)


def atomic_write(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8) to ``path``: atomically where it is or will be a file.

    A regular file or a new path is replaced through a synced temporary file and a rename,
    keeping the old file's permissions (a new file gets the usual ones). A FIFO or character
    device is written into. A symbolic link is followed, the link kept: a link to this
    process's standard output or error writes to it; a link to a regular file replaces that
    file atomically. The folder must exist.

    Raises:
        SaveError: For a folder, a block device, a socket or a link to nothing, and when the
            write fails; the old file is then left as it was and no temporary file remains.
    """
    data = _bytes(content)
    target = Path(path)
    try:
        try:
            info: os.stat_result | None = target.lstat()
        except FileNotFoundError:
            info = None
        if info is not None and stat.S_ISLNK(info.st_mode):
            try:
                info = target.stat()
            except FileNotFoundError:
                raise SaveError(f"will not write through {target}: a link to nothing") from None
            fd = _standard_stream(info)
            if fd is not None:
                _write_fd(fd, data)
                return
            if stat.S_ISREG(info.st_mode):
                real = Path(os.path.realpath(target))
                if not os.path.samestat(info, real.stat()):  # pragma: no cover - /proc oddity
                    raise SaveError(f"will not write through {target}: it names no file")
                target = real
        if info is None or stat.S_ISREG(info.st_mode):
            _replace(target, data)
        elif stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
            _write_into(target, data)
        else:
            kind = {stat.S_IFDIR: "a folder", stat.S_IFBLK: "a block device"}
            what = kind.get(stat.S_IFMT(info.st_mode), "not a file")
            raise SaveError(f"will not write over {target}: {what}")
    except BrokenPipeError:
        raise  # a reader that went away, as with standard output
    except OSError as exc:
        raise failed(target, exc) from exc


def write_files(files: Mapping[Path, str | bytes]) -> None:
    """Write several regular files as nearly at once as a file system allows.

    Every target must be a regular file or a new path; all are checked first. Every file is
    then staged (written and synced to a temporary file beside it), and only when all are on
    disk are they renamed over the old ones. Missing folders are made.

    Raises:
        SaveError: If a target is anything but a regular file or a new path (nothing is
            written then), or a write fails: every file and folder this call created is
            removed again, every file it would replace is left as it was (unless the failure
            comes among the renames, after all data is written: files renamed by then stay
            new).
    """
    existed = {path: check_regular(path) for path in files}
    made: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    renamed: list[Path] = []
    folders = {path.parent: set[str]() for path in files}
    for path in files:
        folders[path.parent].add(path.name)
    try:
        for folder, names in folders.items():
            made += make_dirs(folder)
            clean_temps(folder, names.__contains__)
        for path, content in files.items():
            staged.append((stage(path, content), path))
        for temp, path in staged:
            temp.replace(path)
            renamed.append(path)
    except BaseException as exc:
        for temp, _ in staged:
            with contextlib.suppress(OSError):
                temp.unlink()
        for path in renamed:
            if not existed[path]:
                with contextlib.suppress(OSError):
                    path.unlink()
        remove_dirs(made)
        if isinstance(exc, OSError):
            raise failed(next(iter(files), "the files"), exc) from exc
        raise
    for folder in folders:
        sync_directory(folder)
