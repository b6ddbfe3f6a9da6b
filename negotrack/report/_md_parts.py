"""Markdown's building blocks: analyst text made inert, cells, tables, links and footnotes.

Every piece of analyst text goes through `escape` (or `cell`, which keeps line breaks as
``<br>``), so a ``|``, a ``<`` or a line break cannot break a table or become markup. Sources
become footnotes through `Cited`, one label per source: two ids that clean to the same label
(``s.1`` and ``s-1``) get distinct labels, so a quote is never attributed to the wrong source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from negotrack.model._errors import UnknownIdError
from negotrack.report._plain import plain
from negotrack.report._quotes import safe_url

if TYPE_CHECKING:
    from negotrack.model._negotiation import Negotiation

__all__ = ["Cited", "cell", "escape", "link", "noted", "table"]

#: Characters that mean something to Markdown (or to HTML inside it), escaped in analyst text.
_SIGNIFICANT: Final = re.compile(r"([\\`*_\[\]<|~#])")
_FOOTNOTE_UNSAFE: Final = re.compile(r"[^A-Za-z0-9_-]")


def escape(text: str) -> str:
    """Analyst text made inert for Markdown: significant characters escaped, lines joined."""
    return " ".join(_SIGNIFICANT.sub(r"\\\1", plain(text)).split())


def cell(text: str) -> str:
    """Analyst text for a table cell: escaped, with line breaks kept as ``<br>``."""
    return "<br>".join(escape(line) for line in text.splitlines() if plain(line).strip())


def table(
    headers: list[str], rows: list[list[str]], right: frozenset[int] = frozenset()
) -> list[str]:
    """A Markdown table from cells that are already escaped; ``right`` aligns columns right."""
    rule = ["---:" if i in right else "---" for i in range(len(headers))]
    return [
        "|" + "|".join(f" {c} " if c else " " for c in row) + "|" for row in [headers, rule, *rows]
    ]


def link(url: str) -> str:
    """A URL as an autolink when it may be a link (`safe_url`: http, https, mailto), else text.

    A ``javascript:`` or ``data:`` address is shown as escaped text: Markdown would make any
    scheme a link.
    """
    if safe_url(url) is None or any(c in url for c in "<>"):
        return escape(url)
    return f"<{url}>"


def noted(outlet: str, note: str) -> str:
    """The source's outlet with its footnote mark: a mark follows the word it annotates.

    A mark after a grade or a date would read as part of it (``B2`` and a ``1`` read ``B21``),
    so it follows the outlet, or the word ``source`` when the source names no outlet.
    """
    if not note:
        return outlet
    return f"{outlet or 'source'}{note}"


class Cited:
    """What a diff's Markdown has cited so far: statements quoted, and sources as footnotes."""

    def __init__(self) -> None:
        self.quoted: dict[str, str] = {}  # the title of the section quoting each statement
        self.notes: dict[str, str] = {}  # footnote definitions by label, in order of first use
        self._labels: dict[str, str] = {}  # each cited source's label, by source id
        self._roles: dict[str, str] | None = None

    def roles(self, n: Negotiation) -> dict[str, str]:
        """The role of every person with one, by person id."""
        if self._roles is None:
            self._roles = {
                p.id: p.role for party in n.parties for p in party.representatives if p.role
            }
        return self._roles

    def outlet(self, n: Negotiation, source_id: str | None) -> str:
        """The outlet of a statement's source, escaped; empty when there is none."""
        try:
            return escape(n.source(source_id).outlet or "") if source_id else ""
        except UnknownIdError:
            return ""

    def note(self, n: Negotiation, source_id: str | None) -> str:
        """A footnote reference to a source, defining the footnote on first use."""
        try:
            source = n.source(source_id) if source_id else None
        except UnknownIdError:
            source = None
        if source is None:
            return ""
        label = self._labels.get(source.id)
        if label is None:
            label = base = _FOOTNOTE_UNSAFE.sub("-", source.id)
            count = 1
            while label in self.notes:
                count += 1
                label = f"{base}-{count}"
            self._labels[source.id] = label
            parts = [source.title, source.outlet, source.date and source.date.isoformat()]
            words = ", ".join(escape(p) for p in parts if p) + "."
            self.notes[label] = f"[^{label}]: {words}" + (
                f" {link(source.url)}" if source.url else ""
            )
        return f"[^{label}]"
