"""negotrack and git: REV:PATH as git reads it, and a diff driver that never dies."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from negotrack.cli._git import GitError, load_version, text_diff
from negotrack.cli._main import main
from tests.cli.test_cli import git
from tests.conftest import MINIMAL

WORKFLOW = "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a folder dossier and a CI workflow, committed, the driver declared."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    shutil.copytree(MINIMAL, root / "talks")
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "ci.yaml").write_text(WORKFLOW, encoding="utf-8")
    (root / ".gitattributes").write_text("*.yaml diff=negotrack\n", encoding="utf-8")
    script = shutil.which("negotrack", path=str(Path(sys.executable).parent))
    assert script is not None
    git(root, "config", "diff.negotrack.command", f"{script} git-diff")
    git(root, "add", ".")
    git(root, "commit", "-qm", "first")
    return root


def test_a_yaml_file_that_is_no_dossier_gets_a_text_diff(repo: Path) -> None:
    """git diff of a CI workflow under the driver: a one-line note, then git's own diff."""
    workflow = repo / ".github" / "workflows" / "ci.yaml"
    workflow.write_text(WORKFLOW.replace("ubuntu-latest", "ubuntu-24.04"), encoding="utf-8")
    out = git(repo, "diff")  # check=True: the driver did not die
    first, *rest = out.splitlines()
    assert first.startswith("negotrack: .github/workflows/ci.yaml is not a dossier that loads (")
    assert "-    runs-on: ubuntu-latest" in rest
    assert "+    runs-on: ubuntu-24.04" in rest
    assert "--- a/.github/workflows/ci.yaml" in rest


def test_a_half_edited_round_gets_a_text_diff(repo: Path) -> None:
    """A round file left mid-edit (a key with no value where a mapping belongs) still diffs."""
    round_file = repo / "talks" / "rounds" / "2024-03-15.yaml"
    text = round_file.read_text(encoding="utf-8")
    round_file.write_text(text + "positions: [\n", encoding="utf-8")
    out = git(repo, "diff")
    assert "is not a dossier that loads" in out.splitlines()[0]
    assert "+positions: [" in out


def test_git_log_with_ext_diff_speaks_negotrack(repo: Path) -> None:
    """As the docs say: git log -p needs --ext-diff to call the driver."""
    round_file = repo / "talks" / "rounds" / "2024-03-15.yaml"
    round_file.write_text(
        round_file.read_text(encoding="utf-8")
        .replace("preferred: 3.5", "preferred: 3.8")
        .replace("max: 3.5}", "max: 3.8}"),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "second")
    assert "3.5 percent -> 3.8 percent" in git(repo, "log", "-p", "--ext-diff", "-1")
    assert "3.5 percent -> 3.8 percent" not in git(repo, "log", "-p", "-1")


def test_added_and_deleted_files_diff_against_dev_null(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text("a: 1\n", encoding="utf-8")
    added = text_diff("x.yaml", "/dev/null", str(new))
    assert ["--- /dev/null", "+++ b/x.yaml", "@@ -0,0 +1 @@", "+a: 1"] == added.splitlines()
    deleted = text_diff("x.yaml", str(new), "/dev/null")
    assert ["--- a/x.yaml", "+++ /dev/null", "@@ -1 +0,0 @@", "-a: 1"] == deleted.splitlines()


def test_rev_path_is_relative_to_the_top_and_dot_slash_to_here(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From inside talks/, HEAD:talks and HEAD:./ name the same folder, as git reads them."""
    monkeypatch.chdir(repo / "talks")
    top = load_version("HEAD:talks")
    assert top == load_version("HEAD:./")
    assert top == load_version("HEAD:./rounds/../")
    assert main(["diff", "HEAD:talks", ".", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == []
    with pytest.raises(GitError, match="no such file or folder in HEAD"):
        load_version("HEAD:rounds")  # from the top, there is no rounds/ folder
    with pytest.raises(GitError, match="leaves the repository"):
        load_version("HEAD:../../elsewhere")


def test_a_revision_starting_with_a_dash_never_reaches_git(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    with pytest.raises(GitError, match="cannot start with '-'"):
        load_version("--output=/tmp/x:talks")
    assert main(["diff", "--", "--output=x:talks", "talks"]) == 2
    err = capsys.readouterr().err
    assert "a revision cannot start with '-'" in err
    assert not (repo / "x").exists()
