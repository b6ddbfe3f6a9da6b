"""Problems as a reader needs them: one per cause, at most 200 a file, all of a file at once."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.files._locate import Careful
from negotrack.files._parse import parse
from negotrack.files._placing import MAX_PER_FILE

if TYPE_CHECKING:
    from pathlib import Path

HEADER = textwrap.dedent(
    """\
    id: talks
    title: Talks
    parties:
      - {id: north, name: North}
      - {id: south, name: South}
    issues:
      - id: border
        title: Border
        scale:
          kind: ordinal
          options:
            - {id: open, label: Open}
            - {id: managed, label: Managed}
            - {id: closed, label: Closed}
    sources:
      - {id: wire, title: Wire report}
    """
)


def problems_of(text: str) -> list[nt.Problem]:
    with pytest.raises(nt.LoadError) as caught:
        nt.loads(text, filename="d.yaml")
    return list(caught.value.problems)


def rounds(*positions: str) -> str:
    """Rounds r1, r2, ..., one a day, each with the given positions (flow mappings)."""
    out = "rounds:\n"
    for n, position in enumerate(positions, 1):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=n - 1)
        out += f"  - id: r{n}\n    title: R{n}\n    date: {day}\n"
        out += f"    positions:\n      - {position}\n"
    return out


# -- one root cause, one problem -----------------------------------------------------------------


def test_an_unknown_party_used_45_times_is_one_problem_with_its_places() -> None:
    """The first place gets the problem; the 44 others are listed on it, five of them shown."""
    text = HEADER + rounds(*["{party: nrth, issue: border, preferred: open}"] * 45)
    (problem,) = problems_of(text)
    assert "$.rounds[0].positions[0].party" == problem.path
    assert "unknown party 'nrth' (did you mean 'north'?)" == problem.message
    assert 44 == len(problem.also)
    assert problem.line is not None
    assert ("d.yaml", problem.line + 5, problem.column, "$.rounds[1].positions[0].party") == (
        problem.also[0]
    )
    shown = str(problem)
    assert shown.startswith(f"d.yaml:{problem.line}:{problem.column}: $.rounds[0].positions[0]")
    assert shown.endswith(" and 39 more places (45 in all)")
    assert shown.count("also at") == 1
    assert len(shown.split("also at ")[1].split(", ")) == 5


def test_different_unknown_ids_are_different_problems() -> None:
    """Two misspellings are two causes, each with its own places."""
    text = HEADER + rounds(
        "{party: nrth, issue: border, preferred: open}",
        "{party: soth, issue: border, preferred: open}",
        "{party: nrth, issue: border, preferred: open}",
    )
    found = problems_of(text)
    assert ["unknown party 'nrth'", "unknown party 'soth'"] == [
        p.message.split(" (")[0] for p in found
    ]
    assert [1, 0] == [len(p.also) for p in found]


def test_one_cause_across_the_files_of_a_folder_is_one_problem(tmp_path: Path) -> None:
    """An unknown id in two round files is reported in the first, naming the other's place."""
    folder = tmp_path / "d"
    nt.save(
        nt.loads(HEADER + rounds(*["{party: north, issue: border, preferred: open}"] * 2)), folder
    )
    for name in ("r1.yaml", "r2.yaml"):
        round_file = folder / "rounds" / name
        round_file.write_text(round_file.read_text().replace("party: north", "party: nrth"))
    with pytest.raises(nt.LoadError) as caught:
        nt.load(folder)
    (problem,) = caught.value.problems
    assert str(folder / "rounds" / "r1.yaml") == problem.file
    (other,) = problem.also
    assert str(folder / "rounds" / "r2.yaml") == other[0]
    assert f"also at {other[0]}:{other[1]}:{other[2]} (2 in all)" in str(problem)


def test_a_cause_past_the_cap_of_its_first_file_is_not_listed_in_a_later_one(
    tmp_path: Path,
) -> None:
    """A round file with 300 unknown parties lists 200 and counts 100; a later file using two
    of them adds a place to one listed and says nothing of the one counted."""
    folder = tmp_path / "d"
    many = [f"{{party: x{i:03d}, issue: border, preferred: open}}" for i in range(300)]
    nt.save(nt.loads(HEADER + rounds("{party: north, issue: border, preferred: open}")), folder)
    first, second = folder / "rounds" / "r1.yaml", folder / "rounds" / "r2.yaml"
    body = first.read_text().split("positions:")[0]
    first.write_text(body + "positions:\n" + "".join(f"  - {p}\n" for p in many))
    second.write_text(
        body.replace("r1", "r2").replace("2024-01-01", "2024-01-02")
        + "positions:\n  - {party: x000, issue: border}\n  - {party: x250, issue: border}\n"
    )
    with pytest.raises(nt.LoadError) as caught:
        nt.load(folder)
    found = caught.value.problems
    assert 201 == len(found)
    assert {str(first)} == {p.file for p in found}
    assert "unknown party 'x000'" == found[0].message
    assert [str(second)] == [place[0] for place in found[0].also]
    assert "unknown party 'x199'" == found[199].message
    assert "... and 100 more problems in this file" == found[200].message


