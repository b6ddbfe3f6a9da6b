"""Delimited tables of other tools: the rows of a CSV or tab-separated file, and their numbers.

Shared by the actor tables (`negotrack.interop._actors`) and the DEU-style wide tables
(`negotrack.interop._deu`). The file's text is broken into lines as
`negotrack.interop._foreign.split_lines` breaks it (CR LF, LF or a lone CR), and the lines are
read by Python's `csv` module with the delimiter the header line uses: a tab, a semicolon or a
comma, whichever it holds most of. Each row keeps its place: its number counted from the
header (row 1) and the line it starts on, so that a problem names both.
"""

from __future__ import annotations

import csv
import math
import re
from typing import TYPE_CHECKING, Final

import attrs

from negotrack.files._check_context import ID_PATTERN
from negotrack.interop._foreign import split_lines

if TYPE_CHECKING:
    from collections.abc import Iterable

    from negotrack.interop._foreign import Problems

__all__ = [
    "DELIMITERS",
    "MISSING",
    "Row",
    "Table",
    "in_file_order",
    "not_a_key",
    "number",
    "read_table",
    "salience_divisor",
]

#: The delimiters a table may use, by name, in the order a tie is broken.
DELIMITERS: Final = {"\t": "tab", ";": "semicolon", ",": "comma"}

#: Cells that say "no value" (compared case-blind, after stripping blanks): empty, ``NA`` and
#: ``N/A`` (R, spreadsheets), ``NaN`` (pandas), ``.`` (Stata's missing value).
MISSING: Final = frozenset({"", "na", "n/a", "nan", "."})

_NUMBER: Final = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DECIMAL_COMMA: Final = re.compile(r"[+-]?\d+,\d+")


@attrs.frozen
class Row:
    """One row of a table: its number (the header is row 1), the line it starts on, its cells.

    Each cell is stripped of blanks at its ends.
    """

    number: int
    line: int
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        """The cell at ``index`` (from 0); empty past the row's end."""
        return self.cells[index] if index < len(self.cells) else ""

    @property
    def blank(self) -> bool:
        """Whether every cell of the row is empty or blank."""
        return not any(self.cells)


@attrs.frozen
class Table:
    """The header and the rows of a delimited file, blank rows left out."""

    delimiter: str
    header: Row
    rows: tuple[Row, ...]


def read_table(text: str, problems: Problems) -> Table:
    """The rows of ``text``, the delimiter sniffed from its first line.

    A row the `csv` module cannot read (a stray quote) is a problem at its line, and left out.
    ``text`` is not empty: `negotrack.interop._foreign.read_text` refuses an empty file.
    """
    lines = split_lines(text)
    first = next((line for line in lines if line.strip()), "")
    delimiter = max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","
    reader = csv.reader((line + "\n" for line in lines), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    number = 0
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            problems.add(
                start, None, f"row {number}", f"not {DELIMITERS[delimiter]}-separated: {exc}"
            )
            continue
        number += 1
        row = Row(number, start, tuple(cell.strip() for cell in cells))
        if not row.blank:
            rows.append(row)
    if not rows:  # pragma: no cover - read_text refuses a blank file first
        return Table(delimiter, Row(1, 1, ()), ())
    return Table(delimiter, rows[0], tuple(rows[1:]))


def number(text: str) -> float:
    """The number a cell holds: digits with an optional sign, decimal point and exponent.

    Raises:
        ValueError: If the cell holds anything else, with what is wrong as its message
            (``nan`` and ``inf`` are no numbers; ``50,5`` needs a decimal point).
    """
    if text.isascii() and "_" not in text:  # what float() reads beyond the pattern
        try:
            value = float(text)
        except ValueError:
            pass
        else:
            if math.isfinite(value):
                return value
            if _NUMBER.fullmatch(text):
                raise ValueError(f"{text!r} is too large a number")
    if _DECIMAL_COMMA.fullmatch(text):
        raise ValueError(f"{text!r}: write the decimals after a point ({text.replace(',', '.')})")
    raise ValueError(f"{text!r} is not a number")


def salience_divisor(saliences: Iterable[float]) -> float:
    """100 when the table's saliences are on 0-100 (one of them is above 1), else 1."""
    return 100.0 if any(value > 1 for value in saliences) else 1.0


def not_a_key(cell: str) -> str | None:
    """Why ``cell`` cannot be a negotrack id (as a party's or an issue's), or None if it can be.

    A key is kept as the format wrote it, never changed silently; the message suggests one.
    """
    if ID_PATTERN.fullmatch(cell):
        return None
    fit = re.sub(r"[^A-Za-z0-9._-]+", "-", cell).strip("-._") or "k1"
    return (
        f"{cell!r} is no key negotrack can use: letters, digits, '.', '_' and '-', "
        f"a letter or digit first (such as {fit!r})"
    )


def in_file_order(problems: Problems) -> None:
    """Put the problems found in the order of their places in the file, row by row.

    A table is checked in passes (the header, each row, then what needs every row, such as
    the saliences' scale), but read as a file the problems go from top to bottom.
    """
    problems.found.sort(key=lambda p: (p.line or 0, p.column or 0))
