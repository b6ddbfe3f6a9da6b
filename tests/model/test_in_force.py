"""What is in force in a round, as the dossier keeps it, against the plain walk over every round."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import negotrack as nt
from negotrack.model import _in_force
from negotrack.model._drafts import merge_terms
from tests.strategies import negotiations


def _walked_drafts(n: nt.Negotiation, upto: int) -> dict[str, nt.Effective[nt.Draft]]:
    """The drafts in force in round ``upto``, walking every round before it (the old way)."""
    state: dict[str, nt.Effective[nt.Draft]] = {}
    here = n.rounds[upto].id
    for round_ in n.rounds[: upto + 1]:
        for draft in round_.drafts:
            previous = state.get(draft.proposal)
            tabled = next((p for p in n.proposals if p.id == draft.proposal), None)
            base = (
                previous.value.terms
                if previous is not None
                else ()
                if tabled is None
                else tabled.terms
            )
            merged = attrs.evolve(draft, terms=merge_terms(base, draft.terms))
            state[draft.proposal] = nt.Effective(merged, round_.id, False)
    return {k: nt.Effective(e.value, e.round, e.round != here) for k, e in state.items()}


@settings(deadline=None, max_examples=150)
@given(negotiations(max_rounds=8), st.randoms(use_true_random=False), st.integers(1, 3))
def test_kept_state_is_the_walked_state_in_every_round(
    n: nt.Negotiation, rng: object, kept: int
) -> None:
    """Asked in any order, often, a round's positions, stances and drafts are the walk's.

    The same entries in the same order (the order the walk's dict holds them in), with the same
    ``carried`` flags; the few answers kept at once (here 1 to 3) are dropped and found again.
    """
    walked = list(n.iter_effective())
    drafts = [_walked_drafts(n, index) for index in range(len(n.rounds))]
    asked = [*range(len(n.rounds))] * 2
    rng.shuffle(asked)  # type: ignore[attr-defined]
    with mock.patch.object(_in_force, "_KEPT", kept):
        for index in asked:
            round_, positions, stances = walked[index]
            assert list(positions.items()) == list(n.effective_positions(round_.id).items())
            assert list(stances.items()) == list(n.effective_stances(round_.id).items())
            assert list(drafts[index].items()) == list(n.effective_drafts(round_.id).items())


@given(negotiations(max_rounds=6))
def test_kept_state_is_not_shared_with_callers(n: nt.Negotiation) -> None:
    """Changing an answer changes nothing the dossier answers later, nor its value."""
    copy = attrs.evolve(n)
    for round_ in n.rounds:
        for ask in (n.effective_positions, n.effective_stances, n.effective_drafts):
            first = ask(round_.id)
            expected = dict(first)
            first.clear()
            assert expected == ask(round_.id)
    assert (copy, hash(copy)) == (n, hash(n))


def _round(round_id: str, day: int, *positions: nt.Position) -> nt.Round:
    return nt.Round(round_id, round_id, date=dt.date(2022, 1, day), positions=positions)


def test_a_position_stated_again_after_a_withdrawal_comes_last() -> None:
    """As in the walk's dict: withdrawn, then stated again, a key moves to the end."""
    a1, b1 = nt.Position("a", "i", preferred=1.0), nt.Position("b", "i", preferred=2.0)
    a3 = nt.Position("a", "i", preferred=3.0)
    n = nt.Negotiation(
        "t",
        "T",
        rounds=(
            _round("r1", 1, a1, b1),
            _round("r2", 2, nt.Position("a", "i", withdrawn=True)),
            _round("r3", 3, a3),
            _round("r4", 4),
        ),
    )
    assert [
        [("b", True)],
        [("b", True), ("a", False)],
        [("b", True), ("a", True)],
    ] == [
        [(key[0], e.carried) for key, e in n.effective_positions(r).items()]
        for r in ("r2", "r3", "r4")
    ]
    assert ("r3", a3) == (n.effective_positions("r4")[("a", "i")].round, a3)


def test_a_long_dossier_is_answered_for_any_round() -> None:
    """Two hundred rounds, each stating one of ten keys: each round asked in turn, then back."""
    rounds = [
        _round(
            f"r{k:03d}",
            1,
            nt.Position(f"p{k % 10}", "i", withdrawn=True)
            if k % 7 == 3
            else nt.Position(f"p{k % 10}", "i", preferred=float(k)),
        )
        for k in range(200)
    ]
    n = nt.Negotiation("t", "T", rounds=tuple(rounds))
    walked = [list(p.items()) for _, p, _ in n.iter_effective()]
    for index in [*range(200), *reversed(range(200))]:
        assert walked[index] == list(n.effective_positions(n.rounds[index].id).items())
