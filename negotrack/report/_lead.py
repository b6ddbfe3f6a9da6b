"""The summary a reader wants first, at the top of every round diff and every report.

Per party, its readings by issue (or proposal) in one table: a row per party, a cell per kind of
reading listing the issues it went that way on, so the table stays narrow however many issues
there are. Then the issues converging and diverging, like for like, each with its one-line
reason; then, for draft texts, the brackets before and after. A round diff reads from its two
rounds; a report over the whole run, from the first round to the last. Every renderer shows
this `Lead` in the same order, so text, Markdown and HTML say the same things.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, NamedTuple

from negotrack.diff._changes import Meaning
from negotrack.diff._measures import Verdict
from negotrack.diff._readings import ReadingKind
from negotrack.diff._verdicts import readings
from negotrack.report._labels import issue_title, party_name, proposal_title
from negotrack.report._reading_words import (
    COUNTED,
    diff_readings,
    diff_verdicts,
    run_verdicts,
)
from negotrack.report._words import EDIT_KINDS, TABLE_ROWS, is_round_diff

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from negotrack.diff._changes import Diff
    from negotrack.diff._readings import Reading
    from negotrack.diff._timeline import Timeline
    from negotrack.diff._verdicts import IssueVerdict
    from negotrack.model._negotiation import Negotiation

__all__ = [
    "KINDS",
    "LEAD_HEADINGS",
    "MOVE_HEADINGS",
    "REVISION_HEADINGS",
    "Lead",
    "diff_lead",
    "lead_cells",
    "revision_rows",
    "run_lead",
    "version_moves",
]

#: The kinds of reading the table shows, in its columns' order: every kind, neutral last.
KINDS: Final = (*COUNTED, ReadingKind.NEUTRAL)
#: The columns of the readings table: the party, then one per kind of reading.
LEAD_HEADINGS: Final = ("party", *(kind.value for kind in KINDS))
#: The columns of a version diff's table of the readings its edit changed.
REVISION_HEADINGS: Final = ("rounds", "party", "on", "before the edit", "after the edit", "why")
#: The columns of a version diff's table of moves by party.
MOVE_HEADINGS: Final = ("party", "concessions", "hardenings")


class Lead(NamedTuple):
    """What a summary leads with, in words ready to render (not yet escaped)."""

    #: Each party with a reading, in dossier order: per kind in `KINDS`, the titles.
    parties: list[tuple[str, list[list[str]]]]
    #: ``("Converging", [(issue title, reason), ...])``, then the same for diverging.
    verdicts: list[tuple[str, list[tuple[str, str]]]]
    #: Each draft text in force in either round: its title, brackets before and after.
    drafts: list[tuple[str, int | None, int | None]]

    def verdict_lines(self) -> list[str]:
        """``Converging: Wages (like-for-like distance fell); Venue (...)``, then diverging."""
        return [
            f"{word}: " + ("; ".join(f"{t} ({why})" for t, why in items) or "none")
            for word, items in self.verdicts
        ]

    def draft_line(self) -> str | None:
        """``Brackets in the draft texts: Outcome 12 -> 4``; None without draft texts."""
        if not self.drafts:
            return None
        words = "; ".join(
            f"{title} {_count(old)} -> {_count(new)}" for title, old, new in self.drafts
        )
        return f"Brackets in the draft texts: {words}"


def diff_lead(negotiation: Negotiation, diff: Diff) -> Lead | None:
    """The lead of a round diff (the readings it shows, its verdicts); None for a version diff."""
    if not is_round_diff(negotiation, diff):
        return None
    found = [s.reading for s in diff_readings(negotiation, diff)]
    return _lead(negotiation, found, diff_verdicts(negotiation, diff), diff.before, diff.after)


def run_lead(negotiation: Negotiation, timeline: Timeline) -> Lead:
    """The lead of a report: readings and verdicts from the run's first round to its last."""
    rounds = timeline.rounds
    if len(rounds) < 2:
        return Lead([], _verdicts(negotiation, {}), [])
    found = [
        r
        for r in readings(negotiation, rounds[0], rounds[-1])
        if r.issue is None or r.issue in timeline.issues
    ]
    run = run_verdicts(negotiation, timeline)
    return _lead(negotiation, found, run, rounds[0], rounds[-1])


