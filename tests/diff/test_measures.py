"""Per-issue measures: gap, zone of possible agreement, weighted centre, dispersion, verdict."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.diff._measures import (
    IssueMeasures,
    Verdict,
    measure_issue,
    measure_round,
    pairwise_gaps,
    verdict,
)
from negotrack.model._scales import point
from tests.conftest import FLAGSHIP
from tests.strategies import negotiations

if TYPE_CHECKING:
    from collections.abc import Sequence

STEPS = nt.Issue(
    "steps",
    "Five steps",
    nt.OrdinalScale(options=tuple(nt.Option(f"o{k}", f"Step {k}") for k in range(5))),
)
TROOPS = nt.Issue("troops", "Troops", nt.NumericScale(min=0, max=100, unit="thousand"))
VENUE = nt.Issue(
    "venue",
    "Venue",
    nt.CategoricalScale(options=(nt.Option("ist", "Istanbul"), nt.Option("gva", "Geneva"))),
)
PARTIES = tuple(nt.Party(p, p.title()) for p in ("a", "b", "c", "d"))
SIDES = (nt.Side("east", "East", ("a", "b")), nt.Side("west", "West", ("c",)))


def _dossier(*positions: nt.Position, sides: Sequence[nt.Side] = ()) -> nt.Negotiation:
    return nt.Negotiation(
        "talks",
        "Talks",
        parties=PARTIES,
        sides=tuple(sides),
        issues=(STEPS, TROOPS, VENUE),
        rounds=(nt.Round("r1", "First", date=dt.date(2022, 3, 1), positions=positions),),
    )


def _measure(
    issue: nt.Issue,
    *positions: nt.Position,
    sides: Sequence[nt.Side] = (),
    weights: dict[str, float] | None = None,
) -> IssueMeasures:
    dossier = _dossier(*positions, sides=sides)
    return measure_issue(dossier, issue, "r1", {p.party: p for p in positions}, weights)


def _at(party: str, issue: nt.Issue, preferred: nt.Value | None, **more: Any) -> nt.Position:
    return nt.Position(party, issue.id, preferred, **more)


# -- gap -------------------------------------------------------------------------------------------


def test_gap_is_the_mean_normalised_distance_over_all_pairs() -> None:
    """Without sides the gap averages every pair; the largest pair is the max gap."""
    m = _measure(STEPS, _at("a", STEPS, "o0"), _at("b", STEPS, "o2"), _at("c", STEPS, "o4"))
    assert ("a", "b", "c") == m.parties
    assert pytest.approx((2 / 3, 1.0)) == (m.gap, m.max_gap)


def test_gap_with_sides_counts_pairs_across_the_table() -> None:
    """With sides, only cross-side pairs and pairs with a party on no side count."""
    positions = [_at(p, TROOPS, x) for p, x in (("a", 10.0), ("b", 20.0), ("c", 80.0), ("d", 50))]
    m = _measure(TROOPS, *positions, sides=SIDES)
    # a-c 0.7, b-c 0.6, d-a 0.4, d-b 0.3, d-c 0.3
    assert pytest.approx((2.3 / 5, 0.7)) == (m.gap, m.max_gap)


def test_gap_on_a_categorical_issue_counts_differing_options() -> None:
    """On a categorical issue a pair is 0 apart on the same option, 1 apart otherwise."""
    m = _measure(VENUE, _at("a", VENUE, "ist"), _at("b", VENUE, "ist"), _at("c", VENUE, "gva"))
    assert pytest.approx((2 / 3, 1.0)) == (m.gap, m.max_gap)


def test_gap_is_none_without_a_pair_of_counterparts() -> None:
    """One party, or parties all on one side, give no gap."""
    alone = _measure(STEPS, _at("a", STEPS, "o1"), _at("b", STEPS, None))
    same_side = _measure(STEPS, _at("a", STEPS, "o1"), _at("b", STEPS, "o3"), sides=SIDES)
    assert [(("a",), None, None), (("a", "b"), None, None)] == [
        (alone.parties, alone.gap, alone.max_gap),
        (same_side.parties, same_side.gap, same_side.max_gap),
    ]


def test_pairwise_gaps_lists_each_counterpart_pair_once() -> None:
    """``pairwise_gaps`` keys sorted pairs of counterparts to their normalised distance."""
    positions = {p: _at(p, TROOPS, x) for p, x in (("a", 10.0), ("b", 20.0), ("c", 80.0))}
    gaps = pairwise_gaps(_dossier(*positions.values(), sides=SIDES), TROOPS, positions)
    assert {("a", "c"): pytest.approx(0.7), ("b", "c"): pytest.approx(0.6)} == gaps


# -- zone ------------------------------------------------------------------------------------------


def test_zone_intersects_option_sets_and_preferred_values() -> None:
    """A party without an acceptable set accepts its preferred option only."""
    m = _measure(
        STEPS,
        _at("a", STEPS, "o1", acceptable=("o1", "o2", "o3")),
        _at("b", STEPS, "o4", acceptable=("o4", "o3", "o2")),
        _at("c", STEPS, "o3"),
    )
    assert ("o3",) == m.zone
    assert pytest.approx((True, 0.2)) == (m.zone_exists, m.zone_extent)


def test_zone_intersects_intervals_with_open_ends() -> None:
    """Intervals intersect with open ends running to the scale's ends."""
    m = _measure(
        TROOPS,
        _at("a", TROOPS, 20.0, acceptable=nt.Interval(10, None)),
        _at("b", TROOPS, 50.0, acceptable=nt.Interval(None, 60)),
    )
    assert pytest.approx((True, nt.Interval(10, 60), 0.5)) == (m.zone_exists, m.zone, m.zone_extent)


