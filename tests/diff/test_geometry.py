"""Properties of the measures of a pair of positions (`negotrack.diff._geometry`)."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.diff._geometry import (
    cached_geometry,
    distance,
    geometry,
    measure_pair,
    overlap,
    set_gap,
    shape,
)
from tests.strategies import issues, positions


@st.composite
def _pairs(draw: st.DrawFn) -> tuple[nt.Issue, nt.Position, nt.Position]:
    issue = draw(issues("i"))
    a = draw(positions("A", issue, ["i"], ["s"]))
    b = draw(positions("B", issue, ["i"], ["s"]))
    return issue, a, b


def _close(x: float | None, y: float | None) -> bool:
    return (x is None and y is None) or (
        x is not None and y is not None and math.isclose(x, y, abs_tol=1e-12)
    )


@given(_pairs())
def test_every_measure_of_a_pair_is_symmetric_and_a_share(
    pair: tuple[nt.Issue, nt.Position, nt.Position],
) -> None:
    issue, a, b = pair
    line, ga, gb = shape(issue), geometry(issue, a), geometry(issue, b)
    ab, ba = measure_pair(line, ga, gb), measure_pair(line, gb, ga)
    for x, y in zip(ab, ba, strict=True):
        assert _close(x, y)
    for value in ab:
        assert value is None or 0.0 <= value <= 1.0 + 1e-12
    assert ab.ruled_out in {0.0, 0.5, 1.0}


@example(
    (
        nt.Issue("i", "I", nt.CategoricalScale(options=(nt.Option("x", "X"), nt.Option("y", "Y")))),
        nt.Position("A", "i", acceptable=()),
        nt.Position("B", "i", acceptable=()),
    )
)
@given(_pairs())
def test_a_position_is_no_distance_from_itself(
    pair: tuple[nt.Issue, nt.Position, nt.Position],
) -> None:
    issue, a, _ = pair
    found = distance(issue, a, a)
    assert found is None or found == 0.0
    options = geometry(issue, a).options
    if options is None or options:  # a set that accepts nothing meets nothing, not even itself
        assert set_gap(issue, a, a) in {None, 0.0}
    else:
        assert set_gap(issue, a, a) == 1.0


@given(_pairs())
def test_sets_that_share_something_have_no_gap(
    pair: tuple[nt.Issue, nt.Position, nt.Position],
) -> None:
    issue, a, b = pair
    if overlap(issue, a, b) > 0:
        assert set_gap(issue, a, b) == 0.0


@given(_pairs())
def test_the_cache_changes_no_measure(pair: tuple[nt.Issue, nt.Position, nt.Position]) -> None:
    issue, a, b = pair
    plain = (distance(issue, a, b), set_gap(issue, a, b), overlap(issue, a, b))
    with cached_geometry():
        twice = [(distance(issue, a, b), set_gap(issue, a, b), overlap(issue, a, b))] * 2
    assert twice == [plain, plain]


def test_a_red_line_over_the_others_preference_is_counted_once_per_side() -> None:
    issue = nt.Issue("pay", "Pay", nt.NumericScale(min=0, max=10, unit="%"))
    a = nt.Position(
        "A",
        "pay",
        preferred=8,
        acceptable=nt.Interval(min=3, max=9),
        red_lines=(nt.RedLine("never below 5", below=5),),
    )
    b = nt.Position("B", "pay", preferred=2)
    found = measure_pair(shape(issue), geometry(issue, a), geometry(issue, b))
    assert found.ruled_out == 0.5
    assert found.distance == 0.6
    assert found.gap == 0.3  # A's set is [5, 9] once its red line cuts below 5; B's is {2}
    assert found.shared == 0.0
