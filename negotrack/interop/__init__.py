"""Data in and out of other tools: long tables (CSV, JSON, .xlsx) out and in, pandas, plots.

May use every layer but the command line. pandas, openpyxl and matplotlib are optional extras
(``negotrack[pandas]``, ``negotrack[xlsx]``, ``negotrack[plot]``), imported only when used.
"""

from __future__ import annotations

from negotrack.interop._export import column_types, export_rows, to_csv, to_json
from negotrack.interop._frame import to_frame
from negotrack.interop._plot import plot_issue
from negotrack.interop._tables_in import ImportResult, import_tables

__all__ = [
    "ImportResult",
    "column_types",
    "export_rows",
    "import_tables",
    "plot_issue",
    "to_csv",
    "to_frame",
    "to_json",
]
