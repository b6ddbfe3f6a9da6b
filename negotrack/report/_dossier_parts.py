"""The record behind a report, in words: each position as stated, each proposal's story.

Per issue, each position as a round states it: preferred value, acceptable set, red lines and
what they rule out, conditions (met or not) and what they are linked to. Per proposal, each
party's stance round by round, and for a draft text its versions (brackets, options and terms
agreed in each), each term's status from version to version, and the amendments with who made
them and what became of them. Every renderer builds on these, in the diff renderers' words.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from negotrack.diff._changes import Change, ChangeKind
from negotrack.model._errors import UnknownIdError
from negotrack.report._labels import describe_value, issue_title, party_name, proposal_title
from negotrack.report._words import (
    TABLE_ROWS,
    round_date,
    round_words,
    table_stretches,
    value_words,
)

if TYPE_CHECKING:
    import enum
    from collections.abc import Sequence

    from negotrack.diff._timeline import Timeline
    from negotrack.model._drafts import Amendment, Draft
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Condition, Position, RedLine
    from negotrack.model._proposals import Proposal, Term
    from negotrack.model._stances import Stance

__all__ = [
    "HeldStance",
    "ProposalRecord",
    "Version",
    "amendment_words",
    "condition_words",
    "position_details",
    "position_words",
    "proposal_lines",
    "proposal_records",
    "red_line_words",
    "round_labels",
    "stance_words",
    "status_words",
    "term_lines",
    "version_rows",
]


class HeldStance(NamedTuple):
    """A party's stance toward a proposal in force in one round, and whether it carries."""

    round: str
    party: str
    stance: Stance
    carried: bool


class Version(NamedTuple):
    """One version of a proposal's text: as tabled, or a round's draft with every term in force."""

    round: str | None  # the round that issued it; for the proposal as tabled, its tabled_in
    title: str
    draft: Draft | None  # None for the proposal as tabled
    terms: tuple[Term, ...]


class ProposalRecord(NamedTuple):
    """A proposal across the rounds: stances, the versions of its text, its amendments."""

    proposal: Proposal
    stances: list[HeldStance]
    versions: list[Version]
    amendments: list[tuple[str, Amendment, list[tuple[str, enum.Enum]]]]
    # each amendment: the round it is first on record in, its latest record, and its outcome in
    # every round that records it, when the outcome changed


# -- positions ---------------------------------------------------------------------------------


def round_labels(negotiation: Negotiation, rounds: Sequence[str]) -> dict[str, str]:
    """Each round's date, with its id after it when two rounds share the date (as in tables)."""
    dates = [round_date(negotiation, r) for r in rounds]
    counts = Counter(dates)
    return {
        r: date if counts[date] == 1 else f"{date} {r}"
        for r, date in zip(rounds, dates, strict=True)
    }


def red_line_words(negotiation: Negotiation, issue_id: str, line: RedLine) -> str:
    """A red line in its words, and what it rules out on the scale when it says."""
    probe = Change(kind=ChangeKind.RED_LINE_ADDED, issue=issue_id)
    ruled = describe_value(negotiation, probe, line)
    words = f'red line "{line.text}"'
    return words if ruled == "rules out nothing" else f"{words} ({ruled})"


def condition_words(negotiation: Negotiation, condition: Condition) -> str:
    """A condition in its words: met or not, and what it is linked to (its linkage)."""
    links = []
    if condition.linked_issue is not None:
        links.append(f"linked to {issue_title(negotiation, condition.linked_issue)}")
    if condition.linked_proposal is not None:
        links.append(f"linked to {proposal_title(negotiation, condition.linked_proposal)}")
    if condition.linked_package:
        links.append("tied to the whole package")
    state = "met" if condition.met else "not met"
    words = f'condition, {state}: "{condition.text}"'
    return f"{words} ({'; '.join(links)})" if links else words


def position_details(negotiation: Negotiation, issue_id: str, position: Position) -> list[str]:
    """What a position says beyond its preferred value: acceptable set, red lines, conditions."""
    parts = []
    if position.acceptable is not None:
        parts.append(f"accepts {value_words(negotiation, issue_id, position.acceptable)}")
    parts += [red_line_words(negotiation, issue_id, line) for line in position.red_lines]
    parts += [condition_words(negotiation, c) for c in position.conditions]
    return parts


