"""Where a position stands on its issue, and how far apart two positions stand.

A position's *geometry* is what the readings and verdicts measure it by, worked out once: its
place on the line (the preferred value, else the middle of its set), the ends of its effective
acceptable set (the acceptable set, or the preferred value alone, less what its own red lines
rule out), the option indices it accepts on an ordinal line, and the options it accepts on a
categorical issue. Distances are shares (0-1) of the issue's line; on a categorical issue two
positions are 0 apart when they prefer the same option, 1/2 when one's option is in the other's
acceptable set, 1 otherwise.

`measure_pair` takes two geometries and the issue's `Shape` and gives every measure of the pair
at once, so a computation over many pairs (an issue verdict pairs every party with every
counterpart) works each position and the issue out once; `distance`, `set_gap` and `overlap`
are its measures taking an issue and two positions, the readable form for one pair.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, NamedTuple

from negotrack.model._issues import NumericScale
from negotrack.model._positions import Interval
from negotrack.model._scales import is_linear, point, width

if TYPE_CHECKING:
    from collections.abc import Iterator

    from negotrack.model._issues import Issue, Value
    from negotrack.model._positions import Position, RedLine

__all__ = [
    "Geometry",
    "PairMeasure",
    "Shape",
    "cached_geometry",
    "distance",
    "geometry",
    "measure_pair",
    "options_accepted",
    "overlap",
    "place",
    "reach",
    "rules_out",
    "set_gap",
    "shape",
]


class Geometry(NamedTuple):
    """A position as the measures see it (see the module)."""

    preferred: Value | None
    point: float | None
    ends: tuple[float, float] | None
    indices: frozenset[float]
    options: frozenset[str] | None
    red_lines: tuple[RedLine, ...]


#: While `cached_geometry` is active: each geometry by (issue id, position id). Both are alive
#: for the whole block (the dossier holds them), so their ids cannot be reused inside it.
_CACHE: dict[tuple[int, int], Geometry] | None = None


@contextlib.contextmanager
def cached_geometry() -> Iterator[None]:
    """Remember each position's geometry for the length of the block."""
    global _CACHE  # noqa: PLW0603 - one cache, for one computation at a time
    outer = _CACHE
    _CACHE = {} if outer is None else outer
    try:
        yield
    finally:
        _CACHE = outer


def geometry(issue: Issue, position: Position) -> Geometry:
    """The position's geometry on the issue (remembered inside `cached_geometry`)."""
    if _CACHE is None:
        return _geometry_of(issue, position)
    key = (id(issue), id(position))
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = _geometry_of(issue, position)
    return found


def _geometry_of(issue: Issue, position: Position) -> Geometry:
    accepted = _accepted_points(issue, position)
    if accepted is None:
        ends = None
    elif isinstance(accepted, tuple):
        ends = accepted
    else:
        ends = (min(accepted), max(accepted)) if accepted else None
    x = point(issue, position.preferred)
    if x is None and ends is not None:
        x = (ends[0] + ends[1]) / 2
    linear = is_linear(issue)
    return Geometry(
        preferred=position.preferred,
        point=x,
        ends=ends,
        indices=frozenset(accepted) if isinstance(accepted, list) else frozenset(),
        options=None if linear else options_accepted(position),
        red_lines=position.red_lines,
    )


def _accepted_points(issue: Issue, position: Position) -> tuple[float, float] | list[float] | None:
    """A numeric interval (low, high), or the option indices the position can accept."""
    accepted = position.acceptable
    lines = position.red_lines
    if isinstance(issue.scale, NumericScale):
        low, high = float(issue.scale.min), float(issue.scale.max)
        if isinstance(accepted, Interval):
            low = low if accepted.min is None else float(accepted.min)
            high = high if accepted.max is None else float(accepted.max)
        else:
            x = point(issue, position.preferred)
            if x is None:
                return None
            low = high = x
        for line in lines:
            if line.below is not None:
                low = max(low, float(line.below))
            if line.above is not None:
                high = min(high, float(line.above))
        return (low, high) if low <= high else []
    options = [str(o) for o in accepted] if isinstance(accepted, tuple) else None
    if options is None:
        if position.preferred is None:
            return None
        options = [str(position.preferred)]
    index = issue.option_index
    kept = [o for o in options if not any(line.rules_out(o) for line in lines)]
    return [float(index[o]) for o in kept if o in index]


def options_accepted(position: Position) -> frozenset[str] | None:
    """A categorical position's effective acceptable options (its preferred alone if no set)."""
    accepted = position.acceptable
    if isinstance(accepted, tuple):
        options = {str(o) for o in accepted}
    elif position.preferred is not None:
        options = {str(position.preferred)}
    else:
        return None
    return frozenset(
        o for o in options if not any(line.rules_out(o) for line in position.red_lines)
    )


