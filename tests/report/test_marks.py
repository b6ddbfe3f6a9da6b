"""A numeric scale's marks (negotrack.Mark) on the charts' y axis and beside the values in tables."""

from __future__ import annotations

import datetime as dt

import pytest

import negotrack as nt
from negotrack.report._html import HtmlRenderer
from negotrack.report._markdown import MarkdownRenderer
from negotrack.report._text import TextRenderer

MARKS = (nt.Mark(50, "status quo"), nt.Mark(90, "full ban"))


def _dossier() -> nt.Negotiation:
    issue = nt.Issue("cut", "Cut", nt.NumericScale(min=0, max=100, unit="%", marks=MARKS))
    rounds = tuple(
        nt.Round(
            f"r{k}",
            f"R{k}",
            date=dt.date(2024, 1, 1 + k),
            positions=(nt.Position("a", "cut", 50 + 10 * k), nt.Position("b", "cut", 30)),
        )
        for k in range(2)
    )
    parties = (nt.Party("a", "A"), nt.Party("b", "B"))
    return nt.Negotiation("t", "T", parties=parties, issues=(issue,), rounds=rounds)


def test_the_html_chart_names_the_marks_on_its_y_axis() -> None:
    n = _dossier()
    page = HtmlRenderer().report(n, nt.timeline(n))
    assert '<text x="' in page
    assert ">50 status quo</text>" in page  # 50 is within the drawn range (30 to 60)
    assert "full ban</text>" not in page  # 90 is past the data's range: no tick


@pytest.mark.parametrize("renderer", [TextRenderer(), MarkdownRenderer()])
def test_the_tables_put_a_mark_label_beside_its_value(renderer: object) -> None:
    n = _dossier()
    out = renderer.report(n, nt.timeline(n))  # type: ignore[attr-defined]
    assert "50 % (status quo)" in out or "50% (status quo)" in out
    assert "60 % (status quo)" not in out
    assert "60% (status quo)" not in out


def test_the_plot_names_the_marks_on_its_y_axis() -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    from negotrack.interop._plot import _draw  # noqa: PLC0415

    n = _dossier()
    story = nt.timeline(n)
    figure = Figure()
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    _draw(ax, n, n.issue("cut"), story.rounds, story.issues["cut"])
    figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "50 status quo" in labels
    assert "full ban" not in " ".join(labels)