def position_words(negotiation: Negotiation, issue_id: str, position: Position) -> str:
    """A position in one line: ``prefers X; accepts Y; red line "..."; condition, met: "..."``."""
    parts = []
    if position.preferred is not None:
        parts.append(f"prefers {value_words(negotiation, issue_id, position.preferred)}")
    return "; ".join(parts + position_details(negotiation, issue_id, position)) or "no values"


# -- proposals ---------------------------------------------------------------------------------


def status_words(status: enum.Enum) -> str:
    """A term's status or an amendment's outcome in words: ``agreed in principle``."""
    return str(status.value).replace("_", " ")


def stance_words(negotiation: Negotiation, stance: Stance) -> str:
    """A stance in words, with its conditions: ``conditional; condition, not met: "..."``."""
    parts = [status_words(stance.stance)]
    parts += [condition_words(negotiation, c) for c in stance.conditions]
    return "; ".join(parts)


def proposal_records(
    negotiation: Negotiation,
    timeline: Timeline,
    *,
    rows_only: bool = False,
    most: int = TABLE_ROWS,
) -> list[ProposalRecord]:
    """Every proposal of the dossier, in its order, with its story over the timeline's rounds.

    Each record's stances are those in force in every round, carried or not. With
    ``rows_only``, for the stance tables (`negotrack.report._stance_parts`): in a run longer than
    `TABLE_ROWS`, only the rounds that end a table's row list every stance in force; the others
    list the stances they state (``most`` rows, as in `table_stretches`).
    """
    n = negotiation
    rounds = set(timeline.rounds)
    stances = _held_stances(n, timeline, rows_only=rows_only, most=most)
    records = []
    for proposal in n.proposals:
        versions = [Version(proposal.tabled_in, "as tabled", None, proposal.terms)]
        for round_ in n.rounds:
            if round_.id in rounds and any(d.proposal == proposal.id for d in round_.drafts):
                draft = n.effective_drafts(round_.id)[proposal.id].value
                title = draft.title or f"the draft of {round_.title}"
                versions.append(Version(round_.id, title, draft, draft.terms))
        if len(versions) == 1 and not proposal.terms:
            versions = []
        records.append(
            ProposalRecord(proposal, stances[proposal.id], versions, _amendments(n, proposal.id))
        )
    return records


def _held_stances(
    n: Negotiation, timeline: Timeline, *, rows_only: bool, most: int
) -> dict[str, list[HeldStance]]:
    """The stances of `proposal_records`, by proposal id."""
    rounds = set(timeline.rounds)
    stances: dict[str, list[HeldStance]] = {p.id: [] for p in n.proposals}
    if rows_only and len(timeline.rounds) > TABLE_ROWS:
        ends = {timeline.rounds[s[-1]] for s in table_stretches(len(timeline.rounds), most)}
        for round_ in n.rounds:
            if round_.id in ends:
                held = n.effective_stances(round_.id).items()
                for (party, proposal_id), e in held:
                    found = HeldStance(round_.id, party, e.value, e.carried)
                    stances.setdefault(proposal_id, []).append(found)
            elif round_.id in rounds:
                for stance in round_.stances:
                    found = HeldStance(round_.id, stance.party, stance, False)
                    stances.setdefault(stance.proposal, []).append(found)
    else:
        for round_, _, walked in n.iter_effective(copies=False):
            if round_.id in rounds:
                for (party, proposal_id), e in walked.items():
                    found = HeldStance(round_.id, party, e.value, e.carried)
                    stances.setdefault(proposal_id, []).append(found)
    return stances


def _amendments(
    negotiation: Negotiation, proposal_id: str
) -> list[tuple[str, Amendment, list[tuple[str, enum.Enum]]]]:
    """Each amendment to a proposal: where first on record, its latest record, outcome moves."""
    first: dict[str, str] = {}
    latest: dict[str, Amendment] = {}
    outcomes: dict[str, list[tuple[str, enum.Enum]]] = {}
    for round_ in negotiation.rounds:
        for amendment in round_.amendments:
            if amendment.proposal != proposal_id:
                continue
            first.setdefault(amendment.id, round_.id)
            latest[amendment.id] = amendment
            moves = outcomes.setdefault(amendment.id, [])
            if not moves or moves[-1][1] is not amendment.outcome:
                moves.append((round_.id, amendment.outcome))
    return [(first[a], latest[a], outcomes[a]) for a in latest]


