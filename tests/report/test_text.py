"""The terminal text renderer: golden outputs, colour, wrapping and plain output."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from typing import TYPE_CHECKING

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.report._render import Renderer, renderer_for
from negotrack.report._text import TextRenderer
from tests.conftest import DATA, FLAGSHIP
from tests.strategies import negotiations

if TYPE_CHECKING:
    from pathlib import Path

CASES = DATA / "cases"
FLAGSHIP_GOLDEN = DATA / "flagship"
ROUNDS = yaml.safe_load((CASES / "cases.yaml").read_text(encoding="utf-8"))
REGENERATE = os.environ.get("NEGOTRACK_REGENERATE") == "1"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
#: The flagship diffs with golden outputs, as (before, after) round ids.
FLAGSHIP_DIFFS = [("2022-03-07", "2022-03-16"), ("2022-03-16", "2022-03-29")]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def case_diff(case: str) -> tuple[nt.Negotiation, nt.Diff]:
    """The dossier (the newer one, for versions) and the diff a golden case describes."""
    folder = CASES / case
    if (folder / "old.yaml").exists():
        old, new = nt.load(folder / "old.yaml"), nt.load(folder / "new.yaml")
        return new, nt.compare_versions(old, new)
    dossier = nt.load(folder / "dossier.yaml")
    return dossier, nt.compare(dossier, ROUNDS[case]["before"], ROUNDS[case]["after"])


@functools.cache
def flagship() -> nt.Negotiation:
    """The flagship example, loaded once."""
    return nt.load(FLAGSHIP)


@functools.cache
def flagship_timeline() -> nt.Timeline:
    """The flagship example's timeline, built once."""
    return nt.timeline(flagship())


def check_golden(path: Path, actual: str) -> None:
    """Compare with a reviewed golden file; NEGOTRACK_REGENERATE=1 rewrites it first."""
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no {path.name}: run with NEGOTRACK_REGENERATE=1 and review it"
    expected = path.read_text(encoding="utf-8")
    assert expected == actual


def flagship_outputs(renderer: Renderer) -> dict[str, str]:
    """Every flagship output of a renderer, by golden file stem."""
    n, story = flagship(), flagship_timeline()
    outputs = {
        f"diff-{before}-{after}": renderer.diff(n, nt.compare(n, before, after))
        for before, after in FLAGSHIP_DIFFS
    }
    outputs["report"] = renderer.report(n, story)
    outputs["timeline"] = renderer.timeline(n, story)
    return outputs


# -- golden outputs ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASE_NAMES)
def test_golden_case(case: str) -> None:
    """Each golden case renders as its reviewed expected.txt (width 80, no colour)."""
    n, diff = case_diff(case)
    check_golden(CASES / case / "expected.txt", TextRenderer().diff(n, diff))


@pytest.mark.parametrize(
    "name", [*(f"diff-{a}-{b}" for a, b in FLAGSHIP_DIFFS), "report", "timeline"]
)
def test_golden_flagship(name: str) -> None:
    """The flagship diffs, report and timeline render as their reviewed golden text."""
    check_golden(FLAGSHIP_GOLDEN / f"{name}.txt", flagship_outputs(TextRenderer())[name])


# -- colour --------------------------------------------------------------------------------------


def test_colour_only_when_asked() -> None:
    """With color=True concessions are green, hardening red, headings bold; without, no escapes."""
    coloured = flagship_outputs(TextRenderer(color=True))
    plain = flagship_outputs(TextRenderer(color=False))
    diff = coloured["diff-2022-03-07-2022-03-16"]
    assert "\x1b[32m    + preferred outcome moved" in diff
    assert "\x1b[31m    - condition added" in diff
    assert "\x1b[1mUkraine's military alignment\x1b[0m" in diff
    assert [] == [name for name, text in plain.items() if "\x1b" in text]


def test_colour_changes_no_words() -> None:
    """Coloured output is the plain output with escape codes added, nothing else."""
    coloured = flagship_outputs(TextRenderer(color=True))
    plain = flagship_outputs(TextRenderer(color=False))
    assert plain == {name: ANSI.sub("", text) for name, text in coloured.items()}


