"""Saves killed with SIGKILL: the dossier loads as the old version or the new, never a mix.

Each save runs in a child process forked from a clean single-threaded server (multiprocessing's
forkserver, with negotrack imported once), so a kill costs milliseconds, not an interpreter's
start. After every kill the dossier must load and equal the old or the new version, and the
next save must leave no temporary file and no journal behind.

A kill is not a power cut: what is on disk does not depend on whether it was synced. So the CI
tests run in memory (``/dev/shm``, where a sync costs nothing and a save takes milliseconds, not
a hundred), and the slow ones on the disk of ``tmp_path``.
"""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
import pathlib
import random
import tempfile
import time
import typing
from pathlib import Path

import pytest

import negotrack as nt

if typing.TYPE_CHECKING:
    from collections.abc import Iterator
    from multiprocessing.connection import Connection

pytestmark = pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="needs fork"
)

_CONTEXT = multiprocessing.get_context("forkserver")
# the server imports this module, which warms the converter (below): each saver starts hot
_CONTEXT.set_forkserver_preload([__name__])


def _dossier(title: str, rounds: dict[str, tuple[int, str]]) -> nt.Negotiation:
    scale = nt.OrdinalScale(options=(nt.Option("low", "Low"), nt.Option("high", "High")))
    return nt.Negotiation(
        "talks",
        title,
        parties=(nt.Party("north", "North"), nt.Party("south", "South")),
        issues=(nt.Issue("border", "Border", scale),),
        rounds=tuple(
            nt.Round(
                round_id,
                f"Round {round_id}",
                date=dt.date(2024, 3, day),
                positions=(nt.Position("north", "border", preferred=value),),
            )
            for round_id, (day, value) in rounds.items()
        ),
    )


@functools.cache
def versions() -> tuple[nt.Negotiation, nt.Negotiation]:
    """The old and the new version: the header changed, a round changed, dropped and added."""
    old = _dossier("Old", {"r1": (1, "low"), "r2": (2, "low"), "r3": (3, "high")})
    new = _dossier("New", {"r1": (1, "low"), "r2": (2, "high"), "r4": (4, "low")})
    return old, new


assert versions()[1] == nt.loads(nt.dump(versions()[1]))  # cattrs builds its functions once


# -- in the child --------------------------------------------------------------------------------


def _crash_at(step: int) -> None:
    """Exit at once, as a kill would, just before the ``step``-th write, sync, rename or unlink."""
    done = 0

    def wrap(real: typing.Any) -> typing.Any:
        def counted(*args: object, **kwargs: object) -> object:
            nonlocal done
            done += 1
            if done == step:
                os._exit(9)
            return real(*args, **kwargs)

        return counted

    os.write = wrap(os.write)
    os.fsync = wrap(os.fsync)
    pathlib.Path.replace = wrap(pathlib.Path.replace)  # type: ignore[method-assign]
    pathlib.Path.unlink = wrap(pathlib.Path.unlink)  # type: ignore[method-assign]


def saver(path: str, ready: Connection, *, loop: bool, crash_at: int | None = None) -> None:
    """Save the new version over the old (in a loop: both, in turn), after saying it starts."""
    old, new = versions()
    if crash_at is not None:
        _crash_at(crash_at)
    ready.send_bytes(b"go")
    while True:
        nt.save(new, path)
        if not loop:
            break
        nt.save(old, path)
    os._exit(0)


# -- in the test -----------------------------------------------------------------------------------


