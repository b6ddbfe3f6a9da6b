"""The widest counted pair found without visiting every pair equals the widest of a plain scan."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from negotrack.diff._pairs import widest_untied


def _scan(values: list[float], parts: list[list[int]], tied: set[tuple[int, int]]) -> float:
    """Every counted pair, both ways round: within the one group, or across two."""
    if len(parts) == 1:
        pairs = list(itertools.permutations(parts[0], 2))
    else:
        pairs = [(i, j) for a, b in itertools.permutations(parts, 2) for i in a for j in b]
    return max(
        (values[i] - values[j] for i, j in pairs if (min(i, j), max(i, j)) not in tied),
        default=0.0,
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[float], list[list[int]], set[tuple[int, int]]]:
    values = draw(st.lists(st.integers(0, 6).map(float), min_size=1, max_size=9))
    n = len(values)
    group_of = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    by_group: dict[int, list[int]] = {}
    for i, g in enumerate(group_of):
        by_group.setdefault(g, []).append(i)
    parts = list(by_group.values())
    every = [(i, j) for i in range(n) for j in range(i + 1, n)]
    tied = set(draw(st.lists(st.sampled_from(every), max_size=6))) if every else set()
    return values, parts, tied


@settings(max_examples=1000)  # microseconds each: many cases, in CI too
@given(cases())
def test_widest_untied_is_the_widest_counted_pair(
    case: tuple[list[float], list[list[int]], set[tuple[int, int]]],
) -> None:
    values, parts, tied = case
    assert _scan(values, parts, tied) == widest_untied(values, parts, tied)
