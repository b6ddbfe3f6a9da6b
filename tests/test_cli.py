"""The command line: validate, exit codes, and no traceback for a user's mistake."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from negotrack._cli import main
from tests.conftest import FLAGSHIP, MINIMAL


def test_validate_ok_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    """A valid dossier exits 0 with one summary line."""
    assert 0 == main(["validate", str(MINIMAL)])
    out, err = capsys.readouterr()
    assert "" == err
    assert out.startswith(f"{MINIMAL}: ok: ")
    assert "round" in out


def test_validate_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    """``--quiet`` prints nothing for valid dossiers."""
    assert 0 == main(["validate", "-q", str(MINIMAL), str(FLAGSHIP)])
    assert ("", "") == capsys.readouterr()


def test_validate_reports_problems_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Problems go to stderr as ``file:line:col: path: message``, with exit code 2."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: y\nparties:\n  - {id: a, nmae: A}\n")
    assert 2 == main(["validate", str(bad), str(MINIMAL)])
    out, err = capsys.readouterr()
    assert [
        f"{bad}:4:5: $.parties[0]: missing required key 'name'",
        f"{bad}:4:13: $.parties[0].nmae: unknown key 'nmae' (did you mean 'name'?)",
    ] == err.splitlines()
    assert out.startswith(f"{MINIMAL}: ok")


def test_missing_dossier_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A path that does not exist is one line on stderr and exit 2."""
    assert 2 == main(["validate", "no/such/dossier"])
    assert (
        "no/such/dossier: cannot read file: no such file or directory\n" == capsys.readouterr().err
    )


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["validate"], ["validate", "--bogus", "x"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Usage mistakes exit 2 with a usage line and no traceback."""
    assert 2 == main(argv)
    err = capsys.readouterr().err
    assert "usage: negotrack" in err
    assert "Traceback" not in err


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    """``--help`` and ``--version`` exit 0."""
    assert 0 == main(["--help"])
    assert "validate" in capsys.readouterr().out
    assert 0 == main(["--version"])
    assert capsys.readouterr().out.startswith("negotrack ")


def test_installed_console_script() -> None:
    """The installed ``negotrack`` script runs and validates the flagship example."""
    script = shutil.which("negotrack", path=str(Path(sys.executable).parent))
    assert script is not None, "the negotrack console script is not installed"
    result = subprocess.run(  # noqa: S603  (our own program, fixed arguments)
        [script, "validate", str(FLAGSHIP)], capture_output=True, text=True, check=False
    )
    assert (0, "") == (result.returncode, result.stderr)
    assert "ok:" in result.stdout


def test_python_dash_m() -> None:
    """``python -m negotrack`` is the same command."""
    result = subprocess.run(  # noqa: S603  (our own program, fixed arguments)
        [sys.executable, "-m", "negotrack", "validate", "-q", str(MINIMAL)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (0, "", "") == (result.returncode, result.stdout, result.stderr)
