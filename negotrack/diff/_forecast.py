"""Forecasts of each issue's outcome from the positions in force in a round (docs/forecast.md).

Four models, as the literature on bargaining in the EU Council compares them, and a fifth:

- the *compromise* model: the mean of the positions weighted by salience and capability,
  ``sum(w_i * s_i * x_i) / sum(w_i * s_i)``;
- the *mean*: the same with every party weighing 1, ``sum(s_i * x_i) / sum(s_i)``;
- the *median* of the positions (the mean of the two middle ones when their number is even);
- the *weighted median*: the position at which half the weight ``w_i * s_i`` lies on either
  side (midway between two positions when exactly half lies at or below the first);
- the *reference* point, the issue's status quo (`Issue.reference`).

Each position stands at its place on the issue's line as the readings place it
(`negotrack.diff._geometry.place`): its preferred value (a number; an ordinal option's place,
counted from 0; a special point at the end it lies beyond), else the middle of what it accepts.
``s_i`` is the position's salience (1 when not stated) and ``w_i`` its party's `Party.weight`
(1 when not given), as in the measures' centre (`negotrack.diff._measures`): where every
position states a preferred value, the compromise model *is* that centre with the parties'
weights. When every ``w_i * s_i`` is 0, every party weighs the same; so for the mean.

The positions counted are the overall positions in force in the round (none held at one
table), of parties that bargain in it: a party holding a role (chair, mediator, ...) in the
round is left out, as the measures leave it out. Categorical issues get no forecast.
"""

from __future__ import annotations

import enum
import math
import operator
import statistics
from typing import TYPE_CHECKING, NamedTuple

import attrs

from negotrack.diff._geometry import place
from negotrack.model._errors import NegotrackError, UnknownIdError
from negotrack.model._issues import NumericScale, OrdinalScale
from negotrack.model._scales import point, width

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation

__all__ = [
    "Forecast",
    "ForecastModel",
    "IssueForecast",
    "Placed",
    "forecast",
    "forecast_issue",
    "placed_positions",
    "weighted_median",
]

#: How close two cumulative weights must be, as a share of the total, to count as equal.
_TOLERANCE = 1e-9


class ForecastModel(enum.Enum):
    """A model that forecasts an issue's outcome: the compromise, mean, medians, reference."""

    COMPROMISE = "compromise"
    MEAN = "mean"
    MEDIAN = "median"
    WEIGHTED_MEDIAN = "weighted-median"
    REFERENCE = "reference"


class Placed(NamedTuple):
    """One party's position on an issue as the forecasts read it."""

    party: str
    place: float
    salience: float
    weight: float


@attrs.frozen(kw_only=True, repr=False)
class IssueForecast:
    """What each model forecasts for one issue, on the issue's line.

    Attributes:
        issue: Id of the issue.
        round: Id of the round whose positions in force were read.
        kind: ``"numeric"``, ``"ordinal"`` or ``"categorical"``.
        low: The line's lower end: the scale's minimum, or 0 (the first option).
        high: The line's upper end: the scale's maximum, or the last option's place.
        unit: The numeric scale's unit, if any.
        options: The option ids in order, on an ordinal issue (else empty).
        parties: The parties whose positions count, sorted.
        compromise: The compromise model's forecast: a number in the scale's unit, or a place
            among the options (0 the first); None when no position counts, or on a
            categorical issue. So for the other models.
        mean: The salience-weighted mean with every party weighing 1.
        median: The median of the positions.
        weighted_median: The median weighted by ``w_i * s_i``.
        reference: The reference point's place; None when the issue has none.
        outcome: The recorded outcome's place (`Issue.outcome`); None when not recorded.
        note: Why an issue has no forecast, in words; None when it has one.
    """

    issue: str
    round: str
    kind: str
    low: float
    high: float
    unit: str | None = None
    options: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    compromise: float | None = None
    mean: float | None = None
    median: float | None = None
    weighted_median: float | None = None
    reference: float | None = None
    outcome: float | None = None
    note: str | None = None

    def __repr__(self) -> str:
        said = "no forecast" if self.compromise is None else f"compromise {self.compromise:g}"
        return f"<IssueForecast {self.issue!r} in {self.round!r}: {said}>"

    def predicted(self, model: ForecastModel) -> float | None:
        """The model's forecast (a place on the line), or None."""
        value: float | None = getattr(self, model.name.lower())
        return value

    def nearest(self, model: ForecastModel) -> str | None:
        """On an ordinal issue, the option nearest the model's forecast (halfway: the first).

        None on other issues, or when the model has no forecast.
        """
        value = self.predicted(model)
        if not self.options or value is None:
            return None
        return self.options[self.option_at(value)]

    def option_at(self, value: float) -> int:
        """The index of the option nearest a place; halfway between two, the first of them."""
        index = min(max(math.ceil(value - 0.5), 0), len(self.options) - 1)
        return int(index)

    def on_scale(self, value: float) -> float:
        """A place on the line on 0 to 100: ``(value - low) / (high - low) * 100``."""
        return (value - self.low) / ((self.high - self.low) or 1.0) * 100.0


