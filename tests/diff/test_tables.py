"""Measures at one table: two parties facing each other on one issue, beside the overall ones."""

from __future__ import annotations

import attrs
from hypothesis import given, settings

import negotrack as nt
from negotrack.diff._tables import Table, measure_tables, tables_of
from negotrack.model._scales import is_linear, point, width
from tests.conftest import DATA
from tests.multilateral_strategies import multilateral


def _union() -> nt.Negotiation:
    return nt.load(DATA / "cases" / "tables" / "dossier.yaml")


def _gap(measures: nt.IssueMeasures) -> float:
    assert measures.gap is not None
    return round(measures.gap, 9)


def test_each_pair_with_a_position_toward_the_other_is_a_table() -> None:
    n = _union()
    assert {Table("wage", "e1", "u"), Table("wage", "e2", "u")} == tables_of(
        p for r in n.rounds for p in r.positions
    )


def test_a_table_takes_the_position_held_toward_the_other_else_the_overall_one() -> None:
    n = _union()
    first = measure_tables(n, "r1")
    # u holds 6 toward e1, e1 holds 3 toward u: 3 points on a scale of 10
    assert 0.3 == _gap(first[Table("wage", "e1", "u")])
    # u holds 7 toward e2; e2 holds only its overall 4
    assert 0.3 == _gap(first[Table("wage", "e2", "u")])
    assert 0.1 == _gap(measure_tables(n, "r2")[Table("wage", "e1", "u")])


def test_a_diff_and_the_timeline_carry_the_table_measures() -> None:
    n = _union()
    diff = nt.compare(n, "r1", "r2")
    before, after = diff.tables[Table("wage", "e1", "u")]
    assert (0.3, 0.1) == (_gap(before), _gap(after))
    assert nt.Verdict.CONVERGING is nt.verdict(before, after)
    assert diff.measures["wage"][0].gap == diff.measures["wage"][1].gap  # overall: unmoved
    track = nt.timeline(n).issues["wage"]
    assert [0.3, 0.3] == [_gap(m) for m in track.tables["e2", "u"]]
    assert not diff.filter(issue="other").tables


@settings(deadline=None, max_examples=60)
@given(multilateral())
def test_a_table_gap_is_the_distance_between_the_two_positions_it_takes(
    negotiation: nt.Negotiation,
) -> None:
    """On a line, a measurable table's gap is |a - b| / width for the two positions chosen."""
    for round_ in negotiation.rounds:
        held = negotiation.effective_positions(round_.id)
        for table, measures in measure_tables(negotiation, round_.id, positions=held).items():
            issue = negotiation.issue(table.issue)
            chosen = [
                held.get((a, f"{table.issue}@{b}")) or held.get((a, table.issue))
                for a, b in ((table.first, table.second), (table.second, table.first))
            ]
            points = [None if c is None else point(issue, c.value.preferred) for c in chosen]
            if not is_linear(issue) or None in points:
                continue
            a, b = points
            assert a is not None
            assert b is not None
            assert measures.gap is not None
            assert abs(measures.gap - abs(a - b) / width(issue)) < 1e-9


@settings(deadline=None, max_examples=60)
@given(multilateral())
def test_positions_at_tables_never_move_the_overall_measures(negotiation: nt.Negotiation) -> None:
    """Dropping every position held at a table leaves each issue's overall measures as they were."""
    bare = attrs.evolve(
        negotiation,
        rounds=tuple(
            attrs.evolve(r, positions=tuple(p for p in r.positions if p.table is None))
            for r in negotiation.rounds
        ),
    )
    for round_ in negotiation.rounds:
        assert nt.measure_round(negotiation, round_.id) == nt.measure_round(bare, round_.id)
    assert all(not track.tables for track in nt.timeline(bare).issues.values())
