"""Positions as points on an issue's scale.

Shared by the diff, the per-issue measures and the timeline. Ordinal options are numbered from 0
in their order; numeric values are themselves; categorical options have no place on a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from negotrack.model._issues import NumericScale, OrdinalScale
from negotrack.model._positions import Interval

if TYPE_CHECKING:
    from negotrack.model._issues import Issue, Value
    from negotrack.model._positions import Acceptable

__all__ = ["is_linear", "point", "span", "width"]


def is_linear(issue: Issue) -> bool:
    """Whether positions on the issue lie on a line (ordinal or numeric): moves have a direction."""
    return isinstance(issue.scale, OrdinalScale | NumericScale)


def point(issue: Issue, value: Value | None) -> float | None:
    """Where a value lies on the issue's line: option index or number; None if it has no place."""
    if value is None:
        return None
    scale = issue.scale
    if isinstance(scale, NumericScale):
        if isinstance(value, str):  # a special point stands at the end it lies beyond
            special = scale.point(value)
            return None if special is None else float(scale.value_of(value))
        return float(value)
    if isinstance(scale, OrdinalScale):
        index = issue.option_index.get(value) if isinstance(value, str) else None
        return None if index is None else float(index)
    return None


def width(issue: Issue) -> float:
    """Length of the issue's line: max - min, or the number of option steps (at least 1)."""
    scale = issue.scale
    if isinstance(scale, NumericScale):
        return float(scale.max - scale.min) or 1.0
    return float(max(len(scale.options) - 1, 1))


def span(issue: Issue, acceptable: Acceptable | None) -> float | None:
    """Size of an acceptable set as a share (0-1) of the scale; None if not stated.

    Options count as a share of all options; an interval as a share of the range, open ends
    running to the scale's ends.
    """
    if acceptable is None:
        return None
    scale = issue.scale
    if isinstance(acceptable, Interval):
        if not isinstance(scale, NumericScale):
            return None
        low = scale.min if acceptable.min is None else max(acceptable.min, scale.min)
        high = scale.max if acceptable.max is None else min(acceptable.max, scale.max)
        return max(high - low, 0.0) / (width(issue) or 1.0)
    if isinstance(scale, NumericScale):
        return None
    return len(set(acceptable)) / max(len(scale.options), 1)
