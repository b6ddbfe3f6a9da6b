"""Cells of the exported tables: kinds of column, and text made safe from spreadsheet formulas.

Every column has a kind (`Kind`) that says how its cells are written and read: ids as they are,
numbers as Python writes them, truth values as ``true`` and ``false``, dates as ``YYYY-MM-DD``,
and free text guarded against formula injection as OWASP advises: a text cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe (`guard`), so a
spreadsheet shows it as text instead of running it. So that a reader can tell the apostrophe
negotrack added from one the text began with, text that already starts with apostrophes before
one of those characters gets one more; `unguard` takes exactly one away from such a cell, and
leaves every other cell alone, so ``unguard(guard(s)) == s`` for every text. Empty text, which
is not the same as no text, is a lone apostrophe (and apostrophes alone get one more). Ids
never start with those characters, and numbers are never guarded: ``-5`` stays a number.

Red lines and conditions keep every field as a JSON array of objects in one cell, with the keys
of the YAML files (`json_cell`), so that an import reads them back exactly.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from typing import TYPE_CHECKING, Any, Final

from negotrack.files._convert import converter

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "EMPTY_SET",
    "ID_SEPARATOR",
    "SQL_TYPES",
    "Kind",
    "csv_cell",
    "guard",
    "ids_cell",
    "json_cell",
    "unguard",
    "xml_escape",
    "xml_unescape",
]

#: Joins lists of ids (acceptable options, evidence, linked issues) into one cell.
ID_SEPARATOR: Final = ";"

#: The cell of an acceptable set that accepts no option at all (``acceptable: []``).
EMPTY_SET: Final = "[]"

#: What a text cell may not start with, unguarded: OWASP's list for CSV injection.
_TRIGGERS: Final = re.compile(r"'*(?:[=+\-@\t\r]|\Z)")
_GUARDED: Final = re.compile(r"'+(?:[=+\-@\t\r]|\Z)")


class Kind(enum.Enum):
    """What a column holds, which says how its cells are written, typed and read back."""

    ID = "id"  #: one id: never guarded, never a number or a date
    IDS = "ids"  #: ids joined by ``;``
    TEXT = "text"  #: free text, guarded against formulas
    VALUE = "value"  #: an option id or a number (``preferred``, a term's value)
    NUMBER = "number"  #: a number, or empty
    INTEGER = "integer"  #: a whole number, or empty
    BOOLEAN = "boolean"  #: ``true`` or ``false``
    DATE = "date"  #: a day, ``YYYY-MM-DD``
    JSON = "json"  #: a JSON array of objects with the YAML keys


#: The DuckDB (SQL) type of each kind of column.
SQL_TYPES: Final = {
    Kind.ID: "VARCHAR",
    Kind.IDS: "VARCHAR",
    Kind.TEXT: "VARCHAR",
    Kind.VALUE: "VARCHAR",
    Kind.NUMBER: "DOUBLE",
    Kind.INTEGER: "BIGINT",
    Kind.BOOLEAN: "BOOLEAN",
    Kind.DATE: "DATE",
    Kind.JSON: "VARCHAR",
}


def guard(text: str) -> str:
    """Text as a cell no spreadsheet runs as a formula: an apostrophe before a risky start."""
    return "'" + text if _TRIGGERS.match(text) else text


def unguard(cell: str) -> str:
    """The text a `guard` ed cell holds: one leading apostrophe fewer, if `guard` added one."""
    return cell[1:] if _GUARDED.match(cell) else cell


#: Characters an .xlsx file cannot hold (XML 1.0 has no place for them, and reads a carriage
#: return as a line feed), and the escape ``_xHHHH_`` the format itself uses for them, which
#: Excel reads back as the character.
_NOT_IN_XML: Final = re.compile("[\x00-\x08\x0b-\x0d\x0e-\x1f\ufffe\uffff]")
_ESCAPE: Final = re.compile(r"_x[0-9A-Fa-f]{4}_")
_ESCAPE_LIKE: Final = re.compile(r"_(?=x[0-9A-Fa-f]{4})")


def xml_escape(text: str) -> str:
    """Text an .xlsx cell can hold: control characters as ``_xHHHH_``, as the format escapes them.

    An underscore of the text that an ``xHHHH`` follows is escaped itself (``_x005F_``), so that
    nothing the text holds can read as an escape, and `xml_unescape` gives back exactly the text.
    """
    text = _ESCAPE_LIKE.sub("_x005F_", text)
    return _NOT_IN_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def xml_unescape(text: str) -> str:
    """The text an `xml_escape` d cell holds."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(0)[2:6], 16)), text) if "_x" in text else text


def csv_cell(value: Any, kind: Kind) -> str:
    """A row value as a CSV cell: empty for None, ``true``/``false``, text guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind is Kind.TEXT:
        return guard(str(value))
    return str(value)


def ids_cell(ids: Sequence[str]) -> str | None:
    """Ids joined by ``;``; None when there are none."""
    return ID_SEPARATOR.join(ids) if ids else None


def json_cell(items: Sequence[Any]) -> str | None:
    """Red lines or conditions as one JSON array, each with the keys a YAML file gives it.

    Keys at their default are left out; None when there are none.
    """
    if not items:
        return None
    return json.dumps([converter.unstructure(item) for item in items], ensure_ascii=False)
