"""The y axes the HTML charts and the matplotlib plot share: numeric, and options.

A numeric axis (`numeric_axis`) spans the data's range in round numbers, inside the scale. An
option axis (`option_axis`) draws every option of a scale of up to `OPTION_ROWS` options as a
row, as read. Past that it is cut to what the data reach: an ordinal axis spans the options held
or accepted, padded by one, and names those held, then the ends of the sets, then evenly spaced
others, never two closer than a row's height and never more than `OPTION_ROWS`; a categorical
one keeps a row only for the options someone holds or accepts. Either says so in a note, so a
scale of 10,000 options costs no more to draw than one of 24.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

import attrs

from negotrack.model._issues import CategoricalScale, NumericScale
from negotrack.model._positions import Interval
from negotrack.report._labels import number

if TYPE_CHECKING:
    from collections.abc import Iterable

    from negotrack.model._issues import Issue, Mark, Value
    from negotrack.model._positions import Acceptable

__all__ = [
    "OPTION_ROWS",
    "OptionAxis",
    "mark_label",
    "marked_ticks",
    "numeric_axis",
    "option_axis",
    "option_runs",
]

#: The most options an axis draws as rows, and the most it names once it is cut.
OPTION_ROWS: Final = 24


@attrs.frozen(kw_only=True)
class OptionAxis:
    """An issue's options on a y axis: which are drawn, where, and which are named.

    Attributes:
        low: The lowest y value the axis shows; ``high`` the highest (half a row past the
            first and last option drawn).
        ticks: The options named, as y values and labels, in order of y.
        rows: On a categorical axis cut to some options, each drawn option's row by its place
            on the scale; None when y is the option's place itself.
        note: What the axis leaves out, in words; None when it draws every option.
        whole: Whether every option in the axis's span is a row and named (a short scale, or
            a short stretch of a long one); False on an axis that names only some.
    """

    low: float
    high: float
    ticks: tuple[tuple[float, str], ...]
    rows: Mapping[int, int] | None = None
    note: str | None = None
    whole: bool = True

    def place(self, index: int) -> float | None:
        """The y value of the option at ``index`` on the scale, or None if it is not drawn."""
        if self.rows is None:
            return float(index)
        row = self.rows.get(index)
        return None if row is None else float(row)


def option_axis(
    issue: Issue,
    preferred: Iterable[Value | None],
    sets: Iterable[Acceptable | None],
    *,
    most: int = OPTION_ROWS,
) -> OptionAxis:
    """The option axis of ``issue`` for the data drawn on it.

    ``preferred`` are the preferred values drawn, ``sets`` the acceptable sets and zones; each
    in the order they should be named first (the latest rounds first); values that are no
    option of the scale are passed over. Up to ``most`` options, every option is a row. Past
    that, an ordinal axis spans the options the data reach, padded by one, and names the
    options preferred, then the ends of each run of a set, then evenly spaced others, no two
    less than a ``most``-th of the axis apart; a categorical one draws the options preferred
    and accepted (past ``most`` of them, those preferred and the most often accepted).

    Raises:
        TypeError: If the issue's scale is numeric.
    """
    scale = issue.scale
    if isinstance(scale, NumericScale):
        raise TypeError(f"issue {issue.id!r} has a numeric scale, not options")
    labels = [option.label for option in scale.options]
    count = len(labels)
    if count <= most:
        return OptionAxis(low=-0.5, high=count - 0.5, ticks=_every(labels, 0, count - 1))
    index = issue.option_index
    held = [index[v] for v in preferred if isinstance(v, str) and v in index]
    bounds = [
        e for s in sets for a, b in option_runs(issue, s) for e in ((a,) if a == b else (a, b))
    ]
    if isinstance(scale, CategoricalScale):
        return _rows(labels, held, bounds, most)
    reached = held + bounds
    first = max(min(reached, default=0) - 1, 0)
    last = min(max(reached, default=count - 1) + 1, count - 1)
    span = f"options {first + 1:,} to {last + 1:,} of {count:,}"
    cut = (first, last) != (0, count - 1)
    if last - first < most:
        note = span if cut else None
        return OptionAxis(
            low=first - 0.5, high=last + 0.5, ticks=_every(labels, first, last), note=note
        )
    gap = (last - first + 1) / most  # a row's height, in options
    steps = max(most // 2 - 1, 1)
    evenly = (first + round(k * (last - first) / steps) for k in range(steps + 1))
    named: list[int] = []
    for place in (*held, *bounds, *evenly):
        at = bisect.bisect_left(named, place)
        near = named[max(at - 1, 0) : at + 1]
        if len(named) < most and all(abs(place - n) >= gap for n in near):
            named.insert(at, place)
    return OptionAxis(
        low=first - 0.5,
        high=last + 0.5,
        ticks=tuple((float(i), labels[i]) for i in named),
        note=span if cut else f"{count:,} options, {len(named)} named",
        whole=False,
    )


def option_runs(issue: Issue, accepted: Acceptable | None) -> list[tuple[int, int]]:
    """A set of options as runs of places on the scale, in order; nothing for an interval.

    Ordinal options next to each other make one run; categorical options are each their own.
    """
    if accepted is None or isinstance(accepted, Interval):
        return []
    index, apart = issue.option_index, isinstance(issue.scale, CategoricalScale)
    runs: list[list[int]] = []
    for row in sorted(index[o] for o in accepted if o in index):
        if runs and row == runs[-1][1] + 1 and not apart:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return [(a, b) for a, b in runs]


def _every(labels: list[str], first: int, last: int) -> tuple[tuple[float, str], ...]:
    """Every option from ``first`` to ``last``, named."""
    return tuple((float(i), labels[i]) for i in range(first, last + 1))


def _rows(labels: list[str], held: list[int], accepted: list[int], most: int) -> OptionAxis:
    """A categorical axis of the options held and accepted: every one held, and up to ``most``."""
    chosen = dict.fromkeys(held)
    for index, _ in sorted(Counter(accepted).items(), key=lambda pair: (-pair[1], pair[0])):
        if len(chosen) >= most:
            break
        chosen[index] = None
    order = sorted(chosen)
    ticks = tuple((float(row), labels[index]) for row, index in enumerate(order))
    kept = len(order) < len(set(held) | set(accepted))
    which = "those held, then the most accepted" if kept else "those held or accepted"
    return OptionAxis(
        low=-0.5,
        high=len(order) - 0.5,
        ticks=ticks,
        rows={index: row for row, index in enumerate(order)},
        note=f"{len(order):,} of {len(labels):,} options, {which}",
    )


def mark_label(scale: object, value: object) -> str | None:
    """The label of a numeric scale's mark at ``value`` (a number), or None (no mark there)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return next((m.label for m in getattr(scale, "marks", ()) if m.value == value), None)


def marked_ticks(
    ticks: Iterable[tuple[float, str]], marks: Iterable[Mark], low: float, high: float
) -> tuple[tuple[float, str], ...]:
    """A numeric axis's ticks with the scale's marks between ``low`` and ``high`` among them.

    A mark is a tick labelled with its number and its label (``50 status quo``); it takes the
    place of a round-number tick at the same value.
    """
    shown = {m.value: f"{number(m.value)} {m.label}" for m in marks if low <= m.value <= high}
    found = {value: label for value, label in ticks if value not in shown}
    return tuple(sorted({**found, **shown}.items()))


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
