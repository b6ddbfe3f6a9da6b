"""How well each forecast model did against the outcomes recorded in a dossier (docs/forecast.md).

Each issue with a recorded outcome (`Issue.outcome`) and a line (numeric or ordinal) is scored:
a model's error is the distance between its forecast and the outcome on a 0 to 100 scale,
``|forecast - outcome| / (high - low) * 100``, where ``low`` and ``high`` are the scale's ends
(on an ordinal issue the first and last option's places, 0 and n - 1), so issues measured in
different units can be averaged. A model's score is its mean absolute error over the issues it
has a forecast for (the reference model only where the issue has a reference point; every model
only where some position counts), with the number of those issues, and how many times it was
the closest: on each issue, every model whose error is the smallest, within a billionth of a
point, counts as closest, so that tied models each count and the counts can add up to more
than the number of issues.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from negotrack.diff._forecast import Forecast, ForecastModel, IssueForecast, forecast

if TYPE_CHECKING:
    from negotrack.model._negotiation import Negotiation

__all__ = ["Backtest", "IssueScore", "ModelScore", "backtest", "score_forecast"]

#: How close two errors (on 0 to 100) must be to tie for closest.
_TIE = 1e-9


@attrs.frozen(kw_only=True)
class IssueScore:
    """Each model's error on one issue with a recorded outcome.

    Attributes:
        issue: Id of the issue.
        outcome: The outcome's place on the line (in the scale's unit, or an option's place).
        errors: Each model's absolute error on 0 to 100, or None where it has no forecast; every
            model is a key, in `ForecastModel` order.
        closest: The models with the smallest error (more than one on a tie), in model order.
    """

    issue: str
    outcome: float
    errors: Mapping[ForecastModel, float | None]
    closest: tuple[ForecastModel, ...]


@attrs.frozen(kw_only=True)
class ModelScore:
    """One model's record over the issues with an outcome.

    Attributes:
        model: The model.
        issues: How many issues it was scored on (those it has a forecast for).
        mae: Its mean absolute error on 0 to 100 over them; None when it has none.
        closest: On how many issues it was the closest model, ties counting for each.
    """

    model: ForecastModel
    issues: int
    mae: float | None
    closest: int


@attrs.frozen(kw_only=True, repr=False)
class Backtest:
    """Each forecast model's errors against the recorded outcomes, for one round's positions.

    Attributes:
        round: Id of the round whose positions in force made the forecasts.
        forecast: The forecasts scored.
        issues: One `IssueScore` per issue with an outcome and a line, in dossier order.
        scores: One `ModelScore` per model, in `ForecastModel` order.
        without_outcome: Ids of the numeric and ordinal issues with no recorded outcome.
        not_forecast: Ids of the categorical issues, which get no forecast (with an outcome or
            not).
    """

    round: str
    forecast: Forecast
    issues: tuple[IssueScore, ...]
    scores: tuple[ModelScore, ...]
    without_outcome: tuple[str, ...] = ()
    not_forecast: tuple[str, ...] = ()

    def __repr__(self) -> str:
        said = ", ".join(f"{s.model.value} {s.mae:.1f}" for s in self.scores if s.mae is not None)
        return f"<Backtest of round {self.round!r} on {len(self.issues)} issues: {said or 'none'}>"

    def score(self, model: ForecastModel | str) -> ModelScore:
        """One model's score, by the model or its name (``"compromise"``)."""
        wanted = ForecastModel(model)
        return next(s for s in self.scores if s.model is wanted)


def backtest(negotiation: Negotiation, round: str | None = None) -> Backtest:  # noqa: A002
    """Score each model's forecast from ``round`` (default: the last) against the outcomes.

    See the module for the scale, the means and the ties.

    Raises:
        UnknownIdError: If the round does not exist (with a did-you-mean).
        NegotrackError: If the dossier has no rounds.
    """
    return score_forecast(forecast(negotiation, round))


def score_forecast(made: Forecast) -> Backtest:
    """Score forecasts already made against the outcomes they carry (`IssueForecast.outcome`)."""
    issues: list[IssueScore] = []
    without: list[str] = []
    categorical: list[str] = []
    for item in made.issues:
        if item.kind == "categorical":
            categorical.append(item.issue)
        elif item.outcome is None:
            without.append(item.issue)
        else:
            issues.append(_score(item, item.outcome))
    scores = []
    for model in ForecastModel:
        errors = [e for s in issues if (e := s.errors[model]) is not None]
        scores.append(
            ModelScore(
                model=model,
                issues=len(errors),
                mae=math.fsum(errors) / len(errors) if errors else None,
                closest=sum(1 for s in issues if model in s.closest),
            )
        )
    return Backtest(
        round=made.round,
        forecast=made,
        issues=tuple(issues),
        scores=tuple(scores),
        without_outcome=tuple(without),
        not_forecast=tuple(categorical),
    )


def _score(item: IssueForecast, outcome: float) -> IssueScore:
    line = (item.high - item.low) or 1.0
    errors: dict[ForecastModel, float | None] = {}
    for model in ForecastModel:
        value = item.predicted(model)
        errors[model] = None if value is None else abs(value - outcome) / line * 100.0
    given = [e for e in errors.values() if e is not None]
    best = min(given, default=None)
    closest = tuple(
        m for m, e in errors.items() if e is not None and best is not None and e - best <= _TIE
    )
    return IssueScore(issue=item.issue, outcome=outcome, errors=errors, closest=closest)
