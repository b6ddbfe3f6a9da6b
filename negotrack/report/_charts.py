"""Charts for HTML reports: inline SVG written as text, every piece of analyst text escaped.

A `Chart` holds what one issue's chart shows (made by `negotrack.report._issue_charts`): columns,
one `Series` per party, zones of agreement, context events, turning points. `chart_svg` draws a
line chart (ordinal, numeric) or a dot matrix (categorical), wide (720 units, labels left of the
plot) or narrow (360, for phones: labels over the grid lines). `negotrack.report._svg` escapes
every attribute and text, so templates may insert the result as it is; `_palette` gives colours.
A numeric axis shows the data's range; the scale's ends (`Chart.floor`, `Chart.ceiling`) are a
heavier line where the axis reaches one and a break where it stops short, named above the plot.
An option axis has a row per option, or on a long scale cut to the data (`Chart.whole`) a few.
Context events are markers numbered as the page's one list of them (`_chart_events`).
"""

from __future__ import annotations

from typing import Final, Literal

import attrs

from negotrack.report._axes import OPTION_ROWS
from negotrack.report._chart_events import EventMark, event_marks
from negotrack.report._labels import number
from negotrack.report._palette import AXIS, GRID, INK, TURNING, ZONE, colour
from negotrack.report._svg import CHAR, element, escape, fit, marker, num, text, wrap

__all__ = ["Band", "Chart", "EventMark", "Series", "chart_svg"]

TURNING_PAINT: Final = {"fill": TURNING, "fill_opacity": 0.35}
ZONE_PAINT: Final = {"fill": ZONE, "fill_opacity": 0.14, "stroke": ZONE, "stroke_dasharray": "5 3"}
BAND_PAINT: Final = {"rx": 2, "fill_opacity": 0.22, "stroke_opacity": 0.5}
HALO: Final = {"paint_order": "stroke", "stroke": "#fff", "stroke_width": 3}
MIDDLE: Final = {"text_anchor": "middle"}
SMALL: Final = {"text_anchor": "middle", "font_size": 10}
MUTED: Final = {"fill": "#555", "font_size": 11}
FONT: Final = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WIDTH: Final = 720
NARROW: Final = 360
LABEL_CHARS: Final = 24  # the widest line of a y-axis label, in characters
LABEL_GAP: Final = 58.0  # the least room between two dates on the x axis
LABEL_ROW: Final = 20.0  # the height of a row on an option axis that names only some options

#: A run of y values: inclusive option indices on an option scale, an interval on a numeric one.
Band = tuple[float, float]


@attrs.frozen(kw_only=True)
class Series:
    """One party on a chart.

    Attributes:
        name: The party's name (analyst text).
        style: Index into the colours and shapes.
        values: Per column, the preferred value on the y axis (option index, or the number);
            None where the party states none.
        carried: Per column, whether the position carries from an earlier round.
        bands: Per column, the acceptable set as runs of y values.
    """

    name: str
    style: int
    values: tuple[float | None, ...]
    carried: tuple[bool, ...]
    bands: tuple[tuple[Band, ...], ...]