def test_zone_of_a_bare_preferred_number_is_a_point() -> None:
    """On a numeric issue a party with no interval accepts ``[x, x]``: a zone of extent 0."""
    m = _measure(
        TROOPS, _at("a", TROOPS, 20.0, acceptable=nt.Interval(10, None)), _at("b", TROOPS, 40)
    )
    assert (True, nt.Interval(40, 40), 0.0) == (m.zone_exists, m.zone, m.zone_extent)


def test_no_zone_when_the_sets_do_not_meet() -> None:
    """Disjoint sets give no zone, and an extent of 0."""
    m = _measure(STEPS, _at("a", STEPS, "o0", acceptable=("o0", "o1")), _at("b", STEPS, "o4"))
    assert (False, None, 0.0) == (m.zone_exists, m.zone, m.zone_extent)


def test_no_zone_measured_with_fewer_than_two_parties() -> None:
    """A zone needs at least two parties stating a set or a preferred value."""
    m = _measure(STEPS, _at("a", STEPS, "o0", acceptable=("o0", "o1")), _at("b", STEPS, None))
    assert (None, None, None) == (m.zone_exists, m.zone, m.zone_extent)


# -- centre and dispersion -------------------------------------------------------------------------


def test_centre_weighs_preferred_values_by_salience() -> None:
    """The centre is sum(s * x) / sum(s); the dispersion the weighted deviation around it."""
    m = _measure(TROOPS, _at("a", TROOPS, 20.0, salience=1.0), _at("b", TROOPS, 80.0, salience=0.5))
    spread = math.sqrt((1.0 * 0.2**2 + 0.5 * 0.4**2) / 1.5)
    assert pytest.approx((40.0, spread)) == (m.centre, m.dispersion)


def test_centre_takes_party_weights() -> None:
    """A party's weight multiplies its salience; parties not in ``weights`` weigh 1."""
    positions = (_at("a", TROOPS, 20.0), _at("b", TROOPS, 80.0, salience=0.5))
    assert pytest.approx(60.0) == _measure(TROOPS, *positions, weights={"b": 4.0}).centre


def test_centre_of_an_ordinal_issue_is_an_option_index() -> None:
    """On an ordinal issue the centre is a place among the options, numbered from 0."""
    m = _measure(STEPS, _at("a", STEPS, "o1"), _at("b", STEPS, "o4"))
    assert pytest.approx((2.5, 0.375)) == (m.centre, m.dispersion)


def test_parties_weigh_the_same_when_every_salience_is_zero() -> None:
    """With every weight 0 the centre falls back to the plain mean."""
    positions = (_at("a", TROOPS, 20.0, salience=0.0), _at("b", TROOPS, 80.0, salience=0.0))
    assert pytest.approx(50.0) == _measure(TROOPS, *positions).centre