def test_the_json_of_validate_lists_every_place() -> None:
    """`validate -f json` gives the other places of a problem as data; `-f github` in words."""
    from negotrack.cli._problems import annotation, validation_json  # noqa: PLC0415

    text = HEADER + rounds(*["{party: nrth, issue: border, preferred: open}"] * 3)
    (problem,) = problems_of(text)
    document = validation_json([{"path": "d.yaml", "problems": [problem], "notes": []}])
    assert '"also": [' in document
    assert document.count('"path": "$.rounds[') == 3
    assert annotation("error", problem).endswith("also at 27:17 and 32:17 (3 in all)")


# -- a cap per file ------------------------------------------------------------------------------


def test_5000_unknown_keys_give_200_problems_and_a_count_of_the_rest() -> None:
    """The first 200 in file order, then one line counting the other 4,800."""
    text = HEADER + "".join(f"k{i:05d}: x\n" for i in range(5000))
    found = problems_of(text)
    assert MAX_PER_FILE + 1 == len(found) == 201
    assert "$.k00000" == found[0].path
    assert "$.k00199" == found[199].path
    lines = [p.line or 0 for p in found[:200]]
    assert lines == sorted(lines)
    assert "d.yaml: ... and 4,800 more problems in this file" == str(found[-1])
    assert 201 == len(str(nt.LoadError(found)).splitlines())


def test_the_cap_counts_problems_of_every_kind_in_file_order() -> None:
    """An unknown key and an unknown value in each of 150 rounds: the first 200 in file order."""
    text = HEADER + rounds(*["{party: north, issue: border, x: 1}"] * 150).replace(
        "    positions:", "    format: zoom\n    positions:"
    )
    found = problems_of(text)
    assert 201 == len(found)
    assert ["format", "x"] * 100 == [p.path.rsplit(".", 1)[1] for p in found[:200]]
    assert "... and 100 more problems in this file" == found[-1].message


def test_a_file_that_is_not_valid_yaml_is_capped_too() -> None:
    """300 duplicate keys: 200 listed, the rest counted."""
    text = HEADER + "".join(f"x{i}: 1\nx{i}: 2\n" for i in range(300))
    found = problems_of(text)
    assert 201 == len(found)
    assert "duplicate key 'x0'" in found[0].message
    assert "... and 100 more problems in this file" == found[-1].message


# -- every problem of a file at once -------------------------------------------------------------


def test_a_bad_grade_and_a_bad_credibility_are_both_reported() -> None:
    """Bounds from the model are checked as the record is read, beside its other problems."""
    text = HEADER + textwrap.dedent(
        """\
        statements:
          - {id: s1, date: 2024-01-01, party: north, summary: s, reliability: G, credibility: 7}
        """
    )
    assert [
        "$.statements[0].reliability: unknown value 'G'; expected one of: A, B, C, D, E, F",
        "$.statements[0].credibility: credibility runs from 1 to 6, got 7",
    ] == [f"{p.path}: {p.message}" for p in problems_of(text)]


# -- keys and values that teach ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            "outlet: Reuters",
            (
                "unknown key 'outlet' on a statement: 'outlet' belongs on its source, "
                "`sources[].outlet`"
            ),
        ),
        (
            "grade: B2",
            "unknown key 'grade' on a statement: use `reliability` (A-F) and `credibility` (1-6)",
        ),
        (
            "positions: []",
            (
                "unknown key 'positions' on a statement: 'positions' belongs on a round, "
                "`rounds[].positions`"
            ),
        ),
        ("sumary: x", "unknown key 'sumary' on a statement (did you mean 'summary'?)"),
        ("zzz: 1", "unknown key 'zzz' on a statement"),
    ],
)
def test_an_unknown_key_says_where_it_belongs(record: str, message: str) -> None:
    """A typo gets its field; a field of another record says which; an alias, the fields."""
    text = (
        HEADER
        + f"statements:\n  - {{id: s1, date: 2024-01-01, party: north, summary: s, {record}}}\n"
    )
    (problem,) = problems_of(text)
    assert message == problem.message


def test_a_value_with_another_name_is_suggested_by_meaning() -> None:
    """'coalition' is an alliance here; 'organisation' is not suggested for it."""
    text = HEADER.replace("{id: south, name: South}", "{id: south, name: South, kind: coalition}")
    (problem,) = problems_of(text)
    assert problem.message.startswith("unknown value 'coalition' (did you mean 'alliance'?)")


