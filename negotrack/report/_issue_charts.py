"""Charts of one issue across rounds, built from the model for `negotrack.report._charts` to draw.

Turns positions, acceptable sets, zones of agreement, turning points and context events into the
plain series and marks of a `Chart`; everything about drawing and escaping stays in `_charts`.
Each issue gets two drawings of one chart, a wide one and a narrow one for phones (the page's
styles show one): the narrow one shows the latest rounds, those that moved last. A long run of
rounds is taken a few at a time, each column the positions in force at the end of its stretch,
so that a chart of a thousand rounds has as many columns as one of sixteen. The y axis is
`negotrack.report._axes`'s, so that a scale of 10,000 options names no more than one of 24.
"""

from __future__ import annotations

import bisect
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
from negotrack.report._axes import (
    OptionAxis,
    marked_ticks,
    numeric_axis,
    option_axis,
    option_runs,
)
from negotrack.report._chart_events import EventMark
from negotrack.report._charts import MONTHS, Band, Chart, Series, chart_svg
from negotrack.report._labels import number, party_name

if TYPE_CHECKING:
    import datetime as dt

    from negotrack.model._issues import Value
    from negotrack.model._positions import Acceptable

__all__ = ["COLUMNS", "LATEST", "day", "issue_chart", "stretches"]

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
    grouped: bool = False,
) -> str:
    """The chart of one issue over the given rounds: a wide and a narrow SVG, or "" if empty.

    ``held`` gives per round the positions in force on the issue, by party, and whether each
    carries; ``measures`` the issue's measures per round; ``styles`` a colour and shape index
    per party; ``events`` the context events to mark, numbered in order of date and id as the
    page lists them; ``turning`` the indices of the rounds that are turning points. With
    ``grouped`` (a long run), each column marks the events of its stretch as one count, linked
    to the first of them in the page's list (``#event-N``). An issue on which no party holds a
    position has no chart: the empty string.
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
        grouped=grouped,
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
    grouped: bool = False

    def chart(self, groups: Sequence[range], note: str | None, *, narrow: bool = False) -> Chart:
        """The chart with a column per group of rounds: what held at the end of each."""
        negotiation, issue, rounds = self.negotiation, self.issue, self.rounds
        ends = [g[-1] for g in groups]
        days = [rounds[i].when for i in ends]
        held = [self.held[i] for i in ends]
        first = rounds[groups[0][0]].when
        scale = issue.scale
        zones = [m.zone if m.zone_exists else None for m in (self.measures[i] for i in ends)]
        axis = None if isinstance(scale, NumericScale) else self._axis(held, zones)
        chart = Chart(
            title=f"{issue.title}: positions from {day(first)} to {day(days[-1])}",
            summary=_summary(negotiation, issue, self.measures[-1]),
            kind="matrix" if isinstance(scale, CategoricalScale) else "ordinal",
            columns=_columns(rounds, groups),
            ticks=() if axis is None else axis.ticks,
            low=-0.5 if axis is None else axis.low,
            high=0.5 if axis is None else axis.high,
            whole=axis is None or axis.whole,
            series=tuple(self._series(party, style, groups, axis) for party, style in self.parties),
            zones=tuple(_runs(issue, zone, axis) for zone in zones),
            events=self._marks(days, first, narrow=narrow),
            turning=frozenset(k for k, g in enumerate(groups) if self.turning.intersection(g)),
            narrow=narrow,
            note="; ".join(w for w in (note, axis and axis.note) if w) or None,
            brief=self.grouped,
        )
        if not isinstance(scale, NumericScale):
            return chart
        seen = [v for s in chart.series for v in s.values if v is not None]
        seen += [
            end for h in held for position, _ in h.values() for end in _stated(position, scale)
        ]
        low, high, ticks = numeric_axis(seen, scale.min, scale.max)
        ticks = marked_ticks(ticks, scale.marks, low, high)
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

    def _marks(
        self, days: Sequence[dt.date], first: dt.date, *, narrow: bool
    ) -> tuple[EventMark, ...]:
        """The events to mark (on a narrow chart, those from its first round): each, or grouped.

        Grouped, an event belongs to the first column whose last round is on or after its day
        (the last column, after the last round), and each column with events gets one mark.
        """
        shown = [(n, e) for n, e in self.events if not narrow or e.date >= first]
        if not self.grouped:
            return tuple(
                EventMark(at=_place(e.date, days), date=day(e.date), title=e.title, number=n)
                for n, e in shown
            )
        columns: dict[int, list[tuple[int, ContextEvent]]] = {}
        for n, e in shown:
            column = min(bisect.bisect_left(days, e.date), len(days) - 1)
            columns.setdefault(column, []).append((n, e))
        marks = []
        for column, found in columns.items():
            (number, one), (_, last) = found[0], found[-1]
            span = (
                day(one.date) if one.date == last.date else f"{day(one.date)} to {day(last.date)}"
            )
            marks.append(
                EventMark(
                    at=float(column),
                    date=span,
                    title=one.title if len(found) == 1 else f"{len(found)} events",
                    number=number,
                    count=len(found),
                    href=f"#event-{number}",
                )
            )
        return tuple(marks)

    def _axis(
        self,
        held: Sequence[Mapping[str, tuple[Position, bool]]],
        zones: Sequence[Acceptable | None],
    ) -> OptionAxis:
        """The option axis of what the columns hold: preferred values, sets, zones, latest first."""
        latest = [(h, z) for h, z in zip(held, zones, strict=True)][::-1]
        return option_axis(
            self.issue,
            [p.preferred for h, _ in latest for p, _ in h.values()],
            [s for h, z in latest for s in (*(p.acceptable for p, _ in h.values()), z)],
        )

    def _series(
        self, party: str, style: int, groups: Sequence[range], axis: OptionAxis | None
    ) -> Series:
        """One party's values, carrying and bands, at the end of each group of rounds."""
        issue = self.issue
        held = [self.held[g[-1]].get(party) for g in groups]
        return Series(
            name=party_name(self.negotiation, party),
            style=style,
            values=tuple(None if h is None else _value(issue, h[0].preferred, axis) for h in held),
            carried=tuple(
                all(party in self.held[i] and self.held[i][party][1] for i in g) for g in groups
            ),
            bands=tuple(() if h is None else _runs(issue, h[0].acceptable, axis) for h in held),
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


def _value(issue: Issue, value: Value | None, axis: OptionAxis | None) -> float | None:
    """A preferred value on the y axis: `point` on a numeric scale, else its option's place."""
    if axis is None:
        return point(issue, value)
    index = issue.option_index.get(value) if isinstance(value, str) else None
    return None if index is None else axis.place(index)


def _runs(issue: Issue, accepted: Acceptable | None, axis: OptionAxis | None) -> tuple[Band, ...]:
    """An acceptable set or zone as runs of y values; open ends run to the scale's ends.

    Options the axis leaves out (on a categorical scale cut to some) are not drawn.
    """
    scale = issue.scale
    if isinstance(accepted, Interval):
        if not isinstance(scale, NumericScale):
            return ()
        low = scale.min if accepted.min is None else accepted.min
        return ((low, scale.max if accepted.max is None else accepted.max),)
    if axis is None:
        return ()
    out = []
    for a, b in option_runs(issue, accepted):
        first, last = axis.place(a), axis.place(b)
        if first is not None and last is not None:
            out.append((first, last))
    return tuple(out)


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