def revision_rows(n: Negotiation, diff: Diff) -> tuple[list[list[str]], str | None]:
    """A version diff's readings that its edit changed, as plain cells, and a note of the rest.

    At most `TABLE_ROWS` rows, in the new version's round order; the JSON diff lists them all.
    """
    rows = []
    for r in diff.revisions[:TABLE_ROWS]:
        subject = (
            issue_title(n, r.issue) if r.issue is not None else proposal_title(n, r.proposal or "")
        )
        was, now = ("none" if k is None else k.value for k in (r.old, r.new))
        rows.append(
            [f"{r.before} to {r.after}", party_name(n, r.party), subject, was, now, r.because]
        )
    more = len(diff.revisions) - TABLE_ROWS
    return rows, (f"And {more} more; the JSON diff lists them all." if more > 0 else None)


def version_moves(n: Negotiation, diff: Diff) -> list[list[str]]:
    """A version diff's concessions and hardenings among its changes, counted per party."""
    counts: dict[str, list[int]] = {p.id: [0, 0] for p in n.parties}
    for change in diff.changes:
        if change.party is not None and change.kind not in EDIT_KINDS:
            tally = counts.setdefault(change.party, [0, 0])
            tally[0] += change.meaning is Meaning.CONCESSION
            tally[1] += change.meaning is Meaning.HARDENING
    moved = {p for c in diff.changes if c.kind not in EDIT_KINDS for p in (c.party, *c.by)}
    return [[party_name(n, p), str(c), str(h)] for p, (c, h) in counts.items() if p in moved]


def lead_cells(lead: Lead) -> list[list[str]]:
    """The readings table's rows as plain cells: the party, then each kind's titles, joined."""
    return [[name, *("; ".join(titles) for titles in kinds)] for name, kinds in lead.parties]


def _lead(
    n: Negotiation,
    found: Iterable[Reading],
    verdicts: Mapping[str, IssueVerdict],
    before: str,
    after: str,
) -> Lead:
    by_party: dict[str, list[list[str]]] = {}
    for reading in sorted(found, key=lambda r: _place(n, r)):
        cells = by_party.setdefault(reading.party, [[] for _ in KINDS])
        subject = (
            issue_title(n, reading.issue)
            if reading.issue is not None
            else proposal_title(n, reading.proposal or "")
        )
        cells[KINDS.index(reading.reading)].append(subject)
    parties = [(party_name(n, p), cells) for p, cells in by_party.items()]
    return Lead(parties, _verdicts(n, verdicts), _drafts(n, before, after))


def _place(n: Negotiation, reading: Reading) -> tuple[int, bool, int, str]:
    """Parties in dossier order; within one, issues before proposals, each in dossier order."""
    parties = [p.id for p in n.parties]
    party = parties.index(reading.party) if reading.party in parties else len(parties)
    if reading.issue is not None:
        issues = [i.id for i in n.issues]
        topic = issues.index(reading.issue) if reading.issue in issues else len(issues)
    else:
        proposals = [p.id for p in n.proposals]
        topic = proposals.index(reading.proposal) if reading.proposal in proposals else 0
    return party, reading.issue is None, topic, reading.party


def _verdicts(
    n: Negotiation, verdicts: Mapping[str, IssueVerdict]
) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (
            word.value.capitalize(),
            [(issue_title(n, i), v.because) for i, v in verdicts.items() if v.verdict is word],
        )
        for word in (Verdict.CONVERGING, Verdict.DIVERGING)
    ]


def _drafts(n: Negotiation, before: str, after: str) -> list[tuple[str, int | None, int | None]]:
    old, new = n.effective_drafts(before), n.effective_drafts(after)
    order = [p.id for p in n.proposals]
    found = sorted({*old, *new}, key=lambda p: (order.index(p) if p in order else len(order), p))
    out = []
    for proposal in found:
        was, now = old.get(proposal), new.get(proposal)
        counts = [None if d is None else d.value.bracket_count for d in (was, now)]
        if counts != [None, None]:
            out.append((proposal_title(n, proposal), counts[0], counts[1]))
    return out


def _count(count: int | None) -> str:
    return "?" if count is None else str(count)
