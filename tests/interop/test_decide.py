"""The Decide exchange model's input files: read into a dossier, written from a round, and back.

The fixtures in fixtures/decide/ were written for these tests; the numbers expected of them were
read off the files by hand (docs/decide.md walks through the first).
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.interop import _foreign
from negotrack.interop._decide import export_decide, import_decide, parse_cells
from negotrack.interop._decide_out import cell
from negotrack.model._plain import plain
from tests.conftest import FLAGSHIP, MINIMAL
from tests.interop.coded import DAY, problems_of

FIXTURES = Path(__file__).parent / "fixtures" / "decide"


def _written(tmp_path: Path, text: str, name: str = "in.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


# -- a good file ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["council.txt", "council-crlf.txt", "council-cr.txt"])
def test_the_council_file_gives_the_dossier_read_off_it_by_hand(name: str) -> None:
    """LF, CR LF and CR-only endings, quoted and unquoted cells, comments, blank lines, #O."""
    negotiation = import_decide(FIXTURES / name, date=DAY)
    assert negotiation.title == "Town council: tolls (invented illustration)"
    assert [(p.id, p.name, p.weight, p.description) for p in negotiation.parties] == [
        ("mayor", "The Mayor", 1, "chairs the council"),
        ("greens", "Green group", 0.6, None),
        ("traders", "Traders' association", 0.5, "speaks for the shops"),
    ]
    scales = {issue.id: issue.scale for issue in negotiation.issues}
    assert all(isinstance(scale, nt.NumericScale) for scale in scales.values())
    assert [(s.min, s.max) for s in scales.values()] == [(0, 100), (50, 700), (0, 100)]  # type: ignore[union-attr]
    assert scales["toll"].marks == (  # type: ignore[union-attr]
        nt.Mark(0, "No toll"),
        nt.Mark(50, "Only at rush hour"),
        nt.Mark(100, "A toll all day, every day"),
    )
    assert scales["fee"].marks == (nt.Mark(50, "half a euro"), nt.Mark(700, "seven euros"))  # type: ignore[union-attr]
    assert scales["budget"].marks == ()  # type: ignore[union-attr]
    assert negotiation.issue("fee").description == "per car"
    (round_,) = negotiation.rounds
    assert (round_.id, round_.date) == ("2024-05-01", DAY)
    got = [(p.party, p.issue, p.preferred, p.salience) for p in round_.positions]
    assert got == [
        ("mayor", "toll", 100, 0.9),
        ("greens", "toll", 100, 0.8),
        ("traders", "toll", 0, 1),
        ("mayor", "fee", 300, 0.5),
        ("greens", "fee", 500, 0.7),
        ("traders", "fee", 50, 0.6),
        ("mayor", "budget", 40, 0.3),
        ("traders", "budget", 80, 0.9),
    ]
    assert {p.basis for p in round_.positions} == {nt.Basis.INFERRED}
    assert round_.positions[0].evidence == ("mayor-coded",)
    notes = {(p.party, p.issue): p.note for p in round_.positions if p.note}
    assert notes == {
        ("traders", "toll"): "will campaign against it",
        # the traders' power differs by issue: the weight is the first, the other kept here
        ("traders", "fee"): "power 0.4 on this issue (row 22); the weight is 0.5, the power in "
        "row 19",
    }
    assert [s.file for s in negotiation.sources] == [name]


def test_cells_are_unquoted_and_placed_by_their_column() -> None:
    """A cell wrapped in quotes loses them; a quote inside text is text; columns are 1-based."""
    assert parse_cells("#A\t'x'\t  it''s \t'it''s'\t\"a\"\"b\"\t's-Hertogenbosch") == [
        (1, "#A"),
        (4, "x"),
        (8, "it''s"),
        (17, "it's"),
        (25, 'a"b'),
        (32, "'s-Hertogenbosch"),
    ]


def test_a_file_in_utf16_with_its_byte_order_mark_is_read(tmp_path: Path) -> None:
    """As spreadsheets save "Unicode text"."""
    text = (FIXTURES / "council.txt").read_text(encoding="utf-8")
    path = tmp_path / "council.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert nt.dump(import_decide(path, date=DAY)) == nt.dump(
        import_decide(FIXTURES / "council.txt", date=DAY)
    )