def proposal_lines(negotiation: Negotiation, record: ProposalRecord) -> list[str]:
    """Who tabled the proposal and when, what it supersedes, and when it was withdrawn."""
    n, p = negotiation, record.proposal
    out = []
    if p.tabled_by or p.tabled_in:
        who = " and ".join(party_name(n, party) for party in p.tabled_by)
        when = p.tabled_in and f"in {_round_name(n, p.tabled_in)}"
        out.append(" ".join(x for x in ("tabled", who and f"by {who}", when) if x))
    if p.supersedes:
        out.append("supersedes " + " and ".join(proposal_title(n, s) for s in p.supersedes))
    if p.withdrawn_in:
        out.append(f"withdrawn in {_round_name(n, p.withdrawn_in)}")
    return out


def _round_name(negotiation: Negotiation, round_id: str) -> str:
    try:
        return round_words(negotiation, round_id)
    except UnknownIdError:
        return round_id


def version_rows(
    negotiation: Negotiation, record: ProposalRecord, labels: dict[str, str]
) -> tuple[list[str], list[list[str]]]:
    """A row per draft: its round, title, brackets, options, and terms agreed of those open."""
    rows = []
    for version in record.versions:
        if version.draft is None or version.round is None:
            continue
        agreed, total = _agreed(version.terms)
        counts = (version.draft.bracket_count, version.draft.option_count)
        rows.append(
            [
                labels.get(version.round, version.round),
                version.title,
                *("-" if c is None else str(c) for c in counts),
                f"{agreed} of {total}",
            ]
        )
    return ["round", "draft", "brackets", "options", "terms agreed"], rows


def _agreed(terms: tuple[Term, ...]) -> tuple[int, int]:
    """How many terms are agreed (ad referendum or finally), of those still on the table."""
    live = [t for t in terms if t.status.rank is not None]
    return sum(t.status.settled for t in live), len(live)


def term_lines(negotiation: Negotiation, record: ProposalRecord) -> list[str]:
    """Each term: its status from version to version, its latest wording, its options."""
    n = negotiation
    history: dict[str, list[tuple[str, Term]]] = {}
    for version in record.versions:
        for term in version.terms:
            history.setdefault(term.key, []).append((version.title, term))
    out = []
    for key, seen in history.items():
        term = seen[-1][1]
        steps: list[str] = []
        last = None
        for title, t in seen:
            if t.status is not last:
                steps.append(f"{status_words(t.status)} ({title})")
                last = t.status
        head = key
        if term.issue is not None and term.issue != key:
            head = f"{key}, {issue_title(n, term.issue)}"
        elif term.issue is not None:
            head = issue_title(n, term.issue)
        parts = [f"{head}: {' -> '.join(steps)}"]
        if term.value is not None and term.issue is not None:
            parts.append(value_words(n, term.issue, term.value))
        if term.text:
            parts.append(f'"{term.text}"')
        if term.alternatives:
            count = len(term.alternatives)
            parts.append(f"{count} option{'' if count == 1 else 's'}")
        out.append("; ".join(parts))
    return out


def amendment_words(
    negotiation: Negotiation,
    record: ProposalRecord,
    entry: tuple[str, Amendment, list[tuple[str, enum.Enum]]],
    labels: dict[str, str],
) -> str:
    """An amendment: who made it, to which term, what it proposes, and what became of it."""
    n = negotiation
    tabled, amendment, outcomes = entry
    who = " and ".join(party_name(n, p) for p in amendment.by) or "no party named"
    words = f"amendment {amendment.id} by {who} to {amendment.term}, {labels.get(tabled, tabled)}"
    issues = [t.issue for v in record.versions for t in v.terms if t.key == amendment.term]
    proposed = []
    if amendment.value is not None:
        issue = next((i for i in issues if i is not None), None)
        proposed.append(
            str(amendment.value) if issue is None else value_words(n, issue, amendment.value)
        )
    if amendment.text:
        proposed.append(f'"{amendment.text}"')
    if proposed:
        words += f": {' '.join(proposed)}"
    steps = [status_words(o) + (f" ({labels[r]})" if r in labels else "") for r, o in outcomes]
    return f"{words}; {' -> '.join(steps)}"