@pytest.fixture
def in_memory(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory (``/dev/shm``) where there is one, else ``tmp_path``."""
    shm = Path("/dev/shm")  # noqa: S108 - a private folder is made inside it
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=shm, prefix="negotrack-kills-") as folder:
        yield Path(folder)


def _leftovers(path: Path) -> list[str]:
    """Temporary files and journals beside a single file, or anywhere in a folder."""
    folder = path if path.is_dir() else path.parent
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.name.endswith(".tmp") or p.name == ".negotrack-save.json"
    )


def _run(
    path: Path, *, loop: bool, delay: float | None, crash_at: int | None = None
) -> tuple[int, float]:
    """Start a saver and kill it ``delay`` seconds after it starts saving (None: let it end).

    Returns its exit code and how long it ran once saving.
    """
    reader, writer = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(
        target=saver, args=(str(path), writer), kwargs={"loop": loop, "crash_at": crash_at}
    )
    child.start()
    writer.close()
    assert reader.poll(60), "the saver never started"
    reader.recv_bytes()
    start = time.perf_counter()
    if delay is not None:
        end = start + delay
        time.sleep(max(0.0, delay - 0.002))
        while time.perf_counter() < end:
            pass
        child.kill()
    child.join(60)
    ran = time.perf_counter() - start
    reader.close()
    assert child.exitcode is not None
    return child.exitcode, ran


def _check_after_kill(path: Path, what: str) -> bool:
    """The dossier is the old or the new version; the next save leaves nothing behind."""
    old, new = versions()
    loaded = nt.load(path)
    assert loaded in (old, new), f"{what}: the dossier is neither the old nor the new version"
    left = bool(_leftovers(path))
    nt.save(old, path)
    assert [] == _leftovers(path), f"{what}: the next save left temporary files"
    assert old == nt.load(path)
    return left


def _save_time(path: Path) -> float:
    """How long a saver takes to save once, from its start signal to its end (the least of 3)."""
    times = []
    for _ in range(3):
        times.append(_run(path, loop=False, delay=None)[1])
        nt.save(versions()[0], path)
    return min(times)


def _random_kills(tmp_path: Path, layout: str, kills: int, *, loop: bool) -> None:
    path = tmp_path / layout
    nt.save(versions()[0], path)
    spread = _save_time(path) * (6 if loop else 1.3)
    chance = random.Random(f"{layout}-{kills}-{loop}")  # noqa: S311 - delays, not secrets
    for kill in range(kills):
        delay = chance.uniform(0, spread)
        _run(path, loop=loop, delay=delay)
        _check_after_kill(path, f"kill {kill} after {delay * 1000:.2f} ms")


@pytest.mark.parametrize(
    ("layout", "loop", "kills"), [("d", False, 16), ("d", True, 12), ("d.yaml", False, 12)]
)
def test_random_kills_leave_the_old_or_the_new_version(
    in_memory: Path, layout: str, loop: bool, kills: int
) -> None:
    """40 saves (16 + 12 folder, 12 single file) killed at a random moment: old or new, then clean."""
    _random_kills(in_memory, layout, kills, loop=loop)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("layout", "loop", "kills"), [("d", False, 100), ("d", True, 60), ("d.yaml", False, 40)]
)
def test_many_random_kills_leave_the_old_or_the_new_version(
    tmp_path: Path, layout: str, loop: bool, kills: int
) -> None:
    """200 killed saves, as the CI test but five times over, and on disk."""
    _random_kills(tmp_path, layout, kills, loop=loop)


@pytest.mark.parametrize("layout", ["d", "d.yaml"])
def test_a_save_killed_before_each_of_its_steps_leaves_old_or_new(
    in_memory: Path, layout: str
) -> None:
    """Killed before its 1st, 2nd, ... write, sync, rename or removal: never a mix, never litter.

    Every step is hit, so the kills land on both sides of the commit point; the killed saves that
    left something behind (temporary files, a journal) are cleaned up by the next save.
    """
    path = in_memory / layout
    nt.save(versions()[0], path)
    seen = {"leftovers": 0, "old": 0, "new": 0}
    step = 1
    while _run(path, loop=False, delay=None, crash_at=step)[0] == 9:
        seen["old" if nt.load(path) == versions()[0] else "new"] += 1
        seen["leftovers"] += _check_after_kill(path, f"killed before step {step}")
        step += 1
    assert step > 4, "the saver finished before its first few steps: steps are not counted"
    assert seen["old"], seen
    assert seen["new"], seen
    assert seen["leftovers"], seen
