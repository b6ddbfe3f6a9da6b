"""One reading per party and issue, like-for-like verdicts, and the expert reading sets."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from typing import TYPE_CHECKING

import attrs
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import negotrack as nt
from tests.conftest import DATA, ROOT
from tests.multilateral_strategies import multilateral

if TYPE_CHECKING:
    from types import ModuleType

READINGS = DATA / "readings"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_readings", ROOT / "scripts" / "score_readings.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_readings"] = module
    spec.loader.exec_module(module)
    return module


def test_the_reading_sets_agree_at_least_as_recorded() -> None:
    """The agreement with the expert sets never drops below what docs/readings.md records."""
    recorded = yaml.safe_load((READINGS / "agreement.yaml").read_text(encoding="utf-8"))
    total, sets = _scorer().score_all(READINGS)
    assert recorded["total"] == total.total, "a reading set changed: re-record it on purpose"
    assert total.agreed >= recorded["agreed"], "\n".join(total.disagreements)
    assert len(sets) >= 4
    assert total.total >= 200


def _pairs(n: nt.Negotiation) -> list[tuple[str, str]]:
    ids = [r.id for r in n.rounds]
    return list(itertools.pairwise(ids))


def _key(r: nt.Reading) -> tuple[str, str, str]:
    return (r.party, r.issue or "", r.proposal or "")


@settings(deadline=None, max_examples=60)
@given(multilateral())
def test_a_self_diff_has_no_readings_and_no_verdict(n: nt.Negotiation) -> None:
    for r in n.rounds:
        assert () == nt.readings(n, r.id, r.id)
        assert all(
            v.verdict is nt.Verdict.UNCHANGED for v in nt.issue_verdicts(n, r.id, r.id).values()
        )


@settings(deadline=None, max_examples=60)
@given(multilateral())
def test_reversing_the_rounds_mirrors_every_reading_and_verdict(n: nt.Negotiation) -> None:
    for a, b in _pairs(n):
        forward = {_key(r): r.reading for r in nt.readings(n, a, b)}
        backward = {_key(r): r.reading.mirrored() for r in nt.readings(n, b, a)}
        assert forward == backward
        mirror = {
            nt.Verdict.CONVERGING: nt.Verdict.DIVERGING,
            nt.Verdict.DIVERGING: nt.Verdict.CONVERGING,
            nt.Verdict.UNCHANGED: nt.Verdict.UNCHANGED,
        }
        there = nt.issue_verdicts(n, a, b)
        back = nt.issue_verdicts(n, b, a)
        assert {i: v.verdict for i, v in there.items()} == {
            i: mirror[v.verdict] for i, v in back.items()
        }


@settings(deadline=None, max_examples=60)
@given(multilateral(), st.data())
def test_relabelling_sides_changes_no_reading(n: nt.Negotiation, data: st.DataObject) -> None:
    renamed = attrs.evolve(
        n,
        sides=tuple(attrs.evolve(s, id=f"renamed-{s.id}", name="x") for s in n.sides),
        rounds=tuple(
            attrs.evolve(r, sides=tuple(attrs.evolve(s, id=f"renamed-{s.id}") for s in r.sides))
            for r in n.rounds
        ),
    )
    for a, b in _pairs(n):
        assert nt.readings(n, a, b) == nt.readings(renamed, a, b)


def _with_party(
    n: nt.Negotiation, party: nt.Party, round_id: str, *, chair: bool, moves: bool
) -> nt.Negotiation:
    """The dossier with one more party holding a position on every issue from ``round_id`` on."""
    rounds = []
    for index, r in enumerate(n.rounds):
        extra = []
        if r.id == round_id or (moves and index > n.round_index(round_id)):
            for issue in n.issues:
                value = (
                    issue.option_ids[index % len(issue.option_ids)] if issue.option_ids else None
                )
                if issue.option_ids or moves:
                    extra.append(nt.Position(party.id, issue.id, preferred=value))
        rounds.append(attrs.evolve(r, positions=(*r.positions, *extra)))
    roles = (*n.roles, nt.Role(party.id, nt.RoleKind.CHAIR)) if chair else n.roles
    return attrs.evolve(n, parties=(*n.parties, party), rounds=tuple(rounds), roles=roles)


@settings(deadline=None, max_examples=60)
@given(multilateral())
def test_a_chair_however_it_moves_changes_no_other_reading_verdict_or_measure(
    n: nt.Negotiation,
) -> None:
    if len(n.rounds) < 2:
        return
    chaired = _with_party(
        n, nt.Party("the-chair", "The chair"), n.rounds[0].id, chair=True, moves=True
    )
    for a, b in _pairs(n):
        others = tuple(r for r in nt.readings(chaired, a, b) if r.party != "the-chair")
        assert nt.readings(n, a, b) == others
        assert all(
            r.reading is nt.ReadingKind.NEUTRAL
            for r in nt.readings(chaired, a, b)
            if r.party == "the-chair"
        )
        assert {i: v.verdict for i, v in nt.issue_verdicts(n, a, b).items()} == {
            i: v.verdict for i, v in nt.issue_verdicts(chaired, a, b).items()
        }
    for r in n.rounds:  # nor any measure: a chair is no one's counterpart
        assert nt.measure_round(n, r.id) == nt.measure_round(chaired, r.id)
    plain, with_chair = nt.timeline(n), nt.timeline(chaired)
    for issue, track in plain.issues.items():
        assert track.measures == with_chair.issues[issue].measures


@settings(deadline=None, max_examples=60)
@given(multilateral())
def test_an_entrant_that_never_moves_changes_no_verdict(n: nt.Negotiation) -> None:
    """A party first recorded in a round, never moving, leaves every verdict as it was.

    Unless a demand is raised in that round: a raised demand faces whoever holds a position.

    It has no reading of its own; the readings of parties that had a counterpart on the earlier
    record are unchanged too.
    """
    if len(n.rounds) < 2:
        return
    # the exception the rule makes: a demand raised in a round faces whoever holds a position
    n = attrs.evolve(
        n,
        rounds=tuple(
            attrs.evolve(r, positions=tuple(attrs.evolve(p, raised=False) for p in r.positions))
            for r in n.rounds
        ),
    )
    later = n.rounds[-1].id
    entered = _with_party(n, nt.Party("entrant", "Entrant"), later, chair=False, moves=False)
    for a, b in _pairs(n):
        assert {i: v.verdict for i, v in nt.issue_verdicts(n, a, b).items()} == {
            i: v.verdict for i, v in nt.issue_verdicts(entered, a, b).items()
        }
        assert all(r.party != "entrant" for r in nt.readings(entered, a, b))


WEIGHTED = """
id: weighted
title: Weighted
parties:
  - {id: u, name: Union}
  - {id: big, name: Big employer, weight: 3}
  - {id: small, name: Small employer, weight: 1}
