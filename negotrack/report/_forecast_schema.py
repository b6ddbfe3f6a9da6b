"""JSON Schemas (draft-07) of ``negotrack forecast -f json`` and ``negotrack backtest -f json``.

Written by hand, as the diff's and report's are (`negotrack.report._schemas`), over the data
of `negotrack.report._forecasts`; the model names are read from `ForecastModel`, so they cannot
drift from the code. Both refuse unknown keys.
"""

from __future__ import annotations

from typing import Any

from negotrack.diff._forecast import ForecastModel
from negotrack.report._forecasts import BACKTEST_FORMAT, FORECAST_FORMAT
from negotrack.report._schema_parts import _ids, _is, _list_of, _obj, _values

__all__ = ["backtest_schema", "forecast_schema"]


def _by_model(description: str, value: dict[str, Any]) -> dict[str, Any]:
    """An object with one key per model."""
    keys = {m.value: {**value, "description": f"The {m.value} model's."} for m in ForecastModel}
    return _obj(description, keys)


def _head(kind: str, fmt: str) -> dict[str, Any]:
    return {
        "format": {"const": fmt, "description": "Format name and version."},
        "negotiation": _obj(
            "The negotiation " + kind + ".",
            {
                "id": _is("string", "Id of the negotiation."),
                "title": _is("string", "Title of the negotiation."),
            },
        ),
        "round": _is("string", "Id of the round whose positions in force made the forecasts."),
        "models": {
            "type": "array",
            "description": "The models, in the order the tables show them.",
            "items": {"enum": _values(ForecastModel)},
        },
    }


def forecast_schema() -> dict[str, Any]:
    """The schema of ``negotrack forecast -f json``, as a fresh dict."""
    number = {"type": ["number", "null"]}
    issue = _obj(
        "One issue's forecasts; low, high, unit, options and nearest only where they apply.",
        {
            "issue": _is("string", "Id of the issue."),
            "title": _is("string", "Title of the issue."),
            "kind": {"enum": ["numeric", "ordinal", "categorical"], "description": "Its scale."},
            "low": _is("number", "The line's lower end: the scale's minimum, or 0."),
            "high": _is("number", "The line's upper end: the maximum, or the last option's place."),
            "unit": _is(["string", "null"], "On a numeric issue: the unit, or null."),
            "options": _ids("On an ordinal issue: the option ids in order (places 0, 1, ...)."),
            "parties": _ids("The parties whose positions count, sorted."),
            "forecasts": _by_model(
                "Each model's forecast: a number in the unit, or an option place; null where "
                "the model has none.",
                number,
            ),
            "nearest": _by_model(
                "On an ordinal issue: the option nearest each forecast (halfway: the first).",
                {"type": ["string", "null"]},
            ),
            "outcome": _is(["number", "null"], "The recorded outcome's place, or null."),
            "note": _is(["string", "null"], "Why the issue has no forecast, or null."),
        },
        required=["issue", "title", "kind", "parties", "forecasts", "outcome", "note"],
    )
    return {
        "title": "negotrack forecast",
        "description": "Each issue's outcome as the forecast models predict it (docs/forecast.md).",
        **_obj(
            "The forecasts of one round.",
            {
                **_head("forecast", FORECAST_FORMAT),
                "issues": _list_of("Issue", "Every issue, in dossier order."),
            },
        ),
        "definitions": {"Issue": issue},
    }


def backtest_schema() -> dict[str, Any]:
    """The schema of ``negotrack backtest -f json``, as a fresh dict."""
    score = _obj(
        "One model's record over the issues with an outcome.",
        {
            "model": {"enum": _values(ForecastModel), "description": "The model."},
            "issues": _is("integer", "How many issues it was scored on.", minimum=0),
            "mae": _is(["number", "null"], "Mean absolute error on 0 to 100, or null."),
            "closest": _is("integer", "On how many issues it was closest (ties count).", minimum=0),
        },
    )
    issue = _obj(
        "One issue with a recorded outcome.",
        {
            "issue": _is("string", "Id of the issue."),
            "outcome": _is("number", "The outcome's place: a number in the unit, or an option's."),
            "errors": _by_model(
                "Each model's absolute error on 0 to 100; null where it has no forecast.",
                {"type": ["number", "null"], "minimum": 0},
            ),
            "closest": {
                "type": "array",
                "description": "The models with the smallest error (several on a tie).",
                "items": {"enum": _values(ForecastModel)},
            },
        },
    )
    return {
        "title": "negotrack backtest",
        "description": "Each forecast model's errors against the recorded outcomes "
        "(docs/forecast.md).",
        **_obj(
            "The backtest of one round's forecasts.",
            {
                **_head("backtested", BACKTEST_FORMAT),
                "scores": _list_of("Score", "One per model, in model order."),
                "issues": _list_of("IssueScore", "Each issue with an outcome, in dossier order."),
                "without_outcome": _ids("Numeric and ordinal issues with no recorded outcome."),
                "not_forecast": _ids("Categorical issues, which get no forecast."),
            },
        ),
        "definitions": {"Score": score, "IssueScore": issue},
    }
