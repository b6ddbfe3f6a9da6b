"""The long export: one flat row per round, party and issue, as rows, CSV and JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotrack as nt
from negotrack.interop._cells import Kind, guard
from negotrack.interop._export import COLUMNS, column_types, export_rows, to_csv, to_json
from negotrack.interop._tables import TABLES
from tests.conftest import MINIMAL
from tests.multilateral_strategies import multilateral
from tests.strategies import negotiations


def minimal() -> nt.Negotiation:
    return nt.load(MINIMAL)


def as_cells(row: dict[str, Any], table: str = "positions") -> dict[str, str]:
    """A row as CSV text reads back: empty for None, true/false, days, guarded text, else str."""
    kinds = TABLES[table].kinds
    cells = {}
    for key, value in row.items():
        if value is None:
            cells[key] = ""
        elif isinstance(value, bool):
            cells[key] = "true" if value else "false"
        elif isinstance(value, dt.date):
            cells[key] = value.isoformat()
        elif kinds[key] is Kind.TEXT:
            cells[key] = guard(value)
        else:
            cells[key] = str(value)
    return cells


def test_minimal_first_row() -> None:
    """The first row is management's opening wage position, every field flattened."""
    expected = {
        "round_id": "2024-03-01",
        "round_date": dt.date(2024, 3, 1),
        "round_title": "Opening round",
        "party_id": "management",
        "party_name": "Bakery management",
        "issue_id": "wage-rise",
        "issue_title": "Wage rise",
        "table_party_id": None,
        "scale": "numeric",
        "preferred": 2,
        "preferred_label": "2 percent",
        "acceptable_ids": None,
        "acceptable_min": 0,
        "acceptable_max": 3,
        "red_lines": None,
        "conditions": None,
        "linked_issue_ids": None,
        "salience": 0.6,
        "basis": "stated",
        "confidence": None,
        "evidence_ids": "pat-opening",
        "note": None,
        "raised": False,
        "withdrawn": False,
        "carried": False,
        "stated_in_round_id": "2024-03-01",
        "point": 2.0,
        "normalised": 0.2,
    }
    assert expected == export_rows(minimal())[0]


def test_minimal_carried_row() -> None:
    """The union's wage position, not restated in the second round, is carried from the first."""
    rows = [r for r in export_rows(minimal()) if r["round_id"] == "2024-03-15"]
    (carried,) = [r for r in rows if r["carried"]]
    expected = {
        "round_id": "2024-03-15",
        "round_date": dt.date(2024, 3, 15),
        "round_title": "Second round",
        "party_id": "union",
        "party_name": "Bakers' union",
        "issue_id": "wage-rise",
        "issue_title": "Wage rise",
        "table_party_id": None,
        "scale": "numeric",
        "preferred": 5,
        "preferred_label": "5 percent",
        "acceptable_ids": None,
        "acceptable_min": 4,
        "acceptable_max": 10,
        "red_lines": '[{"text": "Nothing below three percent.", "id": "floor-three-percent", "below": 3}]',
        "conditions": None,
        "linked_issue_ids": None,
        "salience": 0.9,
        "basis": "stated",
        "confidence": None,
        "evidence_ids": "sam-opening",
        "note": None,
        "raised": False,
        "withdrawn": False,
        "carried": True,
        "stated_in_round_id": "2024-03-01",
        "point": 5.0,
        "normalised": 0.5,
    }
    assert expected == carried


