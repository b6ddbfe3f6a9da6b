"""Who faces whom on an issue, and how far apart two positions stand, for readings and verdicts.

A party's counterparts on an issue are the bargaining parties across from it: on another side
of the issue's sides (`Negotiation.sides_for`), or, with no sides, every other bargaining party;
never a party holding a role (a chair, a mediator) in the round, and never its own coalition or
a member of it. Each counterpart weighs its salience on the issue times its party's `weight`
(each 1 when not given; when every counterpart's weight is 0, the weights are ignored).

How far apart two positions stand (`distance`, `set_gap`, `overlap`, `reach`) is worked out in
`negotrack.diff._geometry`, re-exported here for the readings and verdicts.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from negotrack.diff._geometry import (
    cached_geometry,
    distance,
    options_accepted,
    overlap,
    place,
    reach,
    set_gap,
)
from negotrack.model._issues import NumericScale
from negotrack.model._scales import is_linear, width

if TYPE_CHECKING:
    from collections.abc import Mapping

    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Effective, Negotiation
    from negotrack.model._positions import Position

__all__ = [
    "Facing",
    "Held",
    "by_issue",
    "cached_geometry",
    "coalition_ties",
    "counterparts",
    "distance",
    "is_chair",
    "options_accepted",
    "overlap",
    "place",
    "reach",
    "ruled_out_by_them",
    "ruled_out_share",
    "set_gap",
]


class Held(NamedTuple):
    """A counterpart's position taken as the reference, and its weight."""

    party: str
    position: Position
    weight: float


def is_chair(negotiation: Negotiation, party: str, *rounds: str) -> bool:
    """Whether the party holds a role (chair, mediator, ...) in any of the rounds."""
    return any(not negotiation.bargains(party, r) for r in rounds)


#: The parties holding a position: their reference positions by party, or their ids alone.
Holding: TypeAlias = "Mapping[str, Position] | AbstractSet[str]"


def coalition_ties(negotiation: Negotiation) -> dict[str, set[str]]:
    """Per party, the coalitions it is a member of and, for a coalition, its members.

    Any membership on record counts, whatever its dates: a party and its coalition are never
    each other's counterparts, in the readings, the verdicts or the per-issue measures.
    Members of one coalition are not tied to each other (a group's members may stand on
    opposite sides of an issue); sides say when they stand together.
    """
    ties: dict[str, set[str]] = {}
    for coalition in negotiation.parties:
        for member in coalition.members:
            ties.setdefault(coalition.id, set()).add(member.party)
            ties.setdefault(member.party, set()).add(coalition.id)
    return ties


class Facing:
    """Who faces whom on one issue between two rounds (see the module), looked up once.

    The issue's sides in the later round, the parties holding a role in either round and the
    coalition ties (a coalition and its members) are found when the object is made; each
    party's counterparts are then a few set operations.
    """

    def __init__(self, negotiation: Negotiation, issue: str, rounds: tuple[str, str]) -> None:
        sides = negotiation.sides_for(issue, rounds[1])
        self._parties = negotiation._parties
        self._sides = [(s.id, frozenset(s.parties)) for s in sides]
        self._on_side: dict[str, set[str]] = {}
        for side_id, parties in self._sides:
            for party in parties:
                self._on_side.setdefault(party, set()).add(side_id)
        self._anyone = frozenset(self._on_side)
        self.chairs = frozenset(p for r in rounds for p in negotiation.roles_in(r))
        self._ties = coalition_ties(negotiation)

    def _across(self, party: str, reference: Holding) -> AbstractSet[str]:
        """Everyone across from the party: on a side it is not on, and on none of its own.

        A side with no other side across from it on the issue (one side declared, say the
        parties backing a proposal) faces everyone not on it: the rest of the room is across.
        """
        holders = reference if isinstance(reference, AbstractSet) else reference.keys()
        if not self._sides:
            return holders
        mine = self._on_side.get(party)
        if not mine:
            return self._anyone
        if all(side_id in mine for side_id, _ in self._sides):
            return holders - self._anyone
        theirs = {p for side_id, ps in self._sides if side_id not in mine for p in ps}
        return theirs.difference(*(ps for side_id, ps in self._sides if side_id in mine))

    def ids(self, party: str, reference: Holding) -> set[str]:
        """The ids of the party's counterparts among ``reference``'s parties, in no order."""
        found = {p for p in self._across(party, reference) if p in reference}
        found -= self.chairs
        found.discard(party)
        found.difference_update(self._ties.get(party, ()))
        return found

    def held(self, party: str, reference: Mapping[str, Position]) -> list[Held]:
        """The party's counterparts with their reference positions and weights, in id order."""
        known = self._parties
        weights = {p: known[p].weight for p in self._across(party, reference) if p in known}
        # weights all 0 would leave no other side at all: then every counterpart counts as 1
        all_zero = bool(weights) and all(w == 0 for w in weights.values())
        out = []
        for other in sorted(self.ids(party, reference)):
            position = reference[other]
            salience = 1.0 if position.salience is None else position.salience
            weight = weights.get(other)
            factor = 1.0 if weight is None or all_zero else weight
            out.append(Held(other, position, salience * factor))
        return out


