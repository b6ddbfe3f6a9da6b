"""The JSON writer: the same text as ``json.dumps(indent=2, ensure_ascii=False)``, every time."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotrack as nt
from negotrack.report._json_text import SharedList, dumps
from negotrack.report._serialise import diff_data, timeline_data
from tests.strategies import negotiations


def _standard(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.lists(inner, max_size=4).map(SharedList)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300)
@given(_DATA)
def test_any_json_data_is_written_as_the_standard_library_writes_it(data: Any) -> None:
    assert _standard(data) == dumps(data)


def test_a_shared_list_is_written_at_each_depth_it_is_met() -> None:
    """Met again at another depth, a shared list is indented for that depth."""
    shared = SharedList([{"a": 1}, "b"])
    data = {"x": shared, "y": [shared, {"z": shared}], "w": shared}
    assert _standard(data) == dumps(data)


@pytest.mark.parametrize(
    "data",
    [
        {1: "a number as key"},
        {"nan": float("nan")},
        [float("inf")],
        {"a set": {1}},
        {"an enum": nt.StanceLevel.SUPPORTS},
    ],
)
def test_what_it_does_not_know_goes_to_the_standard_library(data: Any) -> None:
    """Keys that are not strings, values JSON cannot hold, other types: as json.dumps does."""
    try:
        expected: Any = _standard(data)
    except (TypeError, ValueError) as error:
        expected = type(error)
    try:
        found: Any = dumps(data)
    except (TypeError, ValueError) as error:
        found = type(error)
    assert expected == found


@settings(deadline=None, max_examples=60)
@given(negotiations(max_rounds=5))
def test_reports_and_diffs_are_written_as_the_standard_library_writes_them(
    negotiation: nt.Negotiation,
) -> None:
    """A dossier's report, and a diff of its first and last rounds, byte for byte."""
    data = timeline_data(negotiation, nt.timeline(negotiation))
    assert _standard(data) == dumps(data)
    if negotiation.rounds:
        first, last = negotiation.rounds[0].id, negotiation.rounds[-1].id
        data = diff_data(nt.compare(negotiation, first, last), negotiation)
        assert _standard(data) == dumps(data)
