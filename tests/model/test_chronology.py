"""The chronology: rounds, and the statements and events outside them, where they fall."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings

import negotrack as nt
from tests.multilateral_strategies import multilateral

DOSSIER = """
id: objectives
title: Objectives first
parties:
  - {id: a, name: A}
  - {id: b, name: B}
issues:
  - id: tariff
    title: Tariff
    scale: {kind: numeric, min: 0, max: 25}
statements:
  - {id: paper, date: 2024-01, party: a, summary: A publishes its negotiating objectives.}
  - {id: late, date: 2024-03-01, party: b, quote: We will not go below ten.}
events:
  - {id: election, date: 2024-02-20, title: Election in B}
rounds:
  - id: r1
    title: First round
    date: 2024-02-01
  - id: r2
    title: Second round
    date: 2024-03-01
"""


def test_record_outside_rounds_falls_between_them() -> None:
    n = nt.loads(DOSSIER)
    found = [(m.kind.value, m.id, m.after) for m in nt.chronology(n)]
    assert [
        ("statement", "paper", None),  # known to the month: sorts as its first day
        ("round", "r1", None),
        ("event", "election", "r1"),
        ("round", "r2", None),
        ("statement", "late", "r2"),  # a record dated to a round's day follows the round
    ] == found


def test_reports_show_the_record_between_rounds_as_written() -> None:
    n = nt.loads(DOSSIER)
    report = nt.renderer_for("markdown").report(n, nt.timeline(n))
    rows = [line for line in report.splitlines() if line.startswith("| 2024")]
    assert rows[0].startswith("| 2024-01 | statement, A: A publishes")
    assert "event: Election in B" in rows[2]
    html = nt.renderer_for("html").report(n, nt.timeline(n))
    assert 'class="between"><td class="date">Jan 2024</td>' in html


@settings(deadline=None, max_examples=60)
@given(multilateral())
def test_every_round_and_outside_record_appears_once_in_date_order(
    negotiation: nt.Negotiation,
) -> None:
    moments = nt.chronology(negotiation)
    expected = {(nt.MomentKind.ROUND, r.id) for r in negotiation.rounds}
    expected |= {(nt.MomentKind.STATEMENT, s.id) for s in negotiation.statements}
    expected |= {(nt.MomentKind.EVENT, e.id) for e in negotiation.events}
    assert len(expected) == len(moments)
    assert expected == {(m.kind, m.id) for m in moments}
    assert [m.date for m in moments] == sorted(m.date for m in moments)
    days = {r.id: r.when for r in negotiation.rounds}
    for m in moments:
        if m.kind is nt.MomentKind.ROUND:
            assert m.after is None
            continue
        before = [r for r in days.values() if r <= m.date]
        if m.after is None:
            assert not before
        else:
            assert days[m.after] == max(before)
            assert all(isinstance(d, dt.date) for d in before)
