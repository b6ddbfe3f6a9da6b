"""Who faces whom on an issue, and how far apart two positions stand, for readings and verdicts.

A party's counterparts on an issue are the bargaining parties across from it: on another side
of the issue's sides (`Negotiation.sides_for`), or, with no sides, every other bargaining party;
never a party holding a role (a chair, a mediator) in the round, and never its own coalition or
a member of it. Each counterpart weighs its salience on the issue times its party's `weight`
(each 1 when not given; when every counterpart's weight is 0, the weights are ignored).

Distances are shares (0-1) of the issue's line. A position *reaches* as far toward a point as
its effective acceptable set goes: the acceptable set (or the preferred value alone) less what
its own red lines rule out. On a categorical issue, two positions are 0 apart when they prefer
the same option, 1/2 when one's option is in the other's acceptable set, 1 otherwise.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, NamedTuple

from negotrack.model._issues import NumericScale
from negotrack.model._positions import Interval
from negotrack.model._scales import is_linear, point, width

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Effective, Negotiation
    from negotrack.model._positions import Position

__all__ = [
    "Held",
    "by_issue",
    "cached_geometry",
    "counterparts",
    "distance",
    "is_chair",
    "options_accepted",
    "overlap",
    "reach",
    "ruled_out_by_them",
    "ruled_out_share",
    "set_gap",
]


class Held(NamedTuple):
    """A counterpart's position taken as the reference, and its weight."""

    party: str
    position: Position
    weight: float


def is_chair(negotiation: Negotiation, party: str, *rounds: str) -> bool:
    """Whether the party holds a role (chair, mediator, ...) in any of the rounds."""
    return any(not negotiation.bargains(party, r) for r in rounds)


def counterparts(
    negotiation: Negotiation,
    issue: str,
    party: str,
    rounds: tuple[str, str],
    reference: Mapping[str, Position],
) -> list[Held]:
    """The party's counterparts on the issue holding a reference position, in id order."""
    sides = negotiation.sides_for(issue, rounds[1])
    mine = {s.id for s in sides if party in s.parties}
    if sides:
        others = {p for s in sides if s.id not in mine for p in s.parties}
        if mine:
            others -= {p for s in sides if s.id in mine for p in s.parties}
    else:
        others = set(reference)
    out = []
    known = negotiation._parties
    weights = {p: known[p].weight for p in others if p in known}
    # weights all 0 would leave no other side at all: then every counterpart counts as 1
    all_zero = bool(weights) and all(w == 0 for w in weights.values())
    chairs = {p for r in rounds for p in negotiation.roles_in(r)}
    bloc = set(negotiation.members_of(party)) if party in known else set()
    for other in sorted(others):
        position = reference.get(other)
        if (
            other == party
            or position is None
            or other in chairs
            or other in bloc
            or (other in known and any(m.party == party for m in known[other].members))
        ):
            continue
        salience = 1.0 if position.salience is None else position.salience
        weight = weights.get(other)
        factor = 1.0 if weight is None or all_zero else weight
        out.append(Held(other, position, salience * factor))
    return out


def _point(issue: Issue, position: Position) -> float | None:
    """The position's place on the line: its preferred value, else the middle of its set."""
    x = point(issue, position.preferred)
    if x is not None:
        return x
    ends = _ends(issue, position)
    return None if ends is None else (ends[0] + ends[1]) / 2


def _ends(issue: Issue, position: Position) -> tuple[float, float] | None:
    """The ends of the position's effective acceptable set on the line, if it has one."""
    points = _accepted_points(issue, position)
    if points is None:
        return None
    if isinstance(points, tuple):
        return points
    return (min(points), max(points)) if points else None


#: While `cached_geometry` is active: `_accepted_points` by (issue id, position id). Both are
#: alive for the whole block (the dossier holds them), so their ids cannot be reused inside it.
_CACHE: dict[tuple[int, int], tuple[float, float] | list[float] | None] | None = None


@contextlib.contextmanager
def cached_geometry() -> Iterator[None]:
    """Remember each position's effective acceptable set for the length of the block."""
    global _CACHE  # noqa: PLW0603 - one cache, for one computation at a time
    outer = _CACHE
    _CACHE = {} if outer is None else outer
    try:
        yield
    finally:
        _CACHE = outer


def by_issue(
    state: Mapping[tuple[str, str], Effective[Position]],
) -> dict[str, dict[tuple[str, str], Effective[Position]]]:
    """The positions in force grouped by issue (overall positions only), keys kept as they are."""
    out: dict[str, dict[tuple[str, str], Effective[Position]]] = {}
    for key, held in state.items():
        out.setdefault(key[1], {})[key] = held
    return out


def _accepted_points(issue: Issue, position: Position) -> tuple[float, float] | list[float] | None:
    """A numeric interval (low, high), or the option indices the position can accept."""
    if _CACHE is None:
        return _accepted_points_of(issue, position)
    key = (id(issue), id(position))
    if key not in _CACHE:
        _CACHE[key] = _accepted_points_of(issue, position)
    return _CACHE[key]


def _accepted_points_of(
    issue: Issue, position: Position
) -> tuple[float, float] | list[float] | None:
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


def distance(issue: Issue, a: Position, b: Position) -> float | None:
    """How far apart two preferred positions stand, as a share of the line (see the module)."""
    if is_linear(issue):
        x, y = _point(issue, a), _point(issue, b)
        return None if x is None or y is None else abs(x - y) / width(issue)
    if a.preferred is None and b.preferred is None:
        return None
    if a.preferred == b.preferred:
        return 0.0
    if a.preferred is None or b.preferred is None:
        # one states only what it accepts: 1/2 when the other's option is in that set
        stated, other = (b, a) if a.preferred is None else (a, b)
        accepted = options_accepted(other)
        if accepted is None:
            return None
        return 0.5 if str(stated.preferred) in accepted else 1.0
    in_b = str(a.preferred) in (options_accepted(b) or ())
    in_a = str(b.preferred) in (options_accepted(a) or ())
    return 0.5 if in_a or in_b else 1.0


