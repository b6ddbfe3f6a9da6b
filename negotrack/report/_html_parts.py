"""The pieces of the HTML pages: a diff's sections and rows, an issue's rows, a round's events.

What `negotrack.report._html.HtmlRenderer` hands its templates, worked out apart from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from negotrack.diff._changes import ChangeKind
from negotrack.model._errors import UnknownIdError
from negotrack.report._issue_charts import issue_chart
from negotrack.report._labels import (
    BOTH_SIDES,
    MEANING_SYMBOLS,
    change_sentence,
    describe_value,
    kind_words,
    move_size,
    on_scale,
    party_name,
    proposal_title,
    topic_words,
)
from negotrack.report._palette import party_styles
from negotrack.report._quotes import quote_data
from negotrack.report._svg import swatch_svg

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from negotrack.diff._changes import Change, Diff
    from negotrack.diff._measures import IssueMeasures
    from negotrack.diff._verdicts import IssueVerdict
    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Position
    from negotrack.model._rounds import Round

__all__ = [
    "Held",
    "change_key",
    "change_row",
    "diff_sections",
    "events_between",
    "grouped",
    "held_in",
    "issue_rows",
    "measure_words",
    "round_of",
]


#: Kinds shown as one sentence, not as old -> new.
_SENTENCES: Final = {ChangeKind.EDITED, ChangeKind.ADDED, ChangeKind.REMOVED}

#: A party's position in one column of a chart or table, and whether it carries.
Held = dict[str, tuple["Position", bool]]


def change_key(
    negotiation: Negotiation, parties: Iterable[str], styles: Mapping[str, int]
) -> list[tuple[str, str]]:
    """A chart's key: each party's name and marker."""
    return [(party_name(negotiation, p), swatch_svg(styles[p])) for p in parties]


def round_of(negotiation: Negotiation, round_id: str) -> Round | None:
    """The round of that id, or None (a version diff's labels are not rounds)."""
    try:
        return negotiation.round(round_id)
    except UnknownIdError:
        return None


# -- words -----------------------------------------------------------------------------------


def measure_words(issue: Issue, measures: IssueMeasures | None) -> dict[str, str]:
    """Gap and zone of agreement in words."""
    if measures is None:
        return {"gap": "n/a", "zone": "n/a"}
    gap = "not measurable" if measures.gap is None else f"{measures.gap:.0%} of the scale"
    if measures.zone_exists is None:
        zone = "not stated"
    elif not measures.zone_exists:
        zone = "none"
    else:
        zone = on_scale(issue, measures.zone)
    return {"gap": gap, "zone": zone}


def change_row(
    negotiation: Negotiation, change: Change, evidence: list[str], *, lead: bool
) -> dict[str, Any]:
    """A change for the page: meaning, words (with ``lead``, led by who and its topic), values."""
    old = new = None
    if change.kind in _SENTENCES or change.detail:
        words = change_sentence(negotiation, change)
    else:
        words = kind_words(negotiation, change)
        both = change.kind in BOTH_SIDES
        if change.before is not None or both:
            old = describe_value(negotiation, change, change.before)
        if change.after is not None or both:
            new = describe_value(negotiation, change, change.after)
    if lead and change.kind not in _SENTENCES:
        who = party_name(negotiation, change.party)
        heading = ", ".join(x for x in (who, topic_words(negotiation, change, issue=True)) if x)
        words = f"{heading}: {words}" if heading else words
    toward = [
        f"{t.direction.value} {party_name(negotiation, t.party)}"
        for t in change.toward
        if t.direction.value != "neither"
    ]
    extras = "; ".join(x for x in (move_size(negotiation, change), ", ".join(toward)) if x)
    evidence += [s for s in dict.fromkeys(change.evidence) if s not in evidence]
    return {
        "meaning": change.meaning.value,
        "symbol": MEANING_SYMBOLS[change.meaning],
        "words": words,
        "old": old,
        "new": new,
        "extras": extras,
        "refs": [evidence.index(s) + 1 for s in change.evidence],
    }


def grouped(
    negotiation: Negotiation, changes: Iterable[Change], *, lead: bool = False
) -> dict[str, Any]:
    """Changes that share a heading, with the quotes they cite numbered once."""
    evidence: list[str] = []
    items = [change_row(negotiation, c, evidence, lead=lead) for c in changes]
    return {"changes": items, "quotes": [quote_data(negotiation, s) for s in evidence]}


def diff_sections(
    negotiation: Negotiation, diff: Diff, rounds: list[Round | None]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per issue: measures, chart and changes by party; then proposals, parties and edits."""
    styles = party_styles(negotiation)
    before, after = rounds
    events = events_between(negotiation, before, after)
    by_issue: dict[str, list[Change]] = {}
    others: dict[tuple[str, str], list[Change]] = {}
    for change in diff.changes:
        if change.issue is not None and change.proposal is None and change.kind not in _SENTENCES:
            by_issue.setdefault(change.issue, []).append(change)
        elif change.proposal is not None:
            title = proposal_title(negotiation, change.proposal)
            others.setdefault(("Proposal", title), []).append(change)
        elif change.kind in _SENTENCES:
            others.setdefault(("Dossier", "edits"), []).append(change)
        else:
            others.setdefault(("Party", party_name(negotiation, change.party)), []).append(change)
    sections = []
    for issue_id in [i.id for i in negotiation.issues if i.id in by_issue]:
        issue = negotiation.issue(issue_id)
        measures = diff.measures.get(issue_id)
        parties: dict[str, list[Change]] = {}
        for change in by_issue[issue_id]:
            parties.setdefault(change.party or "", []).append(change)
        chart, key = "", []
        if measures is not None and before is not None and after is not None:
            held = [held_in(negotiation, issue_id, r.id) for r in (before, after)]
            chart = issue_chart(
                negotiation,
                issue,
                rounds=(before, after),
                held=held,
                measures=measures,
                styles=styles,
                events=events,
            )
            key = change_key(negotiation, [p for p in styles if any(p in h for h in held)], styles)
        sections.append(
            {
                "issue": issue,
                "chart": chart,
                "key": key,
                "measures": [measure_words(issue, m) for m in measures] if measures else [],
                "tables": [
                    (
                        party_name(negotiation, t.first),
                        party_name(negotiation, t.second),
                        [measure_words(issue, m) for m in pair],
                    )
                    for t, pair in diff.tables.items()
                    if t.issue == issue_id
                ],
                "parties": [
                    (party_name(negotiation, party), grouped(negotiation, changes))
                    for party, changes in parties.items()
                ],
            }
        )
    rest = [
        {
            "kind": k,
            "title": t,
            "proposal": c[0].proposal,
            **grouped(negotiation, c, lead=k == "Proposal"),
        }
        for (k, t), c in others.items()
    ]
    return sections, rest


def events_between(
    negotiation: Negotiation, before: Round | None, after: Round | None
) -> list[Any]:
    """The context events from one round to the other, by date, as the page lists them."""
    if before is None or after is None:
        return []
    everything = [*negotiation.events, *(e for r in negotiation.rounds for e in r.events)]
    chosen = [e for e in everything if before.when <= e.date <= after.when]
    return sorted(chosen, key=lambda e: (e.date, e.id))


def issue_rows(
    negotiation: Negotiation, diff: Diff, like_for_like: Mapping[str, IssueVerdict]
) -> list[dict[str, Any]]:
    """The summary table: gap, zone and verdict of each issue measured in either round or changed.

    A change is news even with no gap to measure. Verdicts are like for like, if there are any.
    """
    from negotrack.diff._measures import verdict  # noqa: PLC0415 - as in negotrack.report._serialise

    changed = {c.issue for c in diff.changes if c.proposal is None}
    rows = []
    for issue in negotiation.issues:
        if issue.id not in diff.measures:
            continue
        before, after = diff.measures[issue.id]
        if not (before.measurable or after.measurable or issue.id in changed):
            continue
        words = [measure_words(issue, m) for m in (before, after)]
        rows.append(
            {
                "issue": issue,
                "before": words[0],
                "after": words[1],
                "verdict": (
                    like_for_like[issue.id].verdict
                    if issue.id in like_for_like
                    else verdict(before, after)
                ).value,
            }
        )
    return rows


def held_in(negotiation: Negotiation, issue_id: str, round_id: str) -> Held:
    """The positions in force on an issue in a round, by party, and whether each carries."""
    return {
        party: (e.value, e.carried)
        for (party, issue), e in negotiation.effective_positions(round_id).items()
        if issue == issue_id
    }
