"""The dossier as long tables, for spreadsheets, pandas and DuckDB: rows, CSV and JSON.

Six tables (`negotrack.interop._tables`): ``positions`` (one row per round, party and issue
for every position in force, and every withdrawal), ``stances``, ``statements``,
``proposals``, ``terms`` and ``measures``. docs/tables.md lists every column. A value is a
``str``, ``int``, ``float``, ``bool``, `datetime.date` or None (nothing to say). Lists of ids
are joined by ``;`` in one cell; red lines, conditions and alternatives are JSON arrays in one
cell, with every field (`negotrack.interop._cells`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any, Final

from negotrack.interop._cells import SQL_TYPES, csv_cell
from negotrack.interop._tables import table as get_table

if TYPE_CHECKING:
    from negotrack.model._negotiation import Negotiation

__all__ = ["COLUMNS", "column_types", "export_rows", "to_csv", "to_json"]

#: The columns of the positions table, in order.
COLUMNS: Final = get_table("positions").names


def export_rows(negotiation: Negotiation, table: str = "positions") -> list[dict[str, Any]]:
    """The rows of one table, each a mapping from column name to value, keys in column order.

    Args:
        negotiation: The dossier.
        table: ``positions`` (the default), ``stances``, ``statements``, ``proposals``,
            ``terms`` or ``measures``.

    Raises:
        UnknownIdError: If there is no table of that name.
    """
    return get_table(table).rows(negotiation)


def to_csv(negotiation: Negotiation, table: str = "positions") -> str:
    r"""`export_rows` as CSV text: a header of the column names, then one line per row.

    None is an empty cell, truth values ``true`` and ``false``, dates ``YYYY-MM-DD``, numbers
    as Python writes them. Free text that a spreadsheet would run as a formula (starting with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, which an
    import takes off again. As RFC 4180 has it, lines end in ``\r\n`` and a cell is quoted
    when it holds a comma, a quote or a line break, so text with line breaks reads back whole;
    write it to a file opened with ``newline=""``.

    Raises:
        UnknownIdError: If there is no table of that name.
    """
    spec = get_table(table)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(spec.names)
    columns = spec.columns
    for row in spec.rows(negotiation):
        writer.writerow([csv_cell(row[name], kind) for name, kind in columns])
    return buffer.getvalue()


def to_json(negotiation: Negotiation, table: str = "positions") -> str:
    """`export_rows` as a JSON array of objects (keys in column order), ending in a newline.

    Dates are ``YYYY-MM-DD`` strings; text is as the dossier has it. ``pandas.read_json(text)``
    reads it back as a table.

    Raises:
        UnknownIdError: If there is no table of that name.
    """
    rows = export_rows(negotiation, table)
    return json.dumps(rows, indent=2, ensure_ascii=False, default=_iso) + "\n"


def column_types(table: str = "positions") -> dict[str, str]:
    """The SQL type of each column of a table, in order, for DuckDB's CSV reader.

    Give it as ``duckdb.read_csv(path, dtype=column_types("positions"))`` in Python (or
    ``types=`` in SQL's ``read_csv``), so that DuckDB's sniffer guesses no column's type.

    ``VARCHAR`` for ids, lists of ids, text and JSON cells (so an id such as ``2024-03-01`` or
    ``012`` stays the text it is), ``DOUBLE``, ``BIGINT``, ``BOOLEAN`` and ``DATE`` for the
    rest.

    Raises:
        UnknownIdError: If there is no table of that name.
    """
    return {name: SQL_TYPES[kind] for name, kind in get_table(table).columns}


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")  # pragma: no cover