def test_no_centre_on_a_categorical_issue() -> None:
    """Options without order have no centre and no dispersion."""
    m = _measure(VENUE, _at("a", VENUE, "ist"), _at("b", VENUE, "gva"))
    assert (None, None) == (m.centre, m.dispersion)


def test_negative_weight_is_refused() -> None:
    """A negative weight raises ValueError naming the party."""
    with pytest.raises(ValueError, match="weight of party 'a' must not be negative"):
        _measure(TROOPS, _at("a", TROOPS, 20.0), weights={"a": -1.0})


# -- rounds ----------------------------------------------------------------------------------------


def test_measure_round_measures_every_issue_in_dossier_order() -> None:
    """``measure_round`` keys every issue, with or without positions, in dossier order."""
    dossier = _dossier(_at("a", TROOPS, 20.0), _at("b", TROOPS, 30.0))
    measures = measure_round(dossier, "r1")
    assert (["steps", "troops", "venue"], IssueMeasures(issue="steps", round="r1")) == (
        list(measures),
        measures["steps"],
    )


def test_measure_round_of_an_unknown_round() -> None:
    """An unknown round raises UnknownIdError."""
    with pytest.raises(nt.UnknownIdError, match="r9"):
        measure_round(_dossier(), "r9")


# -- verdict ---------------------------------------------------------------------------------------


def _m(**fields: Any) -> IssueMeasures:
    fields.setdefault("parties", ("a", "b"))
    return IssueMeasures(issue="x", round="r", **fields)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (_m(gap=0.5), _m(gap=0.25), Verdict.CONVERGING),
        (_m(gap=0.25), _m(gap=0.5), Verdict.DIVERGING),
        (_m(gap=0.5, dispersion=0.1), _m(gap=0.5, dispersion=0.3), Verdict.DIVERGING),
        (_m(gap=None, dispersion=0.3), _m(gap=0.1, dispersion=0.1), Verdict.CONVERGING),
        (
            _m(zone_exists=False, zone_extent=0.0),
            _m(zone_exists=True, zone_extent=0.0),
            Verdict.CONVERGING,
        ),
        (
            _m(zone_exists=True, zone_extent=0.5),
            _m(zone_exists=True, zone_extent=0.25),
            Verdict.DIVERGING,
        ),
        (_m(gap=0.5), _m(gap=0.5 + 1e-12), Verdict.UNCHANGED),
        (_m(), _m(gap=0.5), Verdict.UNCHANGED),
        (_m(parties=("a",), dispersion=0.0), _m(gap=1.0, dispersion=0.5), Verdict.UNCHANGED),
    ],
)
def test_verdict(before: IssueMeasures, after: IssueMeasures, expected: Verdict) -> None:
    """The gap decides, then the dispersion, then the zone; ties within tolerance are unchanged."""
    assert expected == verdict(before, after)


def test_flagship_gap_on_alignment_narrows_in_march() -> None:
    """Between 7 and 16 March 2022 the gap on alignment narrows: converging."""
    dossier = nt.load(FLAGSHIP)
    before = measure_round(dossier, "2022-03-07")["alignment"]
    after = measure_round(dossier, "2022-03-16")["alignment"]
    assert pytest.approx((1.0, 1 / 3, Verdict.CONVERGING)) == (
        before.gap,
        after.gap,
        verdict(before, after),
    )


# -- properties ------------------------------------------------------------------------------------


def _all_measures(dossier: nt.Negotiation) -> list[tuple[IssueMeasures, dict[str, nt.Position]]]:
    found = []
    for round_ in dossier.rounds:
        effective = dossier.effective_positions(round_.id)
        for issue in dossier.issues:
            held = {p: e.value for (p, i), e in effective.items() if i == issue.id}
            found.append((measure_issue(dossier, issue, round_.id, held), held))
    return found


