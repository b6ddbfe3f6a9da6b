"""The round diff and the version diff: golden cases, the flagship example, and properties."""

from __future__ import annotations

import os
import random
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.report._serialise import diff_data
from tests.conftest import DATA, FLAGSHIP
from tests.multilateral_strategies import multilateral
from tests.strategies import negotiations

CASES = DATA / "cases"
ROUNDS = yaml.safe_load((CASES / "cases.yaml").read_text(encoding="utf-8"))
REGENERATE = os.environ.get("NEGOTRACK_REGENERATE") == "1"


def golden(case: str) -> dict[str, Any]:
    """The diff a golden case describes, as plain data."""
    folder = CASES / case
    if (folder / "old.yaml").exists():
        old, new = nt.load(folder / "old.yaml"), nt.load(folder / "new.yaml")
        return diff_data(nt.compare_versions(old, new), new)
    dossier = nt.load(folder / "dossier.yaml")
    diff = nt.compare(dossier, ROUNDS[case]["before"], ROUNDS[case]["after"])
    return diff_data(diff, dossier)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_golden_case(case: str) -> None:
    """Each golden case gives the reviewed expected diff (NEGOTRACK_REGENERATE=1 rewrites it)."""
    actual = golden(case)
    expected_file = CASES / case / "expected.yaml"
    if REGENERATE:
        expected_file.write_text(
            yaml.safe_dump(actual, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
        )
    assert expected_file.exists(), f"no expected.yaml in {case}: run with NEGOTRACK_REGENERATE=1"
    assert yaml.safe_load(expected_file.read_text(encoding="utf-8")) == actual


def test_golden_cases_cover_every_kind() -> None:
    """Between them, the golden cases show every kind of change."""
    seen = {
        change["kind"]
        for case in (p.name for p in CASES.iterdir() if p.is_dir())
        for change in golden(case)["changes"]
    }
    assert {kind.value for kind in nt.ChangeKind} == seen


# -- the flagship example ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def talks() -> nt.Negotiation:
    return nt.load(FLAGSHIP)


def find(diff: nt.Diff, **wanted: Any) -> list[nt.Change]:
    return [c for c in diff.changes if all(getattr(c, k) == v for k, v in wanted.items())]


def test_flagship_russia_concedes_on_alignment(talks: nt.Negotiation) -> None:
    """7 to 16 March: Russia moves toward armed neutrality with an army, a concession to Ukraine."""
    diff = nt.compare(talks, "2022-03-07", "2022-03-16")
    (move,) = find(diff, party="ru", issue="alignment", kind=nt.ChangeKind.PREFERRED_MOVED)
    assert ("neutral_demilitarised", "armed_neutrality") == (move.before, move.after)
    assert nt.Meaning.CONCESSION == move.meaning
    assert [("ua", nt.Direction.TOWARD)] == [(t.party, t.direction) for t in move.toward]
    assert move.evidence
    quoted = {talks.statement(s).speaker for s in move.evidence}
    assert {"peskov", "medinsky"} & quoted


def test_flagship_ukraine_accepts_guarantees_short_of_nato(talks: nt.Negotiation) -> None:
    """7 to 16 March: Ukraine moves to guarantees short of NATO, conditioned on verifiability."""
    diff = nt.compare(talks, "2022-03-07", "2022-03-16")
    (move,) = find(diff, party="ua", issue="alignment", kind=nt.ChangeKind.PREFERRED_MOVED)
    assert ("nato_membership", "guarantees_short_of_nato") == (move.before, move.after)
    assert nt.Meaning.CONCESSION == move.meaning
    assert move.evidence
    conditions = find(diff, party="ua", issue="alignment", kind=nt.ChangeKind.CONDITION_ADDED)
    assert any("verifiable" in c.after for c in conditions)
    links = find(diff, party="ua", issue="alignment", kind=nt.ChangeKind.LINKAGE_ADDED)
    assert ["security-guarantees"] == [c.after for c in links]


def test_flagship_gap_on_alignment_narrows(talks: nt.Negotiation) -> None:
    """7 to 16 March: the gap between the parties on alignment narrows."""
    diff = nt.compare(talks, "2022-03-07", "2022-03-16")
    before, after = diff.measures["alignment"]
    assert before.gap is not None
    assert after.gap is not None
    assert after.gap < before.gap
    assert "converging" == diff_data(diff, talks)["issues"]["alignment"]["verdict"]


def test_flagship_istanbul_tabled_with_stances(talks: nt.Negotiation) -> None:
    """16 to 29 March: the Istanbul proposals are tabled, and each side states its stance."""
    diff = nt.compare(talks, "2022-03-16", "2022-03-29")
    tabled = find(diff, kind=nt.ChangeKind.PROPOSAL_TABLED)
    assert "istanbul-communique" in [c.proposal for c in tabled]
    stances = {
        c.party: c.after
        for c in diff.changes
        if c.proposal == "istanbul-communique"
        and c.kind in (nt.ChangeKind.STANCE_STATED, nt.ChangeKind.STANCE_MOVED)
    }
    assert {"ru", "ua"} <= set(stances)


# -- errors ------------------------------------------------------------------------------------


def test_unknown_round_names_what_exists(talks: nt.Negotiation) -> None:
    """An unknown round id is a NegotrackError naming the rounds there are.

    No did-you-mean: a date one digit away from a round's is another day, not a typo.
    """
    with pytest.raises(nt.UnknownIdError) as caught:
        nt.compare(talks, "2022-03-17", "2022-03-29")
    message = str(caught.value)
    assert "unknown round '2022-03-17'; the dossier has" in message
    assert "'2022-02-28'" in message


def test_versions_of_different_negotiations(talks: nt.Negotiation) -> None:
    """Comparing two different negotiations as versions is refused, naming both."""
    other = attrs.evolve(talks, id="other-talks")
    with pytest.raises(nt.NotComparableError, match="different negotiations"):
        nt.compare_versions(talks, other, before="HEAD~1", after="HEAD")
    assert issubclass(nt.NotComparableError, nt.NegotrackError)


# -- filters and order ---------------------------------------------------------------------------


def test_filters_return_new_diffs(talks: nt.Negotiation) -> None:
    """Filters keep only matching changes, in a new diff, leaving the original whole."""
    diff = nt.compare(talks, "2022-03-07", "2022-03-16")
    russia = diff.filter(party="ru")
    assert russia.changes
    assert all(c.party == "ru" for c in russia.changes)
    concessions = diff.filter(meaning=nt.Meaning.CONCESSION, issue=["alignment"])
    assert all(
        c.meaning is nt.Meaning.CONCESSION and c.issue == "alignment" for c in concessions.changes
    )
    assert set(concessions.measures) == {"alignment"}
    kinds = diff.filter(kind=[nt.ChangeKind.PREFERRED_MOVED])
    assert {nt.ChangeKind.PREFERRED_MOVED} == {c.kind for c in kinds.changes}
    assert len(diff) == len(nt.compare(talks, "2022-03-07", "2022-03-16"))


def test_order_is_issue_party_kind(talks: nt.Negotiation) -> None:
    """Changes come ordered by issue, then party, then kind."""
    diff = nt.compare(talks, "2022-02-28", "2022-04-15")
    keys = [c.sort_key for c in diff.changes]
    assert sorted(keys) == keys


# -- properties ----------------------------------------------------------------------------------


def _two_rounds(draw: st.DrawFn) -> tuple[nt.Negotiation, str, str]:
    dossiers = st.one_of(negotiations(max_rounds=4), multilateral())
    n = draw(dossiers.filter(lambda n: len(n.rounds) >= 1))
    ids = [r.id for r in n.rounds]
    return n, draw(st.sampled_from(ids)), draw(st.sampled_from(ids))


two_rounds = st.composite(_two_rounds)


@given(st.data())
def test_round_against_itself_is_empty(data: st.DataObject) -> None:
    """A round diffed against itself has no changes."""
    n = data.draw(negotiations().filter(lambda n: len(n.rounds) >= 1))
    round_id = data.draw(st.sampled_from([r.id for r in n.rounds]))
    assert () == nt.compare(n, round_id, round_id).changes


def _where(change: nt.Change) -> tuple[Any, ...]:
    return (change.party, change.issue, change.proposal, change.term, change.table, change.by)


def _mirror_key(change: nt.Change) -> tuple[Any, ...]:
    towards = tuple(sorted((t.party, t.direction.value) for t in change.toward))
    return (change.kind, *_where(change), change.meaning, towards)


def _mirrored(change: nt.Change) -> tuple[Any, ...]:
    flip = {nt.Direction.TOWARD: nt.Direction.AWAY, nt.Direction.AWAY: nt.Direction.TOWARD}
    towards = tuple(
        sorted((t.party, flip.get(t.direction, t.direction).value) for t in change.toward)
    )
    kind = change.kind.mirrored()
    if change.kind is nt.ChangeKind.PROPOSAL_TABLED and isinstance(change.before, tuple):
        kind = nt.ChangeKind.PROPOSAL_SUPERSEDED  # back on the table from superseded
    return (kind, *_where(change), change.meaning.mirrored(), towards)


@given(two_rounds())
def test_swapping_rounds_mirrors_every_change(case: tuple[nt.Negotiation, str, str]) -> None:
    """Diffing the other way round mirrors each change: added <-> withdrawn, concession <-> hardening."""
    n, first, second = case
    forward = nt.compare(n, first, second)
    backward = nt.compare(n, second, first)
    assert sorted(map(repr, map(_mirrored, forward.changes))) == sorted(
        map(repr, map(_mirror_key, backward.changes))
    )


def _shuffled(n: nt.Negotiation, seed: int) -> nt.Negotiation:
    """The same dossier with every list of positions, stances and statements reordered."""
    rng = random.Random(seed)  # noqa: S311  (shuffling test data)

    def shuffle(items: tuple[Any, ...]) -> tuple[Any, ...]:
        out = list(items)
        rng.shuffle(out)
        return tuple(out)

    rounds = [
        attrs.evolve(
            r,
            positions=shuffle(r.positions),
            stances=shuffle(r.stances),
            statements=shuffle(r.statements),
            participants=shuffle(r.participants),
            joined=shuffle(r.joined),
            left=shuffle(r.left),
            drafts=shuffle(r.drafts),
            amendments=shuffle(r.amendments),
        )
        for r in n.rounds
    ]
    return attrs.evolve(
        n,
        parties=shuffle(n.parties),
        issues=shuffle(n.issues),
        proposals=shuffle(n.proposals),
        rounds=tuple(shuffle(tuple(rounds))),
    )


@given(two_rounds(), st.integers(0, 2**32))
def test_reordering_lists_never_changes_the_diff(
    case: tuple[nt.Negotiation, str, str], seed: int
) -> None:
    """Shuffling the order of any list in the dossier gives the same diff."""
    n, first, second = case
    assert nt.compare(n, first, second) == nt.compare(_shuffled(n, seed), first, second)


@given(two_rounds())
def test_every_id_a_change_names_exists(case: tuple[nt.Negotiation, str, str]) -> None:
    """Parties, issues, proposals, rounds and statements named by a change exist in the dossier."""
    n, first, second = case
    for change in nt.compare(n, first, second).changes:
        assert change.round in (first, second)
        if change.party is not None:
            n.party(change.party)
        if change.issue is not None:
            n.issue(change.issue)
        if change.proposal is not None:
            n.proposal(change.proposal)
        for statement in change.evidence:
            n.statement(statement)
        for party in (change.table, *change.by):
            if party is not None:
                n.party(party)
        if change.term is not None:
            assert change.term in {t.key for t in n.proposal(change.proposal or "").terms}
        if (
            change.issue is not None
            and change.party is not None
            and change.proposal is None
            and change.kind is not nt.ChangeKind.POSITION_WITHDRAWN
        ):
            key = nt.Position(change.party, change.issue, table=change.table).key
            assert key in n.effective_positions(change.round)


@given(negotiations())
def test_a_version_against_itself_is_empty(n: nt.Negotiation) -> None:
    """A dossier compared with itself as two versions has no changes."""
    assert () == nt.compare_versions(n, n).changes


@given(two_rounds())
def test_diff_is_deterministic(case: tuple[nt.Negotiation, str, str]) -> None:
    """Two runs of the same diff give identical data."""
    n, first, second = case
    assert diff_data(nt.compare(n, first, second), n) == diff_data(nt.compare(n, first, second), n)
