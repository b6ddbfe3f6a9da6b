"""Charts for HTML reports: inline SVG written as text, every piece of analyst text escaped here.

`issue_chart` turns one issue's positions over some rounds into a `Chart`: columns (rounds), one
`Series` per party with a value and acceptable bands per column, the zone of agreement, context
events and turning points. `chart_svg` draws it: a line chart on an ordinal or numeric scale, a
dot matrix on a categorical one. Every element is built by `_el`, which escapes every attribute
value with `xml.sax.saxutils.quoteattr` and every title with `escape`; text content is escaped
where it is made. So the templates may insert the result as it is. Colours and shapes come from
fixed tables that stay apart for colour-blind readers (Paul Tol's muted palette, and a marker
shape per party so that colour is never the only cue).
"""

from __future__ import annotations

import math
from typing import Final, Literal
from xml.sax.saxutils import escape, quoteattr

import attrs

__all__ = ["Band", "Chart", "EventMark", "Series", "chart_svg", "swatch_svg"]

#: Party colours, in the order parties are given them (Paul Tol's muted scheme).
COLOURS: Final = ("#332288", "#117733", "#AA4499", "#44AA99", "#882255", "#999933", "#CC6677")
#: Marker shapes: corners (0 for a circle) and turn in degrees; a square, triangles, a diamond...
SHAPES: Final = ((0, 0), (4, 45), (3, -90), (4, 0), (3, 90), (5, -90))
ZONE, TURNING, EVENT, GRID, AXIS, INK = (
    "#117733",
    "#F0E442",
    "#6B6B6B",
    "#DDDDDD",
    "#999999",
    "#333",
)
TURNING_PAINT: Final = {"fill": TURNING, "fill_opacity": 0.35}
ZONE_PAINT: Final = {"fill": ZONE, "fill_opacity": 0.14, "stroke": ZONE, "stroke_dasharray": "5 3"}
BAND_PAINT: Final = {"rx": 2, "fill_opacity": 0.22, "stroke_opacity": 0.5}
EVENT_PAINT: Final = {"fill": "#fff", "stroke": EVENT}
MIDDLE: Final = {"text_anchor": "middle"}
SMALL: Final = {"text_anchor": "middle", "font_size": 10}
MUTED: Final = {"fill": "#555", "font_size": 11}
FONT: Final = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WIDTH: Final = 720
CHAR: Final = 6.6  # average width of a 12px sans-serif character, to lay out labels
LABEL_CHARS: Final = 24  # the widest line of a y-axis label, in characters

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
class EventMark:
    """A context event on the x axis: where (in column units, -0.5 to n - 0.5), when and what."""

    at: float
    date: str
    title: str


@attrs.frozen(kw_only=True)
class Chart:
    """What one issue's chart shows.

    Attributes:
        title: The chart's accessible name.
        summary: A sentence for screen readers.
        kind: ``ordinal`` or ``numeric`` (a line chart), or ``matrix`` (categorical: dots).
        columns: Per column (round), a short label (the date) and the round's title.
        ticks: The y axis: values and their labels (every option, or round numbers).
        low: Lowest value on a numeric axis; ``high`` the highest.
        unit: The unit of a numeric scale, shown over the axis.
        series: One per party.
        zones: Per column, the zone of agreement as runs of y values (none where it is closed).
        events: Context events.
        turning: Columns that are turning points.
    """

    title: str
    summary: str
    kind: Literal["ordinal", "numeric", "matrix"]
    columns: tuple[tuple[str, str], ...]
    ticks: tuple[tuple[float, str], ...]
    low: float = 0.0
    high: float = 1.0
    unit: str | None = None
    series: tuple[Series, ...] = ()
    zones: tuple[tuple[Band, ...], ...] = ()
    events: tuple[EventMark, ...] = ()
    turning: frozenset[int] = frozenset()


