"""SVG pieces for the HTML charts, written as text with every attribute and title escaped.

Every element is built by `element`, which escapes every attribute value with
`xml.sax.saxutils.quoteattr` and every title with `escape`; `text` escapes its content. So the
markup made from these is safe to insert into a page as it is. A chart is tens of thousands of
elements with few distinct words: each distinct text is escaped once (a bounded cache), a
number needs no escaping, and an attribute's written name is worked out once.
"""

from __future__ import annotations

import functools
import math
from typing import Final
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr

from negotrack.report._palette import SHAPES, colour
from negotrack.report._plain import plain

__all__ = ["CHAR", "element", "fit", "marker", "num", "swatch_svg", "text", "wrap"]

CHAR: Final = 6.6  # average width of a 12px sans-serif character, to lay out labels


#: Distinct texts escaped and kept: a chart's words and attribute values repeat.
_KEPT: Final = 4096


@functools.lru_cache(maxsize=_KEPT)
def escape(words: str) -> str:
    """Analyst or our words as SVG text: made `plain`, then escaped."""
    return _escape(plain(words))


@functools.lru_cache(maxsize=_KEPT)
def quoteattr(value: str) -> str:
    """An attribute value, made `plain`, escaped and quoted."""
    return _quoteattr(plain(value))


@functools.lru_cache(maxsize=_KEPT)  # 1, 1.0 and True are one key, and read alike
def num(value: float) -> str:
    """A coordinate or opacity, short and stable: two decimals at most."""
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if out == "-0" else out


#: Each attribute name as written, with its ``=``: ``text_anchor`` is `` text-anchor=``.
_NAMES: dict[str, str] = {}


def _name(key: str) -> str:
    written = _NAMES.get(key)
    if written is None:
        written = _NAMES[key] = f" {key.rstrip('_').replace('_', '-')}="
    return written


def _pairs(attributes: dict[str, object]) -> str:
    """The attributes as written: names, then values escaped and quoted (numbers formatted)."""
    out = []
    for key, value in attributes.items():
        name = _NAMES.get(key) or _name(key)
        kind = type(value)
        if kind is str:
            out.append(name + quoteattr(value))
        elif kind is float or kind is int or isinstance(value, float | int):
            out.append(f'{name}"{num(value)}"')  # digits, a sign and a point: nothing to escape
        else:
            out.append(name + quoteattr(str(value)))
    return "".join(out)


def element(tag: str, content: str = "", title: str | None = None, /, **attributes: object) -> str:
    """An element. Every attribute value is escaped (numbers formatted first); so is ``title``.

    ``content`` is markup made by the chart modules: other elements, or text escaped where it is
    made. Attribute names are ours: ``text_anchor`` becomes ``text-anchor``, ``class_`` ``class``.
    """
    pairs = _pairs(attributes)
    inner = content if title is None else f"<title>{escape(title)}</title>{content}"
    return f"<{tag}{pairs}>{inner}</{tag}>" if inner else f"<{tag}{pairs}/>"


def text(x: float, y: float, words: str, /, **attributes: object) -> str:
    """A ``<text>`` element holding analyst or our words, escaped."""
    return element("text", escape(words), x=x, y=y, **attributes)


def fit(words: str, chars: int) -> str:
    """The words cut to ``chars`` characters, with an ellipsis when cut."""
    return words if len(words) <= chars else words[: max(chars - 1, 1)].rstrip() + "\u2026"


def wrap(words: str, chars: int, lines: int = 2) -> list[str]:
    """The words broken at spaces into at most ``lines`` lines of at most ``chars`` characters."""
    out: list[str] = []
    rest = words.split()
    while rest and len(out) < lines:
        line = rest.pop(0)
        while rest and len(line) + 1 + len(rest[0]) <= chars:
            line += " " + rest.pop(0)
        out.append(line)
    if rest:
        out[-1] += " " + " ".join(rest)
    return [fit(line, chars) for line in out] or [""]


def marker(style: int, x: float, y: float, *, hollow: bool = False, size: float = 5.5) -> str:
    """A party's marker in its colour and shape; hollow (white inside) for a carried position."""
    ink = colour(style)
    corners, turn = SHAPES[style % len(SHAPES)]
    paint = {"fill": "#fff" if hollow else ink, "stroke": ink, "stroke_width": 2}
    if not corners:
        return element("circle", cx=x, cy=y, r=size, **paint)
    angles = (math.radians(turn + 360 * k / corners) for k in range(corners))
    radius = size * (1.3 if corners < 4 else 1.2)
    points = " ".join(
        f"{num(x + radius * math.cos(a))},{num(y + radius * math.sin(a))}" for a in angles
    )
    return element("polygon", points=points, **paint)


def swatch_svg(style: int) -> str:
    """A party's marker alone, for a legend whose words are HTML."""
    inner = marker(style, 8, 8)
    return element(
        "svg", inner, class_="swatch", width=16, height=16, viewBox="0 0 16 16", aria_hidden="true"
    )
