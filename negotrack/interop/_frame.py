"""The dossier's tables as pandas DataFrames: `negotrack.interop._export.export_rows`, typed.

pandas is an optional extra (``pip install 'negotrack[pandas]'``) and is imported only when
`to_frame` is called, so ``import negotrack`` and the command line stay fast without it. pandas
ships no type hints, so the frame is typed as ``Any`` here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from negotrack.interop._cells import Kind
from negotrack.interop._export import export_rows
from negotrack.interop._tables import table as get_table
from negotrack.model._errors import MissingExtraError

if TYPE_CHECKING:
    from negotrack.model._negotiation import Negotiation

__all__ = ["to_frame"]


def to_frame(negotiation: Negotiation, table: str = "positions") -> Any:
    """One table (by default the positions) as a ``pandas.DataFrame``, one row each.

    The columns are the table's, in order (docs/tables.md), typed by what they hold: dates
    ``datetime64``, truth values ``bool`` (``boolean``, with missing values, where a value can
    be missing), numbers ``float64`` and whole numbers ``Int64``, with NaN or NA where there is
    none; ids and text are Python strings or None (``preferred`` holds option ids and numbers
    alike).

    Raises:
        MissingExtraError: If pandas is not installed.
        UnknownIdError: If there is no table of that name.
    """
    try:
        pandas: Any = importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError("to_frame", "pandas", "pandas") from None
    spec = get_table(table)
    frame = pandas.DataFrame.from_records(export_rows(negotiation, table), columns=list(spec.names))
    for name, kind in spec.columns:
        column = frame[name]
        if kind is Kind.DATE:
            frame[name] = pandas.to_datetime(column)
        elif kind is Kind.BOOLEAN:
            frame[name] = column.astype("boolean" if column.isna().any() else bool)
        elif kind is Kind.NUMBER:
            frame[name] = pandas.to_numeric(column).astype("float64")
        elif kind is Kind.INTEGER:
            frame[name] = pandas.to_numeric(column).astype("Int64")
        else:
            frame[name] = column.astype(object).where(column.notna(), None)
    return frame
