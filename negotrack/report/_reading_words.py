"""What every renderer says of a round diff's readings and like-for-like verdicts.

A round diff lists every change; `negotrack.readings` says what each party's moves on an issue
(or its stance on a proposal) add up to, and `negotrack.issue_verdicts` whether the parties on an
issue converged, like for like. The renderers show both through these words, so a reading reads
the same in a terminal, a memo, a web page and the JSON. A version diff has neither.

Only the readings of parties whose moves the diff shows are shown: a diff filtered to one party
or issue keeps that party's or issue's readings, and the verdicts of the issues it measures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, NamedTuple

from negotrack.diff._measures import Verdict
from negotrack.diff._readings import ReadingKind
from negotrack.diff._verdicts import issue_verdicts, readings
from negotrack.diff._verdicts import run_verdicts as _run_verdicts
from negotrack.report._labels import issue_title, party_name, proposal_title
from negotrack.report._words import is_round_diff, value_words

if TYPE_CHECKING:
    from collections.abc import Iterable

    from negotrack.diff._changes import Diff
    from negotrack.diff._readings import Reading
    from negotrack.diff._timeline import IssueTimeline, Timeline
    from negotrack.diff._verdicts import IssueVerdict
    from negotrack.model._negotiation import Negotiation

__all__ = [
    "COUNTED",
    "COUNT_HEADINGS",
    "READING_SYMBOLS",
    "Shown",
    "diff_readings",
    "diff_verdicts",
    "no_readings_words",
    "reading_counts",
    "reading_summary",
    "readings_under",
    "run_converging",
    "run_verdict",
    "run_verdicts",
    "run_words_for",
    "verdict_words",
]

#: The kinds of reading the summaries count, in their columns' order.
COUNTED: Final = (ReadingKind.CONCESSION, ReadingKind.HARDENING, ReadingKind.MIXED)
#: The column headings of the summaries' per-party counts.
COUNT_HEADINGS: Final = ("concessions", "hardenings", "mixed")
#: One character per reading for the HTML badges, as `MEANING_SYMBOLS` for changes.
READING_SYMBOLS: Final = {
    ReadingKind.CONCESSION.value: "+",
    ReadingKind.HARDENING.value: "-",
    ReadingKind.MIXED.value: "\u00b1",
    ReadingKind.NEUTRAL.value: "~",
}


class Shown(NamedTuple):
    """A reading as the reports show it: the reading and its headline."""

    reading: Reading
    headline: str  # "UAW: concession on Wages, 46% -> 40%"

    @property
    def words(self) -> str:
        """The headline and, in parentheses, the reason."""
        return f"{self.headline} ({self.reading.because})"


def diff_readings(negotiation: Negotiation, diff: Diff) -> list[Shown]:
    """The readings a round diff shows, issues then proposals in dossier order, parties too.

    A reading is shown when the diff holds a change by its party on its issue (overall, not at
    one table) or on its proposal. A version diff has none.
    """
    if not is_round_diff(negotiation, diff):
        return []
    shown = {
        (c.party, c.issue if c.proposal is None else None, c.proposal)
        for c in diff.changes
        if c.party is not None and c.table is None
    }
    found = [
        r
        for r in readings(negotiation, diff.before, diff.after)
        if (r.party, r.issue, r.proposal) in shown
    ]
    old = negotiation.effective_positions(diff.before)
    new = negotiation.effective_positions(diff.after)
    out = []
    for reading in found:
        subject = (
            proposal_title(negotiation, reading.proposal)
            if reading.issue is None and reading.proposal is not None
            else issue_title(negotiation, reading.issue)
        )
        headline = f"{party_name(negotiation, reading.party)}: {reading.reading.value} on {subject}"
        if reading.issue is not None:
            a, b = old.get((reading.party, reading.issue)), new.get((reading.party, reading.issue))
            x0 = None if a is None else a.value.preferred
            x1 = None if b is None else b.value.preferred
            if x0 is not None and x1 is not None and x0 != x1:
                before, after = (value_words(negotiation, reading.issue, x) for x in (x0, x1))
                headline += f", {before} -> {after}"
        out.append(Shown(reading, headline))
    issues = {issue.id: i for i, issue in enumerate(negotiation.issues)}
    proposals = {proposal.id: i for i, proposal in enumerate(negotiation.proposals)}
    parties = {party.id: i for i, party in enumerate(negotiation.parties)}

    def place(item: Shown) -> tuple[bool, int, int, str]:
        r = item.reading
        topic = (
            issues.get(r.issue, len(issues))
            if r.issue is not None
            else proposals.get(r.proposal or "", len(proposals))
        )
        return r.issue is None, topic, parties.get(r.party, len(parties)), r.party

    return sorted(out, key=place)


def diff_verdicts(negotiation: Negotiation, diff: Diff) -> dict[str, IssueVerdict]:
    """The like-for-like verdict of each issue the round diff measures; none for a version diff."""
    if not is_round_diff(negotiation, diff):
        return {}
    found = issue_verdicts(negotiation, diff.before, diff.after)
    return {issue: v for issue, v in found.items() if issue in diff.measures}


def no_readings_words(diff: Diff) -> str:
    """What a summary says when a round diff shows no reading: whether any party changed at all.

    A party's changes may add up to no reading: a position first recorded, a move at one table,
    an amendment or a stance first stated.
    """
    if any(c.party is not None or c.by for c in diff.changes):
        return "No party's moves add up to a reading."
    return "No party moved."


def verdict_words(verdict: IssueVerdict) -> str:
    """A like-for-like verdict and its reason: ``like for like converging: ... distance fell``."""
    return f"like for like {verdict.verdict.value}: {verdict.because}"


def reading_counts(negotiation: Negotiation, shown: Iterable[Shown]) -> list[tuple[str, list[int]]]:
    """Each party with a reading, in dossier order, and its count of each kind in `COUNTED`."""
    counts: dict[str, list[int]] = {}
    for item in shown:
        tally = counts.setdefault(item.reading.party, [0] * len(COUNTED))
        if item.reading.reading in COUNTED:
            tally[COUNTED.index(item.reading.reading)] += 1
    order = {party.id: i for i, party in enumerate(negotiation.parties)}
    return sorted(counts.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0]))


def reading_summary(negotiation: Negotiation, diff: Diff, shown: list[Shown]) -> dict[str, Any]:
    """How many readings of each kind, `reading_counts` with the parties' names, or why none."""
    return {
        "total": len(shown),
        "none": no_readings_words(diff),
        "kinds": {k.value: sum(s.reading.reading is k for s in shown) for k in ReadingKind},
        "parties": [(party_name(negotiation, p), c) for p, c in reading_counts(negotiation, shown)],
    }