def test_analyst_text_cannot_drive_the_terminal() -> None:
    """Escape codes and line breaks inside analyst text come out inert in plain output."""
    n, diff = case_diff("moves")
    evil = attrs.evolve(n.parties[0], name="East\x1b[31m\nRED\r\x07")
    tampered = attrs.evolve(n, title="Moves\x1b]0;pwned\x07", parties=(evil, *n.parties[1:]))
    text = TextRenderer().diff(tampered, diff)
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "\r" not in text
    assert "  East\ufffd[31m RED \ufffd" in text.split("\n")


def test_renderer_for_text() -> None:
    """renderer_for('text') gives a TextRenderer configured with the colour and width asked for."""
    renderer = renderer_for("text", color=True, width=50)
    assert isinstance(renderer, TextRenderer)
    assert (True, 50) == (renderer.color, renderer.width)


# -- layout --------------------------------------------------------------------------------------


@given(st.integers(40, 160))
def test_lines_never_exceed_the_width(width: int) -> None:
    """At any width from 40 to 160, no line of any flagship output is longer than the width."""
    for name, text in flagship_outputs(TextRenderer(width=width)).items():
        too_long = [line for line in text.split("\n") if len(line) > width]
        assert [] == too_long, name


def test_no_trailing_spaces() -> None:
    """No line ends in a space, at the default width or a narrow one."""
    for width in (40, 80):
        for text in flagship_outputs(TextRenderer(width=width)).values():
            assert [] == [line for line in text.split("\n") if line != line.rstrip()]


def test_narrow_table_becomes_a_list() -> None:
    """When an issue's table cannot fit the width, each round is listed with a line per party."""
    text = TextRenderer(width=40).timeline(flagship(), flagship_timeline())
    section = text.split("Humanitarian corridors\n")[1].split("\n\n")[0]
    assert section.startswith("  2022-02-28\n    Russia: -\n    Ukraine: -\n    gap: n/a\n")


def test_a_round_against_itself_says_no_changes() -> None:
    """A diff with no changes says so, and still counts the positions carried forward."""
    n = flagship()
    text = TextRenderer().diff(n, nt.compare(n, "2022-03-16", "2022-03-16"))
    assert ["", "No changes."] == text.split("\n")[3:5]
    assert text.endswith("\n\n7 positions carried forward unchanged\n")


def test_width_has_a_floor() -> None:
    """Widths below 20 are treated as 20, so indented lines still have room."""
    assert 20 == TextRenderer(width=5).width


@given(negotiations(max_rounds=3).filter(lambda n: len(n.rounds) >= 2), st.integers(40, 120))
def test_any_diff_renders_within_the_width(n: nt.Negotiation, width: int) -> None:
    """Any generated dossier's diff, report and timeline render, within the width, without escapes."""
    renderer = TextRenderer(width=width)
    story = nt.timeline(n)
    texts = [
        renderer.diff(n, nt.compare(n, n.rounds[0].id, n.rounds[-1].id)),
        renderer.report(n, story),
        renderer.timeline(n, story),
    ]
    for text in texts:
        assert [] == [line for line in text.split("\n") if len(line) > width]
        assert "\x1b" not in text


def test_a_column_with_nothing_in_it_renders() -> None:
    """A timeline column whose header and cells are all empty (a party and an option with no name) renders."""
    issue = nt.Issue("i", "I", nt.OrdinalScale(options=(nt.Option("o", ""),)))
    held = nt.Position("p", "i", preferred="o")
    round_ = nt.Round("r1", "One", date=dt.date(2024, 1, 1), positions=(held,))
    n = nt.Negotiation("n", "N", parties=(nt.Party("p", ""),), issues=(issue,), rounds=(round_,))
    text = TextRenderer(width=40).timeline(n, nt.timeline(n))
    assert "2024-01-01" in text
    assert all(len(line) <= 40 for line in text.split("\n"))
