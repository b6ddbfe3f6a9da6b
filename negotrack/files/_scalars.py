"""Scalars read as the model types them: text, numbers as YAML 1.2 writes them, dates, booleans.

The YAML reader keeps every scalar a string (see `negotrack.files._yaml`); these functions parse
it by the type the model gives the field, accept exactly one shape, and say what they got
otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from negotrack.model._issues import Value

from negotrack.model._dates import PartialDate

__all__ = [
    "LARGEST_NUMBER",
    "InvalidValueError",
    "parse_number",
    "shape_of",
]

#: The largest size of number a dossier may hold. Measures add, subtract and square values; a
#: bound far below the float's limit (about 1.8e308) keeps every sum, gap and spread finite, so
#: every valid dossier renders, and is far above any quantity a negotiation states.
LARGEST_NUMBER: Final = 1e100
#: Digits past which a whole number is refused before it is read (1e100 has 101).
_MOST_DIGITS: Final = 101


_NUMBER: Final = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


_INTEGER: Final = re.compile(r"[-+]?[0-9]+")


#: `_INTEGER` as group 1, else `_NUMBER`: one match tells a number and whether it is whole.
_INTEGER_OR_NUMBER: Final = re.compile(f"({_INTEGER.pattern})|{_NUMBER.pattern}")


_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_APPROX_DATE: Final = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_TIME: Final = re.compile(r"[0-9]{2}:[0-9]{2}")


_TRUE: Final = frozenset({"true", "True", "TRUE"})


_FALSE: Final = frozenset({"false", "False", "FALSE"})


#: The most characters of a value a problem quotes.
_EXCERPT: Final = 60


class InvalidValueError(Exception):
    """A value has the wrong shape or content; the message says what was expected."""


def shape_of(value: object) -> str:
    """Describe a parsed YAML value for a message: ``the text 'x'``, ``a list``, ``a mapping``."""
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        if len(value) > _EXCERPT:  # a problem quotes a short excerpt of a file, never all of it
            return f"the text {value[:_EXCERPT]!r}... ({len(value):,} characters)"
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
            whole = match.lastindex == 1
            if whole and len(value.lstrip("+-0")) > _MOST_DIGITS:
                raise InvalidValueError(_too_large(value))
            return _bounded(int(value) if whole else float(value), value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        return _bounded(value, repr(value))
    hint = ""
    if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9][0-9,_ ]*(?:\.[0-9]*)?", value):
        hint = "; write numbers without separators, as in 250000"
    raise InvalidValueError(f"expected a number, got {shape_of(value)}{hint}")


def _bounded(number: float, written: str) -> float:
    """The number, if it is finite and no larger in size than `LARGEST_NUMBER`."""
    if not abs(number) <= LARGEST_NUMBER:  # also refuses nan and infinities
        raise InvalidValueError(_too_large(written))
    return number


def _too_large(written: str) -> str:
    shown = written if len(written) <= 24 else f"{written[:12]}...{written[-6:]}"
    return f"the number {shown} is too large: negotrack reads numbers up to 1e100 in size"


def _structure_str(value: object, _: object) -> str:
    if type(value) is str:
        # short text is mostly ids, repeated across the dossier: one object each keeps the
        # dossier smaller and makes the diff's and timeline's keyed lookups compare by identity
        return _intern(value) if len(value) <= _INTERNED else value
    raise InvalidValueError(f"expected text, got {shape_of(value)}")


_INTERNED: Final = 40
_intern = sys.intern


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


def _structure_approx_date(value: object, _: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _APPROX_DATE.fullmatch(value):
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            raise InvalidValueError(f"invalid date {value!r}: {exc}") from None
    raise InvalidValueError(
        f"expected a date as YYYY-MM-DD (or YYYY-MM, or YYYY), got {shape_of(value)}"
    )


def _structure_time(value: object, _: object) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str) and _TIME.fullmatch(value):
        hours, minutes = value.split(":")
        if int(hours) < 24 and int(minutes) < 60:
            return dt.time(int(hours), int(minutes))
        raise InvalidValueError(f"invalid time {value!r}: hours run 00-23, minutes 00-59")
    raise InvalidValueError(f"expected a time of day as HH:MM, got {shape_of(value)}")


def _structure_value(value: object, _: object) -> Value | None:
    # numbers on numeric issues were converted before structuring; the rest are option ids
    if value is None or type(value) is str or isinstance(value, int | float):
        return value
    raise InvalidValueError(f"expected an option id or a number, got {shape_of(value)}")


def _structure_optional_str(value: object, _: object) -> str | None:
    if value is None or type(value) is str:
        return value
    raise InvalidValueError(f"expected text, got {shape_of(value)}")
