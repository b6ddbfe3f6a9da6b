"""A static site of dossiers: an index, a report page each, a diff page per pair of rounds.

`site_files` renders every page in memory with the HTML and JSON renderers and returns them by
path inside the site's folder; `negotrack site` checks the targets and writes them. The pages
are self-contained like every HTML report: no script, no external request; the only links that
leave the site are the sources' own addresses. The index lists each dossier with the readings
of its latest pair of rounds (`negotrack.report._lead`).
"""

from __future__ import annotations

import html
import itertools
import re
from typing import TYPE_CHECKING, Final

from negotrack.diff._compare import compare
from negotrack.diff._timeline import timeline
from negotrack.model._errors import NegotrackError
from negotrack.report._html import HtmlRenderer
from negotrack.report._json import JsonRenderer
from negotrack.report._lead import LEAD_HEADINGS, diff_lead, lead_cells
from negotrack.report._plain import plain
from negotrack.report._words import run_span

if TYPE_CHECKING:
    from collections.abc import Sequence

    from negotrack.model._negotiation import Negotiation
    from negotrack.report._lead import Lead

__all__ = ["SiteError", "site_files", "slug"]

_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]+")
_STYLE: Final = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;overflow-wrap:break-word}table{border-collapse:collapse;width:100%;"
    "table-layout:fixed}th,td{border-bottom:1px solid #ccc;padding:.2rem .6rem;text-align:left;"
    "vertical-align:top;overflow-wrap:anywhere}.muted{color:#666}"
    "@media (max-width:600px){body{margin:1rem auto;padding:0 .5rem}table{font-size:.8rem}"
    "th,td{padding:.2rem .3rem}}"
)


class SiteError(NegotrackError):
    """The dossiers cannot make one site (two share an id, so their pages would collide)."""


def slug(text: str) -> str:
    """An id as a file or folder name: letters, digits, ``.``, ``_`` and ``-`` only."""
    return _UNSAFE.sub("-", text).strip(".-") or "x"


def site_files(dossiers: Sequence[Negotiation]) -> dict[str, str]:
    """Every file of the site, by its path relative to the site's folder (``/`` separated).

    Raises:
        SiteError: When two dossiers would write to the same folder.
        MissingExtraError: When Jinja2 (the ``html`` extra) is not installed.
    """
    page, data = HtmlRenderer(), JsonRenderer()
    files: dict[str, str] = {}
    entries = []
    for n in dossiers:
        folder = slug(n.id)
        if f"{folder}/report.html" in files:
            raise SiteError(f"two dossiers have the id {n.id!r}; a site needs each once")
        story = timeline(n)
        files[f"{folder}/report.html"] = page.report(n, story)
        files[f"{folder}/report.json"] = data.report(n, story)
        ids = [r.id for r in n.rounds]
        pairs = []
        for before, after in itertools.pairwise(ids):
            diff = compare(n, before, after)
            name = f"{folder}/diff-{slug(before)}-{slug(after)}"
            files[f"{name}.html"] = page.diff(n, diff)
            files[f"{name}.json"] = data.diff(n, diff)
            pairs.append((n.round(before).title, n.round(after).title, name))
        latest = diff_lead(n, compare(n, ids[-2], ids[-1])) if len(ids) > 1 else None
        entries.append(_entry(n, folder, pairs, latest))
    files["index.html"] = _index(entries)
    return files


def _entry(
    n: Negotiation, folder: str, pairs: list[tuple[str, str, str]], lead: Lead | None
) -> str:
    """A dossier's section of the index: its title, span, latest readings and its pages."""

    def e(words: str) -> str:
        return html.escape(plain(words))

    span = run_span(n, [r.id for r in n.rounds])
    out = [f'<section><h2><a href="{e(folder)}/report.html">{e(n.title)}</a></h2>']
    out.append(f'<p class="muted">{len(n.rounds)} rounds{", " + e(span) if span else ""}. ')
    out.append(f'<a href="{e(folder)}/report.json">JSON</a></p>')
    rows = lead_cells(lead) if lead is not None else []
    if rows:
        head = "".join(f"<th>{e(h)}</th>" for h in LEAD_HEADINGS)
        body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
        out.append(f"<h3>Latest readings</h3><table><tr>{head}</tr>{body}</table>")
    else:
        out.append('<p class="muted">No readings between the latest two rounds.</p>')
    if pairs:
        items = "".join(
            f'<li><a href="{e(name)}.html">{e(a)} &rarr; {e(b)}</a> '
            f'(<a href="{e(name)}.json">JSON</a>)</li>'
            for a, b, name in pairs
        )
        out.append(f"<h3>Round by round</h3><ul>{items}</ul>")
    return "".join(out) + "</section>"


def _index(entries: list[str]) -> str:
    """The index page: every dossier's entry, self-contained."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Negotiations</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        "<h1>Negotiations</h1>\n" + "\n".join(entries) + "\n</body>\n</html>\n"
    )
