"""Readings and like-for-like verdicts in every renderer of a round diff, and in none of a version diff."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import markupsafe
import pytest

import negotrack as nt
from negotrack.report._html import HtmlRenderer
from negotrack.report._json import JsonRenderer
from negotrack.report._markdown import MarkdownRenderer
from negotrack.report._md_parts import escape
from negotrack.report._reading_words import diff_readings
from negotrack.report._text import TextRenderer
from tests.conftest import MINIMAL
from tests.report.test_html import HOSTILE
from tests.report.test_markdown import TRICKY, tables
from tests.report.test_text import CASE_NAMES, case_diff, flagship

#: The reading lines of the flagship's 7 to 16 March diff, as every format words them.
RUSSIA = (
    "Russia: concession on Ukraine's military alignment, Neutral and demilitarised -> "
    "Armed neutrality"
)
UKRAINE = (
    "Ukraine: concession on Ukraine's military alignment, NATO membership -> "
    "Outside NATO, with guarantees"
)
TOWARD_UA = "toward the other side's weighted position (ua)"
TOWARD_RU = "toward the other side's weighted position (ru)"
ROUND_CASES = [c for c in CASE_NAMES if not c.startswith("versions")]
KINDS = ("concession", "hardening", "mixed", "neutral")


def flagship_diff() -> tuple[nt.Negotiation, nt.Diff]:
    n = flagship()
    return n, nt.compare(n, "2022-03-07", "2022-03-16")


def version_diff() -> tuple[nt.Negotiation, nt.Diff]:
    """A version diff whose edits include positions inside rounds."""
    return case_diff("versions-rounds")


def section(markdown: str, heading: str) -> str:
    """The Markdown section under a ``## `` heading, up to the next one."""
    return markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def summary_readings(markdown: str) -> dict[str, list[str]]:
    """The Markdown summary's readings table: per party name, the titles in each kind's cell."""
    (rows, *_) = tables(section(markdown, "Summary"))
    assert "| party | concession | hardening | mixed | neutral |" == rows[0]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows[2:]]
    return {name: kinds for name, *kinds in cells}


def expected_readings(n: nt.Negotiation, diff: nt.Diff) -> dict[str, list[str]]:
    """Each party with a reading, by name, and its issues (or proposals) of each kind, joined."""
    found = nt.readings(n, diff.before, diff.after)
    out: dict[str, list[list[str]]] = {}
    for r in sorted(found, key=lambda r: (r.issue is None, r.issue or r.proposal or "")):
        cells = out.setdefault(n.party(r.party).name, [[] for _ in KINDS])
        title = n.issue(r.issue).title if r.issue else n.proposal(r.proposal or "").title
        cells[KINDS.index(r.reading.value)].append(title)
    order = [n.issue(i.id).title for i in n.issues] + [p.title for p in n.proposals]
    return {
        name: ["; ".join(sorted(c, key=order.index)) for c in cells] for name, cells in out.items()
    }


def text_readings(text: str) -> dict[str, list[str]]:
    """The text summary's readings table, cut at the columns its header sets."""
    block = text.split("\nSummary\n", 1)[1].split("\n\n", 1)[0].split("\n")
    if not block[0].strip().startswith("party"):
        return {}
    starts = [block[0].index(h) for h in ("party", *KINDS)]
    rows = [line for line in block[2:] if line.startswith("  ") and not line.startswith("  C")]
    rows = [r for r in rows if not r.lstrip().startswith(("Converging", "Diverging", "Brackets"))]
    cut = [[r[a:b].strip() for a, b in zip(starts, [*starts[1:], None], strict=True)] for r in rows]
    return {name: kinds for name, *kinds in cut}


class _Text(HTMLParser):
    """The text of a page, with the text of each ``ul.readings`` item apart."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.items: list[str] = []
        self._depth = 0  # inside ul.readings

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul" and ("class", "readings") in attrs:
            self._depth = 1
        elif tag == "li" and self._depth:
            self.items.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._depth = 0

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._depth and self.items:
            self.items[-1] += data


def reading_items(page: str) -> list[str]:
    """The text of each reading on an HTML page, whitespace collapsed."""
    parser = _Text()
    parser.feed(page)
    return [" ".join(item.split()) for item in parser.items]


# -- the readings, with their reasons, in each format ------------------------------------------


def test_markdown_puts_each_reading_under_its_issue_before_the_changes() -> None:
    """One line per reading under the issue's heading, its reason in brackets, then the table."""
    text = MarkdownRenderer().diff(*flagship_diff())
    issue = section(text, "Ukraine's military alignment")
    lines = issue.split("\n")
    assert f"- {RUSSIA} ({TOWARD_UA})" in lines
    assert f"- {UKRAINE} ({TOWARD_RU})" in lines
    assert lines.index(f"- {RUSSIA} ({TOWARD_UA})") < lines.index(
        "| party | change | before | after | meaning |"
    )
    assert lines[1].endswith("; like for like converging: like-for-like distance fell.")


