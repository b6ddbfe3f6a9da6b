"""The dossier-level domain model: parties, issues and their scales, proposals, evidence.

Every class is a frozen, slotted attrs class. Field names are the YAML keys. Each field carries a
``description`` in its metadata: the JSON Schemas and the reference docs are generated from it.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import Literal

import attrs

__all__ = [
    "Basis",
    "CategoricalScale",
    "Confidence",
    "Issue",
    "Membership",
    "NumericScale",
    "Option",
    "OrdinalScale",
    "Party",
    "PartyKind",
    "Person",
    "Proposal",
    "Reliability",
    "Scale",
    "Side",
    "Source",
    "SourceKind",
    "Statement",
    "Term",
    "TermStatus",
    "Value",
    "describe",
]

#: A position's value on an issue: an option id on ordinal and categorical scales, a number on
#: numeric ones.
Value = str | float


def describe(
    text: str, *, minimum: float | None = None, maximum: float | None = None
) -> dict[str, object]:
    """Field metadata: the help text shown by editors and the docs, and any bounds on a number.

    The JSON Schemas and the loader's checks both read the bounds from here.
    """
    meta: dict[str, object] = {"description": text}
    if minimum is not None:
        meta["minimum"] = minimum
    if maximum is not None:
        meta["maximum"] = maximum
    return meta


class PartyKind(enum.Enum):
    """What kind of actor a party is."""

    STATE = "state"
    ALLIANCE = "alliance"
    ORGANISATION = "organisation"
    FACTION = "faction"
    MEDIATOR = "mediator"
    OTHER = "other"


class TermStatus(enum.Enum):
    """How far a term of a proposal has got, from tabled to settled (or dropped)."""

    PROPOSED = "proposed"
    BRACKETED = "bracketed"
    AGREED_IN_PRINCIPLE = "agreed_in_principle"
    AGREED = "agreed"
    WITHDRAWN = "withdrawn"


class Basis(enum.Enum):
    """How the analyst knows a position: the party said it, the press reported it, or inferred."""

    STATED = "stated"
    REPORTED = "reported"
    INFERRED = "inferred"


class Confidence(enum.Enum):
    """The analyst's confidence in a judgement, in the words of intelligence analysis."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class Reliability(enum.Enum):
    """Admiralty code source reliability, A (completely reliable) to F (cannot be judged)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class SourceKind(enum.Enum):
    """What kind of document a source is."""

    NEWS_REPORT = "news_report"
    OFFICIAL_STATEMENT = "official_statement"
    READOUT = "readout"
    DOCUMENT = "document"
    INTERVIEW = "interview"
    SOCIAL_MEDIA = "social_media"
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


@attrs.frozen
class Option:
    """One value on an ordinal or categorical scale."""

    id: str = attrs.field(metadata=describe("Stable id, unique within the issue."))
    label: str = attrs.field(metadata=describe("Short label shown in reports."))
    description: str | None = attrs.field(
        default=None, metadata=describe("What choosing this option means.")
    )


@attrs.frozen(kw_only=True)
class OrdinalScale:
    """Ordered options, pole to pole: movement along it has a direction and a size."""

    kind: Literal["ordinal"] = attrs.field(
        default="ordinal", metadata=describe("Always 'ordinal' for an ordered scale.")
    )
    options: tuple[Option, ...] = attrs.field(
        metadata=describe("The options in order, from one pole to the other.")
    )


@attrs.frozen(kw_only=True)
class CategoricalScale:
    """Unordered options: positions change as sets, with no direction of movement."""

    kind: Literal["categorical"] = attrs.field(
        default="categorical", metadata=describe("Always 'categorical' for unordered options.")
    )
    options: tuple[Option, ...] = attrs.field(metadata=describe("The options, in no order."))


@attrs.frozen(kw_only=True)
class NumericScale:
    """A number between a minimum and a maximum, in a unit."""

    kind: Literal["numeric"] = attrs.field(
        default="numeric", metadata=describe("Always 'numeric' for a number scale.")
    )
    min: float = attrs.field(metadata=describe("Lowest value on the scale."))
    max: float = attrs.field(metadata=describe("Highest value on the scale."))
    unit: str | None = attrs.field(
        default=None, metadata=describe("Unit of the values: personnel, percent, tonnes.")
    )

    def normalise(self, value: float) -> float:
        """Return ``value`` mapped onto 0-1 between ``min`` and ``max``."""
        return (value - self.min) / (self.max - self.min)


#: The scale of an issue.
Scale = OrdinalScale | CategoricalScale | NumericScale


@attrs.frozen
class Issue:
    """One question on the table, with the scale its positions are measured on."""

    id: str = attrs.field(metadata=describe("Stable id, unique among issues."))
    title: str = attrs.field(metadata=describe("Short title shown in reports."))
    scale: Scale = attrs.field(
        metadata=describe("How positions on the issue are measured: ordinal, numeric, categorical.")
    )
    description: str | None = attrs.field(
        default=None, metadata=describe("What the issue is about.")
    )
    tags: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Free labels, such as a peace-agreement provision code.")
    )
    reference: Value | None = attrs.field(
        default=None,
        metadata=describe(
            "Reference point (status quo): an option id, or a number on a numeric scale."
        ),
    )

    @functools.cached_property
    def option_ids(self) -> tuple[str, ...]:
        """The ids of the scale's options in order (empty on a numeric scale)."""
        if isinstance(self.scale, NumericScale):
            return ()
        return tuple(option.id for option in self.scale.options)

    @functools.cached_property
    def option_index(self) -> dict[str, int]:
        """The place of each option on the scale, from 0, by option id (empty when numeric)."""
        return {option_id: index for index, option_id in enumerate(self.option_ids)}


