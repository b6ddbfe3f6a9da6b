"""The timeline of a negotiation: every position in force in every round, and where it moved.

`timeline` walks the dossier once (`Negotiation.iter_effective`) and gives, per issue, each
party's effective position in every round, the `IssueMeasures` of every round, whether the
parties converged over the whole run, and the turning points: the rounds with the biggest moves.
"""

from __future__ import annotations

import operator
from itertools import repeat
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from negotrack.diff._footing import coalition_ties
from negotrack.diff._measures import (
    IssueMeasures,
    Verdict,
    _Held,
    _held,
    _measure,
    _sides,
    side_map,
    verdict,
)
from negotrack.diff._tables import Table, measure_tables, tables_of
from negotrack.diff._verdicts import run_verdicts
from negotrack.model._display import Shown
from negotrack.model._gc import gc_paused
from negotrack.model._negotiation import Negotiation
from negotrack.model._scales import is_linear

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from collections.abc import Set as AbstractSet

    from negotrack.model._issues import Issue
    from negotrack.model._positions import Position

__all__ = ["IssueTimeline", "Timeline", "TimelinePoint", "TurningPoint", "timeline"]

#: How many turning points an issue's timeline keeps.
TURNING_POINTS = 3


class TimelinePoint(NamedTuple):
    """One party's position in force on one issue in one round.

    A named tuple, not an attrs class: a timeline makes one per party, issue and round (200,000
    for 200 rounds of 50 parties on 20 issues), and a tuple is several times cheaper to build.

    Attributes:
        round: Id of the round.
        party: Id of the party.
        issue: Id of the issue.
        position: The position as last stated.
        carried: True when the round did not restate it (it carries from an earlier round).
        point: The preferred value's place on the issue's line (option index, or the number);
            None on a categorical issue or without a preferred value.
        normalised: ``point`` as a share (0-1) of the line: ``(point - low) / width``.
    """

    round: str
    party: str
    issue: str
    position: Position
    carried: bool
    point: float | None
    normalised: float | None


@attrs.frozen(kw_only=True)
class TurningPoint:
    """A round in which the preferred values on an issue moved a lot.

    Attributes:
        round: Id of the round.
        movement: How much they moved since the round before. On a line, the sum over parties of
            ``|normalised after - normalised before|``; on a categorical issue, the number of
            parties whose option changed over the number with an option in both rounds. Only
            parties with a preferred value in both rounds count.
        parties: The parties that moved, sorted.
    """

    round: str
    movement: float
    parties: tuple[str, ...]


@attrs.frozen(kw_only=True)
class IssueTimeline:
    """One issue across all rounds.

    Attributes:
        issue: Id of the issue.
        points: The positions in force, ordered by round, then party.
        measures: The issue's measures in every round, in round order.
        verdict: Whether the parties converged over the whole run, like for like: the
            `negotrack.issue_verdicts` verdict from the first round to the last, or from the
            first round in which the issue can be judged (`run_verdicts`); unchanged with fewer
            than two rounds.
        because: The step of the verdict's decision order that decided ("" with fewer than two
            rounds).
        gap_verdict: `verdict` of the measures (gap, then dispersion, then zone) from the first
            to the last measurable round (one where at least two parties state a preferred
            value or an acceptable set), composition included; unchanged with fewer than two
            such rounds.
        turning_points: The (at most three) rounds with the largest movement above 0, largest
            first, ties in round order.
        tables: At each table on the issue (two parties, one holding a position toward the
            other; `negotrack.diff._tables`), its measures in every round, keyed by the two
            party ids sorted; empty when no position on the issue names a table.
    """

    issue: str
    points: tuple[TimelinePoint, ...]
    measures: tuple[IssueMeasures, ...]
    verdict: Verdict
    turning_points: tuple[TurningPoint, ...]
    because: str = ""
    gap_verdict: Verdict = Verdict.UNCHANGED
    tables: dict[tuple[str, str], tuple[IssueMeasures, ...]] = attrs.field(
        factory=dict, eq=True, hash=False
    )


