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


@attrs.frozen
class Person:
    """Someone who speaks for a party: a negotiator, minister or spokesperson."""

    id: str = attrs.field(metadata=describe("Stable id, unique among people in the dossier."))
    name: str = attrs.field(metadata=describe("Full name as usually written in English."))
    role: str | None = attrs.field(
        default=None, metadata=describe("Office or role at the time of the talks.")
    )


@attrs.frozen
class Membership:
    """One party's membership of a coalition party, optionally bounded in time."""

    party: str = attrs.field(metadata=describe("Id of the member party."))
    since: dt.date | None = attrs.field(
        default=None, metadata=describe("First day of membership (YYYY-MM-DD), if it began.")
    )
    until: dt.date | None = attrs.field(
        default=None, metadata=describe("Last day of membership (YYYY-MM-DD), if it ended.")
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
            "Member parties of a coalition: a party id, or a mapping with party, since, until."
        ),
    )
    representatives: tuple[Person, ...] = attrs.field(
        default=(), metadata=describe("People who speak for the party.")
    )


@attrs.frozen
class Side:
    """A named side of the table: the parties that sit together across from the others."""

    id: str = attrs.field(metadata=describe("Stable id, unique among sides."))
    name: str = attrs.field(metadata=describe("Display name of the side."))
    parties: tuple[str, ...] = attrs.field(metadata=describe("Ids of the parties on this side."))
