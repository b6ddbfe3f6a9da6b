"""The Markdown renderer: golden outputs, escaping, tables, quotes and footnotes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given

import negotrack as nt
from negotrack.report._markdown import MarkdownRenderer
from negotrack.report._md_parts import cell, escape
from negotrack.report._render import renderer_for
from tests.report.test_text import (
    CASE_NAMES,
    CASES,
    FLAGSHIP_DIFFS,
    FLAGSHIP_GOLDEN,
    case_diff,
    check_golden,
    flagship,
    flagship_outputs,
)
from tests.strategies import negotiations

#: A dossier whose analyst text is full of characters that could break a Markdown table.
TRICKY = """
id: tricky
title: "Pipes | and *stars*"
parties:
  - {id: a, name: "A | B coalition"}
  - {id: c, name: C}
issues:
  - id: border
    title: "Border | line"
    scale:
      kind: ordinal
      options:
        - {id: open, label: "Open | free"}
        - {id: shut, label: "Shut\\nclosed"}
rounds:
  - id: r1
    title: One
    date: 2024-01-01
    positions:
      - {party: a, issue: border, preferred: shut}
      - {party: c, issue: border, preferred: open}
  - id: r2
    title: Two
    date: 2024-02-01
    statements:
      - id: s1
        date: 2024-02-01
        party: a
        source: memo
        quote: "We said | this\\n\\nand | that [link](javascript:alert(1)) <b>x</b>"
    positions:
      - party: a
        issue: border
        preferred: open
        evidence: [s1]
        conditions:
          - text: "only if | the gate\\nstays | shut"
sources:
  - {id: memo, title: "Memo | one", url: "https://example.org/a|b"}
"""


def bare_pipes(line: str) -> int:
    """How many unescaped pipes (cell borders) a Markdown table row has."""
    return re.findall(r"\\.|[^\\|]+|\|", line).count("|")


def tables(text: str) -> list[list[str]]:
    """The tables of a Markdown text, each as its lines."""
    found: list[list[str]] = []
    previous = ""
    for line in text.split("\n"):
        if line.startswith("|"):
            if not previous.startswith("|"):
                found.append([])
            found[-1].append(line)
        previous = line
    return found


# -- golden outputs ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASE_NAMES)
def test_golden_case(case: str) -> None:
    """Each golden case renders as its reviewed expected.md."""
    n, diff = case_diff(case)
    check_golden(CASES / case / "expected.md", MarkdownRenderer().diff(n, diff))


@pytest.mark.parametrize(
    "name", [*(f"diff-{a}-{b}" for a, b in FLAGSHIP_DIFFS), "report", "timeline"]
)
def test_golden_flagship(name: str) -> None:
    """The flagship diffs, report and timeline render as their reviewed golden Markdown."""
    check_golden(FLAGSHIP_GOLDEN / f"{name}.md", flagship_outputs(MarkdownRenderer())[name])


def test_renderer_for_markdown() -> None:
    """renderer_for('markdown') gives a MarkdownRenderer."""
    assert isinstance(renderer_for("markdown"), MarkdownRenderer)


# -- escaping ------------------------------------------------------------------------------------


def test_escape_makes_markdown_inert() -> None:
    """Characters with a meaning in Markdown are escaped, and lines are joined."""
    assert r"a \| b \*c\* \_d\_ \[e\](f) \<g> \`h\` \\ \# \~" == escape(
        "a | b *c* _d_ [e](f) <g> `h` \\ # ~"
    )
    assert "one two" == escape("one\n\ntwo")


def test_cell_keeps_line_breaks_as_br() -> None:
    """A table cell keeps the text's line breaks as <br>, never as a new row."""
    assert r"a \| b<br>c" == cell("a | b\n\nc\r\n")


def test_pipes_and_newlines_cannot_break_a_table() -> None:
    """Pipes and line breaks in names, labels, conditions and quotes leave every table whole."""
    n = nt.loads(TRICKY)
    text = MarkdownRenderer().diff(n, nt.compare(n, "r1", "r2"))
    found = tables(text)
    assert 2 == len(found)  # the summary and the changes
    for lines in found:
        widths = {bare_pipes(line) for line in lines}
        assert {bare_pipes(lines[0])} == widths
    assert (
        "| A \\| B coalition | preferred outcome moved | Shut<br>closed | Open \\| free |" in text
    )
    assert "| | condition added | | only if \\| the gate<br>stays \\| shut | hardening |" in text


