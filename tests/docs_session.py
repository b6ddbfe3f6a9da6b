"""Replay a documentation page as a terminal session, to check that what it shows is real.

A page is a *session* when it writes files: a fenced block right after a marker comment

    <!-- file: bakery/negotiation.yaml -->     (write the block's text to that file)
    <!-- append: bakery/negotiation.yaml -->   (add it to the end of the file)

is written, in page order, into an empty folder, and every ``console`` block on the page is run
there: each ``$ negotrack ...`` line is a command, and the lines under it, up to the next ``$``,
are what it prints (standard output and standard error, in the order written). A page whose
commands depend on the day (``negotrack init`` names its sample round after it) says which day
its output was made on with ``<!-- today: 2024-03-01 -->``. Marker comments are hidden both on
a code host and in the built docs, so the page reads as a plain tutorial.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import shlex
import sys
import types
from typing import TYPE_CHECKING, Final

import attrs

from negotrack.cli._main import main
from negotrack.files import _scaffold

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

__all__ = ["Command", "WriteFile", "is_session", "refreshed", "replay", "steps", "transcripts"]

_BLOCK: Final = re.compile(
    r"^(?:<!-- (?P<verb>file|append): (?P<path>\S+) -->\n)?"
    r"```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_TODAY: Final = re.compile(r"^<!-- today: (\d{4}-\d{2}-\d{2}) -->$", re.MULTILINE)
_FILE_MARKER: Final = re.compile(r"^<!-- (?:file|append): \S+ -->$", re.MULTILINE)


@attrs.frozen
class WriteFile:
    """Write (or, with ``append``, add to) a file of the session's folder."""

    path: str
    text: str
    append: bool


@attrs.frozen
class Command:
    """One ``$ negotrack ...`` line of a console block and the output shown under it."""

    line: str
    shown: tuple[str, ...]


def is_session(page: str) -> bool:
    """Whether a page writes files, and so is replayed as a session."""
    return _FILE_MARKER.search(page) is not None


def steps(page: str) -> list[WriteFile | Command]:
    """The files a page writes and the commands it runs, in page order.

    Raises:
        ValueError: If a console block holds output before any command, or a command that is
            not ``negotrack``, or a file marker is not followed by a fenced block.
    """
    found: list[WriteFile | Command] = []
    for block in _BLOCK.finditer(page):
        if block["verb"]:
            found.append(WriteFile(block["path"], block["body"], block["verb"] == "append"))
        elif block["lang"] == "console":
            found.extend(_commands(block["body"]))
    markers = len(_FILE_MARKER.findall(page))
    if markers != sum(isinstance(step, WriteFile) for step in found):
        raise ValueError("a <!-- file: --> or <!-- append: --> marker is not right before a block")
    return found


def _commands(body: str) -> list[Command]:
    commands: list[Command] = []
    line = ""
    shown: list[str] = []
    for text in body.splitlines():
        if text.startswith("$ "):
            if line:
                commands.append(Command(line, tuple(shown)))
            line, shown = text[2:], []
            if not line.startswith("negotrack "):
                raise ValueError(f"a session runs only negotrack commands, not {line!r}")
        elif not line:
            raise ValueError(f"output before any command in a console block: {text!r}")
        else:
            shown.append(text.rstrip())
    if line:
        commands.append(Command(line, tuple(shown)))
    return commands


def _freeze_today(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    match = _TODAY.search(page)
    if match is None:
        return
    day = dt.date.fromisoformat(match[1])

    class _Today(dt.date):
        @classmethod
        def today(cls) -> _Today:
            return cls(day.year, day.month, day.day)

    monkeypatch.setattr(_scaffold, "dt", types.SimpleNamespace(date=_Today))


def _run(line: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Run one negotrack command line; return what it printed, stdout and stderr interleaved."""
    printed = io.StringIO()
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", printed)
        patch.setattr(sys, "stderr", printed)
        main(shlex.split(line)[1:])
    return [text.rstrip() for text in printed.getvalue().splitlines()]


def replay(
    page: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[Command, list[str]]]:
    """Replay a page in ``folder``: each command it runs, with what it printed.

    Colour is off and text is wrapped to 80 columns, as for output that is not a terminal. A
    command writing a file with ``-o`` that leaves no such file gets a line saying so.
    """
    monkeypatch.chdir(folder)
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    _freeze_today(page, monkeypatch)
    results: list[tuple[Command, list[str]]] = []
    for step in steps(page):
        if isinstance(step, WriteFile):
            target = folder / step.path
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("a" if step.append else "w", encoding="utf-8") as file:
                file.write(("\n" if step.append else "") + step.text)
            continue
        printed = _run(step.line, monkeypatch)
        argv = shlex.split(step.line)
        for flag, value in itertools.pairwise(argv):
            if flag in ("-o", "--output") and value != "-" and not (folder / value).exists():
                printed.append(f"(no {value} was written)")
        results.append((step, printed))
    return results


def transcripts(results: list[tuple[Command, list[str]]]) -> tuple[str, str]:
    """The transcript a page shows and the one its commands produced.

    Each is every command line, with its output under it.
    """
    shown = [line for command, _ in results for line in (f"$ {command.line}", *command.shown)]
    made = [line for command, out in results for line in (f"$ {command.line}", *out)]
    return "\n".join(shown), "\n".join(made)


def refreshed(page: str, results: list[tuple[Command, list[str]]]) -> str:
    """The page with each console block's output replaced by what its commands printed."""
    produced = iter(results)

    def block(match: re.Match[str]) -> str:
        if match["verb"] or match["lang"] != "console":
            return match[0]
        lines = []
        for _ in _commands(match["body"]):
            command, out = next(produced)
            lines.extend([f"$ {command.line}", *out])
        return "```console\n" + "".join(f"{line}\n" for line in lines) + "```"

    return _BLOCK.sub(block, page)
