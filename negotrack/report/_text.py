"""Terminal text: a diff grouped by issue, then party, one line per change; tables per issue.

`TextRenderer` is the format's face. The helpers below it turn a diff or a timeline into words
and rows (groups of changes, headings, gaps and verdicts, timeline tables); the Markdown renderer
shares them, so both formats say the same thing in the same order.
"""

from __future__ import annotations

import textwrap
import unicodedata
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from negotrack.diff._changes import Change, ChangeKind, Meaning
from negotrack.diff._measures import Verdict, verdict
from negotrack.model._errors import UnknownIdError
from negotrack.model._issues import NumericScale
from negotrack.model._positions import Interval
from negotrack.report._labels import (
    MEANING_SYMBOLS,
    change_sentence,
    describe_value,
    party_name,
    proposal_title,
    topic_words,
)
from negotrack.report._labels import issue_title as _issue_title

if TYPE_CHECKING:
    from negotrack.diff._changes import Diff
    from negotrack.diff._measures import IssueMeasures
    from negotrack.diff._timeline import IssueTimeline, Timeline, TurningPoint
    from negotrack.model._negotiation import Negotiation

__all__ = ["TextRenderer"]

#: The narrowest width the renderer wraps to; narrower requests are widened to it.
MIN_WIDTH: Final = 20
#: Marks a value carried forward from an earlier round in timeline tables.
CARRIED: Final = "*"
CARRIED_LEGEND: Final = "* carried forward from an earlier round, not restated"
#: Dossier edits, which only a version diff has.
EDIT_KINDS: Final = frozenset({ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.EDITED})

#: Control characters become U+FFFD, so analyst text cannot drive the terminal; every kind of
#: whitespace becomes a space, so it cannot break a line either.
_PLAIN: Final = {
    code: " " if chr(code).isspace() else "\ufffd"
    for code in range(0x3001)
    if chr(code).isspace() or unicodedata.category(chr(code)) == "Cc"
}

