"""Analyst text made plain: no control character, bidirectional control or odd whitespace.

Every renderer passes analyst text through `plain` (terminal text, Markdown, the HTML pages'
templates and their SVG charts), and so does every problem when it is shown (a file name can
hold an escape sequence), so none can drive a terminal, reorder what is shown or break a line or
a table. It lives in the model, the lowest layer, so that the command line can use it without
loading the renderers.
"""

from __future__ import annotations

from typing import Final

__all__ = ["encodable", "plain"]

#: Bidirectional embeddings, overrides and isolates: they reorder the text around them on
#: screen, so analyst text could show other words than it holds ("Trojan source").
_BIDI: Final = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _ranges(codes: frozenset[int]) -> list[tuple[int, int]]:
    return [(code, code) for code in sorted(codes)]


#: Control characters and bidirectional controls become U+FFFD, so analyst text cannot drive
#: the terminal or reorder what is shown; every kind of whitespace becomes a space, so it cannot
#: break a line either. The HTML and Markdown renderers use the same table.
#: Written out, not worked out at import (12,000 characters asked, a few ms of every start):
#: the whitespace (`str.isspace`) and the control characters (category Cc) below U+3001, which
#: ``tests/model`` checks against the Unicode database.
_SPACES: Final = (
    (0x09, 0x0D), (0x1C, 0x20), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
    (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
)  # fmt: skip
_CONTROLS: Final = ((0x00, 0x08), (0x0E, 0x1B), (0x7F, 0x84), (0x86, 0x9F))
_PLAIN: Final = {
    **{c: "\ufffd" for low, high in (*_CONTROLS, *_ranges(_BIDI)) for c in range(low, high + 1)},
    **{c: " " for low, high in _SPACES for c in range(low, high + 1)},
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