def test_without_a_date_the_round_is_the_day_the_file_was_changed(tmp_path: Path) -> None:
    path = _written(tmp_path, "#A\ta\tA\n#P\tp\tP\n#D\ta\tp\t5\t1\t1\n")
    stamp = dt.datetime(2023, 7, 9, 12, tzinfo=dt.UTC).timestamp()
    import os  # noqa: PLC0415

    os.utime(path, (stamp, stamp))
    assert import_decide(path).rounds[0].id == "2023-07-09"


# -- bad input: every problem at once, at its row and cell ----------------------------------------


def test_every_problem_of_the_invalid_file_at_its_line_and_cell() -> None:
    """Each row's problems, in file order, named by row and column; none hides the others."""
    file = str(FIXTURES / "invalid.txt")
    assert problems_of(import_decide, FIXTURES / "invalid.txt") == [
        f"{file}:3:4: row 3, column key: a second #A row for actor 'a' (the first is row 2)",
        (
            f"{file}:4:4: row 4, column key: invalid actor key 'b c': negotrack uses the key as the "
            "actor's id, of letters, digits, '.', '_' and '-', starting with a letter or digit: "
            "rename it in the file"
        ),
        (
            f"{file}:8:1: row 8, column type: unknown row type '#X': Decide rows are #A (actor), "
            "#P (issue), #M (meaning), #D (position), #O (title), #/ or #0 (comment)"
        ),
        (
            f"{file}:10:4: row 10, column actor: a second position of actor 'a' on issue 'tax' "
            "(the first is row 9)"
        ),
        f"{file}:11:4: row 11, column actor: actor 'late' is used before its #A row (row 14)",
        f"{file}:12:6: row 12, column issue: issue 'tex' has no #P row (did you mean 'tax'?)",
        (f"{file}:13:10: row 13, column position: expected a number, not '2..5'"),
        (
            f"{file}:13:15: row 13, column salience: salience 80 lies outside 0 to 1 (80 out of 100 "
            "is 0.8)"
        ),
        f"{file}:13:18: row 13, column power: power 2 lies outside 0 to 1",
        (
            f"{file}:16:13: row 16, column position: position 50 lies off issue 'tax''s scale (10 "
            "to 30, set by its meanings in rows 6 and 7)"
        ),
        f"{file}:17:16: row 17, column power: a #D row needs its power here",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#A\ta\tA\n#Q\tx\n", ":2:1: row 2, column type: unknown row type '#Q'"),
        ("#a\tx\tX\n", ":1:1: row 1, column type: unknown row type '#a' (did you mean '#A'?)"),
        ("#A;x;X\n", "unknown row type '#A;x;X' (the cells of a row are separated by tabs"),
        ("actor\tx\n", "unknown row type 'actor' (a Decide row starts with its type)"),
        ("#P\tp\tP\n#D\ta\tp\t5\t1\t1\n", ":2:4: row 2, column actor: actor 'a' has no #A row"),
        ("#A\ta\tA\n#M\tp\t5\n#P\tp\tP\n", ":2:4: row 2, column issue: issue 'p' is used before"),
        ("#A\ta\tA\n#P\tp\tP\n#D\ta\tp\t101\t1\t1\n", "position 101 lies off issue 'p''s scale "),
        (
            "#A\ta\tA\n#P\tp\tP\n#D\ta\tp\t5\t-0.1\t1\n",
            ":3:10: row 3, column salience: salience -0.1 lies",
        ),
        ("#A\ta\tA\n#P\tp\tP\n#D\ta\tp\t5\t1\t1.5\n", ":3:12: row 3, column power: power 1.5 lies"),
        ("#A\ta\tA\n#P\tp\tP\n#D\ta\tp\tnan\t1\t1\n", "expected a number, not 'nan'"),
        ("#A\ta\tA\n#P\tp\tP\n#D\ta\tp\t1_0\t1\t1\n", "expected a number, not '1_0'"),
        ("#A\ta\tA\n#P\tp\tP\n#D\ta\tp\t1,000.5\t1\t1\n", "expected a number, not '1,000.5'"),
        ("#A\ta\tA\n#P\tp\tP\n#P\tp\tQ\n", ":3:4: row 3, column key: a second #P row for issue"),
        (
            "#A\ta\tA\n#P\tp\tP\n#M\tp\t0\n#M\tp\t5\tx\n#M\tp\t5\ty\n",
            ":5:6: row 5, column position: issue 'p' has a meaning at 5 already (row 4)",
        ),
        (
            "#A\ta\tA\n#P\tp\tP\n#M\tp\t5\n",
            ":3:6: row 3, column position: issue 'p' has one meaning only, at 5",
        ),
        ("#A\ta\n", ":1:5: row 1, column fullname: a #A row needs its fullname here"),
        ("#A\ta\tA\n#O\n", ":2:3: row 2, column title: an #O row needs the title after it"),
        ("#/ only\n#0\tcomments\n", ": no #A or #P row: not a Decide input file"),
        ("#A\tx y\tX\n#P\tp\tP\n#D\tx y\tp\t5\t1\t1\n", ":1:4: row 1, column key: invalid "),
    ],
)
def test_each_kind_of_bad_row(tmp_path: Path, text: str, expected: str) -> None:
    path = _written(tmp_path, text)
    problems = problems_of(import_decide, path)
    assert len(problems) == 1, problems  # no follow-on problem from the same mistake
    assert expected in problems[0]
    assert problems[0].startswith(str(path))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"\n \t\r\n", "the file is empty"),
        (b"#A\ta\tA\n\x00\x01\x02", ":2:1: a binary file"),
        ("#A\ta\tA\n".encode("utf-16-le"), "UTF-16 without a byte order mark"),
        ("#A\ta\tA\n#A\tb\tSão Tomé\n".encode("latin-1"), ":2:7: byte 0xE3 is not UTF-8"),
    ],
)
def test_files_that_are_no_text_in_utf8_or_utf16(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    (problem,) = problems_of(import_decide, path)
    assert expected in problem


def test_a_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit is 64 MiB; patched down here, so that no test writes 100 MB."""
    monkeypatch.setattr(_foreign, "MAX_BYTES", 100)
    path = _written(tmp_path, "#A\ta\tA\n" * 20)
    (problem,) = problems_of(import_decide, path)
    assert "a file of 0.0 MB: import reads files of at most" in problem


def test_at_most_200_problems_are_listed_and_the_rest_counted(tmp_path: Path) -> None:
    path = _written(tmp_path, "#X\n" * 250)
    problems = problems_of(import_decide, path)
    assert len(problems) == 201
    assert problems[-1].endswith("and 50 more problems not listed")


# -- export ---------------------------------------------------------------------------------------


def test_the_minimal_example_exports_as_worked_out_by_hand() -> None:
    """Numeric ends as meanings; ordinal options on 0-100; saliences as they are; power 1."""
    text = export_decide(nt.load(MINIMAL))
    rows = [line.rstrip("\t").split("\t") for line in text.splitlines()]
    assert {len(line.split("\t")) for line in text.splitlines()} == {6}  # padded to one width
    assert rows[0] == ["#O", "Wage talks at a bakery (invented illustration)"]
    assert [r for r in rows if r[0] == "#M"] == [
        ["#M", "wage-rise", "0", "0 percent"],
        ["#M", "wage-rise", "10", "10 percent"],
        ["#M", "weekend-shifts", "0", "Volunteers only"],
        ["#M", "weekend-shifts", "50", "One weekend in four"],
        ["#M", "weekend-shifts", "100", "One weekend in two"],
    ]
    assert [r for r in rows if r[0] == "#D"] == [
        ["#D", "management", "wage-rise", "3.5", "0.6", "1"],
        ["#D", "union", "wage-rise", "5", "0.9", "1"],
        ["#D", "management", "weekend-shifts", "50", "0.8", "1"],
        ["#D", "union", "weekend-shifts", "0", "0.5", "1"],
    ]
    earlier = export_decide(nt.load(MINIMAL), round="2024-03-01")
    assert "#D\tmanagement\twage-rise\t2\t0.6\t1\n" in earlier
    assert "#D\tmanagement\tweekend-shifts\t100\t0.8\t1\n" in earlier


def test_categorical_issues_unstated_values_and_weights_over_one(tmp_path: Path) -> None:
    """Left out with a comment; no salience is 1; weights over 1 divided by the largest."""
    negotiation = nt.loads(
        """
        id: t
        title: "=HYPERLINK(1)"
        parties:
          - {id: a, name: " A ", weight: 4}
          - {id: b, name: "it's", weight: 2}
          - {id: c, name: C}
        issues:
          - id: venue
            title: Venue
            scale: {kind: categorical, options: [{id: x, label: X}, {id: y, label: Y}]}
          - id: size
            title: Size
            scale: {kind: numeric, min: 0, max: 10, marks: [{value: 5, label: half}]}
        rounds:
          - id: r1
            title: R1
            date: 2024-01-01
            positions:
              - {party: a, issue: venue, preferred: x}
              - {party: a, issue: size, preferred: 4}
              - {party: b, issue: size, salience: 0.2}
              - {party: c, issue: size, preferred: 10, salience: 0.5, note: "-look\\there"}
        """
    )
    text = export_decide(negotiation)
    rows = [line.rstrip("\t").split("\t") for line in text.splitlines()]
    assert rows[0] == ["#O", "'=HYPERLINK(1)'"]  # quoted: a spreadsheet shows it as text
    assert ["#A", "a", "' A '"] in rows
    assert ["#A", "b", "it's"] in rows
    assert [r for r in rows if r[0] == "#M"] == [
        ["#M", "size", "0", "0"],
        ["#M", "size", "5", "half"],
        ["#M", "size", "10", "10"],
    ]
    assert [r for r in rows if r[0] == "#D"] == [
        ["#D", "a", "size", "4", "1", "1"],
        ["#D", "c", "size", "10", "0.5", "0.25", "'-look here'"],
    ]
    assert ["#/", "left out, as no line holds their options: venue"] in rows
    assert ["#/", "left out: 1 positions with no preferred value"] in rows
    back = import_decide(_written(tmp_path, text), date=DAY)
    assert [(p.name, p.weight) for p in back.parties] == [(" A ", 1), ("it's", None), ("C", 0.25)]
    assert back.title == "=HYPERLINK(1)"
    assert back.rounds[0].positions[1].note == "-look here"


def test_an_unknown_round_is_an_error_naming_the_rounds() -> None:
    with pytest.raises(
        nt.UnknownIdError, match=r"unknown round '2024-03-16'; the dossier has '2024-03-01'"
    ):
        export_decide(nt.load(MINIMAL), round="2024-03-16")


def test_a_dossier_without_rounds_exports_its_actors_and_issues(tmp_path: Path) -> None:
    negotiation = nt.loads(
        "id: t\ntitle: T\nparties: [{id: a, name: A}]\n"
        "issues: [{id: p, title: P, scale: {kind: numeric, min: 0, max: 1}}]\n"
    )
    text = export_decide(negotiation)
    assert "#/\tnegotrack export of t: positions none: it has no rounds" in text
    back = import_decide(_written(tmp_path, text), date=DAY)
    assert (len(back.parties), len(back.issues), back.rounds[0].positions) == (1, 1, ())


def test_the_flagship_round_trips_its_placed_positions(tmp_path: Path) -> None:
    """Every position in force with a value on a line comes back, its ordinal place on 0-100."""
    flagship = nt.load(FLAGSHIP)
    back = import_decide(_written(tmp_path, export_decide(flagship)), date=DAY)
    last = flagship.rounds[-1].id
    expected = {}
    for (party, issue_id), held in flagship.effective_positions(last).items():
        issue = flagship.issue(issue_id)
        if held.value.preferred is None or isinstance(issue.scale, nt.CategoricalScale):
            continue
        ids = issue.option_ids
        value = ids.index(str(held.value.preferred)) / (len(ids) - 1) * 100 if ids else None
        expected[party, issue_id] = value if ids else held.value.preferred
    got = {(p.party, p.issue): p.preferred for p in back.rounds[0].positions}
    assert got == expected
    assert len(got) >= 10


# -- the round trip, for any dossier of numeric issues with weights in range ----------------------

_texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,6}", fullmatch=True)
_shares = st.none() | st.floats(0, 1)


@st.composite
def _numeric_dossiers(draw: st.DrawFn) -> nt.Negotiation:
    party_ids = draw(st.lists(_ids, min_size=1, max_size=4, unique=True))
    issues = []
    for issue_id in draw(st.lists(_ids, min_size=1, max_size=3, unique=True)):
        low = draw(st.floats(-1e6, 1e6) | st.integers(-100, 100))
        high = low + draw(st.floats(1e-3, 1e6) | st.integers(1, 1000))
        values = draw(st.lists(st.floats(low, high), max_size=3, unique=True))
        marks = tuple(nt.Mark(v, draw(_texts)) for v in sorted(values))
        scale = nt.NumericScale(min=low, max=high, unit=draw(st.none() | _texts), marks=marks)
        issues.append(nt.Issue(issue_id, draw(_texts), scale, description=draw(st.none() | _texts)))
    rounds = []
    for index in range(draw(st.integers(1, 2))):
        positions = tuple(
            nt.Position(
                party,
                issue.id,
                draw(st.floats(issue.scale.min, issue.scale.max)),  # type: ignore[union-attr]
                salience=draw(_shares),
                note=draw(st.none() | _texts),
            )
            for party in party_ids
            for issue in issues
            if draw(st.booleans())
        )
        rounds.append(
            nt.Round(
                f"r{index}", f"R{index}", date=dt.date(2024, 1, 1 + index), positions=positions
            )
        )
    return nt.Negotiation(
        "n",
        draw(_texts),
        parties=tuple(nt.Party(p, draw(_texts), weight=draw(_shares)) for p in party_ids),
        issues=tuple(issues),
        rounds=tuple(rounds),
    )


@given(_numeric_dossiers(), st.booleans())
def test_export_then_import_gives_back_positions_saliences_and_weights(
    negotiation: nt.Negotiation, first: bool
) -> None:
    """The positions in force in the round exported, each salience (none is 1) and each weight."""
    import tempfile  # noqa: PLC0415  (hypothesis and function-scoped fixtures do not mix)

    round_id = negotiation.rounds[0 if first else -1].id
    text = export_decide(negotiation, round=round_id)
    with tempfile.TemporaryDirectory() as folder:
        back = import_decide(_written(Path(folder), text), date=DAY)
    held = negotiation.effective_positions(round_id)
    expected = {
        key: (found.value.preferred, 1.0 if found.value.salience is None else found.value.salience)
        for key, found in held.items()
    }
    got = {(p.party, p.issue): (p.preferred, p.salience) for p in back.rounds[0].positions}
    assert got == expected
    assert {p.id: p.weight for p in back.parties if p.weight is not None} == {
        p.id: 1.0 if p.weight is None else p.weight
        for p in negotiation.parties
        if any(party == p.id for party, _ in held)
    }
    for issue, again in zip(negotiation.issues, back.issues, strict=True):
        assert (again.scale.min, again.scale.max) == (issue.scale.min, issue.scale.max)  # type: ignore[union-attr]


@given(_texts)
def test_any_text_cell_reads_back_as_its_plain_form(text: str) -> None:
    """A cell holds any text: made plain, quoted where it must be, it is read back whole."""
    (_, (column, got)) = parse_cells("#/\t" + cell(text))
    assert column == 4
    assert got == plain(text)


def test_the_worked_example_of_the_docs_gives_the_dossier_shown(tmp_path: Path) -> None:
    """docs/decide.md shows a file and the dossier it gives: they agree."""
    import re  # noqa: PLC0415

    page = (Path(__file__).parents[2] / "docs" / "decide.md").read_text(encoding="utf-8")
    (text,) = re.findall(
        r"<!-- file: lease.txt -->\n```text\n(.*?)^```", page, re.DOTALL | re.MULTILINE
    )
    (shown,) = re.findall(
        r"<!-- dossier of lease.txt -->\n```yaml\n(.*?)^```", page, re.DOTALL | re.MULTILINE
    )
    assert "\t" in text
    negotiation = import_decide(_written(tmp_path, text, "lease.txt"), date=dt.date(2025, 1, 14))
    assert nt.dump(negotiation) == shown