def test_quotes_stay_in_one_block_quote() -> None:
    """A quote with line breaks stays on its block-quote line, escaped, with its footnote."""
    n = nt.loads(TRICKY)
    text = MarkdownRenderer().diff(n, nt.compare(n, "r1", "r2"))
    (quote,) = [line for line in text.split("\n") if "We said" in line]
    expected = (
        '> "We said \\| this and \\| that \\[link\\](javascript:alert(1)) \\<b>x\\</b>"'
        " — A \\| B coalition, source[^memo], 2024-02-01, graded F6"
    )
    assert expected == quote
    assert text.endswith("\n[^memo]: Memo \\| one. <https://example.org/a|b>\n")


def test_tables_of_the_report_are_whole() -> None:
    """Every table of the tricky dossier's report and timeline has the same cells in each row."""
    n = nt.loads(TRICKY)
    story = nt.timeline(n)
    renderer = MarkdownRenderer()
    for text in (renderer.report(n, story), renderer.timeline(n, story)):
        for lines in tables(text):
            assert {bare_pipes(lines[0])} == {bare_pipes(line) for line in lines}


# -- footnotes and summary -------------------------------------------------------------------------


def test_every_footnote_is_defined_once() -> None:
    """Every footnote a flagship diff cites is defined exactly once, and every definition is cited."""
    for name, text in flagship_outputs(MarkdownRenderer()).items():
        cited = set(re.findall(r"\[\^([^\]]+)\](?!:)", text))
        defined = re.findall(r"^\[\^([^\]]+)\]:", text, flags=re.MULTILINE)
        assert sorted(cited) == sorted(defined), name


def test_summary_lists_readings_by_party_and_verdicts_with_reasons() -> None:
    """The summary lists each party's issues by reading, and the converging issues with why."""
    n = flagship()
    text = MarkdownRenderer().diff(n, nt.compare(n, "2022-03-07", "2022-03-16"))
    summary = text.split("## Summary\n")[1].split("\n## ")[0]
    assert "| party | concession | hardening | mixed | neutral |" in summary
    assert "| Russia | Ukraine's military alignment | | | |" in summary
    assert "| Ukraine | Ukraine's military alignment | | | |" in summary
    assert "- **Converging:** Ukraine's military alignment (like-for-like distance fell)" in summary


@given(negotiations(max_rounds=3).filter(lambda n: len(n.rounds) >= 2))
def test_any_diff_keeps_its_tables_whole(n: nt.Negotiation) -> None:
    """Whatever text a generated dossier holds, every table row has as many cells as its header."""
    renderer = MarkdownRenderer()
    story = nt.timeline(n)
    texts = [
        renderer.diff(n, nt.compare(n, n.rounds[0].id, n.rounds[-1].id)),
        renderer.report(n, story),
        renderer.timeline(n, story),
    ]
    for text in texts:
        for lines in tables(text):
            assert {bare_pipes(lines[0])} == {bare_pipes(line) for line in lines}


def test_sources_whose_ids_clean_to_one_label_get_footnotes_of_their_own() -> None:
    """``memo.1`` and ``memo-1`` both clean to ``memo-1``: each quote keeps its own source."""
    text = TRICKY.replace("source: memo", "source: memo.1").replace(
        '  - {id: memo, title: "Memo | one", url: "https://example.org/a|b"}',
        "  - {id: memo.1, title: Dotted}\n  - {id: memo-1, title: Dashed}",
    )
    text = text.replace(
        '        quote: "We said',
        '        quote: "Second."\n      - id: s2\n        date: 2024-02-01\n        party: a\n'
        '        source: memo-1\n        quote: "We said',
    ).replace("evidence: [s1]", "evidence: [s1, s2]")
    n = nt.loads(text)
    out = MarkdownRenderer().diff(n, nt.compare(n, "r1", "r2"))
    defined = dict(re.findall(r"^\[\^([^\]]+)\]: (\w+)", out, flags=re.MULTILINE))
    assert sorted(defined.values()) == ["Dashed", "Dotted"]
    assert len(defined) == 2
    second = next(line for line in out.splitlines() if line.startswith('> "Second."'))
    dotted = next(label for label, title in defined.items() if title == "Dotted")
    assert f"[^{dotted}]" in second
