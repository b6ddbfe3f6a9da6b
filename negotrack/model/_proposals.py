"""Proposals: named bundles of terms, each term a value on an issue with a status."""

from __future__ import annotations

import enum

import attrs

from negotrack.model._fields import describe
from negotrack.model._issues import Value

__all__ = [
    "Alternative",
    "Proposal",
    "Term",
    "TermStatus",
]


class TermStatus(enum.Enum):
    """How far a term of a draft has got: proposed < bracketed < ... < agreed; or dropped.

    The first five are ordered, from tabled to settled (`rank`); ``dropped`` and ``withdrawn``
    (the older name for it, still read) take the term off the table and have no rank.
    """

    PROPOSED = "proposed"
    BRACKETED = "bracketed"
    AGREED_IN_PRINCIPLE = "agreed_in_principle"
    AGREED_AD_REFERENDUM = "agreed_ad_referendum"
    AGREED = "agreed"
    DROPPED = "dropped"
    WITHDRAWN = "withdrawn"

    @property
    def rank(self) -> int | None:
        """Place on the ordered scale, from 0 (proposed) to 4 (agreed); None when off the table."""
        return _STATUS_RANK.get(self)

    @property
    def settled(self) -> bool:
        """Whether the term is agreed (ad referendum or finally)."""
        return self in (TermStatus.AGREED_AD_REFERENDUM, TermStatus.AGREED)


_STATUS_RANK = {
    status: rank
    for rank, status in enumerate(
        (
            TermStatus.PROPOSED,
            TermStatus.BRACKETED,
            TermStatus.AGREED_IN_PRINCIPLE,
            TermStatus.AGREED_AD_REFERENDUM,
            TermStatus.AGREED,
        )
    )
}


@attrs.frozen
class Alternative:
    """One option within a paragraph of a draft, as in "Option 1 / Option 2"."""

    id: str = attrs.field(metadata=describe("Stable id, unique within the term: 'option-1'."))
    text: str | None = attrs.field(default=None, metadata=describe("The option's wording."))
    value: Value | None = attrs.field(
        default=None,
        metadata=describe("Option id, or a number, on the term's issue.", refers="option"),
    )


@attrs.frozen
class Term:
    """One term (paragraph) of a proposal: its wording, a value on its issue, its status."""

    issue: str | None = attrs.field(
        default=None,
        metadata=describe(
            "Id of the issue the term settles; none for a paragraph on no issue.", refers="issue"
        ),
    )
    value: Value | None = attrs.field(
        default=None,
        metadata=describe("Option id, or a number on a numeric issue.", refers="option"),
    )
    text: str | None = attrs.field(default=None, metadata=describe("The term in words."))
    status: TermStatus = attrs.field(
        default=TermStatus.PROPOSED,
        metadata=describe(
            "proposed, bracketed, agreed_in_principle, agreed_ad_referendum, agreed or dropped."
        ),
    )
    id: str | None = attrs.field(
        default=None,
        metadata=describe("Stable id of the paragraph, such as 'art2.1a'; by default its issue."),
    )
    alternatives: tuple[Alternative, ...] = attrs.field(
        default=(), metadata=describe("Options within the paragraph: 'Option 1', 'Option 2'.")
    )

    @property
    def key(self) -> str:
        """What identifies the term within its proposal: its ``id``, else its issue."""
        return self.id or self.issue or ""


@attrs.frozen
class Proposal:
    """A named bundle of terms tabled in the talks, such as a model of neutrality or a draft."""

    id: str = attrs.field(metadata=describe("Stable id, unique among proposals."))
    title: str = attrs.field(metadata=describe("Name of the proposal as reports use it."))
    description: str | None = attrs.field(default=None, metadata=describe("What it proposes."))
    terms: tuple[Term, ...] = attrs.field(
        default=(),
        metadata=describe("Its terms as tabled; a round's `drafts` record how they change."),
    )
    tabled_by: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of the parties that tabled it.", refers="party")
    )
    tabled_in: str | None = attrs.field(
        default=None, metadata=describe("Id of the round in which it was tabled.", refers="round")
    )
    withdrawn_in: str | None = attrs.field(
        default=None,
        metadata=describe("Id of the round in which it was withdrawn.", refers="round"),
    )
    supersedes: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of earlier proposals it replaces.", refers="proposal")
    )
    evidence: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of statements that report it.", refers="statement")
    )
