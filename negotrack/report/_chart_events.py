"""Context events on an HTML chart: each event numbered, or in a long run a count per column.

`negotrack.report._charts` draws a chart's events with `event_marks`. In a run short enough to
show each event, an `EventMark` is one event: a dashed line at its date and a marker under the
axis numbered as the page's list of events. In a long run (`negotrack.report._issue_charts`
groups the events by column), a mark stands for every event in its column's stretch of rounds:
the marker holds their count and links to the first of them in the page's numbered list
(``#event-N``), and its tooltip says which numbers and dates it covers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Protocol

import attrs

from negotrack.report._palette import EVENT
from negotrack.report._svg import element, num, text

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["EventMark", "event_marks"]

EVENT_PAINT: Final = {"fill": "#fff", "stroke": EVENT}
SMALL: Final = {"text_anchor": "middle", "font_size": 10}


@attrs.frozen(kw_only=True)
class EventMark:
    """A context event on the x axis: where (in column units, -0.5 to n - 0.5), when and what.

    ``number`` is its number in the page's list of events (0: its place among the chart's).
    A mark of several events (``count`` above 1) stands for the events numbered ``number`` to
    ``number + count - 1``, ``date`` their span and ``title`` what it says of them; with
    ``href`` the marker links there (the first of them in the page's list).
    """

    at: float
    date: str
    title: str
    number: int = 0
    count: int = 1
    href: str | None = None


class _Frame(Protocol):
    """What `event_marks` needs of the chart's frame."""

    @property
    def width(self) -> int: ...

    @property
    def bottom(self) -> float: ...

    @property
    def top(self) -> float: ...

    @property
    def titles(self) -> bool: ...

    def x(self, column: float, rank: int | None = None) -> float: ...


def event_marks(frame: _Frame, events: Sequence[EventMark]) -> tuple[list[str], float]:
    """Context events: a dashed line at the date and a numbered marker under the axis.

    The numbers are those of the page's list of events. Markers that would overlap move right
    along a row, joined to their date by a leader line; a row that runs out of room starts
    another. A mark of several events has no dashed line (they fall across its column), holds
    their count and links to the list. Returns the elements and the picture's height.
    """
    bottom = frame.bottom
    base = bottom + (66 if frame.titles else 30)
    out: list[str] = []
    row, last = 0, -100.0
    for index, event in enumerate(events, start=1):
        x = frame.x(event.at)
        spot = max(x, last + 19)
        if spot > frame.width - 10:
            row, spot = row + 1, x
        last, y = spot, base + 10 + 22 * row
        leader = f"{num(x)},{num(bottom)} {num(x)},{num(y - 12)} {num(spot)},{num(y - 8)}"
        first = event.number or index
        many = event.count > 1
        parts = [
            "" if many else element("line", x1=x, y1=frame.top, x2=x, y2=bottom, **_DASHED),
            element("polyline", points=leader, fill="none", stroke=EVENT),
            element("circle", cx=spot, cy=y, r=8, **EVENT_PAINT),
            text(spot, y + 4, str(event.count if many else first), **SMALL),
        ]
        if many:
            title = f"{event.count} events, {first} to {first + event.count - 1}: {event.date}"
        else:
            title = f"{first}. {event.date}: {event.title}"
        mark = element("g", "".join(parts), title)
        out.append(mark if event.href is None else element("a", mark, None, href=event.href))
    return out, (base + 22 * (row + 1)) if events else base


_DASHED: Final = {"stroke": EVENT, "stroke_dasharray": "3 3"}