def readings_under(shown: Iterable[Shown], issue: str | None, proposal: str | None) -> list[Shown]:
    """The readings that go under an issue's heading, or a proposal's."""
    return [
        s
        for s in shown
        if (issue is not None and s.reading.issue == issue)
        or (proposal is not None and s.reading.issue is None and s.reading.proposal == proposal)
    ]


def run_verdicts(negotiation: Negotiation, timeline: Timeline) -> dict[str, IssueVerdict]:
    """Each issue's like-for-like verdict over the timeline's run (`negotrack.diff._verdicts`)."""
    return _run_verdicts(negotiation, timeline.rounds, timeline.issues.keys())


def run_words_for(run: dict[str, IssueVerdict], issue: str) -> str:
    """An issue's verdict over the run with its reason: ``converging (like-for-like ...)``."""
    verdict = run.get(issue)
    if verdict is None:
        return "unchanged (fewer than two rounds)"
    return f"{verdict.verdict.value} ({verdict.because})"


def run_verdict(run: dict[str, IssueVerdict], track: IssueTimeline) -> Verdict:
    """The like-for-like verdict over the run, else (fewer than two rounds) the timeline's."""
    found = run.get(track.issue)
    return track.verdict if found is None else found.verdict


def run_converging(run: dict[str, IssueVerdict]) -> list[str]:
    """Ids of the issues converging over the run, like for like."""
    return [i for i, v in run.items() if v.verdict is Verdict.CONVERGING]
