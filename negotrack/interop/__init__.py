"""Data in and out of other tools: long-format export, pandas data frames, matplotlib plots.

May use every layer but the command line. pandas and matplotlib are optional extras
(``negotrack[pandas]``, ``negotrack[plot]``), imported only when used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from negotrack.interop._export import export_rows, to_csv, to_json
    from negotrack.interop._frame import to_frame
    from negotrack.interop._plot import plot_issue

# imported on first use: plotting should not load the exporters, nor exporting the plot
_EXPORTS = {
    "export_rows": "negotrack.interop._export",
    "to_csv": "negotrack.interop._export",
    "to_json": "negotrack.interop._export",
    "to_frame": "negotrack.interop._frame",
    "plot_issue": "negotrack.interop._plot",
}

__all__ = [
    "export_rows",
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