def _f(value: float) -> str:
    """A coordinate or opacity, short and stable: two decimals at most."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _el(tag: str, content: str = "", title: str | None = None, /, **attributes: object) -> str:
    """An element. Every attribute value is escaped (numbers formatted first); so is ``title``.

    ``content`` is markup made by this module: other elements, or text escaped where it is made.
    Attribute names are ours: ``text_anchor`` becomes ``text-anchor``, ``class_`` ``class``.
    """
    values = {k: _f(v) if isinstance(v, float | int) else str(v) for k, v in attributes.items()}
    pairs = "".join(f" {k.rstrip('_').replace('_', '-')}={quoteattr(v)}" for k, v in values.items())
    inner = (f"<title>{escape(title)}</title>" if title is not None else "") + content
    return f"<{tag}{pairs}>{inner}</{tag}>" if inner else f"<{tag}{pairs}/>"


def _label(x: float, y: float, text: str, /, **attributes: object) -> str:
    """A ``<text>`` element holding analyst or our text, escaped."""
    return _el("text", escape(text), x=x, y=y, **attributes)


def _fit(text: str, chars: int) -> str:
    """The text cut to ``chars`` characters, with an ellipsis when cut."""
    return text if len(text) <= chars else text[: max(chars - 1, 1)].rstrip() + "\u2026"


def _wrap(text: str, chars: int, lines: int = 2) -> list[str]:
    """The text broken at spaces into at most ``lines`` lines of at most ``chars`` characters."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= chars:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] += " " + " ".join(words)
    return [_fit(line, chars) for line in out] or [""]


def marker(style: int, x: float, y: float, *, hollow: bool = False, size: float = 5.5) -> str:
    """A party's marker in its colour and shape; hollow (white inside) for a carried position."""
    colour = COLOURS[style % len(COLOURS)]
    corners, turn = SHAPES[style % len(SHAPES)]
    paint = {"fill": "#fff" if hollow else colour, "stroke": colour, "stroke_width": 2}
    if not corners:
        return _el("circle", cx=x, cy=y, r=size, **paint)
    angles = (math.radians(turn + 360 * k / corners) for k in range(corners))
    radius = size * (1.3 if corners < 4 else 1.2)
    points = " ".join(
        f"{_f(x + radius * math.cos(a))},{_f(y + radius * math.sin(a))}" for a in angles
    )
    return _el("polygon", points=points, **paint)


def swatch_svg(style: int) -> str:
    """A party's marker alone, for a legend whose words are HTML."""
    inner = marker(style, 8, 8)
    return _el(
        "svg", inner, class_="swatch", width=16, height=16, viewBox="0 0 16 16", aria_hidden="true"
    )


@attrs.define
class _Frame:
    """Where the plot sits in the picture, and how values map onto it."""

    chart: Chart
    left: float
    bottom: float
    top: float = 34.0
    right: float = WIDTH - 16.0

    @property
    def column_width(self) -> float:
        """Horizontal space per round."""
        return (self.right - self.left) / max(len(self.chart.columns), 1)

    @property
    def titles(self) -> bool:
        """Whether every round's title fits, whole, in two lines under its column."""
        chars = int(self.column_width / CHAR) - 1
        lines = (line for _, title in self.chart.columns for line in _wrap(title, chars))
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
        numeric = chart.kind == "numeric"
        low, high = (chart.low, chart.high) if numeric else (-0.5, len(chart.ticks) - 0.5)
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
    rows = len(chart.ticks)
    height = {"matrix": 34.0 * max(rows, 1), "numeric": 220.0}.get(chart.kind, 40.0 * max(rows, 4))
    frame = _Frame(chart, left=max(16 + min(longest, LABEL_CHARS) * CHAR, 64.0), bottom=34 + height)
    body = [*_turning(frame), *_zones(frame), *_y_axis(frame), *_bands(frame), *_lines(frame)]
    body += _x_axis(frame)
    events, total = _events(frame)
    inner = "\n".join(["", f"<desc>{escape(chart.summary)}</desc>", *body, *events, ""])
    return _el(
        "svg",
        inner,
        chart.title,
        class_="chart",
        role="img",
        aria_label=chart.title,
        viewBox=f"0 0 {WIDTH} {_f(total)}",
        width=WIDTH,
        height=total,
        font_family=FONT,
        font_size=12,
    )


def _box(
    middle: float, top: float, width: float, height: float, title: str, /, **paint: object
) -> str:
    """A rectangle centred on ``middle``, with a tooltip."""
    return _el("rect", "", title, x=middle - width / 2, y=top, width=width, height=height, **paint)


def _line(x1: float, y1: float, x2: float, y2: float, /, **paint: object) -> str:
    """A straight line."""
    return _el("line", x1=x1, y1=y1, x2=x2, y2=y2, **paint)


