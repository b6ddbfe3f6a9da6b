"""validate --format: text, one JSON document, or GitHub workflow annotations."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from negotrack.cli._main import main
from negotrack.cli._problems import annotation
from negotrack.model._errors import Problem
from tests.conftest import MINIMAL

if TYPE_CHECKING:
    from pathlib import Path

BAD = "id: talks\ntitle: Talks\nparties:\n  - {id: a, name: A, lcoation: x}\n"


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_json_lists_each_dossier_with_its_problems(
    bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 2 == main(["validate", str(MINIMAL), str(bad), "-f", "json"])
    out, err = capsys.readouterr()
    assert "" == err
    data = json.loads(out)
    assert "negotrack-validate/1" == data["format"]
    good, wrong = data["dossiers"]
    assert (True, False) == (good["ok"], wrong["ok"])
    assert good["summary"].startswith("2 parties")
    (problem,) = wrong["problems"]
    assert (problem["file"], problem["line"], problem["path"]) == (
        str(bad),
        4,
        "$.parties[0].lcoation",
    )
    assert "lcoation" in problem["message"]


def test_github_annotations_name_file_line_and_column(
    bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 2 == main(["validate", str(bad), "-f", "github"])
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"::error file={bad},line=4,col=")
    assert ",title=negotrack::$.parties[0].lcoation: unknown key" in line


def test_an_annotation_cannot_be_ended_early_by_the_text_it_carries() -> None:
    found = annotation("error", Problem("a,b:c.yaml", 3, 2, "$", "bad\n::warning::100%"))
    assert (
        found == "::error file=a%2Cb%3Ac.yaml,line=3,col=2,title=negotrack::bad%0A::warning::100%25"
    )
    assert "\n" not in found


def test_text_stays_the_default(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert 2 == main(["validate", str(bad)])
    out, err = capsys.readouterr()
    assert "" == out
    assert err.startswith(f"{bad}:4:")