def test_an_unknown_option_lists_the_options_up_to_ten() -> None:
    """The options of the issue are listed, ten at most, and how many more."""
    options = "".join(f"        - {{id: o{i:02d}, label: O{i}}}\n" for i in range(15))
    text = HEADER.replace(
        "        - {id: open, label: Open}\n        - {id: managed, label: Managed}\n"
        "        - {id: closed, label: Closed}\n",
        options,
    ) + rounds("{party: north, issue: border, preferred: shut}")
    (problem,) = problems_of(text)
    listed = ", ".join(f"o{i:02d}" for i in range(10))
    assert f"unknown option 'shut' for issue 'border'; its options: {listed} and 5 more" == (
        problem.message
    )


def test_a_range_on_an_issue_with_options_says_to_list_them() -> None:
    text = HEADER + rounds("{party: north, issue: border, acceptable: {min: 1, max: 2}}")
    (problem,) = problems_of(text)
    assert (
        "issue 'border' has options: list option ids, not a range; "
        "its options: open, managed, closed"
    ) == problem.message


def test_an_id_of_another_kind_is_named() -> None:
    """A party given an issue's id is told what the id is."""
    text = HEADER + rounds("{party: border, issue: border, preferred: open}")
    (problem,) = problems_of(text)
    assert "unknown party 'border'; 'border' is an issue, not a party" == problem.message


# -- notes for what validate did not look at -----------------------------------------------------


def notes_of(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "d.yaml"
    path.write_text(text)
    return [f"{n.path}: {n.message}" for n in nt.validate(path).notes]


def test_a_position_with_nothing_to_measure_is_noted(tmp_path: Path) -> None:
    """Neither a preferred value nor an acceptable set: a note; one carried is enough."""
    text = HEADER + rounds(
        "{party: north, issue: border, salience: 0.5}",
        "{party: south, issue: border, preferred: open}",
        "{party: south, issue: border, salience: 0.4}",
    )
    (note,) = notes_of(text, tmp_path)
    assert note.startswith(
        "$.rounds[0].positions[0]: the position of 'north' on 'border' has neither a preferred"
    )


def test_a_stance_before_its_proposal_was_tabled_is_noted(tmp_path: Path) -> None:
    text = (
        HEADER
        + "proposals:\n  - {id: plan, title: Plan, tabled_in: r2}\n"
        + rounds(
            "{party: north, issue: border, preferred: open}",
            "{party: north, issue: border, preferred: open}",
        ).replace(
            "    positions:\n      - {party: north, issue: border, preferred: open}\n",
            "    positions:\n      - {party: north, issue: border, preferred: open}\n"
            "    stances:\n      - {party: south, proposal: plan, stance: open}\n",
            1,
        )
    )
    assert [
        (
            "$.rounds[0].stances[0].proposal: proposal 'plan' is tabled in round 'r2' (2024-01-02), "
            "after this round (2024-01-01); check the stance's round, or the proposal's tabled_in"
        )
    ] == notes_of(text, tmp_path)


# -- the lean careful reader ---------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}\n ,'\"&*!?#|>")), max_size=60))
def test_explaining_a_refused_file_needs_no_tree(text: str) -> None:
    """The careful reader finds the same problems whether or not it builds the tree."""
    data = text.encode()
    assert Careful(data, "f").run().problems == Careful(data, "f", record=False).run().problems


@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}\n ,&")), max_size=60))
def test_duplicate_keys_found_fast_are_the_careful_readers(text: str) -> None:
    """A file whose only fault is duplicate keys is explained without the careful reader, with
    the problems it would give."""
    data = text.encode()
    careful = Careful(data, "f").run().problems
    try:
        parse(data, "f")
    except nt.LoadError as exc:
        fast = list(exc.problems)
    else:
        fast = []
    assert [(p.line, p.column, p.message) for p in careful] == [
        (p.line, p.column, p.message) for p in fast
    ]
    assert [p.path for p in careful if "<key" not in p.path] == [
        p.path for p in fast if "<key" not in p.path
    ]


def test_a_duplicate_key_is_found_with_little_memory() -> None:
    """Explaining a duplicate key keeps the keys of the open mappings, not the whole file: a
    small fraction of what recording every place takes, and less than the file's size."""
    import tracemalloc  # noqa: PLC0415

    statements = "".join(
        f"  - {{id: s{i}, date: 2024-01-01, party: north, summary: s}}\n" for i in range(3000)
    )
    data = f"id: t\nstatements:\n{statements}id: again\n".encode()
    peaks = []
    for record in (False, True):
        tracemalloc.start()
        problems = Careful(data, "f", record=record).run().problems
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert ["duplicate key 'id' (first at line 1)"] == [p.message for p in problems]
    lean, full = peaks
    assert lean < len(data) / 2
    assert lean < full / 20
