"""Hypothesis strategies for multilateral talks: a valid dossier with the constructs of issue 8.

Built on `tests.strategies.negotiations`, adding roles, sides per issue and per round, statements
outside any round (dated to the month or year), joint statements, times of day, explicit joins
and departures, drafts restating terms and amendments to them.
"""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

import negotrack as nt
from tests.strategies import negotiations, texts

__all__ = ["multilateral"]

_STATUSES = st.sampled_from([s for s in nt.TermStatus if s is not nt.TermStatus.WITHDRAWN])


@st.composite
def _partial_dates(draw: st.DrawFn) -> dt.date:
    year = draw(st.integers(1990, 2030))
    kind = draw(st.sampled_from(["year", "month", "day"]))
    if kind == "year":
        return nt.PartialDate(year, precision=nt.Precision.YEAR)
    month = draw(st.integers(1, 12))
    if kind == "month":
        return nt.PartialDate(year, month, precision=nt.Precision.MONTH)
    return dt.date(year, month, draw(st.integers(1, 28)))


def _sides(
    draw: st.DrawFn, prefix: str, party_ids: list[str], issue_ids: list[str]
) -> tuple[nt.Side, ...]:
    """Up to two sides for some issues (or all), never one party on two sides of an issue."""
    scope = tuple(draw(st.lists(st.sampled_from(issue_ids), unique=True, max_size=2)))
    members = draw(st.lists(st.sampled_from(party_ids), unique=True, min_size=2, max_size=4))
    cut = draw(st.integers(1, len(members) - 1))
    return (
        nt.Side(f"{prefix}-a", draw(texts), tuple(members[:cut]), scope),
        nt.Side(f"{prefix}-b", draw(texts), tuple(members[cut:]), scope),
    )


@st.composite
def multilateral(draw: st.DrawFn) -> nt.Negotiation:
    """A valid dossier using roles, per-issue sides, drafts, amendments and joint evidence."""
    base = draw(negotiations())
    party_ids = [p.id for p in base.parties]
    issue_ids = [i.id for i in base.issues]
    round_ids = [r.id for r in base.rounds]
    roles = tuple(
        nt.Role(
            party,
            draw(st.sampled_from(nt.RoleKind)),
            since=draw(st.none() | st.sampled_from(round_ids[:1])) if round_ids else None,
        )
        for party in draw(st.lists(st.sampled_from(party_ids), unique=True, max_size=1))
    )
    sides = _sides(draw, "side", party_ids, issue_ids) if len(party_ids) >= 2 else ()
    outside = tuple(
        nt.Statement(
            f"paper-{n}",
            draw(_partial_dates()),
            party=draw(st.sampled_from(party_ids)),
            summary=draw(texts),
        )
        for n in range(draw(st.integers(0, 2)))
    )
    terms = {p.id: p.terms for p in base.proposals}
    rounds = []
    amendment_count = 0
    for round_ in base.rounds:
        drafts = []
        for proposal in draw(
            st.lists(st.sampled_from(list(terms)), unique=True, max_size=2)
            if terms
            else st.just([])
        ):
            restated = draw(
                st.lists(st.sampled_from(terms[proposal]), unique_by=lambda t: t.key)
                if terms[proposal]
                else st.just([])
            )
            drafts.append(
                nt.Draft(
                    proposal,
                    title=draw(st.none() | texts),
                    terms=tuple(attrs.evolve(t, status=draw(_STATUSES)) for t in restated),
                    brackets=draw(st.none() | st.integers(0, 900)),
                    options=draw(st.none() | st.integers(0, 40)),
                )
            )
        amendments = []
        for draft in drafts:
            for term in draft.terms[:1]:
                amendment_count += 1
                amendments.append(
                    nt.Amendment(
                        f"am-{amendment_count}",
                        draft.proposal,
                        term.key,
                        by=tuple(
                            draw(st.lists(st.sampled_from(party_ids), unique=True, max_size=2))
                        ),
                        text=draw(st.none() | texts),
                        outcome=draw(st.sampled_from(nt.AmendmentOutcome)),
                    )
                )
        statements = round_.statements
        if statements and len(party_ids) >= 2:
            first = statements[0]
            joint = attrs.evolve(
                first,
                speaker=None,
                party=None,
                parties=tuple(
                    draw(st.lists(st.sampled_from(party_ids), unique=True, min_size=2, max_size=3))
                ),
            )
            statements = (joint, *statements[1:])
        positions = tuple(
            attrs.evolve(p, raised=True) if not p.withdrawn and draw(st.booleans()) else p
            for p in round_.positions
        )
        if positions and len(party_ids) >= 2 and draw(st.booleans()):
            # the same party's position held toward one counterpart, beside its overall one
            held = positions[0]
            counterpart = draw(st.sampled_from([p for p in party_ids if p != held.party]))
            extra = attrs.evolve(held, table=counterpart, withdrawn=False)
            if extra.key not in {p.key for p in positions}:
                positions = (*positions, extra)
        timed = round_.date is not None and draw(st.booleans())
        rounds.append(
            attrs.evolve(
                round_,
                time=dt.time(draw(st.integers(0, 23)), draw(st.integers(0, 59))) if timed else None,
                joined=tuple(draw(st.lists(st.sampled_from(party_ids), unique=True, max_size=1))),
                left=tuple(draw(st.lists(st.sampled_from(party_ids), unique=True, max_size=1))),
                sides=_sides(draw, f"{round_.id}-side", party_ids, issue_ids)
                if len(party_ids) >= 2 and draw(st.booleans())
                else (),
                statements=statements,
                positions=positions,
                drafts=tuple(drafts),
                amendments=tuple(amendments),
            )
        )
    return attrs.evolve(base, roles=roles, sides=sides, statements=outside, rounds=tuple(rounds))
