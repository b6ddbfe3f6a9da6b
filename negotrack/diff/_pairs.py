"""Counting counterpart pairs on one issue without visiting them: how many, how far apart.

The per-issue measures (`negotrack.diff._measures`) average the distance over every pair of
counterparts. With no sides that is every pair; with sides, every pair less those within one
side; in both cases less the pairs of a coalition and one of its members. The first two are
sums over sorted values; the tied pairs, few, are taken off one by one.
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from collections.abc import Set as AbstractSet

__all__ = [
    "HasParty",
    "groups",
    "line_within",
    "options_within",
    "tied_pairs",
    "widest",
    "widest_untied",
]


class HasParty(Protocol):
    """Anything held by a party (the measures' view of a position)."""

    @property
    def party(self) -> str:
        """Id of the party."""
        ...


def line_within(values: list[float]) -> tuple[int, float]:
    """Number of pairs, and sum of ``|x_i - x_j|`` over them: ``sum_k x_(k) * (2k - n + 1)``."""
    n = len(values)
    return n * (n - 1) // 2, sum(map(operator.mul, sorted(values), range(1 - n, n, 2)))


def options_within(values: list[Any]) -> tuple[int, float]:
    """Number of pairs, and how many differ: all, less ``c * (c - 1) / 2`` per option held c times.

    Two categorical values are 1 apart or not at all.
    """
    pairs = len(values) * (len(values) - 1) // 2
    return pairs, float(pairs - sum(c * (c - 1) // 2 for c in Counter(values).values()))


def widest(parts: list[list[float]]) -> float:
    """Largest ``max(A) - min(B)`` over two different groups A, B (0.0 with fewer than two)."""
    extremes = [(min(group), max(group)) for group in parts]
    return max((a[1] - b[0] for a, b in itertools.permutations(extremes, 2)), default=0.0)


def tied_pairs(
    held: Sequence[HasParty], ties: Mapping[str, AbstractSet[str]], side_of: Mapping[str, str]
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of places in ``held`` of a coalition and one of its members.

    Only the pairs counted so far: on different sides, or any two when there are no sides.
    """
    place = {h.party: i for i, h in enumerate(held)}
    found = []
    for i, h in enumerate(held):
        for other in ties.get(h.party, ()):
            j = place.get(other)
            if j is not None and i < j:
                if side_of and side_of.get(h.party, "") == side_of.get(other, ""):
                    continue  # on one side: never counted
                found.append((i, j))
    return found


def groups(held: Sequence[HasParty], side_of: Mapping[str, str]) -> list[list[int]]:
    """Places in ``held`` by side (parties on no side together); one group with no sides."""
    if not side_of:
        return [list(range(len(held)))]
    by_side: dict[str, list[int]] = {}
    for i, h in enumerate(held):
        by_side.setdefault(side_of.get(h.party, ""), []).append(i)
    return list(by_side.values())


def widest_untied(
    values: list[float], parts: list[list[int]], tied: AbstractSet[tuple[int, int]]
) -> float:
    """Largest ``|x_i - x_j|`` over the counted pairs not in ``tied`` (0.0 with none).

    The pairs counted are those across groups, or within the one group when there are no sides.

    With ``t`` tied pairs, the largest is among the ``t + 2`` highest values of one group and
    the ``t + 2`` lowest of the other: any counted pair can be moved there without getting
    shorter, each end passing over at most ``t`` partners tied to the other and the other end.
    The highs are walked from the highest and the lows from the lowest, so the first counted
    partner of a high is its farthest, and a walk stops as soon as it cannot beat the best.
    """
    keep = len(tied) + 2
    by_value = values.__getitem__
    best = 0.0
    pairs = [(parts[0], parts[0])] if len(parts) == 1 else list(itertools.permutations(parts, 2))
    for high_group, low_group in pairs:
        if not high_group or not low_group:
            continue
        highs = sorted(high_group, key=by_value, reverse=True)[:keep]
        lows = sorted(low_group, key=by_value)[:keep]
        lowest = values[lows[0]]
        for i in highs:
            high = values[i]
            if high - lowest <= best:
                break  # every later high is lower still
            for j in lows:
                distance = high - values[j]
                if distance <= best:
                    break  # every later low is higher still
                if i != j and ((i, j) if i < j else (j, i)) not in tied:
                    best = distance
                    break
    return best
