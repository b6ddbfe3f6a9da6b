"""Charts of one issue: PNG and SVG files, written atomically, matplotlib kept optional."""

from __future__ import annotations

import datetime as dt
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest

import negotrack as nt
from negotrack.interop._plot import plot_all, plot_issue
from negotrack.model._errors import MissingExtraError
from negotrack.report._palette import colour, party_styles
from tests.conftest import FLAGSHIP, MINIMAL

pytest.importorskip("matplotlib")

PNG_HEADER = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def talks() -> nt.Negotiation:
    return nt.load(FLAGSHIP)


@pytest.mark.parametrize("issue", ["alignment", "armed-forces-ceiling"])
def test_flagship_png(talks: nt.Negotiation, tmp_path: Path, issue: str) -> None:
    """A PNG of a flagship issue is written, with a PNG header and some size."""
    target = tmp_path / f"{issue}.png"
    plot_issue(talks, issue, target)
    data = target.read_bytes()
    assert PNG_HEADER == data[:8]
    assert len(data) > 10_000
    assert [target] == list(tmp_path.iterdir())


@pytest.mark.parametrize("issue", ["alignment", "armed-forces-ceiling"])
def test_flagship_svg(talks: nt.Negotiation, tmp_path: Path, issue: str) -> None:
    """An SVG of a flagship issue is written and parses as XML with an svg root."""
    target = tmp_path / f"{issue}.svg"
    plot_issue(talks, issue, target, timeline=nt.timeline(talks))
    root = ET.parse(target).getroot()  # noqa: S314 - a file we just wrote
    assert root.tag.endswith("svg")
    assert talks.issue(issue).title in target.read_text(encoding="utf-8")  # in a comment


def test_svg_is_deterministic(talks: nt.Negotiation, tmp_path: Path) -> None:
    """The same chart gives the same SVG bytes, with or without a timeline given."""
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    plot_issue(talks, "alignment", first)
    plot_issue(talks, "alignment", second, timeline=nt.timeline(talks))
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("issue", ["crimea", "humanitarian-corridors", "sanctions"])
def test_other_scales_plot(talks: nt.Negotiation, tmp_path: Path, issue: str) -> None:
    """Categorical issues, and issues with no positions at all, plot too."""
    target = tmp_path / "chart.png"
    plot_issue(talks, issue, target)
    assert PNG_HEADER == target.read_bytes()[:8]


def test_minimal_and_empty_dossiers_plot(tmp_path: Path) -> None:
    """The minimal example's issues plot, and so does an issue in a dossier without rounds."""
    minimal = nt.load(MINIMAL)
    for issue in minimal.issues:
        plot_issue(minimal, issue.id, tmp_path / f"{issue.id}.png")
    empty = nt.Negotiation("x", "X", issues=minimal.issues)
    plot_issue(empty, "wage-rise", tmp_path / "empty.svg")
    assert 3 == len(list(tmp_path.iterdir()))


def test_overwrite_keeps_permissions(talks: nt.Negotiation, tmp_path: Path) -> None:
    """Replacing a chart keeps the old file's permissions."""
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")
    target.chmod(0o640)
    plot_issue(talks, "alignment", target)
    assert 0o640 == stat.S_IMODE(target.stat().st_mode)
    assert PNG_HEADER == target.read_bytes()[:8]


def test_unknown_issue(talks: nt.Negotiation, tmp_path: Path) -> None:
    """An unknown issue id raises UnknownIdError with a did-you-mean, and writes nothing."""
    with pytest.raises(nt.UnknownIdError, match="alignment"):
        plot_issue(talks, "alignmnet", tmp_path / "chart.png")
    assert [] == list(tmp_path.iterdir())


def test_unknown_suffix(talks: nt.Negotiation, tmp_path: Path) -> None:
    """A file name not ending in .png or .svg is refused, and nothing is written."""
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        plot_issue(talks, "alignment", tmp_path / "chart.pdf")
    assert [] == list(tmp_path.iterdir())


