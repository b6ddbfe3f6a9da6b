"""A Sphinx directive that renders the fields of a negotrack model class as a table.

Usage in a MyST page::

    ```{negotrack-fields} negotrack.Position
    ```

The table has one row per field: the YAML key, its type in plain words (with the bounds of a
number, when the field's metadata gives ``minimum`` or ``maximum``), whether it is required (or
what it defaults to), and the description kept in the field's metadata. The format
reference is made from the model this way, so it cannot drift from it. A field without a
description is reported as a warning, which fails a build run with ``-W``.

Each class's section in the reference is expected to carry the label ``format-<classname>``
(lowercase), which the tables use to link one class to another.

The extension also appends each field's description to the class docstrings that autodoc
renders, and trims the blank line that ends each ``pycon`` example block.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import types
import typing
from typing import Any, ClassVar, Literal, get_args, get_origin

import attrs
from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from negotrack.model import PartialDate

__all__ = [
    "FieldsDirective",
    "add_field_descriptions",
    "bounds_words",
    "default_words",
    "label_for",
    "setup",
    "trim_doctest_blocks",
    "type_words",
]

_logger = logging.getLogger(__name__)

#: Text shown for a plain Python type.
_SCALAR_WORDS: dict[Any, str] = {
    str: "string",
    float: "number",
    int: "whole number",
    bool: "true or false",
    dt.date: "date (YYYY-MM-DD)",
    dt.time: "time of day (HH:MM)",
}

#: Classes that may also be written as a single string, and what that string is.
_ALSO_A_STRING: dict[str, str] = {"Membership": "party id"}

#: A piece of a type description: text, or a link to another class's table.
_Part = str | tuple[str, str]


#: The package whose classes are written in dossier files (the others are Python-only results),
#: and its one module that holds none (the error family).
_FILE_PACKAGE = "negotrack.model."
_NOT_IN_FILES = "negotrack.model._errors"


def label_for(cls: type[Any]) -> str:
    """Return the label of the format-reference section that documents ``cls``."""
    return f"format-{cls.__name__.lower()}"


def _import(dotted: str) -> type[Any]:
    module_name, _, name = dotted.rpartition(".")
    if not module_name:
        raise ValueError(f"expected a dotted name such as negotrack.Position, got {dotted!r}")
    cls = getattr(importlib.import_module(module_name), name)
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise TypeError(f"{dotted} is not an attrs class")
    return cls


def _without_none(tp: Any) -> tuple[Any, bool]:
    """Split ``X | None`` into ``X`` and whether None was allowed."""
    if get_origin(tp) in (typing.Union, types.UnionType):
        args = get_args(tp)
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) < len(args):
            if len(rest) == 1:
                return rest[0], True
            return typing.Union[rest], True  # noqa: UP007 - built from a tuple at run time
    return tp, False


def _enum_words(cls: type[enum.Enum]) -> list[_Part]:
    return ["one of: " + ", ".join(str(member.value) for member in cls)]


def _class_words(cls: type[Any], *, many: bool) -> list[_Part]:
    noun = "mappings" if many else "mapping"
    if cls.__name__ in _ALSO_A_STRING:
        string = _ALSO_A_STRING[cls.__name__]
        lead = f"list of {string}s or {noun} " if many else f"{string} or {noun} "
    else:
        lead = f"list of {noun} " if many else f"{noun} "
    return [lead + "(", (label_for(cls), cls.__name__), ")"]


def type_words(tp: Any) -> list[_Part]:  # noqa: PLR0911 - one case per kind of type
    """Describe a field type for an analyst: ``list of mappings (Condition)``, ``number``."""
    tp, _ = _without_none(tp)
    if tp in _SCALAR_WORDS:
        return [_SCALAR_WORDS[tp]]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_words(tp)
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
        parts.append((label_for(cls), cls.__name__))
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


class FieldsDirective(SphinxDirective):
    """``negotrack-fields``: a table of one attrs class's fields, made from the model."""

    required_arguments = 1
    optional_arguments = 0
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        """Import the class named in the argument and return its fields table."""
        dotted = self.arguments[0]
        try:
            cls = _import(dotted)
            hints = typing.get_type_hints(cls)
        except (ImportError, AttributeError, NameError, TypeError, ValueError) as exc:
            raise self.error(f"negotrack-fields: cannot document {dotted!r}: {exc}") from exc
        rows: list[list[list[nodes.Node]]] = []
        for field in attrs.fields(cls):
            description = field.metadata.get("description")
            if not description:
                _logger.warning(
                    "negotrack-fields: %s.%s has no description in its metadata",
                    dotted,
                    field.name,
                    location=self.get_location(),
                )
                description = ""
            try:
                words = type_words(hints[field.name])
            except TypeError as exc:
                raise self.error(f"negotrack-fields: {dotted}.{field.name}: {exc}") from exc
            if bounds := bounds_words(field):
                words = [*words, bounds]
            rows.append(
                [
                    [nodes.literal(text=field.name)],
                    self._parts(words),
                    [nodes.Text(default_words(field, hints[field.name]))],
                    [nodes.Text(description)],
                ]
            )
        self.env.note_dependency(self._source_of(cls))
        return [self._table(cls, rows)]

    def _source_of(self, cls: type[Any]) -> str:
        module = importlib.import_module(cls.__module__)
        return str(getattr(module, "__file__", "") or "")

    def _parts(self, parts: list[_Part]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for part in parts:
            if isinstance(part, str):
                out.append(nodes.Text(part))
                continue
            label, text = part
            ref = addnodes.pending_xref(
                "",
                refdomain="std",
                reftype="ref",
                reftarget=label,
                refexplicit=True,
                refwarn=True,
                refdoc=self.env.docname,
            )
            ref += nodes.inline(text=text)
            out.append(ref)
        return out

    def _table(self, cls: type[Any], rows: list[list[list[nodes.Node]]]) -> nodes.table:
        table = nodes.table(classes=["negotrack-fields"])
        table += nodes.title(text=f"Keys of {cls.__name__}")
        group = nodes.tgroup(cols=4)
        table += group
        for width in (16, 24, 14, 46):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += self._row(
            [[nodes.Text(t)] for t in ("Key", "Type", "Required or default", "Meaning")]
        )
        body = nodes.tbody()
        group += body
        for cells in rows:
            body += self._row(cells)
        return table

    @staticmethod
    def _row(cells: list[list[nodes.Node]]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            paragraph = nodes.paragraph()
            paragraph.extend(content)
            entry += paragraph
            row += entry
        return row


def add_field_descriptions(  # noqa: PLR0917 - the signature Sphinx calls the hook with
    app: Any, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Append each field's description to an attrs class's docstring, for autodoc.

    The descriptions are written as ``:ivar:`` fields, the form napoleon gives an
    ``Attributes:`` section, followed by a link to the class's table in the format reference.
    """
    del app, name, options
    if what not in ("class", "exception") or not (isinstance(obj, type) and attrs.has(obj)):
        return
    described = [f for f in attrs.fields(obj) if f.metadata.get("description")]
    if not described:
        return
    lines.append("")
    lines.extend(f":ivar {f.name}: {f.metadata['description']}" for f in described)
    if obj.__module__.startswith(_FILE_PACKAGE) and obj.__module__ != _NOT_IN_FILES:
        lines.append("")
        lines.append(f"The YAML keys are listed in :ref:`{label_for(obj)}`.")


def trim_doctest_blocks(app: Any, doctree: nodes.document) -> None:
    """Drop the blank line that ends each ``pycon`` block.

    doctest needs a blank line to see where the last example's output ends, before the closing
    fence; readers do not need to see it.
    """
    del app
    for block in doctree.findall(nodes.literal_block):
        text = block.astext()
        if block.get("language") == "pycon" and text != text.rstrip("\n"):
            block.children = [nodes.Text(text.rstrip("\n"))]
            block.rawsource = text.rstrip("\n")


def setup(app: Any) -> dict[str, Any]:
    """Register the ``negotrack-fields`` directive and the two event handlers."""
    app.add_directive("negotrack-fields", FieldsDirective)
    app.connect("autodoc-process-docstring", add_field_descriptions)
    app.connect("doctree-read", trim_doctest_blocks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
