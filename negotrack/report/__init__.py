"""Writing diffs, reports and timelines for people and programs: one renderer per format.

Above the diff. `negotrack.report._render` holds the renderer protocol and `renderer_for`;
`._text`, `._markdown`, `._json` and `._html` are the renderers; `._labels` words values and
changes, `._serialise` shapes the JSON, `._schemas` and `._catalogue` hold its schemas (and
serve the dossier schemas beside them); `._charts` and `._issue_charts` draw the SVG charts the
HTML templates (``templates/``) insert.
"""

from __future__ import annotations

from negotrack.report._html import HtmlRenderer
from negotrack.report._json import JsonRenderer
from negotrack.report._markdown import MarkdownRenderer
from negotrack.report._render import renderer_for
from negotrack.report._text import TextRenderer

__all__ = [
    "HtmlRenderer",
    "JsonRenderer",
    "MarkdownRenderer",
    "TextRenderer",
    "renderer_for",
]