@attrs.frozen(kw_only=True)
class Chart:
    """What one issue's chart shows.

    Attributes:
        title: The chart's accessible name.
        summary: A sentence for screen readers.
        kind: ``ordinal`` or ``numeric`` (a line chart), or ``matrix`` (categorical: dots).
        columns: Per column (round, or rounds taken together), a short label and a title.
        ticks: The y axis: values and their labels (every option drawn, or round numbers).
        low: Lowest value on a numeric axis, or on an option axis that names only some of its
            options; ``high`` the highest.
        floor: The numeric scale's lowest value, which the axis may stop short of;
            ``ceiling`` its highest.
        unit: The unit of a numeric scale, shown over the axis.
        series: One per party.
        zones: Per column, the zone of agreement as runs of y values (none where it is closed).
        events: Context events.
        turning: Columns that are turning points.
        narrow: The phone layout: 360 wide, labels over the grid lines.
        note: A line above the plot, such as which rounds the columns show.
        whole: Whether every option from the first tick to the last is a row and named; False
            on a long scale cut to the data (`negotrack.report._axes.option_axis`): the axis
            then runs from ``low`` to ``high`` at a fixed height, naming only the ticks.
        brief: A long run's aggregate: the markers and acceptable sets have no tooltips (the
            key names the parties, the table under the chart their values and sets).
    """

    title: str
    summary: str
    kind: Literal["ordinal", "numeric", "matrix"]
    columns: tuple[tuple[str, str], ...]
    ticks: tuple[tuple[float, str], ...]
    low: float = 0.0
    high: float = 1.0
    floor: float | None = None
    ceiling: float | None = None
    unit: str | None = None
    series: tuple[Series, ...] = ()
    zones: tuple[tuple[Band, ...], ...] = ()
    events: tuple[EventMark, ...] = ()
    turning: frozenset[int] = frozenset()
    narrow: bool = False
    note: str | None = None
    whole: bool = True
    brief: bool = False


