"""Terminal text wraps exactly as `textwrap` does, however its fast path takes a line."""

from __future__ import annotations

import textwrap

from hypothesis import example, given, settings
from hypothesis import strategies as st

from negotrack.report._plain import plain
from negotrack.report._text import TextRenderer

# words, runs of spaces, odd whitespace (a space once plain) and long words, to take every path
_TEXTS = st.text(alphabet=st.sampled_from([*"aaab- ", "\t", "\xa0", "\u3000"]), max_size=120)


@settings(max_examples=400)
@given(_TEXTS, st.sampled_from(["", "  ", "    = "]), st.sampled_from([None, "", "      "]))
@example("words one space apart that run past the end of a line", "  ", "    ")
@example("a" * 70 + " b", "", None)
@example(" leading and trailing ", "", None)
def test_a_wrapped_line_is_what_textwrap_gives(text: str, indent: str, hang: str | None) -> None:
    """Every width from the narrowest up: the same lines as textwrap.wrap of the plain text."""
    for width in (40, 41, 57, 80):
        renderer = TextRenderer(width=width)
        expected = textwrap.wrap(
            plain(text),
            renderer.width,
            initial_indent=indent,
            subsequent_indent=indent if hang is None else hang,
            break_on_hyphens=False,
        )
        assert (expected or [""]) == renderer._wrap(text, indent=indent, hang=hang)
