"""Command-line conventions: filters that name nothing, colour, exit codes, a closed pipe."""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

import negotrack
from negotrack.cli._main import main
from tests.conftest import FLAGSHIP, MINIMAL, ROOT

if TYPE_CHECKING:
    from pathlib import Path

ESC = "\x1b["


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        ("--party", "uaa", "did you mean 'ua'?"),
        ("--issue", "alignmnt", "did you mean 'alignment'?"),
        ("--kind", "preferred_move", "did you mean 'preferred_moved'?"),
    ],
)
def test_a_filter_that_names_nothing_is_an_error(
    option: str, value: str, hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in --party, --issue or --kind exits 2 with a did-you-mean, not 'no changes', 0."""
    assert 2 == main(["diff", str(FLAGSHIP), option, value])
    out, err = capsys.readouterr()
    assert "" == out
    assert f"negotrack: {option}: unknown {option[2:]} {value!r}" in err
    assert hint in err


def test_a_filter_may_name_a_proposal(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["diff", str(FLAGSHIP), "--issue", "istanbul-communique", "-f", "json"])
    assert "" == capsys.readouterr().err


@pytest.mark.parametrize(
    ("environment", "coloured"),
    [
        ({}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"CLICOLOR_FORCE": "1"}, True),
        ({"FORCE_COLOR": "0"}, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_colour_follows_force_color_and_no_color(
    environment: dict[str, str],
    coloured: bool,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert 0 == main(["diff", str(FLAGSHIP)])
    assert coloured == (ESC in capsys.readouterr().out)


def test_a_file_is_never_coloured_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    target = tmp_path / "diff.txt"
    assert 0 == main(["diff", str(FLAGSHIP), "-o", str(target)])
    assert ESC not in target.read_text(encoding="utf-8")
    assert 0 == main(["diff", str(FLAGSHIP), "-o", str(target), "--color", "always"])
    assert ESC in target.read_text(encoding="utf-8")


def test_a_dash_reads_the_dossier_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-` as the dossier reads one file from standard input; problems name <stdin>."""
    text = negotrack.dump(negotrack.load(MINIMAL)).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text)))
    assert 0 == main(["validate", "-"])
    assert capsys.readouterr().out.startswith("-: ok: ")
    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BytesIO(text.replace(b"title:", b"titel:", 1)))
    )
    assert 2 == main(["report", "-", "-o", "-"])
    out, err = capsys.readouterr()
    assert "" == out
    assert err.startswith("<stdin>:")


def test_dash_o_dash_writes_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["diff", str(FLAGSHIP), "-f", "json", "-o", "-"])
    assert capsys.readouterr().out.startswith("{")


class _Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


_COLOUR_VARIABLES = ("FORCE_COLOR", "CLICOLOR_FORCE", "NO_COLOR")


@pytest.mark.parametrize(
    ("flag", "environment", "terminal", "coloured"),
    [
        # the flag decides over everything
        ("never", {"FORCE_COLOR": "1"}, True, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        # then NO_COLOR, over FORCE_COLOR / CLICOLOR_FORCE and a terminal
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, True, False),
        # then FORCE_COLOR / CLICOLOR_FORCE, over what the stream is
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"CLICOLOR_FORCE": "yes"}, False, True),
        # then the terminal; an empty NO_COLOR and FORCE_COLOR=0 say nothing
        ("auto", {"NO_COLOR": "", "FORCE_COLOR": "0"}, True, True),
        ("auto", {"FORCE_COLOR": "0"}, False, False),
        ("auto", {}, True, True),
        ("auto", {}, False, False),
    ],
)
def test_colour_precedence(
    flag: str,
    environment: dict[str, str],
    terminal: bool,
    coloured: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """--color > NO_COLOR > FORCE_COLOR / CLICOLOR_FORCE > a terminal, as docs/cli.md says."""
    for name in _COLOUR_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    stream = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr("sys.stdout", stream)
    assert 0 == main(["report", str(MINIMAL), "--color", flag])
    assert coloured == (ESC in stream.getvalue())


def test_every_command_takes_color() -> None:
    """--color auto|always|never is accepted by every command, those added later included."""
    from negotrack.cli._main import build_parser  # noqa: PLC0415

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in commands.choices.items():
        (color,) = [a for a in command._actions if "--color" in a.option_strings]
        assert (name, ["auto", "always", "never"], "auto") == (
            name,
            list(color.choices or ()),
            color.default,
        )


def test_validate_colours_its_problems_on_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Problems, notes and the ok line are coloured when asked, and plain with never."""
    for name in _COLOUR_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    bad = tmp_path / "bad.yaml"
    bad.write_text(negotrack.dump(negotrack.load(MINIMAL)).replace("title:", "titel:", 1))
    assert 2 == main(["validate", str(bad), "--color", "always"])
    err = capsys.readouterr().err
    assert f"\x1b[1m{bad}:2:1:\x1b[0m \x1b[31m$.titel: unknown key 'titel'" in err
    assert 0 == main(["validate", str(FLAGSHIP), "--color", "always"])
    out, err = capsys.readouterr()
    assert f"{FLAGSHIP}: \x1b[32mok\x1b[0m: " in out
    assert "\x1b[36mnote:\x1b[0m" in err
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert 0 == main(["validate", str(FLAGSHIP), "--color", "never"])
    assert ESC not in "".join(capsys.readouterr())


def test_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """0 done, 1 only for differences with diff --exit-code, 2 for input that does not load.

    validate says 2 for a dossier that does not load, never 1: 1 means "differences found",
    and a bad dossier is bad input to validate as it is to every other command.
    """
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    assert 2 == main(["validate", str(bad)])
    assert 2 == main(["report", str(bad)])
    assert 0 == main(["validate", str(FLAGSHIP)])
    assert 1 == main(["diff", str(FLAGSHIP), "--exit-code"])
    assert 0 == main(["diff", str(FLAGSHIP), "2022-03-29", "2022-03-29", "--exit-code"])
    assert 0 == main(["diff", str(FLAGSHIP)])
    capsys.readouterr()


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_is_not_a_bad_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write to a reader that left ends with 141 and nothing on stderr, not 2 and a message."""
    monkeypatch.setattr("sys.stdout", _ClosedPipe())
    for command in (["report", str(FLAGSHIP)], ["schema"], ["validate", str(MINIMAL)]):
        assert 141 == main(command)
        assert "" == capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["report", str(FLAGSHIP), "-f", "json"],  # one long text, written in pieces
        [
            "brackets",
            *[str(FLAGSHIP / "sources" / "ukraine-neutrality-talks-2022-03-16.txt")] * 3000,
        ],
    ],
)
def test_a_reader_that_leaves_early_ends_it_quietly(command: list[str], tmp_path: Path) -> None:
    """`negotrack ... | head -1` through a real pipe: no traceback, status 141 (128 + SIGPIPE)."""
    errors = tmp_path / "stderr"
    with errors.open("wb") as err:
        process = subprocess.Popen(  # noqa: S603  (our own program, fixed arguments)
            [sys.executable, "-m", "negotrack", *command],
            stdout=subprocess.PIPE,
            stderr=err,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert process.stdout is not None
        assert process.stdout.readline()
        process.stdout.close()  # as head does after its line
        status = process.wait(timeout=120)
    assert (141, "") == (status, errors.read_text(encoding="utf-8"))
