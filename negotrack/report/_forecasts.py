"""Forecasts and backtests for people (a text table) and programs (JSON), docs/forecast.md.

The JSON documents are headed ``"format": "negotrack-forecast/1"`` and
``"negotrack-backtest/1"`` and described by ``schemas/forecast.schema.json`` and
``schemas/backtest.schema.json`` (`negotrack.report._forecast_schema`). Floats are rounded to
6 decimals. Analyst text (titles, units) passes through `negotrack.report._plain` in the text.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Final

from negotrack.diff._forecast import ForecastModel
from negotrack.report._json_text import dumps
from negotrack.report._plain import encodable, plain
from negotrack.report._text import _table

if TYPE_CHECKING:
    from negotrack.diff._backtest import Backtest
    from negotrack.diff._forecast import Forecast, IssueForecast
    from negotrack.model._negotiation import Negotiation

__all__ = [
    "BACKTEST_FORMAT",
    "FORECAST_FORMAT",
    "MODEL_LABELS",
    "backtest_data",
    "backtest_json",
    "backtest_text",
    "forecast_data",
    "forecast_json",
    "forecast_text",
]

FORECAST_FORMAT: Final = "negotrack-forecast/1"
BACKTEST_FORMAT: Final = "negotrack-backtest/1"

#: Each model as the tables head it.
MODEL_LABELS: Final = {
    ForecastModel.COMPROMISE: "compromise",
    ForecastModel.MEAN: "mean",
    ForecastModel.MEDIAN: "median",
    ForecastModel.WEIGHTED_MEDIAN: "weighted median",
    ForecastModel.REFERENCE: "reference",
}
_NONE: Final = "-"
_WIDE: Final = 10_000  # a width every table fits, when the terminal's is too narrow


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6) + 0.0  # no -0.0


def _number(value: float | None) -> str:
    return _NONE if value is None else f"{value + 0.0:.2f}"


def _lines(headers: list[str], rows: list[list[str]], width: int) -> list[str]:
    return _table(headers, rows, width) or _table(headers, rows, _WIDE) or []


# -- forecasts ---------------------------------------------------------------------------------


def _plain_number(value: float) -> str:
    """A scale's end as written: ``10``, ``1000000``, ``2.5`` (an int from YAML as well)."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.6g}"


def _scale_words(item: IssueForecast) -> str:
    if item.kind == "numeric":
        unit = f" {item.unit}" if item.unit else ""
        return f"{_plain_number(item.low)} to {_plain_number(item.high)}{unit}"
    if item.kind == "ordinal":
        return f"{len(item.options)} options"
    return "categorical"


def _nearest_words(item: IssueForecast) -> str:
    """An ordinal issue's nearest option per model, and the outcome, in one sentence."""
    said = [f"{MODEL_LABELS[m]} {item.nearest(m)}" for m in ForecastModel if item.nearest(m)]
    if item.outcome is not None:
        said.append(f"outcome {item.options[item.option_at(item.outcome)]}")
    return f"{item.issue}, nearest options: {', '.join(said)}."


def _wrapped(text: str, width: int) -> list[str]:
    return textwrap.wrap(plain(text), max(width, 20), subsequent_indent="  ") or [""]


def forecast_text(negotiation: Negotiation, made: Forecast, width: int = 80) -> str:
    """The forecasts as a table, an issue a row, then each ordinal issue's nearest options."""
    headers = ["issue", "scale", *MODEL_LABELS.values(), "outcome"]
    rows = []
    notes: list[str] = []
    for item in made.issues:
        values = [item.predicted(m) for m in ForecastModel]
        rows.append([item.issue, _scale_words(item), *map(_number, values), _number(item.outcome)])
        if item.note is not None:
            notes.append(f"{item.issue}: {item.note}.")
        elif item.options:
            notes.append(_nearest_words(item))
    intro = f"Forecasts for {negotiation.title}, from the positions in force in round {made.round}:"
    legend = (
        "Numeric issues in their units; ordinal issues as option places from 0 (the nearest "
        "option: halfway between two, the first); - where a model has no forecast."
    )
    lines = [*_wrapped(intro, width), "", *_lines(headers, rows, width), ""]
    for note in (legend, *notes):
        lines += _wrapped(note, width)
    return "\n".join(lines) + "\n"


