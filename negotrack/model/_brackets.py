"""Counting what a negotiator counts in a draft: bracketed text, and the options on the table.

In a negotiating text, square brackets mark wording not yet agreed, and labelled options
("Option 1: ... Option 2: ...") mark alternatives still open. How many of each a draft holds,
round after round, is how delegates measure how far the text is from agreement.
`count_brackets` counts both in pasted text, plain or Markdown, in one pass. Needs nothing but
the standard library and attrs.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

import attrs

from negotrack.model._fields import describe

__all__ = ["TextCounts", "count_brackets"]


@attrs.frozen
class TextCounts:
    """What `count_brackets` found in a text: spans in brackets, options, and stray brackets."""

    brackets: int = attrs.field(
        metadata=describe("Bracketed spans; a span inside another counts as one more.")
    )
    options: int = attrs.field(
        metadata=describe("Distinct option labels (Option 1, Alt A...), per paragraph.")
    )
    unclosed: int = attrs.field(
        metadata=describe(
            "Brackets opened and never closed, plus brackets closed without being opened; "
            "anything but 0 means the text is malformed."
        )
    )


# -- the patterns ------------------------------------------------------------------------------
# Every pattern is matched at a known position, scans forward only, and uses possessive
# quantifiers where a run could be long, so no input makes one backtrack over what it has read.

#: Spaces within a line, including the no-break and thin spaces word processors paste.
_SP: Final = "[ \\t\\u00a0\\u2007\\u2009\\u202f]"

#: What the scan stops at: an escape, a footnote mark, a bracket, the end of a line.
_TOKEN: Final = re.compile(r"\\[\\\[\]]|\[\^[^\s\[\]\\]+\]|[\[\]\n]")

#: A line holding nothing but white space (which ends a paragraph).
_BLANK: Final = re.compile(r"[^\S\n]*+(?=\n|\Z)")

#: A line that begins an article, a numbered paragraph or a heading (which ends a paragraph).
_BOUNDARY: Final = re.compile(
    rf"(?:{_SP}|\[)*+(?:"
    rf"\#{{1,6}}(?={_SP}|\n|\Z)"
    rf"|(?:article|art\.|chapter|section)(?:{_SP}*+[0-9]|{_SP}++(?:[ivxlc]+|[a-z])\b)"
    rf"|[0-9]{{1,4}}(?:\.[0-9]{{1,4}})++\.?(?={_SP}|\n|\Z)"
    rf"|[0-9]{{1,4}}(?:{_SP}++(?:bis|ter|quater))?[.)](?={_SP}|\n|\Z)"
    r")",
    re.IGNORECASE | re.ASCII,
)

#: A bullet, heading mark, paragraph number or enumerator, followed by a space.
_MARKER: Final = (
    r"(?:[-*+>\u2022\u2013]|\#{1,6}|[0-9]{1,4}(?:\.[0-9]{1,4})*+"
    rf"(?:{_SP}++(?:bis|ter|quater))?[.)]?|\([0-9a-z]{{1,4}}\))(?={_SP})"
)

#: An option label: Option 1, Option A, Option IV, Option (b), Alt 2, Alternative 3, Option 2 bis.
_LABEL: Final = (
    r"(?P<word>option|alternative|alt\.?)"
    rf"(?:{_SP}++|(?=[0-9(]))"
    r"(?P<label>[0-9]{1,6}|\([0-9a-z]{1,4}\)|[ivx]{2,6}|[a-z])"
    rf"(?:{_SP}++(?P<suffix>bis|ter|quater))?"
    r"(?=[:.)\]\-\u2013\u2014]|[\s\u00a0\u2007\u2009\u202f]|\Z)"
)

#: A label at the start of a line, after spaces, opening brackets and markers.
_LINE_LABEL: Final = re.compile(rf"(?:{_SP}|\[|{_MARKER})*+{_LABEL}", re.IGNORECASE | re.ASCII)

#: A label just inside an opening bracket, after spaces and markers.
_SPAN_LABEL: Final = re.compile(rf"(?:{_SP}|{_MARKER})*+{_LABEL}", re.IGNORECASE | re.ASCII)

#: A Markdown link reference definition, ``[label]: destination "title"``, on a line of its own.
#: Only a destination that looks like an address (with a ``/``, or starting ``#`` or ``mailto:``,
#: or in ``<...>``) makes one, so ``[Option 2]: Delete`` stays bracketed text.
_DEFINITION: Final = re.compile(
    r"^ {0,3}\[(?!\^)(?P<label>[^\[\]\\\n]{1,999})\]:[ \t]*+"
    r"(?:<[^<>\n]*+>|(?=\#|mailto:|[^\s/]*+/)\S++)"
    r"(?:[ \t]++(?:\"[^\"\n]*+\"|'[^'\n]*+'|\([^()\n]*+\)))?[ \t]*+$",
    re.MULTILINE,
)

#: The label of a reference link, just after the link text: ``[ref]`` or ``[]``.
_REFERENCE: Final = re.compile(r"\[([^\[\]\\\n]{0,999})\]")

#: Link labels longer than this are not labels (CommonMark's limit).
_MAX_LABEL: Final = 999

#: An option label as compared within a paragraph: paragraph, word, label, suffix.
_Key = tuple[int, str, str, str]


def _normal(label: str) -> str:
    """A link label as Markdown compares it: case folded, runs of white space made one space."""
    return " ".join(label.split()).casefold()


def _definitions(text: str) -> tuple[set[str], dict[int, int]]:
    """The link labels the text defines, and where each definition line starts and ends."""
    if "]:" not in text:
        return set(), {}
    labels: set[str] = set()
    lines: dict[int, int] = {}
    for match in _DEFINITION.finditer(text):
        label = _normal(match.group("label"))
        if label:
            labels.add(label)
            lines[match.start()] = match.end()
    return labels, lines


def _key(block: int, match: re.Match[str]) -> _Key:
    """How an option label is told apart from the others in its paragraph."""
    word = "alt" if match["word"][:3].lower() == "alt" else "option"
    return block, word, match["label"].strip("()").lower(), (match["suffix"] or "").lower()


def _line(text: str, start: int, block: int, labels: list[tuple[int, _Key]]) -> int:
    """A line begins at ``start``: note its option label; return the paragraph it is in."""
    first = text[start : start + 1]
    if first in ("", "\n") or (first.isspace() and _BLANK.match(text, start)):
        return block + 1  # a blank line: the next line starts a new paragraph
    if _BOUNDARY.match(text, start):
        block += 1
    label = _LINE_LABEL.match(text, start)
    if label is not None:
        labels.append((label.start("word"), _key(block, label)))
    return block


def _link_end(
    text: str, start: int, end: int, defined: set[str], *, plain: bool, parted: bool
) -> int:
    """Where a Markdown link ends if brackets at ``start`` and ``end`` hold its text, else -1.

    ``plain`` says that nothing but text lies between the brackets, so the text can be a label;
    ``parted`` that they are in different paragraphs, so they are no link.
    """
    if parted:
        return -1
    after = text[end + 1 : end + 2]
    if after == "(":
        return end + 1
    if not defined:
        return -1
    own = text[start + 1 : end] if plain and end - start <= _MAX_LABEL else ""
    if after == "[":
        reference = _REFERENCE.match(text, end + 1)
        if reference is not None:  # [text][ref] or [text][], not a shortcut [text]
            return reference.end() if _normal(reference[1] or own) in defined else -1
    return end + 1 if own and _normal(own) in defined else -1


def _options(labels: list[tuple[int, _Key]], links: list[tuple[int, int]]) -> set[_Key]:
    """The distinct option labels that do not lie in the text of a link."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(links):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    keys: set[_Key] = set()
    for at, key in labels:
        index = bisect.bisect_right(starts, at) - 1
        if index < 0 or at > ends[index]:
            keys.add(key)
    return keys


