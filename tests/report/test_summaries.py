"""Headers and summaries say true facts (issue 10, item 5): one example per rule once broken."""

from __future__ import annotations

import argparse
import html
import io
import re
from typing import TYPE_CHECKING

import pytest

import negotrack as nt
from negotrack.cli._commands import run, summary
from negotrack.report._markdown import MarkdownRenderer
from negotrack.report._text import TextRenderer
from tests.conftest import DATA

if TYPE_CHECKING:
    from pathlib import Path

#: Three rounds: the first spans four days, the last two; a turn on a line and on a category;
#: a pensions issue only one party takes a position on (no gap to measure); a graded quote
#: whose source names no outlet and has no address.
DOSSIER = """\
id: spans
title: Spans
parties:
  - {id: east, name: East}
  - {id: west, name: West}
sources:
  - {id: memo, title: Internal memo}
issues:
  - {id: wages, title: Wages, scale: {kind: numeric, min: 0, max: 10, unit: percent}}
  - {id: pensions, title: Pensions, scale: {kind: numeric, min: 0, max: 10, unit: percent}}
  - id: venue
    title: Venue
    scale: {kind: categorical, options: [{id: geneva, label: Geneva}, {id: vienna, label: Vienna}]}
rounds:
  - id: r1
    title: Opening
    start: 2013-11-07
    end: 2013-11-10
    positions:
      - {party: east, issue: wages, preferred: 2}
      - {party: west, issue: wages, preferred: 8}
      - {party: east, issue: pensions, preferred: 3}
      - {party: east, issue: venue, preferred: geneva}
      - {party: west, issue: venue, preferred: geneva}
  - id: r2
    title: Middle
    date: 2014-05-01
    statements:
      - {id: s1, date: 2014-05-01, party: east, source: memo, quote: "Four, then.", reliability: B, credibility: 2}
    positions:
      - {party: east, issue: wages, preferred: 4, evidence: [s1]}
      - {party: east, issue: pensions, preferred: 5}
      - {party: west, issue: venue, preferred: vienna}
  - id: r3
    title: Close
    start: 2015-07-13
    end: 2015-07-14
    positions:
      - {party: west, issue: wages, preferred: 6}
"""


@pytest.fixture(scope="module")
def spans() -> nt.Negotiation:
    return nt.loads(DOSSIER)


def test_a_run_header_names_each_end_once_even_when_the_first_round_spans_days(
    spans: nt.Negotiation,
) -> None:
    text = TextRenderer().report(spans, nt.timeline(spans))
    assert "3 rounds, 2013-11-07 to 2015-07-14:" in text
    assert "2013-11-10 to" not in text.splitlines()[1]


def test_the_html_report_header_ends_on_the_last_day_of_the_last_round(
    spans: nt.Negotiation,
) -> None:
    pytest.importorskip("jinja2")
    page = nt.HtmlRenderer().report(spans, nt.timeline(spans))
    assert "3 rounds, 7 Nov 2013 to 14 Jul 2015." in page


def test_validate_summary_ends_the_talks_on_the_last_day_of_the_last_round(
    spans: nt.Negotiation,
) -> None:
    assert summary(spans).endswith("; 2013-11-07 to 2015-07-14")
    opening_only = DOSSIER.split("  - id: r2", maxsplit=1)[0].split("statements:", maxsplit=1)[0]
    one_day = nt.loads(opening_only.replace("end: 2013-11-10", "end: 2013-11-07"))
    assert summary(one_day).endswith("; 2013-11-07")


def test_validate_command_prints_the_true_end(tmp_path: Path) -> None:
    path = tmp_path / "spans.yaml"
    path.write_text(DOSSIER, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    args = argparse.Namespace(command="validate", paths=[str(path)], quiet=False, format="text")
    assert run(args, out, err) == 0
    assert out.getvalue().rstrip().endswith("2013-11-07 to 2015-07-14")


def test_the_diff_summary_table_keeps_a_changed_issue_with_no_measurable_gap(
    spans: nt.Negotiation,
) -> None:
    pytest.importorskip("jinja2")
    diff = nt.compare(spans, "r1", "r2")
    before, after = diff.measures["pensions"]
    assert not before.measurable  # only East takes a position
    assert not after.measurable
    page = nt.HtmlRenderer().diff(spans, diff)
    summary_part = page.split('id="summary"', maxsplit=1)[1].split("</section>", maxsplit=1)[0]
    assert '<th scope="row">Pensions</th>' in summary_part
    assert "not measurable" in summary_part


def test_turning_points_name_what_their_figure_measures(spans: nt.Negotiation) -> None:
    story = nt.timeline(spans)
    for render in (TextRenderer(width=200).report, MarkdownRenderer().report):
        text = render(spans, story)
        assert re.search(r"moved \(\d\.\d\d\)", text) is None
        assert "East moved 0.20 of the scale's length" in text
        assert "West changed option (50% of the parties with an option in both rounds)" in text


def test_a_footnote_mark_never_follows_a_grade(spans: nt.Negotiation) -> None:
    text = MarkdownRenderer().diff(spans, nt.compare(spans, "r1", "r2"))
    assert re.search(r"graded [A-F]\d\[\^", text) is None
    assert "— East, source[^memo], 2014-05-01, graded B2" in text


# -- the summary a reader wants first (item 6) ---------------------------------------------------


def _markdown_lead(markdown: str, heading: str) -> list[str]:
    part = markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    bullets = [line[2:].replace("**", "") for line in part.splitlines() if line.startswith("- ")]
    return [b for b in bullets if b.startswith(("Converging", "Diverging", "Brackets"))]


def _html_lead(page: str) -> list[str]:
    items = page.split('<ul class="lead">', 1)[1].split("</ul>", 1)[0]
    found = re.findall(r"<li>(.*?)</li>", items)
    return [html.unescape(re.sub(r"<[^>]+>", "", f)).replace("\u2192", "->") for f in found]


@pytest.mark.parametrize(("case", "before", "after"), [("multilateral", "morning", "evening")])
def test_markdown_and_html_lead_with_the_same_summary_in_the_same_order(
    case: str, before: str, after: str
) -> None:
    pytest.importorskip("jinja2")
    n = nt.load(DATA / "cases" / case / "dossier.yaml")
    diff = nt.compare(n, before, after)
    markdown = _markdown_lead(MarkdownRenderer().diff(n, diff), "Summary")
    assert any(line.startswith("Brackets in the draft texts: ") for line in markdown)
    assert markdown == _html_lead(nt.HtmlRenderer().diff(n, diff))
    text = TextRenderer(width=1000).diff(n, diff)
    assert all(line in text for line in markdown)
    story = nt.timeline(n)
    report = _markdown_lead(MarkdownRenderer().report(n, story), "Summary, first round to last")
    assert report == _html_lead(nt.HtmlRenderer().report(n, story))
    assert report[0].startswith("Converging: ")


def test_a_report_leads_with_readings_over_the_whole_run(spans: nt.Negotiation) -> None:
    expected = {(r.party, r.issue, r.reading.value) for r in nt.readings(spans, "r1", "r3")}
    assert ("east", "wages", "concession") in expected
    text = MarkdownRenderer().report(spans, nt.timeline(spans))
    lead = text.split("## Summary, first round to last\n", 1)[1].split("\n## ", 1)[0]
    assert "| party | concession | hardening | mixed | neutral |" in lead
    assert "| East | Wages" in lead
    assert text.index("## Summary, first round to last") < text.index("## Rounds")
