"""Draft texts and amendments between two rounds: how a proposal's text moved, term by term.

The round diff compares the drafts *in force* in each round (`Negotiation.effective_drafts`:
terms a draft does not restate carry forward; a proposal with no draft yet stands as tabled),
and the amendments on record up to each round. Every change here is neutral: a draft is the
text the parties or the chair hold in common, and an amendment's fate is the room's decision.
Who gave ground shows in the parties' positions and stances, which the diff already weighs;
weighing the text too would count one concession twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from negotrack.diff._changes import Change, ChangeKind
from negotrack.diff._matching import word_diff
from negotrack.model._drafts import AmendmentOutcome
from negotrack.model._errors import UnknownIdError
from negotrack.model._proposals import TermStatus

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from negotrack.model._drafts import Amendment, Draft
    from negotrack.model._negotiation import Effective, Negotiation
    from negotrack.model._proposals import Term

__all__ = [
    "amendment_base",
    "amendment_changes",
    "amendment_pair_changes",
    "amendments_on_record",
    "count_changes",
    "draft_changes",
    "term_changes",
    "whole_draft_changes",
]

#: The counts of a draft (given, or counted in its pasted text) and the change kind of each.
_COUNTS: Final = (
    ("bracket_count", ChangeKind.BRACKETS_CHANGED),
    ("option_count", ChangeKind.OPTIONS_CHANGED),
    ("pages", ChangeKind.PAGES_CHANGED),
)


def draft_changes(negotiation: Negotiation, before: str, after: str) -> Iterator[Change]:
    """What changed in the text of each proposal with a draft in force in either round.

    Where a round has no draft of the proposal, its text is the proposal's terms as tabled,
    provided it was tabled by then; a proposal not yet tabled had no text to compare, and its
    first draft is only put on record (its counts in the change's ``detail``).
    """
    old, new = negotiation.effective_drafts(before), negotiation.effective_drafts(after)
    for proposal in sorted(old.keys() | new.keys()):
        a, b = old.get(proposal), new.get(proposal)
        base: dict[str, Any] = {"proposal": proposal, "round": after}
        yield from whole_draft_changes(a, b, base)
        if a is not None and b is not None:
            yield from count_changes(a.value, b.value, base)
        missing = before if a is None else after if b is None else None
        if missing is not None and not _tabled_by(negotiation, proposal, missing):
            continue
        tabled = _tabled_terms(negotiation, proposal)
        yield from term_changes(
            tabled if a is None else a.value.terms,
            tabled if b is None else b.value.terms,
            base,
            _restated_evidence(negotiation, proposal, after) if b is not None else {},
        )


def whole_draft_changes(
    a: Effective[Draft] | None, b: Effective[Draft] | None, base: Mapping[str, Any]
) -> Iterator[Change]:
    """A draft put on record, taken off it, or replaced by another issued in another round.

    The values are the ids of the rounds that issued the drafts; renderers show their titles.
    """
    if a is not None and b is not None:
        if a.round != b.round:
            yield Change(
                kind=ChangeKind.DRAFT_REPLACED,
                before=a.round,
                after=b.round,
                evidence=b.value.evidence,
                **base,
            )
    elif b is not None:
        yield Change(
            kind=ChangeKind.DRAFT_STATED,
            after=b.round,
            detail=_counts(b.value),
            evidence=b.value.evidence,
            **base,
        )
    elif a is not None:
        yield Change(kind=ChangeKind.DRAFT_DROPPED, before=a.round, detail=_counts(a.value), **base)


def count_changes(a: Draft, b: Draft, base: Mapping[str, Any]) -> Iterator[Change]:
    """Brackets, options and pages of two drafts, each when both give it (or count it)."""
    for name, kind in _COUNTS:
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None and x != y:
            yield Change(kind=kind, before=x, after=y, magnitude=abs(y - x), **base)


def _counts(draft: Draft) -> str | None:
    """A draft's length and counts in words: ``29 pages, 47 options``; None when none is known."""
    words = [
        f"{count} {name}"
        for count, name in (
            (draft.pages, "pages"),
            (draft.bracket_count, "brackets"),
            (draft.option_count, "options"),
        )
        if count is not None
    ]
    return ", ".join(words) or None


def _tabled_by(negotiation: Negotiation, proposal: str, round_id: str) -> bool:
    """Whether a proposal was tabled by a round (one with no ``tabled_in`` always was)."""
    try:
        tabled_in = negotiation.proposal(proposal).tabled_in
        if tabled_in is None:
            return True
        return negotiation.round_index(tabled_in) <= negotiation.round_index(round_id)
    except UnknownIdError:
        return False


def _tabled_terms(negotiation: Negotiation, proposal: str) -> tuple[Term, ...]:
    """The proposal's terms as tabled: its text where no draft is in force."""
    try:
        return negotiation.proposal(proposal).terms
    except UnknownIdError:
        return ()


def _restated_evidence(
    negotiation: Negotiation, proposal: str, round_id: str
) -> dict[str, tuple[str, ...]]:
    """For each term of a proposal, the evidence of the last draft up to the round restating it."""
    found: dict[str, tuple[str, ...]] = {}
    for round_ in negotiation.rounds[: negotiation.round_index(round_id) + 1]:
        for draft in round_.drafts:
            if draft.proposal == proposal:
                found.update((term.key, draft.evidence) for term in draft.terms)
    return found


def term_changes(
    old: tuple[Term, ...],
    new: tuple[Term, ...],
    base: Mapping[str, Any],
    evidence: Mapping[str, tuple[str, ...]],
) -> Iterator[Change]:
    """Each term added, removed, moved toward or away from agreement, changed or reworded.

    A change cites the evidence of the draft that last restated the term, up to the later round.
    """
    before = {term.key: term for term in old}
    after = {term.key: term for term in new}
    for key in [*before, *(k for k in after if k not in before)]:
        t0, t1 = before.get(key), after.get(key)
        term = t1 if t1 is not None else t0
        assert term is not None  # noqa: S101 - the key came from one of them
        where: dict[str, Any] = {
            **base,
            "term": key,
            "issue": term.issue,
            "evidence": evidence.get(key, ()),
        }
        if t0 is None:
            yield Change(kind=ChangeKind.TERM_ADDED, after=_gist(term), **where)
        elif t1 is None:
            yield Change(kind=ChangeKind.TERM_REMOVED, before=_gist(term), **where)
        elif t0 != t1:
            yield from _term(t0, t1, where)


def _gist(term: Term) -> Any:
    """What a term says, in a word: its value on the issue, else its text."""
    return term.value if term.value is not None else term.text


def _term(t0: Term, t1: Term, where: Mapping[str, Any]) -> Iterator[Change]:
    """The changes between two states of one term."""
    s0, s1 = _status(t0.status), _status(t1.status)
    if s0 != s1:
        kind = ChangeKind.TERM_ADVANCED if _toward_agreement(s0, s1) else ChangeKind.TERM_SET_BACK
        yield Change(kind=kind, before=s0, after=s1, **where)
    if t0.value != t1.value:
        yield Change(kind=ChangeKind.TERM_VALUE_CHANGED, before=t0.value, after=t1.value, **where)
    if t0.text is not None and t1.text is not None and t0.text != t1.text:
        yield Change(
            kind=ChangeKind.TERM_REWORDED,
            before=t0.text,
            after=t1.text,
            detail=word_diff(t0.text, t1.text),
            **where,
        )
    yield from _alternatives(t0, t1, where)


def _alternatives(t0: Term, t1: Term, where: Mapping[str, Any]) -> Iterator[Change]:
    """Options within a term, matched by id: added, removed, or kept with other wording.

    As for a term, an option is reworded only when both states give its wording.
    """
    old = {alternative.id: alternative for alternative in t0.alternatives}
    new = {alternative.id: alternative for alternative in t1.alternatives}
    for alternative in t1.alternatives:
        if alternative.id not in old:
            yield Change(kind=ChangeKind.ALTERNATIVE_ADDED, after=alternative, **where)
    for alternative in t0.alternatives:
        if alternative.id not in new:
            yield Change(kind=ChangeKind.ALTERNATIVE_REMOVED, before=alternative, **where)
    for alternative in t1.alternatives:
        kept = old.get(alternative.id)
        if (
            kept is not None
            and kept.text is not None
            and alternative.text is not None
            and kept.text != alternative.text
        ):
            yield Change(
                kind=ChangeKind.ALTERNATIVE_REWORDED,
                before=kept,
                after=alternative,
                detail=word_diff(kept.text, alternative.text),
                **where,
            )


def _status(status: TermStatus) -> TermStatus:
    """``withdrawn`` is the older name of ``dropped``: the same status."""
    return TermStatus.DROPPED if status is TermStatus.WITHDRAWN else status


def _toward_agreement(before: TermStatus, after: TermStatus) -> bool:
    """Whether a term's status moved toward agreement: up the ranks, or dropped from the text.

    Dropping a term settles it as surely as agreeing it: the dispute leaves the text. A term
    put back from dropped moves away.
    """
    if after.rank is None:
        return True
    return before.rank is not None and after.rank > before.rank


# -- amendments --------------------------------------------------------------------------------


def amendments_on_record(negotiation: Negotiation, round_id: str) -> dict[str, Amendment]:
    """Every amendment recorded in the rounds up to ``round_id``, by id; the latest record wins."""
    index = negotiation.round_index(round_id)
    found: dict[str, Amendment] = {}
    for round_ in negotiation.rounds[: index + 1]:
        for amendment in round_.amendments:
            found[amendment.id] = amendment
    return found


def amendment_changes(negotiation: Negotiation, before: str, after: str) -> Iterator[Change]:
    """Amendments tabled between the rounds, and amendments whose outcome changed.

    An amendment first on record with an outcome already known (tabled and adopted in one
    round) is tabled and then moves from pending to that outcome.
    """
    old = amendments_on_record(negotiation, before)
    new = amendments_on_record(negotiation, after)
    for amendment_id in sorted(old.keys() | new.keys()):
        a, b = old.get(amendment_id), new.get(amendment_id)
        amendment = b if b is not None else a
        assert amendment is not None  # noqa: S101 - the id came from one of them
        yield from amendment_pair_changes(a, b, amendment_base(negotiation, amendment, after))


def amendment_pair_changes(
    a: Amendment | None, b: Amendment | None, base: Mapping[str, Any]
) -> Iterator[Change]:
    """One amendment's record then and now: tabled, its outcome moved, no longer on record.

    A record missing on one side counts as pending there: one put on record already adopted is
    tabled, then adopted.
    """
    amendment = b if b is not None else a
    assert amendment is not None  # noqa: S101 - one side holds it
    outcomes = (
        AmendmentOutcome.PENDING if a is None else a.outcome,
        AmendmentOutcome.PENDING if b is None else b.outcome,
    )
    proposed, wording = _proposed(amendment)
    if a is None:
        yield Change(kind=ChangeKind.AMENDMENT_TABLED, after=proposed, detail=wording, **base)
    if outcomes[0] is not outcomes[1]:
        yield Change(
            kind=ChangeKind.AMENDMENT_OUTCOME_CHANGED,
            before=outcomes[0],
            after=outcomes[1],
            **base,
        )
    if b is None:
        yield Change(kind=ChangeKind.AMENDMENT_DROPPED, before=proposed, detail=wording, **base)


def _proposed(amendment: Amendment) -> tuple[Any, str | None]:
    """What an amendment proposes: its value, with its wording as a note; else its wording."""
    if amendment.value is not None:
        return amendment.value, amendment.text
    return amendment.text, None


def amendment_base(negotiation: Negotiation, amendment: Amendment, round_id: str) -> dict[str, Any]:
    """Where an amendment's changes belong: proposal, term and its issue, sponsors, evidence."""
    terms = {term.key: term for term in _tabled_terms(negotiation, amendment.proposal)}
    term = terms.get(amendment.term)
    return {
        "proposal": amendment.proposal,
        "term": amendment.term,
        "issue": None if term is None else term.issue,
        "party": amendment.by[0] if len(amendment.by) == 1 else None,
        "by": amendment.by,
        "subject": "amendment",
        "subject_id": amendment.id,
        "round": round_id,
        "evidence": amendment.evidence,
    }
