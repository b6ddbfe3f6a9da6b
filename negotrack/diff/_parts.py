"""The parts of a reading that compare a party's sets and moves with the counterparts'.

See `negotrack.diff._readings` for how they add up; each is a share, positive toward the other
side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from negotrack.diff._footing import Held, centre, distance, options_accepted, overlap, place
from negotrack.model._scales import is_linear

if TYPE_CHECKING:
    from collections.abc import Callable

    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Position

__all__ = [
    "categorical_pref",
    "categorical_reach",
    "categorical_zone",
    "linear_zone",
    "sides_split",
]

_EPS: Final = 1e-9


def _weighted(held: list[Held], change: Callable[[Position], float | None]) -> float:
    """The weighted mean over the counterparts of ``change`` (None counts 0), weights as held."""
    total = sum(h.weight for h in held) or 1.0
    move = 0.0
    for h in held:
        found = change(h.position)
        if found is not None:
            move += h.weight * found
    return move / total


def categorical_pref(issue: Issue, p0: Position, p1: Position, held: list[Held]) -> float:
    """The weighted mean fall in the categorical distance to each counterpart's preference."""

    def closer(theirs: Position) -> float | None:
        d0, d1 = distance(issue, p0, theirs), distance(issue, p1, theirs)
        return None if d0 is None or d1 is None else d0 - d1

    return _weighted(held, closer)


def categorical_reach(p0: Position, p1: Position, held: list[Held]) -> float:
    """The weighted share of counterparts whose preferred option the party's set newly takes in."""
    if p0.acceptable is None and p1.acceptable is None:
        return 0.0
    s0, s1 = options_accepted(p0) or frozenset(), options_accepted(p1) or frozenset()

    def taken_in(theirs: Position) -> float | None:
        pref = theirs.preferred
        return None if pref is None else float((str(pref) in s1) - (str(pref) in s0))

    return _weighted(held, taken_in)


def categorical_zone(p0: Position, p1: Position, held: list[Held]) -> float:
    """The weighted share of counterparts whose acceptable set the party's newly meets."""
    if p0.acceptable is None and p1.acceptable is None:
        return 0.0
    s0, s1 = options_accepted(p0) or frozenset(), options_accepted(p1) or frozenset()

    def met(theirs: Position) -> float:
        accepted = options_accepted(theirs) or frozenset()
        return float(bool(s1 & accepted) - bool(s0 & accepted))

    return _weighted(held, met)


def linear_zone(issue: Issue, p0: Position, p1: Position, held: list[Held]) -> float:
    """How much more of the counterparts' effective acceptable sets the party's set now shares.

    The weighted mean, over counterparts, of the change in `overlap` (a share of the line).
    """
    return _weighted(held, lambda theirs: overlap(issue, p1, theirs) - overlap(issue, p0, theirs))


def sides_split(  # noqa: PLR0917 - one reading's context
    negotiation: Negotiation,
    issue: Issue,
    party: str,
    p0: Position,
    p1: Position,
    held: list[Held],
    round_id: str,
) -> bool:
    """Whether the move comes nearer one side's weighted centre and goes further from another's.

    Only for a party facing two sides or more (one on no side, or one of three sides or more).
    """
    sides = negotiation.sides_for(issue.id, round_id)
    groups = [
        [h for h in held if h.party in side.parties] for side in sides if party not in side.parties
    ]
    groups = [g for g in groups if g]
    if len(groups) < 2 or not is_linear(issue):
        return False
    x0, x1 = place(issue, p0), place(issue, p1)
    if x0 is None or x1 is None:
        return False
    moves = []
    for group in groups:
        c = centre(issue, group)
        if c is not None:
            moves.append(abs(x0 - c) - abs(x1 - c))
    return any(m > _EPS for m in moves) and any(m < -_EPS for m in moves)