@attrs.frozen(kw_only=True, repr=False)
class Timeline(Shown):
    """A whole negotiation, issue by issue, round by round.

    Attributes:
        rounds: Ids of the rounds, in date order.
        issues: The timeline of each issue, keyed by issue id.
        dossier: The dossier it follows, so that a notebook can show its report; equality
            ignores it.
    """

    rounds: tuple[str, ...]
    issues: dict[str, IssueTimeline] = attrs.field(eq=True, hash=False)
    _dossier: Negotiation | None = attrs.field(default=None, eq=False, hash=False, alias="dossier")

    @property
    def dossier(self) -> Negotiation | None:
        """The dossier the timeline follows, when `timeline` made it."""
        return self._dossier

    def __repr__(self) -> str:
        span = f"{self.rounds[0]!r} to {self.rounds[-1]!r}" if self.rounds else "no rounds"
        return f"<Timeline: {len(self.rounds)} rounds, {span}, {len(self.issues)} issues>"

    def converging(self) -> list[str]:
        """Ids of the issues on which the parties converged over the whole run, like for like."""
        return [i for i, track in self.issues.items() if track.verdict is Verdict.CONVERGING]


def timeline(
    negotiation: Negotiation,
    *,
    issues: Iterable[str] | None = None,
    weights: Mapping[str, float] | None = None,
) -> Timeline:
    """The timeline of every issue (or of the given issue ids, in that order) over all rounds.

    ``issues`` may also be a single issue id.

    One pass over the dossier (`Negotiation.iter_effective`). Each position is read once, when a
    round states it; an issue none of whose positions a round restates or withdraws keeps its
    measures from the round before. ``weights`` gives a weight per party for the centre, as in
    `measure_issue`. Positions held at one table are left out, as in `measure_round`: each
    party's line is its overall position.

    Raises:
        UnknownIdError: If an issue id is not in the dossier.
    """
    if isinstance(issues, str):
        issues = [issues]
    ids = [i.id for i in negotiation.issues] if issues is None else list(issues)
    ties = coalition_ties(negotiation)
    tracks = {issue_id: _Track(negotiation.issue(issue_id), ties) for issue_id in ids}
    with gc_paused():  # many small objects and no cycles
        walked = _walk(negotiation, tracks, weights)
    run = run_verdicts(negotiation, walked.rounds, tracks.keys())
    walked = attrs.evolve(
        walked,
        issues={
            issue_id: attrs.evolve(
                track, verdict=run[issue_id].verdict, because=run[issue_id].because
            )
            if issue_id in run
            else track
            for issue_id, track in walked.issues.items()
        },
    )
    found = {
        t
        for t in tables_of(p for r in negotiation.rounds for p in r.positions)
        if t.issue in tracks
    }
    if not found:
        return walked
    at_tables: dict[Table, list[IssueMeasures]] = {t: [] for t in sorted(found)}
    for round_, effective, _ in negotiation.iter_effective(copies=False):
        measured = measure_tables(
            negotiation, round_.id, weights, positions=effective, tables=found
        )
        for table, measures in measured.items():
            at_tables[table].append(measures)
    issues = {
        issue_id: attrs.evolve(
            track,
            tables={
                (t.first, t.second): tuple(m) for t, m in at_tables.items() if t.issue == issue_id
            },
        )
        for issue_id, track in walked.issues.items()
    }
    return attrs.evolve(walked, issues=issues)


def _walk(
    negotiation: Negotiation, tracks: dict[str, _Track], weights: Mapping[str, float] | None
) -> Timeline:
    """`timeline` proper: walk the rounds once, feeding each issue's track.

    Only the positions a round states are read from it (each once); every other position in
    force carries, unchanged, from the round before.
    """
    # each issue's sides as `Negotiation.sides_for` gives them, followed round by round: the
    # dossier's, until a round declares sides covering the issue
    sides = {issue_id: _sides(negotiation, issue_id, None) for issue_id in tracks}
    rounds: list[str] = []
    for round_, effective, _ in negotiation.iter_effective(copies=False):
        rounds.append(round_.id)
        for issue_id in tracks if round_.sides else ():
            declared = [s for s in round_.sides if s.covers(issue_id)]
            if declared:
                sides[issue_id] = side_map(declared)
        stated: dict[str, dict[str, _Held | None]] = {}
        overall = {p.key for p in round_.positions if p.issue in tracks and p.table is None}
        for party, issue_id in sorted(overall):
            now = effective.get((party, issue_id))
            held = None
            if now is not None:
                held = _held(tracks[issue_id].issue, party, now.value, weights)
            stated.setdefault(issue_id, {})[party] = held
        chairs = frozenset(negotiation.roles_in(round_.id))
        for issue_id, track in tracks.items():
            track.add(round_.id, stated.get(issue_id, {}), sides[issue_id], chairs)
    return Timeline(
        rounds=tuple(rounds),
        issues={issue_id: track.build() for issue_id, track in tracks.items()},
        dossier=negotiation,
    )


