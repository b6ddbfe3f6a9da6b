"""Indented JSON, byte for byte as ``json.dumps(indent=2, ensure_ascii=False)`` writes it, faster.

The standard library writes indented JSON with its pure-Python encoder (its C encoder only writes
compact JSON), a chain of generators that costs seconds on a long run's report. `dumps` writes
the same text with one recursive function; and a `SharedList` met again at the same depth (a
report's carried points share the red lines, conditions and evidence of the position they carry)
is written once and its text reused. Anything it does not know (a key that is not a string, an
unknown type, a float that JSON cannot hold) is handed to the standard library, which writes it
or raises as it always does.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, Final

__all__ = ["SharedList", "dumps"]

_INDENT: Final = "  "
_FLOAT: Final = float.__repr__
_INT: Final = int.__repr__
_CONSTANTS: Final = {True: "true", False: "false", None: "null"}
_NOT_FINITE: Final = (float("inf"), float("-inf"))


class SharedList(list[Any]):
    """A list that many places of a document hold: written once per depth, then copied."""

    __slots__ = ()


class _UnknownError(Exception):
    """Something only the standard library knows how to write (or refuse)."""


def dumps(data: Any) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)``, the same text."""
    try:
        return _Writer().text(data)
    except _UnknownError:
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


class _Writer:
    __slots__ = ("_add", "_keys", "_parts", "_shared")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._add = self._parts.append
        self._shared: dict[tuple[int, int], str] = {}
        # the text before each value of a mapping, by key, depth and whether it comes first:
        # a report's thousands of points have the same few keys
        self._keys: dict[tuple[str, int, bool], str] = {}

    def text(self, data: Any) -> str:
        self._value(data, 0)
        return "".join(self._parts)

    def _value(self, value: Any, level: int) -> None:
        kind = type(value)
        if kind is str:
            self._add(encode_basestring(value))
        elif kind is dict:
            self._dict(value, level)
        elif kind is list or kind is tuple:
            self._list(value, level)
        elif kind is SharedList:
            self._shared_list(value, level)
        else:
            self._add(_scalar(value))

    def _dict(self, mapping: dict[Any, Any], level: int) -> None:
        if not mapping:
            self._add("{}")
            return
        add, keys = self._add, self._keys
        first = True
        for key, value in mapping.items():
            before = keys.get((key, level, first))
            if before is None:
                if type(key) is not str:
                    raise _UnknownError
                inner = "\n" + _INDENT * (level + 1)
                before = ("{" if first else ",") + inner + encode_basestring(key) + ": "
                keys[key, level, first] = before
            add(before)
            first = False
            kind = type(value)
            if kind is str:  # the common case, inline
                add(encode_basestring(value))
            elif kind is dict:
                self._dict(value, level + 1)
            elif kind is list or kind is tuple:
                self._list(value, level + 1)
            elif kind is SharedList:
                self._shared_list(value, level + 1)
            else:
                add(_scalar(value))
        add("\n" + _INDENT * level + "}")

    def _list(self, items: list[Any] | tuple[Any, ...], level: int) -> None:
        if not items:
            self._add("[]")
            return
        add, inner = self._add, "\n" + _INDENT * (level + 1)
        opening = "[" + inner
        for value in items:
            add(opening)
            opening = "," + inner
            self._value(value, level + 1)
        add("\n" + _INDENT * level + "]")

    def _shared_list(self, items: SharedList, level: int) -> None:
        key = (id(items), level)  # the list lives as long as the document: its id is its own
        found = self._shared.get(key)
        if found is None:
            start = len(self._parts)
            self._list(items, level)
            found = self._shared[key] = "".join(self._parts[start:])
            del self._parts[start:]
        self._add(found)


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is float:
        if value != value or value in _NOT_FINITE:  # noqa: PLR0124 - NaN is not itself
            raise _UnknownError
        return _FLOAT(value)
    if kind is int:
        return _INT(value)
    if kind is bool or value is None:
        return _CONSTANTS[value]
    raise _UnknownError
