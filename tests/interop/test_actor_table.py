"""Actor tables (Bueno de Mesquita style): read into a dossier, written from any round, round trip."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.cli._main import main
from negotrack.interop import _foreign
from negotrack.interop._actors import export_actor_table, import_actor_table
from negotrack.interop._foreign import ForeignUsageError
from tests.conftest import MINIMAL
from tests.interop.coded import DAY, held, problems_of
from tests.interop.test_import import snapshot
from tests.strategies import negotiations

FIXTURES = Path(__file__).parent / "fixtures" / "actors"


def test_one_issue_with_cr_endings_an_odd_header_and_saliences_on_0_100() -> None:
    """CR-only lines, columns out of order in odd case, clout for capability, salience / 100."""
    path = FIXTURES / "eu-budget.csv"
    assert b"\r" in path.read_bytes()
    assert b"\n" not in path.read_bytes()
    n = import_actor_table(path, date=DAY)
    assert "eu-budget" == n.id
    assert [("DE", "DE", 30.0), ("FR", "FR", 25.0), ("UK", "UK", 20.0), ("PL", "PL", 10.0)] == [
        (p.id, p.name, p.weight) for p in n.parties
    ]
    (issue,) = n.issues
    assert ("eu-budget", "eu budget") == (issue.id, issue.title)
    assert nt.NumericScale(min=0, max=100) == issue.scale
    assert [
        ("DE", "eu-budget", 20.0, 0.8),
        ("FR", "eu-budget", 70.0, 0.6),
        ("UK", "eu-budget", 0.0, 1.0),
        ("PL", "eu-budget", 90.0, 0.4),
    ] == held(n)
    (round_,) = n.rounds
    assert ("2024-05-01", DAY) == (round_.id, round_.date)
    assert {nt.Basis.INFERRED} == {p.basis for p in round_.positions}
    assert ("DE-coded",) == round_.positions[0].evidence
    assert "eu-budget.csv" == n.sources[0].file


def test_several_issues_with_names_and_a_range_of_their_own() -> None:
    """An issue column, a name column, CR LF endings; min and max give the tariff 0-20."""
    n = import_actor_table(FIXTURES / "trade.csv", date=DAY)
    assert [("us", "United States", 0.9), ("cn", "China", 0.8)] == [
        (p.id, p.name, p.weight) for p in n.parties
    ]
    assert [("tax", 0.0, 100.0), ("tariff", 0.0, 20.0)] == [
        (i.id, i.scale.min, i.scale.max) for i in n.issues if isinstance(i.scale, nt.NumericScale)
    ]
    assert [
        ("us", "tax", 25.0, 0.5),
        ("cn", "tax", 60.0, 0.9),
        ("us", "tariff", 10.0, 1.0),
        ("cn", "tariff", 20.0, 0.25),
    ] == held(n)


def test_saliences_all_at_most_1_are_read_on_0_1(tmp_path: Path) -> None:
    """No salience above 1: the table is on 0-1, even if its coder meant 0-100 (documented)."""
    path = tmp_path / "low.csv"
    path.write_text("actor;position;salience;resources\nA;10;0;5\nB;90;1;5\nC;50;0.5;0\n")
    assert [0.0, 1.0, 0.5] == [s for *_, s in held(import_actor_table(path, date=DAY))]
    path.write_text("actor,position,salience,resources\nA,10,0,5\nB,90,1,5\nC,50,2,0\n")
    assert [0.0, 0.01, 0.02] == [s for *_, s in held(import_actor_table(path, date=DAY))]


def test_every_problem_of_a_table_at_its_row_and_column() -> None:
    """Negative capability, a repeated actor, a bad key, position and salience out of range."""
    f = FIXTURES / "invalid.csv"
    assert [
        f"{f}:3:2: row 3, column Capability: capability -5 is below 0",
        f"{f}:4:1: row 4, column Actor: repeats row 2: a second position of 'DE' on 'invalid'",
        f"{f}:5:1: row 5, column Actor: 'United Kingdom' is no key negotrack can use: letters, digits, '.', '_' and '-', a letter or digit first (such as 'United-Kingdom')",
        f"{f}:6:3: row 6, column Position: position 120 is outside the issue's scale, 0 to 100",
        f"{f}:7:2: row 7, column Capability: 'ten' is not a number",
        f"{f}:7:4: row 7, column Salience: salience 150 is outside 0-100 (the table's saliences are on 0-100, as one of them is above 1)",
        f"{f}:8:4: row 8, column Salience: empty: give the salience as a number",
    ] == problems_of(import_actor_table, f)


def test_header_problems(tmp_path: Path) -> None:
    """A typo with a did-you-mean, two capability columns, min without max, a missing column."""
    f = tmp_path / "h.csv"
    f.write_text("actor,capability,clout,positon,min\nA,1,1,50,0\n", encoding="utf-8")
    assert [
        f"{f}:1:1: row 1: an actor table needs a column 'position'",
        f"{f}:1:1: row 1: an actor table needs a column 'salience'",
        f"{f}:1:1: row 1: a column 'min' goes with a column 'max': give both",
        f"{f}:1:3: row 1, column clout: a second capability column: 'capability' (column 2) is one",
        f"{f}:1:4: row 1, column positon: unknown column 'positon' (did you mean 'position'?)",
    ] == problems_of(import_actor_table, f)


def test_an_actor_and_an_issue_say_one_thing_across_rows(tmp_path: Path) -> None:
    """One capability and name per actor, one scale per issue; min must lie below max."""
    f = tmp_path / "t.csv"
    f.write_text(
        "issue,actor,name,capability,position,salience,min,max\n"
        "a,X,Ex,2,5,0.5,0,10\n"
        "b,X,Eks,3,5,0.5,0,10\n"
        "a,Y,Why,1,5,0.5,0,20\n"
        "c,Y,Why,1,5,0.5,9,9\n"
        "c,Z,Zed,1,5,0.5,,,extra\n",
        encoding="utf-8",
    )
    assert [
        f"{f}:3:3: row 3, column name: 'X' is named 'Ex' in row 2",
        f"{f}:3:4: row 3, column capability: 'X' has capability 2 in row 2: an actor has one",
        f"{f}:4:7: row 4, column min: 'a' runs from 0 to 10 in row 2: an issue has one scale",
        f"{f}:5:8: row 5, column max: max 9 is not above min 9",
        f"{f}:6:1: row 6: 9 cells, and the header names 8",
    ] == problems_of(import_actor_table, f)


def test_a_header_and_no_rows(tmp_path: Path) -> None:
    """A table with a header only is refused: there is nothing to import."""
    f = tmp_path / "t.csv"
    f.write_text("actor,capability,position,salience\n\n", encoding="utf-8")
    assert [f"{f}: no rows: the table has a header and nothing else"] == problems_of(
        import_actor_table, f
    )


def test_na_is_an_actor_but_no_number(tmp_path: Path) -> None:
    """NA (Namibia) is a key; NA where a number belongs is a missing number."""
    f = tmp_path / "t.csv"
    f.write_text("actor,capability,position,salience\nNA,1,NA,0.5\n", encoding="utf-8")
    assert [f"{f}:2:3: row 2, column position: empty: give the position as a number"] == (
        problems_of(import_actor_table, f)
    )


def test_notes_and_numbers_written_as_no_number(tmp_path: Path) -> None:
    """A note column is the position's note; a decimal comma, 1e999 and a stray quote are problems."""
    f = tmp_path / "t.csv"
    f.write_text(
        "actor;capability;position;salience;note\n"
        "A;1;40;0.5;coded from the minutes\n"
        "B;1;50,5;0.5;\n"
        "C;1e999;50;0.5;\n"
        'D;1;"5"0;0.5;\n',
        encoding="utf-8",
    )
    assert [
        f"{f}:3:3: row 3, column position: '50,5': write the decimals after a point (50.5)",
        f"{f}:4:2: row 4, column capability: '1e999' is too large a number",
        f"{f}:5:1: row 5: not semicolon-separated: ';' expected after '\"'",
    ] == problems_of(import_actor_table, f)
    f.write_text("actor;capability;position;salience;note\nA;1;40;0.5;from the minutes\n")
    (round_,) = import_actor_table(f, date=DAY).rounds
    assert "from the minutes" == round_.positions[0].note


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"actor,capability\x00\x01\x02", "a binary file (a NUL byte), not a text table"),
        ("actor,capabilité".encode("utf-16-le"), "UTF-16 without a byte order mark"),
        ("actor,capabilité\n".encode("latin-1"), "byte 0xE9 is not UTF-8"),
    ],
)
def test_files_that_are_no_text_tables(tmp_path: Path, data: bytes, message: str) -> None:
    """An empty, binary, UTF-16 without BOM or Latin-1 file: one problem naming the file."""
    f = tmp_path / "t.csv"
    f.write_bytes(data)
    (problem,) = problems_of(import_actor_table, f)
    assert problem.startswith(str(f))
    assert message in problem


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Spreadsheets' "Unicode text" (UTF-16 with BOM, tab-separated) is read."""
    f = tmp_path / "t.txt"
    text = "actor\tcapability\tposition\tsalience\r\nA\t1\t40\t0.5\r\n"
    f.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert [("A", "t", 40.0, 0.5)] == held(import_actor_table(f, date=DAY))