def test_text_puts_each_reading_under_its_issue_before_the_changes() -> None:
    """The text diff gives each reading, with its reason, before the party's changes."""
    text = TextRenderer(width=400).diff(*flagship_diff())
    issue = text.split("\nUkraine's military alignment\n", 1)[1].split("\n\n", 1)[0]
    lines = issue.split("\n")
    assert lines[0].endswith("; like for like converging: like-for-like distance fell")
    assert [f"  = {RUSSIA} ({TOWARD_UA})", f"  = {UKRAINE} ({TOWARD_RU})"] == lines[1:3]
    assert "  Russia" == lines[3]


def test_json_holds_every_reading_and_verdict() -> None:
    """The JSON diff lists each reading with its headline, and each issue's verdict."""
    n, diff = flagship_diff()
    data = json.loads(JsonRenderer().diff(n, diff))
    assert [
        {
            "party": "ru",
            "issue": "alignment",
            "reading": "concession",
            "because": TOWARD_UA,
            "toward": ["ua"],
            "headline": RUSSIA,
        },
        {
            "party": "ua",
            "issue": "alignment",
            "reading": "concession",
            "because": TOWARD_RU,
            "toward": ["ru"],
            "headline": UKRAINE,
        },
    ] == data["readings"]
    verdicts = nt.issue_verdicts(n, diff.before, diff.after)
    assert sorted(verdicts) == list(data["verdicts"])
    alignment = data["verdicts"]["alignment"]
    assert {"verdict": "converging", "because": "like-for-like distance fell"}.items() <= (
        alignment.items()
    )
    assert ["ru", "ua"] == alignment["parties"]
    assert alignment["before"] > alignment["after"]


def test_html_shows_each_reading_and_the_verdict_with_reasons() -> None:
    """The HTML diff lists the readings of each issue with their reasons, and the verdict."""
    page = HtmlRenderer().diff(*flagship_diff())
    assert [
        f"+concession {RUSSIA} ({TOWARD_UA})",
        f"+concession {UKRAINE} ({TOWARD_RU})",
    ] == reading_items(page)
    assert "converging</span> like-for-like distance fell</dd>" in page
    assert page.index('<ul class="readings">') < page.index('<ul class="changes">')


def test_stance_readings_go_under_the_proposal() -> None:
    """A stance's reading is listed under its proposal's heading, in Markdown, text and HTML."""
    n, diff = case_diff("stances-and-proposals")
    markdown = section(MarkdownRenderer().diff(n, diff), "Proposal: Old plan")
    assert "- B: concession on Old plan (moves up on a text it did not table alone)" in markdown
    assert "- A: neutral on Old plan (its own text)" in markdown
    text = TextRenderer(width=400).diff(n, diff)
    plan = text.split("\nProposal: Old plan\n", 1)[1]
    assert plan.startswith("  = A: neutral on Old plan (its own text)\n")
    items = reading_items(HtmlRenderer().diff(n, diff))
    assert "+concession B: concession on Old plan (moves up on a text it did not table alone)" in (
        items
    )


@pytest.mark.parametrize("case", ROUND_CASES)
def test_every_reading_is_shown_in_every_format(case: str) -> None:
    """Every reading of a golden case's round diff is in each format, headline and reason."""
    n, diff = case_diff(case)
    shown = diff_readings(n, diff)
    assert len(shown) == len(nt.readings(n, diff.before, diff.after))
    markdown = MarkdownRenderer().diff(n, diff)
    text = TextRenderer(width=1000).diff(n, diff)
    data = json.loads(JsonRenderer().diff(n, diff))
    items = reading_items(HtmlRenderer().diff(n, diff))
    for s in shown:
        assert f"- {escape(s.words)}" in markdown.split("\n")
        assert f"  = {s.words}" in text.split("\n")
        assert f"{s.reading.reading.value} {s.words}" in [i[1:] for i in items]
    assert [s.headline for s in shown] == [r["headline"] for r in data["readings"]]
    assert [s.reading.because for s in shown] == [r["because"] for r in data["readings"]]


# -- the summaries count readings --------------------------------------------------------------


@pytest.mark.parametrize("case", [*ROUND_CASES, "flagship"])
def test_summary_tables_list_the_readings_by_party_and_kind(case: str) -> None:
    """Markdown, text and HTML summaries list each party's issues under each kind of reading."""
    n, diff = flagship_diff() if case == "flagship" else case_diff(case)
    expected = expected_readings(n, diff)
    markdown = MarkdownRenderer().diff(n, diff)
    if expected:
        assert expected == summary_readings(markdown)
    else:
        assert not tables(section(markdown, "Summary"))
    assert expected == text_readings(TextRenderer(width=2000).diff(n, diff))
    page = HtmlRenderer().diff(n, diff)
    lead = page.split('<table class="lead">', 1)[1].split("</table>", 1)[0] if expected else ""
    found = re.findall(r'<tr><th scope="row">([^<]*)</th>((?:<td>[^<]*</td>){4})</tr>', lead)
    names = {
        html.unescape(name): [html.unescape(c) for c in re.findall(r"<td>([^<]*)</td>", cells)]
        for name, cells in found
    }
    assert expected == names


