"""A problem in a round of a single file is located reading that round only, at the same place."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import negotrack as nt
from negotrack.files import _spans
from negotrack.files._check_context import Located
from negotrack.files._locate import locate_paths
from negotrack.files._parse import parse
from negotrack.files._placing import place
from negotrack.files._spans import locate_in_rounds
from tests.strategies import negotiations


def _round_paths(raw: Any, path: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    found = [path]
    if type(raw) is dict:
        for key, value in raw.items():
            found += _round_paths(value, (*path, key))
    elif type(raw) is list:
        for index, value in enumerate(raw):
            found += _round_paths(value, (*path, index))
    return found


def _placed(data: bytes, located: list[Located], at_key: set[Any], ids: list[Any] | None) -> Any:
    by_round = {"d.yaml": ids} if ids is not None else None
    return place([("d.yaml", data, located, at_key, 0)], "problems", by_round)


@st.composite
def _dossier_and_paths(draw: st.DrawFn) -> tuple[bytes, list[Any], list[tuple[Any, ...]]]:
    negotiation = draw(negotiations(max_rounds=4).filter(lambda n: len(n.rounds) >= 2))
    data = nt.dump(negotiation).encode()
    raw = parse(data, "d.yaml")
    ids = [r.get("id") for r in raw["rounds"]]
    index = draw(st.integers(0, len(ids) - 1))
    inside = _round_paths(raw["rounds"][index], ("rounds", index))
    paths = draw(st.lists(st.sampled_from(inside), min_size=1, max_size=4, unique=True))
    return data, ids, paths


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_dossier_and_paths(), as_key=st.booleans())
def test_the_same_places_as_reading_the_whole_file(
    case: tuple[bytes, list[Any], list[tuple[Any, ...]]], as_key: bool
) -> None:
    data, ids, paths = case
    located = [Located("d.yaml", path, f"problem {n}") for n, path in enumerate(paths)]
    at_key = {p for p in paths if as_key and type(p[-1]) is str}
    assert locate_in_rounds(data, paths, ids) is not None  # the rounds were told apart
    assert _placed(data, located, at_key, ids) == _placed(data, located, at_key, None)


SINGLE = b"""\
id: t
title: T
parties: [{id: a, name: A}]
issues: []
rounds:
  # the first round
  - id: r1
    date: 2024-01-01
    title: One
  - id: r2
    date: 2024-02-01
    title: Two
    description: |
      - not an item
      rounds:
"""


def test_a_round_is_read_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[int] = []

    def counting(data: bytes, paths: Any, enough: Any = None) -> Any:
        read.append(len(data))
        return locate_paths(data, paths, enough)

    monkeypatch.setattr(_spans, "locate_paths", counting)
    found = locate_in_rounds(SINGLE, [("rounds", 1, "title")], ["r1", "r2"])
    assert found is not None
    assert found.find(("rounds", 1, "title")) == (12, 12)
    assert read == [len(SINGLE) - SINGLE.index(b"  - id: r2")]


@pytest.mark.parametrize(
    ("data", "ids"),
    [
        (SINGLE, ["r1", "rX"]),  # not the round it should be
        (SINGLE, ["r1"]),  # not as many rounds as the file has
        (SINGLE.replace(b"\n", b"\r\n"), ["r1", "r2"]),  # lines libyaml counts otherwise
        (b"id: t\nrounds: [{id: r1}, {id: r2}]\n", ["r1", "r2"]),  # a flow list
    ],
)
def test_anything_else_is_read_the_whole_way(data: bytes, ids: list[Any]) -> None:
    assert locate_in_rounds(data, [("rounds", 1, "id")], ids) is None


def test_a_bad_reference_in_a_single_file_names_its_line() -> None:
    text = SINGLE.decode().replace("title: Two", "title: Two\n    participants: [zz]")
    with pytest.raises(nt.LoadError) as caught:
        nt.loads(text, filename="d.yaml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column, problem.path) == (13, 20, "$.rounds[1].participants[0]")