sides:
  - {id: labour, name: Labour, parties: [u]}
  - {id: employers, name: Employers, parties: [big, small]}
issues:
  - id: wage
    title: Wage
    scale: {kind: numeric, min: 0, max: 10}
rounds:
  - id: r1
    title: One
    date: 2024-01-01
    positions:
      - {party: u, issue: wage, preferred: 5}
      - {party: big, issue: wage, preferred: 2}
      - {party: small, issue: wage, preferred: 9}
  - id: r2
    title: Two
    date: 2024-02-01
    positions:
      - {party: u, issue: wage, preferred: 4}
"""


def test_party_weights_decide_which_way_the_other_side_lies() -> None:
    """Toward the heavy employer and away from the light one reads as a concession."""
    n = nt.loads(WEIGHTED)
    (reading,) = nt.readings(n, "r1", "r2")
    assert nt.ReadingKind.CONCESSION is reading.reading
    assert ("big",) == reading.toward
    assert ("small",) == reading.away
    light = nt.loads(
        WEIGHTED.replace("weight: 3", "weight: 1").replace(
            "{id: small, name: Small employer, weight: 1}",
            "{id: small, name: Small employer, weight: 9}",
        )
    )
    assert nt.ReadingKind.HARDENING is nt.readings(light, "r1", "r2")[0].reading


def test_weights_all_zero_count_every_counterpart_alike() -> None:
    n = nt.loads(WEIGHTED.replace("weight: 3", "weight: 0").replace("weight: 1}", "weight: 0}"))
    (reading,) = nt.readings(n, "r1", "r2")
    # both employers on the same footing: nearer one, further from the other
    assert nt.ReadingKind.MIXED is reading.reading


def test_a_negative_weight_is_a_load_problem_at_its_key() -> None:
    with pytest.raises(nt.LoadError) as caught:
        nt.loads(WEIGHTED.replace("weight: 3", "weight: -3"))
    (problem,) = caught.value.problems
    assert "$.parties[1].weight" == problem.path
    assert "weight is 0 or more, got -3" == problem.message


def test_a_negative_measure_weight_is_a_weight_error() -> None:
    n = nt.loads(WEIGHTED)
    with pytest.raises(nt.WeightError, match="weight of party 'big' must not be negative"):
        nt.measure_round(n, "r1", weights={"big": -1})


def test_a_party_with_no_counterpart_reads_neutral_and_says_why() -> None:
    """Everyone across from the union chairs: its move has nothing to be measured against."""
    chaired = nt.loads(
        WEIGHTED.replace(
            "issues:\n",
            "roles:\n  - {party: big, role: chair}\n  - {party: small, role: chair}\nissues:\n",
        )
    )
    (reading,) = nt.readings(chaired, "r1", "r2")
    assert nt.ReadingKind.NEUTRAL is reading.reading
    assert "no counterpart" in reading.because
    assert nt.issue_verdicts(chaired, "r1", "r2")["wage"].because == "no earlier measure"
    assert nt.readings(nt.loads(WEIGHTED), "r1", "r2")[0].reading is nt.ReadingKind.CONCESSION


def test_one_side_alone_faces_everyone_not_on_it() -> None:
    """One side declared alone: the rest of the room is across from it, not no one."""
    alone = nt.loads(
        WEIGHTED.replace("  - {id: employers, name: Employers, parties: [big, small]}\n", "")
    )
    (reading,) = nt.readings(alone, "r1", "r2")
    assert (nt.ReadingKind.CONCESSION, ("big",), ("small",)) == (
        reading.reading,
        reading.toward,
        reading.away,
    )
    (change,) = nt.compare(alone, "r1", "r2").changes
    assert {t.party for t in change.toward} == {"big", "small"}


@settings(deadline=None, max_examples=60)
@given(multilateral(), st.data())
def test_one_side_alone_reads_as_that_side_against_the_rest(
    n: nt.Negotiation, data: st.DataObject
) -> None:
    """Declaring one side alone gives every reading, verdict and measure that declaring it and
    a second side of every other party gives."""
    ids = [p.id for p in n.parties]
    assume(len(ids) >= 2)
    chosen = data.draw(st.sets(st.sampled_from(ids), min_size=1, max_size=len(ids) - 1))
    side = nt.Side("these", "These", tuple(sorted(chosen)))
    rest = nt.Side("rest", "The rest", tuple(p for p in ids if p not in chosen))
    plain = tuple(attrs.evolve(r, sides=()) for r in n.rounds)
    alone = attrs.evolve(n, sides=(side,), rounds=plain)
    both = attrs.evolve(n, sides=(side, rest), rounds=plain)
    for a, b in _pairs(n):
        assert nt.readings(alone, a, b) == nt.readings(both, a, b)
        assert nt.issue_verdicts(alone, a, b) == nt.issue_verdicts(both, a, b)
        one, two = nt.compare(alone, a, b), nt.compare(both, a, b)
        assert one.changes == two.changes
        assert dict(one.measures) == dict(two.measures)
    assert nt.timeline(alone).issues == nt.timeline(both).issues