def test_failed_write_leaves_nothing(
    talks: nt.Negotiation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the final rename fails, a SaveError is raised and no file, temporary or not, is left."""
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")

    def refuse(self: Path, other: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(other))

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(nt.SaveError, match="Permission denied"):
        plot_issue(talks, "alignment", target)
    assert [target] == list(tmp_path.iterdir())
    assert b"old" == target.read_bytes()


def test_missing_folder_is_a_save_error(talks: nt.Negotiation, tmp_path: Path) -> None:
    """A chart in a folder that does not exist raises SaveError."""
    with pytest.raises(nt.SaveError):
        plot_issue(talks, "alignment", tmp_path / "nowhere" / "chart.png")
    assert [] == list(tmp_path.iterdir())


def test_without_matplotlib(
    talks: nt.Negotiation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without matplotlib, plotting says which extra to install and writes nothing."""
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(MissingExtraError, match=r"pip install 'negotrack\[plot\]'") as caught:
        plot_issue(talks, "alignment", tmp_path / "chart.png")
    assert "plot" == caught.value.extra
    assert [] == list(tmp_path.iterdir())


def test_no_global_matplotlib_state(tmp_path: Path) -> None:
    """matplotlib loads only when plotting, pyplot never, and rcParams are left as they were."""
    code = f"""
import sys
import negotrack, negotrack.interop._plot
assert "matplotlib" not in sys.modules
import matplotlib
before = matplotlib.rcParams.copy()  # copy(), unlike dict(), does not resolve the backend
negotrack.interop._plot.plot_issue(negotrack.load({str(MINIMAL)!r}), "wage-rise", {str(tmp_path / "c.svg")!r})
assert "matplotlib.pyplot" not in sys.modules
assert before == matplotlib.rcParams.copy()
"""
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own interpreter


def test_gaps_and_open_ends_plot(tmp_path: Path) -> None:
    """Positions without a preferred value, open intervals and withdrawals still plot."""
    issues = (
        nt.Issue("n", "Number", nt.NumericScale(min=0, max=100, unit="units")),
        nt.Issue(
            "c", "Choice", nt.CategoricalScale(options=(nt.Option("x", "X"), nt.Option("y", "Y")))
        ),
    )
    first = nt.Round(
        "r1",
        "One",
        date=dt.date(2021, 12, 30),
        positions=(
            nt.Position("a", "n", acceptable=nt.Interval(None, 50)),
            nt.Position("b", "n", 70, nt.Interval(60, None)),
            nt.Position("a", "c", acceptable=("x", "y")),
        ),
        events=(nt.ContextEvent("e", dt.date(2021, 12, 31), "Something " * 10),),
    )
    second = nt.Round(
        "r2",
        "Two",
        date=dt.date(2022, 1, 5),
        positions=(nt.Position("a", "n", withdrawn=True), nt.Position("b", "c", "y")),
    )
    dossier = nt.Negotiation(
        "g",
        "Gaps",
        parties=(nt.Party("a", "A"), nt.Party("b", "B")),
        issues=issues,
        rounds=(first, second),
    )
    for issue in ("n", "c"):
        plot_issue(dossier, issue, tmp_path / f"{issue}.svg")
        assert ET.parse(tmp_path / f"{issue}.svg").getroot().tag.endswith("svg")  # noqa: S314


def test_plot_all_one_file_per_issue(talks: nt.Negotiation, tmp_path: Path) -> None:
    """plot_all writes a file per issue, named by its id, in issue order, into a folder it makes."""
    written = plot_all(talks, tmp_path / "charts", file_format="svg")
    assert [tmp_path / "charts" / f"{i.id}.svg" for i in talks.issues] == written
    assert all(ET.parse(p).getroot().tag.endswith("svg") for p in written)  # noqa: S314


def test_plot_all_refuses_a_symlink_and_writes_nothing(
    talks: nt.Negotiation, tmp_path: Path
) -> None:
    """A name taken by a symlink stops plot_all before any file is written."""
    folder = tmp_path / "charts"
    folder.mkdir()
    (folder / "sanctions.png").symlink_to(tmp_path / "elsewhere.png")
    with pytest.raises(nt.SaveError, match="not a regular file"):
        plot_all(talks, folder)
    assert ["sanctions.png"] == [p.name for p in folder.iterdir()]
    with pytest.raises(ValueError, match="png or svg"):
        plot_all(talks, folder, file_format="pdf")


def test_plot_shares_the_html_palette_and_says_when_empty(
    talks: nt.Negotiation, tmp_path: Path
) -> None:
    """The plot draws parties in the HTML charts' colours; an issue without positions says so."""
    plot_issue(talks, "alignment", tmp_path / "a.svg")
    text = (tmp_path / "a.svg").read_text(encoding="utf-8").lower()
    styles = party_styles(talks)
    for party in ("ua", "ru"):
        assert colour(styles[party]).lower() in text
    plot_issue(talks, "sanctions", tmp_path / "s.svg")
    assert "no positions recorded" in (tmp_path / "s.svg").read_text(encoding="utf-8")


def test_numeric_plot_axis_is_the_data_range(talks: nt.Negotiation, tmp_path: Path) -> None:
    """The armed forces ceiling is drawn on 50,000 to 300,000, with the scale named and cut."""
    plot_issue(talks, "armed-forces-ceiling", tmp_path / "a.svg")
    text = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "axis cut; scale 0 to 1,000,000" in text
    assert "<!-- 300,000 -->" in text
    assert "<!-- 1,000,000 -->" not in text


def test_names_with_dollar_signs_are_text_not_mathematics(tmp_path: Path) -> None:
    """``$\\frac{1}{$`` is no valid mathematics: read as mathtext, it would stop the plot."""
    n = nt.load(MINIMAL)
    first = attrs.evolve(n.parties[0], name="A $\\frac{1}{$ bloc")
    renamed = attrs.evolve(n, parties=(first, *n.parties[1:]))
    target = tmp_path / "chart.png"
    plot_issue(renamed, n.issues[0].id, target)
    assert target.stat().st_size > 0
