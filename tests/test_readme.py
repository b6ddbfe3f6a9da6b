"""The README's promises: its Python taste runs, its sample output is real."""

from __future__ import annotations

import doctest
import os
import re
import shutil
from typing import TYPE_CHECKING

import pytest

import negotrack
from negotrack.cli._commands import summary
from tests.conftest import FLAGSHIP, MINIMAL, ROOT

if TYPE_CHECKING:
    from pathlib import Path

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``>>>`` example in the README gives the output shown."""
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        os.fspath(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 0
    assert 0 == result.failed


def test_summary_line_is_current() -> None:
    """The summary the README shows for the flagship example is what validate prints."""
    line = f"examples/ukraine-russia-2022: ok: {summary(_load(FLAGSHIP))}"
    assert line in README


def _load(path: Path) -> negotrack.Negotiation:
    return negotrack.load(path)


def test_error_example_is_real(tmp_path: Path) -> None:
    """The README's sample problem is what a misspelt key in the minimal example gives."""
    shown = re.search(r"^(examples/minimal/rounds/(\S+?)):(\d+):(\d+): (.*)$", README, re.MULTILINE)
    assert shown is not None
    copy = tmp_path / "minimal"
    shutil.copytree(MINIMAL, copy)
    round_file = copy / "rounds" / shown.group(2)
    lines = round_file.read_text(encoding="utf-8").splitlines(keepends=True)
    line_number = int(shown.group(3))
    lines[line_number - 1] = lines[line_number - 1].replace("preferred:", "prefered:")
    round_file.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(negotrack.LoadError) as caught:
        negotrack.load(copy)
    (problem,) = caught.value.problems
    assert (line_number, int(shown.group(4))) == (problem.line, problem.column)
    assert shown.group(5) == f"{problem.path}: {problem.message}"


def test_ci_runs_the_readme_commands() -> None:
    """.ci/run runs the README's set-up commands exactly as written."""
    setup = README.split("\n## Set up", 1)[1].split("\n## A taste", 1)[0]
    commands = re.findall(r"^```console\n(.+?)\n```$", setup, re.MULTILINE)
    assert 2 == len(commands)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:
        assert command in ci
