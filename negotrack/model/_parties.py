"""Parties: states, blocs and coalitions with their members, their people, and sides."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from negotrack.model._fields import describe

__all__ = [
    "Membership",
    "Party",
    "PartyKind",
    "Person",
    "PersonRole",
    "Role",
    "RoleKind",
    "Side",
]


class PartyKind(enum.Enum):
    """What kind of actor a party is."""

    STATE = "state"
    ALLIANCE = "alliance"
    ORGANISATION = "organisation"
    FACTION = "faction"
    MEDIATOR = "mediator"
    OTHER = "other"


class RoleKind(enum.Enum):
    """A part a party plays in the talks other than bargaining: none of these is a counterpart."""

    CHAIR = "chair"
    MEDIATOR = "mediator"
    FACILITATOR = "facilitator"
    GUARANTOR = "guarantor"
    HOST = "host"
    OBSERVER = "observer"


@attrs.frozen
class Role:
    """A party's role in the talks (chair, mediator, guarantor...), for some or all rounds.

    A role is separate from what kind of party it is: a state can chair or guarantee. A party
    holding a role in a round is not a bargaining party in that round.
    """

    party: str = attrs.field(metadata=describe("Id of the party holding the role.", refers="party"))
    role: RoleKind = attrs.field(
        metadata=describe("chair, mediator, facilitator, guarantor, host or observer.")
    )
    since: str | None = attrs.field(
        default=None,
        metadata=describe(
            "Id of the first round it holds the role in, if not all.", refers="round"
        ),
    )
    until: str | None = attrs.field(
        default=None,
        metadata=describe("Id of the last round it holds the role in, if not all.", refers="round"),
    )
    note: str | None = attrs.field(default=None, metadata=describe("The analyst's note."))


@attrs.frozen
class PersonRole:
    """An office a person held for a time, and the party they spoke for in it."""

    role: str = attrs.field(metadata=describe("The office: chief negotiator, foreign minister."))
    party: str | None = attrs.field(
        default=None,
        metadata=describe(
            "Id of the party they spoke for in it, if not the one listing them.", refers="party"
        ),
    )
    since: dt.date | None = attrs.field(
        default=None, metadata=describe("First day in the office (YYYY-MM-DD), if known.")
    )
    until: dt.date | None = attrs.field(
        default=None, metadata=describe("Last day in the office (YYYY-MM-DD), if it ended.")
    )

    def holds_on(self, day: dt.date) -> bool:
        """Whether the role was held on ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


@attrs.frozen
class Person:
    """Someone who speaks for a party: a negotiator, minister or spokesperson."""

    id: str = attrs.field(metadata=describe("Stable id, unique among people in the dossier."))
    name: str = attrs.field(metadata=describe("Full name as usually written in English."))
    role: str | None = attrs.field(
        default=None, metadata=describe("Office or role at the time of the talks.")
    )
    roles: tuple[PersonRole, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Dated offices, when the person's role or party changed during the talks."
        ),
    )


@attrs.frozen
class Membership:
    """One party's membership of a coalition party, optionally bounded in time."""

    party: str = attrs.field(metadata=describe("Id of the member party.", refers="party"))
    since: dt.date | None = attrs.field(
        default=None, metadata=describe("First day of membership (YYYY-MM-DD), if it began.")
    )
    until: dt.date | None = attrs.field(
        default=None, metadata=describe("Last day of membership (YYYY-MM-DD), if it ended.")
    )

    def active_on(self, day: dt.date) -> bool:
        """Whether the party was a member on ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


@attrs.frozen
class Party:
    """A side to the talks: a state, a bloc or coalition, an organisation, a faction, a mediator."""

    id: str = attrs.field(metadata=describe("Stable id, unique among parties; used everywhere."))
    name: str = attrs.field(metadata=describe("Display name."))
    kind: PartyKind = attrs.field(
        default=PartyKind.STATE,
        metadata=describe("state, alliance, organisation, faction, mediator or other."),
    )
    description: str | None = attrs.field(
        default=None, metadata=describe("Free text about the party.")
    )
    members: tuple[Membership, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Member parties of a coalition: a party id, or a mapping with party, since, until.",
            refers="party",
        ),
    )
    representatives: tuple[Person, ...] = attrs.field(
        default=(), metadata=describe("People who speak for the party.")
    )
    weight: float | None = attrs.field(
        default=None,
        metadata=describe(
            "How much the party counts on its side in readings (capability, votes), 0 or more; "
            "1 when not given.",
            minimum=0,
        ),
    )


@attrs.frozen
class Side:
    """A named side of the table: the parties that sit together across from the others."""

    id: str = attrs.field(metadata=describe("Stable id, unique among sides."))
    name: str = attrs.field(metadata=describe("Display name of the side."))
    parties: tuple[str, ...] = attrs.field(
        metadata=describe("Ids of the parties on this side.", refers="party")
    )
    issues: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Ids of the issues it holds for; empty for every issue without its own.", refers="issue"
        ),
    )

    def covers(self, issue: str) -> bool:
        """Whether this side is declared for ``issue`` (a side naming no issues covers all)."""
        return not self.issues or issue in self.issues
