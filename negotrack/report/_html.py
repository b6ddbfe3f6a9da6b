"""HTML reports: one self-contained page per diff, report or timeline, charts drawn inline.

The pages need no network and run no script: styles are inline, fonts are the system's, charts
are inline SVG from `negotrack.report._charts`. Jinja2 (the ``html`` extra) fills the templates in
``negotrack/report/templates`` with autoescaping on, so analyst text is escaped (`inert` first
replaces its control characters); the charts escape their own text and are the only markup the
templates insert as it is. Only ``http``, ``https`` and ``mailto`` addresses become links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.diff._changes import Meaning
from negotrack.model._chronology import MomentKind
from negotrack.model._errors import MissingExtraError
from negotrack.report._html_parts import (
    Held,
    change_key,
    diff_sections,
    events_between,
    issue_rows,
    measure_words,
    round_of,
)
from negotrack.report._html_record import inert, record_context
from negotrack.report._issue_charts import COLUMNS, day, issue_chart
from negotrack.report._labels import (
    MEANING_SYMBOLS,
    issue_title,
    number,
    on_scale,
    party_name,
)
from negotrack.report._lead import diff_lead, revision_rows, run_lead
from negotrack.report._palette import party_styles
from negotrack.report._quotes import safe_url
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
from negotrack.report._words import (
    TABLE_ROWS,
    carried_issue_words,
    is_round_diff,
    moment_row,
    moments,
    stretch_label,
    table_stretches,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    import jinja2

    from negotrack.diff._changes import Diff
    from negotrack.diff._measures import IssueMeasures
    from negotrack.diff._timeline import Timeline
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._rounds import Round

__all__ = ["HtmlRenderer"]


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
            finalize=inert,
        )

    def _page(self, template: str, negotiation: Negotiation, **context: Any) -> str:
        return self._env.get_template(template).render(
            n=negotiation,
            symbols=READING_SYMBOLS | {m.value: s for m, s in MEANING_SYMBOLS.items()},
            day=day,
            number=number,
            on_scale=on_scale,
            zone=lambda issue, measures: measure_words(issue, measures)["zone"],
            **context,
        )

    def diff(self, negotiation: Negotiation, diff: Diff) -> str:
        """The changes between two rounds (or versions), issue by issue, with charts and quotes."""
        rounds = [round_of(negotiation, diff.before), round_of(negotiation, diff.after)]
        sections, others = diff_sections(negotiation, diff, rounds)
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
            revisions=revision_rows(negotiation, diff),
            sections=sections,
            events=[(day(e.date), e) for e in events_between(negotiation, *rounds)],
            others=others,
            issues=issue_rows(negotiation, diff, verdicts),
            carried=[
                (party_name(negotiation, c.party), carried_issue_words(negotiation, c), c.round)
                for c in diff.carried
            ],
        )

    def report(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """The whole story: per issue a chart, the verdict and a table; proposals; evidence."""
        return self._story(negotiation, timeline, charts=True)

    def timeline(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """Each issue's positions round by round, as tables (the report without its charts)."""
        return self._story(negotiation, timeline, charts=False)

    def _story(self, negotiation: Negotiation, timeline: Timeline, *, charts: bool) -> str:
        rounds = [negotiation.round(r) for r in timeline.rounds]
        at = {r.id: i for i, r in enumerate(rounds)}
        events = [*negotiation.events, *(e for r in rounds for e in r.events)]
        styles = party_styles(negotiation)
        issues = []
        run = run_verdicts(negotiation, timeline)
        long = charts and len(rounds) > TABLE_ROWS  # an aggregate: each chart counts its events
        most = COLUMNS if long else TABLE_ROWS  # and a long run's table rows are its columns
        record = record_context(negotiation, timeline, full=charts, most=most)
        for issue_id, track in timeline.issues.items():
            issue = negotiation.issue(issue_id)
            held: list[Held] = [{} for _ in rounds]
            for p in track.points:
                held[at[p.round]][p.party] = (p.position, p.carried)
            marks = {at[t.round] for t in track.turning_points}
            holding = {p.party for p in track.points}
            parties = [p for p in styles if p in holding]
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
                        grouped=long,
                    ),
                    "key": change_key(negotiation, parties, styles),
                    "parties": [(p, party_name(negotiation, p)) for p in parties],
                    "rows": _table_rows(
                        negotiation, rounds, held, track.measures, marks, most=most
                    ),
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
            long=long,
            sources=[(s, safe_url(s.url)) for s in negotiation.sources],
            **record,
        )


def _table_rows(
    negotiation: Negotiation,
    rounds: list[Round],
    held: list[Held],
    measures: Sequence[IssueMeasures],
    marks: set[int],
    *,
    most: int = TABLE_ROWS,
) -> list[dict[str, Any]]:
    """An issue's table: a row per round, or per stretch in a long run (`table_stretches`).

    A stretch shows what stood at its last round; a position in it counts as carried when no
    round of the stretch stated it; it is highlighted when a turning point falls in it.
    """
    rows = []
    ids = [r.id for r in rounds]
    for stretch in table_stretches(len(rounds), most):
        end = stretch[-1]
        cells = {}
        # the parties some round of the stretch stated a position of (the last one: itself)
        stated = {p for k in stretch[:-1] for p, (_, carried) in held[k].items() if not carried}
        for pid, (position, carried) in held[end].items():
            cells[pid] = (position, carried and pid not in stated)
        label = stretch_label(negotiation, ids, stretch, write=day)
        rows.append(
            {
                "label": label,
                "held": cells,
                "measures": measures[end],
                "turning": any(k in marks for k in stretch),
            }
        )
    return rows
