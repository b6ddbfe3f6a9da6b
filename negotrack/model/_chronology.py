"""The dossier in the order things happened: rounds, and the record that sits between them.

Statements and context events need not belong to a round: a negotiating-objectives paper
published weeks before the first round, a communique between two sessions. `chronology` puts
them where they fall among the rounds, so a timeline can show them there.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from negotrack.model._negotiation import Negotiation

__all__ = ["Moment", "MomentKind", "chronology"]


class MomentKind(enum.Enum):
    """What a `Moment` is."""

    ROUND = "round"
    STATEMENT = "statement"
    EVENT = "event"


class Moment(NamedTuple):
    """One thing on the timeline.

    Attributes:
        date: The day it happened (a round's first day; a partial date as written, sorting as
            the first day of its month or year).
        time: The time of day, for a round that gives one.
        kind: A round, or a statement or context event outside any round.
        id: Its id.
        after: For a statement or event, the last round that began before it (or on its day);
            None when it comes before every round. For a round, None.
    """

    date: dt.date
    time: dt.time | None
    kind: MomentKind
    id: str
    after: str | None


def chronology(negotiation: Negotiation) -> tuple[Moment, ...]:
    """The rounds and the dossier's own statements and events (those outside any round), by date.

    On one day, rounds come in their order (`Round.sort_key`), then what happened outside them
    that day, statements before events, each by id: a record dated only to a day is taken to
    follow that day's rounds. A statement or event inside a round belongs to that round and is
    not listed apart.
    """
    rounds = sorted(
        (r for r in negotiation.rounds if r.date is not None or r.start is not None),
        key=lambda r: r.sort_key,
    )
    keyed: list[tuple[tuple[dt.date, int, dt.time, str], Moment]] = []
    for r in rounds:
        moment = Moment(r.when, r.time, MomentKind.ROUND, r.id, None)
        keyed.append(((r.when, 0, r.time or dt.time(), r.id), moment))
    outside = [(s.date, 1, MomentKind.STATEMENT, s.id) for s in negotiation.statements]
    outside += [(e.date, 2, MomentKind.EVENT, e.id) for e in negotiation.events]
    for day, rank, kind, item in outside:
        before = [r.id for r in rounds if r.when <= day]
        moment = Moment(day, None, kind, item, before[-1] if before else None)
        keyed.append(((day, rank, dt.time.max, item), moment))
    keyed.sort(key=lambda pair: pair[0])
    return tuple(moment for _, moment in keyed)
