"""Charts of one issue across rounds, built from the model for `negotrack.report._charts` to draw.

Turns positions, acceptable sets, zones of agreement, turning points and context events into the
plain series and marks of a `Chart`; everything about drawing and escaping stays in `_charts`.
"""

from __future__ import annotations

import bisect
import math
from typing import TYPE_CHECKING

import attrs

from negotrack.model._dates import Precision
from negotrack.model._issues import CategoricalScale, NumericScale
from negotrack.model._positions import Interval
from negotrack.model._scales import point
from negotrack.report._charts import MONTHS, Band, Chart, EventMark, Series, chart_svg
from negotrack.report._labels import number, party_name

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Mapping, Sequence

    from negotrack.diff._measures import IssueMeasures
    from negotrack.model._issues import Issue, Value
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Acceptable, Position
    from negotrack.model._rounds import ContextEvent, Round

__all__ = ["day", "issue_chart"]


def issue_chart(
    negotiation: Negotiation,
    issue: Issue,
    *,
    rounds: Sequence[Round],
    held: Sequence[Mapping[str, tuple[Position, bool]]],
    measures: Sequence[IssueMeasures],
    styles: Mapping[str, int],
    events: Iterable[ContextEvent] = (),
    turning: Iterable[int] = (),
) -> str:
    """The SVG chart of one issue over the given rounds.

    ``held`` gives per round the positions in force on the issue, by party, and whether each
    carries; ``measures`` the issue's measures per round; ``styles`` a colour and shape index
    per party; ``events`` the context events to mark; ``turning`` the indices of the rounds that
    are turning points.
    """
    days = [r.when for r in rounds]
    one_year = len({d.year for d in days}) == 1
    columns = tuple(
        (f"{d.day} {MONTHS[d.month - 1]}" + ("" if one_year else f" {d.year}"), r.title)
        for d, r in zip(days, rounds, strict=True)
    )
    series = tuple(
        Series(
            name=party_name(negotiation, party),
            style=styles[party],
            values=tuple(
                _value(issue, h[party][0].preferred) if party in h else None for h in held
            ),
            carried=tuple(party in h and h[party][1] for h in held),
            bands=tuple(_runs(issue, h[party][0].acceptable) if party in h else () for h in held),
        )
        for party in styles
        if any(party in h for h in held)
    )
    scale = issue.scale
    chart = Chart(
        title=f"{issue.title}: positions from {day(days[0])} to {day(days[-1])}",
        summary=_summary(negotiation, issue, measures[-1]),
        kind="matrix" if isinstance(scale, CategoricalScale) else "ordinal",
        columns=columns,
        ticks=tuple((float(i), o.label) for i, o in enumerate(getattr(scale, "options", ()))),
        series=series,
        zones=tuple(_runs(issue, m.zone) if m.zone_exists else () for m in measures),
        events=tuple(
            EventMark(at=_place(e.date, days), date=day(e.date), title=e.title)
            for e in sorted(events, key=lambda e: (e.date, e.id))
        ),
        turning=frozenset(turning),
    )
    if isinstance(scale, NumericScale):
        seen = [v for s in series for v in s.values if v is not None]
        seen += [end for s in series for runs in s.bands for run in runs for end in run]
        low = min(seen, default=scale.min)
        high = max(seen, default=scale.max)
        low, high, ticks = _ticks(low, high, scale.min, scale.max)
        chart = attrs.evolve(
            chart, kind="numeric", unit=scale.unit, ticks=ticks, low=low, high=high
        )
    return chart_svg(chart)


def day(date: dt.date) -> str:
    """A date as people write it, the same in every locale: ``7 Mar 2022``.

    A date known only to the month or year reads as written: ``Mar 2013``, ``2013``.
    """
    precision = getattr(date, "precision", None)
    if precision is Precision.YEAR:
        return str(date.year)
    if precision is Precision.MONTH:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _value(issue: Issue, value: Value | None) -> float | None:
    """A preferred value on the y axis: `point`, or the option's row on a categorical issue."""
    if isinstance(issue.scale, CategoricalScale):
        return float(issue.option_ids.index(value)) if value in issue.option_ids else None
    return point(issue, value)


def _runs(issue: Issue, accepted: Acceptable | None) -> tuple[Band, ...]:
    """An acceptable set or zone as runs of y values; open ends run to the scale's ends.

    Ordinal options next to each other make one run; categorical options are each their own.
    """
    scale = issue.scale
    if isinstance(accepted, Interval):
        if not isinstance(scale, NumericScale):
            return ()
        low = scale.min if accepted.min is None else accepted.min
        return ((low, scale.max if accepted.max is None else accepted.max),)
    rows = sorted(issue.option_ids.index(o) for o in accepted or () if o in issue.option_ids)
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1 and not isinstance(scale, CategoricalScale):
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return tuple((float(a), float(b)) for a, b in runs)


def _ticks(
    low: float, high: float, floor: float, ceiling: float
) -> tuple[float, float, tuple[tuple[float, str], ...]]:
    """A numeric axis around the values, within the scale: its ends and round-number ticks."""
    if high <= low:
        low, high = low - 1, high + 1
    raw = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = max(math.floor(low / step) * step, floor)
    end = min(math.ceil(high / step) * step, ceiling)
    count = math.floor((end - start) / step + 1e-9)
    return start, end, tuple((start + k * step, number(start + k * step)) for k in range(count + 1))


def _place(date: dt.date, days: Sequence[dt.date]) -> float:
    """Where a date falls on the x axis, between the columns of the rounds around it."""
    if date < days[0]:
        return -0.4
    if date > days[-1]:
        return len(days) - 0.6
    index = bisect.bisect_right(days, date) - 1
    if days[index] == date:
        return float(index)
    return index + (date - days[index]).days / (days[index + 1] - days[index]).days


def _summary(negotiation: Negotiation, issue: Issue, last: IssueMeasures) -> str:
    """A sentence for screen readers: who holds positions, and the zone of agreement at the end."""
    names = ", ".join(party_name(negotiation, p) for p in last.parties) or "no party"
    zone = {None: "not stated", False: "closed", True: "open"}[last.zone_exists]
    return f"Positions of {names} on {issue.title}; zone of agreement in the last round: {zone}."
