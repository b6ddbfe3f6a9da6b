"""Issue verdicts that compare like with like, and the readings of stances on proposals.

An issue's verdict between two rounds is decided in this order, each step named in ``because``:

1. *No like-for-like pair*: the bargaining parties (no chair or mediator) holding a position in
   both rounds, with those that raised or withdrew a demand in between, include no pair of
   counterparts (`negotrack.diff._footing.counterparts`): unchanged, "no earlier measure".
2. *Distance*: the mean over those pairs of ``(d + g) / 2``, ``d`` the distance between the
   two preferred values and ``g`` the gap between their effective acceptable sets (0 when they
   meet), both shares of the line; a party whose demand is not standing in a round (raised
   later, withdrawn earlier) is 0 from everyone there. Lower after: converging; higher:
   diverging.
3. Otherwise unchanged, "no like-for-like movement". Parties entering or leaving the record
   never change the verdict by themselves.

A stance moving up on a proposal is a concession and down a hardening, unless the party holds
a role, tabled the proposal alone or through its coalition (its own text), or the move follows
conditions on the stance marked met: neutral.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.diff._footing import Facing, by_issue, cached_geometry, is_chair
from negotrack.diff._geometry import Geometry, Shape, geometry, measure_pair, shape
from negotrack.diff._measures import Verdict
from negotrack.diff._readings import (
    Reading,
    ReadingKind,
    _withdrawn_between,
    position_readings,
)
from negotrack.model._fields import describe

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Position

__all__ = ["IssueVerdict", "issue_verdicts", "readings", "run_verdicts", "stance_readings"]

_EPS: Final = 1e-9


@attrs.frozen(kw_only=True)
class IssueVerdict:
    """Whether the parties on an issue converged between two rounds, like for like."""

    issue: str = attrs.field(metadata=describe("Id of the issue."))
    verdict: Verdict = attrs.field(metadata=describe("converging, diverging or unchanged."))
    because: str = attrs.field(metadata=describe("The step of the decision order that decided."))
    parties: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("The parties compared like for like.")
    )
    before: float | None = attrs.field(default=None, metadata=describe("Distance before."))
    after: float | None = attrs.field(default=None, metadata=describe("Distance after."))


def issue_verdicts(negotiation: Negotiation, before: str, after: str) -> dict[str, IssueVerdict]:
    """The like-for-like verdict of every issue, keyed by issue id in dossier order."""
    with cached_geometry():
        return _issue_verdicts(negotiation, before, after)


def _issue_verdicts(negotiation: Negotiation, before: str, after: str) -> dict[str, IssueVerdict]:
    forward = negotiation.round_index(before) <= negotiation.round_index(after)
    earlier, later = (before, after) if forward else (after, before)
    old = by_issue(negotiation.effective_positions(before))
    new = by_issue(negotiation.effective_positions(after))
    withdrawn = _withdrawn_between(negotiation, earlier, later)
    chairs = {p for r in (earlier, later) for p in negotiation.roles_in(r)}
    out = {}
    for issue in negotiation.issues:
        p_old = {p: e.value for (p, _), e in old.get(issue.id, {}).items()}
        p_new = {p: e.value for (p, _), e in new.get(issue.id, {}).items()}
        kept = []
        for party in sorted(p_old.keys() | p_new.keys()):
            if party in chairs:
                continue
            a, b = p_old.get(party), p_new.get(party)
            only = a if b is None else b
            stands = a is not None and b is not None
            if stands or (party, issue.id) in withdrawn or (only is not None and only.raised):
                kept.append(party)
        out[issue.id] = _verdict(negotiation, issue, kept, p_old, p_new, (earlier, later))
    return out


def run_verdicts(
    negotiation: Negotiation, rounds: Sequence[str], issues: Collection[str] | None = None
) -> dict[str, IssueVerdict]:
    """Each issue's like-for-like verdict over ``rounds``, from the first round it can be judged.

    The verdict from the first round to the last; for an issue with no like-for-like pair there
    ("no earlier measure"), from the first later round that has one. An issue never measurable
    like for like is unchanged, "no earlier measure". ``issues`` limits the answer to those ids
    (all by default); fewer than two rounds give no verdicts.
    """
    if len(rounds) < 2:
        return {}
    last = rounds[-1]
    found: dict[str, IssueVerdict] = {}
    with cached_geometry():
        for start in rounds[:-1]:
            for issue, verdict in _issue_verdicts(negotiation, start, last).items():
                if issues is not None and issue not in issues:
                    continue
                if issue not in found or found[issue].because == "no earlier measure":
                    found[issue] = verdict
            if all(v.because != "no earlier measure" for v in found.values()):
                break
    return found


def _verdict(  # noqa: PLR0917 - one verdict's context
    negotiation: Negotiation,
    issue: Issue,
    kept: list[str],
    p_old: dict[str, Position],
    p_new: dict[str, Position],
    rounds: tuple[str, str],
) -> IssueVerdict:
    reference = {**p_new, **p_old}
    both = {p for p in kept if p in p_old and p in p_new}
    facing = Facing(negotiation, issue.id, rounds)
    found: set[tuple[str, str]] = set()
    for party in kept:
        others = facing.ids(party, reference)
        # a party standing in both rounds pairs with the other like-for-like parties; one that
        # raised or withdrew a demand, with anyone (counterparts has no chairs)
        if party in both:
            others.intersection_update(kept)
        found.update((party, o) if party < o else (o, party) for o in others)
    pairs = sorted(found)
    base: dict[str, Any] = {"issue": issue.id, "parties": tuple(kept)}
    if not pairs:
        return IssueVerdict(**base, verdict=Verdict.UNCHANGED, because="no earlier measure")
    measured = _pairs_measured(issue, pairs, p_old, p_new)
    if measured is None:
        return IssueVerdict(**base, verdict=Verdict.UNCHANGED, because="no earlier measure")
    d0, d1, z0, z1 = measured
    if d1 < d0 - _EPS:
        verdict, because = Verdict.CONVERGING, "like-for-like distance fell"
    elif d1 > d0 + _EPS:
        verdict, because = Verdict.DIVERGING, "like-for-like distance grew"
    elif z1 > z0 + _EPS:
        verdict, because = Verdict.CONVERGING, "distance unchanged; the zone of agreement widened"
    elif z1 < z0 - _EPS:
        verdict, because = Verdict.DIVERGING, "distance unchanged; the zone of agreement narrowed"
    else:
        verdict, because = Verdict.UNCHANGED, "no like-for-like movement"
    return IssueVerdict(**base, verdict=verdict, because=because, before=d0, after=d1)


def _pairs_measured(
    issue: Issue,
    pairs: list[tuple[str, str]],
    p_old: dict[str, Position],
    p_new: dict[str, Position],
) -> tuple[float, float, float, float] | None:
    """The mean distance and the summed zone of the pairs, before and after.

    Each position is worked out once (`geometry`), and a pair whose two parties hold equal
    positions in both rounds is measured once: an issue verdict pairs every party with every
    counterpart, so this is where the cost of a large dossier lies.
    """
    line = shape(issue)
    g_old = {p: geometry(issue, x) for p, x in p_old.items()}
    g_new = {p: geometry(issue, x) for p, x in p_new.items()}
    same = {p for p, x in p_old.items() if p in p_new and (p_new[p] is x or p_new[p] == x)}
    t0 = t1 = z0 = z1 = 0.0
    n0 = n1 = 0
    for a, b in pairs:
        d_old, s_old = _pair(line, g_old.get(a), g_old.get(b))
        if a in same and b in same:
            d_new, s_new = d_old, s_old
        else:
            d_new, s_new = _pair(line, g_new.get(a), g_new.get(b))
        z0 += s_old
        z1 += s_new
        if d_old is not None:
            t0 += d_old
            n0 += 1
        if d_new is not None:
            t1 += d_new
            n1 += 1
    if n0 == 0 or n1 == 0:
        return None
    return t0 / n0, t1 / n1, z0, z1


def _pair(line: Shape, a: Geometry | None, b: Geometry | None) -> tuple[float | None, float]:
    """A pair's term of the mean distance (None: not measurable) and its share of the zone.

    The term is the mean of the preferred values' distance, the acceptable sets' gap and the
    share of the two whose red lines rule out the other's preferred value; a party whose demand
    is not standing (raised later, withdrawn earlier) is 0 from everyone and shares no zone.
    """
    if a is None or b is None:
        return 0.0, 0.0
    d, g, zone, ruled = measure_pair(line, a, b)
    if d is None:
        return (None if g is None else (g + ruled) / 2), zone
    return ((d + ruled) / 2 if g is None else (d + g + ruled) / 3), zone


def stance_readings(negotiation: Negotiation, before: str, after: str) -> list[Reading]:
    """A reading for every party whose stance on a proposal changed level."""
    old = negotiation.effective_stances(before)
    new = negotiation.effective_stances(after)
    out = []
    for key in sorted(old.keys() & new.keys()):
        s0, s1 = old[key].value, new[key].value
        if s0.stance == s1.stance:
            continue
        party, proposal = key
        up = s1.stance.rank > s0.stance.rank
        base: dict[str, Any] = {"party": party, "proposal": proposal}
        met_now = {c.id or c.text for c in s1.conditions if c.met}
        met_before = {c.id or c.text for c in s0.conditions if c.met}
        if is_chair(negotiation, party, before, after):
            kind, because = ReadingKind.NEUTRAL, "a chair or mediator bridges"
        elif _own_text(negotiation, party, proposal):
            kind, because = ReadingKind.NEUTRAL, "its own text"
        elif met_now != met_before:
            kind, because = ReadingKind.NEUTRAL, "conditions met"
        elif up:
            kind, because = ReadingKind.CONCESSION, "moves up on a text it did not table alone"
        else:
            kind, because = ReadingKind.HARDENING, "moves down on a text it did not table alone"
        out.append(Reading(**base, reading=kind, because=because))
    return out


def _own_text(negotiation: Negotiation, party: str, proposal: str) -> bool:
    """Whether the party tabled the proposal alone, or its one coalition did."""
    tabled = negotiation.proposal(proposal).tabled_by
    return len(tabled) == 1 and (tabled[0] == party or party in negotiation.members_of(tabled[0]))


def readings(negotiation: Negotiation, before: str, after: str) -> tuple[Reading, ...]:
    """Every reading between two rounds: per party and issue, then per party and proposal.

    Raises:
        UnknownIdError: If a round does not exist.
    """
    found = position_readings(negotiation, before, after)
    found += stance_readings(negotiation, before, after)
    return tuple(found)
