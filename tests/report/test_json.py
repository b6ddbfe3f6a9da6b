"""The JSON renderer: valid against its schemas, deterministic, and matching reviewed golden files."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import os
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from jsonschema import Draft7Validator

import negotrack as nt
from negotrack.report._json import JsonRenderer
from negotrack.report._render import renderer_for
from negotrack.report._serialise import DIFF_FORMAT, REPORT_FORMAT, diff_data, timeline_data
from tests.conftest import DATA, FLAGSHIP, ROOT
from tests.strategies import negotiations

CASES = DATA / "cases"
GOLDEN = DATA / "flagship"
ROUNDS = yaml.safe_load((CASES / "cases.yaml").read_text(encoding="utf-8"))
REGENERATE = os.environ.get("NEGOTRACK_REGENERATE") == "1"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
FLAGSHIP_DIFFS = [("2022-03-07", "2022-03-16"), ("2022-03-16", "2022-03-29")]
RENDERER = JsonRenderer()


@functools.cache
def validator(name: str) -> Draft7Validator:
    """A validator for the committed schema file, checking formats too."""
    committed = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft7Validator(committed, format_checker=Draft7Validator.FORMAT_CHECKER)


def schema_errors(name: str, text: str) -> list[str]:
    """Each validation error of a JSON text as ``path: message``."""
    return [f"{e.json_path}: {e.message}" for e in validator(name).iter_errors(json.loads(text))]


@functools.cache
def flagship() -> nt.Negotiation:
    return nt.load(FLAGSHIP)


def case_diff(case: str) -> tuple[nt.Negotiation, nt.Diff]:
    """The dossier of a golden case (the newer one for versions) and the diff it describes."""
    folder = CASES / case
    if (folder / "old.yaml").exists():
        old, new = nt.load(folder / "old.yaml"), nt.load(folder / "new.yaml")
        return new, nt.compare_versions(old, new)
    dossier = nt.load(folder / "dossier.yaml")
    return dossier, nt.compare(dossier, ROUNDS[case]["before"], ROUNDS[case]["after"])


def check_golden(name: str, actual: str) -> None:
    """``actual`` equals tests/data/flagship/<name> (NEGOTRACK_REGENERATE=1 rewrites it)."""
    expected_file = GOLDEN / name
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8", newline="\n")
    assert expected_file.exists(), f"no {name} in {GOLDEN}: run with NEGOTRACK_REGENERATE=1"
    assert expected_file.read_text(encoding="utf-8") == actual


def _walk(node: Any, path: str) -> list[str]:
    """Paths of every property in a schema that has no description."""
    missing: list[str] = []
    if isinstance(node, dict):
        for key, part in node.get("properties", {}).items():
            if not (isinstance(part, dict) and part.get("description")):
                missing.append(f"{path}.properties.{key}")
        for key, part in node.items():
            missing += _walk(part, f"{path}.{key}")
    elif isinstance(node, list):
        for index, part in enumerate(node):
            missing += _walk(part, f"{path}[{index}]")
    return missing


# -- the schemas -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["diff", "report", "forecast", "backtest"])
def test_every_property_is_described(name: str) -> None:
    """Every property of the output schemas has a description."""
    committed = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert [] == _walk(committed, "$")


def test_renderer_for_json_is_the_json_renderer() -> None:
    """The json format name gives a JsonRenderer."""
    assert isinstance(renderer_for("json"), JsonRenderer)


# -- golden cases ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASE_NAMES)
def test_case_diff_validates(case: str) -> None:
    """The JSON diff of every golden case validates against diff.schema.json."""
    negotiation, diff = case_diff(case)
    assert [] == schema_errors("diff", RENDERER.diff(negotiation, diff))


@pytest.mark.parametrize("case", CASE_NAMES)
def test_case_diff_round_trips(case: str) -> None:
    """The JSON diff parses back to diff_data and dumps again to the same text."""
    negotiation, diff = case_diff(case)
    text = RENDERER.diff(negotiation, diff)
    assert text.endswith("}\n")
    assert diff_data(diff, negotiation) == json.loads(text)
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("case", CASE_NAMES)
def test_case_diff_is_deterministic(case: str) -> None:
    """Loading and diffing a case twice gives byte-identical JSON."""
    first, second = case_diff(case), case_diff(case)
    assert RENDERER.diff(*first) == RENDERER.diff(*second)


@pytest.mark.parametrize("case", CASE_NAMES)
def test_case_report_validates(case: str) -> None:
    """The JSON report of every golden case's dossier validates against report.schema.json."""
    negotiation, _ = case_diff(case)
    text = RENDERER.report(negotiation, nt.timeline(negotiation))
    assert [] == schema_errors("report", text)
    assert REPORT_FORMAT == json.loads(text)["format"]


