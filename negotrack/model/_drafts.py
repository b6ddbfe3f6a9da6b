"""Draft texts as they evolve: a proposal's text in one round, and amendments to its terms.

A round's `Draft` records the state of a proposal's text in that round: its terms (matched by
id; a term not restated carries forward from the last draft, or from the proposal as tabled),
and the brackets and options a negotiator counts in it. An `Amendment` records who proposed
changing which term to what, and whether it was taken in.
"""

from __future__ import annotations

import enum

import attrs

from negotrack.model._fields import describe
from negotrack.model._issues import Value
from negotrack.model._proposals import Term

__all__ = ["Amendment", "AmendmentOutcome", "Draft", "merge_terms"]


@attrs.frozen
class Draft:
    """The state of a proposal's text in one round: its terms and the brackets left in it."""

    proposal: str = attrs.field(
        metadata=describe("Id of the proposal whose text this is.", refers="proposal")
    )
    title: str | None = attrs.field(
        default=None, metadata=describe("The draft's name: 'Draft Paris Outcome, 9 December'.")
    )
    terms: tuple[Term, ...] = attrs.field(
        default=(),
        metadata=describe("Terms as they stand in this draft; terms not restated carry forward."),
    )
    brackets: int | None = attrs.field(
        default=None,
        metadata=describe("Bracketed spans in the whole text, nested ones counted.", minimum=0),
    )
    options: int | None = attrs.field(
        default=None,
        metadata=describe("Labelled options ('Option 1', 'Option 2') in the text.", minimum=0),
    )
    pages: int | None = attrs.field(
        default=None, metadata=describe("Length in pages, as reported.", minimum=0)
    )
    text: str | None = attrs.field(
        default=None,
        metadata=describe(
            "The text itself, pasted; brackets and options are then counted from it."
        ),
    )
    evidence: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe("Ids of statements that report the draft.", refers="statement"),
    )
    note: str | None = attrs.field(default=None, metadata=describe("The analyst's note."))

    @property
    def bracket_count(self) -> int | None:
        """``brackets`` as given, else counted in the pasted ``text``, else None."""
        if self.brackets is not None or self.text is None:
            return self.brackets
        from negotrack.model._brackets import count_brackets  # noqa: PLC0415 - its patterns

        return count_brackets(self.text).brackets

    @property
    def option_count(self) -> int | None:
        """``options`` as given, else counted in the pasted ``text``, else None."""
        if self.options is not None or self.text is None:
            return self.options
        from negotrack.model._brackets import count_brackets  # noqa: PLC0415 - its patterns

        return count_brackets(self.text).options


class AmendmentOutcome(enum.Enum):
    """What became of an amendment."""

    PENDING = "pending"
    ADOPTED = "adopted"
    PARTLY_ADOPTED = "partly_adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


@attrs.frozen
class Amendment:
    """A proposed change to one term of a draft: who asked for it, what to, and what came of it."""

    id: str = attrs.field(metadata=describe("Stable id, unique among amendments."))
    proposal: str = attrs.field(
        metadata=describe("Id of the proposal whose text it amends.", refers="proposal")
    )
    term: str = attrs.field(metadata=describe("Id of the term it amends.", refers="term"))
    by: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of the parties that proposed it.", refers="party")
    )
    value: Value | None = attrs.field(
        default=None,
        metadata=describe("The value it proposes on the term's issue.", refers="option"),
    )
    text: str | None = attrs.field(default=None, metadata=describe("The wording it proposes."))
    outcome: AmendmentOutcome = attrs.field(
        default=AmendmentOutcome.PENDING,
        metadata=describe("pending, adopted, partly_adopted, rejected or withdrawn."),
    )
    evidence: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of statements that report it.", refers="statement")
    )
    note: str | None = attrs.field(default=None, metadata=describe("The analyst's note."))


def merge_terms(base: tuple[Term, ...], restated: tuple[Term, ...]) -> tuple[Term, ...]:
    """The terms of a draft in force: ``base`` with each term ``restated`` replaced or added.

    Terms are matched by `Term.key`; the base's order is kept and new terms follow it, in the
    order restated.
    """
    if not restated:
        return base
    new = {term.key: term for term in restated}
    merged = [new.pop(term.key, term) for term in base]
    merged.extend(term for term in restated if term.key in new)
    return tuple(merged)
