"""Counting brackets and options in a draft text, as a negotiator counts them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack
from negotrack import TextCounts, count_brackets

# -- examples ------------------------------------------------------------------------------------


def test_empty_text_counts_nothing() -> None:
    """An empty text has no brackets, no options and nothing unclosed."""
    assert TextCounts(0, 0, 0) == count_brackets("")


def test_exported_from_the_package_and_the_model() -> None:
    """count_brackets and TextCounts are the same objects from negotrack and negotrack.model."""
    from negotrack import model  # noqa: PLC0415 - the layer package, imported by the test

    assert (count_brackets, TextCounts) == (model.count_brackets, model.TextCounts)
    assert (count_brackets, TextCounts) == (negotrack.count_brackets, negotrack.TextCounts)


@pytest.mark.parametrize(
    ("text", "brackets"),
    [
        ("Parties [shall] report.", 1),
        ("[a [b] c]", 2),
        ("[a [b [c]] [d]]", 4),
        ("[shall][should]", 2),
        ("[shall] [should]", 2),
        ("[]", 1),
        ("[ ] per cent", 1),
        ("[Article 4\n\n1. Parties shall [report].\n\n2. Parties may.]", 2),
    ],
    ids=["one", "nested", "deeply-nested", "adjacent", "spaced", "empty", "placeholder", "multi"],
)
def test_spans(text: str, brackets: int) -> None:
    """Every bracketed span counts once; nested spans each count; spans cross paragraphs."""
    assert TextCounts(brackets, 0, 0) == count_brackets(text)


@pytest.mark.parametrize(
    "text",
    [
        "as agreed[^3] and noted[^note].",
        "[^1]: The footnote itself.",
        "[^a-b_c.1]",
    ],
    ids=["marks", "definition", "punctuation"],
)
def test_footnote_marks_are_not_counted(text: str) -> None:
    """Footnote marks [^label] are not brackets."""
    assert TextCounts(0, 0, 0) == count_brackets(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[^ spaced]", TextCounts(1, 0, 0)),
        ("[^]", TextCounts(1, 0, 0)),
        ("[^3 [x]]", TextCounts(2, 0, 0)),
    ],
    ids=["space", "empty", "nested"],
)
def test_what_is_not_a_footnote_mark(text: str, expected: TextCounts) -> None:
    """A caret label with a space, nothing, or a bracket in it is an ordinary span."""
    assert expected == count_brackets(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see [the draft](https://example.org/draft).", TextCounts(0, 0, 0)),
        ("![a chart](chart.png)", TextCounts(0, 0, 0)),
        ("[the [new] draft](https://example.org)", TextCounts(0, 0, 0)),
        ("[Option 1: see](https://example.org)", TextCounts(0, 0, 0)),
        ("[kept] [the draft](u) [kept]", TextCounts(2, 0, 0)),
        ("[Article 4 [see](u)", TextCounts(0, 0, 1)),
        ("[shall] (a) report", TextCounts(1, 0, 0)),
        ("[not a link\n\n](u)", TextCounts(1, 0, 0)),
    ],
    ids=["inline", "image", "nested-text", "label-in-text", "beside", "in-open", "space", "paras"],
)
def test_inline_links_are_not_counted(text: str, expected: TextCounts) -> None:
    """A span directly followed by ( is a link's text: it and the spans in it do not count."""
    assert expected == count_brackets(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See [the draft][d].\n\n[d]: https://example.org/draft", TextCounts(0, 0, 0)),
        ("See [the draft][].\n\n[The Draft]: <https://example.org>", TextCounts(0, 0, 0)),
        ("See [the draft].\n\n[the  draft]: /drafts/1 'The draft'", TextCounts(0, 0, 0)),
        ("See [x][missing].\n\n[d]: https://example.org", TextCounts(2, 0, 0)),
        ("[shall][should]\n[Option 2]: Delete", TextCounts(3, 1, 0)),
        ("[a [b]][d]\n\n[d]: #top", TextCounts(0, 0, 0)),
    ],
    ids=["full", "collapsed", "shortcut", "undefined", "no-address", "nested-text"],
)
def test_reference_links_need_a_definition(text: str, expected: TextCounts) -> None:
    """[text][ref], [text][] and [text] are links only when the text defines the label."""
    assert expected == count_brackets(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"a \[literal\] bracket", TextCounts(0, 0, 0)),
        (r"\[half]", TextCounts(0, 0, 1)),
        (r"[half\]", TextCounts(0, 0, 1)),
        (r"a backslash \\[then a span]", TextCounts(1, 0, 0)),
        (r"\\\[escaped again]", TextCounts(0, 0, 1)),
        (r"\[^3]", TextCounts(0, 0, 1)),
    ],
    ids=["both", "open", "close", "escaped-backslash", "three", "footnote"],
)
def test_escaped_brackets_are_not_brackets(text: str, expected: TextCounts) -> None:
    """A backslash escapes the bracket (or backslash) after it."""
    assert expected == count_brackets(text)


