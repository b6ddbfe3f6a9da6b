"""Markdown: a brief to paste into a memo or a pull request.

A diff becomes a summary (each party's readings, or for a version diff its concessions and
hardenings; which issues converge, where a zone of possible agreement exists), one section per
issue or proposal with its parties' readings, a table of its changes and the quotes behind them,
and the sources as footnotes. Reports and timelines are tables per issue.
Every piece of analyst text is escaped, so a ``|`` or a line break cannot break a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from negotrack.diff._measures import Verdict, verdict
from negotrack.model._errors import UnknownIdError
from negotrack.report._dossier_parts import (
    amendment_words,
    position_words,
    proposal_lines,
    proposal_records,
    round_labels,
    term_lines,
    version_rows,
)
from negotrack.report._labels import (
    clipped,
    describe_value,
    issue_title,
    kind_words,
    party_name,
    topic_words,
    who_said,
    wording,
)
from negotrack.report._lead import (
    LEAD_HEADINGS,
    MOVE_HEADINGS,
    REVISION_HEADINGS,
    Lead,
    diff_lead,
    lead_cells,
    revision_rows,
    run_lead,
    version_moves,
)
from negotrack.report._md_parts import Cited, cell, escape, link, noted, table
from negotrack.report._reading_words import (
    diff_readings,
    diff_verdicts,
    no_readings_words,
    readings_under,
    run_verdicts,
    run_words_for,
    verdict_words,
)
from negotrack.report._shown import LONG_RUN_NOTE, shown_points
from negotrack.report._stance_parts import stance_lines, stance_rows
from negotrack.report._words import (
    CARRIED,
    TABLE_ROWS,
    carried_words,
    change_words,
    diff_heading,
    group_changes,
    is_round_diff,
    measure_words,
    moment_row,
    moments,
    run_words,
    table_lines,
    timeline_rows,
    turning_words,
    zone_words,
)

if TYPE_CHECKING:
    from negotrack.diff._changes import Change, Diff
    from negotrack.diff._timeline import IssueTimeline, Timeline
    from negotrack.model._evidence import Statement
    from negotrack.model._negotiation import Negotiation
    from negotrack.report._words import Group

__all__ = ["MarkdownRenderer"]

_CARRIED_NOTE: Final = (
    f"Values marked {CARRIED} carried forward from an earlier round, not restated."
)


class MarkdownRenderer:
    """GitHub-flavoured Markdown: headings, tables, block quotes and footnotes."""

    def diff(self, negotiation: Negotiation, diff: Diff) -> str:
        """Render a diff: summary, a section per issue and proposal, quotes, source footnotes."""
        n = negotiation
        cited = Cited()
        shown, verdicts = diff_readings(n, diff), diff_verdicts(n, diff)
        out = [f"# {escape(diff_heading(n, diff))}", "", "## Summary", ""]
        out += self._summary(n, diff, diff_lead(n, diff))
        for group in group_changes(n, diff):
            out += ["", f"## {escape(group.title)}", ""]
            lines = []
            if group.issue is not None and group.issue in diff.measures:
                words = measure_words(n, *diff.measures[group.issue])
                if group.issue in verdicts:
                    words += f"; {verdict_words(verdicts[group.issue])}"
                out += [f"{escape(_capital(words))}.", ""]
                lines = [
                    f"- {escape(_capital(line))}." for line in table_lines(n, diff, group.issue)
                ]
            lines += [
                f"- {escape(s.words)}" for s in readings_under(shown, group.issue, group.proposal)
            ]
            if lines:
                out += [*lines, ""]
            if group.edits:
                out += [f"- {escape(change_words(n, c, group))}" for c in group.loose]
                for party, changes in group.parties:
                    name = escape(party_name(n, party))
                    out += [f"- {name}: {escape(change_words(n, c, group))}" for c in changes]
                continue
            out += self._changes(n, group)
            out += self._quotes(n, group, cited)
        if cited.notes:
            out += ["", *cited.notes.values()]
        return "\n".join(out) + "\n"

    def report(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """Render the whole run: the rounds, the verdicts, then each issue's table."""
        n = negotiation
        out = [f"# {escape(n.title)}", ""]
        if n.description:
            out += [escape(n.description), ""]
        out += [f"{escape(run_words(n, timeline)).removesuffix(':')}.", ""]
        if len(timeline.rounds) > 1:
            out += ["## Summary, first round to last", "", *self._lead(run_lead(n, timeline)), ""]
        rows = [[escape(cell) for cell in moment_row(n, m)] for m in moments(n, timeline)]
        out += ["## Rounds", "", *table(["date", "what", "where"], rows), ""]
        run = run_verdicts(n, timeline)
        out.append(escape(_CARRIED_NOTE))
        labels = round_labels(n, timeline.rounds)
        for issue_id, track in timeline.issues.items():
            out += ["", *self._issue_table(n, timeline, issue_id), ""]
            turns = "; ".join(escape(turning_words(n, t, issue_id)) for t in track.turning_points)
            out.append(f"- **Verdict over the run:** {escape(run_words_for(run, issue_id))}")
            out.append(f"- **Turning points:** {turns or 'none'}")
            out += self._stated(n, track, labels)
        for record in proposal_records(n, timeline, rows_only=True):
            out += ["", f"## Proposal: {escape(record.proposal.title)}", ""]
            out += [f"- {escape(_capital(line))}." for line in proposal_lines(n, record)]
            for title, (headers, rows) in (
                ("Stances", stance_rows(n, record, labels)),
                ("Drafts", version_rows(n, record, labels)),
            ):
                if rows:
                    cells = [[cell(c) for c in row] for row in rows]
                    out += ["", f"### {title}", "", *table([cell(h) for h in headers], cells)]
            for title, lines in (
                ("Conditions of stances", stance_lines(n, record, labels)),
                ("Terms", term_lines(n, record)),
                ("Amendments", [amendment_words(n, record, a, labels) for a in record.amendments]),
            ):
                if lines:
                    out += ["", f"### {title}", "", *(f"- {escape(line)}" for line in lines)]
        if out[-1] == "":
            out.pop()
        return "\n".join(out) + "\n"

    def timeline(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """Per issue, a table of preferred values and the gap by round, then each position."""
        out = [f"# {escape(negotiation.title)}: timeline", "", escape(_CARRIED_NOTE)]
        labels = round_labels(negotiation, timeline.rounds)
        for issue_id, track in timeline.issues.items():
            out += ["", *self._issue_table(negotiation, timeline, issue_id)]
            out += self._stated(negotiation, track, labels)
        return "\n".join(out) + "\n"

    # -- pieces ----------------------------------------------------------------------------------

    @staticmethod
    def _stated(n: Negotiation, track: IssueTimeline, labels: dict[str, str]) -> list[str]:
        """Each position on the issue as a round states it, in full, under its own heading."""
        stated = [
            f"- **{escape(labels[p.round])}, {escape(party_name(n, p.party))}:** "
            + escape(position_words(n, track.issue, p.position))
            for p in shown_points(track, list(labels))
        ]
        if len(labels) > TABLE_ROWS and stated:
            stated = [f"{escape(LONG_RUN_NOTE.capitalize())}:", "", *stated]
        return ["", "### Positions as stated", "", *stated] if stated else []

    def _lead(self, lead: Lead) -> list[str]:
        """The summary first: readings by party and issue, verdicts with reasons, brackets."""
        rows = [[escape(c) for c in row] for row in lead_cells(lead)]
        out = [*table(list(LEAD_HEADINGS), rows), ""] if rows else []
        lines = [*lead.verdict_lines(), lead.draft_line()]
        for line in lines:
            if line is not None:
                word, _, rest = line.partition(": ")
                out.append(f"- **{escape(word)}:** {escape(rest)}")
        return out

    def _summary(self, n: Negotiation, diff: Diff, lead: Lead | None) -> list[str]:
        """The lead (a version diff: its changes by party), zones, what carried."""
        if lead is not None:
            out = self._lead(lead)
            if not lead.parties:
                out = [no_readings_words(diff), "", *out]
        else:
            out = self._revisions(n, diff)
            rows = [[escape(c) for c in row] for row in version_moves(n, diff)]
            moves = table(list(MOVE_HEADINGS), rows, frozenset({1, 2}))
            out += [*moves, ""] if rows else ["No party moved.", ""]
        if diff.measures and lead is None:
            verdicts = {i: verdict(*m) for i, m in diff.measures.items()}
            for word in (Verdict.CONVERGING, Verdict.DIVERGING):
                ids = [i for i, v in verdicts.items() if v is word]
                titles = "; ".join(escape(issue_title(n, i)) for i in ids) or "none"
                out.append(f"- **{word.value.capitalize()}:** {titles}")
        if diff.measures:
            zones = [
                f"{escape(issue_title(n, i))} ({escape(zone)})"
                for i, (_, after) in diff.measures.items()
                if (zone := zone_words(n, after)) is not None
            ]
            out.append(f"- **Zone of possible agreement:** {'; '.join(zones) or 'none'}")
        if is_round_diff(n, diff):
            out.append(f"- {carried_words(len(diff.carried)).capitalize()}.")
        if not diff.changes:
            out.append("- No changes.")
        return out if out[-1] else out[:-1]

    @staticmethod
    def _revisions(n: Negotiation, diff: Diff) -> list[str]:
        rows, more = revision_rows(n, diff)
        cells = [[escape(c) for c in r] for r in rows]
        out = ["Readings this edit changes:", "", *table(list(REVISION_HEADINGS), cells), ""]
        return [*out, *([more, ""] if more else [])] if rows else []

    def _changes(self, n: Negotiation, group: Group) -> list[str]:
        rows = [self._row(n, "", c, group) for c in group.loose]
        for party, changes in group.parties:
            name = escape(party_name(n, party))
            rows += [self._row(n, name if i == 0 else "", c, group) for i, c in enumerate(changes)]
        return table(["party", "change", "before", "after", "meaning"], rows)

    def _row(self, n: Negotiation, party: str, change: Change, group: Group) -> list[str]:
        what = kind_words(n, change)
        topic = topic_words(n, change, issue=group.issue is None)
        if topic:
            what = f"{what} ({topic})"
        before, after = (
            "" if value is None else cell(describe_value(n, change, value) + wording(change))
            for value in (change.before, change.after)
        )
        towards = [
            f"{t.direction.value} {party_name(n, t.party)}"
            for t in change.toward
            if t.direction.value != "neither"
        ]
        meaning = change.meaning.value + (f" ({', '.join(towards)})" if towards else "")
        return [party, cell(what), before, after, cell(meaning)]

    def _quotes(self, n: Negotiation, group: Group, cited: Cited) -> list[str]:
        """Each statement behind the group's changes, quoted in full the first time only."""
        changes = [*group.loose, *(c for _, cs in group.parties for c in cs)]
        out: list[str] = []
        again: dict[str, dict[str, None]] = {}  # who said it and when, by where it was quoted
        for statement_id in dict.fromkeys(s for c in changes for s in c.evidence):
            try:
                statement = n.statement(statement_id)
            except UnknownIdError:
                continue
            who, note = self._who(n, statement), cited.note(n, statement.source)
            if statement_id in cited.quoted:
                where = cited.quoted[statement_id]
                again.setdefault(where, {})[f"{who}, {statement.date.isoformat()}"] = None
                continue
            cited.quoted[statement_id] = group.title
            if statement.quote:
                words = f'"{escape(clipped(statement.quote))}"'
            else:
                words = f"*Summary:* {escape(clipped(statement.summary or ''))}"
            if statement.speaker is not None and statement.speaker in cited.roles(n):
                who += f" ({escape(cited.roles(n)[statement.speaker])})"
            parts = [
                who,
                noted(cited.outlet(n, statement.source), note),
                statement.date.isoformat(),
            ]
            parts.append(f"graded {statement.reliability.value}{statement.credibility}")
            url = f" {link(statement.url)}" if statement.url else ""
            out += ["", f"> {words} — {', '.join(p for p in parts if p)}{url}"]
            if statement.translation_note:
                out += [">", f"> *Translation:* {escape(statement.translation_note)}"]
        for where, speakers in again.items():
            said = "; ".join(speakers)
            out += ["", f"Also resting on statements quoted under *{escape(where)}*: {said}."]
        return out

    def _who(self, n: Negotiation, statement: Statement) -> str:
        return escape(who_said(n, statement))

    def _issue_table(self, n: Negotiation, timeline: Timeline, issue_id: str) -> list[str]:
        out = [f"## {escape(issue_title(n, issue_id))}", ""]
        headers, rows = timeline_rows(n, timeline, timeline.issues[issue_id])
        if len(headers) == 2:
            return [*out, "No positions recorded."]
        right = frozenset({len(headers) - 1})
        cells = [[cell(c) for c in row] for row in rows]
        return out + table([cell(h) for h in headers], cells, right)


def _capital(words: str) -> str:
    """Words as the start of a sentence: the first letter a capital."""
    return words[:1].upper() + words[1:]
