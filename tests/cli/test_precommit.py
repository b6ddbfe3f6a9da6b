"""The ``negotrack-validate`` hook of ``.pre-commit-hooks.yaml``: its files, its entry, a real run."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, FLAGSHIP, ROOT

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (hook,) = hooks
    assert isinstance(hook, dict)
    return hook


def _selected(top: Path, folder: Path) -> list[str]:
    """The files under ``folder`` the hook is given, as pre-commit names them: from ``top``."""
    pattern = re.compile(_hook()["files"])
    names = (p.relative_to(top).as_posix() for p in sorted(folder.rglob("*")) if p.is_file())
    return [name for name in names if pattern.search(name)]


def _run_entry(files: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The hook's entry with the files, as pre-commit runs it (``negotrack`` from this tree)."""
    program, *arguments = shlex.split(_hook()["entry"])
    assert "negotrack" == program
    return subprocess.run(  # noqa: S603  (our own program, fixed arguments)
        [sys.executable, "-m", "negotrack", *arguments, *files],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def test_the_manifest_is_one_valid_hook() -> None:
    """pre-commit's own schema accepts it; a python hook, run once for all files."""
    from pre_commit.clientlib import load_manifest  # noqa: PLC0415

    (checked,) = load_manifest(str(MANIFEST))
    hook = _hook()
    assert ("negotrack-validate", "python", "negotrack validate") == (
        hook["id"],
        hook["language"],
        hook["entry"],
    )
    assert checked["pass_filenames"]
    assert checked["require_serial"]


@pytest.mark.parametrize(
    ("name", "given"),
    [
        ("talks/negotiation.yaml", True),
        ("negotiation.yml", True),
        ("dossiers/talks/rounds/2022-03-01.yaml", True),
        ("rounds/r1.yml", True),
        (".github/workflows/ci.yaml", False),
        ("talks/schemas/round.schema.json", False),
        ("talks/sources/statement.txt", False),
        ("talks/rounds/notes.md", False),
        ("talks/rounds/old/r1.yaml", False),
        ("mynegotiation.yaml", False),
    ],
)
def test_the_hook_is_given_the_files_of_folder_dossiers(name: str, given: bool) -> None:
    assert given == bool(re.search(_hook()["files"], name))


def test_its_entry_checks_each_dossier_once() -> None:
    """Every file of three dossiers, as a commit of them all would pass them: three checks."""
    files = _selected(ROOT, EXAMPLES)
    assert len(files) > 10
    result = _run_entry(files, ROOT)
    assert (0, "") == (result.returncode, result.stderr.replace(_notes(result.stderr), ""))
    checked = [line.split(": ok: ")[0] for line in result.stdout.splitlines()]
    assert [
        "examples/minimal",
        "examples/paris-2015",
        "examples/ukraine-russia-2022",
    ] == sorted(checked)


def _notes(stderr: str) -> str:
    return "".join(line + "\n" for line in stderr.splitlines() if ": note: " in line)


def test_its_entry_fails_on_a_broken_round(tmp_path: Path) -> None:
    """A misspelt key in one round file: exit 2, the problem on its line, the dossier named."""
    broken = tmp_path / "talks"
    shutil.copytree(FLAGSHIP, broken)
    round_file = broken / "rounds" / "2022-03-29.yaml"
    text = round_file.read_text(encoding="utf-8")
    round_file.write_text(text.replace("preferred:", "prefered:", 1), encoding="utf-8")
    result = _run_entry(["talks/rounds/2022-03-29.yaml"], tmp_path)
    assert 2 == result.returncode
    assert "talks/rounds/2022-03-29.yaml:" in result.stderr
    assert "unknown key 'prefered' on a position (did you mean 'preferred'?)" in result.stderr
    assert "Traceback" not in result.stderr


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(  # noqa: S603  (git with fixed arguments)
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],  # noqa: S607
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.slow
def test_pre_commit_try_repo_runs_the_hook(tmp_path: Path) -> None:
    """pre-commit itself installs negotrack from this tree and runs the hook on a repository.

    Only pip reaches the network (to build and install negotrack in the hook's environment).
    """
    work = tmp_path / "work"
    shutil.copytree(FLAGSHIP, work / "good")
    shutil.copytree(FLAGSHIP, work / "bad")
    round_file = work / "bad" / "rounds" / "2022-03-29.yaml"
    text = round_file.read_text(encoding="utf-8")
    round_file.write_text(text.replace("preferred:", "prefered:", 1), encoding="utf-8")
    _git("init", "-q", cwd=work)
    _git("add", ".", cwd=work)
    _git("commit", "-q", "-m", "dossiers", cwd=work)
    pre_commit = Path(sys.executable).with_name("pre-commit")
    result = subprocess.run(  # noqa: S603  (pre-commit with fixed arguments)
        [str(pre_commit), "try-repo", str(ROOT), "negotrack-validate", "--all-files"],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"},
        check=False,
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert 1 == result.returncode, output
    assert "negotrack validate" in output
    assert "bad/rounds/2022-03-29.yaml:" in output
    assert "unknown key 'prefered'" in output
    assert "good: ok: " in output
