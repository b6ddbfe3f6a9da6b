"""What every renderer says about a diff or a timeline, in the same words and order.

Groups of changes, headings, values, gaps, verdicts and zones, table measures and the rows of
timeline tables: the text and Markdown renderers both build on these, so both formats say the
same thing in the same order.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from negotrack.diff._changes import Change, ChangeKind
from negotrack.diff._measures import Verdict, verdict
from negotrack.model._chronology import MomentKind, chronology
from negotrack.model._errors import UnknownIdError
from negotrack.model._issues import NumericScale
from negotrack.model._positions import Interval
from negotrack.model._scales import is_linear
from negotrack.report._axes import mark_label
from negotrack.report._issue_charts import stretches
from negotrack.report._labels import (
    change_sentence,
    clipped,
    describe_value,
    party_name,
    proposal_title,
    topic_words,
    who_said,
)
from negotrack.report._labels import issue_title as _issue_title

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from negotrack.diff._changes import Carried, Diff
    from negotrack.diff._measures import IssueMeasures
    from negotrack.diff._timeline import IssueTimeline, Timeline, TurningPoint
    from negotrack.model._chronology import Moment
    from negotrack.model._negotiation import Negotiation

__all__ = [
    "CARRIED",
    "EDIT_KINDS",
    "TABLE_ROWS",
    "Group",
    "carried_issue_words",
    "carried_words",
    "change_words",
    "diff_heading",
    "gap_words",
    "group_changes",
    "is_round_diff",
    "measure_words",
    "moment_row",
    "moments",
    "round_date",
    "round_words",
    "run_span",
    "run_words",
    "stretch_label",
    "table_lines",
    "table_stretches",
    "timeline_rows",
    "turning_words",
    "value_words",
    "verdict_lists",
    "zone_words",
]

#: Marks a value carried forward from an earlier round in timeline tables.
CARRIED: Final = "*"
#: Dossier edits, which only a version diff has.
EDIT_KINDS: Final = frozenset({ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.EDITED})


class Group(NamedTuple):
    """Changes about one issue, one proposal, the parties, or the dossier itself."""

    title: str
    issue: str | None  # the issue, for an issue's group: its measures belong under it
    loose: list[Change]  # changes that name no party
    parties: list[tuple[str, list[Change]]]  # the rest, by party
    edits: bool = False  # whether these are edits to the dossier, from a version diff
    proposal: str | None = None  # the proposal, for a proposal's group: its readings go under it


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
        issue, proposal = (key if kind == 0 else None), (key if kind == 1 else None)
        groups.append(Group(title, issue, loose, by_party, kind == 3, proposal))
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


def moments(negotiation: Negotiation, timeline: Timeline) -> list[Moment]:
    """The timeline's rounds, with the dossier's statements and events outside rounds among them."""
    rounds = set(timeline.rounds)
    return [m for m in chronology(negotiation) if m.kind is not MomentKind.ROUND or m.id in rounds]


def moment_row(negotiation: Negotiation, moment: Moment) -> tuple[str, str, str]:
    """A row of the timeline table: the date as written, what happened, and where.

    A round gives its dates, title and location; a statement outside the rounds gives who made
    it and its quote (or summary); an event its title.
    """
    if moment.kind is MomentKind.ROUND:
        round_ = negotiation.round(moment.id)
        return round_date(negotiation, moment.id), round_.title, round_.location or ""
    if moment.kind is MomentKind.STATEMENT:
        statement = negotiation.statement(moment.id)
        who = who_said(negotiation, statement) or "unattributed"
        words = clipped(statement.quote or statement.summary or "")
        return statement.date.isoformat(), f"statement, {who}: {words}", ""
    event = next(e for e in negotiation.events if e.id == moment.id)
    return event.date.isoformat(), f"event: {event.title}", ""


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
    """A value in words: option labels, or numbers with the unit (and a mark's label)."""
    probe = Change(kind=ChangeKind.ACCEPTABLE_STATED, issue=issue_id)
    words = describe_value(negotiation, probe, value)
    issue = negotiation._issues.get(issue_id)
    label = issue and mark_label(issue.scale, value)
    return f"{words} ({label})" if label else words


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


def table_lines(negotiation: Negotiation, diff: Diff, issue: str) -> list[str]:
    """One line per table on the issue: its two parties, then `measure_words` for the table."""
    return [
        f"at the table of {party_name(negotiation, t.first)} and "
        f"{party_name(negotiation, t.second)}: {measure_words(negotiation, *measures)}"
        for t, measures in diff.tables.items()
        if t.issue == issue
    ]


def run_words(negotiation: Negotiation, timeline: Timeline) -> str:
    """How many rounds a timeline covers, and from when to when."""
    rounds = timeline.rounds
    plural = "" if len(rounds) == 1 else "s"
    span = run_span(negotiation, rounds)
    return f"{len(rounds)} round{plural}" + (f", {span}:" if span else "")


def run_span(negotiation: Negotiation, rounds: Iterable[str]) -> str:
    """From the day the first round began to the day the last one ended, once each.

    ``2013-11-07 to 2015-07-14``; one day alone when the run is a single day; empty for no
    rounds. A round's own span (`round_date`) never shows inside the run's.
    """
    found = [negotiation.round(r) for r in rounds]
    if not found:
        return ""
    start, end = min(r.when for r in found), max(r.last_day for r in found)
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"


def verdict_lists(
    timeline: Timeline, verdicts: Mapping[str, Verdict] | None = None
) -> list[tuple[str, list[str]]]:
    """The issues converging and diverging over the whole run, by id.

    ``verdicts`` (the like-for-like verdicts over the run) take over from the timeline's own.
    """
    judged = {i: t.verdict for i, t in timeline.issues.items()}
    if verdicts is not None:
        judged = {i: verdicts.get(i, Verdict.UNCHANGED) for i in timeline.issues}
    return [
        (word.value.capitalize(), [i for i, v in judged.items() if v is word])
        for word in (Verdict.CONVERGING, Verdict.DIVERGING)
    ]


def turning_words(negotiation: Negotiation, turn: TurningPoint, issue_id: str) -> str:
    """A turning point: the round, who moved, and how much, the measure named with its figure.

    On a line the movement is a length of the issue's scale (the whole scale is 1.00), summed
    over the parties; on a categorical issue it is the share of parties that changed option.
    """
    names = ", ".join(party_name(negotiation, p) for p in turn.parties)
    try:
        linear = is_linear(negotiation.issue(issue_id))
    except UnknownIdError:
        linear = True
    if linear:
        total = " in total" if len(turn.parties) > 1 else ""
        how = f"moved {turn.movement:.2f} of the scale's length{total}"
    else:
        how = f"changed option ({turn.movement:.0%} of the parties with an option in both rounds)"
    return f"{round_words(negotiation, turn.round)}: {names} {how}"


#: The most rows an issue's table has: past it, each row is a stretch of consecutive rounds.
TABLE_ROWS: Final = 40


def table_stretches(count: int, most: int = TABLE_ROWS) -> list[range]:
    """The rows of an issue's table over ``count`` rounds: one per round, or stretches of them.

    Up to `TABLE_ROWS` rounds, a row each; past it, at most `TABLE_ROWS` stretches of consecutive
    rounds (as the charts draw long runs), each shown as it stood at its last round; ``most``
    stretches when given (the HTML page of a long run: as many as its charts' columns).
    """
    if count <= TABLE_ROWS:
        return [range(k, k + 1) for k in range(count)]
    return stretches(count, most)


def stretch_label(
    negotiation: Negotiation,
    rounds: Sequence[str],
    stretch: range,
    *,
    write: Callable[[dt.date], str] | None = None,
) -> str:
    """A row's label: a round's date (`round_date`; with ``write``, its first day so written).

    A stretch reads ``FIRST to LAST (N rounds)``, from the day its first round began to the day
    its last one ended (as `run_span`), each once (``FIRST (N rounds)`` if one day); ISO dates.
    """
    if len(stretch) == 1 and write is None:
        return round_date(negotiation, rounds[stretch[0]])
    write = write or dt.date.isoformat
    found = [negotiation.round(rounds[k]) for k in stretch]
    first, last = found[0].when, max(r.last_day for r in found)
    if len(stretch) == 1:
        return write(first)
    span = write(first) if first == last else f"{write(first)} to {write(last)}"
    return f"{span} ({len(stretch)} rounds)"


def timeline_rows(
    negotiation: Negotiation, timeline: Timeline, track: IssueTimeline
) -> tuple[list[str], list[list[str]]]:
    """An issue's table: a row per round (or stretch) with each party's preferred value, the gap.

    Carried values end in ``*`` (in a stretch: when no round of it stated the position); a party
    with no position in force shows ``-``. A stretch shows what stood at its last round.
    """
    n = negotiation
    parties = sorted({p.party for p in track.points}, key=lambda p: (_index(n.parties, p), p))
    rounds = timeline.rounds
    stretches = table_stretches(len(rounds))
    row_of = {rounds[k]: row for row, stretch in enumerate(stretches) for k in stretch}
    ends = {rounds[stretch[-1]]: row for row, stretch in enumerate(stretches)}
    stated: set[tuple[int, str]] = set()  # (row, party): a round of the row stated it
    shown: dict[tuple[int, str], tuple[Any, bool]] = {}  # what stood at the row's last round
    for point in track.points:
        if not point.carried:
            stated.add((row_of[point.round], point.party))
        row = ends.get(point.round)
        if row is not None:
            shown[row, point.party] = (point.position.preferred, point.carried)
    dates = Counter(round_date(n, r) for r in rounds)
    said: dict[tuple[type, Any], str] = {}  # each value in words once
    rows = []
    for row, stretch in enumerate(stretches):
        end = stretch[-1]
        label = stretch_label(n, rounds, stretch)
        if len(stretch) == 1 and dates[label] > 1:
            label = f"{label} {rounds[end]}"
        values = []
        for party in parties:
            value, carried = shown.get((row, party), (None, False))
            kind = (type(value), value)  # 1 and 1.0 are one key, but may read differently
            words = "-" if value is None else said.get(kind)
            if words is None:
                words = said[kind] = value_words(n, track.issue, value)
            mark = carried and (row, party) not in stated
            values.append(words + (CARRIED if mark else ""))
        rows.append([label, *values, gap_words(track.measures[end].gap)])
    return ["round", *(party_name(n, p) for p in parties), "gap"], rows


def carried_issue_words(negotiation: Negotiation, carried: Carried) -> str:
    """The issue a carried position is on, and the table it is held at, if one."""
    title = _issue_title(negotiation, carried.issue)
    if carried.table is not None:
        title += f" at the table with {party_name(negotiation, carried.table)}"
    return title
