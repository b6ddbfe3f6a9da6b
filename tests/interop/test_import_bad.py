"""Bad tables: one clear problem per cell (file, sheet, row, column), and nothing written."""

from __future__ import annotations

import csv
import io
import sys
import tracemalloc
from typing import TYPE_CHECKING, Any

import openpyxl
import pytest

import negotrack as nt
from negotrack.interop._export import to_csv
from negotrack.interop._tables_in import import_tables
from tests.conftest import MINIMAL
from tests.interop.test_import import snapshot

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def talks(tmp_path: Path) -> Path:
    """The minimal dossier as a folder to import into."""
    folder = tmp_path / "talks"
    nt.save(nt.load(MINIMAL), folder)
    return folder


def rows() -> list[dict[str, str]]:
    """The minimal dossier's positions as CSV rows, with a third round to add."""
    found = list(csv.DictReader(io.StringIO(to_csv(nt.load(MINIMAL)))))
    return found + [
        {
            **row,
            "round_id": "2024-04-02",
            "round_date": "2024-04-02",
            "round_title": "Third",
            "carried": "false",
        }
        for row in found
        if row["round_id"] == "2024-03-15"
    ]


def problems_of(talks: Path, table: Path) -> list[str]:
    """The problems an import of ``table`` reports, as printed; and it wrote nothing."""
    before = snapshot(talks)
    with pytest.raises(nt.LoadError) as caught:
        import_tables([table], talks)
    assert before == snapshot(talks)
    return [str(p) for p in caught.value.problems]


