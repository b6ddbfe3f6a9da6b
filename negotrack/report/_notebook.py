"""A value as a notebook shows it: a dossier, diff or timeline as its report, measures as a table.

`negotrack` sets `view` as the notebook view of `negotrack.model._display`, so that the model
and the diff need not import this layer. HTML needs Jinja2 (the ``html`` extra); without it
the notebook falls back to the Markdown, then to the short repr.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.diff._changes import Diff
from negotrack.diff._measures import IssueMeasures
from negotrack.diff._timeline import Timeline, timeline
from negotrack.model._errors import MissingExtraError
from negotrack.model._negotiation import Negotiation
from negotrack.report._render import renderer_for

if TYPE_CHECKING:
    from negotrack.report._render import Renderer

__all__ = ["view"]


def view(value: object, form: str) -> str | None:
    """``value`` rendered as ``form`` (``"html"`` or ``"markdown"``), or None if it cannot be.

    A dossier shows its report over all rounds; a diff its report (it knows the dossier it
    compared); a timeline the report it belongs to; an issue's measures a small table.
    """
    try:
        renderer: Renderer = renderer_for(form)
    except MissingExtraError:
        return None
    if isinstance(value, Negotiation):
        return renderer.report(value, timeline(value))
    if isinstance(value, Diff) and value.dossier is not None:
        return renderer.diff(value.dossier, value)
    if isinstance(value, Timeline) and value.dossier is not None:
        return renderer.report(value.dossier, value)
    if isinstance(value, IssueMeasures):
        return _measures(value, html=form == "html")
    return None


def _measures(m: IssueMeasures, *, html: bool) -> str:
    """The measures as a two-column table."""
    import html as markup  # noqa: PLC0415 - only for this small table

    rows: list[tuple[str, Any]] = [
        ("issue", m.issue),
        ("round", m.round),
        ("parties", ", ".join(m.parties) or "none"),
        ("gap", "n/a" if m.gap is None else f"{m.gap:.2f}"),
        ("largest gap", "n/a" if m.max_gap is None else f"{m.max_gap:.2f}"),
        (
            "zone of possible agreement",
            {None: "not stated", True: "yes", False: "none"}[m.zone_exists],
        ),
        ("centre", "n/a" if m.centre is None else f"{m.centre:.2f}"),
    ]
    if html:
        cells = "".join(
            f"<tr><th>{markup.escape(k)}</th><td>{markup.escape(str(v))}</td></tr>" for k, v in rows
        )
        return f"<table>{cells}</table>"
    lines = ["| measure | value |", "| --- | --- |"]
    return "\n".join([*lines, *(f"| {k} | {str(v).replace('|', '/')} |" for k, v in rows)])