@attrs.frozen(repr=False)
class Forecast:
    """Every issue's forecasts in one round, in dossier order.

    Attributes:
        round: Id of the round whose positions in force were read.
        issues: One `IssueForecast` per issue, in dossier order.
    """

    round: str
    issues: tuple[IssueForecast, ...]

    def __repr__(self) -> str:
        made = sum(1 for i in self.issues if i.note is None)
        return f"<Forecast of round {self.round!r}: {made} of {len(self.issues)} issues>"

    def issue(self, issue_id: str) -> IssueForecast:
        """The forecast of one issue.

        Raises:
            UnknownIdError: If no issue has this id, with a did-you-mean.
        """
        for found in self.issues:
            if found.issue == issue_id:
                return found
        raise UnknownIdError("issue", issue_id, [i.issue for i in self.issues])


def forecast(negotiation: Negotiation, round: str | None = None) -> Forecast:  # noqa: A002
    """Forecast every issue's outcome from the positions in force in ``round``.

    Args:
        negotiation: The dossier.
        round: Id of the round (default: the last); positions carried into it count.

    Raises:
        UnknownIdError: If the round does not exist (with a did-you-mean).
        NegotrackError: If the dossier has no rounds.
    """
    round_id = _round_id(negotiation, round)
    placed = placed_positions(negotiation, round_id)
    return Forecast(
        round_id, tuple(forecast_issue(i, round_id, placed[i.id]) for i in negotiation.issues)
    )


def _round_id(negotiation: Negotiation, round_id: str | None) -> str:
    if round_id is None:
        if not negotiation.rounds:
            raise NegotrackError("the dossier has no rounds, so no positions to forecast from")
        return negotiation.rounds[-1].id
    return negotiation.round(round_id).id


def placed_positions(negotiation: Negotiation, round_id: str) -> dict[str, list[Placed]]:
    """The positions that count in the round (see the module), by issue id, in party id order."""
    roles = negotiation.roles_in(round_id)
    issues = {issue.id: issue for issue in negotiation.issues}
    out: dict[str, list[Placed]] = {issue_id: [] for issue_id in issues}
    for (party, issue_id), held in negotiation.effective_positions(round_id).items():
        position = held.value
        if position.table is not None or party in roles:
            continue
        issue = issues[issue_id]
        # `place` is the preferred value's point when it has one: asked first, it is cheaper
        x = point(issue, position.preferred)
        if x is None and (x := place(issue, position)) is None:
            continue
        weight = negotiation.party(party).weight
        salience = 1.0 if position.salience is None else position.salience
        out[issue_id].append(Placed(party, x, salience, 1.0 if weight is None else weight))
    for found in out.values():
        found.sort(key=operator.itemgetter(0))
    return out


def forecast_issue(issue: Issue, round_id: str, placed: Sequence[Placed]) -> IssueForecast:
    """Each model's forecast for one issue from the positions that count, in any order."""
    scale = issue.scale
    outcome = point(issue, issue.outcome)
    if isinstance(scale, NumericScale):
        kind, low, high, unit = "numeric", float(scale.min), float(scale.max), scale.unit
    elif isinstance(scale, OrdinalScale):
        kind, low, high, unit = "ordinal", 0.0, width(issue), None
    else:
        note = "categorical: its options have no order, so no forecast"
        return IssueForecast(
            issue=issue.id, round=round_id, kind="categorical", low=0.0, high=1.0, note=note
        )
    base = IssueForecast(
        issue=issue.id,
        round=round_id,
        kind=kind,
        low=low,
        high=high,
        unit=unit,
        options=issue.option_ids,
        reference=point(issue, issue.reference),
        outcome=outcome,
    )
    placed = sorted(placed, key=operator.itemgetter(0))
    if not placed:
        return attrs.evolve(base, note="no party's position in force has a place on its line")
    xs = [p.place for p in placed]
    factors = [p.salience * p.weight for p in placed]
    return attrs.evolve(
        base,
        parties=tuple(p.party for p in placed),
        compromise=_weighted_mean(xs, factors),
        mean=_weighted_mean(xs, [p.salience for p in placed]),
        median=statistics.median(xs),
        weighted_median=weighted_median(xs, factors),
    )


def _weighted_mean(xs: list[float], factors: list[float]) -> float:
    """``sum(f * x) / sum(f)``, kept between the smallest and largest x; equal weights if all 0."""
    total = math.fsum(factors)
    if total <= 0:
        factors, total = [1.0] * len(xs), float(len(xs))
    mean = math.fsum(map(operator.mul, factors, xs)) / total
    return min(max(mean, min(xs)), max(xs))


def weighted_median(xs: Iterable[float], weights: Iterable[float]) -> float:
    """The weighted median of ``xs``: where half the weight lies on either side.

    Sorted by x, it is the first x at which the running weight passes half the total; where it
    reaches exactly half (within a billionth of the total), the middle of that x and the next
    one with weight. With equal weights it is the plain median. Values of weight 0 do not count;
    when every weight is 0, all weigh the same.

    Raises:
        ValueError: If ``xs`` is empty.
    """
    pairs = sorted(zip(xs, weights, strict=True))
    if not pairs:
        raise ValueError("no values to take the weighted median of")
    if all(w <= 0 for _, w in pairs):
        pairs = [(x, 1.0) for x, _ in pairs]
    pairs = [(x, w) for x, w in pairs if w > 0]
    total = math.fsum(w for _, w in pairs)
    half, slack = total / 2, total * _TOLERANCE
    running = 0.0
    for index, (x, w) in enumerate(pairs):
        running += w
        if abs(running - half) <= slack and index + 1 < len(pairs):
            return (x + pairs[index + 1][0]) / 2
        if running > half:
            return x
    return pairs[-1][0]  # pragma: no cover - the running weight always passes half
