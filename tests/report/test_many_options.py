"""A scale of thousands of options: the charts and the plot draw what the data reach, named sparingly."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.report._axes import OPTION_ROWS, option_axis, option_runs

if TYPE_CHECKING:
    from pathlib import Path

SVG = re.compile(r"<svg class=\"chart (?:wide|narrow)\".*?</svg>", re.DOTALL)
GRID = re.compile(r'<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="\1" stroke="#DDDDDD"/>')
MARKER_Y = re.compile(r'<(?:circle cx="[\d.]+" cy|polygon points="[\d.]+,)="?([\d.]+)')
HEIGHT = re.compile(r'<svg [^>]*\bheight="([\d.]+)"')


def _scale(count: int, *, categorical: bool = False, word: str = "Option") -> nt.Scale:
    options = tuple(nt.Option(f"o{k}", f"{word} {k}") for k in range(count))
    if categorical:
        return nt.CategoricalScale(options=options)
    return nt.OrdinalScale(options=options)


def long_scale(count: int = 2_000, rounds: int = 6) -> nt.Negotiation:
    """``steps``: A works up from option 300 of 2,000, B down from 700; ``venue``: a few of them.

    The browser tests open its report too (``count`` 500), to see that it fits a phone.
    """
    issues = (
        nt.Issue("steps", "Steps", _scale(count, word="Step")),
        nt.Issue("venue", "Venue", _scale(count, categorical=True, word="Venue")),
    )
    stated, step, last = [], count // 100, f"o{count - 1}"
    for k in range(rounds):
        up, down, other = 15 * step + step * k, 35 * step - step * k, f"o{45 * step + k}"
        positions = (
            nt.Position(
                "a", "steps", f"o{up}", acceptable=tuple(f"o{j}" for j in range(up, up + 5))
            ),
            nt.Position("b", "steps", f"o{down}", acceptable=(f"o{down}", f"o{down - 1}")),
            nt.Position("a", "venue", f"o{7 * k}", acceptable=(f"o{7 * k}", last)),
            nt.Position("b", "venue", f"o{75 * step}", acceptable=(f"o{75 * step}", last, other)),
        )
        when = dt.date(2024, 1, 1) + dt.timedelta(days=k)
        stated.append(nt.Round(f"r{k}", f"Round {k}", date=when, positions=positions))
    return nt.Negotiation(
        "long-scale",
        "A long scale",
        parties=(nt.Party("a", "A"), nt.Party("b", "B")),
        issues=issues,
        rounds=tuple(stated),
    )


@pytest.fixture(scope="module")
def talks() -> nt.Negotiation:
    return long_scale()


@pytest.fixture(scope="module")
def page(talks: nt.Negotiation) -> str:
    return nt.renderer_for("html").report(talks, nt.timeline(talks))


def _charts(page: str, title: str) -> list[str]:
    """The wide and the narrow chart of the issue titled ``title``."""
    return [s for s in SVG.findall(page) if f'aria-label="{title}: positions' in s]


_places = st.integers(0, 2_999)


@given(
    count=st.integers(1, 3_000),
    categorical=st.booleans(),
    most=st.sampled_from([OPTION_ROWS, 2, 3, 5, 10, 40]),
    preferred=st.lists(_places | st.sampled_from(["elsewhere", None]), max_size=30),
    sets=st.lists(st.none() | st.lists(_places, max_size=12), max_size=20),
)
def test_option_axis_reaches_the_data_and_names_few(
    count: int,
    categorical: bool,
    most: int,
    preferred: list[int | str | None],
    sets: list[list[int] | None],
) -> None:
    """Every option the data reach is on the axis; at most ``most`` are named, each one near."""
    issue = nt.Issue("x", "X", _scale(count, categorical=categorical))
    values = [f"o{v}" if isinstance(v, int) else v for v in preferred]
    accepted = [None if s is None else tuple(f"o{v}" for v in s) for s in sets]
    axis = option_axis(issue, values, accepted, most=most)
    held = sorted({v for v in preferred if isinstance(v, int) and v < count})
    inside = sorted({v for s in sets for v in s or () if v < count})
    ticks = [value for value, _ in axis.ticks]
    assert ticks == sorted(set(ticks))
    assert all(axis.low < t < axis.high for t in ticks)
    if count <= most:
        assert [float(k) for k in range(count)] == ticks
        assert (None, True) == (axis.note, axis.whole)
        return
    assert axis.note
    if categorical:  # a row per option held, and per option accepted while there is room
        assert all(axis.place(v) is not None for v in held)
        rows = [axis.place(v) for v in sorted({*held, *inside})]
        drawn = [r for r in rows if r is not None]
        assert [float(r) for r in range(len(drawn))] == drawn  # in the scale's order
        assert len(drawn) <= max(most, len(held))
        assert len(drawn) == min(len(rows), max(most, len(held)))
        assert len(drawn) == len(ticks)
        return
    assert len(ticks) <= most
    reached = [*held, *inside] or [1, count - 2]  # no data: the whole scale
    padded = (float(max(min(reached) - 1, 0)), float(min(max(reached) + 1, count - 1)))
    assert padded == (axis.low + 0.5, axis.high - 0.5)
    for value in (*held, *inside):
        assert axis.low < value < axis.high
        assert value == axis.place(value)
    gap = (axis.high - axis.low) / most
    if axis.whole:  # every option of the span is named
        assert [float(k) for k in range(int(axis.low + 0.5), int(axis.high + 0.5))] == ticks
    else:
        assert all(b - a >= gap for a, b in itertools.pairwise(ticks))
        bounds = {e for s in accepted for run in option_runs(issue, s) for e in run}
        for value in (*held, *bounds):  # a name within a row of every option held or bounding
            assert min(abs(value - t) for t in ticks) < gap
        if held:  # the first named is the first given (the latest)
            first = next(v for v in preferred if isinstance(v, int) and v < count)
            assert float(first) in ticks


def test_a_short_scale_is_every_option() -> None:
    """Up to `OPTION_ROWS` options, every option is a row and named, as before; no note."""
    issue = nt.Issue("x", "X", _scale(OPTION_ROWS))
    axis = option_axis(issue, ["o3"], [("o1", "o2")])
    assert (-0.5, OPTION_ROWS - 0.5, None) == (axis.low, axis.high, axis.note)
    assert [(float(k), f"Option {k}") for k in range(OPTION_ROWS)] == list(axis.ticks)


def test_a_long_scale_is_cut_to_the_data() -> None:
    """Options 120 to 480 of 10,000 span the axis, padded by one, and the note says so."""
    issue = nt.Issue("x", "X", _scale(10_000))
    axis = option_axis(issue, ["o120", "o480"], [("o200", "o201", "o202")])
    assert (118.5, 481.5) == (axis.low, axis.high)
    assert "options 120 to 482 of 10,000" == axis.note  # counted from 1, as people count
    named = dict(axis.ticks)
    assert {120.0, 480.0, 200.0} <= set(named)
    assert "Option 120" == named[120.0]
    assert not axis.whole
    short = option_axis(issue, ["o120"], [("o125",)])
    assert short.whole
    assert [float(k) for k in range(119, 127)] == [t for t, _ in short.ticks]


def test_a_long_categorical_scale_keeps_the_options_held() -> None:
    """Past `OPTION_ROWS`, the most often accepted options fill the rows the held ones leave."""
    issue = nt.Issue("x", "X", _scale(500, categorical=True))
    many = tuple(f"o{k}" for k in range(100, 140))
    axis = option_axis(issue, ["o499"], [many, ("o130", "o131"), ("o131",)])
    assert OPTION_ROWS == len(axis.ticks)
    assert axis.place(499) == OPTION_ROWS - 1  # the last row: categorical rows keep their order
    assert axis.place(131) is not None
    assert axis.place(130) is not None
    assert axis.place(139) is None
    assert "24 of 500 options, those held, then the most accepted" == axis.note
    few = option_axis(issue, ["o7"], [("o9",)])
    assert "2 of 500 options, those held or accepted" == few.note


def test_a_numeric_issue_has_no_option_axis() -> None:
    """Asking for the options of a numeric scale is a mistake, said as such."""
    issue = nt.Issue("n", "N", nt.NumericScale(min=0, max=1))
    with pytest.raises(TypeError, match="numeric"):
        option_axis(issue, [], [])


def test_a_long_scale_renders_in_every_format(talks: nt.Negotiation) -> None:
    """Text, Markdown, HTML and JSON all render a dossier on 2,000 options, the page small."""
    story = nt.timeline(talks)
    for kind in ("text", "markdown", "html", "json"):
        out = nt.renderer_for(kind).report(talks, story)
        assert "Step 300" in out
    html = nt.renderer_for("html").report(talks, story)
    assert len(html.encode("utf-8")) < 200_000


def test_the_charts_of_a_long_scale_are_bounded(page: str) -> None:
    """Each chart names at most `OPTION_ROWS` options, keeps a bounded height and marks inside."""
    for title in ("Steps", "Venue"):
        charts = _charts(page, title)
        assert 2 == len(charts)
        for svg in charts:
            grid = [float(y) for y in GRID.findall(svg)]
            assert 0 < len(grid) <= OPTION_ROWS
            assert float(HEIGHT.search(svg).group(1)) < 1_000  # type: ignore[union-attr]
            ys = [float(y) for y in MARKER_Y.findall(svg)]
            assert ys
            assert all(min(grid) - 10 <= y <= max(grid) + 10 for y in ys)
    wide = _charts(page, "Steps")[0]
    assert "options 300 to 702 of 2,000" in wide  # 300 to 700 held or accepted, padded by one
    assert ">Step 300<" in wide
    assert ">Step 1999<" not in wide
    venue = _charts(page, "Venue")[0]
    # held: 0, 7, ..., 35 by A and 1500 by B; accepted besides: 1999 and 900 to 905
    assert "14 of 2,000 options, those held or accepted" in venue
    assert ">Venue 1999<" in venue
    assert ">Venue 1998<" not in venue


def test_the_plot_of_a_long_scale_is_bounded(talks: nt.Negotiation, tmp_path: Path) -> None:
    """The matplotlib plot names at most `OPTION_ROWS` options and says where the axis is cut."""
    pytest.importorskip("matplotlib")
    for issue, word in (("steps", "Step"), ("venue", "Venue")):
        target = tmp_path / f"{issue}.svg"
        nt.plot_issue(talks, issue, target)
        text = target.read_text(encoding="utf-8")
        named = re.findall(rf"<!-- {word} (\d+) -->", text)
        assert 0 < len(named) <= OPTION_ROWS
        assert "1998" not in named
    steps = (tmp_path / "steps.svg").read_text(encoding="utf-8")
    assert "<!-- options 300 to 702 of 2,000 -->" in steps
    nt.plot_issue(talks, "steps", tmp_path / "steps.png")
    assert (tmp_path / "steps.png").stat().st_size > 10_000
