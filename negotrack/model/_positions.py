"""Positions: one party on one issue in one round, with acceptable set, red lines, conditions."""

from __future__ import annotations

import attrs

from negotrack.model._evidence import Basis, Confidence
from negotrack.model._fields import describe
from negotrack.model._issues import Value

__all__ = [
    "Acceptable",
    "Condition",
    "Interval",
    "Position",
    "RedLine",
]


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
        default=(),
        metadata=describe(
            "Ids of options the party rules out (ordinal, categorical).", refers="option"
        ),
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
    """A condition a party attaches to its position, optionally linked to an issue or proposal."""

    text: str = attrs.field(metadata=describe("The condition in words."))
    id: str | None = attrs.field(
        default=None, metadata=describe("Optional id, so a diff can follow rewording.")
    )
    linked_issue: str | None = attrs.field(
        default=None,
        metadata=describe("Id of another issue this condition ties to (linkage).", refers="issue"),
    )
    linked_proposal: str | None = attrs.field(
        default=None,
        metadata=describe("Id of a proposal this condition ties to (linkage).", refers="proposal"),
    )
    linked_package: bool = attrs.field(
        default=False,
        metadata=describe("True when it ties to the whole package: nothing agreed until all is."),
    )
    met: bool = attrs.field(
        default=False,
        metadata=describe("True once the condition is met: it stays on the record, unlike a drop."),
    )


@attrs.frozen
class Position:
    """One party's position on one issue in one round."""

    party: str = attrs.field(
        metadata=describe("Id of the party holding the position.", refers="party")
    )
    issue: str = attrs.field(metadata=describe("Id of the issue.", refers="issue"))
    preferred: Value | None = attrs.field(
        default=None,
        metadata=describe("Preferred outcome: an option id, or a number.", refers="option"),
    )
    acceptable: Acceptable | None = attrs.field(
        default=None,
        metadata=describe(
            "What the party can accept: a list of option ids, or {min, max} on a numeric issue.",
            refers="option",
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
        default=(),
        metadata=describe("Ids of the statements the position rests on.", refers="statement"),
    )
    note: str | None = attrs.field(default=None, metadata=describe("The analyst's note."))
    withdrawn: bool = attrs.field(
        default=False,
        metadata=describe("True when the party no longer holds any position on the issue."),
    )
    table: str | None = attrs.field(
        default=None,
        metadata=describe(
            "Id of the counterpart the position is held toward, in talks at several tables.",
            refers="party",
        ),
    )
    raised: bool = attrs.field(
        default=False,
        metadata=describe(
            "True when the party first raised this demand in this round (a new demand); false "
            "when the round is only where the record first shows a position held already."
        ),
    )

    @property
    def key(self) -> tuple[str, str]:
        """``(party, issue)``, or ``(party, "issue@table")`` for a position at one table.

        What identifies the position within a round: a party holds one position per issue
        overall, and one more per table it names.
        """
        if self.table is None:
            return (self.party, self.issue)
        return (self.party, f"{self.issue}@{self.table}")
