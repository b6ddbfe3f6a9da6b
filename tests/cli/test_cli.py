"""The command line: validate, exit codes, and no traceback for a user's mistake."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import negotrack
from negotrack.cli._main import main
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
        f"{bad}:4:13: $.parties[0].nmae: unknown key 'nmae' on a party (did you mean 'name'?)",
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
    assert 0 == result.returncode
    assert "ok:" in result.stdout
    # the flagship's opening positions are inferred from later statements, on purpose
    notes = result.stderr.splitlines()
    assert notes
    assert all(": note: " in line and "is dated after round" in line for line in notes)


def test_python_dash_m() -> None:
    """``python -m negotrack`` is the same command."""
    result = subprocess.run(  # noqa: S603  (our own program, fixed arguments)
        [sys.executable, "-m", "negotrack", "validate", "-q", str(MINIMAL)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (0, "", "") == (result.returncode, result.stdout, result.stderr)


# -- diff ----------------------------------------------------------------------------------------


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_defaults_to_the_last_two_rounds(capsys: pytest.CaptureFixture[str]) -> None:
    """With no rounds named, diff compares the last two."""
    code, out, err = run_cli(["diff", str(FLAGSHIP), "--format", "json"], capsys)
    assert (0, "") == (code, err)
    data = json.loads(out)
    assert ("2022-03-29", "2022-04-15") == (data["before"], data["after"])


def test_diff_one_round_compares_it_with_the_last(capsys: pytest.CaptureFixture[str]) -> None:
    """With one round named, diff compares it with the last round."""
    code, out, _ = run_cli(["diff", str(FLAGSHIP), "2022-03-07", "-f", "json"], capsys)
    assert 0 == code
    assert ("2022-03-07", "2022-04-15") == (json.loads(out)["before"], json.loads(out)["after"])


def test_diff_filters_and_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    """Filters narrow the changes; --exit-code gives 1 when any are left, 0 when none are."""
    argv = ["diff", str(FLAGSHIP), "2022-03-07", "2022-03-16", "-f", "json", "--exit-code"]
    code, out, _ = run_cli([*argv, "--party", "ru", "--meaning", "concession"], capsys)
    assert 1 == code
    changes = json.loads(out)["changes"]
    assert changes
    assert {("ru", "concession")} == {(c["party"], c["meaning"]) for c in changes}
    code, out, _ = run_cli([*argv, "--kind", "member_left"], capsys)
    assert (0, []) == (code, json.loads(out)["changes"])


def test_diff_text_has_no_colour_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """Text output to a pipe or file has no escape codes unless --color always."""
    code, out, _ = run_cli(["diff", str(FLAGSHIP), "2022-03-07", "2022-03-16"], capsys)
    assert 0 == code
    assert "\x1b[" not in out
    code, out, _ = run_cli(
        ["diff", str(FLAGSHIP), "2022-03-07", "2022-03-16", "--color", "always"], capsys
    )
    assert "\x1b[" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["diff", "{flagship}", "2022-03-17"],
            "unknown round '2022-03-17'; the dossier has",
        ),
        (["diff", "{flagship}", "a", "b", "c"], "diff takes DOSSIER [FROM] [TO], or OLD NEW"),
        (["diff", "{flagship}", "--kind", "moved"], "unknown kind 'moved'"),
        (["diff", "no/such/dossier"], "no/such/dossier: cannot read file"),
        (["diff", "{flagship}", "-f", "pdf"], "invalid choice: 'pdf'"),
        (["diff", "{flagship}", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (
            ["report", "{flagship}", "--issue", "alignmnt"],
            "unknown issue 'alignmnt' (did you mean 'alignment'?",
        ),
        (["schema", "dosier"], "unknown schema 'dosier' (did you mean 'dossier'?"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each user mistake is a clear message on stderr, exit code 2, and no traceback."""
    code, out, err = run_cli([a.replace("{flagship}", str(FLAGSHIP)) for a in argv], capsys)
    assert 2 == code
    assert message in err
    assert "Traceback" not in err
    assert "" == out


