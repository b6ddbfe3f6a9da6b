"""negotrack export --table and negotrack import: files, folders, workbooks, one line per problem."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import openpyxl
import pytest

import negotrack as nt
from negotrack.cli._export import TABLE_NAMES
from negotrack.cli._main import main
from negotrack.interop._tables import TABLES

if TYPE_CHECKING:
    from pathlib import Path

from tests.conftest import FLAGSHIP, MINIMAL


def test_the_command_line_knows_every_table() -> None:
    """--table offers exactly the tables there are (kept apart so --help stays fast)."""
    assert tuple(TABLES) == TABLE_NAMES


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_export_each_table_as_csv(table: str, capsys: pytest.CaptureFixture[str]) -> None:
    """export --table NAME writes that table's header and rows."""
    assert 0 == main(["export", str(FLAGSHIP), "--table", table])
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert ("", list(TABLES[table].names)) == (err, list(rows[0]))
    assert len(TABLES[table].rows(nt.load(FLAGSHIP))) == len(rows)


def test_export_all_into_a_folder_and_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--table all writes a file per table into -o DIR, or one workbook with a sheet per table."""
    assert 0 == main(["export", str(MINIMAL), "-t", "all", "-o", str(tmp_path / "out")])
    assert sorted(f"{t}.csv" for t in TABLE_NAMES) == sorted(
        p.name for p in (tmp_path / "out").iterdir()
    )
    assert 0 == main(
        ["export", str(MINIMAL), "-t", "all", "-f", "xlsx", "-o", str(tmp_path / "t.xlsx")]
    )
    book = openpyxl.load_workbook(tmp_path / "t.xlsx", read_only=True)
    assert list(TABLE_NAMES) == book.sheetnames
    book.close()
    assert 2 == main(["export", str(MINIMAL), "-t", "all"])
    assert 2 == main(["export", str(MINIMAL), "-f", "xlsx"])
    err = capsys.readouterr().err
    assert "--table all writes a file per table: give the folder with -o DIR" in err
    assert "-f xlsx writes a workbook: give the file with -o FILE.xlsx" in err


def test_import_adds_a_round_then_says_there_is_nothing_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """import writes the new round's file and says so; run again, it writes nothing."""
    talks = tmp_path / "talks"
    nt.save(nt.load(MINIMAL), talks)
    rows = list(csv.DictReader(io.StringIO(nt.to_csv(nt.load(talks)))))
    rows += [
        {
            **r,
            "round_id": "r3",
            "round_date": "2024-04-02",
            "round_title": "Third",
            "carried": "false",
        }
        for r in rows
        if r["round_id"] == "2024-03-15"
    ]
    table = tmp_path / "p.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    capsys.readouterr()
    assert 0 == main(["import", str(table), "--into", str(talks)])
    assert (
        f"read 12 positions; added 'r3'\nwrote {talks / 'rounds' / 'r3.yaml'}\n"
        == capsys.readouterr().out
    )
    assert 0 == main(["import", str(table), "--into", str(talks)])
    assert "nothing written" in capsys.readouterr().out


def test_import_problems_are_one_line_each_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad cell is one line on stderr naming file, row and column; the exit code is 2."""
    talks = tmp_path / "talks"
    nt.save(nt.load(MINIMAL), talks)
    table = tmp_path / "p.csv"
    table.write_text(
        "round_id,party_id,issue_id,salience\nr9,union,wage-rise,lots\n", encoding="utf-8"
    )
    assert 2 == main(["import", str(table), "--into", str(talks)])
    out, err = capsys.readouterr()
    assert "" == out
    assert [f"{table}:2:4: row 2, column salience: expected a number, got the text 'lots'"] == (
        err.splitlines()
    )
