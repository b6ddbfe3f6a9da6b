"""Analyst text made plain: no control character, bidirectional control or odd whitespace.

Every renderer passes analyst text through `plain` (terminal text, Markdown, the HTML pages'
templates and their SVG charts), so none can drive a terminal, reorder what is shown or break a
line or a table.
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["plain"]

#: Bidirectional embeddings, overrides and isolates: they reorder the text around them on
#: screen, so analyst text could show other words than it holds ("Trojan source").
_BIDI: Final = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])

#: Control characters and bidirectional controls become U+FFFD, so analyst text cannot drive
#: the terminal or reorder what is shown; every kind of whitespace becomes a space, so it cannot
#: break a line either. The HTML and Markdown renderers use the same table.
_PLAIN: Final = {
    code: " " if chr(code).isspace() else "\ufffd"
    for code in range(0x3001)
    if chr(code).isspace() or unicodedata.category(chr(code)) == "Cc" or code in _BIDI
}


def plain(text: str) -> str:
    """Text safe for a terminal: control characters replaced, any whitespace a single space."""
    return text.translate(_PLAIN)
