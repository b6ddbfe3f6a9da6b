"""The dossier: a whole negotiation, with lookups by id and the positions in force in any round."""

from __future__ import annotations

import bisect
import functools
from typing import TYPE_CHECKING, TypeVar

import attrs

from negotrack.model._display import Shown, counted
from negotrack.model._errors import UnknownIdError
from negotrack.model._evidence import Source, Statement
from negotrack.model._fields import describe
from negotrack.model._in_force import Effective, InForce, walk
from negotrack.model._issues import Issue
from negotrack.model._parties import Party, Person, Role, RoleKind, Side
from negotrack.model._proposals import Proposal
from negotrack.model._rounds import ContextEvent, Round

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Mapping, Sequence

    from negotrack.model._drafts import Draft
    from negotrack.model._positions import Position
    from negotrack.model._stances import Stance

__all__ = ["Effective", "Negotiation"]


def _sorted_rounds(rounds: Sequence[Round]) -> tuple[Round, ...]:
    return tuple(sorted(rounds, key=lambda round_: round_.sort_key))


_V = TypeVar("_V")


def _lookup(kind: str, by_id: Mapping[str, _V], wanted: str) -> _V:
    try:
        return by_id[wanted]
    except KeyError:
        raise UnknownIdError(kind, wanted, list(by_id)) from None


