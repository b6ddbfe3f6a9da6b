"""The parts of a reading that compare a party's sets and moves with the counterparts'.

See `negotrack.diff._readings` for how they add up; each is a share, positive toward the other
side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from negotrack.diff._footing import Held, centre, distance, options_accepted, overlap, place
from negotrack.model._scales import is_linear

if TYPE_CHECKING:
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


def categorical_pref(issue: Issue, p0: Position, p1: Position, held: list[Held]) -> float:
    total = sum(h.weight for h in held) or 1.0
    move = 0.0
    for h in held:
        d0, d1 = distance(issue, p0, h.position), distance(issue, p1, h.position)
        if d0 is not None and d1 is not None:
            move += h.weight * (d0 - d1)
    return move / total


def categorical_reach(p0: Position, p1: Position, held: list[Held]) -> float:
    if p0.acceptable is None and p1.acceptable is None:
        return 0.0
    s0, s1 = options_accepted(p0) or frozenset(), options_accepted(p1) or frozenset()
    total = sum(h.weight for h in held) or 1.0
    move = 0.0
    for h in held:
        pref = h.position.preferred
        if pref is not None:
            move += h.weight * ((str(pref) in s1) - (str(pref) in s0))
    return move / total


def categorical_zone(p0: Position, p1: Position, held: list[Held]) -> float:
    """The weighted share of counterparts whose acceptable set the party's newly meets."""
    if p0.acceptable is None and p1.acceptable is None:
        return 0.0
    s0, s1 = options_accepted(p0) or frozenset(), options_accepted(p1) or frozenset()
    total = sum(h.weight for h in held) or 1.0
    move = 0.0
    for h in held:
        theirs = options_accepted(h.position) or frozenset()
        move += h.weight * (bool(s1 & theirs) - bool(s0 & theirs))
    return move / total


def linear_zone(issue: Issue, p0: Position, p1: Position, held: list[Held]) -> float:
    """How much more of the counterparts' effective acceptable sets the party's set now shares.

    The weighted mean, over counterparts, of the change in `overlap` (a share of the line).
    """
    total = sum(h.weight for h in held) or 1.0
    return (
        sum(
            h.weight * (overlap(issue, p1, h.position) - overlap(issue, p0, h.position))
            for h in held
        )
        / total
    )


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
