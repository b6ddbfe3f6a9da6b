"""A dossier folder cannot make negotrack read, or echo, a file outside it."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

import negotrack as nt
from tests.conftest import MINIMAL

if TYPE_CHECKING:
    from pathlib import Path

SECRET = "secret-line-" + "x" * 500


def _dossier(tmp_path: Path) -> Path:
    folder = tmp_path / "talks"
    shutil.copytree(MINIMAL, folder)
    return folder


def test_a_link_out_of_the_folder_is_refused_unread(tmp_path: Path) -> None:
    outside = tmp_path / "private.txt"
    outside.write_text(SECRET)
    folder = _dossier(tmp_path)
    (folder / "rounds" / "zz.yaml").symlink_to(outside)
    with pytest.raises(nt.LoadError) as caught:
        nt.load(folder)
    said = str(caught.value)
    assert "secret-line" not in said
    assert "zz.yaml: a symbolic link to a file outside the dossier's folder; it is not read" in said


def test_a_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    folder = _dossier(tmp_path)
    last = max((folder / "rounds").iterdir())
    kept = folder / "kept.yaml"
    last.rename(kept)
    last.symlink_to(kept)
    assert nt.load(folder) == nt.load(MINIMAL)


def test_a_problem_quotes_only_an_excerpt_of_a_files_text(tmp_path: Path) -> None:
    folder = _dossier(tmp_path)
    (folder / "rounds" / "zz.yaml").write_text(SECRET + "\n")
    with pytest.raises(nt.LoadError) as caught:
        nt.load(folder)
    (problem,) = caught.value.problems
    assert "secret-line-" in problem.message
    assert SECRET not in problem.message
    assert f"({len(SECRET):,} characters)" in problem.message
    assert len(problem.message) < 200
