"""A position restated word for word is the object it restates, and so is each restated field.

The rule (`negotrack.files._reuse`) may change nothing a program can see: a load with it gives
what a load without it gives, value for value and type for type (``1`` and ``1.0`` are equal
in Python but not the same number as written), or the same problems. The examples check that
it does share what it should.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import negotrack as nt
from negotrack.files import _loading
from negotrack.files._convert import converter
from tests.strategies import negotiations

if TYPE_CHECKING:
    from collections.abc import Iterator

_HEADER: dict[str, Any] = {
    "id": "talks",
    "title": "Talks",
    "parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    "issues": [
        {"id": "wage", "title": "Wage", "scale": {"kind": "numeric", "min": 0, "max": 10}},
        {
            "id": "shifts",
            "title": "Shifts",
            "scale": {"kind": "ordinal", "options": [{"id": o, "label": o} for o in "xyz"]},
        },
    ],
}


def _position(issue: str = "shifts", preferred: str = "y", note: str = "as before") -> Any:
    return {
        "party": "a",
        "issue": issue,
        "preferred": preferred,
        "conditions": [
            {"id": "first", "text": "Guarantees first"},
            {"id": "second", "text": "Pay verified"},
        ],
        "red_lines": [{"id": "line", "text": "Never z", "options": ["z"]}]
        if issue == "shifts"
        else [],
        "note": note,
    }


def _dossier(*rounds: Any) -> str:
    """A single-file dossier whose round N (from 1) holds the positions given N-th."""
    data = {
        **_HEADER,
        "rounds": [
            {
                "id": f"r{n}",
                "title": f"Round {n}",
                "date": f"2024-03-0{n}",
                "positions": [copy.deepcopy(p)],
            }
            for n, p in enumerate(rounds, start=1)
        ],
    }
    return yaml.safe_dump(data, sort_keys=False)


def test_a_position_restated_word_for_word_is_the_one_it_restates() -> None:
    n = nt.loads(_dossier(_position(), _position()))
    first, second = (r.positions[0] for r in n.rounds)
    assert second is first


def test_a_restated_position_shares_every_field_it_restates_unchanged() -> None:
    n = nt.loads(_dossier(_position(), _position(note="reworded")))
    first, second = (r.positions[0] for r in n.rounds)
    assert second is not first
    assert second.note == "reworded"
    assert second.conditions is first.conditions
    assert second.red_lines is first.red_lines
    assert second.preferred == first.preferred == "y"


def test_a_position_restated_with_its_defaults_written_out_is_the_one_it_restates() -> None:
    """``red_lines: []`` where the first wrote none: the same position."""
    plain = {k: v for k, v in _position().items() if k != "red_lines"}
    n = nt.loads(_dossier(plain, {**plain, "red_lines": []}))
    first, second = (r.positions[0] for r in n.rounds)
    assert second is first


def test_bounds_restated_as_another_type_keep_the_type_written() -> None:
    """``max: 8`` then ``max: 8.0``: equal, but the position is made anew, with the float."""
    first_written = {**_position("wage", "5"), "acceptable": {"min": "4", "max": "8"}}
    again = {**first_written, "acceptable": {"min": "4", "max": "8.0"}}
    n = nt.loads(_dossier(first_written, again))
    first, second = (r.positions[0] for r in n.rounds)
    assert second is not first
    assert isinstance(first.acceptable, nt.Interval)
    assert isinstance(second.acceptable, nt.Interval)
    assert (type(first.acceptable.max), type(second.acceptable.max)) == (int, float)
    assert second.conditions is first.conditions


def test_a_number_restated_as_another_type_keeps_the_type_written() -> None:
    """``1`` then ``1.0``: equal in Python, so the position is made anew, with a float."""
    n = nt.loads(
        _dossier(_position("wage", "1"), _position("wage", "1.0"), _position("wage", "1.0"))
    )
    first, second, third = (r.positions[0] for r in n.rounds)
    assert (type(first.preferred), type(second.preferred)) == (int, float)
    assert second is not first
    assert second.conditions is first.conditions
    assert third is second


def test_nothing_is_kept_from_one_load_to_the_next() -> None:
    text = _dossier(_position())
    assert nt.loads(text).rounds[0].positions[0] is not nt.loads(text).rounds[0].positions[0]


@contextlib.contextmanager
def _without_reuse() -> Iterator[None]:
    name = "keeping_restated"  # the loader's name for the rule, swapped for one that keeps nothing
    saved = getattr(_loading, name)
    setattr(_loading, name, contextlib.nullcontext)
    try:
        yield
    finally:
        setattr(_loading, name, saved)


def _exact(value: Any) -> Any:
    """``value`` with the type of everything in it: ``1`` and ``1.0`` tell apart."""
    if attrs.has(type(value)):
        return (
            type(value).__name__,
            *[_exact(getattr(value, f.name)) for f in attrs.fields(type(value))],
        )
    if isinstance(value, tuple | list):
        return (type(value).__name__, *map(_exact, value))
    if isinstance(value, dict):
        return ("dict", *[(_exact(k), _exact(v)) for k, v in value.items()])
    return (type(value).__name__, value)


def _outcome(text: str) -> tuple[str, Any]:
    try:
        return "loaded", nt.loads(text)
    except nt.LoadError as exc:
        return "refused", [(p.line, p.column, p.path, p.message) for p in exc.problems]


def _as_other_type(position: dict[str, Any], again: dict[str, Any], scale: Any) -> None:
    """Make both preferred values one whole number, written as an int in one, a float in the
    other (``1`` and ``1.0``: equal in Python), where the scale holds it."""
    whole = round(position["preferred"])
    if not scale.get("min", whole) <= whole <= scale.get("max", whole):
        return
    kept_float = type(position["preferred"]) is float
    position["preferred"] = float(whole) if kept_float else whole
    again["preferred"] = whole if kept_float else float(whole)


def _bounds_as_other_type(bounds: dict[str, Any], both: bool) -> None:
    """Each whole-number bound (or the first only) written as the other type: 8.0 for 8."""
    for name in ("min", "max") if both else ("min",):
        number: Any = bounds.get(name)
        if type(number) in (int, float) and number == int(number):
            bounds[name] = float(number) if type(number) is int else int(number)


@st.composite
def _restating_texts(draw: st.DrawFn) -> str:
    """A dossier, then a round restating an earlier one's positions: each key kept (as an equal
    but distinct value), replaced by another position's value for the same key, or left out."""
    n = draw(negotiations(max_rounds=3))
    data: dict[str, Any] = converter.unstructure(n)
    rounds = [r for r in data.get("rounds", []) if r.get("positions")]
    if not rounds:
        return nt.dump(n)
    source = draw(st.sampled_from(rounds))
    pool = [p for r in rounds for p in r["positions"]]
    scales = {i["id"]: i["scale"] for i in data["issues"]}
    restated = []
    for position in source["positions"]:
        again: dict[str, Any] = {}
        for key, value in position.items():
            choice = 0 if key in ("party", "issue", "table") else draw(st.integers(0, 5))
            if choice <= 3:
                again[key] = copy.deepcopy(value)
            elif choice == 4:
                others = [p[key] for p in pool if key in p and p["issue"] == position["issue"]]
                again[key] = copy.deepcopy(draw(st.sampled_from(others)))
        if type(again.get("preferred")) in (int, float) and draw(st.booleans()):
            _as_other_type(position, again, scales[position["issue"]])
        if type(again.get("acceptable")) is dict and again["acceptable"] == position.get(
            "acceptable"
        ):
            _bounds_as_other_type(again["acceptable"], draw(st.booleans()))
        restated.append(again)
    last = max(
        (
            dt.date.fromisoformat(str(r[key]))
            for r in data["rounds"]
            for key in ("date", "start", "end")
            if key in r
        ),
        default=dt.date(2024, 1, 1),
    )
    data["rounds"].append(
        {
            "id": "restating-round",
            "title": "Restating",
            "date": (last + dt.timedelta(days=1)).isoformat(),
            "participants": copy.deepcopy(source.get("participants", [])),
            "positions": restated,
        }
    )
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_restating_texts())
def test_reuse_changes_nothing_a_program_can_see(text: str) -> None:
    """Loaded with and without the rule: the same dossier, type for type, or the same problems."""
    kind, found = _outcome(text)
    with _without_reuse():
        expected_kind, expected = _outcome(text)
    assert kind == expected_kind
    if kind == "loaded":
        assert found == expected
        assert _exact(found) == _exact(expected)
    else:
        assert found == expected


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