def test_a_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over the size cap is refused before it is read (the cap lowered for the test)."""
    monkeypatch.setattr(_foreign, "MAX_BYTES", 64)
    f = tmp_path / "t.csv"
    f.write_text("actor,capability,position,salience\n" + "A,1,40,0.5\n" * 10, encoding="utf-8")
    (problem,) = problems_of(import_actor_table, f)
    assert "import reads files of at most" in problem


# -- export ------------------------------------------------------------------------------------


def test_export_every_issue_of_the_last_round() -> None:
    """Carried positions count; ordinal ranks go on 0-100; a 0-10 scale adds min and max."""
    assert (
        "issue,actor,capability,position,salience,min,max\n"
        "wage-rise,management,1,3.5,0.6,0,10\n"
        "wage-rise,union,1,5,0.9,0,10\n"
        "weekend-shifts,management,1,50,0.8,0,100\n"
        "weekend-shifts,union,1,0,0.5,0,100\n"
    ) == export_actor_table(nt.load(MINIMAL))


def test_export_one_issue_of_the_first_round() -> None:
    """With an issue, the four columns of the literature; one_in_two is the top of 0-100."""
    assert (
        "actor,capability,position,salience\nmanagement,1,100,0.8\nunion,1,0,0.5\n"
    ) == export_actor_table(nt.load(MINIMAL), round="2024-03-01", issue="weekend-shifts")


def test_export_refuses_what_it_cannot_write() -> None:
    """An unknown round or issue (with a did-you-mean), a categorical issue, no rounds."""
    n = nt.load(MINIMAL)
    with pytest.raises(
        nt.UnknownIdError, match=r"unknown round '2024-03-16'; the dossier has '2024-03-01'"
    ):
        export_actor_table(n, round="2024-03-16")
    with pytest.raises(nt.UnknownIdError, match=r"did you mean 'wage-rise'"):
        export_actor_table(n, issue="wage-rose")
    options = (nt.Option("a", "A"), nt.Option("b", "B"))
    coloured = attrs.evolve(
        n, issues=(*n.issues, nt.Issue("colour", "Colour", nt.CategoricalScale(options=options)))
    )
    with pytest.raises(ForeignUsageError, match="categorical"):
        export_actor_table(coloured, issue="colour")
    assert "colour" not in export_actor_table(coloured)
    with pytest.raises(ForeignUsageError, match="no rounds"):
        export_actor_table(attrs.evolve(n, rounds=()))


def _expected(n: nt.Negotiation, round_id: str) -> tuple[dict[tuple[str, str], float], ...]:
    """Value, salience and weight of each exportable position in force: what must come back."""
    values, saliences, weights = {}, {}, {}
    party_weight = {p.id: p.weight for p in n.parties}
    for (party, issue_id), effective in n.effective_positions(round_id).items():
        position = effective.value
        issue = next((i for i in n.issues if i.id == issue_id), None)
        if issue is None or not isinstance(issue.scale, nt.NumericScale):
            continue
        if position.preferred is None:
            continue
        values[party, issue_id] = float(issue.scale.value_of(position.preferred))
        saliences[party, issue_id] = 1.0 if position.salience is None else position.salience
        weight = party_weight[party]
        weights[party, ""] = 1.0 if weight is None else weight
    return values, saliences, weights


@st.composite
def weighted(draw: st.DrawFn) -> tuple[nt.Negotiation, str]:
    """A dossier with at least one round, its parties weighted or not, and one of its rounds."""
    n = draw(negotiations())
    assume(n.rounds)
    # whole numbers as YAML reads them, ints (``weight: 2``), as well as floats
    weights = st.none() | st.floats(0, 1e9) | st.integers(0, 1000)
    parties = tuple(attrs.evolve(p, weight=draw(weights)) for p in n.parties)
    n = attrs.evolve(n, parties=parties)
    return n, draw(st.sampled_from([r.id for r in n.rounds]))


@given(weighted())
def test_export_then_import_gives_back_positions_saliences_and_weights(
    case: tuple[nt.Negotiation, str],
) -> None:
    """The positions in force on numeric issues, their saliences and the weights come back."""
    n, round_id = case
    values, saliences, weights = _expected(n, round_id)
    assume(values)
    text = export_actor_table(n, round=round_id)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "trip.csv"
        path.write_text(text, encoding="utf-8")
        back = import_actor_table(path, date=DAY)
    numeric = {i.id for i in n.issues if isinstance(i.scale, nt.NumericScale)}
    (round_,) = back.rounds
    came = [p for p in round_.positions if p.issue in numeric]
    assert values == {(p.party, p.issue): p.preferred for p in came}
    assert saliences == {(p.party, p.issue): p.salience for p in came}
    back_weights = {p.id: p.weight for p in back.parties}
    assert weights == {(party, ""): back_weights[party] for party, _ in values}
    scales = {i.id: i.scale for i in n.issues if isinstance(i.scale, nt.NumericScale)}
    for issue in back.issues:
        if issue.id in scales:
            scale = scales[issue.id]
            assert nt.NumericScale(min=scale.min, max=scale.max) == issue.scale


# -- command line ------------------------------------------------------------------------------


def test_import_and_export_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """import --from bdm makes the dossier; export -f bdm --issue writes its one issue back."""
    into = tmp_path / "budget"
    source = FIXTURES / "eu-budget.csv"
    assert 0 == main(
        ["import", "--from", "bdm", str(source), "--into", str(into), "--date", "2024-05-01"]
    )
    assert f"read 4 parties, 1 issues and 4 positions; wrote the dossier {into}\n" == (
        capsys.readouterr().out
    )
    assert 0 == main(["export", str(into), "-f", "bdm", "--issue", "eu-budget"])
    assert (
        "actor,capability,position,salience\nDE,30,20,0.8\nFR,25,70,0.6\nUK,20,0,1\nPL,10,90,0.4\n"
    ) == capsys.readouterr().out
    out = tmp_path / "all.csv"
    assert 0 == main(["export", str(into), "-f", "bdm", "--round", "2024-05-01", "-o", str(out)])
    assert out.read_text(encoding="utf-8").startswith("issue,actor,capability,position,salience\n")


def test_a_bad_table_on_the_command_line_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every problem is one line on stderr, the exit code 2, and the folder stays as it was."""
    into = tmp_path / "budget"
    into.mkdir()
    (into / "notes.txt").write_text("kept", encoding="utf-8")
    before = snapshot(into)
    source = FIXTURES / "invalid.csv"
    assert 2 == main(["import", "--from", "bdm", str(source), "--into", str(into)])
    out, err = capsys.readouterr()
    assert "" == out
    assert 7 == len(err.splitlines())
    assert all(line.startswith(f"{source}:") for line in err.splitlines())
    assert before == snapshot(into)
    assert 2 == main(["export", str(MINIMAL), "-f", "bdm", "--issue", "wage-rose"])
    (line,) = capsys.readouterr().err.splitlines()
    assert "unknown issue 'wage-rose' (did you mean 'wage-rise'?)" in line
