"""Writing diffs, reports and timelines for people and programs: one renderer per format.

Above the diff. `negotrack.report._render` holds the renderer protocol and `renderer_for`;
`._text`, `._markdown`, `._json` and `._html` are the renderers; `._labels` words values and
changes, `._serialise` shapes the JSON, `._schemas` and `._catalogue` hold its schemas (and
serve the dossier schemas beside them); `._charts` and `._issue_charts` draw the SVG charts the
HTML templates (``templates/``) insert.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from negotrack.report._html import HtmlRenderer
    from negotrack.report._json import JsonRenderer
    from negotrack.report._markdown import MarkdownRenderer
    from negotrack.report._render import renderer_for
    from negotrack.report._text import TextRenderer

# Each name is imported on first use, so that a module of this layer (`._plain`, `._axes`) can
# be imported without loading every renderer and Jinja2's templates.
_EXPORTS = {
    "HtmlRenderer": "negotrack.report._html",
    "JsonRenderer": "negotrack.report._json",
    "MarkdownRenderer": "negotrack.report._markdown",
    "TextRenderer": "negotrack.report._text",
    "renderer_for": "negotrack.report._render",
}

__all__ = [
    "HtmlRenderer",
    "JsonRenderer",
    "MarkdownRenderer",
    "TextRenderer",
    "renderer_for",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'negotrack.report' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
