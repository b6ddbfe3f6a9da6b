"""Reading tables to import: CSV files and the sheets of a workbook, row by row, cell by cell.

A `Sheet` streams its rows: a CSV file is read a record at a time, a workbook sheet through
openpyxl's read-only mode, so a large file is never held whole. `decode` turns each cell into
the text a YAML file would hold (or None for an empty cell), as the column's kind wants, or
raises `CellError` saying what is wrong with it: a formula, an error value, a date where an id
belongs, a spreadsheet's day number where a date belongs.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.interop._cells import Kind, unguard, xml_unescape
from negotrack.model._errors import Problem

if TYPE_CHECKING:
    import os

__all__ = ["CellError", "Place", "Sheet", "csv_sheet", "decode", "workbook_sheets"]

#: How long one CSV cell may be: a guard against a file that is one endless cell.
_FIELD_LIMIT: Final = 1 << 20

_SERIAL: Final = re.compile(r"[0-9]{1,7}(?:\.[0-9]+)?")
_EXCEL_EPOCH: Final = dt.date(1899, 12, 30)


class CellError(Exception):
    """A cell that cannot be read; the message says why, and what to do."""


@attrs.frozen
class Place:
    """Where a cell is: file, sheet (None in a CSV file), row, physical line, column."""

    file: str
    sheet: str | None
    row: int
    line: int
    column: int | None = None
    name: str | None = None

    def at(self, column: int | None, name: str | None) -> Place:
        """The same row, at another column."""
        return attrs.evolve(self, column=column, name=name)

    def problem(self, message: str) -> Problem:
        """A problem at this place: ``file:line:col: row R, column NAME: message``."""
        where = f"row {self.row}"
        if self.sheet is not None:
            cell = f"{_letters(self.column)}{self.row}" if self.column else f"row {self.row}"
            where = f"sheet {self.sheet!r}, {cell}"
        if self.name is not None:
            where += f", column {self.name}"
        column = self.column or None
        return Problem(self.file, self.line, column, where, message)


def _letters(column: int | None) -> str:
    """A column number as a spreadsheet names it: 1 is A, 27 is AA."""
    letters, n = "", column or 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@attrs.define
class Sheet:
    """One table to read: where it comes from, and its rows as ``(row, line, cells)``."""

    file: str
    name: str | None
    rows: Iterator[tuple[int, int, list[Any]]]
    typed: bool
    merged: tuple[str, ...] = ()

    def place(self, row: int, line: int) -> Place:
        """A row of this sheet."""
        return Place(self.file, self.name, row, line)


def csv_sheet(path: str | os.PathLike[str]) -> Sheet:
    """A CSV file (UTF-8, a byte order mark allowed) as a sheet; it is read as rows are taken."""
    return Sheet(str(path), None, _csv_rows(Path(path)), typed=False)


def _csv_rows(path: Path) -> Iterator[tuple[int, int, list[Any]]]:
    csv.field_size_limit(_FIELD_LIMIT)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        row = 0
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise CellError(
                    f"line {reader.line_num}: not CSV that can be read: {exc}"
                ) from None
            except UnicodeDecodeError as exc:
                raise CellError(
                    f"line {reader.line_num + 1}: not UTF-8 ({exc.reason}); save the file as UTF-8"
                ) from None
            row += 1
            yield row, line, cells


def workbook_sheets(path: str | os.PathLike[str]) -> Iterator[Sheet]:
    """Every sheet of an .xlsx workbook, each streaming its rows; the file is closed after.

    Take each sheet's rows before the next sheet: the workbook is read as it goes.

    Raises:
        MissingExtraError: If openpyxl is not installed.
        ValueError: If the file is no workbook.
    """
    from negotrack.interop._xlsx import merged_ranges, open_workbook, sheet_rows  # noqa: PLC0415

    workbook = open_workbook(path)
    try:
        for sheet in workbook.worksheets:
            merged = tuple(merged_ranges(sheet))
            cells = sheet_rows(sheet)
            rows = ((number, number, row) for number, row in cells)
            try:
                yield Sheet(str(path), sheet.title, rows, typed=True, merged=merged)
            finally:
                cells.close()
    finally:
        workbook.close()


def decode(value: Any, data_type: str | None, kind: Kind) -> str | None:
    """A cell as the text a YAML file would give (None when empty), or `CellError`.

    ``data_type`` is openpyxl's type letter for a workbook cell, None for a CSV cell.
    """
    if value is None or value == "":
        return None
    if data_type is None or data_type == "s":
        text = str(value)
        if data_type is None and text.startswith("="):
            raise CellError(
                f"a formula ({_short(text)}): import reads values, not formulas; put in its "
                "value, or start the cell with ' to keep it as text"
            )
        if kind is Kind.DATE and _SERIAL.fullmatch(text):
            raise CellError(_serial(float(text)))
        if data_type == "s" and kind in (Kind.TEXT, Kind.JSON):
            text = xml_unescape(text)
        return unguard(text) if kind is Kind.TEXT else text
    if data_type == "f":
        raise CellError(
            f"a formula ({_short(str(value))}): import reads values, not formulas; copy the "
            "cells and paste them as values"
        )
    if data_type == "e":
        raise CellError(f"an error value ({value}) where a value belongs")
    return _typed(value, kind)


def _typed(value: Any, kind: Kind) -> str:
    """A workbook cell that is a number, a truth value or a date, as text."""
    if isinstance(value, bool):
        if kind is not Kind.BOOLEAN:
            raise CellError(
                f"a truth value ({value}) where {_what(kind)} belongs; format the cell as text"
            )
        return "true" if value else "false"
    if isinstance(value, int | float):
        if kind is Kind.DATE:
            raise CellError(_serial(float(value)))
        if kind is Kind.BOOLEAN:
            raise CellError(f"expected true or false, got the number {value!r}")
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        if kind is not Kind.DATE:
            raise CellError(
                f"a date ({day.isoformat()}) where {_what(kind)} belongs: the spreadsheet made a "
                "date of what was typed; format the column as text and type it again"
            )
        if isinstance(value, dt.datetime) and value.time() != dt.time():
            raise CellError(f"a date and time ({value.isoformat()}); give the day alone")
        return day.isoformat()
    raise CellError(f"a cell of an unexpected kind ({value!r}); format it as text")


def _what(kind: Kind) -> str:
    return {Kind.ID: "an id", Kind.IDS: "ids"}.get(kind, "text")


def _serial(number: float) -> str:
    message = f"a number ({number:g}) where a date belongs"
    if 1 <= number < 2958466:
        day = _EXCEL_EPOCH + dt.timedelta(days=int(number))
        message += (
            f"; spreadsheets count days, and day {int(number)} is {day.isoformat()}: "
            "format the column as a date or as text, YYYY-MM-DD"
        )
    return message


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")
