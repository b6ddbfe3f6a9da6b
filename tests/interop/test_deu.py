"""DEU-style wide tables: one row per issue, p<actor> and s<actor> columns, rp, out, weights."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.cli._main import main
from negotrack.files._parse import parse
from negotrack.interop import _foreign
from negotrack.interop._coded import (
    Coded,
    CodedActor,
    CodedIssue,
    CodedPosition,
    _as_parsed,
    _data,
    dossier_from,
)
from negotrack.interop._deu import _Reader, import_deu
from negotrack.interop._foreign import Problems, read_text
from tests.interop.coded import DAY, held, problems_of
from tests.interop.test_import import snapshot

FIXTURES = Path(__file__).parent / "fixtures" / "deu"


def test_a_tab_separated_table_with_weights_metadata_and_a_missing_outcome() -> None:
    """Weights from the weights row, type and procedure as tags, NA and . as unknown, salience / 100."""
    n = import_deu(FIXTURES / "council.tsv", date=DAY)
    assert [("COM", 1.0), ("DE", 3.0), ("FR", 3.0), ("EP", 2.0)] == [
        (p.id, p.weight) for p in n.parties
    ]
    fish, levy = n.issues
    assert ("fish-quota", "Fishing quota", ("type:quantitative", "procedure:QMV")) == (
        fish.id,
        fish.title,
        fish.tags,
    )
    assert (0.0, 50.0) == (fish.reference, fish.outcome)
    assert ("levy", "Levy on imports", ("type:dichotomous", "procedure:unanimity")) == (
        levy.id,
        levy.title,
        levy.tags,
    )
    assert (0.0, None) == (levy.reference, levy.outcome)
    assert nt.NumericScale(min=0, max=100) == fish.scale == levy.scale
    assert [
        ("COM", "fish-quota", 60.0, 0.5),
        ("DE", "fish-quota", 20.0, 0.8),
        ("FR", "fish-quota", 100.0, 0.9),
        ("EP", "fish-quota", 70.0, 0.4),
        ("COM", "levy", 100.0, 0.7),
        ("DE", "levy", 0.0, 1.0),
        ("EP", "levy", 100.0, 0.6),
    ] == held(n)
    assert {nt.Basis.INFERRED} == {p.basis for p in n.rounds[0].positions}
    assert "council.tsv (DEU-style table)" == n.sources[0].title


def test_a_comma_separated_table_with_cr_endings_ranges_and_weights_last() -> None:
    """CR-only lines, saliences on 0-1, min and max per row, an unknown column kept as a tag."""
    path = FIXTURES / "small.csv"
    assert b"\n" not in path.read_bytes()
    n = import_deu(path, date=DAY)
    assert [("A", 2.0), ("B", 1.0)] == [(p.id, p.weight) for p in n.parties]
    first, second = n.issues
    assert (nt.NumericScale(min=0, max=10), 5.0, None, ("year:2001",)) == (
        first.scale,
        first.reference,
        first.outcome,
        first.tags,
    )
    assert (nt.NumericScale(min=0, max=100), None, 60.0, ("year:2002",)) == (
        second.scale,
        second.reference,
        second.outcome,
        second.tags,
    )
    assert [
        ("A", "i1", 2.0, 0.5),
        ("B", "i1", 8.0, 1.0),
        ("A", "i2", 40.0, 0.25),
        ("B", "i2", 60.0, 0.75),
    ] == held(n)


def test_every_problem_of_a_table_at_its_row_and_column() -> None:
    """A salience beyond 100, a repeated issue, a bad key, values off the scale, two weights rows."""
    f = FIXTURES / "invalid.tsv"
    meta = "; a column of issue metadata is named so that it reads as no actor's (p or s and a key), unless it is 'type' or 'procedure'"
    assert [
        f"{f}:1:6: row 1, column pC: no salience column for actor 'C' (sC){meta}",
        f"{f}:2:3: row 2, column sA: salience 120 is outside 0-100 (the table's saliences are on 0-100, as one of them is above 1)",
        f"{f}:3:1: row 3, column id: repeats row 2: a second issue 'i1'",
        f"{f}:4:1: row 4, column id: 'i/2' is no key negotrack can use: letters, digits, '.', '_' and '-', a letter or digit first (such as 'i-2')",
        f"{f}:4:2: row 4, column pA: position 200 is outside the issue's scale, 0 to 100",
        f"{f}:4:4: row 4, column pB: position: 'x' is not a number",
        f"{f}:4:7: row 4, column rp: reference point 150 is outside the issue's scale, 0 to 100",
        f"{f}:5:5: row 5, column sB: a salience and no position for 'B'",
        f"{f}:6:5: row 6, column sB: the weights row gives each weight in the position column (pB): leave this cell empty",
        f"{f}:7:1: row 7, column id: a second row of weights: row 6 is one",
    ] == problems_of(import_deu, f)


def test_header_problems(tmp_path: Path) -> None:
    """No id column, min without max, a repeated column, a nameless one, metadata named like an actor."""
    f = tmp_path / "h.csv"
    f.write_text("title,pA,sA,pA,,min,sB,proposal\nx,1,1,1,,0,1,3\n", encoding="utf-8")
    meta = "; a column of issue metadata is named so that it reads as no actor's (p or s and a key), unless it is 'type' or 'procedure'"
    assert [
        f"{f}:1:1: row 1: a DEU table needs a column 'id' (or 'issue') for the issues' keys",
        f"{f}:1:1: row 1: a column 'min' goes with a column 'max': give both",
        f"{f}:1:4: row 1, column pA: repeats column 2 ('pA')",
        f"{f}:1:5: row 1, column 5: a column without a name",
        f"{f}:1:7: row 1, column sB: no position column for actor 'B' (pB){meta}",
        f"{f}:1:8: row 1, column proposal: no salience column for actor 'roposal' (sroposal){meta}",
    ] == problems_of(import_deu, f)


def test_cells_out_of_place(tmp_path: Path) -> None:
    """A negative salience or weight, an outcome off the scale, min not below max, extra cells."""
    f = tmp_path / "t.csv"
    f.write_text(
        "id,p_X,s_X,out,min,max\na,5,-1,11,0,10\nb,5,0.5,,3,3\nc,5,0.5,,,,more\nweights,-2,,,,\n",
        encoding="utf-8",
    )
    assert [
        f"{f}:2:3: row 2, column s_X: salience -1 is below 0",
        f"{f}:2:4: row 2, column out: outcome 11 is outside the issue's scale, 0 to 10",
        f"{f}:3:6: row 3, column max: max 3 is not above min 3",
        f"{f}:4:1: row 4: 7 cells, and the header names 6",
        f"{f}:5:2: row 5, column p_X: weight -2 is below 0",
    ] == problems_of(import_deu, f)


def test_underscored_actor_columns_and_no_saliences(tmp_path: Path) -> None:
    """p_X and s_X name actor X; a position without a salience has none; no weights, no weight."""
    f = tmp_path / "t.csv"
    f.write_text("issue,p_X,s_X,p_Y,s_Y\na,10,,90,NaN\n", encoding="utf-8")
    n = import_deu(f, date=DAY)
    assert [("X", None), ("Y", None)] == [(p.id, p.weight) for p in n.parties]
    assert [("X", "a", 10.0, None), ("Y", "a", 90.0, None)] == held(n)


def test_a_header_and_no_rows(tmp_path: Path) -> None:
    """A table with a header only is refused."""
    f = tmp_path / "t.tsv"
    f.write_text("id\tpA\tsA\n", encoding="utf-8")
    assert [f"{f}: no rows: the table has a header and nothing else"] == problems_of(import_deu, f)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\n \n", "the file is empty"),
        (b"id\tpA\x00\xff", "a binary file (a NUL byte), not a text table"),
        ("id\tpA\tsA\n".encode("utf-16-be"), "UTF-16 without a byte order mark"),
        ("id\tpA\tsA\nréforme\t1\t1\n".encode("latin-1"), "byte 0xE9 is not UTF-8"),
    ],
)
def test_files_that_are_no_text_tables(tmp_path: Path, data: bytes, message: str) -> None:
    """A blank, binary, UTF-16 without BOM or Latin-1 file: one problem naming the file."""
    f = tmp_path / "t.tsv"
    f.write_bytes(data)
    (problem,) = problems_of(import_deu, f)
    assert problem.startswith(str(f))
    assert message in problem


def test_utf16_with_a_byte_order_mark_and_a_file_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """UTF-16 with its BOM is read; a file over the cap (lowered for the test) is refused."""
    f = tmp_path / "t.tsv"
    f.write_bytes(codecs.BOM_UTF16_BE + "id\tpA\tsA\na\t50\t80\n".encode("utf-16-be"))
    assert [("A", "a", 50.0, 0.8)] == held(import_deu(f, date=DAY))
    monkeypatch.setattr(_foreign, "MAX_BYTES", 16)
    (problem,) = problems_of(import_deu, f)
    assert "import reads files of at most" in problem


def test_import_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """import --from deu writes a dossier that loads; a bad table writes nothing and exits 2."""
    into = tmp_path / "council"
    source = FIXTURES / "council.tsv"
    assert 0 == main(["import", "--from", "deu", str(source), "--into", str(into)])
    assert f"read 4 parties, 2 issues and 7 positions; wrote the dossier {into}\n" == (
        capsys.readouterr().out
    )
    assert 50.0 == nt.load(into).issue("fish-quota").outcome
    before = snapshot(into)
    bad = FIXTURES / "invalid.tsv"
    assert 2 == main(["import", "--from", "deu", str(bad), "--into", str(into), "--force"])
    out, err = capsys.readouterr()
    assert "" == out
    assert 10 == len(err.splitlines())
    assert before == snapshot(into)


def test_the_dossier_is_what_its_text_loads_as(tmp_path: Path) -> None:
    """Made from the parsed form of its text, the dossier equals `loads` of that text."""
    for name in ("council.tsv", "small.csv"):
        coded = _Reader(Problems(name), "x").read(read_text(FIXTURES / name))
        data = _data(coded, name, Path(name).stem, "DEU-style table", DAY)
        text = json.dumps(data)
        assert parse(text.encode(), name) == _as_parsed(data)
        assert nt.loads(text, filename=name) == import_deu(FIXTURES / name, date=DAY)
    wrong = CodedPosition("A", "i1", 5.0, salience=2.0)
    coded = Coded(None, (CodedActor("A", "A"),), (CodedIssue("i1", "I", 0, 10),), (wrong,))
    with pytest.raises(nt.LoadError) as caught:
        dossier_from(coded, file=tmp_path / "t.tsv", fmt="deu", date=DAY)
    (problem,) = caught.value.problems
    assert (str(tmp_path / "t.tsv"), 1) == (problem.file, problem.line)
    assert "rounds[0].positions[0].salience" in problem.path


#: Text as JSON escapes it for YAML's reader: past U+FFFF its escapes are surrogate pairs,
#: which libyaml refuses; that text is why a dossier is no longer made by parsing it.
_BMP = st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"]))


@given(
    st.recursive(
        st.floats(allow_nan=False, allow_infinity=False) | st.integers() | _BMP,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_BMP, inner, max_size=3),
        max_leaves=12,
    )
)
def test_the_parsed_form_is_what_parsing_the_text_gives(value: object) -> None:
    """Numbers as their JSON text, strings as they are, in dicts and lists: as parsed."""
    assert parse(json.dumps({"v": value}).encode(), "x") == _as_parsed({"v": value})


def test_a_name_beyond_the_basic_plane(tmp_path: Path) -> None:
    """A name with a character past U+FFFF (as in historic scripts, or mathematical letters)."""
    f = tmp_path / "t.csv"
    f.write_text("issue,pA,sA,title\na,5,0.5,\U0001d538 levy\n", encoding="utf-8")
    assert "\U0001d538 levy" == import_deu(f, date=DAY).issue("a").title
