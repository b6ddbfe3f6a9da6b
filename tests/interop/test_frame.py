"""The pandas export: a DataFrame of the long rows with proper dtypes, and pandas stays optional."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

import negotrack as nt
from negotrack.interop._cells import Kind
from negotrack.interop._export import COLUMNS, export_rows
from negotrack.interop._frame import to_frame
from negotrack.interop._tables import TABLES
from negotrack.model._errors import MissingExtraError
from tests.conftest import FLAGSHIP

pandas = pytest.importorskip("pandas")


def test_flagship_frame_shape() -> None:
    """One row per exported row and one column per export column, in order."""
    talks = nt.load(FLAGSHIP)
    frame = to_frame(talks)
    assert (len(export_rows(talks)), len(COLUMNS)) == frame.shape
    assert list(COLUMNS) == list(frame.columns)


def test_flagship_frame_dtypes() -> None:
    """Dates are datetimes, the carried flag is bool, numbers are float64, the rest text."""
    frame = to_frame(nt.load(FLAGSHIP))
    types = pandas.api.types
    assert types.is_datetime64_any_dtype(frame["round_date"])
    for column in ("carried", "withdrawn", "raised"):
        assert types.is_bool_dtype(frame[column]), column
    for column in ("acceptable_min", "acceptable_max", "salience", "point", "normalised"):
        assert "float64" == str(frame[column].dtype), column
    for column in ("round_id", "party_id", "issue_id", "scale", "basis", "stated_in_round_id"):
        assert types.is_string_dtype(frame[column]), column


def test_flagship_frame_values() -> None:
    """The frame holds the rows' values; missing numbers are NaN."""
    talks = nt.load(FLAGSHIP)
    rows = export_rows(talks)
    frame = to_frame(talks)
    assert [r["party_id"] for r in rows] == frame["party_id"].tolist()
    assert [r["carried"] for r in rows] == frame["carried"].tolist()
    first = frame.iloc[0]
    assert pandas.Timestamp(rows[0]["round_date"]) == first["round_date"]
    categorical = frame[frame["scale"] == "categorical"]
    assert len(categorical)
    assert all(math.isnan(x) for x in categorical["point"])


def test_empty_dossier_gives_an_empty_frame() -> None:
    """A dossier without rounds gives no rows but every column."""
    frame = to_frame(nt.Negotiation("x", "Nothing yet"))
    assert (0, len(COLUMNS)) == frame.shape


def test_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_frame says which extra to install."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'negotrack\[pandas\]'") as caught:
        to_frame(nt.Negotiation("x", "Nothing yet"))
    assert isinstance(caught.value, nt.NegotrackError)
    assert "pandas" == caught.value.extra


def test_pandas_is_imported_only_when_used() -> None:
    """Importing the module does not import pandas."""
    code = "import sys, negotrack.interop._frame; assert 'pandas' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own interpreter


@pytest.mark.parametrize(
    "table", ["positions", "stances", "statements", "proposals", "terms", "measures"]
)
def test_every_table_is_a_typed_frame(table: str) -> None:
    """Each table's frame has its columns in order, dates as datetimes, counts as Int64."""
    talks = nt.load(FLAGSHIP)
    frame = to_frame(talks, table)
    spec = TABLES[table]
    assert list(spec.names) == list(frame.columns)
    assert len(export_rows(talks, table)) == len(frame)
    types = pandas.api.types
    for name, kind in spec.columns:
        if kind is Kind.DATE:
            assert types.is_datetime64_any_dtype(frame[name]), name
        elif kind is Kind.INTEGER:
            assert "Int64" == str(frame[name].dtype), name
        elif kind is Kind.NUMBER:
            assert "float64" == str(frame[name].dtype), name
