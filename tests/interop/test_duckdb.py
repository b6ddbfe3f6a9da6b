"""DuckDB reads the exported CSV with the types negotrack publishes: ids stay text, dates dates."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

import duckdb
import pytest

import negotrack as nt
from negotrack.interop._export import column_types, to_csv

if TYPE_CHECKING:
    from pathlib import Path

from tests.conftest import FLAGSHIP, MINIMAL


def test_the_sniffer_alone_takes_round_ids_for_dates(tmp_path: Path) -> None:
    """Without types, DuckDB reads the minimal dossier's round ids (2024-03-01) as dates."""
    path = tmp_path / "positions.csv"
    path.write_text(to_csv(nt.load(MINIMAL)), encoding="utf-8", newline="")
    relation = duckdb.read_csv(str(path))
    types = dict(zip(relation.columns, map(str, relation.types), strict=True))
    assert "DATE" == types["round_id"]


@pytest.mark.parametrize("table", ["positions", "stances", "statements", "measures"])
def test_column_types_keep_ids_as_text(tmp_path: Path, table: str) -> None:
    """With dtype=column_types(table), every column has its type and ids read back as written."""
    talks = nt.load(MINIMAL)
    path = tmp_path / f"{table}.csv"
    path.write_text(to_csv(talks, table), encoding="utf-8", newline="")
    relation = duckdb.read_csv(str(path), dtype=column_types(table))
    types = dict(zip(relation.columns, map(str, relation.types), strict=True))
    assert column_types(table) == types
    rows = relation.fetchall()
    assert rows
    assert all(isinstance(row[0], str) for row in rows)
    if table == "positions":
        assert ("2024-03-01", dt.date(2024, 3, 1)) == rows[0][:2]


def test_a_query_over_the_flagship_positions(tmp_path: Path) -> None:
    """A query over the typed CSV: the positions each party stated."""
    path = tmp_path / "positions.csv"
    path.write_text(to_csv(nt.load(FLAGSHIP)), encoding="utf-8", newline="")
    relation = duckdb.read_csv(str(path), dtype=column_types("positions"))
    query = relation.query(
        "positions",
        "select party_id, count(*) as n from positions where not carried group by party_id "
        "order by party_id",
    )
    assert query is not None
    found = query.fetchall()
    rows = [r for r in nt.export_rows(nt.load(FLAGSHIP)) if not r["carried"]]
    expected = sorted(Counter(r["party_id"] for r in rows).items())
    assert expected == found
