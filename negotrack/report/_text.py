"""Terminal text: a diff grouped by issue, then party, one line per change; tables per issue.

`TextRenderer` is the format's face; the words it says come from `negotrack.report._words` and
`negotrack.report._reading_words`, which the Markdown renderer shares, so both formats say the
same thing in the same order.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Final

from negotrack.diff._changes import Change, Meaning
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
    MEANING_SYMBOLS,
    party_name,
)
from negotrack.report._labels import issue_title as _issue_title
from negotrack.report._lead import LEAD_HEADINGS, diff_lead, lead_cells, revision_rows, run_lead
from negotrack.report._plain import plain
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
    TABLE_ROWS,
    Group,
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
)

if TYPE_CHECKING:
    from negotrack.diff._changes import Diff
    from negotrack.diff._timeline import IssueTimeline, Timeline
    from negotrack.model._negotiation import Negotiation
    from negotrack.report._lead import Lead

__all__ = ["TextRenderer"]

#: The narrowest width the renderer wraps to; narrower requests are widened to it.
MIN_WIDTH: Final = 20
CARRIED_LEGEND: Final = "* carried forward from an earlier round, not restated"

_RESET = "\x1b[0m"
_STYLES: Final = {"bold": "\x1b[1m", "dim": "\x1b[2m", "green": "\x1b[32m", "red": "\x1b[31m"}
_READING_STYLES: Final = {"concession": "green", "hardening": "red", "neutral": "dim"}
_MEANING_STYLES: Final = {
    Meaning.CONCESSION: "green",
    Meaning.HARDENING: "red",
    Meaning.NEUTRAL: "dim",
}


class TextRenderer:
    """Plain or coloured text for a terminal, wrapped to a width.

    Args:
        color: Colour with ANSI escapes (green concessions, red hardening, dim neutral
            changes, bold headings); without it the output has no escape codes at all.
        width: Wrap every line to at most this many characters (at least 20).
    """

    def __init__(self, *, color: bool = False, width: int = 80) -> None:
        self.color = color
        self.width = max(width, MIN_WIDTH)

    # -- the Renderer protocol -------------------------------------------------------------------

    def diff(self, negotiation: Negotiation, diff: Diff) -> str:
        """Render a diff: heading, legend, then each issue, proposal and party group in turn."""
        n = negotiation
        shown, verdicts = diff_readings(n, diff), diff_verdicts(n, diff)
        round_diff = is_round_diff(n, diff)
        out = [*self._wrap(diff_heading(n, diff), style="bold"), *self._legend(bool(shown))]
        if not diff.changes:
            out += ["", "No changes."]
        elif round_diff:
            out += ["", *self._wrap("Summary", style="bold")]
            if not shown:
                out += self._wrap(no_readings_words(diff), indent="  ")
            out += self._lead(diff_lead(n, diff))
        out += self._revisions(n, diff)
        for group in group_changes(n, diff):
            out += ["", *self._wrap(group.title, style="bold")]
            if group.issue is not None and group.issue in diff.measures:
                words = measure_words(n, *diff.measures[group.issue])
                if group.issue in verdicts:
                    words += f"; {verdict_words(verdicts[group.issue])}"
                out += self._wrap(words, indent="  ", hang="    ")
                for line in table_lines(n, diff, group.issue):
                    out += self._wrap(line, indent="  ", hang="    ")
            for item in readings_under(shown, group.issue, group.proposal):
                style = _READING_STYLES.get(item.reading.reading.value, "")
                out += self._wrap(item.words, indent="  = ", hang="    ", style=style)
            for change in group.loose:
                out += self._change(n, change, "  ", group)
            for party, changes in group.parties:
                out += self._wrap(party_name(n, party), indent="  ")
                for change in changes:
                    out += self._change(n, change, "    ", group)
        if is_round_diff(n, diff):
            out += ["", *self._wrap(carried_words(len(diff.carried)))]
        return "\n".join(out) + "\n"

    def _revisions(self, n: Negotiation, diff: Diff) -> list[str]:
        """A version diff's readings that its edit changed, a line each."""
        rows, more = revision_rows(n, diff)
        if not rows:
            return []
        out = ["", *self._wrap("Readings this edit changes", style="bold")]
        for when, party, subject, was, now, why in rows:
            line = f"{when}  {party}, {subject}: {was} -> {now} ({why})"
            out += self._wrap(line, indent="  ", hang="    ")
        return out + (self._wrap(more, indent="  ") if more else [])

    def report(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """Render the whole run: rounds, issues converging and diverging, then each issue."""
        n = negotiation
        out = [*self._wrap(n.title, style="bold"), *self._wrap(run_words(n, timeline))]
        if len(timeline.rounds) > 1:
            out += ["", *self._wrap("Summary, first round to last", style="bold")]
            out += [*self._lead(run_lead(n, timeline)), "", *self._wrap("Rounds", style="bold")]
        for moment in moments(n, timeline):
            when, what, _ = moment_row(n, moment)
            out += self._wrap(f"{when}  {what}", indent="  ", hang="    ")
        run = run_verdicts(n, timeline)
        out += self._wrap(CARRIED_LEGEND)
        labels = round_labels(n, timeline.rounds)
        for issue_id, track in timeline.issues.items():
            out += ["", *self._issue_table(n, timeline, issue_id)]
            out += self._wrap(
                f"verdict over the run: {run_words_for(run, issue_id)}", indent="  ", hang="    "
            )
            turns = "; ".join(turning_words(n, t, issue_id) for t in track.turning_points) or "none"
            out += self._wrap(f"turning points: {turns}", indent="  ", hang="    ")
            out += self._positions(n, track, labels)
        out += self._proposals(n, timeline)
        return "\n".join(out) + "\n"

    def timeline(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """Per issue, a table of preferred values and the gap by round, then each position."""
        out = self._wrap(CARRIED_LEGEND)
        labels = round_labels(negotiation, timeline.rounds)
        for issue_id, track in timeline.issues.items():
            out += ["", *self._issue_table(negotiation, timeline, issue_id)]
            out += self._positions(negotiation, track, labels)
        return "\n".join(out) + "\n"

    # -- pieces ----------------------------------------------------------------------------------

    def _positions(self, n: Negotiation, track: IssueTimeline, labels: dict[str, str]) -> list[str]:
        """Each position on the issue as a round states it, in full."""
        out = []
        for point in shown_points(track, list(labels)):
            words = position_words(n, track.issue, point.position)
            line = f"{labels[point.round]} {party_name(n, point.party)}: {words}"
            out += self._wrap(line, indent="    ", hang="      ")
        heading = "positions as stated:"
        if len(labels) > TABLE_ROWS:
            heading = f"positions as stated ({LONG_RUN_NOTE}):"
        return self._wrap(heading, indent="  ") + out if out else []

    def _proposals(self, n: Negotiation, timeline: Timeline) -> list[str]:
        """Each proposal: who tabled it, stances, drafts and their terms, amendments."""
        labels = round_labels(n, timeline.rounds)
        out: list[str] = []
        for record in proposal_records(n, timeline, rows_only=True):
            out += ["", *self._wrap(f"Proposal: {record.proposal.title}", style="bold")]
            for line in proposal_lines(n, record):
                out += self._wrap(line, indent="  ", hang="    ")
            for title, (headers, rows) in (
                ("stances (* carried):", stance_rows(n, record, labels)),
                ("drafts:", version_rows(n, record, labels)),
            ):
                if rows:
                    out += [*self._wrap(title, indent="  "), *self._rows(headers, rows)]
            for title, lines in (
                ("conditions of stances:", stance_lines(n, record, labels)),
                ("terms:", term_lines(n, record)),
                (
                    "amendments:",
                    [amendment_words(n, record, a, labels) for a in record.amendments],
                ),
            ):
                if lines:
                    out += self._wrap(title, indent="  ")
                for line in lines:
                    out += self._wrap(line, indent="    ", hang="      ")
        return out

    def _rows(self, headers: list[str], rows: list[list[str]]) -> list[str]:
        """A table indented under its heading, or one row at a time when it cannot fit."""
        table = _table(headers, rows, self.width - 4)
        if table is not None:
            return [f"    {line}".rstrip() for line in table]
        out = []
        for row in rows:
            out += self._wrap(row[0], indent="    ")
            for header, cell in zip(headers[1:], row[1:], strict=True):
                out += self._wrap(f"{header}: {cell}", indent="      ", hang="        ")
        return out

    def _legend(self, readings: bool) -> list[str]:
        legend = ", ".join(f"{MEANING_SYMBOLS[m]} {m.value}" for m in Meaning)
        if readings:
            legend += "; = what a party's moves add up to"
        lines = self._wrap(f"Legend: {legend}")
        if not self.color:
            return lines
        styled = {
            symbol: self._style(symbol, _MEANING_STYLES[m]) for m, symbol in MEANING_SYMBOLS.items()
        }
        return [" ".join(styled.get(word, word) for word in line.split(" ")) for line in lines]

    def _lead(self, lead: Lead | None) -> list[str]:
        """The summary first: readings by party (a table, or a list if narrow), verdicts, drafts."""
        if lead is None:
            return []
        out = []
        rows = lead_cells(lead)
        table = _table(list(LEAD_HEADINGS), rows, self.width - 2) if rows else None
        if table is not None:
            out += [f"  {line}".rstrip() for line in table]
        for row in rows if table is None else []:
            cells = zip(LEAD_HEADINGS[1:], row[1:], strict=True)
            words = "; ".join(f"{kind} on {titles}" for kind, titles in cells if titles)
            out += self._wrap(f"{row[0]}: {words}", indent="  ", hang="    ")
        for line in [*lead.verdict_lines(), lead.draft_line()]:
            if line is not None:
                out += self._wrap(line, indent="  ", hang="    ")
        return out

    def _change(self, n: Negotiation, change: Change, indent: str, group: Group) -> list[str]:
        sentence = change_words(n, change, group)
        symbol = MEANING_SYMBOLS[change.meaning]
        style = _MEANING_STYLES[change.meaning]
        return self._wrap(sentence, indent=f"{indent}{symbol} ", hang=indent + "  ", style=style)

    def _issue_table(self, n: Negotiation, timeline: Timeline, issue_id: str) -> list[str]:
        out = self._wrap(_issue_title(n, issue_id), style="bold")
        headers, rows = timeline_rows(n, timeline, timeline.issues[issue_id])
        if len(headers) == 2:
            return [*out, *self._wrap("no positions recorded", indent="  ")]
        table = _table(headers, rows, self.width - 2)
        if table is not None:
            return out + [f"  {line}".rstrip() for line in table]
        for row in rows:  # too many parties for the width: one round at a time
            out += self._wrap(row[0], indent="  ")
            for header, cell in zip(headers[1:], row[1:], strict=True):
                out += self._wrap(f"{header}: {cell}", indent="    ", hang="      ")
        return out

    def _wrap(
        self, text: str, *, indent: str = "", hang: str | None = None, style: str = ""
    ) -> list[str]:
        hang = indent if hang is None else hang
        lines = _fill(plain(text), self.width, indent, hang)
        if lines is None:
            lines = textwrap.wrap(
                plain(text),
                self.width,
                initial_indent=indent,
                subsequent_indent=hang,
                break_on_hyphens=False,
            )
        return [self._style(line, style) for line in lines] or [""]

    def _style(self, text: str, style: str) -> str:
        if not self.color or not style:
            return text
        return f"{_STYLES[style]}{text}{_RESET}"


def _fill(text: str, width: int, indent: str, hang: str) -> list[str] | None:
    """Words one space apart, wrapped as `textwrap.wrap` wraps them; None for any other text.

    Most lines of a report are such words, and this is several times faster; leading,
    trailing or repeated spaces (which textwrap keeps or drops by its own rules) and a word
    too long for a line (which it breaks) are left to textwrap.
    """
    if len(indent) + len(text) <= width and text and text[0] != " " != text[-1]:
        return [indent + text]  # one line
    words = text.split(" ")
    room, rest = width - len(indent), width - len(hang)
    if "" in words or max(map(len, words)) > min(room, rest):
        return None
    lines: list[str] = []
    line, used = [words[0]], len(words[0])
    for word in words[1:]:
        if used + 1 + len(word) <= room:
            line.append(word)
            used += 1 + len(word)
        else:
            lines.append((hang if lines else indent) + " ".join(line))
            line, used, room = [word], len(word), rest
    lines.append((hang if lines else indent) + " ".join(line))
    return lines


# -- shared with the Markdown renderer ---------------------------------------------------------


def _table(headers: list[str], rows: list[list[str]], width: int) -> list[str] | None:
    """Columns two spaces apart, cells wrapped at spaces to fit ``width``; None if they cannot."""
    headers = [plain(cell) for cell in headers]
    rows = [[plain(cell) for cell in row] for row in rows]
    columns = list(zip(headers, *rows, strict=True))
    widths = [max(1, *(len(cell) for cell in column)) for column in columns]  # none empty
    floors = [
        max(len(word) for cell in column for word in [*cell.split(), ""]) for column in columns
    ]
    room = width - 2 * (len(widths) - 1)
    if sum(floors) > room:
        return None
    while sum(widths) > room:  # narrow the widest column that can give, one character at a time
        widest = max(range(len(widths)), key=lambda i: (widths[i] > floors[i], widths[i]))
        widths[widest] -= 1
    lines = []
    for row in [headers, ["-" * w for w in widths], *rows]:
        wrapped = [
            textwrap.wrap(cell, w, break_on_hyphens=False) or [""]
            for cell, w in zip(row, widths, strict=True)
        ]
        for depth in range(max(map(len, wrapped))):
            parts = [
                (c[depth] if depth < len(c) else "").ljust(w)
                for c, w in zip(wrapped, widths, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())
    return lines
