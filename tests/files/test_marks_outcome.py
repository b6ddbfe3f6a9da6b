"""Marks on numeric scales and an issue's outcome: read, checked against the scale, round-tripped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from tests.files.test_loading import BASE, messages

TROOPS = "scale: {kind: numeric, min: 0, max: 100000, unit: personnel}"


def _with_marks(marks: str, extra: str = "") -> str:
    scale = f"scale: {{kind: numeric, min: 0, max: 100000, unit: personnel, marks: {marks}}}"
    assert TROOPS in BASE
    return BASE.replace(TROOPS, scale + extra)


def test_marks_and_outcome_are_read() -> None:
    """A numeric scale's marks keep their order; an outcome is a number or an option id."""
    text = _with_marks(
        "[{value: 0, label: none}, {value: 50000, label: half, description: Half the force}]",
        "\n    outcome: '25000'",
    ).replace("title: Border\n", "title: Border\n    outcome: managed\n", 1)
    n = nt.loads(text)
    scale = n.issue("troops").scale
    assert isinstance(scale, nt.NumericScale)
    assert (nt.Mark(0, "none"), nt.Mark(50000, "half", "Half the force")) == scale.marks
    assert 25000 == n.issue("troops").outcome
    assert "managed" == n.issue("border").outcome
    assert nt.loads(nt.dump(n)) == n


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        (
            "[{value: -1, label: below}]",
            "$.issues[1].scale.marks[0].value: mark -1 lies off the scale (0 to 100000)",
        ),
        (
            "[{value: 5, label: a}, {value: 5, label: b}]",
            "$.issues[1].scale.marks[1].value: another mark has the value 5",
        ),
    ],
)
def test_a_mark_off_the_scale_or_twice_is_a_problem(marks: str, expected: str) -> None:
    assert [expected] == messages(_with_marks(marks))


def test_an_outcome_is_checked_as_a_reference_is() -> None:
    """An outcome that is no option of its issue, or off its numeric scale, is a problem."""
    text = BASE.replace("title: Border\n", "title: Border\n    outcome: shut\n", 1)
    got = messages(text)
    assert 1 == len(got)
    assert got[0].startswith("$.issues[0].outcome: ")
    assert "'shut'" in got[0]
    off = _with_marks("[]", "\n    outcome: 200000")
    assert [m for m in messages(off) if m.startswith("$.issues[1].outcome: ")]


@given(st.lists(st.integers(0, 100000), unique=True, max_size=6))
def test_any_marks_on_the_scale_load_and_round_trip(values: list[int]) -> None:
    marks = "[" + ", ".join(f"{{value: {v}, label: m{v}}}" for v in values) + "]"
    n = nt.loads(_with_marks(marks))
    scale = n.issue("troops").scale
    assert isinstance(scale, nt.NumericScale)
    assert [float(v) for v in values] == [m.value for m in scale.marks]
    assert nt.loads(nt.dump(n)) == n
