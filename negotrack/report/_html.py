"""HTML reports: one self-contained page per diff, report or timeline, charts drawn inline.

The pages need no network and run no script: styles are inline, fonts are the system's, charts
are inline SVG from `negotrack.report._charts`. Jinja2 (the ``html`` extra) fills the templates in
``negotrack/report/templates`` with autoescaping on, so every piece of analyst text is escaped; the
charts escape their own text and are the only markup the templates insert as it is. Links are
made only from ``http``, ``https`` and ``mailto`` addresses; any other address is shown as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from negotrack.diff._changes import ChangeKind, Meaning
from negotrack.model._chronology import MomentKind
from negotrack.model._errors import MissingExtraError, UnknownIdError
from negotrack.report._charts import swatch_svg
from negotrack.report._issue_charts import day, issue_chart
from negotrack.report._labels import (
    BOTH_SIDES,
    MEANING_SYMBOLS,
    change_sentence,
    describe_value,
    issue_title,
    kind_words,
    move_size,
    number,
    on_scale,
    party_name,
    proposal_title,
    topic_words,
)
from negotrack.report._lead import diff_lead, run_lead
from negotrack.report._quotes import quote_data, safe_url
from negotrack.report._reading_words import (
    READING_SYMBOLS,
    diff_readings,
    diff_verdicts,
    reading_summary,
    readings_under,
    run_converging,
    run_verdict,
    run_verdicts,
)
from negotrack.report._words import carried_issue_words, is_round_diff, moment_row, moments

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    import jinja2

    from negotrack.diff._changes import Change, Diff
    from negotrack.diff._measures import IssueMeasures
    from negotrack.diff._timeline import Timeline
    from negotrack.diff._verdicts import IssueVerdict
    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Position
    from negotrack.model._rounds import Round

__all__ = ["HtmlRenderer"]

#: Kinds shown as one sentence, not as old -> new.
_SENTENCES: Final = {ChangeKind.EDITED, ChangeKind.ADDED, ChangeKind.REMOVED}

#: A party's position in one column of a chart or table, and whether it carries.
Held = dict[str, tuple["Position", bool]]


class HtmlRenderer:
    """Renders diffs, reports and timelines as self-contained HTML5 pages.

    Raises:
        MissingExtraError: On creation, when Jinja2 (the ``html`` extra) is not installed.
    """

    def __init__(self) -> None:
        try:
            import jinja2  # noqa: PLC0415 - an optional extra, loaded only for HTML
        except ImportError as error:
            raise MissingExtraError("HTML reports", "html", "Jinja2") from error
        self._env: jinja2.Environment = jinja2.Environment(
            loader=jinja2.PackageLoader("negotrack.report", "templates"),
            autoescape=jinja2.select_autoescape(("html", "j2"), default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def _page(self, template: str, negotiation: Negotiation, **context: Any) -> str:
        return self._env.get_template(template).render(
            n=negotiation,
            symbols=READING_SYMBOLS | {m.value: s for m, s in MEANING_SYMBOLS.items()},
            day=day,
            number=number,
            on_scale=on_scale,
            zone=lambda issue, measures: _measure_words(issue, measures)["zone"],
            **context,
        )

    def diff(self, negotiation: Negotiation, diff: Diff) -> str:
        """The changes between two rounds (or versions), issue by issue, with charts and quotes."""
        rounds = [_round(negotiation, diff.before), _round(negotiation, diff.after)]
        sections, others = _diff_sections(negotiation, diff, rounds)
        counts = {m.value: sum(c.meaning is m for c in diff.changes) for m in Meaning}
        shown, verdicts = diff_readings(negotiation, diff), diff_verdicts(negotiation, diff)
        for section in sections:
            section["readings"] = readings_under(shown, section["issue"].id, None)
            section["verdict"] = verdicts.get(section["issue"].id)
        for other in others:
            other["readings"] = readings_under(shown, None, other["proposal"])
        return self._page(
            "diff.html.j2",
            negotiation,
            diff=diff,
            rounds=rounds,
            counts=counts,
            readings=is_round_diff(negotiation, diff) and reading_summary(negotiation, diff, shown),
            lead=diff_lead(negotiation, diff),
            sections=sections,
            others=others,
            issues=_issue_rows(negotiation, diff, verdicts),
            carried=[
                (party_name(negotiation, c.party), carried_issue_words(negotiation, c), c.round)
                for c in diff.carried
            ],
        )

    def report(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """The whole story: per issue a chart across all rounds, the verdict and a table."""
        return self._story(negotiation, timeline, charts=True)

    def timeline(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """Each issue's positions round by round, as tables (the report without its charts)."""
        return self._story(negotiation, timeline, charts=False)

    def _story(self, negotiation: Negotiation, timeline: Timeline, *, charts: bool) -> str:
        rounds = [negotiation.round(r) for r in timeline.rounds]
        at = {r.id: i for i, r in enumerate(rounds)}
        events = [*negotiation.events, *(e for r in rounds for e in r.events)]
        styles = _styles(negotiation)
        issues = []
        run = run_verdicts(negotiation, timeline)
        for issue_id, track in timeline.issues.items():
            issue = negotiation.issue(issue_id)
            held: list[Held] = [{} for _ in rounds]
            for p in track.points:
                held[at[p.round]][p.party] = (p.position, p.carried)
            marks = {at[t.round] for t in track.turning_points}
            parties = [p for p in styles if any(p in h for h in held)]
            issues.append(
                {
                    "issue": issue,
                    "verdict": run_verdict(run, track).value,
                    "chart": charts
                    and issue_chart(
                        negotiation,
                        issue,
                        rounds=rounds,
                        held=held,
                        measures=track.measures,
                        styles=styles,
                        events=events,
                        turning=marks,
                    ),
                    "key": _key(negotiation, parties, styles),
                    "parties": [(p, party_name(negotiation, p)) for p in parties],
                    "held": held,
                    "marks": marks,
                    "measures": track.measures,
                    "turning": [
                        (
                            day(negotiation.round(t.round).when),
                            [party_name(negotiation, p) for p in t.parties],
                        )
                        for t in track.turning_points
                    ],
                }
            )
        return self._page(
            "report.html.j2",
            negotiation,
            charts=charts,
            rounds=rounds,
            moments=[
                (
                    negotiation.round(m.id) if m.kind is MomentKind.ROUND else None,
                    day(m.date),
                    moment_row(negotiation, m)[1],
                )
                for m in moments(negotiation, timeline)
            ],
            issues=issues,
            events=[(day(e.date), e) for e in sorted(events, key=lambda e: (e.date, e.id))],
            converging=[issue_title(negotiation, i) for i in run_converging(run)],
            lead=charts and len(rounds) > 1 and run_lead(negotiation, timeline),
            sources=[(s, safe_url(s.url)) for s in negotiation.sources],
        )