def test_output_written_atomically_and_not_on_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--output writes the whole report; an unwritable path or a bad dossier writes nothing."""
    target = tmp_path / "brief.md"
    assert 0 == main(["diff", str(FLAGSHIP), "-f", "markdown", "-o", str(target)])
    assert target.read_text(encoding="utf-8").startswith("#")
    missing_dir = tmp_path / "no" / "such" / "dir" / "out.md"
    code, _, err = run_cli(["diff", str(FLAGSHIP), "-o", str(missing_dir)], capsys)
    assert 2 == code
    assert "cannot write" in err
    assert not missing_dir.parent.exists()
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    out_file = tmp_path / "never.md"
    code, _, err = run_cli(["diff", str(bad), "-o", str(out_file)], capsys)
    assert 2 == code
    assert not out_file.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_report_and_timeline_in_every_format(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """report and timeline render the flagship dossier in every format."""
    for command in ("report", "timeline"):
        code, out, err = run_cli([command, str(FLAGSHIP), "-f", fmt], capsys)
        assert (0, "") == (code, err)
        assert "Ukraine" in out


def test_timeline_for_one_issue(capsys: pytest.CaptureFixture[str]) -> None:
    """timeline --issue keeps that issue only."""
    code, out, _ = run_cli(
        ["timeline", str(FLAGSHIP), "--issue", "alignment", "-f", "json"], capsys
    )
    assert 0 == code
    assert ["alignment"] == list(json.loads(out)["issues"])


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """export writes one row per round, party and issue in force."""
    code, out, _ = run_cli(["export", str(MINIMAL), "--format", fmt], capsys)
    assert 0 == code
    dossier = negotrack.load(MINIMAL)
    expected = sum(len(dossier.effective_positions(r.id)) for r in dossier.rounds)
    rows = list(csv.DictReader(io.StringIO(out))) if fmt == "csv" else json.loads(out)
    assert expected == len(rows)


def test_schema_lists_and_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """schema lists the bundled schemas and prints one as JSON."""
    code, out, _ = run_cli(["schema"], capsys)
    assert 0 == code
    assert {"dossier", "negotiation", "round", "diff", "report"} <= set(out.split())
    code, out, _ = run_cli(["schema", "round"], capsys)
    assert 0 == code
    assert "http://json-schema.org/draft-07/schema#" == json.loads(out)["$schema"]


def test_init_scaffolds_a_valid_dossier_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """init writes a dossier that validates, then refuses to write into the same folder."""
    folder = tmp_path / "talks"
    assert 0 == main(["init", str(folder), "--title", 'Wage "round": 2025'])
    capsys.readouterr()
    dossier = negotrack.load(folder)
    assert 'Wage "round": 2025' == dossier.title
    first_line = (folder / "negotiation.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schemas/negotiation.schema.json"
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    code, _, err = run_cli(["init", str(folder)], capsys)
    assert 2 == code
    assert "already exists and is not empty" in err
    assert before == sorted(p.relative_to(folder) for p in folder.rglob("*"))


def test_plot_writes_an_image(tmp_path: Path) -> None:
    """plot draws an issue to PNG."""
    target = tmp_path / "alignment.png"
    assert 0 == main(["plot", str(FLAGSHIP), "--issue", "alignment", "-o", str(target)])
    assert target.read_bytes().startswith(b"\x89PNG")


def test_plot_all_writes_a_file_per_issue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """plot --all draws every issue into a folder it makes: one file each, named by the issue id."""
    pytest.importorskip("matplotlib")
    folder = tmp_path / "charts"
    code, out, err = run_cli(["plot", str(FLAGSHIP), "--all", "-o", str(folder)], capsys)
    issues = [i.id for i in negotiation_issues()]
    assert (0, "") == (code, out)
    assert f"wrote {len(issues)} charts" in err
    assert sorted(f"{i}.png" for i in issues) == sorted(p.name for p in folder.iterdir())
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in folder.iterdir())
    code, _, _ = run_cli(["plot", str(FLAGSHIP), "--all", "-f", "svg", "-o", str(folder)], capsys)
    assert 0 == code
    assert len(issues) == len(list(folder.glob("*.svg")))


def negotiation_issues() -> tuple[negotrack.Issue, ...]:
    return negotrack.load(FLAGSHIP).issues


@pytest.mark.parametrize(
    ("make", "argv", "message"),
    [
        ("link", ["--all"], "will not write over"),
        ("fifo", ["--all"], "will not write over"),
        ("file", ["--all"], "not a folder"),
        ("none", ["--issue", "alignment", "-f", "svg"], "--format goes with --all"),
        ("none", ["--issue", "alignmnet"], "alignment"),
        ("none", ["--issue", "alignment", "--all"], "not allowed with"),
    ],
)
def test_plot_mistakes_exit_2_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: str, argv: list[str], message: str
) -> None:
    """A symlink or FIFO where a chart would go, a file for the folder, a wrong option: one line."""
    pytest.importorskip("matplotlib")
    folder = tmp_path / "charts"
    secret = tmp_path / "secret.txt"
    secret.write_text("keep")
    if make == "file":
        folder.write_text("a file")
    elif make != "none":
        folder.mkdir()
        if make == "link":
            (folder / "crimea.png").symlink_to(secret)
        else:
            os.mkfifo(folder / "crimea.png")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    target = folder if "--all" in argv else tmp_path / "charts.png"
    code, _, err = run_cli(["plot", str(FLAGSHIP), *argv, "-o", str(target)], capsys)
    assert 2 == code
    assert message in err
    assert "Traceback" not in err
    assert before == sorted(p.name for p in tmp_path.rglob("*"))
    assert "keep" == secret.read_text()


# -- git -------------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(  # noqa: S603  (git with fixed arguments)
        ["git", "-c", "user.email=test@example.org", "-c", "user.name=Test", *args],  # noqa: S607
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the minimal dossier, committed, then edited in the work tree."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    shutil.copytree(MINIMAL, root / "talks")
    git(root, "add", ".")
    git(root, "commit", "-qm", "first")
    round_file = root / "talks" / "rounds" / "2024-03-15.yaml"
    text = round_file.read_text(encoding="utf-8")
    round_file.write_text(
        text.replace("preferred: 3.5", "preferred: 3.8").replace("max: 3.5}", "max: 3.8}"),
        encoding="utf-8",
    )
    return root


def test_diff_against_a_git_revision(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """negotrack diff REV:PATH PATH compares a dossier with its committed version."""
    monkeypatch.chdir(repo)
    code, out, err = run_cli(["diff", "HEAD:talks", "talks", "-f", "json"], capsys)
    assert (0, "") == (code, err)
    moved = [c for c in json.loads(out)["changes"] if c["kind"] == "preferred_moved"]
    assert [(3.5, 3.8)] == [(c["before"], c["after"]) for c in moved]


def test_git_diff_driver_from_gitattributes(repo: Path) -> None:
    """With the .gitattributes diff driver set up, git diff shows negotrack's diff of each file."""
    script = shutil.which("negotrack", path=str(Path(sys.executable).parent))
    assert script is not None
    (repo / ".gitattributes").write_text("*.yaml diff=negotrack\n", encoding="utf-8")
    git(repo, "config", "diff.negotrack.command", f"{script} git-diff")
    out = git(repo, "diff")
    assert "Bakery management" in out
    assert "3.5 percent -> 3.8 percent" in out
