"""Data in and out of other tools: long tables (CSV, JSON, .xlsx) out and in, pandas, plots.

Other negotiation tools' files too: actor tables in and out, DEU-style wide tables in.

May use every layer but the command line. pandas, openpyxl and matplotlib are optional extras
(``negotrack[pandas]``, ``negotrack[xlsx]``, ``negotrack[plot]``), imported only when used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from negotrack.interop._actors import export_actor_table, import_actor_table
    from negotrack.interop._decide import export_decide, import_decide
    from negotrack.interop._deu import import_deu
    from negotrack.interop._export import column_types, export_rows, to_csv, to_json
    from negotrack.interop._frame import to_frame
    from negotrack.interop._plot import plot_issue
    from negotrack.interop._tables_in import ImportResult, import_tables

# imported on first use: plotting should not load the exporters, nor exporting the plot
_EXPORTS = {
    "ImportResult": "negotrack.interop._tables_in",
    "column_types": "negotrack.interop._export",
    "export_decide": "negotrack.interop._decide",
    "import_decide": "negotrack.interop._decide",
    "export_actor_table": "negotrack.interop._actors",
    "import_actor_table": "negotrack.interop._actors",
    "import_deu": "negotrack.interop._deu",
    "export_rows": "negotrack.interop._export",
    "import_tables": "negotrack.interop._tables_in",
    "to_csv": "negotrack.interop._export",
    "to_json": "negotrack.interop._export",
    "to_frame": "negotrack.interop._frame",
    "plot_issue": "negotrack.interop._plot",
}

__all__ = [
    "ImportResult",
    "column_types",
    "export_actor_table",
    "export_decide",
    "export_rows",
    "import_actor_table",
    "import_decide",
    "import_deu",
    "import_tables",
    "plot_issue",
    "to_csv",
    "to_frame",
    "to_json",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'negotrack.interop' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