#: What a `TimelinePoint` takes from a `_Held` position: party, position, point, normalised.
_COLUMNS = tuple(operator.itemgetter(i) for i in range(4))


class _Track:
    """What `timeline` gathers about one issue as it walks the rounds."""

    def __init__(self, issue: Issue, ties: Mapping[str, AbstractSet[str]] | None = None) -> None:
        self.issue = issue
        self.ties = ties  # coalitions and their members, never paired in the measures
        self.held: dict[str, _Held] = {}  # the positions in force, by party
        self.order: list[str] = []  # their parties, sorted
        self.columns: list[list[Any]] = []  # their parties, positions, points, normalised points
        self.points: list[TimelinePoint] = []
        self.measures: list[IssueMeasures] = []
        self.moves: list[TurningPoint] = []
        self.chairs: frozenset[str] = frozenset()  # the parties left out of the last measures
        self.side_of: Mapping[str, str] = {}  # the sides of the last measures

    def add(
        self,
        round_id: str,
        stated: dict[str, _Held | None],
        side_of: Mapping[str, str],
        chairs: frozenset[str] = frozenset(),
    ) -> None:
        """Record a round: the positions it states (None: withdrawn) over those carried.

        ``side_of`` gives each party's side on the issue in the round (empty: no sides).
        Parties in ``chairs`` (holding a role in the round) keep their points but are left out
        of the round's measures.
        """
        before = {party: self.held.get(party) for party in stated}
        for party, held in stated.items():
            if held is None:
                self.held.pop(party, None)
            else:
                self.held[party] = held
        if any(self.held.get(party) is None or old is None for party, old in before.items()):
            self.order = sorted(self.held)
        if stated or not self.measures or chairs != self.chairs or side_of is not self.side_of:
            in_force = list(map(self.held.__getitem__, self.order))
            self.columns = [list(map(get, in_force)) for get in _COLUMNS]
            bargaining = [h for h in in_force if h.party not in chairs] if chairs else in_force
            self.measures.append(_measure(self.issue, round_id, bargaining, side_of, self.ties))
            self.chairs = chairs
            self.side_of = side_of
            self._movement(round_id, [(p, before[p], held) for p, held in stated.items()])
        else:
            self.measures.append(attrs.evolve(self.measures[-1], round=round_id))
        parties, positions, points, normalised = self.columns
        carried = [party not in stated for party in parties] if stated else repeat(True)
        self.points.extend(
            map(
                TimelinePoint,
                repeat(round_id),
                parties,
                repeat(self.issue.id),
                positions,
                carried,
                points,
                normalised,
            )
        )

    def _movement(
        self, round_id: str, changes: list[tuple[str, _Held | None, _Held | None]]
    ) -> None:
        """Note how far the preferred values moved since the round before, if at all."""
        moved: list[str] = []
        movement = 0.0
        if is_linear(self.issue):
            for party, before, after in changes:
                if before is None or after is None:
                    continue
                if before.normalised is not None and after.normalised is not None:
                    step = abs(after.normalised - before.normalised)
                    if step > 0:
                        moved.append(party)
                        movement += step
        else:
            both = sum(1 for h in self.held.values() if h.option is not None)
            for party, before, after in changes:
                if after is None or after.option is None:
                    continue
                if before is None or before.option is None:
                    both -= 1  # has an option now, not before
                elif after.option != before.option:
                    moved.append(party)
                    movement += 1.0
            movement /= max(both, 1)
        if moved:
            self.moves.append(
                TurningPoint(round=round_id, movement=movement, parties=tuple(sorted(moved)))
            )

    def build(self) -> IssueTimeline:
        """The issue's timeline from what was gathered."""
        measurable = [m for m in self.measures if m.measurable]
        turning = sorted(self.moves, key=lambda move: -move.movement)[:TURNING_POINTS]
        return IssueTimeline(
            issue=self.issue.id,
            points=tuple(self.points),
            measures=tuple(self.measures),
            verdict=Verdict.UNCHANGED,  # like for like: set once every issue is walked
            gap_verdict=(
                verdict(measurable[0], measurable[-1]) if len(measurable) > 1 else Verdict.UNCHANGED
            ),
            turning_points=tuple(turning),
        )
