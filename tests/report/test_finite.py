"""Every finite input renders: huge numbers, long numbers, lone surrogates, strict JSON out."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NoReturn

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotrack as nt
from negotrack.files._scalars import LARGEST_NUMBER

if TYPE_CHECKING:
    from pathlib import Path

FORMATS = ("text", "markdown", "html", "json")

DOSSIER = """
id: t
title: T
parties:
  - {{id: a, name: A}}
  - {{id: b, name: B}}
issues:
  - id: n
    title: N
    scale: {{kind: numeric, min: {low}, max: {high}, unit: x}}
rounds:
  - id: r1
    title: One
    date: 2024-01-01
    positions:
      - {{party: a, issue: n, preferred: {a1}}}
      - {{party: b, issue: n, preferred: {b1}}}
  - id: r2
    title: Two
    date: 2024-02-01
    positions:
      - {{party: a, issue: n, preferred: {a2}, acceptable: {{min: {a2}, max: {high}}}}}
      - {{party: b, issue: n, preferred: {b2}}}
"""


def _refuse(constant: str) -> NoReturn:
    raise AssertionError(f"not strict JSON: {constant}")


def _strict(text: str) -> object:
    """Parse JSON as a strict reader would: NaN and Infinity are refused."""
    return json.loads(text, parse_constant=_refuse)


def _every_output(n: nt.Negotiation) -> dict[str, str]:
    ids = [r.id for r in n.rounds]
    outputs = {}
    for kind in FORMATS:
        renderer = nt.renderer_for(kind)
        outputs[f"{kind} report"] = renderer.report(n, nt.timeline(n))
        if len(ids) > 1:
            outputs[f"{kind} diff"] = renderer.diff(n, nt.compare(n, ids[0], ids[-1]))
    return outputs


_BIG = st.floats(min_value=-LARGEST_NUMBER, max_value=LARGEST_NUMBER, allow_nan=False)


@settings(max_examples=30)  # eight renders each: the bound's two ends are pinned below too
@given(st.lists(_BIG, min_size=6, max_size=6))
def test_every_number_within_the_bound_renders_in_every_format(values: list[float]) -> None:
    """Scale ends and positions anywhere up to 1e100 in size: every output, and strict JSON."""
    low, high, *rest = sorted(values[:2]) + values[2:]
    if low == high:
        low, high = min(low, 0.0), max(high, 0.0) or 1.0  # still inside the bound
    inside = [min(max(v, low), high) for v in rest]
    text = DOSSIER.format(
        low=repr(low),
        high=repr(high),
        **dict(zip(("a1", "b1", "a2", "b2"), map(repr, inside), strict=True)),
    )
    n = nt.loads(text)
    for name, out in _every_output(n).items():
        out.encode("utf-8")
        if name.startswith("json"):
            _strict(out)


@pytest.mark.parametrize("bound", [LARGEST_NUMBER, -LARGEST_NUMBER])
def test_a_scale_reaching_the_bound_renders_in_every_format(bound: float, tmp_path: Path) -> None:
    """The widest scale allowed, positions at its ends: every format, and the plot."""
    low, high = sorted([bound, -bound])
    text = DOSSIER.format(low=low, high=high, a1=low, b1=high, a2=high / 2, b2=low)
    n = nt.loads(text)
    for name, out in _every_output(n).items():
        if name.startswith("json"):
            _strict(out)
    nt.plot_issue(n, "n", tmp_path / "n.png")
    assert (tmp_path / "n.png").stat().st_size > 0


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("1e308", "1e308"),
        ("-1e101", "-1e101"),
        ("1e400", "1e400"),
        ("9" * 400, "999999999999...999999"),
        ("1" * 5000, "111111111111...111111"),
    ],
)
def test_a_number_beyond_the_bound_is_a_problem_at_its_place(written: str, shown: str) -> None:
    text = DOSSIER.format(low=0, high=written, a1=0, b1=1, a2=0, b2=1)
    with pytest.raises(nt.LoadError) as caught:
        nt.loads(text)
    problem = caught.value.problems[0]
    assert problem.path == "$.issues[0].scale.max"
    assert (problem.line, problem.column) == (10, 41)
    assert f"the number {shown} is too large" in problem.message


def test_a_lone_surrogate_in_loaded_text_is_a_problem_at_its_place() -> None:
    with pytest.raises(nt.LoadError) as caught:
        nt.loads("id: t\ntitle: T \ud800\n")
    assert str(caught.value) == (
        "<string>:2:10: the text holds a lone surrogate (U+D800), which is not Unicode text; "
        "write the character itself"
    )


def test_a_lone_surrogate_from_the_python_api_renders_as_a_replacement() -> None:
    n = nt.loads(DOSSIER.format(low=0, high=10, a1=1, b1=9, a2=2, b2=8))
    odd = attrs.evolve(
        n, title="T \ud800 x", parties=(attrs.evolve(n.parties[0], name="A\udfff"), n.parties[1])
    )
    for name, out in _every_output(odd).items():
        out.encode("utf-8")
        assert "\ufffd" in out, name


def test_a_lone_surrogate_from_the_python_api_is_a_save_error_naming_its_place(
    tmp_path: Path,
) -> None:
    n = nt.loads(DOSSIER.format(low=0, high=10, a1=1, b1=9, a2=2, b2=8))
    odd = attrs.evolve(n, rounds=(attrs.evolve(n.rounds[0], title="One \ud800"), n.rounds[1]))
    with pytest.raises(nt.SaveError, match=r"^\$\.rounds\[0\]\.title: the text holds a lone"):
        nt.dump(odd)
    with pytest.raises(nt.SaveError, match=r"^rounds/r1\.yaml: \$\.title: the text holds"):
        nt.save(odd, tmp_path / "talks")
    assert not (tmp_path / "talks" / "negotiation.yaml").exists()
