"""negotrack import --from decide and negotrack export -f decide: one line per mistake, exit 2."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import negotrack as nt
from negotrack.cli._main import main
from negotrack.interop._decide import export_decide
from tests.conftest import MINIMAL

FIXTURES = Path(__file__).parent.parent / "interop" / "fixtures" / "decide"
COUNCIL = FIXTURES / "council.txt"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_import_a_decide_file_as_a_new_dossier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "council"
    assert 0 == main(
        ["import", "--from", "decide", str(COUNCIL), "--into", str(into), "--date", "2024-05-01"]
    )
    out, err = capsys.readouterr()
    assert (out, err) == (
        f"read 3 parties, 3 issues and 8 positions; wrote the dossier {into}\n",
        "",
    )
    dossier = nt.load(into)
    assert [r.id for r in dossier.rounds] == ["2024-05-01"]
    assert (into / "negotiation.yaml").exists()
    assert 0 == main(["validate", str(into)])


def test_without_a_date_the_round_is_the_day_the_file_changed(tmp_path: Path) -> None:
    copy = tmp_path / "council.txt"
    copy.write_bytes(COUNCIL.read_bytes())
    stamp = dt.datetime(2021, 2, 3, 12, tzinfo=dt.UTC).timestamp()
    os.utime(copy, (stamp, stamp))
    assert 0 == main(["import", "--from", "decide", str(copy), "--into", str(tmp_path / "d")])
    assert nt.load(tmp_path / "d").rounds[0].date == dt.date(2021, 2, 3)


def test_every_problem_is_one_line_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The invalid fixture's eleven problems, each on its line; DIR as it was, a new one not made."""
    folder = tmp_path / "kept"
    folder.mkdir()
    (folder / "notes.md").write_text("mine", encoding="utf-8")
    before = _snapshot(folder)
    invalid = str(FIXTURES / "invalid.txt")
    assert 2 == main(["import", "--from", "decide", invalid, "--into", str(folder)])
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert (out, len(lines)) == ("", 11)
    assert all(line.startswith(f"{invalid}:") for line in lines)
    assert "Traceback" not in err
    assert _snapshot(folder) == before
    assert 2 == main(["import", "--from", "decide", invalid, "--into", str(tmp_path / "new")])
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--date", "1 May 2024"], "negotrack: --date '1 May 2024': expected a day as YYYY-MM-DD"),
        ([str(COUNCIL)], "negotrack: --from decide imports one file at a time"),
    ],
)
def test_usage_mistakes_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    into = tmp_path / "d"
    assert 2 == main(["import", "--from", "decide", str(COUNCIL), *args, "--into", str(into)])
    assert capsys.readouterr().err == said + "\n"
    assert not into.exists()


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"", "the file is empty"),
        (b"#A\x00\x01", "a binary file"),
        ("#A\tx\tÉ".encode("cp1252"), "is not UTF-8"),
    ],
)
def test_a_file_that_is_no_text_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, said: str
) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    assert 2 == main(["import", "--from", "decide", str(path), "--into", str(tmp_path / "d")])
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(str(path))
    assert said in line
    assert not (tmp_path / "d").exists()


def test_a_dossier_in_the_folder_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "d"
    args = ["import", "--from", "decide", str(COUNCIL), "--into", str(into), "--date", "2024-05-01"]
    assert 0 == main(args)
    before = _snapshot(into)
    capsys.readouterr()
    assert 2 == main(args)
    assert capsys.readouterr().err == (
        f"negotrack: {into} holds a dossier already: --force replaces it with the imported one\n"
    )
    assert _snapshot(into) == before
    assert 0 == main([*args[:-1], "2024-06-01", "--force"])
    assert [r.id for r in nt.load(into).rounds] == ["2024-06-01"]
    assert not (into / "rounds" / "2024-05-01.yaml").exists()


# -- export -f decide -----------------------------------------------------------------------------


def test_export_a_round_as_a_decide_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    minimal = nt.load(MINIMAL)
    assert 0 == main(["export", str(MINIMAL), "-f", "decide"])
    assert capsys.readouterr() == (export_decide(minimal), "")
    assert 0 == main(["export", str(MINIMAL), "-f", "decide", "--round", "2024-03-01"])
    assert capsys.readouterr().out == export_decide(minimal, round="2024-03-01")
    target = tmp_path / "bakery.txt"
    assert 0 == main(["export", str(MINIMAL), "-f", "decide", "-o", str(target)])
    assert target.read_text(encoding="utf-8") == export_decide(minimal)


def test_exported_and_imported_back_the_positions_are_the_same(tmp_path: Path) -> None:
    """The round trip through the command line: the minimal example's numeric wage rise."""
    target = tmp_path / "bakery.txt"
    assert 0 == main(["export", str(MINIMAL), "-f", "decide", "-o", str(target)])
    assert 0 == main(["import", "--from", "decide", str(target), "--into", str(tmp_path / "back")])
    back = nt.load(tmp_path / "back")
    held = {(p.party, p.issue): (p.preferred, p.salience) for p in back.rounds[0].positions}
    assert held == {
        ("management", "wage-rise"): (3.5, 0.6),
        ("union", "wage-rise"): (5, 0.9),
        ("management", "weekend-shifts"): (50, 0.8),
        ("union", "weekend-shifts"): (0, 0.5),
    }


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--round", "2024-13-01"], "negotrack: unknown round '2024-13-01'; the dossier has"),
        (["--table", "stances"], "negotrack: -f decide writes positions only: leave out --table"),
        (["--issue", "wage-rise"], "negotrack: --issue goes with -f bdm: a Decide file holds"),
    ],
)
def test_export_mistakes_are_one_line_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    target = tmp_path / "out.txt"
    assert 2 == main(["export", str(MINIMAL), "-f", "decide", "-o", str(target), *args])
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(said)
    assert not target.exists()