@given(negotiations())
def test_centre_lies_between_the_lowest_and_highest_preferred_value(
    dossier: nt.Negotiation,
) -> None:
    """The weighted centre never leaves the range of the preferred values."""
    for m, held in _all_measures(dossier):
        if m.centre is not None:
            issue = dossier.issue(m.issue)
            points = [x for p in held.values() if (x := point(issue, p.preferred)) is not None]
            assert min(points) <= m.centre <= max(points)


@given(negotiations())
def test_gap_and_dispersion_are_shares_of_the_scale(dossier: nt.Negotiation) -> None:
    """Gap, max gap, dispersion and zone extent lie in [0, 1], the gap at most the max gap."""
    for m, _ in _all_measures(dossier):
        for value in (m.gap, m.max_gap, m.dispersion, m.zone_extent):
            assert value is None or 0.0 <= value <= 1.0
        assert m.gap is None or (m.max_gap is not None and m.gap <= m.max_gap)


@given(negotiations())
def test_zone_lies_within_every_acceptable_set(dossier: nt.Negotiation) -> None:
    """The zone is a subset of each party's acceptable set (or its preferred value)."""
    for m, held in _all_measures(dossier):
        sets = [s for p in held.values() if (s := _accepted(p)) is not None]
        if m.zone_exists is None:
            assert len(sets) < 2
        elif isinstance(m.zone, nt.Interval):
            for s in sets:
                assert isinstance(s, nt.Interval)
                assert s.min is None or (m.zone.min is not None and m.zone.min >= s.min)
                assert s.max is None or (m.zone.max is not None and m.zone.max <= s.max)
        elif m.zone is not None:
            assert all(set(m.zone) <= set(s) for s in sets if isinstance(s, tuple))
        elif isinstance(dossier.issue(m.issue).scale, nt.NumericScale):
            lows = [s.min for s in sets if isinstance(s, nt.Interval) and s.min is not None]
            highs = [s.max for s in sets if isinstance(s, nt.Interval) and s.max is not None]
            assert max(lows) > min(highs)
        else:
            assert not set.intersection(*(set(s) for s in sets if isinstance(s, tuple)))


def _accepted(position: nt.Position) -> nt.Acceptable | None:
    if position.acceptable is not None:
        return position.acceptable
    if position.preferred is None:
        return None
    if isinstance(position.preferred, str):
        return (position.preferred,)
    return nt.Interval(position.preferred, position.preferred)


@st.composite
def sided_negotiations(draw: st.DrawFn) -> nt.Negotiation:
    """A generated dossier, with its parties spread over up to three sides or none."""
    dossier = draw(negotiations())
    if draw(st.booleans()):
        return dossier
    seats = {p.id: draw(st.sampled_from(["east", "west", "south", None])) for p in dossier.parties}
    sides = tuple(
        nt.Side(side, side.title(), tuple(p for p, s in seats.items() if s == side))
        for side in ("east", "west", "south")
        if side in seats.values()
    )
    return attrs.evolve(dossier, sides=sides)


@given(sided_negotiations())
def test_fast_gap_equals_the_mean_over_all_counterpart_pairs(dossier: nt.Negotiation) -> None:
    """The O(n log n) gap and max gap equal the quadratic walk over counterpart pairs."""
    for m, held in _all_measures(dossier):
        gaps = pairwise_gaps(dossier, dossier.issue(m.issue), held)
        if not gaps:
            assert (None, None) == (m.gap, m.max_gap)
            continue
        assert m.gap is not None
        assert m.max_gap is not None
        assert math.isclose(sum(gaps.values()) / len(gaps), m.gap, rel_tol=1e-9, abs_tol=1e-9)
        assert max(gaps.values()) == m.max_gap


@given(negotiations(), st.data())
def test_verdict_mirrors(dossier: nt.Negotiation, data: st.DataObject) -> None:
    """Swapping the two rounds swaps converging and diverging."""
    measures = [m for m, _ in _all_measures(dossier)]
    if len(measures) < 2:
        return
    a, b = data.draw(st.sampled_from(measures)), data.draw(st.sampled_from(measures))
    mirror = {
        Verdict.CONVERGING: Verdict.DIVERGING,
        Verdict.DIVERGING: Verdict.CONVERGING,
        Verdict.UNCHANGED: Verdict.UNCHANGED,
    }
    assert mirror[verdict(a, b)] == verdict(b, a)
