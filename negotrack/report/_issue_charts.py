"""Charts of one issue across rounds, built from the model for `negotrack.report._charts` to draw.

Turns positions, acceptable sets, zones of agreement, turning points and context events into the
plain series and marks of a `Chart`; everything about drawing and escaping stays in `_charts`.
Each issue gets two drawings of one chart, a wide one and a narrow one for phones (the page's
styles show one): the narrow one shows the latest rounds, those that moved last. A long run of
rounds is taken a few at a time, each column the positions in force at the end of its stretch,
so that a chart of a thousand rounds has as many columns as one of sixteen.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from negotrack.diff._measures import IssueMeasures
from negotrack.model._dates import Precision
from negotrack.model._issues import (
    CategoricalScale,
    Issue,
    NumericScale,
)
from negotrack.model._negotiation import Negotiation
from negotrack.model._positions import (
    Interval,
    Position,
)
from negotrack.model._rounds import ContextEvent, Round
from negotrack.model._scales import point
from negotrack.report._charts import MONTHS, Band, Chart, EventMark, Series, chart_svg
from negotrack.report._labels import number, party_name

if TYPE_CHECKING:
    import datetime as dt

    from negotrack.model._issues import Value
    from negotrack.model._positions import Acceptable

__all__ = ["COLUMNS", "LATEST", "day", "issue_chart", "numeric_axis", "stretches"]

#: The most columns a wide chart draws; more rounds are taken together.
COLUMNS: Final = 16
#: How many of the latest rounds a narrow chart draws.
LATEST: Final = 6


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
    """The chart of one issue over the given rounds: a wide and a narrow SVG, or "" if empty.

    ``held`` gives per round the positions in force on the issue, by party, and whether each
    carries; ``measures`` the issue's measures per round; ``styles`` a colour and shape index
    per party; ``events`` the context events to mark, numbered in order of date and id as the
    page lists them; ``turning`` the indices of the rounds that are turning points. An issue
    on which no party holds a position has no chart: the empty string.
    """
    parties = [p for p in styles if any(p in h for h in held)]
    if not parties or not rounds:
        return ""
    count = len(rounds)
    start = max(count - LATEST, 0)
    story = _Story(
        negotiation=negotiation,
        issue=issue,
        rounds=rounds,
        held=held,
        measures=measures,
        parties=[(p, styles[p]) for p in parties],
        events=list(enumerate(sorted(events, key=lambda e: (e.date, e.id)), start=1)),
        turning=frozenset(turning),
    )
    wide = stretches(count, COLUMNS)
    many = f"{count:,} rounds in {len(wide)} columns" if len(wide) < count else None
    latest = f"latest {count - start} of {count:,} rounds" if start else None
    narrow = [range(i, i + 1) for i in range(start, count)]
    return chart_svg(story.chart(wide, many)) + chart_svg(story.chart(narrow, latest, narrow=True))


def stretches(count: int, most: int) -> list[range]:
    """``count`` rounds as at most ``most`` runs of consecutive rounds, as even as can be.

    Runs are of one length, save a shorter first one, so that the latest columns are alike.
    """
    size = max(-(-count // max(most, 1)), 1)
    first = count - size * (count // size)
    out = [range(first)] if first else []
    return out + [range(k, k + size) for k in range(first, count, size)]


def numeric_axis(
    values: Iterable[float], floor: float, ceiling: float
) -> tuple[float, float, tuple[tuple[float, str], ...]]:
    """A numeric axis for the values drawn: their range, padded, in round numbers, in the scale.

    Returns the axis's ends and its ticks. The axis stops short of the scale's ends (``floor``,
    ``ceiling``) where the data do; with no values it is the whole scale.
    """
    seen = [min(max(v, floor), ceiling) for v in values if math.isfinite(v)]
    if not seen:
        return _ticks(floor, ceiling, floor, ceiling)
    low, high = min(seen), max(seen)
    pad = (high - low) * 0.08 or max(abs(high) * 0.1, (ceiling - floor) * 0.02)
    return _ticks(max(low - pad, floor), min(high + pad, ceiling), floor, ceiling)


@attrs.frozen(kw_only=True)
class _Story:
    """What an issue's charts are drawn from: the rounds, and what was held in each."""

    negotiation: Negotiation
    issue: Issue
    rounds: Sequence[Round]
    held: Sequence[Mapping[str, tuple[Position, bool]]]
    measures: Sequence[IssueMeasures]
    parties: Sequence[tuple[str, int]]
    events: Sequence[tuple[int, ContextEvent]]
    turning: frozenset[int]

    def chart(self, groups: Sequence[range], note: str | None, *, narrow: bool = False) -> Chart:
        """The chart with a column per group of rounds: what held at the end of each."""
        negotiation, issue, rounds = self.negotiation, self.issue, self.rounds
        ends = [g[-1] for g in groups]
        days = [rounds[i].when for i in ends]
        held = [self.held[i] for i in ends]
        first = rounds[groups[0][0]].when
        scale = issue.scale
        chart = Chart(
            title=f"{issue.title}: positions from {day(first)} to {day(days[-1])}",
            summary=_summary(negotiation, issue, self.measures[-1]),
            kind="matrix" if isinstance(scale, CategoricalScale) else "ordinal",
            columns=_columns(rounds, groups),
            ticks=tuple((float(i), o.label) for i, o in enumerate(getattr(scale, "options", ()))),
            series=tuple(self._series(party, style, groups) for party, style in self.parties),
            zones=tuple(
                _runs(issue, m.zone) if m.zone_exists else ()
                for m in (self.measures[i] for i in ends)
            ),
            events=tuple(
                EventMark(at=_place(e.date, days), date=day(e.date), title=e.title, number=n)
                for n, e in self.events
                if not narrow or e.date >= first
            ),
            turning=frozenset(k for k, g in enumerate(groups) if self.turning.intersection(g)),
            narrow=narrow,
            note=note,
        )
        if not isinstance(scale, NumericScale):
            return chart
        seen = [v for s in chart.series for v in s.values if v is not None]
        seen += [
            end for h in held for position, _ in h.values() for end in _stated(position, scale)
        ]
        low, high, ticks = numeric_axis(seen, scale.min, scale.max)
        whole = f"scale {number(scale.min)} to {number(scale.max, scale.unit)}"
        cut = (low, high) != (scale.min, scale.max)
        words = "; ".join(w for w in (note, whole if cut else scale.unit if narrow else None) if w)
        return attrs.evolve(
            chart,
            kind="numeric",
            unit=scale.unit,
            ticks=ticks,
            low=low,
            high=high,
            floor=scale.min,
            ceiling=scale.max,
            note=words or None,
        )

    def _series(self, party: str, style: int, groups: Sequence[range]) -> Series:
        """One party's values, carrying and bands, at the end of each group of rounds."""
        held = [self.held[g[-1]].get(party) for g in groups]
        return Series(
            name=party_name(self.negotiation, party),
            style=style,
            values=tuple(None if h is None else _value(self.issue, h[0].preferred) for h in held),
            carried=tuple(
                all(party in self.held[i] and self.held[i][party][1] for i in g) for g in groups
            ),
            bands=tuple(() if h is None else _runs(self.issue, h[0].acceptable) for h in held),
        )


