"""Excel workbooks (.xlsx) in and out, through openpyxl (the ``xlsx`` extra).

openpyxl is the one library that both writes and reads the format, streams either way
(write-only and read-only modes keep one row in memory, not the sheet), and tells a formula
(and its text) from a value, which an import must refuse. It is imported only when a workbook
is read or written, so the rest of negotrack never needs it.

Cells are typed as the column's kind says: ids and text as text (so ``012`` and ``2024-03-01``
stay the ids they are), numbers as numbers, truth values as booleans, days as dates shown
``yyyy-mm-dd``. Text is guarded against formulas as in CSV (`negotrack.interop._cells.guard`),
so that a workbook saved again as CSV by a spreadsheet is still safe; a number that needs all
17 significant digits is written as text (openpyxl writes 16), so that it reads back exactly;
control characters, which the format cannot hold, are escaped as it escapes them
(``_x000B_``, `negotrack.interop._cells.xml_escape`).
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any, Final

from negotrack.interop._cells import Kind, guard, xml_escape
from negotrack.interop._tables import table as get_table
from negotrack.model._errors import MissingExtraError

if TYPE_CHECKING:
    import os
    from collections.abc import Generator, Sequence

    from negotrack.model._negotiation import Negotiation

__all__ = ["XlsxCell", "merged_ranges", "open_workbook", "sheet_rows", "to_xlsx"]

_MERGE_TAG: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"

#: A cell as read: its value (str, int, float, bool, datetime or None) and openpyxl's type
#: letter (``s`` text, ``n`` number, ``b`` boolean, ``d`` date, ``f`` formula, ``e`` error).
XlsxCell = tuple[Any, str]


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise MissingExtraError("reading and writing .xlsx", "xlsx", "openpyxl") from None


def to_xlsx(negotiation: Negotiation, tables: Sequence[str]) -> bytes:
    """A workbook with one sheet per table, named for it, as the bytes of an .xlsx file.

    Raises:
        MissingExtraError: If openpyxl is not installed.
        UnknownIdError: If a table name is unknown.
    """
    openpyxl = _openpyxl()
    cell_class = importlib.import_module("openpyxl.cell").WriteOnlyCell
    workbook = openpyxl.Workbook(write_only=True)
    for name in tables:
        spec = get_table(name)
        sheet = workbook.create_sheet(name)
        sheet.append(list(spec.names))
        for row in spec.rows(negotiation):
            sheet.append(
                [_cell(cell_class, sheet, row[column], kind) for column, kind in spec.columns]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(cell_class: Any, sheet: Any, value: Any, kind: Kind) -> Any:
    if value is None:
        return None
    if isinstance(value, dt.date):
        cell = cell_class(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if float(f"{value:.16g}") == value:
            return value
        value = repr(value)  # openpyxl writes 16 digits: the 17th would be lost
    text = guard(value) if kind is Kind.TEXT else str(value)
    if kind in (Kind.TEXT, Kind.JSON):
        text = xml_escape(text)
    cell = cell_class(sheet, value=text)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def open_workbook(path: str | os.PathLike[str]) -> Any:
    """Open a workbook to read, streaming, with formulas as formulas (not their last value).

    Raises:
        MissingExtraError: If openpyxl is not installed.
        ValueError: If the file is no workbook openpyxl can read.
    """
    openpyxl = _openpyxl()
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (KeyError, OSError, ValueError) as exc:
        raise ValueError(f"{path}: not an .xlsx workbook that can be read ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - zipfile.BadZipFile and openpyxl's own errors
        raise ValueError(f"{path}: not an .xlsx workbook that can be read ({exc})") from None


def sheet_rows(sheet: Any) -> Generator[tuple[int, list[XlsxCell]]]:
    """Each row of a sheet that has cells: its number (from 1) and its cells, streaming."""
    number = 0
    rows = sheet.iter_rows()
    try:
        for row in rows:
            number += 1
            # rows come one after another; a cell that knows its row keeps the count right
            known = next((cell.row for cell in row if getattr(cell, "row", None)), None)
            number = known if isinstance(known, int) else number
            cells = [(cell.value, cell.data_type) for cell in row]
            if cells:
                yield number, cells
    finally:
        rows.close()  # the sheet's part of the file, open while its rows are read


def merged_ranges(sheet: Any) -> list[str]:
    """The merged ranges of a read-only sheet (``A4:B4``), read from its XML, streaming.

    openpyxl's read-only sheets do not say which cells are merged; the ranges are listed after
    the cells, so the sheet's part is read once more for them alone.
    """
    found: list[str] = []
    get_source = getattr(sheet, "_get_source", None)
    if get_source is None:  # pragma: no cover - a sheet kind without an XML part
        return found
    with get_source() as source:
        for _, element in ET.iterparse(source):  # noqa: S314 - as openpyxl itself reads it
            if element.tag == _MERGE_TAG:
                found.append(str(element.get("ref", "")))
            element.clear()
    return found
