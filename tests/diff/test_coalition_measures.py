"""A coalition and its members are never each other's counterparts in the per-issue measures."""

from __future__ import annotations

import datetime as dt
import math
import statistics

import attrs
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt

_SCALES: tuple[nt.NumericScale | nt.OrdinalScale | nt.CategoricalScale, ...] = (
    nt.NumericScale(min=0.0, max=50.0),
    nt.OrdinalScale(options=tuple(nt.Option(f"o{k}", f"Step {k}") for k in range(5))),
    nt.CategoricalScale(options=tuple(nt.Option(f"c{k}", f"Choice {k}") for k in range(3))),
)


@st.composite
def coalition_talks(draw: st.DrawFn) -> tuple[nt.Negotiation, tuple[nt.Side, ...]]:
    """One issue, one round; parties in disjoint coalitions (a coalition and its members) or alone.

    Returns the dossier without sides, and the sides that match its coalitions: each coalition
    with its members on one, each party alone on its own.
    """
    sizes = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    alone = draw(st.integers(1, 3))
    parties: list[nt.Party] = []
    sides: list[nt.Side] = []
    for k, size in enumerate(sizes):
        members = [f"m{k}{j}" for j in range(size)]
        memberships = tuple(nt.Membership(m) for m in members)
        parties.append(nt.Party(f"co{k}", f"Coalition {k}", members=memberships))
        parties += [nt.Party(m, f"Member {m}") for m in members]
        sides.append(nt.Side(f"s-co{k}", f"Side {k}", (f"co{k}", *members)))
    for k in range(alone):
        parties.append(nt.Party(f"x{k}", f"Party {k}"))
        sides.append(nt.Side(f"s-x{k}", f"Alone {k}", (f"x{k}",)))
    scale = draw(st.sampled_from(_SCALES))
    issue = nt.Issue("i", "Issue", scale)
    holders = draw(st.lists(st.sampled_from([p.id for p in parties]), unique=True, min_size=2))
    values: list[str | float] = (
        [
            float(v)
            for v in draw(
                st.lists(st.integers(0, 50), min_size=len(holders), max_size=len(holders))
            )
        ]
        if isinstance(scale, nt.NumericScale)
        else list(
            draw(
                st.lists(
                    st.sampled_from(issue.option_ids), min_size=len(holders), max_size=len(holders)
                )
            )
        )
    )
    positions = tuple(nt.Position(p, "i", v) for p, v in zip(holders, values, strict=True))
    round_ = nt.Round("r1", "Round", date=dt.date(2025, 1, 1), positions=positions)
    n = nt.Negotiation("t", "Talks", parties=tuple(parties), issues=(issue,), rounds=(round_,))
    return n, tuple(sides)


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and math.isclose(a, b, abs_tol=1e-9)
    )


@given(coalition_talks())
def test_sides_matching_the_coalitions_change_no_gap(
    case: tuple[nt.Negotiation, tuple[nt.Side, ...]],
) -> None:
    """Declaring the sides the coalitions already make leaves the gap and max gap unchanged.

    Members of one coalition are each other's counterparts without sides (they may stand on
    opposite sides of an issue); the sides here put them together, so the test keeps to one
    member holding a position per coalition besides the coalition itself.
    """
    n, sides = case
    holders = {p.party for p in n.rounds[0].positions}
    for party in n.parties:
        if len({m.party for m in party.members} & holders) > 1:
            return  # two members of one coalition: counterparts unless sides say otherwise
    without = nt.measure_round(n, "r1")["i"]
    with_sides = nt.measure_round(attrs.evolve(n, sides=sides), "r1")["i"]
    assert _close(without.gap, with_sides.gap), (without, with_sides)
    assert _close(without.max_gap, with_sides.max_gap), (without, with_sides)


@given(coalition_talks(), st.booleans())
def test_gap_is_the_mean_over_counterpart_pairs(
    case: tuple[nt.Negotiation, tuple[nt.Side, ...]], sided: bool
) -> None:
    """The gap counted without visiting pairs is the mean, and max gap the largest, of the pairs."""
    n, sides = case
    if sided:
        n = attrs.evolve(n, sides=sides[::2])  # some parties on no side
    measures = nt.measure_round(n, "r1")["i"]
    pairs = nt.pairwise_gaps(n, n.issues[0], {p.party: p for p in n.rounds[0].positions}, "r1")
    ties = {(p.id, m.party) for p in n.parties for m in p.members}
    assert not any((a, b) in ties or (b, a) in ties for a, b in pairs)
    if not pairs:
        assert measures.gap is None
        return
    assert _close(measures.gap, statistics.fmean(pairs.values())), (measures, pairs)
    assert _close(measures.max_gap, max(pairs.values())), (measures, pairs)
