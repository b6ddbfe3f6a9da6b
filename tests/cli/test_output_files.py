"""Output files (issue 12): ``-o`` writes into pipes and devices, through links, never over them.

Only a regular file or a new path is replaced by an atomic rename. A FIFO, a terminal or
``/dev/stdout`` is written into; a symbolic link's target is written and the link kept; what
cannot take a report (a folder, a socket, a link to nothing) is refused with one line.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import negotrack as nt
from negotrack.cli._main import main
from tests.conftest import MINIMAL

_NEEDS_FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def _report() -> str:
    """The text report of the minimal dossier, as ``-o`` writes it."""
    return subprocess.run(  # noqa: S603 - this Python, fixed arguments
        [sys.executable, "-m", "negotrack", "report", str(MINIMAL)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert 2 == main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert 1 == len(err.strip().splitlines()), err
    return err


@_NEEDS_FIFO
def test_o_into_a_named_pipe_writes_into_it(tmp_path: Path) -> None:
    """The reader at the other end of a FIFO gets the whole report, and the FIFO stays a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert 0 == main(["report", str(MINIMAL), "-o", str(fifo)])
    reader.join(10)  # (a rename over the FIFO would leave the reader waiting)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [_report().encode()] == got
    assert ["pipe"] == [p.name for p in tmp_path.iterdir()]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="no /proc/self/fd here")
@pytest.mark.parametrize("redirect", ["pipe", "append"])
def test_o_dev_stdout_writes_to_standard_output(tmp_path: Path, redirect: str) -> None:
    """``-o /dev/stdout`` into a pipe, or into a file opened for appending: the report follows.

    The test's own link to ``/proc/self/fd/1`` stands in for ``/dev/stdout`` (the same kind of
    link): a regression then renames over a file in ``tmp_path``, not over the machine's.
    """
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    command = [sys.executable, "-m", "negotrack", "report", str(MINIMAL), "-o", str(stdout)]
    if redirect == "pipe":
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        assert _report() == out
    else:
        log = tmp_path / "log.txt"
        log.write_text("earlier lines\n", encoding="utf-8")
        inode = log.stat().st_ino
        with log.open("a", encoding="utf-8") as handle:
            subprocess.run(command, stdout=handle, check=True)  # noqa: S603 - fixed arguments
        assert "earlier lines\n" + _report() == log.read_text(encoding="utf-8")
        assert inode == log.stat().st_ino  # written into, not renamed over
    assert stdout.is_symlink()


def test_o_into_a_terminal_device_writes_into_it() -> None:
    """A character device (here a pseudo-terminal) is written into, like ``> /dev/tty``."""
    leader, follower = os.openpty()
    try:
        name = os.ttyname(follower)
        text = "short report\n"
        from negotrack.files._writing import atomic_write  # noqa: PLC0415

        atomic_write(Path(name), text)
        assert stat.S_ISCHR(Path(name).stat().st_mode)
        assert os.read(leader, 100).replace(b"\r\n", b"\n") == text.encode()
    finally:
        os.close(leader)
        os.close(follower)


def test_o_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    """The link still points where it did; the file it names holds the report, mode kept."""
    target = tmp_path / "real" / "brief.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "brief.md"
    link.symlink_to(target)
    assert 0 == main(["report", str(MINIMAL), "-o", str(link)])
    assert link.is_symlink()
    assert target == link.resolve()
    assert _report() == target.read_text(encoding="utf-8")
    assert 0o640 == stat.S_IMODE(target.stat().st_mode)
    assert ["brief.md"] == [p.name for p in target.parent.iterdir()]


@_NEEDS_FIFO
def test_save_through_a_symlink_and_into_a_fifo(tmp_path: Path) -> None:
    """`save` to a single file follows the same rules as ``-o``."""
    dossier = nt.load(MINIMAL)
    real = tmp_path / "real.yaml"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "d.yaml").symlink_to(real)
    nt.save(dossier, tmp_path / "d.yaml")
    assert (tmp_path / "d.yaml").is_symlink()
    assert dossier == nt.load(real)
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    nt.save(dossier, fifo)
    reader.join(10)
    assert [nt.dump(dossier).encode()] == got


@pytest.mark.parametrize("what", ["dangling", "folder", "socket"])
def test_o_refuses_what_cannot_take_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    """A link to nothing, a folder, a socket: one line, exit 2, and nothing made or replaced."""
    path = tmp_path / "out"
    held = None
    if what == "dangling":
        path.symlink_to(tmp_path / "nowhere")
    elif what == "folder":
        path.mkdir()
    else:
        held = socket.socket(socket.AF_UNIX)
        held.bind(str(path))
    try:
        before = sorted((p.name, p.lstat().st_mode) for p in tmp_path.iterdir())
        err = _refused(["report", str(MINIMAL), "-o", str(path)], capsys)
        expected = {"dangling": "a link to nothing", "folder": "a folder", "socket": "not a file"}
        assert expected[what] in err
        assert before == sorted((p.name, p.lstat().st_mode) for p in tmp_path.iterdir())
    finally:
        if held is not None:
            held.close()


# -- init on a full disk (issue 12, item 5) --------------------------------------------------------


@pytest.mark.parametrize("exists", [False, True])
def test_init_on_a_full_disk_leaves_nothing_and_can_be_retried(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    exists: bool,
) -> None:
    """The third file hits ENOSPC: one line, no file or folder left behind, and a retry works."""
    target = tmp_path / "talks"
    if exists:
        target.mkdir()
    real_write = os.write
    calls = 0

    def full_disk(fd: int, data: bytes) -> int:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    err = _refused(["init", str(target)], capsys)
    monkeypatch.undo()
    assert "No space left on device" in err
    assert ([] if exists else None) == (list(target.iterdir()) if target.exists() else None)
    assert 0 == main(["init", str(target)])
    assert nt.load(target).rounds
