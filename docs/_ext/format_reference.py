"""The generated parts of the format reference, written into docs/format.md as plain Markdown.

docs/format.md must read correctly raw, on a code host, as well as built by Sphinx, so nothing
in it is filled in only by a docs build. What is made from the code is written into the page
between marker comments, which neither a code host nor MyST shows:

- ``<!-- fields: negotrack.Party -->`` ... ``<!-- end fields -->``: a table of the class's keys,
  one row per field (the YAML key, its type in plain words with the bounds of a number, whether
  it is required or what it defaults to, and the description kept in the field's metadata);
- ``<!-- value: max_depth -->`` ... ``<!-- end value -->``, inside a sentence: one of the
  loader's limits or its id pattern, as the code has it (`VALUES`).

`render` makes them afresh; `docs._ext.generate` writes them into the page.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import re
import types
import typing
from typing import TYPE_CHECKING, Any, Final, Literal, get_args, get_origin

import attrs

from negotrack.files._check_context import ID_PATTERN
from negotrack.files._scalars import LARGEST_NUMBER
from negotrack.files._yaml import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES
from negotrack.model import PartialDate

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "VALUES",
    "bounds_words",
    "default_words",
    "fields_table",
    "label_for",
    "render",
    "section_anchors",
    "type_words",
]

#: The values written literally into the page's sentences, by marker name.
VALUES: Final[Mapping[str, str]] = {
    "id_pattern": f"`{ID_PATTERN.pattern}`",
    "max_file_bytes": f"{MAX_FILE_BYTES:,}",
    "max_file_mib": str(MAX_FILE_BYTES // 2**20),
    "max_depth": str(MAX_DEPTH),
    "max_values": f"{MAX_VALUES:,}",
    "largest_number": f"{LARGEST_NUMBER:g}",
}

#: Text shown for a plain Python type.
_SCALAR_WORDS: Final[Mapping[Any, str]] = {
    str: "string",
    float: "number",
    int: "whole number",
    bool: "true or false",
    dt.date: "date (YYYY-MM-DD)",
    dt.time: "time of day (HH:MM)",
}

#: Classes that may also be written as a single string, and what that string is.
_ALSO_A_STRING: Final[Mapping[str, str]] = {"Membership": "party id"}

#: A piece of a type description: text, or a link to another class's table, as
#: ``(class name, text)``.
_Part = str | tuple[str, str]

_FIELDS: Final = re.compile(
    r"(?P<open><!-- fields: (?P<name>[\w.]+) -->\n).*?(?P<close><!-- end fields -->)", re.DOTALL
)
_VALUE: Final = re.compile(
    r"(?P<open><!-- value: (?P<name>\w+) -->).*?(?P<close><!-- end value -->)", re.DOTALL
)
_LABEL: Final = re.compile(r"^\(format-(?P<label>[\w-]+)\)=\n#+ (?P<heading>.+)$", re.MULTILINE)


def label_for(cls: type[Any]) -> str:
    """Return the label of the format-reference section that documents ``cls``."""
    return f"format-{cls.__name__.lower()}"


def _slug(heading: str) -> str:
    """The anchor a heading gets on a code host and from MyST: lowercase, dashes, no marks."""
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def section_anchors(page: str) -> dict[str, str]:
    """Map each ``format-<name>`` label in the page to the anchor of the heading under it."""
    return {m["label"]: _slug(m["heading"]) for m in _LABEL.finditer(page)}


def _import(dotted: str) -> type[Any]:
    module_name, _, name = dotted.rpartition(".")
    if not module_name:
        raise ValueError(f"expected a dotted name such as negotrack.Position, got {dotted!r}")
    cls = getattr(importlib.import_module(module_name), name)
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise TypeError(f"{dotted} is not an attrs class")
    return cls


def _without_none(tp: Any) -> Any:
    """``X`` from ``X | None``."""
    if get_origin(tp) in (typing.Union, types.UnionType):
        args = get_args(tp)
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) < len(args):
            if len(rest) == 1:
                return rest[0]
            return typing.Union[rest]  # noqa: UP007 - built from a tuple at run time
    return tp


def _class_words(cls: type[Any], *, many: bool) -> list[_Part]:
    noun = "mappings" if many else "mapping"
    if cls.__name__ in _ALSO_A_STRING:
        string = _ALSO_A_STRING[cls.__name__]
        lead = f"list of {string}s or {noun} " if many else f"{string} or {noun} "
    else:
        lead = f"list of {noun} " if many else f"{noun} "
    return [lead + "(", (cls.__name__, cls.__name__), ")"]


def type_words(tp: Any) -> list[_Part]:  # noqa: PLR0911 - one case per kind of type
    """Describe a field type for an analyst: ``list of mappings (Condition)``, ``number``."""
    tp = _without_none(tp)
    if tp in _SCALAR_WORDS:
        return [_SCALAR_WORDS[tp]]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return ["one of: " + ", ".join(str(member.value) for member in tp)]
    if isinstance(tp, type) and attrs.has(tp):
        return _class_words(tp, many=False)
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        return [" or ".join(f"'{a}'" for a in args)]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = args[0]
        if isinstance(item, type) and attrs.has(item):
            return _class_words(item, many=True)
        return ["list of " + _plural(type_words(item))]
    if origin in (typing.Union, types.UnionType):
        if set(args) == {str, float}:
            return ["option id or number"]
        if set(args) == {dt.date, PartialDate}:
            return ["date (YYYY-MM-DD, or YYYY-MM, or YYYY)"]
        classes = [a for a in args if isinstance(a, type) and attrs.has(a)]
        if len(classes) == len(args):
            return _one_of_classes(classes)
        parts: list[_Part] = []
        for index, arg in enumerate(args):
            if index:
                parts.append(", or " if index == len(args) - 1 else ", ")
            parts.extend(type_words(arg))
        return parts
    raise TypeError(f"no plain words for the type {tp!r}")


def _plural(parts: list[_Part]) -> str:
    if len(parts) != 1 or not isinstance(parts[0], str):
        raise TypeError(f"no plain words for a list of {parts!r}")
    text = parts[0]
    return text + "s" if text == "string" else text


def _one_of_classes(classes: list[type[Any]]) -> list[_Part]:
    parts: list[_Part] = ["mapping, one of "]
    for index, cls in enumerate(classes):
        if index:
            parts.append(" or " if index == len(classes) - 1 else ", ")
        parts.append((cls.__name__, cls.__name__))
    return parts


def bounds_words(field: attrs.Attribute[Any]) -> str:
    """Say what range a number must lie in, from the field's ``minimum`` and ``maximum``."""
    low, high = field.metadata.get("minimum"), field.metadata.get("maximum")
    if low is not None and high is not None:
        return f", from {low:g} to {high:g}"
    if low is not None:
        return f", at least {low:g}"
    if high is not None:
        return f", at most {high:g}"
    return ""


