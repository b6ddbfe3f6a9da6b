"""The version diff inside rounds and roles: drafts, amendments, who took part, sides, roles."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from tests.multilateral_strategies import multilateral

K = nt.ChangeKind

BASE = """
id: talks
title: Talks
parties:
  - {id: a, name: A}
  - {id: b, name: B}
  - {id: c, name: C}
  - {id: chair, name: Chair}
roles:
  - {party: chair, role: chair, since: r1}
issues:
  - id: border
    title: Border
    scale: {kind: ordinal, options: [{id: open, label: Open}, {id: shut, label: Shut}]}
  - id: quota
    title: Quota
    scale: {kind: numeric, min: 0, max: 20, unit: boats}
proposals:
  - id: treaty
    title: Draft treaty
    tabled_in: r1
    terms:
      - {id: art1, issue: border, text: 'The border [shall] [may] stay open.', status: bracketed}
      - {id: art2, issue: quota, value: 5, text: Five boats., status: proposed}
  - id: annex
    title: Annex
    tabled_in: r1
    terms:
      - {id: x1, text: Definitions.}
rounds:
  - id: r1
    title: One
    date: 2024-06-03
  - id: r2
    title: Two
    date: 2024-06-10
    participants: [a, b, chair]
    joined: [c]
    sides:
      - {id: north, name: North, parties: [a]}
      - {id: south, name: South, parties: [b]}
    drafts:
      - proposal: treaty
        title: Draft of 10 June
        brackets: 12
        evidence: [s2]
        terms:
          - id: art1
            issue: border
            text: 'The border [shall] [may] stay open.'
            status: bracketed
            alternatives:
              - {id: shall, text: '[shall]', value: open}
              - {id: may, text: '[may]'}
          - {id: art2, issue: quota, value: 5, text: Five boats., status: proposed}
    amendments:
      - {id: am-a, proposal: treaty, term: art1, by: [a], text: shall}
      - {id: am-b, proposal: treaty, term: art2, by: [b], value: 8, outcome: rejected}
    statements:
      - {id: s2, date: 2024-06-10, party: chair, summary: The chair's draft.}
"""


@pytest.fixture(scope="module")
def base() -> nt.Negotiation:
    return nt.loads(BASE)


def _round(n: nt.Negotiation, **changes: Any) -> nt.Negotiation:
    """``n`` with its round r2 changed."""
    r2 = attrs.evolve(n.round("r2"), **changes)
    return attrs.evolve(n, rounds=tuple(r2 if r.id == "r2" else r for r in n.rounds))


def _draft(n: nt.Negotiation, proposal: str = "treaty", **changes: Any) -> nt.Draft:
    (draft,) = [d for d in n.round("r2").drafts if d.proposal == proposal]
    return attrs.evolve(draft, **changes)


def _terms(n: nt.Negotiation, **by_key: dict[str, Any]) -> tuple[nt.Term, ...]:
    """The terms of r2's draft of the treaty, each changed as given for its key."""
    return tuple(attrs.evolve(t, **by_key.get(t.key, {})) for t in _draft(n).terms)


def _changes(old: nt.Negotiation, new: nt.Negotiation) -> list[tuple[Any, ...]]:
    return [
        (c.kind, c.round, c.subject_id, c.field, c.term, c.before, c.after)
        for c in nt.compare_versions(old, new).changes
    ]


# -- drafts ------------------------------------------------------------------------------------


def test_a_restated_draft_reads_term_by_term(base: nt.Negotiation) -> None:
    """Status, wording, value and options of a restated term: the round diff's change kinds."""
    may = nt.Alternative("may", "[may, for now,]")
    edited = _round(
        base,
        drafts=(
            _draft(
                base,
                terms=_terms(
                    base,
                    art1={
                        "status": nt.TermStatus.AGREED_IN_PRINCIPLE,
                        "alternatives": (nt.Alternative("shall", "[shall]", "open"), may),
                    },
                    art2={"value": 6, "text": "Six boats."},
                ),
            ),
        ),
    )
    diff = nt.compare_versions(base, edited)
    assert [
        (K.TERM_ADVANCED, "art1", nt.TermStatus.BRACKETED, nt.TermStatus.AGREED_IN_PRINCIPLE),
        (K.ALTERNATIVE_REWORDED, "art1", nt.Alternative("may", "[may]"), may),
        (K.TERM_VALUE_CHANGED, "art2", 5, 6),
        (K.TERM_REWORDED, "art2", "Five boats.", "Six boats."),
    ] == [(c.kind, c.term, c.before, c.after) for c in diff.changes]
    assert {("treaty", "r2", ("s2",))} == {(c.proposal, c.round, c.evidence) for c in diff.changes}
    assert "[-Five-] {+Six+} boats." == diff.changes[3].detail


def test_a_draft_added_or_removed(base: nt.Negotiation) -> None:
    """A draft put into a round is on record there; one taken out is no longer on record."""
    annex = nt.Draft("annex", title="Annex of 10 June", pages=3)
    edited = _round(base, drafts=(*base.round("r2").drafts, annex))
    diff = nt.compare_versions(base, edited)
    (stated,) = diff.changes
    assert (K.DRAFT_STATED, "annex", "r2", "r2", "3 pages") == (
        stated.kind,
        stated.proposal,
        stated.round,
        stated.after,
        stated.detail,
    )
    (dropped,) = nt.compare_versions(edited, base).changes
    assert (K.DRAFT_DROPPED, "annex", "r2", "r2") == (
        dropped.kind,
        dropped.proposal,
        dropped.round,
        dropped.before,
    )


def test_a_drafts_counts_title_and_unweighed_term_keys(base: nt.Negotiation) -> None:
    """Counts given on both sides change; a title, a count newly given, a term's issue are edited."""
    edited = _round(
        base,
        drafts=(
            _draft(
                base,
                title="Revised draft",
                brackets=9,
                options=2,
                terms=_terms(base, art2={"issue": None}),
            ),
        ),
    )
    assert [
        (K.BRACKETS_CHANGED, "r2", None, None, None, 12, 9),
        (K.EDITED, "r2", "r2/treaty", "options", None, None, 2),
        (K.EDITED, "r2", "r2/treaty", "title", None, "Draft of 10 June", "Revised draft"),
        (K.EDITED, "r2", "treaty/art2", "issue", "art2", "quota", None),
    ] == _changes(base, edited)


def test_an_unchanged_restated_draft_gives_nothing(base: nt.Negotiation) -> None:
    """A round edited elsewhere leaves its drafts alone."""
    edited = _round(base, description="Held in Geneva.")
    assert [(K.EDITED, None, "r2", "description", None, None, "Held in Geneva.")] == _changes(
        base, edited
    )


# -- amendments --------------------------------------------------------------------------------


def test_amendments_added_removed_and_decided(base: nt.Negotiation) -> None:
    """Matched by id: one tabled, one no longer on record, one adopted, one with a new sponsor."""
    am_a, _ = base.round("r2").amendments
    am_c = nt.Amendment("am-c", "treaty", "art2", by=("c",), value=4)
    adopted = attrs.evolve(am_a, outcome=nt.AmendmentOutcome.ADOPTED, by=("a", "c"))
    diff = nt.compare_versions(base, _round(base, amendments=(adopted, am_c)))
    assert [
        ("am-a", K.AMENDMENT_OUTCOME_CHANGED, None, "pending", "adopted"),
        ("am-a", K.EDITED, "by", ("a",), ("a", "c")),
        ("am-b", K.AMENDMENT_DROPPED, None, 8, None),
        ("am-b", K.AMENDMENT_OUTCOME_CHANGED, None, "rejected", "pending"),
        ("am-c", K.AMENDMENT_TABLED, None, None, 4),
    ] == [
        (
            c.subject_id,
            c.kind,
            c.field,
            getattr(c.before, "value", c.before),
            getattr(c.after, "value", c.after),
        )
        for c in diff.changes
    ]
    assert all(c.round == "r2" and c.proposal == "treaty" for c in diff.changes)
    assert [("art1", "border"), ("art2", "quota")] == sorted(
        {(c.term, c.issue) for c in diff.changes}
    )


# -- who took part, sides and roles --------------------------------------------------------------


def test_parties_added_to_or_taken_from_the_rounds_lists(base: nt.Negotiation) -> None:
    """joined, left and participants are sets: each party added or removed is named."""
    edited = _round(base, participants=("chair", "c", "a"), joined=(), left=("c",))
    assert [
        (K.REMOVED, "r2", "r2", "participants", None, "b", None),
        (K.ADDED, "r2", "r2", "left", None, None, "c"),
        (K.ADDED, "r2", "r2", "participants", None, None, "c"),
        (K.REMOVED, "r2", "r2", "joined", None, "c", None),
    ] == _changes(base, edited)
    assert {"b", "c"} == {c.party for c in nt.compare_versions(base, edited).changes}


def test_reordering_a_rounds_lists_changes_nothing(base: nt.Negotiation) -> None:
    """Who took part is a set: the same parties in another order are no edit."""
    edited = _round(base, participants=("chair", "b", "a"))
    assert [] == _changes(base, edited)


def test_a_rounds_sides_matched_by_id(base: nt.Negotiation) -> None:
    """A round's side edited key by key, one added, one removed; each in its round."""
    north, _ = base.round("r2").sides
    edited = _round(
        base,
        sides=(attrs.evolve(north, parties=("a", "b")), nt.Side("east", "East", ("c",))),
    )
    assert [
        (K.ADDED, "r2", "east", None, None, None, "East"),
        (K.EDITED, "r2", "north", "parties", None, ("a",), ("a", "b")),
        (K.REMOVED, "r2", "south", None, None, "South", None),
    ] == _changes(base, edited)


def test_roles_matched_by_party_and_role(base: nt.Negotiation) -> None:
    """A role kept but rescheduled is edited key by key; a new role is added, in its words."""
    roles = (
        nt.Role("chair", nt.RoleKind.CHAIR),
        nt.Role("c", nt.RoleKind.HOST, since="r1", until="r2"),
    )
    edited = attrs.evolve(base, roles=roles)
    assert [
        (K.ADDED, None, "c/host", None, None, None, "from r1 to r2"),
        (K.EDITED, None, "chair/chair", "since", None, "r1", None),
    ] == _changes(base, edited)


def test_a_role_held_twice(base: nt.Negotiation) -> None:
    """Two stints in one role: an equal one is set aside, one left on each side is edited."""
    first = nt.Role("chair", nt.RoleKind.CHAIR, until="r1")
    second = nt.Role("chair", nt.RoleKind.CHAIR, since="r2")
    old = attrs.evolve(base, roles=(first, second))
    assert [(K.REMOVED, None, "chair/chair", None, None, "from r2", None)] == _changes(
        old, attrs.evolve(base, roles=(first,))
    )
    later = attrs.evolve(second, until="r2")
    assert [(K.EDITED, None, "chair/chair", "until", None, None, "r2")] == _changes(
        old, attrs.evolve(base, roles=(first, later))
    )
    whole = nt.Role("chair", nt.RoleKind.CHAIR)
    assert [
        (K.ADDED, None, "chair/chair", None, None, None, "in every round"),
        (K.REMOVED, None, "chair/chair", None, None, "from r2", None),
        (K.REMOVED, None, "chair/chair", None, None, "until r1", None),
    ] == _changes(old, attrs.evolve(base, roles=(whole,)))


# -- properties ----------------------------------------------------------------------------------


@st.composite
def _edited(draw: st.DrawFn, n: nt.Negotiation) -> nt.Negotiation:
    """Another version of ``n``: rounds' lists, sides, drafts and amendments edited, roles too."""
    party_ids = [p.id for p in n.parties]
    parties = st.lists(st.sampled_from(party_ids), unique=True, max_size=3)
    rounds = []
    for round_ in n.rounds:
        if draw(st.booleans()):
            rounds.append(round_)
            continue
        drafts = [
            attrs.evolve(
                d,
                title=draw(st.none() | st.just("Revised")),
                brackets=draw(st.none() | st.integers(0, 9)),
                terms=tuple(_term(draw, t) for t in d.terms),
            )
            for d in round_.drafts
            if draw(st.integers(0, 3))
        ]
        amendments = [
            attrs.evolve(a, outcome=draw(st.sampled_from(nt.AmendmentOutcome)))
            for a in round_.amendments
            if draw(st.integers(0, 3))
        ]
        others = [r for r in n.rounds if r.id != round_.id]
        borrows: bool = draw(st.booleans())
        donor = draw(st.sampled_from(others)) if others and borrows else round_
        rounds.append(
            attrs.evolve(
                round_,
                joined=tuple(draw(parties)),
                left=tuple(draw(parties)),
                participants=tuple(draw(parties)),
                sides=tuple(
                    attrs.evolve(s, name=draw(st.sampled_from([s.name, "Renamed"])))
                    for s in round_.sides
                    if draw(st.integers(0, 3))
                ),
                drafts=(
                    *drafts,
                    *(
                        d
                        for d in donor.drafts
                        if d.proposal not in {x.proposal for x in round_.drafts}
                    ),
                ),
                amendments=tuple(amendments),
                positions=donor.positions,
                stances=donor.stances,
            )
        )
    roles = [
        attrs.evolve(r, since=draw(st.sampled_from([r.since, None])), until=r.until)
        for r in n.roles
        if draw(st.integers(0, 3))
    ]
    adds: bool = draw(st.booleans())
    if party_ids and adds:
        roles.append(nt.Role(draw(st.sampled_from(party_ids)), draw(st.sampled_from(nt.RoleKind))))
    return attrs.evolve(n, rounds=tuple(rounds), roles=tuple(roles))


def _term(draw: st.DrawFn, term: nt.Term) -> nt.Term:
    """A term restated again, perhaps moved, reworded, or with its options reworded."""
    if draw(st.booleans()):
        return term
    return attrs.evolve(
        term,
        status=draw(st.sampled_from(nt.TermStatus)),
        text=draw(st.sampled_from([term.text, None, "Reworded."])),
        alternatives=tuple(
            attrs.evolve(x, text=draw(st.sampled_from([x.text, None, "[reworded]"])))
            for x in term.alternatives
            if draw(st.integers(0, 3))
        ),
    )


@st.composite
def _versions(draw: st.DrawFn) -> tuple[nt.Negotiation, nt.Negotiation]:
    n = draw(multilateral())
    return n, draw(_edited(n))


#: Kinds whose value names what changed (the condition, in its words now) rather than giving a
#: before and an after: seen backwards, they name it in the other version's words.
_NAMING = frozenset({K.CONDITION_MET, K.CONDITION_UNMET})


def _key(change: nt.Change, *, swapped: bool = False) -> str:
    """What a change says, with its values (and its kind, meaning, directions) seen backwards."""
    flip = {nt.Direction.TOWARD: nt.Direction.AWAY, nt.Direction.AWAY: nt.Direction.TOWARD}
    towards = sorted(
        (t.party, (flip.get(t.direction, t.direction) if swapped else t.direction).value)
        for t in change.toward
    )
    values: tuple[Any, ...] = (
        (change.after, change.before) if swapped else (change.before, change.after)
    )
    if change.kind in _NAMING:
        values = ()
    return repr(
        (
            change.kind.mirrored() if swapped else change.kind,
            change.meaning.mirrored() if swapped else change.meaning,
            (change.party, change.proposal, change.term, change.table, change.by, change.round),
            (change.subject, change.subject_id, change.field),
            values,
            towards,
        )
    )


@given(multilateral())
def test_a_multilateral_version_against_itself_is_empty(n: nt.Negotiation) -> None:
    """A multilateral dossier compared with itself as two versions has no changes."""
    assert () == nt.compare_versions(n, n).changes


def _lone_withdrawals(old: nt.Negotiation, new: nt.Negotiation) -> set[tuple[str, str, str]]:
    """Position entries withdrawn in one version of a round that the other does not have."""
    found = set()
    rounds = {r.id: r for r in new.rounds}
    for a in old.rounds:
        b = rounds.get(a.id)
        if b is None:
            continue
        x, y = {p.key: p for p in a.positions}, {p.key: p for p in b.positions}
        for key in x.keys() ^ y.keys():
            if (x.get(key) or y[key]).withdrawn:
                found.add((*key, a.id))
    return found


def _lone(change: nt.Change, lone: set[tuple[str, str, str]]) -> bool:
    if change.party is None or change.issue is None or change.proposal is not None:
        return False
    key = nt.Position(change.party, change.issue, table=change.table).key
    return (*key, change.round) in lone


@given(_versions())
def test_versions_the_other_way_round_swap_before_and_after(
    case: tuple[nt.Negotiation, nt.Negotiation],
) -> None:
    """b against a says what a against b says, backwards: as many changes, values swapped.

    Every change is mirrored (its kind and meaning mirrored, before and after swapped) but one:
    a withdrawal entry in a round of one version where the other has no entry for the position.
    Put in, it reads as position_withdrawn (the entry compared with nothing); taken out, as an
    edit of ``withdrawn`` from true to false, since no entry is left to read as stated. Those
    come one for one, so the counts still agree.
    """
    old, new = case
    forward, backward = nt.compare_versions(old, new), nt.compare_versions(new, old)
    assert len(forward) == len(backward)
    lone = _lone_withdrawals(old, new)
    assert sorted(_key(c, swapped=True) for c in forward.changes if not _lone(c, lone)) == sorted(
        _key(c) for c in backward.changes if not _lone(c, lone)
    )
    assert len([c for c in forward.changes if _lone(c, lone)]) == len(lone)


@given(_versions())
def test_every_edit_shows(case: tuple[nt.Negotiation, nt.Negotiation]) -> None:
    """Two versions that differ give at least one change."""
    old, new = case
    assert bool(nt.compare_versions(old, new).changes) == (old != new)
