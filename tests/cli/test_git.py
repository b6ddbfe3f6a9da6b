"""negotrack and git: REV:PATH as git reads it, and a diff driver that never dies."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
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


# -- crafted trees and links (issue 12, item 2) ----------------------------------------------------


def _tree_with(repo: Path, tree: str, extra: str, replace: str | None = None) -> str:
    """A new tree: ``tree``'s entries (less the one named ``replace``) plus ``extra`` lines."""
    lines = [
        line
        for line in git(repo, "ls-tree", tree).splitlines()
        if replace is None or line.split("\t", 1)[1] != replace
    ]
    return _mktree(repo, "\n".join([*lines, extra]) + "\n")


def _git_input(repo: Path, data: str, *args: str) -> str:
    """git with ``data`` on its standard input; its output, stripped."""
    command = ["git", *args]
    result = subprocess.run(  # noqa: S603 - git with fixed arguments
        command, cwd=repo, input=data, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def _mktree(repo: Path, entries: str) -> str:
    return _git_input(repo, entries, "mktree")


def _blob(repo: Path, data: str) -> str:
    return _git_input(repo, data, "hash-object", "-w", "--stdin")


def _commit_with_talks(repo: Path, talks_tree: str) -> str:
    """A commit of HEAD's tree with ``talks/`` replaced by ``talks_tree``."""
    root = _tree_with(repo, "HEAD^{tree}", f"040000 tree {talks_tree}\ttalks", replace="talks")
    return git(repo, "commit-tree", root, "-m", "crafted").strip()


def test_dot_dot_entries_in_a_tree_write_nothing_anywhere(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries named ``..`` (talks/../../../escaped.yaml) reach no folder: the tree is read in memory."""
    monkeypatch.chdir(repo)
    scratch = tmp_path / "scratch" / "deeper"
    scratch.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where a temporary folder would go
    evil_blob = _blob(repo, "id: evil\n")
    evil = _mktree(repo, f"100644 blob {evil_blob}\tescaped.yaml\n")
    for _ in range(3):  # with the one in talks/: talks/../../../../ is tmp_path, outside the repo
        evil = _mktree(repo, f"040000 tree {evil}\t..\n")
    rounds = _tree_with(repo, "HEAD:talks/rounds", f"040000 tree {evil}\t..")
    talks = _tree_with(repo, "HEAD:talks", f"040000 tree {evil}\t..", replace=None)
    talks = _tree_with(repo, talks, f"040000 tree {rounds}\trounds", replace="rounds")
    commit = _commit_with_talks(repo, talks)
    names = git(repo, "ls-tree", "-r", "--name-only", commit).splitlines()
    assert "talks/../../../../escaped.yaml" in names
    assert "talks/rounds/../../../../escaped.yaml" in names
    assert load_version("HEAD:talks") == load_version(f"{commit}:talks")
    assert [] == list(tmp_path.rglob("escaped.yaml"))
    assert [] == list(scratch.iterdir())


@pytest.mark.parametrize("where", ["talks/rounds/2024-03-20.yaml", "talks.yaml"])
def test_a_symlink_in_a_tree_is_refused_not_followed(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A mode-120000 entry where a dossier file goes: one clear line, exit 2."""
    monkeypatch.chdir(repo)
    link = f"120000 blob {_blob(repo, '../../../etc/hostname')}"
    if where == "talks.yaml":
        commit = git(
            repo, "commit-tree", _tree_with(repo, "HEAD^{tree}", f"{link}\ttalks.yaml"), "-m", "x"
        ).strip()
        spec = f"{commit}:talks.yaml"
    else:
        rounds = _tree_with(repo, "HEAD:talks/rounds", f"{link}\t2024-03-20.yaml")
        commit = _commit_with_talks(
            repo, _tree_with(repo, "HEAD:talks", f"040000 tree {rounds}\trounds", replace="rounds")
        )
        spec = f"{commit}:talks"
    with pytest.raises(GitError, match=f"{commit}:{where}: a symbolic link"):
        load_version(spec)
    assert 2 == main(["diff", spec, "talks"])
    err = capsys.readouterr().err
    assert [
        f"negotrack: {commit}:{where}: a symbolic link or submodule, not a file; negotrack does not follow links from git"
    ] == err.splitlines()


@pytest.mark.parametrize("target", ["loop", "outside"])
def test_the_driver_never_follows_a_symlink_in_the_working_tree(
    repo: Path, tmp_path: Path, target: str
) -> None:
    """A round file that is a link (a loop, or a file outside): a text diff saying so, not a dossier."""
    rounds = repo / "talks" / "rounds"
    if target == "loop":
        (rounds / "2024-03-20.yaml").symlink_to("2024-03-20.yaml")
    else:
        outside = tmp_path / "outside.yaml"
        shutil.copy(rounds / "2024-03-15.yaml", outside)
        (rounds / "2024-03-20.yaml").symlink_to(outside)
    round_file = rounds / "2024-03-15.yaml"
    round_file.write_text(
        round_file.read_text(encoding="utf-8").replace("preferred: 3.5", "preferred: 3.8"),
        encoding="utf-8",
    )
    out = git(repo, "diff", "--", "talks/rounds/2024-03-15.yaml")
    first = out.splitlines()[0]
    assert first.startswith("negotrack: talks/rounds/2024-03-15.yaml is not a dossier that loads (")
    assert "a symbolic link; git-diff does not follow links" in first
    assert "+preferred: 3.8" in out.replace("  ", "").replace("- ", "")