def _turning(frame: _Frame) -> list[str]:
    """A highlighted column behind each turning point, labelled above the plot."""
    out = []
    for column in sorted(frame.chart.turning):
        x, top = frame.x(column), frame.top - 18
        height = frame.bottom - top
        out.append(_box(x, top, frame.column_width, height, "turning point", **TURNING_PAINT))
        out.append(_label(x, frame.top - 6, "turning point", **SMALL))
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
    """Grid lines and labels (every option, or round numbers with the unit above)."""
    chart, left = frame.chart, frame.left
    out = []
    for value, label in chart.ticks:
        y = frame.y(value)
        out.append(_line(left, y, frame.right, y, stroke=GRID))
        lines = [label] if chart.kind == "numeric" else _wrap(label, LABEL_CHARS)
        first = y + 4 - (len(lines) - 1) * 7
        texts = (
            _label(left - 8, first + 14 * i, t, text_anchor="end") for i, t in enumerate(lines)
        )
        out.append(_el("g", "".join(texts), label, fill=INK))
    if chart.unit:
        out.append(_label(left - 8, frame.top - 20, chart.unit, text_anchor="end"))
    out.append(_line(left, frame.top, left, frame.bottom, stroke=AXIS))
    return out


def _bands(frame: _Frame) -> list[str]:
    """Each party's acceptable set: a translucent bar in the party's colour and slot."""
    out = []
    width = max(frame.slot * 0.9, 4.0)
    for rank, series in enumerate(frame.chart.series):
        colour = COLOURS[series.style % len(COLOURS)]
        paint = {"fill": colour, "stroke": colour, **BAND_PAINT}
        title = f"{series.name}: acceptable"
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
            runs[-1].append(f"{_f(x)},{_f(y)}")
        colour = COLOURS[series.style % len(COLOURS)]
        if frame.chart.kind != "matrix":
            paint = {"fill": "none", "stroke": colour, "stroke_width": 2.5}
            out += [_el("polyline", points=" ".join(r), **paint) for r in runs if len(r) > 1]
        for column, x, y in places:
            carried = series.carried[column]
            title = f"{series.name}, {frame.chart.columns[column][0]}" + " (carried)" * carried
            out.append(_el("g", marker(series.style, x, y, hollow=carried), title))
    return out


def _x_axis(frame: _Frame) -> list[str]:
    """The axis line and, under each column, the round's date and (when all fit) its title."""
    chars, bottom = int(frame.column_width / CHAR) - 1, frame.bottom
    out = [_line(frame.left, bottom, frame.right, bottom, stroke=AXIS)]
    for column, (label, title) in enumerate(frame.chart.columns):
        x = frame.x(column)
        weight = "bold" if column in frame.chart.turning else "normal"
        parts = [_label(x, bottom + 18, _fit(label, max(chars, 6)), **MIDDLE, font_weight=weight)]
        if frame.titles:
            lines = enumerate(_wrap(title, chars))
            parts += [_label(x, bottom + 34 + 14 * i, t, **MIDDLE, **MUTED) for i, t in lines]
        out.append(_el("g", "".join(parts), f"{title} ({label})"))
    return out


def _events(frame: _Frame) -> tuple[list[str], float]:
    """Context events: a dashed line at the date, a numbered marker under the axis, a key below.

    Markers that would overlap move right along a row, joined to their date by a leader line;
    a row that runs out of room starts another. Returns the elements and the picture's height.
    """
    events, bottom = frame.chart.events, frame.bottom
    base = bottom + (66 if frame.titles else 30)
    out: list[str] = []
    row, last = 0, -100.0
    for index, event in enumerate(events, start=1):
        x = frame.x(event.at)
        spot = max(x, last + 19)
        if spot > WIDTH - 10:
            row, spot = row + 1, x
        last, y = spot, base + 10 + 22 * row
        leader = f"{_f(x)},{_f(bottom)} {_f(x)},{_f(y - 12)} {_f(spot)},{_f(y - 8)}"
        parts = [
            _line(x, frame.top, x, bottom, stroke=EVENT, stroke_dasharray="3 3"),
            _el("polyline", points=leader, fill="none", stroke=EVENT),
            _el("circle", cx=spot, cy=y, r=8, **EVENT_PAINT),
            _label(spot, y + 4, str(index), **SMALL),
        ]
        out.append(_el("g", "".join(parts), f"{event.date}: {event.title}"))
    key = base + 22 * (row + 1) + 22
    for index, event in enumerate(events, start=1):
        y = key + 20 * (index - 1)
        line = _fit(f"{event.date} \u2013 {event.title}", int((WIDTH - 48) / CHAR))
        parts = [
            _el("circle", cx=24, cy=y - 4, r=8, **EVENT_PAINT),
            _label(24, y, str(index), **SMALL),
            _label(40, y, line, fill=INK),
        ]
        out.append(_el("g", "".join(parts), event.title))
    return out, (key + 20 * len(events) - 6) if events else base