def counterparts(
    negotiation: Negotiation,
    issue: str,
    party: str,
    rounds: tuple[str, str],
    reference: Mapping[str, Position],
) -> list[Held]:
    """The party's counterparts on the issue holding a reference position, in id order."""
    return Facing(negotiation, issue, rounds).held(party, reference)


def by_issue(
    state: Mapping[tuple[str, str], Effective[Position]],
) -> dict[str, dict[tuple[str, str], Effective[Position]]]:
    """The positions in force grouped by issue (overall positions only), keys kept as they are."""
    out: dict[str, dict[tuple[str, str], Effective[Position]]] = {}
    for key, held in state.items():
        out.setdefault(key[1], {})[key] = held
    return out


def ruled_out_share(
    issue: Issue, position: Position, held: list[Held], target: float | None
) -> float:
    """How much of what the other side wants the position's red lines rule out.

    On a line, the share of the line from the position's place to the end on the side of
    ``target`` (the other side's centre) that its red lines rule out; on a categorical issue,
    the weighted share of counterparts whose preferred option they rule out.
    """
    lines = position.red_lines
    if not lines:
        return 0.0
    if is_linear(issue):
        x = place(issue, position)
        if x is None or target is None:
            return 0.0
        # from the position's place to the end of the line on the other side's side of it
        start = float(issue.scale.min) if isinstance(issue.scale, NumericScale) else 0.0
        end = start + width(issue)
        low, high = (x, end) if target >= x else (start, x)
        if isinstance(issue.scale, NumericScale):
            cut = 0.0
            for line in lines:
                if line.below is not None:
                    cut = max(cut, min(high, float(line.below)) - low)
                if line.above is not None:
                    cut = max(cut, high - max(low, float(line.above)))
            return max(cut, 0.0) / width(issue)
        options = [o.id for o in issue.scale.options]
        between = [o for i, o in enumerate(options) if low <= i <= high]
        ruled = sum(1 for o in between if any(line.rules_out(o) for line in lines))
        return ruled / width(issue)
    total = sum(h.weight for h in held) or 1.0
    ruled_weight = sum(
        h.weight
        for h in held
        if h.position.preferred is not None
        and any(line.rules_out(h.position.preferred) for line in lines)
    )
    return ruled_weight / total


def centre(issue: Issue, held: list[Held]) -> float | None:
    """The weighted centre of the counterparts' places on the line (None if none has one)."""
    total = weight = 0.0
    for h in held:
        x = place(issue, h.position)
        if x is not None and h.weight > 0:
            total += x * h.weight
            weight += h.weight
    return None if weight == 0 else total / weight


def reference_positions(
    earlier: Mapping[tuple[str, str], Effective[Position]],
    later: Mapping[tuple[str, str], Effective[Position]],
    issue: str,
    *,
    raised: bool = True,
) -> dict[str, Position]:
    """Each party's overall position on the issue in the ``earlier`` state.

    A demand raised between the two rounds (``raised`` in ``later``) is what the others answer:
    for its party, the later position is the reference. A party whose position is only first
    recorded in ``later`` is not a reference: who the record happens to show never moves
    another party's reading. With ``raised`` false, raised demands get no such treatment.
    """
    out: dict[str, Position] = {}
    for (party, key), held in earlier.items():
        if key == issue:
            out[party] = held.value
    if not raised:
        return out
    already = earlier_raised(earlier)
    for (party, key), held in later.items():
        if key == issue and held.value.raised and (party, key) not in already:
            out[party] = held.value
    return out


def earlier_raised(earlier: Mapping[tuple[str, str], Effective[Position]]) -> set[tuple[str, str]]:
    """Keys whose position in force in the earlier round was already a raised demand."""
    return {k for k, held in earlier.items() if held.value.raised}


def ruled_out_by_them(position: Position, held: list[Held]) -> float:
    """The weighted share of counterparts whose own red lines rule out the position's preference."""
    pref = position.preferred
    if pref is None:
        return 0.0
    total = sum(h.weight for h in held) or 1.0
    ruled = sum(
        h.weight for h in held if any(line.rules_out(pref) for line in h.position.red_lines)
    )
    return ruled / total
