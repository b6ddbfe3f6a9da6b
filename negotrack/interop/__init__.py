"""Data in and out of other tools: long-format export, pandas data frames, matplotlib plots.

May use every layer but the command line. pandas and matplotlib are optional extras
(``negotrack[pandas]``, ``negotrack[plot]``), imported only when used.
"""

from __future__ import annotations

from negotrack.interop._export import export_rows, to_csv, to_json
from negotrack.interop._frame import to_frame
from negotrack.interop._plot import plot_issue

__all__ = [
    "export_rows",
    "plot_issue",
    "to_csv",
    "to_frame",
    "to_json",
]
