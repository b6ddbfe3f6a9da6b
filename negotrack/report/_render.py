"""Renderers: a diff, a report or a timeline turned into text for people or programs.

Each format is a class, configured once and then called with the data, as structlog's renderers
are::

    renderer = renderer_for("text", color=False, width=80)
    print(renderer.diff(negotiation, diff))

The renderers for Markdown, JSON and terminal text need nothing beyond the core; the HTML one
needs Jinja2 (the ``html`` extra) and imports it only when used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final, Protocol

if TYPE_CHECKING:
    from negotrack.diff._changes import Diff
    from negotrack.diff._timeline import Timeline
    from negotrack.model._negotiation import Negotiation

__all__ = ["FORMATS", "Renderer", "renderer_for"]


class Renderer(Protocol):
    """What every output format provides."""

    def diff(self, negotiation: Negotiation, diff: Diff) -> str:
        """Render what changed between two rounds, or two versions (then give the newer one)."""
        ...

    def report(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """Render the whole story: positions per round, convergence and turning points."""
        ...

    def timeline(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """Render each issue's positions round by round, compactly."""
        ...


#: Output formats, and the module and class that render each.
FORMATS: Final = {
    "text": ("negotrack.report._text", "TextRenderer"),
    "markdown": ("negotrack.report._markdown", "MarkdownRenderer"),
    "json": ("negotrack.report._json", "JsonRenderer"),
    "html": ("negotrack.report._html", "HtmlRenderer"),
}


def renderer_for(name: str, *, color: bool = False, width: int = 80) -> Renderer:
    """The renderer for a format name; ``color`` and ``width`` apply to terminal text.

    Raises:
        ValueError: For an unknown format name.
        MissingExtraError: When the format needs an extra that is not installed.
    """
    try:
        module_name, class_name = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}") from None
    cls = getattr(importlib.import_module(module_name), class_name)
    if name == "text":
        return cls(color=color, width=width)  # type: ignore[no-any-return]
    return cls()  # type: ignore[no-any-return]
