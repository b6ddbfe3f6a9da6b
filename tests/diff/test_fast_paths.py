"""The diff's fast paths give what the full comparison gives (issue 12, the diff row)."""

from __future__ import annotations

import copy
import itertools
from typing import TYPE_CHECKING, Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.diff import _compare
from negotrack.diff._matching import condition_changes, red_line_changes
from tests.multilateral_strategies import multilateral
from tests.strategies import issues, negotiations, positions

if TYPE_CHECKING:
    from collections.abc import Iterator


@st.composite
def _two_rounds(draw: st.DrawFn) -> tuple[nt.Negotiation, str, str]:
    n = draw(st.one_of(negotiations(max_rounds=4), multilateral()).filter(lambda n: n.rounds))
    ids = [r.id for r in n.rounds]
    return n, draw(st.sampled_from(ids)), draw(st.sampled_from(ids))


def _never_beside(new: dict[Any, Any], old: dict[Any, Any]) -> Iterator[tuple[Any, Any]]:
    """No key found beside its twin: every key looked up, every earlier key checked."""
    del old
    return zip(new.items(), itertools.repeat((object(), None)), strict=False)


@given(_two_rounds())
def test_walking_side_by_side_gives_the_full_comparison(
    case: tuple[nt.Negotiation, str, str],
) -> None:
    """Walking the two states side by side (looking up only where they part) changes nothing."""
    n, first, second = case
    fast = nt.compare(n, first, second)
    with mock.patch.object(_compare, "_side_by_side", _never_beside):
        full = nt.compare(n, first, second)
    assert fast == full
    assert fast.carried == full.carried


@given(st.data())
def test_equal_lists_of_conditions_and_red_lines_give_no_change(data: st.DataObject) -> None:
    """Why the differ skips equal lists: matched item by item, they give no change at all."""
    issue = data.draw(issues("i1"))
    position = data.draw(positions("p1", issue, ["i1", "i2"], ["s1"], proposal_ids=("pr",)))
    base = {"party": "p1", "issue": "i1", "round": "r2"}
    conditions, red_lines = copy.deepcopy((position.conditions, position.red_lines))
    assert list(condition_changes(position.conditions, conditions, base, ())) == []
    assert list(red_line_changes(position.red_lines, red_lines, base, ())) == []
