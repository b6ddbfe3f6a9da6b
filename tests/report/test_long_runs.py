"""A long run of rounds: the tables of every format show stretches of rounds, not 1,000 rows."""

from __future__ import annotations

import datetime as dt
import re

import attrs

import negotrack as nt
from negotrack.report._html import HtmlRenderer
from negotrack.report._issue_charts import COLUMNS, stretches
from negotrack.report._markdown import MarkdownRenderer
from negotrack.report._shown import LONG_RUN_NOTE
from negotrack.report._text import TextRenderer
from negotrack.report._words import TABLE_ROWS, table_stretches

STEPS = nt.Issue(
    "steps",
    "Steps",
    nt.OrdinalScale(options=tuple(nt.Option(f"o{k}", f"Step {k}") for k in range(5))),
)


def _long(count: int = 100) -> nt.Negotiation:
    """``a`` restates every round; ``b`` states in round 0 and then only in round 95."""
    rounds = []
    for k in range(count):
        positions = [nt.Position("a", "steps", f"o{k % 5}")]
        if k in (0, 95):
            positions.append(nt.Position("b", "steps", "o4" if k else "o3"))
        rounds.append(
            nt.Round(
                f"r{k:03d}",
                f"Round {k}",
                date=dt.date(2020, 1, 1) + dt.timedelta(days=k),
                positions=tuple(positions),
            )
        )
    return nt.Negotiation(
        "long",
        "Long",
        parties=(nt.Party("a", "A"), nt.Party("b", "B")),
        issues=(STEPS,),
        rounds=tuple(rounds),
    )


def _issue_rows(markdown: str) -> list[str]:
    """The rows of the Steps table (the Rounds table above it lists every round, as an index)."""
    section = markdown[markdown.index("## Steps") :].split("\n\n")[1]
    return [line for line in section.splitlines() if re.match(r"\| 20\d\d-", line)]


def test_stretches_cover_every_round_once_in_order() -> None:
    for count in (0, 1, TABLE_ROWS, TABLE_ROWS + 1, 100, 1_000):
        found = table_stretches(count)
        assert [k for stretch in found for k in stretch] == list(range(count))
        assert len(found) <= TABLE_ROWS


def test_the_markdown_and_text_tables_show_stretches() -> None:
    n = _long()
    story = nt.timeline(n)
    markdown = MarkdownRenderer().report(n, story)
    rows = _issue_rows(markdown)
    assert len(rows) <= TABLE_ROWS
    # 100 rounds: a first row of round 0, then 33 stretches of 3 (rounds 1-3 ... 97-99)
    assert len(rows) == 34
    assert rows[0].startswith("| 2020-01-01 |")
    assert rows[-1].startswith("| 2020-04-07 to 2020-04-09 (3 rounds) |")
    # b stated again in round 95 (stretch 94-96): not carried there, carried before and after
    b = [row.split("|")[3].strip() for row in rows]
    assert (b[-3], b[-2], b[-1]) == ("Step 3\\*", "Step 4", "Step 4\\*")
    text = TextRenderer(width=100).report(n, story)
    assert "2020-04-07 to 2020-04-09 (3 rounds)" in text


def test_the_html_table_shows_stretches() -> None:
    """The HTML page of a long run is an aggregate: a row per column of the chart above it."""
    n = _long()
    page = HtmlRenderer().report(n, nt.timeline(n))
    start = page.index("<tbody>", page.index("Preferred outcome per round"))
    table = page[start : page.index("</tbody>", start)]
    labels = re.findall(r'<th scope="row" class="date">([^<]*)</th>', table)
    assert len(labels) == len(stretches(100, COLUMNS)) == 15
    assert labels[0] == "1 Jan 2020 to 2 Jan 2020 (2 rounds)"
    assert labels[-1] == "3 Apr 2020 to 9 Apr 2020 (7 rounds)"


def test_a_short_run_keeps_a_row_per_round() -> None:
    n = _long(12)
    markdown = MarkdownRenderer().report(n, nt.timeline(n))
    rows = _issue_rows(markdown)
    assert len(rows) == 12
    assert not any("rounds)" in row for row in rows)


