"""The HTML charts' layout rules: a numeric axis on the data's range, events listed once,
no empty charts, and a long run of rounds taken a few per column."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.report._axes import numeric_axis
from negotrack.report._charts import Chart, Series, chart_svg
from negotrack.report._html import HtmlRenderer
from negotrack.report._issue_charts import COLUMNS, stretches
from tests.conftest import FLAGSHIP

SVG = re.compile(r"<svg class=\"chart (?:wide|narrow)\".*?</svg>", re.DOTALL)


@pytest.fixture(scope="module")
def talks() -> nt.Negotiation:
    return nt.load(FLAGSHIP)


@pytest.fixture(scope="module")
def report(talks: nt.Negotiation) -> str:
    return HtmlRenderer().report(talks, nt.timeline(talks))


def test_numeric_axis_is_the_data_range() -> None:
    """85,000 against 250,000 on a 0 to 1,000,000 scale: the axis runs 50,000 to 300,000."""
    low, high, ticks = numeric_axis([85_000, 250_000], 0, 1_000_000)
    assert (50_000, 300_000) == (low, high)
    assert [t for t, _ in ticks] == [50_000 + 50_000 * k for k in range(6)]
    assert "250,000" == ticks[4][1]


def test_numeric_axis_reaches_a_scale_end_when_the_data_do() -> None:
    """Data at the scale's end keep it; no data at all give the whole scale."""
    assert (0, 300_000) == numeric_axis([0, 250_000], 0, 1_000_000)[:2]
    assert (0, 5_000) == numeric_axis([], 0, 5_000)[:2]
    assert (90, 100) == numeric_axis([100], 0, 100)[:2]


@given(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(1e-3, 1e7, allow_nan=False),
    st.lists(st.floats(0, 1), min_size=1, max_size=12),
)
@example(1.0, 0.125, [1.0])  # one value at the upper end: the whole scale is right
@example(3.0, 1.0, [0.5])  # one value in the middle: padded to round numbers, the whole scale
def test_every_point_lies_inside_the_drawn_range(
    floor: float, width: float, shares: list[float]
) -> None:
    """Whatever the values: the axis holds every one, stays inside the scale, ticks in range."""
    ceiling = floor + width
    values = [floor + share * width for share in shares]
    low, high, ticks = numeric_axis(values, floor, ceiling)
    assert floor <= low <= min(values) <= max(values) <= high <= ceiling
    assert low < high
    assert ticks
    assert all(low - 1e-9 * width <= t <= high + 1e-9 * width for t, _ in ticks)
    # data spread over a narrow part of the scale, away from both ends, never get the whole
    # scale (a single value may: its axis is padded out to round numbers)
    span = max(values) - min(values)
    narrow = width / 100 < span and span * 5 < width
    if narrow and min(values) - floor > width / 4 and ceiling - max(values) > width / 4:
        assert high - low < width


def test_drawn_markers_lie_inside_the_plot() -> None:
    """In the SVG, every marker of a numeric chart is between the axis's ends, none pinned to one."""
    low, high, ticks = numeric_axis([85_000, 250_000], 0, 1_000_000)
    chart = Chart(
        title="t",
        summary="s",
        kind="numeric",
        columns=(("1 Jan", "One"), ("2 Jan", "Two")),
        ticks=ticks,
        low=low,
        high=high,
        floor=0,
        ceiling=1_000_000,
        series=(
            Series(
                name="A", style=0, values=(85_000, 250_000), carried=(False, False), bands=((), ())
            ),
        ),
    )
    svg = chart_svg(chart)
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)" r="5.5"', svg)]
    grid = [
        float(y)
        for y in re.findall(
            r'<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="\1" stroke="#DDDDDD"', svg
        )
    ]
    assert 2 == len(ys)
    assert all(min(grid) < y < max(grid) for y in ys)
    assert "scale 0 to 1,000,000" not in svg  # the note is the caller's; the break marks are drawn
    assert "the scale runs on to 1,000,000" in svg
    assert "the scale runs on to 0" in svg


def test_flagship_numeric_chart_is_not_squashed(report: str) -> None:
    """The armed forces chart says the scale and draws the axis cut, not 0 to 1,000,000."""
    chart = next(s for s in SVG.findall(report) if "armed forces" in s and "wide" in s)
    assert "scale 0 to 1,000,000 personnel" in chart
    assert ">1,000,000<" not in chart


def test_no_positions_recorded(report: str) -> None:
    """An issue no party took a position on says so, instead of an empty chart."""
    section = report[report.index(">Sanctions on Russia</h2>") :]
    section = section[: section.index("</section>")]
    assert "No positions recorded" in section
    assert "<svg" not in section


def test_events_listed_once(talks: nt.Negotiation, report: str) -> None:
    """Each context event is listed once on the page and only marked (numbered) on the charts."""
    listed = report[report.index('<ol class="events">') :]
    listed = listed[: listed.index("</ol>")]
    assert 1 == report.count('<ol class="events">')
    events = sorted(
        (*talks.events, *(e for r in talks.rounds for e in r.events)), key=lambda e: (e.date, e.id)
    )
    items = re.findall(r"<li><strong>[^<]*</strong> &ndash; ([^<]*)", listed)
    assert [e.title for e in events] == [i.replace("&#39;", "'") for i in items]
    drawn = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", " ".join(SVG.findall(report))))
    assert not [e.title for e in events if e.title in drawn]  # numbers, not titles, on the charts
    numbers = set(re.findall(r"<title>(\d+)\. ", report))
    assert {str(k) for k in range(1, len(events) + 1)} == numbers


def test_stretches_cover_every_round_once() -> None:
    """Runs of rounds: at most the columns asked for, in order, every round once, last ones full."""
    for count in (1, 7, 16, 17, 100, 1000):
        runs = stretches(count, COLUMNS)
        assert len(runs) <= COLUMNS
        assert [i for run in runs for i in run] == list(range(count))
        assert len({len(r) for r in runs[1:]}) <= 1


def test_a_thousand_rounds_make_sixteen_columns() -> None:
    """A long dossier's chart has COLUMNS columns, not a thousand; its narrow chart the latest 6."""
    issue = nt.Issue("n", "N", nt.NumericScale(min=0, max=100, unit="units"))
    rounds = tuple(
        nt.Round(
            f"r{k}",
            f"Round {k}",
            date=dt.date(2000, 1, 1) + dt.timedelta(days=k),
            positions=(nt.Position("a", "n", k % 100),),
        )
        for k in range(1000)
    )
    talks = nt.Negotiation("x", "X", parties=(nt.Party("a", "A"),), issues=(issue,), rounds=rounds)
    page = HtmlRenderer().report(talks, nt.timeline(talks))
    wide, narrow = SVG.findall(page)
    # a long run's markers have no tooltips (the table has every value): count the circles
    assert COLUMNS == len(re.findall(r'<circle cx="[^"]*" cy="[^"]*" r="5.5"', wide))
    assert 6 == len(re.findall(r'<circle cx="[^"]*" cy="[^"]*" r="5.5"', narrow))
    assert "1,000 rounds in 16 columns" in wide
    assert "latest 6 of 1,000 rounds" in narrow
