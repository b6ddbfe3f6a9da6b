"""Command-line conventions: filters that name nothing, and when text is coloured."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import negotrack
from negotrack.cli._main import main
from tests.conftest import FLAGSHIP, MINIMAL

if TYPE_CHECKING:
    from pathlib import Path

ESC = "\x1b["


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        ("--party", "uaa", "did you mean 'ua'?"),
        ("--issue", "alignmnt", "did you mean 'alignment'?"),
    ],
)
def test_a_filter_that_names_nothing_is_an_error(
    option: str, value: str, hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in --party or --issue exits 2 with a did-you-mean, not 'no changes' and 0."""
    assert 2 == main(["diff", str(FLAGSHIP), option, value])
    out, err = capsys.readouterr()
    assert "" == out
    assert f"unknown {option[2:]} {value!r}" in err
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
    import io  # noqa: PLC0415

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
