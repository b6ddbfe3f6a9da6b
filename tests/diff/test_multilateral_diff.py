"""Diff properties on multilateral dossiers: roles, per-issue sides, drafts and amendments."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from tests.diff.test_compare import _mirror_key, _mirrored, _shuffled
from tests.multilateral_strategies import multilateral


@st.composite
def _two_rounds(draw: st.DrawFn) -> tuple[nt.Negotiation, str, str]:
    n = draw(multilateral().filter(lambda n: len(n.rounds) >= 2))
    first, second = draw(
        st.lists(st.sampled_from([r.id for r in n.rounds]), min_size=2, max_size=2, unique=True)
    )
    return n, first, second


@given(st.data())
def test_a_multilateral_round_against_itself_is_empty(data: st.DataObject) -> None:
    """A round of a multilateral dossier diffed against itself has no changes."""
    n = data.draw(multilateral().filter(lambda n: len(n.rounds) >= 1))
    round_id = data.draw(st.sampled_from([r.id for r in n.rounds]))
    assert () == nt.compare(n, round_id, round_id).changes


@given(_two_rounds())
def test_swapping_multilateral_rounds_mirrors_every_change(
    case: tuple[nt.Negotiation, str, str],
) -> None:
    """The other way round, every change of a multilateral diff is mirrored."""
    n, first, second = case
    forward, backward = nt.compare(n, first, second), nt.compare(n, second, first)
    assert sorted(map(repr, map(_mirrored, forward.changes))) == sorted(
        map(repr, map(_mirror_key, backward.changes))
    )


@given(_two_rounds(), st.integers(0, 2**32))
def test_reordering_a_multilateral_dossier_never_changes_the_diff(
    case: tuple[nt.Negotiation, str, str], seed: int
) -> None:
    """Shuffling the lists of a multilateral dossier gives the same diff."""
    n, first, second = case
    assert nt.compare(n, first, second) == nt.compare(_shuffled(n, seed), first, second)


@given(_two_rounds())
def test_a_multilateral_diff_survives_a_round_trip(case: tuple[nt.Negotiation, str, str]) -> None:
    """A dossier dumped and loaded back gives the same diff."""
    n, first, second = case
    assert nt.compare(n, first, second) == nt.compare(nt.loads(nt.dump(n)), first, second)
