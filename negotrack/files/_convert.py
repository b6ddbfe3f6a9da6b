"""Strict structuring of parsed YAML into the model: one cattrs converter with a hook per shape.

cattrs is lenient by default: it turns ``[x]`` into the string ``"['x']"`` and ``"abc"`` into a
list of three characters. Every hook here accepts exactly one shape and says what it got
otherwise; the scalar hooks are in `negotrack.files._scalars`, and errors become problems in
`negotrack.files._field_problems`.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any, Final, Literal, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from negotrack.files._hints import value_alias
from negotrack.files._reuse import reusing
from negotrack.files._scalars import (
    InvalidValueError,
    _structure_approx_date,
    _structure_bool,
    _structure_date,
    _structure_float,
    _structure_int,
    _structure_optional_str,
    _structure_str,
    _structure_time,
    _structure_value,
    shape_of,
)
from negotrack.model._dates import ApproxDate, PartialDate
from negotrack.model._issues import CategoricalScale, NumericScale, OrdinalScale, Scale, Value
from negotrack.model._parties import Membership
from negotrack.model._positions import Acceptable, Interval, Position

if typing.TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "converter",
]


def _make_enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    by_value = {member.value: member for member in cls}
    names = ", ".join(by_value)

    def hook(value: object, _: object) -> enum.Enum:
        try:
            return by_value[value]
        except (KeyError, TypeError):
            pass
        if isinstance(value, str):
            raise InvalidValueError(
                f"unknown value {value!r}{value_alias(cls, value, by_value)}; "
                f"expected one of: {names}"
            )
        raise InvalidValueError(f"expected one of: {names}; got {shape_of(value)}")

    return hook


def _make_literal_hook(tp: Any) -> Callable[[object, object], str]:
    allowed = get_args(tp)

    def hook(value: object, _: object) -> str:
        if value in allowed:
            return typing.cast("str", value)
        raise InvalidValueError(
            f"expected {' or '.join(repr(a) for a in allowed)}, got {shape_of(value)}"
        )

    return hook


def _make_tuple_hook(tp: Any) -> Callable[[object, object], tuple[Any, ...]]:
    item_type = get_args(tp)[0]
    structure = converter.get_structure_hook(item_type)
    of_text = item_type is str

    def hook(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise InvalidValueError(f"expected a list, got {shape_of(value)}")
        # the usual case first: every item fine, so no error to collect
        if of_text:
            for item in value:
                if type(item) is not str:
                    break
            else:
                return tuple(value)
        else:
            try:
                return tuple([structure(item, item_type) for item in value])
            except Exception:  # noqa: BLE001, S110  (done again below, collecting every error)
                pass
        errors: list[Exception] = []
        out = []
        for index, item in enumerate(value):
            try:
                out.append(structure(item, item_type))
            except Exception as exc:  # noqa: BLE001  (every failure is collected)
                exc.add_note(IterableValidationNote(f"item {index}", index, item_type))
                errors.append(exc)
        if errors:
            raise IterableValidationError("invalid items", errors, tp)
        return tuple(out)

    return hook


def _is_optional(tp: Any) -> bool:
    """``X | None`` (or ``Optional[X]``) with one X."""
    args = get_args(tp)
    return (
        get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args
    )


def _make_optional_hook(tp: Any) -> Callable[[object, object], Any]:
    # what cattrs does for ``X | None``, with X's hook looked up once instead of on every value
    item_type = next(arg for arg in get_args(tp) if arg is not type(None))
    if item_type is str:
        return _structure_optional_str
    structure = converter.get_structure_hook(item_type)

    def hook(value: object, _: object) -> Any:
        if value is None:
            return None
        return structure(value, item_type)

    return hook


def _make_class_hook(cls: type[Any]) -> Callable[[object, object], Any]:
    attrs.resolve_types(cls)
    # numbers bounded in the model are checked as they are read, with the rest of the record
    bounded = {
        a.name: _bounded(a)
        for a in attrs.fields(cls)
        if "minimum" in a.metadata or "maximum" in a.metadata
    }
    hooks = {
        a.name: bounded.get(a.name) or converter.get_structure_hook(a.type)
        for a in attrs.fields(cls)
    }
    structure = _record_structurer(cls, hooks)
    if structure is None:  # pragma: no cover - a field the model does not use today
        overrides: dict[str, Any] = {n: override(struct_hook=h) for n, h in bounded.items()}
        structure = make_dict_structure_fn(
            cls,
            converter,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=True,
            **overrides,
        )
    keys = ", ".join(a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING)

    def hook(value: object, _: object) -> Any:
        if type(value) is not dict:
            raise InvalidValueError(
                f"expected a mapping with keys such as {keys}, got {shape_of(value)}"
            )
        return structure(value, cls)

    return hook


def _record_structurer(
    cls: type[Any], hooks: dict[str, Any]
) -> Callable[[dict[str, Any], object], Any] | None:
    """What cattrs' ``make_dict_structure_fn`` makes, built without generating any code.

    That is, with detailed validation and extra keys forbidden: the same errors, with the same
    notes, in the same order (the fields'). Generating and compiling that code cost a dossier's
    first load about 25 ms (a third of ``negotrack validate`` of a small dossier).

    It walks the keys the mapping has rather than every field of the record, most of them
    optional and absent. None for a field it does not handle as cattrs would (not in
    ``__init__``, an attrs converter, a hook that calls the type); cattrs then builds it.
    """
    fields = attrs.fields(cls)
    if any(
        not a.init or a.converter is not None or hooks[a.name] == converter._structure_call
        for a in fields
    ):
        return None  # pragma: no cover - no such field in the model today
    name, qualname = cls.__name__, cls.__qualname__
    # key -> (the field's place, its __init__ argument, its hook, its type)
    table = {a.name: (i, a.alias, hooks[a.name], a.type) for i, a in enumerate(fields)}
    required = [(i, a.name, a.type) for i, a in enumerate(fields) if a.default is attrs.NOTHING]
    known = frozenset(table)

    def note(key: str, tp: Any) -> AttributeValidationNote:
        return AttributeValidationNote(f"Structuring class {qualname} @ attribute {key}", key, tp)

    def structure(o: dict[str, Any], _: object = None) -> Any:
        res = {}
        failed: list[tuple[int, Exception]] = []
        unknown = False
        for key, value in o.items():
            entry = table.get(key)
            if entry is None:
                unknown = True
                continue
            index, alias, hook, tp = entry
            try:
                res[alias] = hook(value, tp)
            except Exception as e:  # noqa: BLE001  (collected, as cattrs collects them)
                e.__notes__ = [*getattr(e, "__notes__", []), note(key, tp)]
                failed.append((index, e))
        for index, key, tp in required:
            if key not in o:
                missing = KeyError(key)
                missing.__notes__ = [note(key, tp)]
                failed.append((index, missing))
        if failed or unknown:
            errors: list[Exception] = [e for _, e in sorted(failed, key=lambda f: f[0])]
            if unknown:
                errors.append(ForbiddenExtraKeysError("", cls, set(o.keys()) - known))
            raise ClassValidationError(f"While structuring {name}", errors, cls)
        try:
            return cls(**res)
        except Exception as exc:
            raise ClassValidationError(f"While structuring {name}", [exc], cls) from exc

    return structure


def _bounded(field: attrs.Attribute[Any]) -> Callable[[object, object], Any]:
    """The hook of a number field, then its bounds (``minimum``, ``maximum`` in its metadata)."""
    structure = converter.get_structure_hook(field.type)
    name, low, high = field.name, field.metadata.get("minimum"), field.metadata.get("maximum")
    if low is not None and high is not None:
        expected = f"runs from {low} to {high}"
    else:
        expected = f"is {low} or more" if low is not None else f"is at most {high}"

    def hook(value: object, tp: object) -> Any:
        number = structure(value, tp)
        if number is not None and (
            (low is not None and number < low) or (high is not None and number > high)
        ):
            raise InvalidValueError(f"{name} {expected}, got {number!r}")
        return number

    return hook


_SCALES: Final[dict[str, type[Any]]] = {
    "ordinal": OrdinalScale,
    "categorical": CategoricalScale,
    "numeric": NumericScale,
}


def _structure_scale(value: object, _: object) -> Scale:
    if type(value) is not dict:
        raise InvalidValueError(
            f"expected a mapping with a kind (ordinal, numeric, categorical), got {shape_of(value)}"
        )
    kind = value.get("kind")
    if kind not in _SCALES:
        message = "missing required key 'kind': ordinal, numeric or categorical"
        if kind is not None:
            message = (
                f"unknown scale kind {kind!r}{value_alias('scale', str(kind), _SCALES)}; "
                "expected ordinal, numeric or categorical"
            )
        exc = InvalidValueError(message)
        exc.add_note(AttributeValidationNote("kind", "kind", str))
        raise ClassValidationError("invalid scale", [exc], OrdinalScale)
    return typing.cast("Scale", converter.structure(value, _SCALES[kind]))


def _make_acceptable_hook(_: Any) -> Callable[[object, object], Acceptable | None]:
    options_type = tuple[str, ...]
    structure_options = converter.get_structure_hook(options_type)
    structure_interval = converter.get_structure_hook(Interval)

    def hook(value: object, _: object) -> Acceptable | None:
        if value is None:
            return None
        if type(value) is list:
            return typing.cast("tuple[str, ...]", structure_options(value, options_type))
        if type(value) is dict:
            return typing.cast("Interval", structure_interval(value, Interval))
        raise InvalidValueError(
            f"expected a list of option ids, or a mapping with min and max, got {shape_of(value)}"
        )

    return hook


def _structure_membership(value: object, _: object) -> Membership:
    if type(value) is str:
        return Membership(value)
    return typing.cast("Membership", _membership_hook(value, Membership))


def _unstructure_membership(value: Membership) -> object:
    if value.since is None and value.until is None:
        return value.party
    return _membership_unstructure(value)


def _is_literal(tp: Any) -> bool:
    return get_origin(tp) is Literal


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _make_unstructure_hook(conv: cattrs.Converter) -> Callable[[type[Any]], Any]:
    def factory(cls: type[Any]) -> Any:
        if cls in (OrdinalScale, CategoricalScale, NumericScale):
            return make_dict_unstructure_fn(
                cls, conv, _cattrs_omit_if_default=True, kind=override(omit_if_default=False)
            )
        return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)

    return factory


def _unstructure_date(value: dt.date) -> dt.date | str:
    # a partial date is written as the record gives it; a full one stays a date for the dumper
    return value.isoformat() if isinstance(value, PartialDate) else value


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    # first, so that the hooks below for particular unions win over it
    conv.register_structure_hook_factory(_is_optional, _make_optional_hook)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook_func(lambda t: t == ApproxDate, _structure_approx_date)
    conv.register_structure_hook(dt.time, _structure_time)
    conv.register_structure_hook_func(lambda t: t in (Value, Value | None), _structure_value)
    conv.register_structure_hook_factory(lambda t: t == Acceptable | None, _make_acceptable_hook)
    conv.register_structure_hook_func(lambda t: t == Scale, _structure_scale)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _make_enum_hook
    )
    conv.register_structure_hook_factory(_is_literal, _make_literal_hook)
    conv.register_structure_hook_factory(
        _is_homogeneous_tuple,
        _make_tuple_hook,
    )
    conv.register_structure_hook_factory(attrs.has, _make_class_hook)
    conv.register_structure_hook(Membership, _structure_membership)
    conv.register_structure_hook(Position, lambda value, _: _position_hook(value, Position))
    conv.register_unstructure_hook(dt.date, _unstructure_date)
    conv.register_unstructure_hook(dt.time, lambda t: t.strftime("%H:%M"))
    conv.register_unstructure_hook_factory(attrs.has, _make_unstructure_hook(conv))
    conv.register_unstructure_hook(Membership, _unstructure_membership)
    return conv


converter: Final = _make_converter()


_membership_hook: Final = _make_class_hook(Membership)
#: A position restated word for word within a load is the one it restates (`_reuse`).
_position_hook: Final = reusing(
    _make_class_hook(Position),
    tuple(a.name for a in attrs.fields(Position)),
    ("acceptable", "red_lines", "conditions", "evidence"),
)


_membership_unstructure: Final = make_dict_unstructure_fn(
    Membership, converter, _cattrs_omit_if_default=True
)
