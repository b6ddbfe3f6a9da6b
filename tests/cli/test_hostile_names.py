"""File names are analyst input too: no control character in one reaches the terminal."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from negotrack.cli._main import main
from tests.conftest import MINIMAL

if TYPE_CHECKING:
    from pathlib import Path

#: An OSC 52 sequence (it sets the terminal's clipboard), a bell and a right-to-left override.
HOSTILE = "a\x1b]52;c;aGk=\x07\u202e.yaml"


@pytest.mark.parametrize("form", ["text", "github"])
def test_a_round_file_named_with_an_escape_sequence_is_printed_inert(
    form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = tmp_path / "talks"
    shutil.copytree(MINIMAL, dossier)
    (dossier / "rounds" / HOSTILE).write_text("id: x\n")
    assert main(["validate", "-f", form, "--color", "always", str(dossier)]) == 2
    out, err = capsys.readouterr()
    printed = out + err
    assert "missing required key 'title'" in printed
    for bad in ("\x1b]", "\x07", "\u202e"):
        assert bad not in printed
    assert "\ufffd" in printed


def test_a_problem_about_such_a_file_from_diff_is_inert_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = tmp_path / "talks"
    shutil.copytree(MINIMAL, dossier)
    (dossier / "rounds" / HOSTILE).write_text("id: x\n")
    assert main(["diff", str(dossier)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\x07" not in err
    assert "missing required key 'title'" in err