def write(path: Path, table: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    return path


def workbook(path: Path, cells: list[list[Any]], merge: str | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "positions"
    for row in cells:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


HEADER = ["round_id", "round_date", "round_title", "party_id", "issue_id", "preferred"]


def test_an_unknown_column_is_named_with_a_did_you_mean(talks: Path, tmp_path: Path) -> None:
    """A column the table does not have is one problem on the header row, at its column."""
    table = [{**r, "prefered": r["preferred"]} for r in rows()]
    for row in table:
        del row["preferred"]
    (problem,) = problems_of(talks, write(tmp_path / "p.csv", table))
    assert problem.endswith(
        "row 1, column prefered: unknown column 'prefered' (did you mean 'preferred'?)"
    )
    assert problem.startswith(f"{tmp_path / 'p.csv'}:1:")


def test_a_missing_key_column_and_an_empty_file(talks: Path, tmp_path: Path) -> None:
    """A table without party_id is refused; so is a file with no header at all."""
    (tmp_path / "p.csv").write_text("round_id,issue_id\nx,y\n", encoding="utf-8")
    assert ["a positions table needs a column 'party_id'"] == [
        p.split(": ", 2)[-1] for p in problems_of(talks, tmp_path / "p.csv")
    ]
    (tmp_path / "e.csv").write_text("", encoding="utf-8")
    (problem,) = problems_of(talks, tmp_path / "e.csv")
    assert problem.endswith("e.csv: empty: no header row")


def test_duplicated_rows_are_refused(talks: Path, tmp_path: Path) -> None:
    """A second row for the same round, party, issue and table points at the first."""
    table = rows()
    table.append(dict(table[-1]))
    (problem,) = problems_of(talks, write(tmp_path / "p.csv", table))
    assert f"row {len(table) + 1}: repeats row {len(table)}: a second position of" in problem


def test_ids_that_do_not_exist_are_refused_at_their_cells(talks: Path, tmp_path: Path) -> None:
    """An unknown party and an unknown statement are problems at party_id and evidence_ids."""
    table = rows()
    table[-1]["party_id"] = "unoin"
    table[-2]["evidence_ids"] = "nobody-said-it"
    found = problems_of(talks, write(tmp_path / "p.csv", table))
    assert 2 == len(found)
    assert any("column party_id: unknown party 'unoin' (did you mean 'union'?)" in p for p in found)
    assert any("column evidence_ids: unknown statement 'nobody-said-it'" in p for p in found)


def test_cells_starting_with_formula_characters(talks: Path, tmp_path: Path) -> None:
    """=... is a formula and refused; +, -, @ start text in a text column; ' keeps the text."""
    table = rows()
    table[-1]["note"] = '=HYPERLINK("x")'
    table[-2]["note"] = "- first point"
    table[-3]["note"] = "'=kept as text"
    table[-4]["note"] = "@chair"
    (problem,) = problems_of(talks, write(tmp_path / "p.csv", table))
    assert "column note: a formula ('=HYPERLINK(\"x\")')" in problem
    table[-1]["note"] = "+1 on that"
    import_tables([write(tmp_path / "p.csv", table)], talks)
    notes = {p.note for p in nt.load(talks).round("2024-04-02").positions}
    assert {"+1 on that", "- first point", "=kept as text", "@chair"} == notes


def test_a_negative_number_stays_a_number(talks: Path, tmp_path: Path) -> None:
    """-1 in salience is a number, refused as out of range, not as a formula."""
    table = rows()
    table[-1]["salience"] = "-1"
    (problem,) = problems_of(talks, write(tmp_path / "p.csv", table))
    assert "column salience" in problem
    assert "formula" not in problem


def test_a_day_number_where_a_date_belongs(talks: Path, tmp_path: Path) -> None:
    """45384 in round_date, as a spreadsheet counts days, says which day it is."""
    table = rows()
    for row in table[-4:]:
        row["round_date"] = "45384"
    found = problems_of(talks, write(tmp_path / "p.csv", table))
    assert 4 == len(found)
    assert (
        "column round_date: a number (45384) where a date belongs; spreadsheets count days, and day 45384 is 2024-04-02"
        in found[0]
    )


def test_a_workbook_with_merged_cells(talks: Path, tmp_path: Path) -> None:
    """Merged cells are one problem per range, and nothing of the sheet is read."""
    book = workbook(
        tmp_path / "m.xlsx",
        [
            HEADER,
            ["r9", "2024-05-01", "Ninth", "union", "wage-rise", 4],
            ["r9", None, None, "management", "wage-rise", 3],
        ],
        merge="A2:A3",
    )
    (problem,) = problems_of(talks, book)
    assert "sheet 'positions', row 1: cells A2:A3 are merged: unmerge them" in problem


def test_a_workbook_with_a_formula_a_serial_date_and_a_date_for_an_id(
    talks: Path, tmp_path: Path
) -> None:
    """A formula, a day number in round_date and a date in round_id are each a problem at the cell."""
    import datetime as dt  # noqa: PLC0415

    book = workbook(
        tmp_path / "f.xlsx",
        [
            HEADER,
            ["r9", "2024-05-01", "Ninth", "union", "wage-rise", "=2+2"],
            ["r9", 45413, "Ninth", "management", "wage-rise", 3],
            [
                dt.datetime(2024, 5, 1),
                "2024-05-01",
                "Ninth",
                "management",
                "weekend-shifts",
                "all_weekends",
            ],
        ],
    )
    found = problems_of(talks, book)
    expected = [
        f"{book}:2:6: sheet 'positions', F2, column preferred: a formula ('=2+2')",
        f"{book}:3:2: sheet 'positions', B3, column round_date: a number (45413) where a date belongs",
        f"{book}:4:1: sheet 'positions', A4, column round_id: a date (2024-05-01) where an id belongs",
    ]
    assert len(expected) == len(found)
    assert all(p.startswith(e) for e, p in zip(expected, found, strict=True)), found


def test_an_empty_sheet_and_an_unknown_sheet(talks: Path, tmp_path: Path) -> None:
    """A workbook whose sheet is empty, or holds no table negotrack knows, says so."""
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "positions"
    other = book.create_sheet("notes")
    other.append(["what", "who"])
    book.save(tmp_path / "e.xlsx")
    found = problems_of(talks, tmp_path / "e.xlsx")
    assert [
        f"{tmp_path / 'e.xlsx'}: sheet 'positions': empty: no header row",
        (
            f"{tmp_path / 'e.xlsx'}:1:1: sheet 'notes', row 1: no table negotrack knows: import "
            "reads positions (with issue_id), stances (with stance) and statements (with "
            "statement_id)"
        ),
    ] == found


def test_a_workbook_without_openpyxl_names_the_extra(
    talks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without openpyxl, importing a workbook says which extra to install."""
    book = workbook(tmp_path / "w.xlsx", [HEADER])
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(nt.MissingExtraError, match=r"pip install 'negotrack\[xlsx\]'"):
        import_tables([book], talks)


def big_table(path: Path, megabytes: float) -> int:
    """A statements table of about this size, spread over ten new rounds; returns its rows."""
    header = ["round_id", "round_date", "round_title", "statement_id", "date", "party_id", "quote"]
    quote = "words long enough to make the rows weigh what real quotes do, " * 2
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        while handle.tell() < megabytes * 1_000_000:
            day = f"2024-05-{count % 10 + 1:02d}"
            writer.writerow(
                [f"r{count % 10}", day, f"Round {count % 10}", f"s{count}", day, "union", quote]
            )
            count += 1
    return count


def test_a_large_table_streams(talks: Path, tmp_path: Path) -> None:
    """A 2 MB table imports with memory bounded by what it holds, not by copies of the file."""
    count = big_table(tmp_path / "big.csv", 2)
    tracemalloc.start()
    try:
        result = import_tables([tmp_path / "big.csv"], talks)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (count, 10) == (result.rows["statements"], len(result.added))
    assert peak < 60_000_000, peak


@pytest.mark.slow
def test_a_50_megabyte_table_streams(talks: Path, tmp_path: Path) -> None:
    """A 50 MB table of new rounds imports too (slow: run with -m slow)."""
    count = big_table(tmp_path / "big.csv", 50)
    assert count == import_tables([tmp_path / "big.csv"], talks).rows["statements"]
