"""One reading per party and issue: what a party's moves on an issue add up to, and why.

A diff lists every change; a reader wants to know, for each party and issue, whether it
conceded, hardened, did both toward different counterparts, or neither. `readings` weighs all
of a party's changes on an issue against the other side as a whole (`negotrack.diff._footing`):

1. A party holding a role (chair, mediator...) in either round bridges: its reading is neutral,
   ``toward`` the counterparts it moved closer to.
2. A position only first *recorded* in the later round gives no reading. A demand first
   *raised* there (``raised: true``), or restated after an explicit withdrawal, is a hardening
   when the other side does not already accept it, else neutral. Withdrawing a demand (or a
   raised demand seen backwards) is a concession when it stood away from the other side.
3. Otherwise the move is the sum of its parts, each a share of the issue's line, positive
   toward the other side: the preferred value's move toward the counterparts' weighted centre;
   how much nearer that centre the effective acceptable set (acceptable set less red lines)
   reaches; and 0.05 for each condition dropped (less for each added). A condition marked met
   counts nothing. On a categorical issue the parts are the weighted share of counterparts
   whose option the party moved onto (1) or into the acceptable set of (1/2), and the share
   whose preferred option its acceptable set took in.
4. When the preferred value moves toward counterparts holding at least 40% of the other side's
   weight and away from counterparts holding at least 40%, the reading is mixed; otherwise the
   sign of the sum decides, and a sum of 0 is neutral.

The counterparts' positions are taken from the earlier of the two rounds (else the later), so
a counterpart's own move never colours a party's reading and reversing the rounds mirrors
every reading.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.diff._footing import (
    Held,
    by_issue,
    cached_geometry,
    centre,
    counterparts,
    distance,
    is_chair,
    place,
    reach,
    reference_positions,
    ruled_out_by_them,
    ruled_out_share,
)
from negotrack.diff._parts import (
    categorical_pref,
    categorical_reach,
    categorical_zone,
    linear_zone,
    sides_split,
)
from negotrack.model._fields import describe
from negotrack.model._scales import is_linear, width

if TYPE_CHECKING:
    from collections.abc import Mapping

    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Effective, Negotiation
    from negotrack.model._positions import Position

__all__ = ["CONDITION_WEIGHT", "MIXED_SHARE", "Reading", "ReadingKind", "position_readings"]

#: What adding or dropping one condition weighs, as a share of the issue's line.
CONDITION_WEIGHT: Final = 0.05
#: The share of the other side's weight a move must come nearer and go further from to be mixed.
MIXED_SHARE: Final = 0.4
_EPS: Final = 1e-9


class ReadingKind(enum.Enum):
    """What a party's moves on an issue (or its stance on a proposal) add up to."""

    CONCESSION = "concession"
    HARDENING = "hardening"
    MIXED = "mixed"
    NEUTRAL = "neutral"

    def mirrored(self) -> ReadingKind:
        """The same reading seen backwards in time."""
        return _MIRROR.get(self, self)


_MIRROR: Final = {
    ReadingKind.CONCESSION: ReadingKind.HARDENING,
    ReadingKind.HARDENING: ReadingKind.CONCESSION,
}


@attrs.frozen(kw_only=True)
class Reading:
    """One party's reading on one issue (or on one proposal) between two rounds."""

    party: str = attrs.field(metadata=describe("Id of the party."))
    issue: str | None = attrs.field(default=None, metadata=describe("Id of the issue."))
    proposal: str | None = attrs.field(
        default=None, metadata=describe("Id of the proposal, for a stance's reading.")
    )
    reading: ReadingKind = attrs.field(metadata=describe("concession, hardening, mixed, neutral."))
    because: str = attrs.field(metadata=describe("Why, in words: the rule that decided."))
    score: float = attrs.field(
        default=0.0, metadata=describe("The weighed move toward the other side (share of line).")
    )
    toward: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Counterparts the party came nearer to.")
    )
    away: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Counterparts the party went further from.")
    )


def _withdrawn_between(negotiation: Negotiation, earlier: str, later: str) -> set[tuple[str, str]]:
    first, last = negotiation.round_index(earlier), negotiation.round_index(later)
    return {
        p.key for r in negotiation.rounds[first + 1 : last + 1] for p in r.positions if p.withdrawn
    }


def position_readings(negotiation: Negotiation, before: str, after: str) -> list[Reading]:
    """The reading of every party and issue whose position changed between the two rounds."""
    with cached_geometry():
        return _position_readings(negotiation, before, after)