@attrs.frozen(repr=False)
class Negotiation(Shown):
    """A negotiation dossier: who is talking, about what, and what each side said, round by round.

    Rounds are kept in date order (then by id), whatever order they were given in.
    """

    id: str = attrs.field(metadata=describe("Stable id of the negotiation."))
    title: str = attrs.field(metadata=describe("Title shown on reports."))
    description: str | None = attrs.field(
        default=None, metadata=describe("What the talks are about.")
    )
    parties: tuple[Party, ...] = attrs.field(
        default=(), metadata=describe("Everyone with a position, at the table or not.")
    )
    sides: tuple[Side, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Optional sides of the table: who sits across from whom, on every issue or some."
        ),
    )
    roles: tuple[Role, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Who chairs, mediates, hosts or guarantees: parties that do not bargain."
        ),
    )
    issues: tuple[Issue, ...] = attrs.field(default=(), metadata=describe("The issues negotiated."))
    proposals: tuple[Proposal, ...] = attrs.field(
        default=(), metadata=describe("Named proposals tabled in the talks.")
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), metadata=describe("Documents statements are taken from.")
    )
    events: tuple[ContextEvent, ...] = attrs.field(
        default=(), metadata=describe("Context events outside any round.")
    )
    statements: tuple[Statement, ...] = attrs.field(
        default=(),
        metadata=describe("Statements outside any round, such as a paper published before it."),
    )
    rounds: tuple[Round, ...] = attrs.field(
        default=(),
        converter=_sorted_rounds,
        metadata=describe("The rounds of talks; in a folder dossier, one file each in rounds/."),
    )

    def __repr__(self) -> str:
        counts = (self.parties, self.issues, self.proposals, self.rounds, self.all_statements)
        words = ("parties", "issues", "proposals", "rounds", "statements")
        return f"<Negotiation {self.id!r}: {counted(counts, words)}>"

    # -- lookups -------------------------------------------------------------------------------

    def party(self, party_id: str) -> Party:
        """Return the party with this id, or raise `UnknownIdError` with a did-you-mean."""
        return _lookup("party", self._parties, party_id)

    def issue(self, issue_id: str) -> Issue:
        """Return the issue with this id, or raise `UnknownIdError`."""
        return _lookup("issue", self._issues, issue_id)

    def proposal(self, proposal_id: str) -> Proposal:
        """Return the proposal with this id, or raise `UnknownIdError`."""
        return _lookup("proposal", self._proposals, proposal_id)

    def source(self, source_id: str) -> Source:
        """Return the source with this id, or raise `UnknownIdError`."""
        return _lookup("source", self._sources, source_id)

    def statement(self, statement_id: str) -> Statement:
        """Return the statement with this id, from the dossier or whichever round holds it."""
        return _lookup("statement", self._statements, statement_id)

    def person(self, person_id: str) -> Person:
        """Return the person with this id, from whichever party they represent."""
        return _lookup("person", self._people, person_id)

    def round(self, round_id: str) -> Round:
        """Return the round with this id, or raise `UnknownIdError`."""
        return _lookup("round", self._rounds, round_id)

    def side(self, side_id: str) -> Side:
        """Return the side with this id, or raise `UnknownIdError`."""
        return _lookup("side", self._sides, side_id)

    def party_of(self, person_id: str) -> Party:
        """Return the party a person represents."""
        return self._party_of_person[self.person(person_id).id]

    def side_of(
        self, party_id: str, issue: str | None = None, round_id: str | None = None
    ) -> Side | None:
        """Return the side a party sits on, or None when none is declared for it.

        With no issue, the dossier's sides for every issue; with an issue (and a round), the
        sides in force for that issue there (`sides_for`).
        """
        self.party(party_id)
        if issue is None:
            return self._side_of_party.get(party_id)
        return next((s for s in self.sides_for(issue, round_id) if party_id in s.parties), None)

    def sides_for(self, issue: str, round_id: str | None = None) -> tuple[Side, ...]:
        """The sides in force on an issue in a round (by default, before any round).

        The latest round up to ``round_id`` that declares sides covering the issue wins; else
        the dossier's sides naming the issue; else its sides that name no issue.
        """
        if round_id is not None:
            index = self.round_index(round_id)
            declaring = self._side_rounds  # only the rounds that declare sides, latest first
            for place in reversed(declaring[: bisect.bisect_right(declaring, index)]):
                declared = tuple(s for s in self.rounds[place].sides if s.covers(issue))
                if declared:
                    return declared
        named = tuple(s for s in self.sides if issue in s.issues)
        return named or tuple(s for s in self.sides if not s.issues)

    def roles_in(self, round_id: str) -> dict[str, tuple[RoleKind, ...]]:
        """The roles (chair, mediator...) each party holds in a round, by party id."""
        index = self.round_index(round_id)
        held: dict[str, tuple[RoleKind, ...]] = {}
        places, end = self._round_places, len(self.rounds) - 1
        for role in self.roles:
            first = 0 if role.since is None else places.get(role.since, 0)
            last = end if role.until is None else places.get(role.until, end)
            if first <= index <= last:
                held[role.party] = (*held.get(role.party, ()), role.role)
        return held

    def bargains(self, party_id: str, round_id: str) -> bool:
        """Whether a party bargains in a round: it holds no role such as chair or mediator."""
        return party_id not in self.roles_in(round_id)

    def members_of(self, party_id: str, day: dt.date | None = None) -> tuple[str, ...]:
        """The members of a coalition party (on ``day``, when given), in the order listed."""
        members = self.party(party_id).members
        return tuple(m.party for m in members if day is None or m.active_on(day))

    def coalitions_of(self, party_id: str, day: dt.date | None = None) -> tuple[str, ...]:
        """The coalition parties a party belongs to (on ``day``, when given)."""
        self.party(party_id)
        return tuple(
            p.id
            for p in self.parties
            if any(m.party == party_id and (day is None or m.active_on(day)) for m in p.members)
        )

    def sponsors(self, proposal_id: str, day: dt.date | None = None) -> tuple[str, ...]:
        """The parties a proposal counts as their own: those that tabled it, and their members.

        A proposal tabled by a coalition is its members' own too (those members on ``day``,
        when given); the tabling parties come first, then members, each once.
        """
        tabled = self.proposal(proposal_id).tabled_by
        found = list(tabled)
        for party in tabled:
            found.extend(m for m in self.members_of(party, day) if m not in found)
        return tuple(found)

    def speaks_for(self, person_id: str, day: dt.date) -> str:
        """The id of the party a person spoke for on ``day``: their dated role, else their party."""
        person = self.person(person_id)
        for role in person.roles:
            if role.holds_on(day) and role.party is not None:
                return role.party
        return self._party_of_person[person_id].id

    @property
    def all_statements(self) -> tuple[Statement, ...]:
        """Every statement in the dossier: those outside any round, then round by round."""
        return tuple(self._statements.values())

    def round_index(self, round_id: str) -> int:
        """Return the 0-based place of a round in date order."""
        place = self._round_places.get(round_id)
        if place is None:
            raise UnknownIdError("round", round_id, list(self._round_places))
        return place

    # -- positions in force ------------------------------------------------------------------

    def effective_positions(self, round_id: str) -> dict[tuple[str, str], Effective[Position]]:
        """Positions in force in a round, keyed by ``(party, issue)``.

        A position a round does not restate carries forward from the last round that stated it,
        with ``carried`` set; a withdrawn position ends the carry and is left out. The dossier
        reads its rounds once, on first use, and then answers for any round without walking
        the rounds before it; each answer is a fresh dict.
        """
        return self._in_force.positions(self._place_of(round_id))

    def effective_stances(self, round_id: str) -> dict[tuple[str, str], Effective[Stance]]:
        """Stances in force in a round, keyed by ``(party, proposal)``; carried as positions are."""
        return self._in_force.stances(self._place_of(round_id))

    def iter_effective(
        self, *, copies: bool = True
    ) -> Iterator[
        tuple[
            Round,
            dict[tuple[str, str], Effective[Position]],
            dict[tuple[str, str], Effective[Stance]],
        ]
    ]:
        """Yield each round in order with the positions and stances in force in it.

        One pass over the dossier: use this to walk a timeline rather than calling
        `effective_positions` per round. Each yielded mapping is a fresh dict, unless
        ``copies`` is false: then the same two dicts are updated in place from round to round
        (faster, for a caller that reads each round before asking for the next).
        """
        return walk(self.rounds, copies=copies)

    def effective_drafts(self, round_id: str) -> dict[str, Effective[Draft]]:
        """The text of each draft proposal in force in a round, keyed by proposal id.

        Each draft's terms are complete: a term the round does not restate carries forward from
        the last draft of the same proposal, or from the proposal's terms as tabled. A draft the
        round does not restate at all is carried whole, with ``carried`` set.
        """
        return self._in_force.drafts(self.round_index(round_id))

    def _place_of(self, round_id: str) -> int:
        place = self._round_places.get(round_id)
        if place is None:
            raise UnknownIdError("round", round_id, [r.id for r in self.rounds])
        return place

    # -- cached indexes (not part of equality) --------------------------------------------------

    @functools.cached_property
    def _parties(self) -> dict[str, Party]:
        return {item.id: item for item in self.parties}

    @functools.cached_property
    def _issues(self) -> dict[str, Issue]:
        return {item.id: item for item in self.issues}

    @functools.cached_property
    def _proposals(self) -> dict[str, Proposal]:
        return {item.id: item for item in self.proposals}

    @functools.cached_property
    def _sources(self) -> dict[str, Source]:
        return {item.id: item for item in self.sources}

    @functools.cached_property
    def _rounds(self) -> dict[str, Round]:
        return {item.id: item for item in self.rounds}

    @functools.cached_property
    def _sides(self) -> dict[str, Side]:
        return {item.id: item for item in self.sides}

    @functools.cached_property
    def _statements(self) -> dict[str, Statement]:
        return {
            s.id: s for s in (*self.statements, *(s for r in self.rounds for s in r.statements))
        }

    @functools.cached_property
    def _in_force(self) -> InForce:
        return InForce(self.rounds, self._proposals)

    @functools.cached_property
    def _side_rounds(self) -> list[int]:
        return [index for index, r in enumerate(self.rounds) if r.sides]

    @functools.cached_property
    def _round_places(self) -> dict[str, int]:
        return {r.id: index for index, r in enumerate(self.rounds)}

    @functools.cached_property
    def _people(self) -> dict[str, Person]:
        return {p.id: p for party in self.parties for p in party.representatives}

    @functools.cached_property
    def _party_of_person(self) -> dict[str, Party]:
        return {p.id: party for party in self.parties for p in party.representatives}

    @functools.cached_property
    def _side_of_party(self) -> dict[str, Side]:
        return {party: side for side in self.sides for party in side.parties}
