"""The JSON report lists each position and stance once, where stated, with the last round it
stands in: what is in force in any round is reconstructed from those stretches, and equals
negotrack's own effective positions and stances (issue 12: a report whose size does not grow
with rounds x positions in force)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given

import negotrack as nt
from negotrack.report._json import JsonRenderer
from tests.strategies import negotiations


def _standing(
    entries: list[dict[str, Any]], order: dict[str, int], round_id: str
) -> dict[str, dict[str, Any]]:
    """The entries (points or stances) in force in ``round_id``, by party."""
    at = order[round_id]
    found = {}
    for e in entries:
        if order[e["round"]] <= at <= order[e["until"]]:
            assert e["party"] not in found, (round_id, e)  # one in force per party
            found[e["party"]] = e
    return found


@given(negotiations())
def test_in_force_from_the_json_equals_the_effective_positions_and_stances(
    n: nt.Negotiation,
) -> None:
    data = json.loads(JsonRenderer().report(n, nt.timeline(n)))
    rounds = [r["id"] for r in data["rounds"]]
    order = {r: k for k, r in enumerate(rounds)}
    for round_id in rounds:
        positions = n.effective_positions(round_id)
        for issue_id, issue in data["issues"].items():
            found = _standing(issue["points"], order, round_id)
            # a party's overall position on the issue (one held at a table has a longer key)
            expected = {k[0]: e for k, e in positions.items() if k[1:] == (issue_id,)}
            assert found.keys() == expected.keys()
            for party, e in expected.items():
                assert found[party]["round"] == e.round  # the round that stated it
                assert found[party]["evidence"] == list(e.value.evidence)
        stances = n.effective_stances(round_id)
        for proposal_id, proposal in data["proposals"].items():
            found = _standing(proposal["stances"], order, round_id)
            expected_stances = {p: e for (p, key), e in stances.items() if key == proposal_id}
            assert found.keys() == expected_stances.keys()
            for party, held in expected_stances.items():
                assert found[party]["round"] == held.round
                assert found[party]["stance"] == held.value.stance.value


def test_each_position_is_listed_once_however_long_it_stands() -> None:
    """A position stated once and carried through 50 rounds is one point, not 50."""
    issue = nt.Issue("x", "X", nt.NumericScale(min=0, max=10))
    rounds = tuple(
        nt.Round(
            f"r{k:02d}",
            f"R{k}",
            date=dt.date(2020, 1, 1) + dt.timedelta(days=k),
            positions=(nt.Position("a", "x", 3),) if k == 0 else (),
        )
        for k in range(50)
    )
    n = nt.Negotiation("t", "T", parties=(nt.Party("a", "A"),), issues=(issue,), rounds=rounds)
    (point,) = json.loads(JsonRenderer().report(n, nt.timeline(n)))["issues"]["x"]["points"]
    assert (point["round"], point["until"]) == ("r00", "r49")