def _position_readings(negotiation: Negotiation, before: str, after: str) -> list[Reading]:
    forward = negotiation.round_index(before) <= negotiation.round_index(after)
    earlier, later = (before, after) if forward else (after, before)
    old_all = by_issue(negotiation.effective_positions(before))
    new_all = by_issue(negotiation.effective_positions(after))
    withdrawn = _withdrawn_between(negotiation, earlier, later)
    out: list[Reading] = []
    for issue in negotiation.issues:
        old, new = old_all.get(issue.id, {}), new_all.get(issue.id, {})
        if not old and not new:
            continue
        reference_states = (old, new) if forward else (new, old)
        reference = reference_positions(*reference_states, issue.id)
        # the same, with the later round first: a move is judged against both states
        everyone = reference_positions(
            reference_states[1], reference_states[0], issue.id, raised=False
        )
        closing = {p: pos for p, pos in everyone.items() if p in reference}
        parties = sorted({p for (p, _) in old} | {p for (p, _) in new})
        for party in parties:
            e0, e1 = old.get((party, issue.id)), new.get((party, issue.id))
            p0 = None if e0 is None else e0.value
            p1 = None if e1 is None else e1.value
            if p0 == p1 or _same_substance(p0, p1):
                continue
            held = counterparts(negotiation, issue.id, party, (earlier, later), reference)
            late = counterparts(negotiation, issue.id, party, (earlier, later), closing)
            if e0 is None or e1 is None or not held:
                # a demand raised or withdrawn, or a move with no counterpart on the earlier
                # record, faces everyone who holds a position
                late = counterparts(negotiation, issue.id, party, (earlier, later), everyone)
                held = held or late
            explicit = (party, issue.id) in withdrawn
            reading = _read(
                negotiation,
                issue,
                party,
                (p0, p1),
                (held, late),
                (before, after),
                explicit,
                start=old,
            )
            if reading is not None:
                out.append(reading)
    return out


_SUBSTANCE: Final = ("preferred", "acceptable", "red_lines", "conditions", "salience")


def _same_substance(p0: Position | None, p1: Position | None) -> bool:
    if p0 is None or p1 is None:
        return False
    return all(getattr(p0, k) == getattr(p1, k) for k in _SUBSTANCE)


def _read(  # noqa: PLR0917 - the reading's whole context
    negotiation: Negotiation,
    issue: Issue,
    party: str,
    positions: tuple[Position | None, Position | None],
    references: tuple[list[Held], list[Held]],
    rounds: tuple[str, str],
    explicit: bool,
    *,
    start: Mapping[tuple[str, str], Effective[Position]],
) -> Reading | None:
    """One reading; ``start`` holds the positions on the issue in force in ``rounds[0]``."""
    p0, p1 = positions
    held, late = references
    base: dict[str, Any] = {"party": party, "issue": issue.id}
    chair = is_chair(negotiation, party, *rounds)
    if chair and (p0 is None or p1 is None):
        return None  # a chair's text entering or leaving the record is not a move
    if chair:
        everyone = _everyone(negotiation, party, rounds[0], start)
        toward, away, _ = _pref_split(issue, p0, p1, everyone)
        return Reading(
            **base,
            reading=ReadingKind.NEUTRAL,
            because="a chair or mediator bridges; it does not concede or harden",
            toward=toward,
            away=away,
        )
    if p0 is None or p1 is None:
        return _entry_or_exit(issue, p0, p1, late, explicit, base)
    score, parts = _score(issue, p0, p1, held)
    if late != held:
        score = (score + _score(issue, p0, p1, late)[0]) / 2
    toward, away, split = _pref_split(issue, p0, p1, held)
    # the sides of the later round, whichever way the diff runs: reversed, it mirrors
    later = max(rounds, key=negotiation.round_index)
    split = split or sides_split(negotiation, issue, party, p0, p1, held, later)
    if split:
        return Reading(
            **base,
            reading=ReadingKind.MIXED,
            because="toward some counterparts and away from others on the same footing",
            score=score,
            toward=toward,
            away=away,
        )
    names = ", ".join(h.party for h in held)
    if not held:
        kind, because = ReadingKind.NEUTRAL, "no counterpart holds a position on this issue"
    elif abs(score) > _EPS and parts.get("met"):
        kind, because = ReadingKind.NEUTRAL, "the move follows conditions marked met"
    elif score > _EPS:
        kind, because = (
            ReadingKind.CONCESSION,
            f"toward the other side's weighted position ({names})",
        )
    elif score < -_EPS:
        kind, because = (
            ReadingKind.HARDENING,
            f"away from the other side's weighted position ({names})",
        )
    else:
        kind = ReadingKind.NEUTRAL
        because = (
            "conditions met" if parts.get("met") else "no move toward or away from the other side"
        )
    return Reading(**base, reading=kind, because=because, score=score, toward=toward, away=away)


def _everyone(
    negotiation: Negotiation,
    party: str,
    round_id: str,
    state: Mapping[tuple[str, str], Effective[Position]],
) -> list[Held]:
    """Every other party bargaining in the round, by its position in ``state`` (one issue's)."""
    roles = negotiation.roles_in(round_id)
    return [
        Held(p, e.value, 1.0) for (p, _), e in sorted(state.items()) if p not in (party, *roles)
    ]