# -- pairs of geometries ---------------------------------------------------------------------


class Shape(NamedTuple):
    """What the pairwise measures need of an issue, worked out once."""

    linear: bool
    numeric: bool
    width: float
    options: int


def shape(issue: Issue) -> Shape:
    """The issue's `Shape`: whether it is a line, numeric, its width and its number of options."""
    numeric = isinstance(issue.scale, NumericScale)
    return Shape(
        linear=is_linear(issue),
        numeric=numeric,
        width=width(issue),
        options=0 if numeric else len(issue.scale.options),  # type: ignore[union-attr]
    )


class PairMeasure(NamedTuple):
    """How two positions stand to each other on an issue (each None when not measurable)."""

    distance: float | None
    """How far apart the preferred positions stand, as a share of the line (see the module)."""
    gap: float | None
    """The distance between the effective acceptable sets: 0 when they meet."""
    shared: float
    """How much the effective acceptable sets share, as a share of the line."""
    ruled_out: float
    """The share of the two (0, 1/2 or 1) whose red lines rule out the other's preferred value."""


def measure_pair(line: Shape, a: Geometry, b: Geometry) -> PairMeasure:
    """Every measure of a pair of positions at once (the verdicts measure thousands of pairs)."""
    ruled = (rules_out(a, b) + rules_out(b, a)) / 2 if a.red_lines or b.red_lines else 0.0
    if line.linear:
        x, y, ea, eb = a.point, b.point, a.ends, b.ends
        distance = None if x is None or y is None else abs(x - y) / line.width
        if ea is None or eb is None:
            return PairMeasure(distance, None, 0.0, ruled)
        gap = max(ea[0] - eb[1], eb[0] - ea[1], 0.0) / line.width
        if line.numeric:
            shared = max(min(ea[1], eb[1]) - max(ea[0], eb[0]), 0.0) / line.width
        else:
            shared = len(a.indices & b.indices) / (line.width + 1)
        return PairMeasure(distance, gap, shared, ruled)
    sa, sb = a.options, b.options
    met = None if sa is None or sb is None else 0.0 if sa & sb else 1.0
    shared = len((sa or frozenset()) & (sb or frozenset())) / max(line.options, 1)
    return PairMeasure(_options_apart(a, b), met, shared, ruled)


def _options_apart(a: Geometry, b: Geometry) -> float | None:
    """`PairMeasure.distance` on a categorical issue."""
    if a.preferred is None and b.preferred is None:
        return None
    if a.preferred == b.preferred:
        return 0.0
    if a.preferred is None or b.preferred is None:
        # one states only what it accepts: 1/2 when the other's option is in that set
        stated, other = (b, a) if a.preferred is None else (a, b)
        if other.options is None:
            return None
        return 0.5 if str(stated.preferred) in other.options else 1.0
    in_b = str(a.preferred) in (b.options or ())
    in_a = str(b.preferred) in (a.options or ())
    return 0.5 if in_a or in_b else 1.0


def rules_out(a: Geometry, b: Geometry) -> bool:
    """Whether a's red lines rule out b's preferred value."""
    pref = b.preferred
    return bool(a.red_lines) and pref is not None and any(x.rules_out(pref) for x in a.red_lines)


# -- the same for positions ------------------------------------------------------------------


def place(issue: Issue, position: Position) -> float | None:
    """The position's place on the line: its preferred value, else the middle of its set."""
    return geometry(issue, position).point


def ends(issue: Issue, position: Position) -> tuple[float, float] | None:
    """The ends of the position's effective acceptable set on the line, if it has one."""
    return geometry(issue, position).ends


def distance(issue: Issue, a: Position, b: Position) -> float | None:
    """`PairMeasure.distance` of two positions."""
    return measure_pair(shape(issue), geometry(issue, a), geometry(issue, b)).distance


def set_gap(issue: Issue, a: Position, b: Position) -> float | None:
    """`PairMeasure.gap` of two positions."""
    return measure_pair(shape(issue), geometry(issue, a), geometry(issue, b)).gap


def overlap(issue: Issue, a: Position, b: Position) -> float:
    """`PairMeasure.shared` of two positions."""
    return measure_pair(shape(issue), geometry(issue, a), geometry(issue, b)).shared


def reach(issue: Issue, position: Position, target: float) -> float | None:
    """How far the position's effective acceptable set stays from ``target`` on the line."""
    found = ends(issue, position)
    if found is None:
        return None
    low, high = found
    gap = low - target if target < low else target - high if target > high else 0.0
    return gap / width(issue)
