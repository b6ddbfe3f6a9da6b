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

from negotrack._errors import NegotrackError

if TYPE_CHECKING:
    from negotrack._changes import Diff
    from negotrack._negotiation import Negotiation
    from negotrack._timeline import Timeline

__all__ = ["FORMATS", "MissingExtraError", "Renderer", "renderer_for"]


class MissingExtraError(NegotrackError, ImportError):
    """A feature needs an optional extra that is not installed."""

    def __init__(self, feature: str, extra: str, module: str) -> None:
        self.extra = extra
        super().__init__(
            f"{feature} needs {module}, which is not installed: pip install 'negotrack[{extra}]'"
        )


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
    "text": ("negotrack._render_text", "TextRenderer"),
    "markdown": ("negotrack._render_markdown", "MarkdownRenderer"),
    "json": ("negotrack._render_json", "JsonRenderer"),
    "html": ("negotrack._render_html", "HtmlRenderer"),
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