def _stands_away(issue: Issue, position: Position, held: list[Held]) -> bool:
    """Whether the other side, as a whole, does not already accept the position's preference."""
    if not held:
        return False
    total = sum(h.weight for h in held) or 1.0
    accepting = 0.0
    for h in held:
        d = distance(issue, position, h.position)
        if is_linear(issue):
            x = place(issue, position)
            r = None if x is None else reach(issue, h.position, x)
            if (r is not None and r <= _EPS) or (d is not None and d <= _EPS):
                accepting += h.weight
        elif d is not None and d <= 0.5:
            accepting += h.weight
    return accepting < total / 2


def _entry_or_exit(  # noqa: PLR0917 - one reading's context
    issue: Issue,
    p0: Position | None,
    p1: Position | None,
    held: list[Held],
    explicit: bool,
    base: dict[str, Any],
) -> Reading | None:
    if p0 is None and p1 is not None:  # appears
        if not (p1.raised or explicit):
            return None  # first recorded: what the analyst learnt, not a move
        away = _stands_away(issue, p1, held)
        kind = ReadingKind.HARDENING if away else ReadingKind.NEUTRAL
        because = (
            "a new demand the other side does not accept"
            if away
            else "a new demand the other side already accepts"
        )
        return Reading(**base, reading=kind, because=because)
    if p0 is None or not (explicit or p0.raised):
        return None  # seen backwards, a first recorded position: no move
    away = _stands_away(issue, p0, held)
    kind = ReadingKind.CONCESSION if away else ReadingKind.NEUTRAL
    because = (
        "a demand the other side did not accept is withdrawn"
        if away
        else "a demand the other side accepted is withdrawn"
    )
    return Reading(**base, reading=kind, because=because)


def _score(
    issue: Issue, p0: Position, p1: Position, held: list[Held]
) -> tuple[float, dict[str, float]]:
    parts: dict[str, float] = {}
    if held:
        if is_linear(issue):
            c = centre(issue, held)
            x0, x1 = place(issue, p0), place(issue, p1)
            if c is not None and x0 is not None and x1 is not None:
                parts["preferred"] = (abs(x0 - c) - abs(x1 - c)) / width(issue)
            if c is not None and _has_set(p0) and _has_set(p1):
                r0, r1 = reach(issue, p0, c), reach(issue, p1, c)
                if r0 is not None and r1 is not None:
                    parts["reach"] = r0 - r1
            parts["red_lines"] = ruled_out_share(issue, p0, held, c) - ruled_out_share(
                issue, p1, held, c
            )
            if _has_set(p0) or _has_set(p1):
                parts["zone"] = linear_zone(issue, p0, p1, held)
        else:
            parts["preferred"] = categorical_pref(issue, p0, p1, held)
            parts["reach"] = categorical_reach(p0, p1, held)
            parts["zone"] = categorical_zone(p0, p1, held)
            parts["red_lines"] = ruled_out_share(issue, p0, held, None) - ruled_out_share(
                issue, p1, held, None
            )
    if held:
        parts["their_red_lines"] = ruled_out_by_them(p0, held) - ruled_out_by_them(p1, held)
    # a condition kept, met or not, is neither added nor dropped; becoming met (or, seen
    # backwards, unmet) counts nothing and marks the move as following met conditions
    all0 = {c.id or c.text: c for c in p0.conditions if not c.linked_package}
    all1 = {c.id or c.text: c for c in p1.conditions if not c.linked_package}
    added = [k for k, c in all1.items() if k not in all0 and not c.met]
    dropped = [k for k, c in all0.items() if k not in all1 and not c.met]
    parts["conditions"] = CONDITION_WEIGHT * (len(dropped) - len(added))
    flipped = [k for k in all0.keys() & all1.keys() if all0[k].met != all1[k].met]
    if flipped:
        parts["met"] = float(len(flipped))
    return sum(v for k, v in parts.items() if k != "met"), parts


def _has_set(position: Position) -> bool:
    return position.acceptable is not None or bool(position.red_lines)


def _pref_split(
    issue: Issue, p0: Position | None, p1: Position | None, held: list[Held]
) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """Counterparts the preferred value came nearer to and went further from, and if split."""
    if p0 is None or p1 is None:
        return (), (), False
    toward, away = [], []
    weight_toward = weight_away = 0.0
    for h in held:
        d0, d1 = distance(issue, p0, h.position), distance(issue, p1, h.position)
        if d0 is None or d1 is None:
            continue
        if d1 < d0 - _EPS:
            toward.append(h.party)
            weight_toward += h.weight
        elif d1 > d0 + _EPS:
            away.append(h.party)
            weight_away += h.weight
    total = sum(h.weight for h in held) or 1.0
    split = weight_toward >= MIXED_SHARE * total and weight_away >= MIXED_SHARE * total
    return tuple(toward), tuple(away), split
