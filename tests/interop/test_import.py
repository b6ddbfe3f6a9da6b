"""Importing tables: export, edit, import; the round trip, new rounds, --force, nothing half-done."""

from __future__ import annotations

import csv
import io
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import negotrack as nt
from negotrack.interop._export import to_csv
from negotrack.interop._tables_in import import_tables
from negotrack.interop._xlsx import to_xlsx
from tests.conftest import FLAGSHIP, MINIMAL
from tests.strategies import negotiations

TABLES_IN = ("positions", "stances", "statements")


def emptied(negotiation: nt.Negotiation) -> nt.Negotiation:
    """The dossier with every round kept but its positions, stances and statements taken out."""
    return attrs.evolve(
        negotiation,
        rounds=tuple(
            attrs.evolve(r, positions=(), stances=(), statements=()) for r in negotiation.rounds
        ),
    )


def stated(negotiation: nt.Negotiation) -> list[Any]:
    """What an import must give back: each round's positions, stances and statements, any order."""
    return [
        (r.id, Counter(r.positions), Counter(r.stances), Counter(r.statements))
        for r in negotiation.rounds
    ]


def write_csvs(negotiation: nt.Negotiation, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for table in TABLES_IN:
        path = folder / f"{table}.csv"
        path.write_text(to_csv(negotiation, table), encoding="utf-8", newline="")
        files.append(path)
    return files


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path: to show that nothing was written."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def csv_rows(negotiation: nt.Negotiation, table: str = "positions") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(to_csv(negotiation, table))))


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@settings(deadline=None)
@given(negotiations())
def test_import_of_export_gives_back_the_rounds(x: nt.Negotiation) -> None:
    """import(export(x)) into x's rounds, emptied, gives back each round's positions, stances, statements."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        nt.save(emptied(x), root / "talks")
        import_tables(write_csvs(x, root / "tables"), root / "talks")
        assert stated(x) == stated(nt.load(root / "talks"))


@settings(deadline=None, max_examples=15)
@given(negotiations(max_rounds=3))
def test_import_of_a_workbook_gives_back_the_rounds(x: nt.Negotiation) -> None:
    """The same round trip through one .xlsx workbook of every table."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        nt.save(emptied(x), root / "talks")
        book = root / "talks.xlsx"
        book.write_bytes(to_xlsx(x, ["positions", "stances", "statements", "measures"]))
        import_tables([book], root / "talks")
        assert stated(x) == stated(nt.load(root / "talks"))


@pytest.mark.parametrize("example", [MINIMAL, FLAGSHIP], ids=lambda p: p.name)
def test_importing_an_unchanged_export_writes_nothing(tmp_path: Path, example: Path) -> None:
    """Tables exported from a dossier import into it as they are: nothing to change, nothing written."""
    talks = tmp_path / "talks"
    nt.save(nt.load(example), talks)
    before = snapshot(talks)
    result = import_tables(write_csvs(nt.load(talks), tmp_path / "tables"), talks)
    assert ((), (), ()) == (result.written, result.added, result.replaced)
    assert before == snapshot(talks)


def new_round(tmp_path: Path) -> tuple[Path, list[dict[str, str]]]:
    """The minimal dossier in a folder, and its positions plus a third round's, as CSV rows."""
    talks = tmp_path / "talks"
    nt.save(nt.load(MINIMAL), talks)
    rows = csv_rows(nt.load(talks))
    third = [
        {
            **row,
            "round_id": "2024-04-02",
            "round_date": "2024-04-02",
            "round_title": "Third round",
            "carried": "false",
        }
        for row in rows
        if row["round_id"] == "2024-03-15"
    ]
    third[0]["preferred"] = "2.5"
    return talks, rows + third


def test_new_rows_become_a_new_round_file(tmp_path: Path) -> None:
    """Rows of a round the dossier lacks become rounds/<id>.yaml; the other files stay as they were."""
    talks, rows = new_round(tmp_path)
    before = snapshot(talks)
    result = import_tables([write_rows(tmp_path / "p.csv", rows)], talks)
    assert (talks / "rounds" / "2024-04-02.yaml",) == result.written
    assert ("2024-04-02",) == result.added
    after = snapshot(talks)
    assert before == {k: v for k, v in after.items() if k != "rounds/2024-04-02.yaml"}
    dossier = nt.load(talks)
    third = dossier.round("2024-04-02")
    assert ("Third round", "2024-04-02") == (third.title, third.when.isoformat())
    assert (
        2.5
        == dossier.effective_positions("2024-04-02")[("management", "wage-rise")].value.preferred
    )


def test_an_existing_round_changes_only_with_force(tmp_path: Path) -> None:
    """A changed row of a round that has positions is refused at its cell; --force replaces them."""
    talks = tmp_path / "talks"
    nt.save(nt.load(MINIMAL), talks)
    rows = csv_rows(nt.load(talks))
    rows[0]["preferred"] = "1.5"
    table = write_rows(tmp_path / "p.csv", rows)
    before = snapshot(talks)
    with pytest.raises(nt.LoadError) as caught:
        import_tables([table], talks)
    (problem,) = caught.value.problems
    assert "round '2024-03-01' has positions in the dossier already" in problem.message
    assert "--force" in problem.message
    assert before == snapshot(talks)
    result = import_tables([table], talks, force=True)
    assert ("2024-03-01",) == result.replaced
    held = nt.load(talks).effective_positions("2024-03-01")[("management", "wage-rise")]
    assert 1.5 == held.value.preferred


def test_a_carried_row_must_match_what_is_in_force(tmp_path: Path) -> None:
    """A row marked carried is checked, not imported: edited, it is refused with a hint."""
    talks = tmp_path / "talks"
    nt.save(nt.load(MINIMAL), talks)
    rows = csv_rows(nt.load(talks))
    (carried,) = [r for r in rows if r["carried"] == "true"]
    carried["salience"] = "0.1"
    with pytest.raises(nt.LoadError) as caught:
        import_tables([write_rows(tmp_path / "p.csv", rows)], talks)
    (problem,) = caught.value.problems
    assert "column carried" in problem.path
    assert "clear carried to restate it" in problem.message


def test_an_import_into_a_folder_that_is_no_dossier_is_refused(tmp_path: Path) -> None:
    """Import adds rounds to a dossier folder; it does not invent parties and issues."""
    table = write_csvs(nt.load(MINIMAL), tmp_path / "tables")
    with pytest.raises(nt.LoadError, match=r"not a dossier folder: no negotiation\.yaml"):
        import_tables(table, tmp_path / "nothing")


def test_a_new_round_needs_its_title_and_day(tmp_path: Path) -> None:
    """A round the dossier lacks takes its title and day from the table; without them, a problem."""
    talks, rows = new_round(tmp_path)
    for row in rows:
        if row["round_id"] == "2024-04-02":
            row["round_title"] = ""
    with pytest.raises(nt.LoadError) as caught:
        import_tables([write_rows(tmp_path / "p.csv", rows)], talks)
    assert ["round '2024-04-02' is new: give its round_title"] == [
        p.message for p in caught.value.problems
    ]


def test_a_round_that_restates_from_an_inserted_round_needs_force(tmp_path: Path) -> None:
    """A round file leaving keys to the round before it is rewritten, to keep them, only with --force."""
    talks = tmp_path / "talks"
    nt.save(nt.load(MINIMAL), talks)
    later = nt.load(talks).round("2024-03-15")
    rows = [r for r in csv_rows(nt.load(talks)) if r["round_id"] == "2024-03-01"]
    for row in rows:
        row.update(round_id="2024-03-08", round_date="2024-03-08", round_title="Between")
        row.update(salience="0.25", carried="false")
    table = write_rows(tmp_path / "p.csv", rows)
    before = snapshot(talks)
    with pytest.raises(nt.LoadError, match="restates positions from the rounds before it"):
        import_tables([table], talks)
    assert before == snapshot(talks)
    result = import_tables([table], talks, force=True)
    assert ["2024-03-08.yaml", "2024-03-15.yaml"] == [p.name for p in result.written]
    assert Counter(later.positions) == Counter(nt.load(talks).round("2024-03-15").positions)


def test_a_statement_known_to_the_month_comes_back_so(tmp_path: Path) -> None:
    """A statement dated 2024-02 is the day 2024-02-01 with precision month, and reads back as written."""
    x = nt.load(MINIMAL)
    month = nt.Statement("s-month", nt.PartialDate.parse("2024-02"), party="union", summary="-")
    first = attrs.evolve(x.rounds[0], statements=(*x.rounds[0].statements, month))
    unsourced = tuple(attrs.evolve(p, evidence=()) for p in x.proposals)
    x = attrs.evolve(x, proposals=unsourced, rounds=(first, *x.rounds[1:]))
    (row,) = [r for r in nt.export_rows(x, "statements") if r["statement_id"] == "s-month"]
    assert ("2024-02-01", "month", "-") == (
        row["date"].isoformat(),
        row["date_precision"],
        row["summary"],
    )
    nt.save(emptied(x), tmp_path / "talks")
    import_tables(write_csvs(x, tmp_path / "tables"), tmp_path / "talks")
    back = nt.load(tmp_path / "talks").statement("s-month")
    assert "2024-02" == back.date.isoformat()
    assert stated(x) == stated(nt.load(tmp_path / "talks"))