def count_brackets(text: str) -> TextCounts:
    r"""Count the bracketed spans and the labelled options in a draft, as a negotiator does.

    Brackets:

    - Each ``[`` matched by a later ``]`` is one span; spans inside spans each count, so
      ``[a [b] c]`` is 2. A span may run over several lines and paragraphs.
    - Not brackets: an escaped ``\[`` or ``\]`` (``\\`` is an escaped backslash, so the bracket
      in ``\\[`` counts); a footnote mark ``[^label]`` (a label without spaces, brackets or
      backslashes: ``[^3]``, ``[^note]``, also as ``[^3]:`` starting a footnote).
    - Not spans: the text of a Markdown link, with every span inside it: ``[text](url)`` and
      ``![alt](src)`` (``]`` directly followed by ``(``), and ``[text][ref]``, ``[text][]``
      and ``[text]`` when the text defines the label in a line ``[ref]: address`` (an address
      has a ``/``, starts with ``#`` or ``mailto:``, or is in ``<...>``); such definition lines
      are not counted either. Without a definition, ``[shall][should]`` is two spans, as
      UNFCCC drafts write alternatives. A link's ``[`` and ``]`` must be in the same paragraph.
    - ``unclosed`` counts each ``[`` never closed and each ``]`` with nothing open. Brackets
      inside a link's address count like any others.

    Options:

    - A label is ``Option``, ``Alt``, ``Alt.`` or ``Alternative`` (any case), a space (none is
      needed before a digit or ``(``), then a number (``1``, ``12``), one letter (``A``), a
      Roman numeral of two to six of I, V, X (``IV``), or one of these in parentheses
      (``(b)``), optionally ``bis``, ``ter`` or ``quater``; it must be followed by ``:``,
      ``.``, ``)``, ``]``, ``-``, an en or em dash, white space or the end of the text. So
      ``Option 1:``, ``Option (a)``, ``[Alt B]`` and ``Option 2 bis -`` are labels, and
      ``Optional``, ``Options 1 and 2`` and ``Option 1a`` are not.
    - It counts where it begins a line, after any spaces, opening brackets, bullets
      (``- * + > •`` or an en dash), heading marks ``#``, paragraph numbers (``17.``,
      ``4.1``, ``17 bis.``, ``3)``) and enumerators (``(a)``), each marker followed by a
      space; or where it begins a bracketed span, after spaces and markers. A label in the
      middle of a sentence ("as in Option 1") does not count, nor one in a link's text.
    - Each distinct label (word, label and suffix, ignoring case and parentheses, with ``Alt``
      and ``Alternative`` the same word) counts once per paragraph: the same label again in
      the same paragraph is the same option. A paragraph ends at a blank line (white space
      only) and where a line begins ``Article``, ``Art.``, ``Chapter`` or ``Section`` with a
      number or letter, a paragraph number, or a Markdown heading (each may follow opening
      brackets, so ``[Article 4`` begins one).

    Lines end at ``\n``, ``\r\n`` or ``\r``. Code spans and braces are not special. Counting is
    additive over two texts joined by a blank line when the first leaves no bracket open and
    neither defines a link label the other uses. The time taken grows linearly with the text,
    whatever it holds.

    Args:
        text: The draft, as pasted: plain text or Markdown.

    Returns:
        The spans in brackets, the options, and the brackets left unmatched.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    defined, definition_lines = _definitions(text)
    span_label = _SPAN_LABEL.match
    labels: list[tuple[int, _Key]] = []  # option labels, with where each begins
    links: list[tuple[int, int]] = []  # link texts, from their [ to their ]
    opened: list[tuple[int, int]] = []  # each bracket still open: where, in which paragraph
    inner: list[int] = []  # ... and how many spans have closed inside it
    spans = stray = 0  # spans closed outside any open bracket; ] with nothing open
    skip = definition_lines.get(0, 0)  # tokens before this are a link reference or definition
    last = -1  # where the last token other than a line end began
    block = 0 if skip else _line(text, 0, 0, labels)
    for token in _TOKEN.finditer(text):
        at = token.start()
        if at < skip:
            continue
        kind = token[0]
        if kind == "\n":
            skip = definition_lines.get(at + 1, 0)
            if not skip:
                block = _line(text, at + 1, block, labels)
            continue
        if kind == "[":
            opened.append((at, block))
            inner.append(0)
            label = span_label(text, at + 1)
            if label is not None:
                labels.append((label.start("word"), _key(block, label)))
        elif kind == "]":
            if not opened:
                stray += 1
            else:
                start, start_block = opened.pop()
                end = _link_end(
                    text, start, at, defined, plain=last == start, parted=start_block != block
                )
                count = inner.pop() + 1
                if end >= 0:
                    links.append((start, at))  # neither it nor the spans in its text count
                    skip = end
                elif inner:
                    inner[-1] += count
                else:
                    spans += count
        last = at
    return TextCounts(
        brackets=spans + sum(inner),
        options=len(_options(labels, links)),
        unclosed=len(opened) + stray,
    )
