"""The direction of a move against each counterpart, and what the directions add up to.

Kept apart from `negotrack.diff._differ`, which finds where each counterpart stands: a move on
an issue with a thousand parties meets a thousand counterparts, so this loop is the diff's
hottest, and is written lean.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from negotrack.diff._changes import Direction, Meaning, Toward

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["EPSILON", "directions"]

#: Differences smaller than this, on a 0-1 scale, count as none.
EPSILON: Final = 1e-9


def directions(
    scale: float,
    before: float,
    after: float,
    standing: Iterable[tuple[str, float | None, float | None]],
) -> tuple[tuple[Toward, ...], Meaning]:
    """Direction of a move from ``before`` to ``after`` (points on a line ``scale`` long).

    ``standing`` gives each counterpart c with c0 and c1, its points in the old and new state
    (either standing in for the other when one is missing; a counterpart with neither is left
    out). The move's effect is ``((|after-c0| - |before-c0|) + (|after-c1| - |before-c1|)) / 2``:
    negative is toward, positive away. Averaging over both states of the counterpart makes the
    reversed diff give exactly the opposite effect. The meaning is a concession when the effects
    sum below zero, hardening above, neutral otherwise.
    """
    toward, away, neither = Direction.TOWARD, Direction.AWAY, Direction.NEITHER
    result: list[Toward] = []
    total = 0.0
    for other, old, new in standing:
        if old is None:
            if new is None:
                continue
            c0 = c1 = new
        else:
            c0, c1 = old, (old if new is None else new)
        effect = ((abs(after - c0) - abs(before - c0)) + (abs(after - c1) - abs(before - c1))) / 2
        effect /= scale
        total += effect
        direction = toward if effect < -EPSILON else away if effect > EPSILON else neither
        result.append(Toward(other, direction, abs(before - c0) / scale, abs(after - c1) / scale))
    meaning = (
        Meaning.CONCESSION
        if total < -EPSILON
        else Meaning.HARDENING
        if total > EPSILON
        else Meaning.NEUTRAL
    )
    return tuple(result), meaning
