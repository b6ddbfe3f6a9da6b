"""The round-level domain model: positions, stances, context events, and the rounds holding them."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from negotrack._model import Basis, Confidence, Statement, Value, describe

__all__ = [
    "Acceptable",
    "Condition",
    "ContextEvent",
    "Interval",
    "Position",
    "RedLine",
    "Round",
    "RoundFormat",
    "Stance",
    "StanceLevel",
]


class StanceLevel(enum.Enum):
    """A party's attitude to a proposal, ordered from rejects (lowest) to supports (highest)."""

    REJECTS = "rejects"
    OPPOSES = "opposes"
    OPEN = "open"
    CONDITIONAL = "conditional"
    SUPPORTS = "supports"

    @property
    def rank(self) -> int:
        """Position on the ordered scale: 0 for rejects up to 4 for supports."""
        return _STANCE_RANK[self]


_STANCE_RANK = {level: rank for rank, level in enumerate(StanceLevel)}


class RoundFormat(enum.Enum):
    """How a round was held."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    HYBRID = "hybrid"
    WRITTEN = "written"
    OTHER = "other"


@attrs.frozen
class Interval:
    """A closed range of numbers; either end may be open (None)."""

    min: float | None = attrs.field(default=None, metadata=describe("Lowest acceptable value."))
    max: float | None = attrs.field(default=None, metadata=describe("Highest acceptable value."))

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int | float):
            return False
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


#: What a party can live with: option ids on ordinal and categorical issues, an interval on
#: numeric ones.
Acceptable = tuple[str, ...] | Interval


@attrs.frozen
class RedLine:
    """Something a party says it will never accept."""

    text: str = attrs.field(metadata=describe("The red line in words."))
    id: str | None = attrs.field(
        default=None, metadata=describe("Optional id, so a diff can follow it across rounds.")
    )
    options: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of options the party rules out (ordinal, categorical).")
    )
    below: float | None = attrs.field(
        default=None, metadata=describe("Values below this are ruled out (numeric issues).")
    )
    above: float | None = attrs.field(
        default=None, metadata=describe("Values above this are ruled out (numeric issues).")
    )

    def rules_out(self, value: Value) -> bool:
        """Whether ``value`` falls on the wrong side of this red line."""
        if isinstance(value, str):
            return value in self.options
        return (self.below is not None and value < self.below) or (
            self.above is not None and value > self.above
        )


@attrs.frozen
class Condition:
    """A condition a party attaches to its position, optionally linked to another issue."""

    text: str = attrs.field(metadata=describe("The condition in words."))
    id: str | None = attrs.field(
        default=None, metadata=describe("Optional id, so a diff can follow rewording.")
    )
    linked_issue: str | None = attrs.field(
        default=None, metadata=describe("Id of another issue this condition ties to (linkage).")
    )


@attrs.frozen
class Position:
    """One party's position on one issue in one round."""

    party: str = attrs.field(metadata=describe("Id of the party holding the position."))
    issue: str = attrs.field(metadata=describe("Id of the issue."))
    preferred: Value | None = attrs.field(
        default=None, metadata=describe("Preferred outcome: an option id, or a number.")
    )
    acceptable: Acceptable | None = attrs.field(
        default=None,
        metadata=describe(
            "What the party can accept: a list of option ids, or {min, max} on a numeric issue."
        ),
    )
    red_lines: tuple[RedLine, ...] = attrs.field(
        default=(), metadata=describe("What the party says it will never accept.")
    )
    conditions: tuple[Condition, ...] = attrs.field(
        default=(), metadata=describe("Conditions attached to the position.")
    )
    salience: float | None = attrs.field(
        default=None,
        metadata=describe("How much the party cares, from 0 to 1.", minimum=0, maximum=1),
    )
    basis: Basis = attrs.field(
        default=Basis.STATED, metadata=describe("stated, reported or inferred.")
    )
    confidence: Confidence | None = attrs.field(
        default=None, metadata=describe("Analytic confidence: low, moderate or high.")
    )
    evidence: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of the statements the position rests on.")
    )
    note: str | None = attrs.field(default=None, metadata=describe("The analyst's note."))
    withdrawn: bool = attrs.field(
        default=False,
        metadata=describe("True when the party no longer holds any position on the issue."),
    )

    @property
    def key(self) -> tuple[str, str]:
        """``(party, issue)``: what identifies the position within a round."""
        return (self.party, self.issue)


@attrs.frozen
class Stance:
    """One party's attitude toward one proposal in one round."""

    party: str = attrs.field(metadata=describe("Id of the party."))
    proposal: str = attrs.field(metadata=describe("Id of the proposal."))
    stance: StanceLevel = attrs.field(
        metadata=describe("rejects, opposes, open, conditional or supports.")
    )
    conditions: tuple[Condition, ...] = attrs.field(
        default=(), metadata=describe("Conditions attached to the stance.")
    )
    basis: Basis = attrs.field(
        default=Basis.STATED, metadata=describe("stated, reported or inferred.")
    )
    confidence: Confidence | None = attrs.field(
        default=None, metadata=describe("Analytic confidence: low, moderate or high.")
    )
    evidence: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of the statements the stance rests on.")
    )
    note: str | None = attrs.field(default=None, metadata=describe("The analyst's note."))

    @property
    def key(self) -> tuple[str, str]:
        """``(party, proposal)``: what identifies the stance within a round."""
        return (self.party, self.proposal)


@attrs.frozen
class ContextEvent:
    """Something that happened away from the table that analysts want on the timeline."""

    id: str = attrs.field(metadata=describe("Stable id, unique among events."))
    date: dt.date = attrs.field(metadata=describe("When it happened (YYYY-MM-DD)."))
    title: str = attrs.field(metadata=describe("Short title shown on the timeline."))
    description: str | None = attrs.field(default=None, metadata=describe("What happened."))
    evidence: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of statements that report it.")
    )
    sources: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of sources that report it.")
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
    location: str | None = attrs.field(default=None, metadata=describe("Where it was held."))
    format: RoundFormat | None = attrs.field(
        default=None, metadata=describe("in_person, video, hybrid, written or other.")
    )
    description: str | None = attrs.field(
        default=None, metadata=describe("What happened, in the analyst's words.")
    )
    participants: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of the parties at the table, mediators included.")
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
