"""Acceptable sets on an issue's line: whether one holds another, and where a set's middle lies.

Used by the position differ to tell a widened or narrowed acceptable set from a shifted one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from negotrack.model._positions import Interval
from negotrack.model._scales import point

if TYPE_CHECKING:
    from negotrack.model._issues import Issue
    from negotrack.model._positions import Acceptable

__all__ = ["contains", "middle"]


def contains(outer: Acceptable, inner: Acceptable) -> bool:
    """Whether ``outer`` holds all of ``inner`` (open interval ends reach forever)."""
    if isinstance(outer, Interval) and isinstance(inner, Interval):
        low_ok = outer.min is None or (inner.min is not None and inner.min >= outer.min)
        high_ok = outer.max is None or (inner.max is not None and inner.max <= outer.max)
        return low_ok and high_ok
    if isinstance(outer, Interval) or isinstance(inner, Interval):
        return False
    return set(inner) <= set(outer)


def middle(issue: Issue, acceptable: Acceptable) -> float | None:
    """The middle of an acceptable set on the issue's line."""
    if isinstance(acceptable, Interval):
        low = acceptable.min if acceptable.min is not None else point(issue, _scale_end(issue, 0))
        high = acceptable.max if acceptable.max is not None else point(issue, _scale_end(issue, 1))
        return None if low is None or high is None else (low + high) / 2
    points = [p for p in (point(issue, option) for option in acceptable) if p is not None]
    return sum(points) / len(points) if points else None


def _scale_end(issue: Issue, end: int) -> float | None:
    scale = issue.scale
    return getattr(scale, "max" if end else "min", None)