_RESET = "\x1b[0m"
_STYLES: Final = {"bold": "\x1b[1m", "dim": "\x1b[2m", "green": "\x1b[32m", "red": "\x1b[31m"}
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
        out = [*self._wrap(diff_heading(n, diff), style="bold"), *self._legend()]
        if not diff.changes:
            out += ["", "No changes."]
        for group in group_changes(n, diff):
            out += ["", *self._wrap(group.title, style="bold")]
            if group.issue is not None and group.issue in diff.measures:
                words = measure_words(n, *diff.measures[group.issue])
                out += self._wrap(words, indent="  ", hang="    ")
            for change in group.loose:
                out += self._change(n, change, "  ", group)
            for party, changes in group.parties:
                out += self._wrap(party_name(n, party), indent="  ")
                for change in changes:
                    out += self._change(n, change, "    ", group)
        if is_round_diff(n, diff):
            out += ["", *self._wrap(carried_words(len(diff.carried)))]
        return "\n".join(out) + "\n"

    def report(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """Render the whole run: rounds, issues converging and diverging, then each issue."""
        n = negotiation
        out = [*self._wrap(n.title, style="bold"), *self._wrap(run_words(n, timeline))]
        for round_id in timeline.rounds:
            line = f"{round_date(n, round_id)}  {n.round(round_id).title}"
            out += self._wrap(line, indent="  ", hang="    ")
        for title, ids in verdict_lists(timeline):
            titles = ", ".join(_issue_title(n, i) for i in ids) or "none"
            out += self._wrap(f"{title}: {titles}")
        out += self._wrap(CARRIED_LEGEND)
        for issue_id, track in timeline.issues.items():
            out += ["", *self._issue_table(n, timeline, issue_id)]
            out += self._wrap(f"verdict over the run: {track.verdict.value}", indent="  ")
            turns = "; ".join(turning_words(n, t) for t in track.turning_points) or "none"
            out += self._wrap(f"turning points: {turns}", indent="  ", hang="    ")
        return "\n".join(out) + "\n"

    def timeline(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """Render one table per issue: each party's preferred value and the gap, per round."""
        out = self._wrap(CARRIED_LEGEND)
        for issue_id in timeline.issues:
            out += ["", *self._issue_table(negotiation, timeline, issue_id)]
        return "\n".join(out) + "\n"

    # -- pieces ----------------------------------------------------------------------------------

    def _legend(self) -> list[str]:
        legend = ", ".join(f"{MEANING_SYMBOLS[m]} {m.value}" for m in Meaning)
        lines = self._wrap(f"Legend: {legend}")
        if not self.color:
            return lines
        styled = {
            symbol: self._style(symbol, _MEANING_STYLES[m]) for m, symbol in MEANING_SYMBOLS.items()
        }
        return [" ".join(styled.get(word, word) for word in line.split(" ")) for line in lines]

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
        lines = textwrap.wrap(
            plain(text),
            self.width,
            initial_indent=indent,
            subsequent_indent=indent if hang is None else hang,
            break_on_hyphens=False,
        )
        return [self._style(line, style) for line in lines] or [""]

    def _style(self, text: str, style: str) -> str:
        if not self.color or not style:
            return text
        return f"{_STYLES[style]}{text}{_RESET}"


# -- shared with the Markdown renderer ---------------------------------------------------------


class Group(NamedTuple):
    """Changes about one issue, one proposal, the parties, or the dossier itself."""

    title: str
    issue: str | None  # the issue, for an issue's group: its measures belong under it
    loose: list[Change]  # changes that name no party
    parties: list[tuple[str, list[Change]]]  # the rest, by party
    edits: bool = False  # whether these are edits to the dossier, from a version diff


def group_changes(negotiation: Negotiation, diff: Diff) -> list[Group]:
    """The diff's changes grouped for reading, issues and parties in dossier order.

    Issues come first, then proposals (their terms included), then who joined or left the talks,
    then dossier edits. Within a group, changes that name no party come first, then each party.
    """
    n = negotiation
    buckets: dict[tuple[int, int, str, str], list[Change]] = {}
    for change in diff.changes:
        buckets.setdefault(_topic(n, change), []).append(change)
    groups = []
    for (kind, _, key, title), changes in sorted(buckets.items()):
        parties: dict[str, list[Change]] = {}
        for change in changes:
            if change.party is not None:
                parties.setdefault(change.party, []).append(change)
        order = sorted(parties, key=lambda p: _index(n.parties, p))
        loose = [c for c in changes if c.party is None]
        by_party = [(p, parties[p]) for p in order]
        groups.append(Group(title, key if kind == 0 else None, loose, by_party, kind == 3))
    return groups


def change_words(negotiation: Negotiation, change: Change, group: Group) -> str:
    """`change_sentence`, headed by the issue (when the group is not the issue's) and the term."""
    sentence = change_sentence(negotiation, change)
    topic = topic_words(negotiation, change, issue=group.issue is None)
    return f"{topic}: {sentence}" if topic else sentence


def _topic(n: Negotiation, change: Change) -> tuple[int, int, str, str]:
    """Where a change goes: group kind, place in the dossier, id, and the group's title."""
    if change.kind in EDIT_KINDS:
        return (3, 0, "", "Dossier edits")
    if change.proposal is not None:
        title = f"Proposal: {proposal_title(n, change.proposal)}"
        return (1, _index(n.proposals, change.proposal), change.proposal, title)
    if change.issue is not None:
        return (0, _index(n.issues, change.issue), change.issue, _issue_title(n, change.issue))
    return (2, 0, "", "Parties")


def _index(items: tuple[Any, ...], item_id: str) -> int:
    """Place of an item in the dossier; unknown ids (from an older version) come last."""
    for index, item in enumerate(items):
        if item.id == item_id:
            return index
    return len(items)


def is_round_diff(negotiation: Negotiation, diff: Diff) -> bool:
    """Whether a diff compares two rounds of the dossier, rather than two versions of it."""
    rounds = {r.id for r in negotiation.rounds}
    return diff.before in rounds and diff.after in rounds


def round_date(negotiation: Negotiation, round_id: str) -> str:
    """A round's dates: ``2022-03-29``, or ``2022-03-29 to 2022-03-30`` for several days."""
    round_ = negotiation.round(round_id)
    start, end = round_.when, round_.end
    if round_.date is None and end is not None and end != start:
        return f"{start.isoformat()} to {end.isoformat()}"
    return start.isoformat()


def round_words(negotiation: Negotiation, round_id: str) -> str:
    """A round as reports name it: its title, then its dates in brackets."""
    return f"{negotiation.round(round_id).title} ({round_date(negotiation, round_id)})"


def diff_heading(negotiation: Negotiation, diff: Diff) -> str:
    """The title of a diff: the dossier, then from where to where."""
    if is_round_diff(negotiation, diff):
        span = f"{round_words(negotiation, diff.before)} -> {round_words(negotiation, diff.after)}"
    else:
        span = f"version {diff.before} -> version {diff.after}"
    return f"{negotiation.title}: {span}"


def carried_words(count: int) -> str:
    """How many positions a diff carried forward."""
    return f"{count} position{'' if count == 1 else 's'} carried forward unchanged"


def value_words(negotiation: Negotiation, issue_id: str, value: Any) -> str:
    """A value on an issue's scale in words: option labels, or numbers with the unit."""
    probe = Change(kind=ChangeKind.ACCEPTABLE_STATED, issue=issue_id)
    return describe_value(negotiation, probe, value)


def gap_words(gap: float | None) -> str:
    """A normalised gap to two places, or ``n/a`` when it cannot be measured."""
    return "n/a" if gap is None else f"{gap:.2f}"


def zone_words(negotiation: Negotiation, measures: IssueMeasures) -> str | None:
    """The zone of possible agreement in words; None when the measures find none."""
    zone: Any = measures.zone
    if not measures.zone_exists or zone is None:
        return None
    if isinstance(zone, Interval):
        try:
            scale = negotiation.issue(measures.issue).scale
        except UnknownIdError:
            scale = None
        if isinstance(scale, NumericScale):
            low = scale.min if zone.min is None else zone.min
            high = scale.max if zone.max is None else zone.max
            zone = low if low == high else Interval(low, high)
    return value_words(negotiation, measures.issue, zone)


def measure_words(negotiation: Negotiation, before: IssueMeasures, after: IssueMeasures) -> str:
    """The gap before and after, the verdict (and the spread, when it decided), and the zone."""
    judged = verdict(before, after)
    words = f"gap {gap_words(before.gap)} -> {gap_words(after.gap)}, {judged.value}"
    old, new = before.dispersion, after.dispersion
    gap_said = None not in (before.gap, after.gap) and gap_words(before.gap) != gap_words(after.gap)
    if judged is not Verdict.UNCHANGED and not gap_said and None not in (old, new) and old != new:
        words += f" (spread around the centre {old:.2f} -> {new:.2f})"
    zone = zone_words(negotiation, after)
    if zone is not None:
        return f"{words}; zone of possible agreement: {zone}"
    if after.zone_exists is False:
        return f"{words}; no zone of possible agreement"
    return words


def run_words(negotiation: Negotiation, timeline: Timeline) -> str:
    """How many rounds a timeline covers, and from when to when."""
    rounds = timeline.rounds
    ends = dict.fromkeys(round_date(negotiation, r) for r in rounds[:1] + rounds[-1:])
    plural = "" if len(rounds) == 1 else "s"
    return f"{len(rounds)} round{plural}" + (f", {' to '.join(ends)}:" if ends else "")


def verdict_lists(timeline: Timeline) -> list[tuple[str, list[str]]]:
    """The issues converging and diverging over the whole run, by id."""
    return [
        (word.value.capitalize(), [i for i, t in timeline.issues.items() if t.verdict is word])
        for word in (Verdict.CONVERGING, Verdict.DIVERGING)
    ]


def turning_words(negotiation: Negotiation, turn: TurningPoint) -> str:
    """A turning point: the round, who moved, and how much."""
    names = ", ".join(party_name(negotiation, p) for p in turn.parties)
    return f"{round_words(negotiation, turn.round)}: {names} moved ({turn.movement:.2f})"


def timeline_rows(
    negotiation: Negotiation, timeline: Timeline, track: IssueTimeline
) -> tuple[list[str], list[list[str]]]:
    """An issue's table: a row per round with each party's preferred value, then the gap.

    Carried values end in ``*``; a party with no position in force in a round shows ``-``.
    """
    n = negotiation
    parties = sorted({p.party for p in track.points}, key=lambda p: (_index(n.parties, p), p))
    cells: dict[tuple[str, str], str] = {}
    for point in track.points:
        value = point.position.preferred
        words = "-" if value is None else value_words(n, track.issue, value)
        cells[point.round, point.party] = words + (CARRIED if point.carried else "")
    dates = [round_date(n, r) for r in timeline.rounds]
    rows = []
    for round_id, date, measures in zip(timeline.rounds, dates, track.measures, strict=True):
        label = date if dates.count(date) == 1 else f"{date} {round_id}"
        values = [cells.get((round_id, p), "-") for p in parties]
        rows.append([label, *values, gap_words(measures.gap)])
    return ["round", *(party_name(n, p) for p in parties), "gap"], rows


def plain(text: str) -> str:
    """Text safe for a terminal: control characters replaced, any whitespace a single space."""
    return text.translate(_PLAIN)


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