def reach(issue: Issue, position: Position, target: float) -> float | None:
    """How far the position's effective acceptable set stays from ``target`` on the line."""
    ends = _ends(issue, position)
    if ends is None:
        return None
    low, high = ends
    gap = low - target if target < low else target - high if target > high else 0.0
    return gap / width(issue)


def set_gap(issue: Issue, a: Position, b: Position) -> float | None:
    """The distance between two positions' effective acceptable sets: 0 when they meet."""
    if is_linear(issue):
        ea, eb = _ends(issue, a), _ends(issue, b)
        if ea is None or eb is None:
            return None
        gap = max(ea[0] - eb[1], eb[0] - ea[1], 0.0)
        return gap / width(issue)
    sa, sb = options_accepted(a), options_accepted(b)
    if sa is None or sb is None:
        return None
    return 0.0 if sa & sb else 1.0


def ruled_out_share(
    issue: Issue, position: Position, held: list[Held], target: float | None
) -> float:
    """How much of what the other side wants the position's red lines rule out.

    On a line, the share of the line from the position's place to the end on the side of
    ``target`` (the other side's centre) that its red lines rule out; on a categorical issue,
    the weighted share of counterparts whose preferred option they rule out.
    """
    lines = position.red_lines
    if not lines:
        return 0.0
    if is_linear(issue):
        x = _point(issue, position)
        if x is None or target is None:
            return 0.0
        # from the position's place to the end of the line on the other side's side of it
        start = float(issue.scale.min) if isinstance(issue.scale, NumericScale) else 0.0
        end = start + width(issue)
        low, high = (x, end) if target >= x else (start, x)
        if isinstance(issue.scale, NumericScale):
            cut = 0.0
            for line in lines:
                if line.below is not None:
                    cut = max(cut, min(high, float(line.below)) - low)
                if line.above is not None:
                    cut = max(cut, high - max(low, float(line.above)))
            return max(cut, 0.0) / width(issue)
        options = [o.id for o in issue.scale.options]
        between = [o for i, o in enumerate(options) if low <= i <= high]
        ruled = sum(1 for o in between if any(line.rules_out(o) for line in lines))
        return ruled / width(issue)
    total = sum(h.weight for h in held) or 1.0
    ruled_weight = sum(
        h.weight
        for h in held
        if h.position.preferred is not None
        and any(line.rules_out(h.position.preferred) for line in lines)
    )
    return ruled_weight / total


def overlap(issue: Issue, a: Position, b: Position) -> float:
    """How much two positions' effective acceptable sets share, as a share of the line."""
    if is_linear(issue):
        ea, eb = _ends(issue, a), _ends(issue, b)
        if ea is None or eb is None:
            return 0.0
        if isinstance(issue.scale, NumericScale):
            return max(min(ea[1], eb[1]) - max(ea[0], eb[0]), 0.0) / width(issue)
        pa, pb = _accepted_points(issue, a), _accepted_points(issue, b)
        return len(set(pa or ()) & set(pb or ())) / (width(issue) + 1)
    sa, sb = options_accepted(a) or frozenset(), options_accepted(b) or frozenset()
    return len(sa & sb) / max(len(issue.scale.options), 1)  # type: ignore[union-attr]


def centre(issue: Issue, held: list[Held]) -> float | None:
    """The weighted centre of the counterparts' places on the line (None if none has one)."""
    total = weight = 0.0
    for h in held:
        x = _point(issue, h.position)
        if x is not None and h.weight > 0:
            total += x * h.weight
            weight += h.weight
    return None if weight == 0 else total / weight


def place(issue: Issue, position: Position) -> float | None:
    """`_point`: the position's place on the line."""
    return _point(issue, position)


def reference_positions(
    earlier: Mapping[tuple[str, str], Effective[Position]],
    later: Mapping[tuple[str, str], Effective[Position]],
    issue: str,
    *,
    raised: bool = True,
) -> dict[str, Position]:
    """Each party's overall position on the issue in the ``earlier`` state.

    A demand raised between the two rounds (``raised`` in ``later``) is what the others answer:
    for its party, the later position is the reference. A party whose position is only first
    recorded in ``later`` is not a reference: who the record happens to show never moves
    another party's reading. With ``raised`` false, raised demands get no such treatment.
    """
    out: dict[str, Position] = {}
    for (party, key), held in earlier.items():
        if key == issue:
            out[party] = held.value
    if not raised:
        return out
    already = earlier_raised(earlier)
    for (party, key), held in later.items():
        if key == issue and held.value.raised and (party, key) not in already:
            out[party] = held.value
    return out


def earlier_raised(earlier: Mapping[tuple[str, str], Effective[Position]]) -> set[tuple[str, str]]:
    """Keys whose position in force in the earlier round was already a raised demand."""
    return {k for k, held in earlier.items() if held.value.raised}


def ruled_out_by_them(position: Position, held: list[Held]) -> float:
    """The weighted share of counterparts whose own red lines rule out the position's preference."""
    pref = position.preferred
    if pref is None:
        return 0.0
    total = sum(h.weight for h in held) or 1.0
    ruled = sum(
        h.weight for h in held if any(line.rules_out(pref) for line in h.position.red_lines)
    )
    return ruled / total
