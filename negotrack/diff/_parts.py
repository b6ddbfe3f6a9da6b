"""The parts of a reading's score that compare acceptable sets with the counterparts'.

See `negotrack.diff._readings` for how they add up; each is a share, positive toward the other
side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from negotrack.diff._footing import Held, distance, options_accepted, overlap

if TYPE_CHECKING:
    from negotrack.model._issues import Issue
    from negotrack.model._positions import Position

__all__ = ["categorical_pref", "categorical_reach", "categorical_zone", "linear_zone"]


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
