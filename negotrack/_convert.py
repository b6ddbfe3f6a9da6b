"""Strict structuring of parsed YAML into the model, and cattrs errors turned into problems.

cattrs is lenient by default: it turns ``[x]`` into the string ``"['x']"`` and ``"abc"`` into a
list of three characters. Every hook here accepts exactly one shape and says what it got
otherwise. Scalars arrive as strings (see `negotrack._yaml`); the hooks parse numbers, dates and
booleans by the type the model gives the field.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
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

from negotrack._errors import did_you_mean
from negotrack._model import (
    CategoricalScale,
    Membership,
    NumericScale,
    OrdinalScale,
    Scale,
    Value,
)
from negotrack._rounds import Acceptable, Interval
from negotrack._yaml import PathKey

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "FieldProblem",
    "InvalidValueError",
    "converter",
    "field_problems",
    "parse_number",
    "shape_of",
]

_NUMBER: Final = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_INTEGER: Final = re.compile(r"[-+]?[0-9]+")
#: `_INTEGER` as group 1, else `_NUMBER`: one match tells a number and whether it is whole.
_INTEGER_OR_NUMBER: Final = re.compile(f"({_INTEGER.pattern})|{_NUMBER.pattern}")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE: Final = frozenset({"true", "True", "TRUE"})
_FALSE: Final = frozenset({"false", "False", "FALSE"})


class InvalidValueError(Exception):
    """A value has the wrong shape or content; the message says what was expected."""


@attrs.frozen
class FieldProblem:
    """A structuring problem at a path, before it is given a file, line and column."""

    path: tuple[PathKey, ...]
    message: str
    at_key: bool = False


def shape_of(value: object) -> str:
    """Describe a parsed YAML value for a message: ``the text 'x'``, ``a list``, ``a mapping``."""
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def parse_number(value: object) -> float:
    """Read a number as YAML 1.2 writes it: ``12``, ``-0.5``, ``2.5e5``; no ``_`` or ``,``."""
    if isinstance(value, str):
        match = _INTEGER_OR_NUMBER.fullmatch(value)
        if match is not None:
            return int(value) if match.lastindex == 1 else float(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        return value
    hint = ""
    if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9][0-9,_ ]*(?:\.[0-9]*)?", value):
        hint = "; write numbers without separators, as in 250000"
    raise InvalidValueError(f"expected a number, got {shape_of(value)}{hint}")


def _structure_str(value: object, _: object) -> str:
    if type(value) is str:
        return value
    raise InvalidValueError(f"expected text, got {shape_of(value)}")


def _structure_float(value: object, _: object) -> float:
    return parse_number(value)


def _structure_int(value: object, _: object) -> int:
    if isinstance(value, str) and _INTEGER.fullmatch(value):
        return int(value)
    raise InvalidValueError(f"expected a whole number, got {shape_of(value)}")


def _structure_bool(value: object, _: object) -> bool:
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InvalidValueError(f"expected true or false, got {shape_of(value)}")


def _structure_date(value: object, _: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise InvalidValueError(f"invalid date {value!r}: {exc}") from None
    raise InvalidValueError(f"expected a date as YYYY-MM-DD, got {shape_of(value)}")


def _structure_value(value: object, _: object) -> Value | None:
    # numbers on numeric issues were converted before structuring; the rest are option ids
    if value is None or type(value) is str or isinstance(value, int | float):
        return value
    raise InvalidValueError(f"expected an option id or a number, got {shape_of(value)}")


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
                f"unknown value {value!r}{did_you_mean(value, by_value)}; expected one of: {names}"
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


def _structure_optional_str(value: object, _: object) -> str | None:
    if value is None or type(value) is str:
        return value
    raise InvalidValueError(f"expected text, got {shape_of(value)}")


def _make_class_hook(cls: type[Any]) -> Callable[[object, object], Any]:
    structure = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    keys = ", ".join(a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING)

    def hook(value: object, _: object) -> Any:
        if type(value) is not dict:
            raise InvalidValueError(
                f"expected a mapping with keys such as {keys}, got {shape_of(value)}"
            )
        return structure(value, cls)

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
                f"unknown scale kind {kind!r}{did_you_mean(str(kind), _SCALES)}; "
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


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    # first, so that the hooks below for particular unions win over it
    conv.register_structure_hook_factory(_is_optional, _make_optional_hook)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
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
    conv.register_unstructure_hook(dt.date, lambda d: d)
    conv.register_unstructure_hook_factory(attrs.has, _make_unstructure_hook(conv))
    conv.register_unstructure_hook(Membership, _unstructure_membership)
    return conv


converter: Final = _make_converter()
_membership_hook: Final = _make_class_hook(Membership)
_membership_unstructure: Final = make_dict_unstructure_fn(
    Membership, converter, _cattrs_omit_if_default=True
)


def field_problems(exc: BaseException, path: tuple[PathKey, ...] = ()) -> Iterator[FieldProblem]:
    """Walk a cattrs error tree and yield each problem with its path in YAML key names."""
    if isinstance(exc, ClassValidationError):
        for sub in exc.exceptions:
            note = _note(sub, AttributeValidationNote)
            if note is None:
                yield from _class_level(sub, exc.cl, path)
            elif isinstance(sub, KeyError) and sub.args == (note.name,):
                yield FieldProblem(path, f"missing required key {note.name!r}")
            else:
                yield from field_problems(sub, (*path, note.name))
    elif isinstance(exc, IterableValidationError):
        for sub in exc.exceptions:
            item = _note(sub, IterableValidationNote)
            yield from field_problems(sub, path if item is None else (*path, item.index))
    elif isinstance(exc, InvalidValueError):
        yield FieldProblem(path, str(exc))
    else:
        yield FieldProblem(path, f"invalid value: {exc}")


def _class_level(
    exc: BaseException, cl: type[Any], path: tuple[PathKey, ...]
) -> Iterator[FieldProblem]:
    if isinstance(exc, ForbiddenExtraKeysError):
        names = [a.name for a in attrs.fields(cl)]
        for key in sorted(exc.extra_fields, key=str):
            yield FieldProblem(
                (*path, key), f"unknown key {key!r}{did_you_mean(str(key), names)}", at_key=True
            )
    else:
        yield from field_problems(exc, path)


_N = typing.TypeVar("_N", AttributeValidationNote, IterableValidationNote)


def _note(exc: BaseException, kind: type[_N]) -> _N | None:
    for note in getattr(exc, "__notes__", ()):
        if type(note) is kind:
            return note
    return None