def test_minimal_ordinal_row_with_condition() -> None:
    """The union's weekend position in round two: options joined by ';', the linked condition."""
    rows = export_rows(minimal())
    (row,) = [
        r
        for r in rows
        if (r["round_id"], r["party_id"], r["issue_id"])
        == ("2024-03-15", "union", "weekend-shifts")
    ]
    expected = {
        "round_id": "2024-03-15",
        "round_date": dt.date(2024, 3, 15),
        "round_title": "Second round",
        "party_id": "union",
        "party_name": "Bakers' union",
        "issue_id": "weekend-shifts",
        "issue_title": "Weekend shifts",
        "table_party_id": None,
        "scale": "ordinal",
        "preferred": "volunteers_only",
        "preferred_label": "Volunteers only",
        "acceptable_ids": "volunteers_only;one_in_four",
        "acceptable_min": None,
        "acceptable_max": None,
        "red_lines": None,
        "conditions": '[{"text": "Weekend shifts are paid at time and a half.", "id": "weekend-premium", "linked_issue": "wage-rise"}]',
        "linked_issue_ids": "wage-rise",
        "salience": 0.5,
        "basis": "stated",
        "confidence": None,
        "evidence_ids": "sam-reply",
        "note": None,
        "raised": False,
        "withdrawn": False,
        "carried": False,
        "stated_in_round_id": "2024-03-15",
        "point": 0.0,
        "normalised": 0.0,
    }
    assert expected == row


def test_minimal_row_order() -> None:
    """Rows come by round, then issue in dossier order, then party."""
    keys = [(r["round_id"], r["issue_id"], r["party_id"]) for r in export_rows(minimal())]
    assert [
        ("2024-03-01", "wage-rise", "management"),
        ("2024-03-01", "wage-rise", "union"),
        ("2024-03-01", "weekend-shifts", "management"),
        ("2024-03-01", "weekend-shifts", "union"),
        ("2024-03-15", "wage-rise", "management"),
        ("2024-03-15", "wage-rise", "union"),
        ("2024-03-15", "weekend-shifts", "management"),
        ("2024-03-15", "weekend-shifts", "union"),
    ] == keys


def test_carried_rows_are_flagged() -> None:
    """A row is carried exactly when an earlier round stated its position."""
    rows = export_rows(nt.load(MINIMAL.parent / "ukraine-russia-2022"))
    assert any(r["carried"] for r in rows)
    assert [r["stated_in_round_id"] != r["round_id"] for r in rows] == [r["carried"] for r in rows]


def test_csv_reads_back_to_the_rows() -> None:
    """The CSV has the fixed header and csv.DictReader reads back the rows as text."""
    text = to_csv(minimal())
    reader = csv.DictReader(io.StringIO(text))
    assert list(COLUMNS) == reader.fieldnames
    assert [as_cells(row) for row in export_rows(minimal())] == list(reader)
    assert text.endswith("\r\n")


def test_json_reads_back_to_the_rows() -> None:
    """The JSON export is the rows, keys in column order."""
    data = json.loads(to_json(minimal()))
    days = {"round_date": lambda day: day.isoformat()}
    assert [
        {k: days.get(k, lambda v: v)(v) for k, v in r.items()} for r in export_rows(minimal())
    ] == data
    assert [list(COLUMNS)] * len(data) == [list(row) for row in data]


def test_empty_dossier_has_a_header_only() -> None:
    """A dossier without rounds exports no rows; the CSV still has its header."""
    empty = nt.Negotiation("x", "Nothing yet")
    assert [] == export_rows(empty)
    assert ",".join(COLUMNS) + "\r\n" == to_csv(empty)
    assert "[]\n" == to_json(empty)


@settings(deadline=None)
@given(negotiations())
def test_one_row_per_position_in_force(negotiation: nt.Negotiation) -> None:
    """A row per position in force and per withdrawal, summed over the rounds, each with every column."""
    rows = export_rows(negotiation)
    in_force = sum(len(negotiation.effective_positions(r.id)) for r in negotiation.rounds)
    withdrawn = sum(p.withdrawn for r in negotiation.rounds for p in r.positions)
    assert in_force == sum(not row["withdrawn"] for row in rows)
    assert withdrawn == sum(row["withdrawn"] for row in rows)
    assert all(list(COLUMNS) == list(row) for row in rows)


