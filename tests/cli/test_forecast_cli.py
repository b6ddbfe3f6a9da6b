"""negotrack forecast and backtest: tables, JSON valid against their schemas, files, one-line errors."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import attrs
import pytest
from jsonschema import Draft7Validator

import negotrack as nt
from negotrack.cli._main import main
from negotrack.report._forecasts import backtest_text, forecast_data, forecast_text
from tests.conftest import DATA, FLAGSHIP, ROOT

if TYPE_CHECKING:
    from pathlib import Path

COUNCIL = DATA / "forecast" / "council.yaml"


def _errors(name: str, text: str) -> list[str]:
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(json.loads(text))]


def test_forecast_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["forecast", str(COUNCIL), "--width", "100"])
    out, err = capsys.readouterr()
    assert "" == err
    assert "from the positions in force in round r2:" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:1].isalpha()}
    assert ["45.56", "60.91", "45.00", "30.00", "20.00", "40.00"] == rows["budget"][-6:]
    assert ["2.05", "1.88", "1.75", "2.00", "1.00", "2.00"] == rows["scope"][-6:]
    assert "venue: categorical: its options have no order, so no forecast." in out
    assert "review, nearest options: compromise strict, mean light," in out


def test_backtest_prints_each_models_score(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["backtest", str(COUNCIL), "r2"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    scores = {" ".join(line.split()[:-3]): line.split()[-3:] for line in lines[5:10]}
    assert {
        "compromise": ["3", "5.62", "0"],
        "mean": ["3", "7.98", "1"],
        "median": ["3", "3.75", "2"],
        "weighted median": ["3", "10.00", "1"],
        "reference": ["2", "22.50", "0"],
    } == scores
    assert "No outcome recorded, not scored: review." in out
    assert "Categorical, not forecast: venue." in out


@pytest.mark.parametrize(("command", "dossier"), [("forecast", COUNCIL), ("backtest", FLAGSHIP)])
def test_json_validates_against_its_schema(
    command: str, dossier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.json"
    assert 0 == main([command, str(dossier), "-f", "json", "-o", str(target)])
    assert ("", "") == capsys.readouterr()
    text = target.read_text(encoding="utf-8")
    assert [] == _errors(command, text)
    assert f"negotrack-{command}/1" == json.loads(text)["format"]


def test_forecast_json_by_hand(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["forecast", str(COUNCIL), "r1", "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    budget, scope = data["issues"][:2]
    assert 32 == budget["forecasts"]["compromise"]  # (1.5 * 20 + 50) / 2.5
    assert ["a", "b"] == budget["parties"]
    assert "nearest" not in budget
    assert None is scope["nearest"]["compromise"]
    assert "narrow" == scope["nearest"]["reference"]


def test_backtest_json_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["backtest", str(COUNCIL), "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    assert [] == _errors("backtest", json.dumps(data))
    assert {"reference": 2, "median": 3} == {
        s["model"]: s["issues"] for s in data["scores"] if s["model"] in ("reference", "median")
    }
    assert ["mean", "median"] == data["issues"][2]["closest"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["forecast", str(COUNCIL), "r3"], "negotrack: unknown round 'r3'; the dossier has"),
        (["backtest", str(COUNCIL), "r"], "negotrack: unknown round 'r'; the dossier has"),
        (["forecast", "missing.yaml"], "missing.yaml"),
        (["backtest", str(COUNCIL), "-f", "csv"], "invalid choice: 'csv'"),
    ],
)
def test_a_mistake_is_one_line_and_exit_2(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 2 == main(args)
    out, err = capsys.readouterr()
    assert "" == out
    assert said in err
    assert "Traceback" not in err
    if args[-1] != "csv":
        assert 1 == len(err.splitlines())


def test_a_dossier_without_rounds_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("id: x\ntitle: X\n", encoding="utf-8")
    assert 2 == main(["forecast", str(empty)])
    assert "negotrack: the dossier has no rounds, so no positions to forecast from\n" == (
        capsys.readouterr().err
    )


def test_nothing_is_written_on_a_mistake(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    assert 2 == main(["forecast", str(COUNCIL), "nope", "-o", str(target)])
    assert not target.exists()


def test_analyst_text_is_made_plain() -> None:
    """Control characters and bidirectional controls in titles and units never reach the text."""
    council = nt.load(COUNCIL)
    hostile = "\x1b[2J\u202eevil\r\n=cmd()"
    issues = list(council.issues)
    scale = issues[0].scale
    assert isinstance(scale, nt.NumericScale)
    issues[0] = attrs.evolve(issues[0], scale=attrs.evolve(scale, unit=hostile))
    council = attrs.evolve(council, title=hostile, issues=tuple(issues))
    texts = [
        forecast_text(council, nt.forecast(council)),
        backtest_text(council, nt.backtest(council)),
    ]
    for text in texts:
        assert "\x1b" not in text
        assert "\u202e" not in text
        assert "\r" not in text
    assert hostile == forecast_data(council, nt.forecast(council))["negotiation"]["title"]