def _columns(rounds: Sequence[Round], groups: Sequence[range]) -> tuple[tuple[str, str], ...]:
    """Per column, the date of its last round and a title: the round's, or the first and last."""
    days = [rounds[g[-1]].when for g in groups]
    one_year = len({d.year for d in days}) == 1
    out = []
    for d, group in zip(days, groups, strict=True):
        title = rounds[group[0]].title
        if len(group) > 1:
            title = f"{len(group)} rounds, {title} to {rounds[group[-1]].title}"
        out.append((f"{d.day} {MONTHS[d.month - 1]}" + ("" if one_year else f" {d.year}"), title))
    return tuple(out)


def _stated(position: Position, scale: NumericScale) -> tuple[float, ...]:
    """The ends an acceptable interval states inside the scale.

    Open ends, and ends at the scale's own, say "as far as the scale goes": no data for the axis.
    """
    accepted = position.acceptable
    if not isinstance(accepted, Interval):
        return ()
    ends = (accepted.min, accepted.max)
    return tuple(float(e) for e in ends if e is not None and scale.min < e < scale.max)


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
    if high <= low:  # one value: pad it, by 1 or, for a large value, by a share of it
        pad = max(abs(low) / 100, 1.0)
        low, high = low - pad, high + pad
    raw = (high - low) / 4
    # floats throughout: an int power of ten at 1e100 is more than matplotlib's arrays take
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = float(max(math.floor(low / step) * step, floor))
    end = float(min(math.ceil(high / step) * step, ceiling))
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