@pytest.mark.parametrize(
    ("text", "unclosed"),
    [("[a", 1), ("a]", 1), ("]", 1), ("[[a]", 1), ("[a]]", 1), ("][", 2), ("[" * 5, 5)],
    ids=["open", "close", "bare", "one-left", "one-extra", "reversed", "run"],
)
def test_unclosed(text: str, unclosed: int) -> None:
    """Brackets opened and never closed, and closed without opening, are counted as unclosed."""
    assert unclosed == count_brackets(text).unclosed


def test_spans_inside_an_unclosed_bracket_count() -> None:
    """A span closed inside a bracket left open is still a span."""
    assert TextCounts(1, 1, 1) == count_brackets("[Option 1: [a] b")


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("Option 1: Parties shall.\nOption 2: Parties should.", 2),
        ("Option 1: a\nOption 2: b\nOption 1: a again", 2),
        ("Option 1: a\n\nOption 1: b", 2),
        ("Option A. a\nOption B) b\nOption C - c\nOption D\nOption E", 5),
        ("Option I: a\nOption II: b\nOption IV: c\noption iv: d", 3),
        ("Alt 1: a\nAlt. 2: b\nAlternative 2: c\nOption 1: d", 3),
        ("Option (a): x\nOption a: y\nOption A: z", 1),
        ("Option 2: a\nOption 2 bis: b\nOption 2 ter - c", 3),
        ("Option1: a\nOption(b) b", 2),
        ("Parties [Option 1: shall] [Option 2: should] report.", 2),
        ("[Option 1]\ntext\n[Option 2]\ntext", 2),
        ("- Option 1: a\n* Option 2: b\n> Option 3: c\n\u2022 Option 4: d", 4),
        ("### Option 1\ntext\n### Option 2", 2),
        ("17. Option 1: a\n    Option 2: b\n18. Option 1: c\n    Option 2: d", 4),
        ("Article 1\nOption 1: a\nArticle 2\nOption 1: b", 2),
        ("[Article 1\nOption 1: a]\n[Article 2\nOption 1: b]", 2),
        ("(a) Option 1: x\n(b) Option 2: y", 2),
        ("Option\u00a01\u00a0: a", 1),
        ("Option 1: a\r\nOption 2: b\rOption 3: c", 3),
    ],
    ids=[
        "two",
        "repeated",
        "two-paragraphs",
        "terminators",
        "roman",
        "alt",
        "parentheses",
        "bis-ter",
        "no-space",
        "in-brackets",
        "bracketed-headers",
        "bullets",
        "headings",
        "numbered-paragraphs",
        "articles",
        "bracketed-articles",
        "enumerators",
        "no-break-space",
        "line-endings",
    ],
)
def test_options(text: str, options: int) -> None:
    """Each distinct option label that begins a line or a span counts once per paragraph."""
    assert options == count_brackets(text).options


@pytest.mark.parametrize(
    "text",
    [
        "as set out in Option 1: that is",
        "Optional protocol\nOptions 1 and 2 are merged",
        "Option 1a: typo\nOption 12345678: too long\nOption ab: not a label",
        "Alternatively, Parties may\nAlter 1",
        "\\[Option 1: escaped]",
        "[^Option1]",
        "[see Option 1](https://example.org)",
        "Option, not labelled\nOption: nothing\nOption 1, comma",
    ],
    ids=["mid-sentence", "words", "not-labels", "alt-words", "escaped", "footnote", "link", "bare"],
)
def test_what_is_not_an_option(text: str) -> None:
    """Labels mid-sentence, words that start like labels, and labels in links do not count."""
    assert 0 == count_brackets(text).options


def test_a_draft_as_pasted() -> None:
    """A paragraph of a climate draft counts as a delegate would count it."""
    draft = (
        "17. [Option 1: Developed country Parties [shall][should] provide [USD 100 billion]\n"
        "[per year][annually] [from 2025]].\n"
        "[Option 2: No text.]\n"
        "\n"
        "18. Parties [shall][should] report[^12] as set out in [decision 1/CP.21](https://"
        "unfccc.int/decisions) [every [two] years].\n"
    )
    assert TextCounts(12, 2, 0) == count_brackets(draft)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 1_000_000, TextCounts(0, 0, 1_000_000)),
        ("]" * 1_000_000, TextCounts(0, 0, 1_000_000)),
        ("[" * 500_000 + "]" * 500_000, TextCounts(500_000, 0, 0)),
        ("[^" * 500_000, TextCounts(0, 0, 500_000)),
        ("[a](" * 250_000, TextCounts(0, 0, 0)),
        ("\n" * 1_000_000, TextCounts(0, 0, 0)),
        ("[Option 1: " * 90_000, TextCounts(0, 1, 90_000)),
        ("[a]: /u\n" + "[a][a]" * 150_000, TextCounts(0, 0, 0)),
        ("[a]: " + "/" * 1_000_000 + " x", TextCounts(1, 0, 0)),
        ("".join(map(chr, range(32))) * 30_000, TextCounts(0, 0, 0)),
        ("\U0001f600[\ud800]\U00010348" * 200_000, TextCounts(200_000, 0, 0)),
    ],
    ids=[
        "opens",
        "closes",
        "nested",
        "carets",
        "links",
        "lines",
        "options",
        "references",
        "slashes",
        "control",
        "astral",
    ],
)
def test_hostile_input(text: str, expected: TextCounts) -> None:
    """A megabyte of brackets, control characters or astral text is counted, not choked on."""
    assert expected == count_brackets(text)


