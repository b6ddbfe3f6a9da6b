"""Stances: one party toward one proposal in one round, from rejects to supports."""

from __future__ import annotations

import enum

import attrs

from negotrack.model._evidence import Basis, Confidence
from negotrack.model._fields import describe
from negotrack.model._positions import Condition

__all__ = [
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


@attrs.frozen
class Stance:
    """One party's attitude toward one proposal in one round."""

    party: str = attrs.field(metadata=describe("Id of the party.", refers="party"))
    proposal: str = attrs.field(metadata=describe("Id of the proposal.", refers="proposal"))
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
        default=(),
        metadata=describe("Ids of the statements the stance rests on.", refers="statement"),
    )
    note: str | None = attrs.field(default=None, metadata=describe("The analyst's note."))

    @property
    def key(self) -> tuple[str, str]:
        """``(party, proposal)``: what identifies the stance within a round."""
        return (self.party, self.proposal)