def default_words(field: attrs.Attribute[Any], tp: Any) -> str:
    """Say whether a field is required, or what it is when left out."""
    if get_origin(tp) is Literal or field.default is attrs.NOTHING:
        return "required"
    default = field.default
    if default is None or default == ():
        return "optional"
    if isinstance(default, enum.Enum):
        return f"default: {default.value}"
    if isinstance(default, bool):
        return f"default: {'true' if default else 'false'}"
    return f"default: {default}"


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell: no pipe ends the cell, no newline the row."""
    return " ".join(text.split()).replace("|", "\\|")


def fields_table(dotted: str, link: Callable[[str], str]) -> str:
    """The Markdown table of a class's keys; ``link`` gives the anchor of a class's section.

    Raises:
        ValueError: If a field has no description in its metadata, or its type has no words.
    """
    cls = _import(dotted)
    hints = typing.get_type_hints(cls)
    rows = ["| Key | Type | Required or default | Meaning |", "| --- | --- | --- | --- |"]
    for field in attrs.fields(cls):
        description = field.metadata.get("description")
        if not description:
            raise ValueError(f"{dotted}.{field.name} has no description in its metadata")
        try:
            parts = type_words(hints[field.name])
        except TypeError as exc:
            raise ValueError(f"{dotted}.{field.name}: {exc}") from exc
        words = "".join(p if isinstance(p, str) else f"[{p[1]}](#{link(p[0])})" for p in parts)
        cells = (
            f"`{field.name}`",
            words + bounds_words(field),
            default_words(field, hints[field.name]),
            description,
        )
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n" + "\n".join(rows) + "\n\n"  # blank lines: the markers stay out of the table


def render(page: str) -> str:
    """The page with every generated part made afresh from the code.

    Raises:
        ValueError: If a marker names an unknown value or a class with no section in the page.
    """
    anchors = section_anchors(page)

    def link(name: str) -> str:
        if name.lower() not in anchors:
            raise ValueError(f"no section labelled (format-{name.lower()})= for {name}")
        return anchors[name.lower()]

    def fields(match: re.Match[str]) -> str:
        return match["open"] + fields_table(match["name"], link) + match["close"]

    def value(match: re.Match[str]) -> str:
        if match.start() == 0 or match.string[match.start() - 1] == "\n":
            # a line that starts with a comment is an HTML block: the sentence would break
            raise ValueError(f"the marker of {match['name']!r} starts a line; move it inside one")
        if match["name"] not in VALUES:
            raise ValueError(f"unknown value {match['name']!r}; known: {', '.join(VALUES)}")
        return match["open"] + VALUES[match["name"]] + match["close"]

    return _VALUE.sub(value, _FIELDS.sub(fields, page))
