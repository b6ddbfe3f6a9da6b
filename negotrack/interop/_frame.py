"""The dossier as a pandas DataFrame: `negotrack.interop._export.export_rows` with proper dtypes.

pandas is an optional extra (``pip install 'negotrack[pandas]'``) and is imported only when
`to_frame` is called, so ``import negotrack`` and the command line stay fast without it. pandas
ships no type hints, so the frame is typed as ``Any`` here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from negotrack.interop._export import COLUMNS, export_rows
from negotrack.model._errors import MissingExtraError

if TYPE_CHECKING:
    from negotrack.model._negotiation import Negotiation

__all__ = ["to_frame"]

#: Columns that hold numbers (missing ones become NaN).
FLOAT_COLUMNS: Final = ("acceptable_min", "acceptable_max", "salience", "point", "normalised")


def to_frame(negotiation: Negotiation) -> Any:
    """Every position in force in every round as a ``pandas.DataFrame``, one row each.

    The columns are `negotrack.interop._export.COLUMNS`, in that order: ``round_date`` is a
    ``datetime64`` column, ``carried`` a ``bool`` one, the numbers (acceptable bounds, salience,
    point, normalised) ``float64`` with NaN where there is none; the rest hold text or None
    (``preferred`` holds option ids and numbers alike).

    Raises:
        MissingExtraError: If pandas is not installed.
    """
    try:
        pandas: Any = importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError("to_frame", "pandas", "pandas") from None
    frame = pandas.DataFrame.from_records(export_rows(negotiation), columns=list(COLUMNS))
    frame["round_date"] = pandas.to_datetime(frame["round_date"], format="%Y-%m-%d")
    frame["carried"] = frame["carried"].astype(bool)
    for column in FLOAT_COLUMNS:
        frame[column] = pandas.to_numeric(frame[column]).astype("float64")
    return frame
