"""Rounds of talks: when and where, who took part, and what was said and held there."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from negotrack.model._dates import ApproxDate
from negotrack.model._drafts import Amendment, Draft
from negotrack.model._evidence import Reliability, Statement
from negotrack.model._fields import describe
from negotrack.model._parties import Side
from negotrack.model._positions import Position
from negotrack.model._stances import Stance

__all__ = [
    "ContextEvent",
    "Round",
    "RoundFormat",
]


class RoundFormat(enum.Enum):
    """How a round was held."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    HYBRID = "hybrid"
    WRITTEN = "written"
    OTHER = "other"


@attrs.frozen
class ContextEvent:
    """Something that happened away from the table that analysts want on the timeline."""

    id: str = attrs.field(metadata=describe("Stable id, unique among events."))
    date: ApproxDate = attrs.field(
        metadata=describe("When it happened: YYYY-MM-DD, or YYYY-MM or YYYY if that is all.")
    )
    title: str = attrs.field(metadata=describe("Short title shown on the timeline."))
    description: str | None = attrs.field(default=None, metadata=describe("What happened."))
    evidence: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of statements that report it.", refers="statement")
    )
    sources: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of sources that report it.", refers="source")
    )
    reliability: Reliability | None = attrs.field(
        default=None,
        metadata=describe("Admiralty source reliability of the report, A to F, if graded."),
    )
    credibility: int | None = attrs.field(
        default=None,
        metadata=describe(
            "Admiralty information credibility of the report, 1 to 6, if graded.",
            minimum=1,
            maximum=6,
        ),
    )


@attrs.frozen
class Round:
    """One round of talks: a meeting, a video session, an exchange of drafts."""

    id: str = attrs.field(metadata=describe("Stable id, unique among rounds."))
    title: str = attrs.field(metadata=describe("Short title shown in reports."))
    date: dt.date | None = attrs.field(
        default=None,
        metadata=describe("Day of a one-day round (YYYY-MM-DD); or give start and end."),
    )
    start: dt.date | None = attrs.field(
        default=None, metadata=describe("First day of a round spanning several days.")
    )
    end: dt.date | None = attrs.field(
        default=None, metadata=describe("Last day of a round spanning several days.")
    )
    time: dt.time | None = attrs.field(
        default=None,
        metadata=describe("Time of day it began (HH:MM), to order two rounds on one day."),
    )
    location: str | None = attrs.field(default=None, metadata=describe("Where it was held."))
    format: RoundFormat | None = attrs.field(
        default=None, metadata=describe("in_person, video, hybrid, written or other.")
    )
    description: str | None = attrs.field(
        default=None, metadata=describe("What happened, in the analyst's words.")
    )
    participants: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Ids of the parties at the table, mediators included; not a record of joining.",
            refers="party",
        ),
    )
    joined: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe("Ids of parties that joined the talks in this round.", refers="party"),
    )
    left: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Ids of parties that left the talks (walked out, withdrew) in it.", refers="party"
        ),
    )
    sides: tuple[Side, ...] = attrs.field(
        default=(),
        metadata=describe("Alignments declared from this round on, for the issues they name."),
    )
    statements: tuple[Statement, ...] = attrs.field(
        default=(), metadata=describe("Statements made or reported around this round.")
    )
    positions: tuple[Position, ...] = attrs.field(
        default=(), metadata=describe("Positions stated in this round; others carry forward.")
    )
    stances: tuple[Stance, ...] = attrs.field(
        default=(), metadata=describe("Stances toward proposals stated in this round.")
    )
    events: tuple[ContextEvent, ...] = attrs.field(
        default=(), metadata=describe("Context events around this round.")
    )
    drafts: tuple[Draft, ...] = attrs.field(
        default=(), metadata=describe("The state of draft texts on the table in this round.")
    )
    amendments: tuple[Amendment, ...] = attrs.field(
        default=(), metadata=describe("Amendments to draft terms proposed or settled in it.")
    )

    @property
    def sort_key(self) -> tuple[dt.date, dt.time, str]:
        """How rounds are ordered: by day, then time of day, then id."""
        return (self.date or self.start or dt.date.max, self.time or dt.time(), self.id)

    @property
    def when(self) -> dt.date:
        """The day the round began: ``date``, else ``start``.

        Raises:
            ValueError: If the round has neither (the loader never lets that through).
        """
        day = self.date or self.start
        if day is None:
            raise ValueError(f"round {self.id!r} has no date")
        return day

    @property
    def last_day(self) -> dt.date:
        """The day the round ended: ``end`` for a round of several days, else the day it began.

        A run of rounds spans from the first round's `when` to the last round's ``last_day``.
        """
        return self.end if self.date is None and self.end is not None else self.when