def _key(
    negotiation: Negotiation, parties: Iterable[str], styles: Mapping[str, int]
) -> list[tuple[str, str]]:
    """A chart's key: each party's name and marker."""
    return [(party_name(negotiation, p), swatch_svg(styles[p])) for p in parties]


def _round(negotiation: Negotiation, round_id: str) -> Round | None:
    """The round of that id, or None (a version diff's labels are not rounds)."""
    try:
        return negotiation.round(round_id)
    except UnknownIdError:
        return None


def _styles(negotiation: Negotiation) -> dict[str, int]:
    """A colour and shape per party that holds any position, in the dossier's party order."""
    holding = {p.party for r in negotiation.rounds for p in r.positions}
    ordered = [p.id for p in negotiation.parties if p.id in holding]
    return {party: index for index, party in enumerate(ordered)}


# -- words -----------------------------------------------------------------------------------


def _measure_words(issue: Issue, measures: IssueMeasures | None) -> dict[str, str]:
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


def _change(
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


def _group(
    negotiation: Negotiation, changes: Iterable[Change], *, lead: bool = False
) -> dict[str, Any]:
    """Changes that share a heading, with the quotes they cite numbered once."""
    evidence: list[str] = []
    items = [_change(negotiation, c, evidence, lead=lead) for c in changes]
    return {"changes": items, "quotes": [quote_data(negotiation, s) for s in evidence]}


def _diff_sections(
    negotiation: Negotiation, diff: Diff, rounds: list[Round | None]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per issue: measures, chart and changes by party; then proposals, parties and edits."""
    styles = _styles(negotiation)
    before, after = rounds
    events = []
    if before is not None and after is not None:
        everything = [*negotiation.events, *(e for r in negotiation.rounds for e in r.events)]
        events = [e for e in everything if before.when <= e.date <= after.when]
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
            held = [_held(negotiation, issue_id, r.id) for r in (before, after)]
            chart = issue_chart(
                negotiation,
                issue,
                rounds=(before, after),
                held=held,
                measures=measures,
                styles=styles,
                events=events,
            )
            key = _key(negotiation, [p for p in styles if any(p in h for h in held)], styles)
        sections.append(
            {
                "issue": issue,
                "chart": chart,
                "key": key,
                "measures": [_measure_words(issue, m) for m in measures] if measures else [],
                "tables": [
                    (
                        party_name(negotiation, t.first),
                        party_name(negotiation, t.second),
                        [_measure_words(issue, m) for m in pair],
                    )
                    for t, pair in diff.tables.items()
                    if t.issue == issue_id
                ],
                "parties": [
                    (party_name(negotiation, party), _group(negotiation, changes))
                    for party, changes in parties.items()
                ],
            }
        )
    rest = [
        {
            "kind": k,
            "title": t,
            "proposal": c[0].proposal,
            **_group(negotiation, c, lead=k == "Proposal"),
        }
        for (k, t), c in others.items()
    ]
    return sections, rest


def _issue_rows(
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
        words = [_measure_words(issue, m) for m in (before, after)]
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


def _held(negotiation: Negotiation, issue_id: str, round_id: str) -> Held:
    """The positions in force on an issue in a round, by party, and whether each carries."""
    return {
        party: (e.value, e.carried)
        for (party, issue), e in negotiation.effective_positions(round_id).items()
        if issue == issue_id
    }