@settings(deadline=None)
@given(negotiations(), st.sampled_from(list(TABLES)))
def test_any_csv_reads_back(negotiation: nt.Negotiation, table: str) -> None:
    """Whatever the text in a dossier (commas, quotes, line breaks), every table's CSV reads back intact."""
    reader = csv.DictReader(io.StringIO(to_csv(negotiation, table)))
    assert list(TABLES[table].names) == reader.fieldnames
    assert [as_cells(row, table) for row in export_rows(negotiation, table)] == list(reader)


@settings(deadline=None)
@given(multilateral())
def test_rows_name_the_issue_and_table_of_their_position(negotiation: nt.Negotiation) -> None:
    """A position at one table gets its own row, under its issue, with the counterpart named."""
    titles = {issue.id: issue.title for issue in negotiation.issues}
    rows = export_rows(negotiation)
    expected = sorted(
        (r.id, key) for r in negotiation.rounds for key in negotiation.effective_positions(r.id)
    )
    found = sorted(
        (row["round_id"], (row["party_id"], _issue_key(row["issue_id"], row["table_party_id"])))
        for row in rows
        if not row["withdrawn"]
    )
    assert expected == found
    assert all(row["issue_title"] == titles[row["issue_id"]] for row in rows)
    assert all(row["scale"] is not None for row in rows)


def _issue_key(issue: str, table: str | None) -> str:
    return issue if table is None else f"{issue}@{table}"


def test_a_withdrawal_is_a_row_of_its_round() -> None:
    """A position withdrawn in a round is a row there, flagged, and later rounds have none."""
    talks = minimal()
    second = talks.rounds[1]
    withdrawal = nt.Position("union", "wage-rise", withdrawn=True)
    kept = tuple(p for p in second.positions if p.key != withdrawal.key)
    talks = attrs.evolve(
        talks, rounds=(talks.rounds[0], attrs.evolve(second, positions=(*kept, withdrawal)))
    )
    (row,) = [r for r in export_rows(talks) if r["withdrawn"]]
    assert ("2024-03-15", "union", "wage-rise", False) == (
        row["round_id"],
        row["party_id"],
        row["issue_id"],
        row["carried"],
    )
    assert None is row["preferred"]


def test_formula_text_is_guarded_and_numbers_are_not() -> None:
    """Text starting with = + - @ gets an apostrophe in the CSV; a negative number does not."""
    talks = minimal()
    first = talks.rounds[0]
    position = attrs.evolve(first.positions[0], note="=HYPERLINK(1)", preferred=-0.5)
    scale = talks.issues[0].scale
    assert isinstance(scale, nt.NumericScale)
    issue = attrs.evolve(talks.issues[0], scale=attrs.evolve(scale, min=-1))
    talks = attrs.evolve(
        talks,
        issues=(issue, *talks.issues[1:]),
        rounds=(attrs.evolve(first, positions=(position, *first.positions[1:])), *talks.rounds[1:]),
    )
    (row,) = [
        r
        for r in csv.DictReader(io.StringIO(to_csv(talks)))
        if (r["round_id"], r["party_id"], r["issue_id"])
        == (first.id, position.party, position.issue)
    ]
    assert "'=HYPERLINK(1)" == row["note"]
    assert "-0.5" == row["preferred"]
    assert "'-0.5 percent" == row["preferred_label"]


@pytest.mark.parametrize("table", list(TABLES))
def test_column_types_name_every_column(table: str) -> None:
    """column_types gives a SQL type for every column, ids as VARCHAR, dates as DATE."""
    types = column_types(table)
    assert list(TABLES[table].names) == list(types)
    assert "VARCHAR" == types.get("round_id", "VARCHAR")
    assert set(types.values()) <= {"VARCHAR", "DOUBLE", "BIGINT", "BOOLEAN", "DATE"}


def test_an_unknown_table_is_refused() -> None:
    """Asking for a table that does not exist names the tables there are."""
    with pytest.raises(
        nt.UnknownIdError, match=r"unknown table 'position'.*did you mean 'positions'"
    ):
        to_csv(minimal(), "position")