def test_flagship_summary_lists_readings_not_changes() -> None:
    """Russia made two concessions by change on alignment, but one reading: the summary says so."""
    n, diff = flagship_diff()
    found = summary_readings(MarkdownRenderer().diff(n, diff))
    alignment = "Ukraine's military alignment"
    assert {"Russia": [alignment, "", "", ""], "Ukraine": [alignment, "", "", ""]} == found
    assert 2 == sum(c.meaning is nt.Meaning.CONCESSION for c in diff.filter(party="ru").changes)


def test_a_filtered_diff_keeps_the_readings_of_what_it_shows() -> None:
    """Filtering the diff to one party keeps that party's readings only."""
    n, diff = flagship_diff()
    only = diff.filter(party="ru")
    text = MarkdownRenderer().diff(n, only)
    assert {"Russia": ["Ukraine's military alignment", "", "", ""]} == summary_readings(text)
    assert UKRAINE not in text
    assert [RUSSIA] == [r["headline"] for r in json.loads(JsonRenderer().diff(n, only))["readings"]]


def test_minimal_example_reads_each_party_once_per_issue() -> None:
    """The union widened its set and added a condition on weekend shifts: one reading, a concession."""
    n = nt.load(MINIMAL)
    diff = nt.compare(n, n.rounds[0].id, n.rounds[-1].id)
    markdown = MarkdownRenderer().diff(n, diff)
    found = summary_readings(markdown)
    assert {"Bakery management": 2, "Bakers' union": 1} == {
        name: len(kinds[0].split("; ")) for name, kinds in found.items()
    }
    assert all(kinds[1:] == ["", "", ""] for kinds in found.values())
    assert (
        "- Bakers' union: concession on Weekend shifts "
        "(toward the other side's weighted position (management))"
    ) in section(markdown, "Weekend shifts").split("\n")


# -- a version diff has none -------------------------------------------------------------------


def test_a_version_diff_shows_no_readings() -> None:
    """A version diff has no readings or verdicts in any format, and counts its changes."""
    n, diff = version_diff()
    assert any(c.party is not None for c in diff.changes)
    assert [] == diff_readings(n, diff)
    markdown = MarkdownRenderer().diff(n, diff)
    assert "like for like" not in markdown
    assert "| party | concessions | hardenings |" in markdown.split("\n")
    text = TextRenderer(width=200).diff(n, diff)
    assert "like for like" not in text
    assert "Readings by party" not in text
    assert [] == [line for line in text.split("\n") if line.lstrip().startswith("= ")]
    (legend,) = [line for line in text.split("\n") if line.startswith("Legend:")]
    assert "=" not in legend
    data = json.loads(JsonRenderer().diff(n, diff))
    assert ([], {}) == (data["readings"], data["verdicts"])
    page = HtmlRenderer().diff(n, diff)
    assert 'class="readings"' not in page
    assert "Like for like" not in page
    assert "badge mixed" not in page


# -- escaping --------------------------------------------------------------------------------


def test_markdown_escapes_the_headline() -> None:
    """Pipes and line breaks in a party's name, an issue's title and its labels stay inert."""
    n = nt.loads(TRICKY)
    text = MarkdownRenderer().diff(n, nt.compare(n, "r1", "r2"))
    (line,) = [x for x in section(text, "Border \\| line").split("\n") if x.startswith("- ")]
    assert line == (
        "- A \\| B coalition: concession on Border \\| line, Shut closed -> Open \\| free "
        "(toward the other side's weighted position (c))"
    )
    assert "| A \\| B coalition | Border \\| line | | | |" in section(text, "Summary")


def test_html_escapes_the_headline() -> None:
    """Markup in a party's name and an issue's title is text in the HTML readings."""
    n = nt.loads(HOSTILE)
    diff = nt.compare(n, "r1", "r2")
    page = HtmlRenderer().diff(n, diff)
    shown = diff_readings(n, diff)
    assert shown
    for s in shown:
        assert "<script>" in s.headline or "<img" in s.headline
        assert str(markupsafe.escape(s.headline)) in page
        assert s.headline not in page
    assert [f"{s.reading.reading.value} {s.words}" for s in shown] == [
        i[1:] for i in reading_items(page)
    ]


def test_text_and_json_keep_the_headline_inert() -> None:
    """Control characters in a name cannot drive the terminal; JSON holds the name as it is."""
    n = nt.loads(TRICKY.replace('"A | B coalition"', '"A\\x1b[31m red"'))
    diff = nt.compare(n, "r1", "r2")
    text = TextRenderer(width=400).diff(n, diff)
    assert "\x1b" not in text
    assert "  = A\ufffd[31m red: concession on Border | line, Shut closed -> Open | free" in text
    (reading,) = json.loads(JsonRenderer().diff(n, diff))["readings"]
    assert reading["headline"].startswith(
        "A\x1b[31m red: concession on Border | line, Shut\nclosed"
    )