# -- the flagship example ----------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), FLAGSHIP_DIFFS)
def test_flagship_diff_matches_golden(before: str, after: str) -> None:
    """The flagship's JSON diffs validate and match the reviewed golden files."""
    text = RENDERER.diff(flagship(), nt.compare(flagship(), before, after))
    assert [] == schema_errors("diff", text)
    assert DIFF_FORMAT == json.loads(text)["format"]
    check_golden(f"diff-{before}-{after}.json", text)


def test_flagship_report_matches_golden() -> None:
    """The flagship's JSON report validates and matches the reviewed golden file."""
    text = RENDERER.report(flagship(), nt.timeline(flagship()))
    assert [] == schema_errors("report", text)
    check_golden("report.json", text)


def test_flagship_report_round_trips() -> None:
    """The JSON report parses back to timeline_data and renders the same from a fresh load."""
    talks = flagship()
    text = RENDERER.report(talks, nt.timeline(talks))
    assert timeline_data(talks, nt.timeline(talks)) == json.loads(text)
    fresh = nt.load(FLAGSHIP)
    assert text == RENDERER.report(fresh, nt.timeline(fresh))


def test_timeline_is_the_report_data() -> None:
    """The timeline renderer writes the same document as the report, for one issue too."""
    talks = flagship()
    assert RENDERER.report(talks, nt.timeline(talks)) == RENDERER.timeline(
        talks, nt.timeline(talks)
    )
    one = json.loads(RENDERER.timeline(talks, nt.timeline(talks, issues="alignment")))
    assert ["alignment"] == list(one["issues"])


def test_flagship_report_says_what_moved() -> None:
    """The report carries the flagship's story: alignment converges, with numbers rounded."""
    data = json.loads(RENDERER.report(flagship(), nt.timeline(flagship())))
    alignment = data["issues"]["alignment"]
    assert "converging" == alignment["verdict"]
    assert "alignment" in data["converging"]
    assert "ordinal" == alignment["scale"]["kind"]
    assert alignment["turning_points"]
    moved = {party for turn in alignment["turning_points"] for party in turn["parties"]}
    assert {"ru", "ua"} <= moved
    ceiling = data["issues"]["armed-forces-ceiling"]
    assert "numeric" == ceiling["scale"]["kind"]
    numbers = [p["normalised"] for p in ceiling["points"] if p["normalised"] is not None]
    assert numbers
    assert all(round(n, 6) == n for n in numbers)
    assert [r.id for r in flagship().rounds] == [r["id"] for r in data["rounds"]]


def test_text_is_not_escaped() -> None:
    """Non-ASCII analyst text is written as UTF-8, not as \\u escapes."""
    talks = nt.Negotiation(
        "t",
        "Переговоры",
        issues=(nt.Issue("i", "Нейтралитет", nt.OrdinalScale(options=(nt.Option("a", "Ä"),))),),
        rounds=(nt.Round("r1", "Раунд", date=dt.date(2022, 3, 1)),),
    )
    text = RENDERER.report(talks, nt.timeline(talks))
    assert "Переговоры" in text
    assert "\\u" not in text
    assert [] == schema_errors("report", text)


# -- any dossier -------------------------------------------------------------------------------


@settings(deadline=None)
@given(negotiations())
def test_any_report_and_diff_validate(negotiation: nt.Negotiation) -> None:
    """For any dossier, the report and the diff of each pair of rounds validate and round-trip."""
    text = RENDERER.report(negotiation, nt.timeline(negotiation))
    assert [] == schema_errors("report", text)
    assert text == RENDERER.report(negotiation, nt.timeline(negotiation))
    ids = [r.id for r in negotiation.rounds]
    for before, after in itertools.pairwise(ids):
        diff_text = RENDERER.diff(negotiation, nt.compare(negotiation, before, after))
        assert [] == schema_errors("diff", diff_text)
        assert diff_text == json.dumps(json.loads(diff_text), indent=2, ensure_ascii=False) + "\n"
