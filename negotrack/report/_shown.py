"""What the tables of a report show as stated: every statement, or in a long run each row's last.

Up to `TABLE_ROWS` rounds an issue's table has a row per round; past it, a row per stretch of
rounds as it stood at the stretch's last round (`table_stretches`). The record under the table
(the positions as stated, a proposal's stances and their conditions, the evidence of the HTML
page) lists what the rows show: every statement in a short run; in a long one, each party's
last statement in each row's stretch, when it still stands at the stretch's end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Protocol, TypeVar

from negotrack.report._words import TABLE_ROWS, table_stretches

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from negotrack.diff._timeline import IssueTimeline, TimelinePoint

__all__ = ["LONG_RUN_NOTE", "shown_points", "shown_statements", "stated_points"]

#: What the record of a long run (past `TABLE_ROWS` rounds) lists of the statements.
LONG_RUN_NOTE: Final = "each party's last statement in each row's stretch of rounds"


class _Said(Protocol):
    """A position or stance in force in a round: a `TimelinePoint` or a `HeldStance`."""

    @property
    def round(self) -> str: ...

    @property
    def party(self) -> str: ...

    @property
    def carried(self) -> bool: ...


_S = TypeVar("_S", bound=_Said)


def stated_points(track: IssueTimeline) -> list[TimelinePoint]:
    """The positions on an issue as the rounds state them (not those carried), in order."""
    return [p for p in track.points if not p.carried]


def shown_statements(
    items: Sequence[_S],
    rounds: Sequence[str],
    value: Callable[[_S], object],
    most: int = TABLE_ROWS,
) -> list[_S]:
    """The statements among ``items`` (in force round by round) that a table of them shows.

    Up to `TABLE_ROWS` rounds, every one (those not carried), in order. In a longer run, whose
    table has a row per stretch of rounds as it stood at the stretch's end (`table_stretches`):
    each party's last statement in each stretch, when it still stands at the end (``value``,
    the position or stance, is the one in force there), in order. ``most`` is as in
    `table_stretches`.
    """
    if len(rounds) <= TABLE_ROWS:
        return [item for item in items if not item.carried]
    stretches = table_stretches(len(rounds), most)
    row = {rounds[k]: place for place, stretch in enumerate(stretches) for k in stretch}
    ends = {rounds[stretch[-1]] for stretch in stretches}
    last: dict[tuple[int, str], tuple[int, _S]] = {}
    standing: dict[tuple[int, str], object] = {}
    for order, item in enumerate(items):
        place = row.get(item.round)
        if place is None:
            continue
        if not item.carried:
            last[place, item.party] = (order, item)
        if item.round in ends:
            standing[place, item.party] = value(item)
    chosen = [found for key, found in last.items() if standing.get(key) is value(found[1])]
    return [item for _, item in sorted(chosen, key=lambda pair: pair[0])]


def shown_points(
    track: IssueTimeline, rounds: Sequence[str], most: int = TABLE_ROWS
) -> list[TimelinePoint]:
    """The positions on an issue its table shows as stated (`shown_statements`), in order."""
    return shown_statements(track.points, rounds, _position, most)


def _position(point: TimelinePoint) -> object:
    return point.position