def forecast_data(negotiation: Negotiation, made: Forecast) -> dict[str, Any]:
    """The forecasts as plain data: the body of ``negotrack forecast -f json``."""
    issues = []
    titles = {issue.id: issue.title for issue in negotiation.issues}
    for item in made.issues:
        entry: dict[str, Any] = {
            "issue": item.issue,
            "title": titles.get(item.issue, item.issue),
            "kind": item.kind,
        }
        if item.kind != "categorical":
            entry["low"], entry["high"] = _round(item.low), _round(item.high)
        if item.kind == "numeric":
            entry["unit"] = item.unit
        if item.options:
            entry["options"] = list(item.options)
        entry["parties"] = list(item.parties)
        entry["forecasts"] = {m.value: _round(item.predicted(m)) for m in ForecastModel}
        if item.options:
            entry["nearest"] = {m.value: item.nearest(m) for m in ForecastModel}
        entry["outcome"] = _round(item.outcome)
        entry["note"] = item.note
        issues.append(entry)
    return {
        "format": FORECAST_FORMAT,
        "negotiation": {"id": negotiation.id, "title": negotiation.title},
        "round": made.round,
        "models": [m.value for m in ForecastModel],
        "issues": issues,
    }


def forecast_json(negotiation: Negotiation, made: Forecast) -> str:
    """`forecast_data` as indented JSON ending in a newline."""
    return encodable(dumps(forecast_data(negotiation, made))) + "\n"


# -- backtests ---------------------------------------------------------------------------------


def _outcome_cell(item: IssueForecast, outcome: float) -> str:
    """An outcome in the backtest's table: the number, or on an ordinal issue the option."""
    return item.options[item.option_at(outcome)] if item.options else _number(outcome)


def backtest_text(negotiation: Negotiation, scored: Backtest, width: int = 80) -> str:
    """Each model's mean absolute error and closest count, then each issue's errors."""
    count = len(scored.issues)
    outcomes = f"{count} recorded outcome" + ("" if count == 1 else "s")
    intro = (
        f"Backtest for {negotiation.title}: forecasts from the positions in force in round "
        f"{scored.round} against {outcomes}."
    )
    lines = [*_wrapped(intro, width), ""]
    headers = ["model", "issues", "mean abs. error (0-100)", "closest"]
    rows = [
        [MODEL_LABELS[s.model], str(s.issues), _number(s.mae), str(s.closest)]
        for s in scored.scores
    ]
    lines += _lines(headers, rows, width)
    if scored.issues:
        lines += ["", "Errors per issue on 0 to 100 (outcome in the issue's terms):", ""]
        forecasts = {item.issue: item for item in scored.forecast.issues}
        headers = ["issue", "outcome", *MODEL_LABELS.values(), "closest"]
        rows = []
        for issue in scored.issues:
            item = forecasts[issue.issue]
            rows.append(
                [issue.issue, _outcome_cell(item, issue.outcome)]
                + [_number(issue.errors[m]) for m in ForecastModel]
                + [", ".join(MODEL_LABELS[m] for m in issue.closest) or _NONE]
            )
        lines += _lines(headers, rows, width)
    notes = ["Ties for closest count for every model tied."]
    if scored.without_outcome:
        notes.append(f"No outcome recorded, not scored: {', '.join(scored.without_outcome)}.")
    if scored.not_forecast:
        notes.append(f"Categorical, not forecast: {', '.join(scored.not_forecast)}.")
    lines.append("")
    for note in notes:
        lines += _wrapped(note, width)
    return "\n".join(lines) + "\n"


def backtest_data(negotiation: Negotiation, scored: Backtest) -> dict[str, Any]:
    """The backtest as plain data: the body of ``negotrack backtest -f json``."""
    return {
        "format": BACKTEST_FORMAT,
        "negotiation": {"id": negotiation.id, "title": negotiation.title},
        "round": scored.round,
        "models": [m.value for m in ForecastModel],
        "scores": [
            {
                "model": s.model.value,
                "issues": s.issues,
                "mae": _round(s.mae),
                "closest": s.closest,
            }
            for s in scored.scores
        ],
        "issues": [
            {
                "issue": issue.issue,
                "outcome": _round(issue.outcome),
                "errors": {m.value: _round(e) for m, e in issue.errors.items()},
                "closest": [m.value for m in issue.closest],
            }
            for issue in scored.issues
        ],
        "without_outcome": list(scored.without_outcome),
        "not_forecast": list(scored.not_forecast),
    }


def backtest_json(negotiation: Negotiation, scored: Backtest) -> str:
    """`backtest_data` as indented JSON ending in a newline."""
    return encodable(dumps(backtest_data(negotiation, scored))) + "\n"
