"""The record structurer (`_convert._record_structurer`) says exactly what cattrs' generated one says.

The loader no longer asks cattrs to generate and compile a structuring function per record class
(a third of ``negotrack validate`` of a small dossier went on it). These tests build the old
converter, with ``make_dict_structure_fn``, and check on dossiers broken at random places that
both give the same records, or the same problems (paths, messages, in the same order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import pytest
from cattrs.gen import make_dict_structure_fn, override
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import negotrack as nt
from negotrack.files import _convert
from negotrack.files._field_problems import field_problems
from negotrack.files._parse import parse
from negotrack.files._placing import text_of
from negotrack.files._scalars import InvalidValueError, shape_of
from tests.strategies import negotiations

if TYPE_CHECKING:
    from collections.abc import Callable

    import cattrs


def _cattrs_class_hook(conv: cattrs.Converter) -> Callable[[type[Any]], Any]:
    """The class hook as it was: cattrs' generated function, bounds as overrides."""

    def factory(cls: type[Any]) -> Any:
        attrs.resolve_types(cls)
        bounded: dict[str, Any] = {
            a.name: override(struct_hook=_convert._bounded(a))
            for a in attrs.fields(cls)
            if "minimum" in a.metadata or "maximum" in a.metadata
        }
        structure = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True, **bounded
        )
        keys = ", ".join(a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING)

        def hook(value: object, _: object) -> Any:
            if type(value) is not dict:
                raise InvalidValueError(
                    f"expected a mapping with keys such as {keys}, got {shape_of(value)}"
                )
            return structure(value, cls)

        return hook

    return factory


@pytest.fixture(scope="module")
def reference() -> cattrs.Converter:
    """A converter whose every record hook is cattrs' own, nested ones included."""
    conv = _convert._make_converter()
    conv.register_structure_hook_factory(attrs.has, _cattrs_class_hook(conv))
    conv.register_structure_hook(nt.Membership, _convert._structure_membership)
    saved = _convert.converter
    # the hook factories look their item hooks up on the module's converter, once
    _convert.converter = conv  # type: ignore[misc]
    try:
        for cls in (nt.Negotiation, nt.Round):
            conv.get_structure_hook(cls)
    finally:
        _convert.converter = saved  # type: ignore[misc]
    return conv


def _outcome(conv: cattrs.Converter, raw: Any, cls: type[Any]) -> object:
    try:
        return conv.structure(raw, cls)
    except Exception as exc:  # noqa: BLE001 - what is compared
        return [
            (p.path, text_of(p.message), p.at_key, p.hidden) for p in field_problems(exc, (), raw)
        ]


_ODD: Any = st.sampled_from(["", "x", "12", "true", "2024-02-30", None, [], ["a"], {}, {"k": "v"}])


def _places(raw: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if type(raw) is dict:
        for key, value in raw.items():
            found += _places(value, (*path, key))
    elif type(raw) is list:
        for index, value in enumerate(raw):
            found += _places(value, (*path, index))
    return found


@st.composite
def _broken(draw: st.DrawFn) -> dict[str, Any]:
    """A dossier as parsed from its YAML, a few values replaced, keys dropped, added, reordered."""
    raw: dict[str, Any] = parse(nt.dump(draw(negotiations(max_rounds=2))).encode(), "x.yaml")
    for _ in range(draw(st.integers(0, 6))):
        path = draw(st.sampled_from(_places(raw)[1:]))
        parent: Any = raw
        for step in path[:-1]:
            parent = parent[step]
        if type(parent) is not dict and type(parent) is not list:
            continue
        action = draw(st.sampled_from(["replace", "drop", "add", "reorder"]))
        value = parent[path[-1]]
        if action == "reorder" and type(value) is dict:  # keys in another order than the fields
            parent[path[-1]] = dict(reversed(value.items()))
        elif action == "replace":
            parent[path[-1]] = draw(_ODD)
        elif action == "drop" and type(parent) is dict:
            del parent[path[-1]]
        elif type(parent) is dict:
            parent[draw(st.sampled_from(["lcoation", "titel", "x"]))] = draw(_ODD)
    return raw


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=_broken())
def test_the_same_records_or_the_same_problems(reference: cattrs.Converter, raw: Any) -> None:
    rounds = raw.pop("rounds", None) or []
    for part, cls in [(raw, nt.Negotiation), *((r, nt.Round) for r in rounds)]:
        assert _outcome(_convert.converter, part, cls) == _outcome(reference, part, cls)


def test_the_reference_is_cattrs_own(reference: cattrs.Converter) -> None:
    """The comparison means something: the two converters' record hooks differ."""
    ours = _convert.converter.get_structure_hook(nt.Position)
    theirs = reference.get_structure_hook(nt.Position)
    assert ours is not theirs
    # two bad values given in another order than the fields', a required key missing, a typo
    broken = {"salience": "high", "preferred": ["x"], "issue": "a", "lcoation": "b"}
    found = _outcome(_convert.converter, broken, nt.Position)
    assert found == _outcome(reference, broken, nt.Position)
    assert isinstance(found, list)
    assert [path for path, *_ in found] == [(), ("preferred",), ("salience",), ("lcoation",)]