@attrs.frozen
class Source:
    """A document statements are taken from: an article, a readout, a draft text."""

    id: str = attrs.field(metadata=describe("Stable id, unique among sources."))
    title: str = attrs.field(metadata=describe("Headline or document title."))
    outlet: str | None = attrs.field(
        default=None, metadata=describe("Publisher or outlet: a news agency, a ministry.")
    )
    kind: SourceKind = attrs.field(
        default=SourceKind.NEWS_REPORT,
        metadata=describe(
            "news_report, official_statement, readout, document, interview, social_media or other."
        ),
    )
    date: dt.date | None = attrs.field(
        default=None, metadata=describe("Publication date (YYYY-MM-DD).")
    )
    url: str | None = attrs.field(default=None, metadata=describe("Where the source can be read."))
    file: str | None = attrs.field(
        default=None, metadata=describe("Path of a local copy, relative to the dossier.")
    )
    language: str | None = attrs.field(
        default=None, metadata=describe("Language of the original, as a BCP 47 tag such as 'ru'.")
    )


@attrs.frozen
class Statement:
    """Evidence: something a party or one of its people said, dated, sourced and graded."""

    id: str = attrs.field(metadata=describe("Stable id, unique among statements in the dossier."))
    date: dt.date = attrs.field(metadata=describe("When it was said (YYYY-MM-DD)."))
    speaker: str | None = attrs.field(
        default=None, metadata=describe("Id of the person who said it, if known.")
    )
    party: str | None = attrs.field(
        default=None,
        metadata=describe("Id of the party it speaks for, if not simply the speaker's party."),
    )
    source: str | None = attrs.field(
        default=None, metadata=describe("Id of the source it was taken from.")
    )
    quote: str | None = attrs.field(
        default=None, metadata=describe("Verbatim words, as published (in translation if so).")
    )
    summary: str | None = attrs.field(
        default=None, metadata=describe("The analyst's summary, when there is no verbatim quote.")
    )
    translation_note: str | None = attrs.field(
        default=None, metadata=describe("Who translated the quote and from what language.")
    )
    url: str | None = attrs.field(
        default=None, metadata=describe("Direct link, when it differs from the source's.")
    )
    reliability: Reliability = attrs.field(
        default=Reliability.F,
        metadata=describe(
            "Admiralty source reliability: A (completely reliable) to F (cannot be judged)."
        ),
    )
    credibility: int = attrs.field(
        default=6,
        metadata=describe(
            "Admiralty information credibility: 1 (confirmed) to 6 (cannot be judged).",
            minimum=1,
            maximum=6,
        ),
    )


@attrs.frozen
class Term:
    """One term of a proposal: a value on one issue, with its drafting status."""

    issue: str = attrs.field(metadata=describe("Id of the issue the term settles."))
    value: Value | None = attrs.field(
        default=None, metadata=describe("Option id, or a number on a numeric issue.")
    )
    text: str | None = attrs.field(default=None, metadata=describe("The term in words."))
    status: TermStatus = attrs.field(
        default=TermStatus.PROPOSED,
        metadata=describe("proposed, bracketed, agreed_in_principle, agreed or withdrawn."),
    )


@attrs.frozen
class Proposal:
    """A named bundle of terms tabled in the talks, such as a model of neutrality or a draft."""

    id: str = attrs.field(metadata=describe("Stable id, unique among proposals."))
    title: str = attrs.field(metadata=describe("Name of the proposal as reports use it."))
    description: str | None = attrs.field(default=None, metadata=describe("What it proposes."))
    terms: tuple[Term, ...] = attrs.field(
        default=(), metadata=describe("Its terms, one per issue.")
    )
    tabled_by: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of the parties that tabled it.")
    )
    tabled_in: str | None = attrs.field(
        default=None, metadata=describe("Id of the round in which it was tabled.")
    )
    withdrawn_in: str | None = attrs.field(
        default=None, metadata=describe("Id of the round in which it was withdrawn.")
    )
    supersedes: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of earlier proposals it replaces.")
    )
    evidence: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of statements that report it.")
    )