@attrs.define
class _Frame:
    """Where the plot sits in the picture, and how values map onto it."""

    chart: Chart
    left: float
    bottom: float
    top: float = 34.0

    @property
    def width(self) -> int:
        """The picture's width."""
        return NARROW if self.chart.narrow else WIDTH

    @property
    def right(self) -> float:
        """The plot's right edge."""
        return self.width - (8.0 if self.chart.narrow else 16.0)

    @property
    def column_width(self) -> float:
        """Horizontal space per round."""
        return (self.right - self.left) / max(len(self.chart.columns), 1)

    @property
    def every(self) -> int:
        """Label every how-many-th column, so that dates never run into each other."""
        return max(int(-(-LABEL_GAP // self.column_width)), 1)

    @property
    def titles(self) -> bool:
        """Whether every round's title fits, whole, in two lines under its column."""
        chars = int(self.column_width / CHAR) - 1
        if self.every > 1 or self.chart.narrow:
            return False
        lines = (line for _, title in self.chart.columns for line in wrap(title, chars))
        return not any(line.endswith("\u2026") for line in lines)

    @property
    def slot(self) -> float:
        """Width of one party's place within a column."""
        return min(self.column_width * 0.6 / max(len(self.chart.series), 1), 16.0)

    def x(self, column: float, rank: int | None = None) -> float:
        """The x coordinate of a column (or a place between), or of one party's slot in it."""
        shift = 0.0 if rank is None else (rank - (len(self.chart.series) - 1) / 2) * self.slot
        return self.left + (column + 0.5) * self.column_width + shift

    def y(self, value: float) -> float:
        """The y coordinate of a value: upwards on a line chart, one row down per option else."""
        chart = self.chart
        if chart.kind == "matrix":
            return self.top + (value + 0.5) * (self.bottom - self.top) / max(len(chart.ticks), 1)
        if chart.kind == "numeric" or not chart.whole:
            low, high = chart.low, chart.high
        else:  # every option a row, from the first tick: half a row past either end
            low = (chart.ticks[0][0] if chart.ticks else 0.0) - 0.5
            high = low + len(chart.ticks)
        share = min(max((value - low) / ((high - low) or 1.0), 0.0), 1.0)
        return self.bottom - share * (self.bottom - self.top)

    def span(self, low: float, high: float) -> tuple[float, float]:
        """Top and height of a run of values, each option's band reaching 0.4 either side."""
        half = 0.0 if self.chart.kind == "numeric" else 0.4
        ends = sorted((self.y(low - half), self.y(high + half)))
        return ends[0], max(ends[1] - ends[0], 2.0)


def chart_svg(chart: Chart) -> str:
    """The chart as one ``<svg>`` element, with ``role="img"``, a title and an accessible name."""
    longest = max((len(label) for _, label in chart.ticks), default=4)
    longest = max(longest, len(chart.unit or "") - 2)  # the unit reaches over the labels
    rows = len(chart.ticks)
    height = {"matrix": 34.0 * max(rows, 1), "numeric": 220.0}.get(chart.kind, 40.0 * max(rows, 4))
    if not chart.whole:  # a long scale cut to the data: a row's height per name it may show
        height = LABEL_ROW * OPTION_ROWS
    left = 10.0 if chart.narrow else max(16 + min(longest, LABEL_CHARS) * CHAR, 64.0)
    frame = _Frame(chart, left=left, bottom=34 + height)
    body = [*_turning(frame), *_zones(frame), *_y_axis(frame), *_bands(frame), *_lines(frame)]
    body += _x_axis(frame)
    events, total = event_marks(frame, chart.events)
    inner = "\n".join(["", f"<desc>{escape(chart.summary)}</desc>", *body, *events, ""])
    return element(
        "svg",
        inner,
        chart.title,
        class_="chart narrow" if chart.narrow else "chart wide",
        role="img",
        aria_label=chart.title,
        viewBox=f"0 0 {frame.width} {num(total)}",
        width=frame.width,
        height=total,
        font_family=FONT,
        font_size=12,
    )


def _box(
    middle: float, top: float, width: float, height: float, title: str | None, /, **paint: object
) -> str:
    """A rectangle centred on ``middle``, with a tooltip."""
    return element(
        "rect", "", title, x=middle - width / 2, y=top, width=width, height=height, **paint
    )


def _line(x1: float, y1: float, x2: float, y2: float, /, **paint: object) -> str:
    """A straight line."""
    return element("line", x1=x1, y1=y1, x2=x2, y2=y2, **paint)


def _turning(frame: _Frame) -> list[str]:
    """A highlighted column behind each turning point, labelled above the plot when it fits."""
    out = []
    words = "turning point" if frame.column_width >= 90 else "turn"
    for column in sorted(frame.chart.turning):
        x, top = frame.x(column), frame.top - 18
        height = frame.bottom - top
        out.append(_box(x, top, frame.column_width, height, "turning point", **TURNING_PAINT))
        if frame.column_width >= 30:
            out.append(text(x, frame.top - 6, words, **SMALL))
    return out


def _zones(frame: _Frame) -> list[str]:
    """The zone of agreement: a shaded box with a dashed edge across the column."""
    out = []
    for column, runs in enumerate(frame.chart.zones):
        for low, high in runs:
            top, height = frame.span(low, high)
            width = frame.column_width * 0.92
            out.append(_box(frame.x(column), top, width, height, "zone of agreement", **ZONE_PAINT))
    return out


def _y_axis(frame: _Frame) -> list[str]:
    """Grid lines and labels (every option, or round numbers), the unit and the scale's ends."""
    chart, left = frame.chart, frame.left
    out = []
    for value, label in chart.ticks:
        y = frame.y(value)
        out.append(_line(left, y, frame.right, y, stroke=GRID))
        if chart.narrow:  # over the line, so that the plot keeps the whole width
            lift = 17 if chart.kind == "matrix" else 5
            words = fit(label, int((frame.right - left) / CHAR))
            texts = text(left + 2, y - lift + 12 * (chart.kind == "matrix"), words, **HALO)
        else:
            lines = [label] if chart.kind == "numeric" else wrap(label, LABEL_CHARS)
            if not chart.whole:  # names may sit a row apart: one line each
                lines = [fit(label, LABEL_CHARS)]
            first = y + 4 - (len(lines) - 1) * 7
            texts = "".join(
                text(left - 8, first + 14 * i, t, text_anchor="end") for i, t in enumerate(lines)
            )
        out.append(element("g", texts, label, fill=INK, font_size=11 if chart.narrow else 12))
    if chart.kind == "numeric":
        out += _scale_ends(frame)
        if chart.unit and not chart.narrow:
            out.append(text(left - 8, frame.top - 20, chart.unit, text_anchor="end"))
    if chart.note:
        out.append(text(frame.right, frame.top - 20, chart.note, text_anchor="end", **MUTED))
    out.append(_line(left, frame.top, left, frame.bottom, stroke=AXIS))
    return out


def _scale_ends(frame: _Frame) -> list[str]:
    """The scale's ends: a heavier line where the axis reaches one, a break where it stops short."""
    chart, out = frame.chart, []
    for end, drawn, y in (
        (chart.floor, chart.low, frame.bottom),
        (chart.ceiling, chart.high, frame.top),
    ):
        if end is None:
            continue
        if end == drawn:
            ends = {"x1": frame.left, "y1": y, "x2": frame.right, "y2": y}
            paint = {"stroke": INK, "stroke_width": 1.5}
            out.append(element("line", "", "end of the scale", **ends, **paint))
            continue
        x = frame.left
        points = f"{num(x - 6)},{num(y + 5)} {num(x + 6)},{num(y + 1)} {num(x - 6)},{num(y - 3)}"
        title = f"the scale runs on to {number(end)}"
        out.append(
            element("polyline", "", title, points=points, fill="#fff", stroke=INK, stroke_width=1.5)
        )
    return out


def _bands(frame: _Frame) -> list[str]:
    """Each party's acceptable set: a translucent bar in the party's colour and slot."""
    out = []
    width = max(frame.slot * 0.9, 4.0)
    for rank, series in enumerate(frame.chart.series):
        ink = colour(series.style)
        paint = {"fill": ink, "stroke": ink, **BAND_PAINT}
        title = None if frame.chart.brief else f"{series.name}: acceptable"
        for column, runs in enumerate(series.bands):
            for low, high in runs:
                top, height = frame.span(low, high)
                out.append(_box(frame.x(column, rank), top, width, height, title, **paint))
    return out


def _lines(frame: _Frame) -> list[str]:
    """Each party's preferred value: markers, joined by a line on a line chart."""
    out = []
    for rank, series in enumerate(frame.chart.series):
        places = [
            (column, frame.x(column, rank), frame.y(value))
            for column, value in enumerate(series.values)
            if value is not None
        ]
        runs: list[list[str]] = []
        for i, (column, x, y) in enumerate(places):
            if not i or places[i - 1][0] != column - 1:
                runs.append([])
            runs[-1].append(f"{num(x)},{num(y)}")
        if frame.chart.kind != "matrix":
            paint = {"fill": "none", "stroke": colour(series.style), "stroke_width": 2.5}
            out += [element("polyline", points=" ".join(r), **paint) for r in runs if len(r) > 1]
        for column, x, y in places:
            carried = series.carried[column]
            drawn = marker(series.style, x, y, hollow=carried)
            if frame.chart.brief:  # no tooltip: the table under the chart has every value
                out.append(drawn)
                continue
            title = f"{series.name}, {frame.chart.columns[column][0]}" + " (carried)" * carried
            out.append(element("g", drawn, title))
    return out


def _x_axis(frame: _Frame) -> list[str]:
    """The axis line and under the columns the dates (every one that has room) and titles."""
    chars, bottom = int(frame.column_width * frame.every / CHAR) - 1, frame.bottom
    out = [_line(frame.left, bottom, frame.right, bottom, stroke=AXIS)]
    count = len(frame.chart.columns)
    for column, (label, title) in enumerate(frame.chart.columns):
        parts = []
        if (count - 1 - column) % frame.every == 0:  # the latest column always has its date
            x = frame.x(column)
            weight = "bold" if column in frame.chart.turning else "normal"
            parts.append(
                text(x, bottom + 18, fit(label, max(chars, 6)), **MIDDLE, font_weight=weight)
            )
            if frame.titles:
                lines = enumerate(wrap(title, chars))
                parts += [text(x, bottom + 34 + 14 * i, t, **MIDDLE, **MUTED) for i, t in lines]
        if parts:
            out.append(element("g", "".join(parts), f"{title} ({label})"))
    return out