# -- properties ----------------------------------------------------------------------------------

#: Bits of drafts that make no bracket of their own: no "]:" can form, so no link definition.
_PLAIN_BITS = st.sampled_from(
    [
        " ",
        "\n",
        "\n\n",
        "shall",
        "x",
        "1",
        "(",
        ")",
        "^",
        "!",
        "Option 1: ",
        "Option 2 ",
        "option (b) ",
        "Alt A ",
        "Alternative 3. ",
        "Option",
        "17. ",
        "- ",
        "# ",
        "Article 2 ",
        "[^1]",
        "[^note]",
        "\\[",
        "\\]",
        "\\\\",
        "\\x",
        "\u00a0",
    ]
)
_LEAVES = _PLAIN_BITS | st.text(
    st.characters(exclude_characters="[]\\:\r", exclude_categories=["Cs"]), max_size=4
)

#: Draft-like text whose every bracket is closed.
balanced = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4).map("".join)
        | st.lists(inner, max_size=4).map(lambda parts: "[" + "".join(parts) + "]")
    ),
    max_leaves=24,
)
#: Draft-like text with stray brackets too.
drafts = st.lists(
    balanced | st.sampled_from(["[", "]", "[Option 1: ", "[x]", "]("]), max_size=12
).map("".join)

#: Footnote marks and Markdown links, with brackets and option labels in their texts.
marks = st.one_of(
    st.from_regex(r"\[\^[a-z0-9]{1,6}\]", fullmatch=True),
    st.sampled_from(
        [
            "[the draft](https://example.org/draft)",
            "[a [nested] text](u)",
            "[Option 9: inside a link](https://example.org)",
            "![a chart](chart.png)",
            "[](empty)",
        ]
    ),
)


@given(st.text(st.characters(exclude_categories=[])))
def test_never_crashes_and_stays_within_the_brackets_there_are(text: str) -> None:
    """Any text whatever is counted, and no more brackets are found than the text holds."""
    counts = count_brackets(text)
    room = text.count("[") + text.count("]")
    assert (0, room) == (min(counts.options, 0), max(room, 2 * counts.brackets + counts.unclosed))


@given(drafts)
def test_never_crashes_on_drafts(text: str) -> None:
    """Draft-like text with every kind of bracket is counted, within the brackets it holds."""
    counts = count_brackets(text)
    room = text.count("[") + text.count("]")
    assert room == max(room, 2 * counts.brackets + counts.unclosed)


def _sum(first: TextCounts, second: TextCounts) -> TextCounts:
    return TextCounts(
        first.brackets + second.brackets,
        first.options + second.options,
        first.unclosed + second.unclosed,
    )


@given(balanced, drafts)
def test_joining_by_a_blank_line_adds_the_counts(first: str, second: str) -> None:
    """Two texts joined by a blank line count as the sum of the two, the first being balanced."""
    expected = _sum(count_brackets(first), count_brackets(second))
    assert expected == count_brackets(first + "\n\n" + second)


@given(
    st.text(st.characters(exclude_characters="[", exclude_categories=[])),
    st.text(st.characters(exclude_characters="[", exclude_categories=[])),
)
def test_joining_any_texts_without_an_opening_bracket_adds_the_counts(
    first: str, second: str
) -> None:
    """Any two texts with no [ count, joined by a blank line, as the sum of the two."""
    expected = _sum(count_brackets(first), count_brackets(second))
    assert expected == count_brackets(first + "\n\n" + second)


@given(
    (
        st.text(st.characters(exclude_characters="[]\\", exclude_categories=["Cs"]))
        | st.lists(_PLAIN_BITS.filter(lambda bit: "\\" not in bit and "[" not in bit)).map("".join)
    ).filter(lambda text: not text.startswith("^"))
)
def test_wrapping_a_text_in_brackets_adds_one(text: str) -> None:
    """A text without brackets, wrapped in [ and ], has one bracket more and nothing else."""
    before = count_brackets(text)
    expected = TextCounts(before.brackets + 1, before.options, before.unclosed)
    assert expected == count_brackets(f"[{text}]")


@given(drafts, st.lists(st.tuples(st.integers(0, 50), marks), max_size=6))
def test_footnote_marks_and_links_change_nothing(text: str, inserts: list[tuple[int, str]]) -> None:
    """Footnote marks and links added at the ends of lines leave the counts as they were."""
    lines = text.split("\n")
    for line_number, mark in inserts:
        index = line_number % len(lines)
        if lines[index].strip():
            lines[index] += " " + mark
    assert count_brackets(text) == count_brackets("\n".join(lines))
