"""Analyst text too long, too many options, bidirectional controls: inert and legible everywhere."""

from __future__ import annotations

import datetime as dt
import re

import negotrack as nt
from negotrack.report._html import HtmlRenderer
from negotrack.report._markdown import MarkdownRenderer
from negotrack.report._text import TextRenderer

LONG = "x" * 100_000
BIDI = "\u202eevil\u202c \u2066isolated\u2069"
OPTIONS = tuple(nt.Option(f"o{k}", f"Option {k} | with a pipe") for k in range(500))


def _dossier() -> nt.Negotiation:
    venue = nt.Issue("venue", "Venue " + BIDI, nt.CategoricalScale(options=OPTIONS))
    said = nt.Statement(
        "s1", dt.date(2024, 1, 10), party="a", quote=LONG + " | " + BIDI, source="src"
    )
    rounds = (
        nt.Round(
            "r1",
            "One",
            date=dt.date(2024, 1, 10),
            statements=(said,),
            positions=(
                nt.Position("a", "venue", "o1", evidence=("s1",)),
                nt.Position("b", "venue", "o499"),
            ),
        ),
        nt.Round(
            "r2",
            "Two",
            date=dt.date(2024, 2, 10),
            positions=(
                nt.Position("a", "venue", "o499", acceptable=OPTIONS_IDS, evidence=("s1",)),
            ),
        ),
    )
    return nt.Negotiation(
        "sizes",
        "Sizes",
        parties=(nt.Party("a", "A " + BIDI), nt.Party("b", "B")),
        issues=(venue,),
        sources=(nt.Source("src", "Outlet", url="javascript:alert(1)"),),
        rounds=rounds,
    )


OPTIONS_IDS = tuple(o.id for o in OPTIONS[:300])


def _pages() -> dict[str, str]:
    n = _dossier()
    diff, story = nt.compare(n, "r1", "r2"), nt.timeline(n)
    pages = {}
    for name, renderer in (
        ("text", TextRenderer(width=80)),
        ("markdown", MarkdownRenderer()),
        ("html", HtmlRenderer()),
    ):
        pages[f"{name} diff"] = renderer.diff(n, diff)
        pages[f"{name} report"] = renderer.report(n, story)
    return pages


def test_no_page_carries_a_bidirectional_control_or_the_whole_long_quote() -> None:
    for name, page in _pages().items():
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", page), name
        longest = max((len(run) for run in re.findall("x+", page)), default=0)
        assert longest <= 2_000, (name, longest)


def test_a_long_quote_is_cut_with_a_marker_saying_how_much() -> None:
    pages = _pages()
    for name in ("markdown diff", "html diff", "html report"):
        assert "… (98,020 more characters)" in pages[name], name


def test_markdown_tables_keep_their_columns() -> None:
    """Every row of every Markdown table has as many cells as its header."""
    for name in ("markdown diff", "markdown report"):
        columns = None
        for line in _pages()[name].splitlines():
            if not line.startswith("|"):
                columns = None
                continue
            cells = len(re.findall(r"(?<!\\)\|", line)) - 1
            columns = cells if columns is None else columns
            assert cells == columns, (name, line[:120])


def test_text_lines_fit_the_width_unless_one_word_is_longer() -> None:
    for name in ("text diff", "text report"):
        for line in _pages()[name].splitlines():
            assert len(line) <= 80 or " " not in line.strip(), (name, line[:120])


def test_a_javascript_address_never_becomes_a_link() -> None:
    pages = _pages()
    for name in ("html diff", "html report"):
        assert 'href="javascript:' not in pages[name]
    for name in ("markdown diff", "markdown report"):
        assert "<javascript:" not in pages[name]
