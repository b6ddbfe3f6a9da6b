"""Analyst text made plain: no control character, bidirectional control or odd whitespace.

Every renderer passes analyst text through `plain` (terminal text, Markdown, the HTML pages'
templates and their SVG charts), and so does every problem when it is shown (a file name can
hold an escape sequence), so none can drive a terminal, reorder what is shown or break a line or
a table. It lives in the model, the lowest layer, so that the command line can use it without
loading the renderers.
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["encodable", "plain"]

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
#: Lone surrogates (U+D800 to U+DFFF) are no Unicode text: no encoding can write them, so text
#: built through the Python API that holds one would stop any output from being written.
_SURROGATES: Final = dict.fromkeys(range(0xD800, 0xE000), "\ufffd")
_PLAIN.update(_SURROGATES)


def plain(text: str) -> str:
    """Text safe for a terminal: control characters replaced, any whitespace a single space."""
    return text.translate(_PLAIN)


def encodable(text: str) -> str:
    """A whole output (a JSON document, say) with any lone surrogate replaced by U+FFFD.

    The output is returned as it is when it encodes, which is all but always: the check costs one
    encoding, and the replacement is made only when it fails.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.translate(_SURROGATES)
    return text