def _cited(count: int) -> nt.Negotiation:
    """``a`` states a position and a stance every round, each citing that round's statement."""
    plan = nt.Proposal("plan", "Plan")
    rounds = []
    for k in range(count):
        said = nt.Statement(f"s{k:03d}", dt.date(2020, 1, 1) + dt.timedelta(days=k), party="a")
        level = (nt.StanceLevel.OPEN, nt.StanceLevel.SUPPORTS)[k % 2]
        rounds.append(
            nt.Round(
                f"r{k:03d}",
                f"Round {k}",
                date=dt.date(2020, 1, 1) + dt.timedelta(days=k),
                statements=(said,),
                positions=(nt.Position("a", "steps", f"o{k % 5}", evidence=(said.id,)),),
                stances=(nt.Stance("a", "plan", level, evidence=(said.id,)),),
            )
        )
    return nt.Negotiation(
        "cited",
        "Cited",
        parties=(nt.Party("a", "A"), nt.Party("b", "B")),
        issues=(STEPS,),
        proposals=(plan,),
        rounds=tuple(rounds),
    )


def test_a_long_runs_record_follows_its_tables_rows() -> None:
    """Past 40 rounds, the positions as stated are each row's last, and the note says so."""
    n = _long()
    text = TextRenderer(width=100).report(n, nt.timeline(n))
    record = text[text.index("  positions as stated") :].split("\n\n")[0].splitlines()
    assert record[0] == f"  positions as stated ({LONG_RUN_NOTE}):"
    # a: the last round of each of the 34 rows; b: rounds 0 and 95 (the row of 94 to 96)
    assert len(record) - 1 == 34 + 2
    assert "    2020-04-09 A: prefers Step 4" in record
    assert "    2020-04-05 B: prefers Step 4" in record
    assert "    2020-04-08 A: prefers Step 2" not in record
    short = _long(12)
    text = TextRenderer(width=100).report(short, nt.timeline(short))
    assert "  positions as stated:" in text
    assert text.count(": prefers Step") == 12 + 1


def test_a_long_runs_stance_tables_show_stretches() -> None:
    n = _cited(100)
    markdown = MarkdownRenderer().report(n, nt.timeline(n))
    section = markdown[markdown.index("### Stances") :].split("\n\n")[1]
    rows = [line for line in section.splitlines() if re.match(r"\| 20\d\d-", line)]
    assert len(rows) == 34
    assert rows[-1].startswith("| 2020-04-07 to 2020-04-09 (3 rounds) | supports |")
    short = _cited(12)
    markdown = MarkdownRenderer().report(short, nt.timeline(short))
    section = markdown[markdown.index("### Stances") :].split("\n\n")[1]
    assert 12 == len([line for line in section.splitlines() if re.match(r"\| 20\d\d-", line)])


def test_the_html_evidence_is_what_the_page_cites() -> None:
    """Every statement numbered under Evidence is cited on the page, in a long run or short."""
    for count, shown in ((100, 15), (12, 12)):
        n = _cited(count)
        page = HtmlRenderer().report(n, nt.timeline(n))
        listed = set(re.findall(r'<li id="statement-(\d+)"', page))
        cited = set(re.findall(r'<a href="#statement-(\d+)"', page))
        assert listed == cited
        assert len(listed) == shown  # one statement per row (a long run's: a chart column's)


def test_a_long_run_charts_count_its_events_per_column() -> None:
    """Each column marks its stretch's events once, with their count, linked to the list."""
    n = _long()
    events = tuple(
        nt.ContextEvent(f"e{k:03d}", dt.date(2020, 1, 1) + dt.timedelta(days=k), f"Event {k}")
        for k in range(0, 100, 2)
    )
    n = attrs.evolve(n, events=events)
    page = HtmlRenderer().report(n, nt.timeline(n))
    wide = re.search(r'<svg class="chart wide".*?</svg>', page, re.DOTALL)
    assert wide is not None
    many = re.findall(r'<a href="#event-(\d+)"><g><title>(\d+) events, ', wide[0])
    ones = re.findall(r'<a href="#event-(\d+)"><g><title>\d+\. ', wide[0])
    marks = many + [(number, "1") for number in ones]
    assert 0 < len(marks) <= COLUMNS
    assert sum(int(count) for _, count in marks) == len(events)
    listed = set(re.findall(r'<li id="event-(\d+)">', page))
    assert listed == {str(k) for k in range(1, len(events) + 1)}
    assert {number for number, _ in marks} <= listed


def test_a_short_run_charts_each_event() -> None:
    n = _long(12)
    n = attrs.evolve(n, events=(nt.ContextEvent("e", dt.date(2020, 1, 3), "Event"),))
    page = HtmlRenderer().report(n, nt.timeline(n))
    assert "<title>1. 3 Jan 2020: Event</title>" in page
    assert 'href="#event-' not in page
    assert 'id="event-' not in page
