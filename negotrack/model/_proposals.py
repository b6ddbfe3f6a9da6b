"""Proposals: named bundles of terms, each term a value on an issue with a status."""

from __future__ import annotations

import enum

import attrs

from negotrack.model._fields import describe
from negotrack.model._issues import Value

__all__ = [
    "Proposal",
    "Term",
    "TermStatus",
]


class TermStatus(enum.Enum):
    """How far a term of a proposal has got, from tabled to settled (or dropped)."""

    PROPOSED = "proposed"
    BRACKETED = "bracketed"
    AGREED_IN_PRINCIPLE = "agreed_in_principle"
    AGREED = "agreed"
    WITHDRAWN = "withdrawn"


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
