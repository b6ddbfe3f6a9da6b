"""Evidence: sources, statements graded on the Admiralty code, and how a position is known."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from negotrack.model._dates import ApproxDate
from negotrack.model._fields import describe

__all__ = [
    "Basis",
    "Confidence",
    "Reliability",
    "Source",
    "SourceKind",
    "Statement",
]


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
    """Evidence: something said or reported, dated, sourced and graded.

    One statement can be joint (several parties and speakers: one communique, one record) or
    unattributed ("officials said": no speaker and no party, but a source).
    """

    id: str = attrs.field(metadata=describe("Stable id, unique among statements in the dossier."))
    date: ApproxDate = attrs.field(
        metadata=describe("When it was said: YYYY-MM-DD, or YYYY-MM or YYYY if that is all.")
    )
    speaker: str | None = attrs.field(
        default=None, metadata=describe("Id of the person who said it, if known.", refers="person")
    )
    party: str | None = attrs.field(
        default=None,
        metadata=describe(
            "Id of the party it speaks for, if not simply the speaker's party.", refers="party"
        ),
    )
    speakers: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe("Ids of further speakers, for a joint statement.", refers="person"),
    )
    parties: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe("Ids of further parties, for a joint statement.", refers="party"),
    )
    source: str | None = attrs.field(
        default=None, metadata=describe("Id of the source it was taken from.", refers="source")
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

    @property
    def all_parties(self) -> tuple[str, ...]:
        """``party`` then ``parties``: every party the statement speaks for, as written."""
        return (self.party, *self.parties) if self.party is not None else self.parties

    @property
    def all_speakers(self) -> tuple[str, ...]:
        """``speaker`` then ``speakers``: every person who made it."""
        return (self.speaker, *self.speakers) if self.speaker is not None else self.speakers
