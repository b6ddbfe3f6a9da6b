"""Loading dossiers: strict types, every problem at once, each pointing at its place."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.files._convert import converter
from negotrack.files._field_problems import FieldProblem, field_problems
from negotrack.files._scalars import InvalidValueError, parse_number
from tests.conftest import FLAGSHIP, MINIMAL

if TYPE_CHECKING:
    from pathlib import Path

BASE = textwrap.dedent(
    """\
    id: talks
    title: Talks
    parties:
      - id: north
        name: North
        representatives:
          - {id: n-envoy, name: North Envoy, role: envoy}
      - id: south
        name: South
    issues:
      - id: border
        title: Border
        scale:
          kind: ordinal
          options:
            - {id: open, label: Open}
            - {id: managed, label: Managed}
            - {id: closed, label: Closed}
      - id: troops
        title: Troops
        scale: {kind: numeric, min: 0, max: 100000, unit: personnel}
      - id: venue
        title: Venue
        scale:
          kind: categorical
          options: [{id: NO, label: Norway}, {id: ch, label: Switzerland}]
    proposals:
      - id: plan
        title: Plan
        terms: [{issue: border, value: managed}, {issue: troops, value: 5000}]
    sources:
      - {id: wire, title: Wire report, outlet: Agency}
    rounds:
      - id: r1
        title: First
        date: 2022-03-01
        statements:
          - {id: s1, date: 2022-03-01, speaker: n-envoy, source: wire, quote: We want it open.}
        positions:
          - {party: north, issue: border, preferred: open, acceptable: [open, managed], evidence: [s1]}
          - {party: south, issue: troops, preferred: 20000, acceptable: {min: 10000, max: 30000}}
          - {party: south, issue: venue, preferred: NO}
        stances:
          - {party: south, proposal: plan, stance: open}
      - id: r2
        title: Second
        date: 2022-03-05
        positions:
          - {party: north, issue: border, preferred: managed, salience: 0.5}
    """
)


def problems_of(text: str) -> list[nt.Problem]:
    with pytest.raises(nt.LoadError) as caught:
        nt.loads(text, filename="d.yaml")
    return list(caught.value.problems)


def messages(text: str) -> list[str]:
    return [f"{p.path}: {p.message}" for p in problems_of(text)]


def test_base_dossier_loads() -> None:
    """The base dossier of these tests is valid, and its values have their model types."""
    n = nt.loads(BASE)
    position = n.round("r1").positions[1]
    assert (20000, nt.Interval(10000, 30000)) == (position.preferred, position.acceptable)
    assert "NO" == n.round("r1").positions[2].preferred
    assert dt.date(2022, 3, 1) == n.round("r1").date
    assert nt.StanceLevel.OPEN == n.round("r1").stances[0].stance
    assert 5000 == n.proposal("plan").terms[1].value


def test_each_short_text_is_one_object_after_a_load() -> None:
    """Ids repeated across the files come back as one string each (the diff's lookups rely on
    it for speed)."""
    n = nt.load(FLAGSHIP)
    positions = [p for r in n.rounds for p in r.positions]
    by_party: dict[str, set[int]] = {}
    for position in positions:
        by_party.setdefault(position.party, set()).add(id(position.party))
    assert len(positions) > len(by_party) > 1
    assert all(len(ids) == 1 for ids in by_party.values())


def test_load_error_is_a_value_error_and_negotrack_error() -> None:
    """LoadError belongs to the negotrack family and is also a ValueError."""
    assert issubclass(nt.LoadError, nt.NegotrackError)
    assert issubclass(nt.LoadError, ValueError)


def test_error_lines_are_file_line_col_path_message() -> None:
    """str() of a LoadError is one ``file:line:col: path: message`` line per problem."""
    text = BASE.replace("preferred: managed, salience", "prefered: managed, salience")
    with pytest.raises(nt.LoadError) as caught:
        nt.loads(text, filename="d.yaml")
    expected = (
        "d.yaml:49:39: $.rounds[1].positions[0].prefered: "
        "unknown key 'prefered' on a position (did you mean 'preferred'?)"
    )
    assert expected == str(caught.value)


def test_every_problem_reported_at_once() -> None:
    """Problems in different places are all reported, in line order."""
    text = (
        BASE.replace("name: South", "name: [South]")
        .replace("stance: open", "stance: opne")
        .replace("date: 2022-03-05", "date: 2022-02-30")
    )
    assert [
        "$.parties[1].name: expected text, got a list",
        (
            "$.rounds[0].stances[0].stance: unknown value 'opne' (did you mean 'open'?); "
            "expected one of: rejects, opposes, open, conditional, supports"
        ),
        "$.rounds[1].date: invalid date '2022-02-30': day is out of range for month",
    ] == messages(text)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: Talks", "title: [Talks]", "$.title: expected text, got a list"),
        ("title: Talks", "title: {a: b}", "$.title: expected text, got a mapping"),
        ("title: Talks", "title:", "$.title: expected text, got an empty value"),
        (
            "salience: 0.5",
            "salience: high",
            "$.rounds[1].positions[0].salience: expected a number, got the text 'high'",
        ),
        (
            "salience: 0.5",
            "salience: '1,5'",
            "$.rounds[1].positions[0].salience: expected a number, got the text '1,5'; write numbers without separators, as in 250000",
        ),
        (
            "acceptable: [open, managed]",
            "acceptable: open",
            "$.rounds[0].positions[0].acceptable: expected a list of option ids, or a mapping with min and max, got the text 'open'",
        ),
        (
            "evidence: [s1]",
            "evidence: s1",
            "$.rounds[0].positions[0].evidence: expected a list, got the text 's1'",
        ),
        (
            "date: 2022-03-05",
            "date: 5 March 2022",
            "$.rounds[1].date: expected a date as YYYY-MM-DD, got the text '5 March 2022'",
        ),
        (
            "date: 2022-03-05",
            "date: 20220305",
            "$.rounds[1].date: expected a date as YYYY-MM-DD, got the text '20220305'",
        ),
        (
            "kind: numeric",
            "kind: number",
            "$.issues[1].scale.kind: unknown scale kind 'number' (did you mean 'numeric'?); expected ordinal, numeric or categorical",
        ),
        ("    name: North\n", "", "$.parties[0]: missing required key 'name'"),
        (
            "  - {party: south, proposal: plan, stance: open}",
            "  - {party: south, proposal: plan, stance: open, extra: 1}",
            "$.rounds[0].stances[0].extra: unknown key 'extra' on a stance",
        ),
    ],
)
def test_strict_types(old: str, new: str, expected: str) -> None:
    """A value of the wrong shape is an error naming what was expected, never coerced."""
    assert old in BASE
    assert [expected] == messages(BASE.replace(old, new, 1))


def test_strings_stay_strings_in_text_fields() -> None:
    """``NO``, ``012``, ``1:30`` and ``~`` read as themselves where text is expected."""
    for word in ("NO", "012", "1:30", "~", "true", "null"):
        n = nt.loads(BASE.replace("name: South", f"name: {word}"))
        assert word == n.party("south").name


def test_numbers_only_on_numeric_issues() -> None:
    """A number-like option id stays an id; a numeric issue's value becomes a number."""
    text = BASE.replace("{id: ch, label: Switzerland}", "{id: '012', label: Other}").replace(
        "issue: venue, preferred: NO", "issue: venue, preferred: 012"
    )
    assert "012" == nt.loads(text).round("r1").positions[2].preferred


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "party: south, issue: troops",
            "party: sooth, issue: troops",
            "$.rounds[0].positions[1].party: unknown party 'sooth' (did you mean 'south'?)",
        ),
        (
            "issue: border, preferred: managed, salience",
            "issue: bordr, preferred: managed, salience",
            "$.rounds[1].positions[0].issue: unknown issue 'bordr' (did you mean 'border'?)",
        ),
        (
            "preferred: managed, salience",
            "preferred: manage, salience",
            "$.rounds[1].positions[0].preferred: unknown option 'manage' for issue 'border' (did you mean 'managed'?); its options: open, managed, closed",
        ),
        (
            "preferred: 20000",
            "preferred: 200000",
            "$.rounds[0].positions[1].preferred: 200000 is outside the scale of 'troops' (0-100000)",
        ),
        (
            "preferred: 20000",
            "preferred: many",
            "$.rounds[0].positions[1].preferred: expected a number on numeric issue 'troops', got 'many'",
        ),
        (
            "preferred: 20000",
            "preferred: 40000",
            "$.rounds[0].positions[1].preferred: preferred value 40000 is not in its own acceptable set",
        ),
        (
            "preferred: open, acceptable: [open, managed]",
            "preferred: closed, acceptable: [open, managed]",
            "$.rounds[0].positions[0].preferred: preferred value 'closed' is not in its own acceptable set",
        ),
        (
            "acceptable: [open, managed]",
            "acceptable: {min: 1}",
            "$.rounds[0].positions[0].acceptable: issue 'border' has options: list option ids, not a range; its options: open, managed, closed",
        ),
        (
            "acceptable: {min: 10000, max: 30000}",
            "acceptable: [a]",
            "$.rounds[0].positions[1].acceptable: issue 'troops' is numeric: give a range as {min: .., max: ..}",
        ),
        (
            "acceptable: {min: 10000, max: 30000}",
            "acceptable: {min: 30000, max: 10000}",
            "$.rounds[0].positions[1].acceptable.max: max is below min",
        ),
        (
            "evidence: [s1]",
            "evidence: [s2]",
            "$.rounds[0].positions[0].evidence[0]: unknown statement 's2'",
        ),
        (
            "speaker: n-envoy",
            "speaker: n-envoi",
            "$.rounds[0].statements[0].speaker: unknown person 'n-envoi' (did you mean 'n-envoy'?)",
        ),
        (
            "source: wire",
            "source: wires",
            "$.rounds[0].statements[0].source: unknown source 'wires' (did you mean 'wire'?)",
        ),
        (
            "proposal: plan",
            "proposal: plans",
            "$.rounds[0].stances[0].proposal: unknown proposal 'plans' (did you mean 'plan'?)",
        ),
        (
            "salience: 0.5",
            "salience: 1.5",
            "$.rounds[1].positions[0].salience: salience runs from 0 to 1, got 1.5",
        ),
        (
            "value: managed",
            "value: shut",
            "$.proposals[0].terms[0].value: unknown option 'shut' for issue 'border'; its options: open, managed, closed",
        ),
        ("  - id: south\n", "  - id: north\n", "$.parties[1].id: duplicate party id 'north'"),
        (
            "  - id: r2\n",
            "  - id: r 2\n",
            "$.rounds[1].id: invalid round id 'r 2': use letters, digits, '.', '_' and '-', starting with a letter or digit",
        ),
        (
            "date: 2022-03-05",
            "date: 2022-02-05",
            "$.rounds[1].date: rounds must be in date order: 'r2' (2022-02-05) comes after 'r1' (2022-03-01)",
        ),
        ("    date: 2022-03-05\n", "", "$.rounds[1]: a round needs a date, or a start and an end"),
        (
            "max: 100000, unit",
            "max: 0, unit",
            "$.issues[1].scale.max: max must be greater than min",
        ),
    ],
)
def test_integrity(old: str, new: str, expected: str) -> None:
    """References resolve, ids are unique and well formed, values lie on their scales."""
    assert old in BASE
    assert expected in messages(BASE.replace(old, new, 1))


def test_statement_needs_words_and_someone_behind_it() -> None:
    """A statement needs a quote or a summary, and a speaker, a party or at least a source."""
    text = BASE.replace(
        "speaker: n-envoy, source: wire, quote: We want it open.", "url: https://example.org/a"
    )
    assert [
        "$.rounds[0].statements[0]: a statement needs a speaker, a party or, when unattributed, a source",
        "$.rounds[0].statements[0]: a statement needs a quote or a summary",
    ] == messages(text)


def test_unattributed_statement_with_a_source_loads() -> None:
    """An unattributed report ("officials said") is a statement with a source and no speaker."""
    text = BASE.replace(
        "speaker: n-envoy, source: wire, quote: We want it open.",
        "source: wire, summary: Officials said the north wants the border open.",
    )
    statement = nt.loads(text).statement("s1")
    assert (None, (), ()) == (statement.speaker, statement.all_speakers, statement.all_parties)


def test_red_lines_checked_against_the_scale_and_own_preference() -> None:
    """Red lines name real options and never rule out the party's own preferred value."""
    text = BASE.replace(
        "evidence: [s1]}",
        "evidence: [s1], red_lines: [{text: never closed, options: [closed, shut]}, {text: not open, options: [open]}]}",
    )
    assert [
        "$.rounds[0].positions[0].red_lines[0].options[1]: unknown option 'shut' for issue 'border'; its options: open, managed, closed",
        "$.rounds[0].positions[0].red_lines[1]: the red line rules out the party's own preferred value 'open'",
        "$.rounds[0].positions[0].red_lines[1]: option 'open' is both acceptable and ruled out by a red line",
    ] == messages(text)


def test_conditions_link_to_other_issues() -> None:
    """A condition's linked issue exists and is not the position's own issue."""
    text = BASE.replace(
        "evidence: [s1]}",
        "evidence: [s1], conditions: [{text: a, linked_issue: troops}, {text: b, linked_issue: border}, {text: c, linked_issue: tropps}]}",
    )
    assert [
        "$.rounds[0].positions[0].conditions[1].linked_issue: a condition cannot link an issue to itself",
        "$.rounds[0].positions[0].conditions[2].linked_issue: unknown issue 'tropps' (did you mean 'troops'?)",
    ] == messages(text)


def test_second_position_on_same_issue_in_a_round() -> None:
    """A party states one position per issue per round."""
    text = BASE.replace(
        "  - {party: north, issue: border, preferred: managed, salience: 0.5}",
        "  - {party: north, issue: border, preferred: managed, salience: 0.5}\n      - {party: north, issue: border, preferred: open}",
    )
    assert ["$.rounds[1].positions[1]: a second position of 'north' on 'border'"] == messages(text)


def test_root_must_be_a_mapping() -> None:
    """An empty file, a comment-only file, a list or a scalar are each a clear error."""
    for text, got in [
        ("", "nothing (the file is empty)"),
        ("# nothing here\n", "nothing (the file is empty)"),
        ("- a\n", "a list"),
        ("hello\n", "the text 'hello'"),
    ]:
        problem = problems_of(text)[0]
        assert (
            f"expected a mapping with id, title, parties, issues and rounds, got {got}"
            == problem.message
        )
        assert "d.yaml" == problem.file


def test_rounds_must_be_a_list() -> None:
    """``rounds`` in a single file is a list of rounds."""
    assert ["$.rounds: expected a list of rounds"] == messages("id: a\ntitle: b\nrounds: x\n")


def test_positions_carry_path_into_rounds_of_a_folder(tmp_path: Path) -> None:
    """In a folder dossier, each round's problems name its own file and a path from its root."""
    nt.save(nt.loads(BASE), tmp_path / "d")
    round_file = tmp_path / "d" / "rounds" / "r2.yaml"
    round_file.write_text(round_file.read_text().replace("preferred: managed", "preferred: manged"))
    with pytest.raises(nt.LoadError) as caught:
        nt.load(tmp_path / "d")
    (problem,) = caught.value.problems
    assert (str(round_file), "$.positions[0].preferred") == (problem.file, problem.path)
    assert problem.line is not None


def test_folder_problems_from_several_files(tmp_path: Path) -> None:
    """Syntax errors in several files are all reported."""
    nt.save(nt.loads(BASE), tmp_path / "d")
    for name in ("r1", "r2"):
        (tmp_path / "d" / "rounds" / f"{name}.yaml").write_text("a: [\n")
    with pytest.raises(nt.LoadError) as caught:
        nt.load(tmp_path / "d")
    assert 2 == len(caught.value.problems)


def test_folder_rounds_sorted_by_date_then_id(tmp_path: Path) -> None:
    """Round files load in date order, then id order, whatever their file names."""
    n = nt.loads(BASE)
    nt.save(n, tmp_path / "d")
    rounds = tmp_path / "d" / "rounds"
    (rounds / "r1.yaml").rename(rounds / "zzz.yaml")
    assert ["r1", "r2"] == [r.id for r in nt.load(tmp_path / "d").rounds]


def test_folder_without_dossier_file(tmp_path: Path) -> None:
    """A folder with no negotiation.yaml is not a dossier."""
    with pytest.raises(nt.LoadError, match=r"not a dossier: no negotiation\.yaml"):
        nt.load(tmp_path)


def test_rounds_in_folder_header_refused(tmp_path: Path) -> None:
    """In a folder dossier, rounds live in rounds/, not in negotiation.yaml."""
    (tmp_path / "negotiation.yaml").write_text("id: a\ntitle: b\nrounds: []\n")
    with pytest.raises(nt.LoadError, match=r"\$\.rounds: in a folder dossier each round is a file"):
        nt.load(tmp_path)


def test_missing_path() -> None:
    """A path that does not exist gives a LoadError naming it."""
    with pytest.raises(nt.LoadError, match=r"no-such-dossier\.yaml: cannot read file"):
        nt.load("no-such-dossier.yaml")


def test_minimal_example_loads() -> None:
    """The newcomer's example loads."""
    n = nt.load(MINIMAL)
    assert n.rounds


def test_loads_accepts_bytes() -> None:
    """``loads`` takes bytes as well as text."""
    assert nt.loads(BASE.encode()) == nt.loads(BASE)


@given(st.data())
def test_mutated_dossiers_never_crash(data: st.DataObject) -> None:
    """Deleting, duplicating or changing any line of a valid dossier gives a dossier or a LoadError."""
    lines = BASE.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(
            st.sampled_from(["delete", "duplicate", "replace", "indent", "truncate"])
        )
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "replace":
            lines[index] = data.draw(st.text(max_size=20)) + "\n"
        elif action == "indent":
            lines[index] = "  " + lines[index]
        else:
            lines[index] = lines[index][: data.draw(st.integers(0, len(lines[index])))]
        if not lines:
            break
    try:
        nt.loads("".join(lines), filename="m.yaml")
    except nt.LoadError as exc:
        assert exc.problems
        assert not any("internal error" in p.message for p in exc.problems)


@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data: bytes) -> None:
    """Any bytes at all give a LoadError (or, by luck, a dossier), never another exception."""
    try:
        nt.loads(data, filename="r.yaml")
    except nt.LoadError as exc:
        assert not any("internal error" in p.message for p in exc.problems)


def test_speaker_speaks_for_their_party() -> None:
    """A statement's party is its speaker's party, or a coalition the speaker's party belongs to."""
    text = BASE.replace(
        "speaker: n-envoy, source: wire", "speaker: n-envoy, party: south, source: wire"
    )
    assert [
        "$.rounds[0].statements[0].party: speaker 'n-envoy' represents 'north', not 'south'"
    ] == messages(text)
    coalition = text.replace("    name: South\n", "    name: South\n    members: [north]\n")
    assert "south" == nt.loads(coalition).statement("s1").party


def test_red_line_option_cannot_be_acceptable() -> None:
    """An option cannot be both acceptable and ruled out by the same position."""
    text = BASE.replace(
        "evidence: [s1]}", "evidence: [s1], red_lines: [{text: x, options: [managed]}]}"
    )
    assert [
        "$.rounds[0].positions[0].red_lines[0]: option 'managed' is both acceptable and ruled out by a red line"
    ] == messages(text)


def test_negotiation_id_is_checked() -> None:
    """The negotiation's own id follows the id rules too."""
    assert [
        "$.id: invalid negotiation id 'my talks': use letters, digits, '.', '_' and '-', starting with a letter or digit"
    ] == messages(BASE.replace("id: talks", "id: my talks", 1))


def test_acceptable_options_unknown_or_twice() -> None:
    """Each unknown option and each option listed twice in an acceptable set is reported."""
    text = BASE.replace("acceptable: [open, managed]", "acceptable: [open, shut, open, managed]")
    assert [
        "$.rounds[0].positions[0].acceptable[1]: unknown option 'shut' for issue 'border'; its options: open, managed, closed",
        "$.rounds[0].positions[0].acceptable[2]: option 'open' is listed twice",
    ] == messages(text)


def test_folder_rounds_read_numbers_with_the_header_issues(tmp_path: Path) -> None:
    """Values on numeric issues in round files are numbers: the header's issues say which."""
    nt.save(nt.loads(BASE), tmp_path / "d")
    n = nt.load(tmp_path / "d")
    assert 20000 == n.round("r1").positions[1].preferred
    assert nt.Interval(10000, 30000) == n.round("r1").positions[1].acceptable
    assert n == nt.loads(BASE)


def test_folder_problems_in_file_order(tmp_path: Path) -> None:
    """Files that cannot be read as YAML come first, then each file's problems in line order."""
    nt.save(nt.loads(BASE), tmp_path / "d")
    header = tmp_path / "d" / "negotiation.yaml"
    header.write_text(header.read_text().replace("name: South", "name: [South]"))
    rounds = tmp_path / "d" / "rounds"
    (rounds / "r1.yaml").write_text("id: r1\ntitle: [\n")
    r2 = rounds / "r2.yaml"
    r2.write_text(r2.read_text().replace("salience:", "salince:") + "lcoation: Oslo\n")
    with pytest.raises(nt.LoadError) as caught:
        nt.load(tmp_path / "d")
    found = [(p.file, p.path, p.message.split(":")[0]) for p in caught.value.problems]
    assert [
        (str(rounds / "r1.yaml"), "$", "invalid YAML"),
        (str(header), "$.parties[1].name", "expected text, got a list"),
        (
            str(r2),
            "$.positions[0].salince",
            "unknown key 'salince' on a position (did you mean 'salience'?)",
        ),
        (str(r2), "$.lcoation", "unknown key 'lcoation' on a round (did you mean 'location'?)"),
    ] == found
    assert all(p.line is not None for p in caught.value.problems)


def _two_regex_number(value: str) -> float | None:
    """The number YAML 1.2 reads, if it is finite and at most 1e100 in size (negotrack's bound)."""
    if re.fullmatch(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", value):
        number = int(value) if re.fullmatch(r"[-+]?[0-9]+", value) else float(value)
        return number if abs(number) <= 1e100 else None
    return None


@given(st.text(alphabet=st.sampled_from(list("0123456789+-.eE_, x")), max_size=12) | st.text())
def test_numbers_read_as_yaml_12_writes_them(value: str) -> None:
    """A whole number is an int, any other YAML 1.2 number a float, anything else refused."""
    expected = _two_regex_number(value)
    try:
        got = parse_number(value)
    except InvalidValueError:
        assert expected is None
    else:
        assert (type(expected), expected) == (type(got), got)


_ITEMS: st.SearchStrategy[list[object]] = st.lists(
    st.none() | st.sampled_from(["a", "1", "2.5", "2022-03-16", "x1"]) | st.just([]) | st.just({}),
    max_size=5,
)


@given(_ITEMS, st.sampled_from([tuple[str, ...], tuple[float, ...], tuple[dt.date, ...]]))
def test_lists_structure_item_by_item(items: list[object], tp: Any) -> None:
    """A list gives the tuple of its items, or one problem per bad item, at the item's index."""
    item_type = tp.__args__[0]
    item_hook = converter.get_structure_hook(item_type)
    values, expected = [], []
    for index, item in enumerate(items):
        try:
            values.append(item_hook(item, item_type))
        except InvalidValueError as exc:
            expected.append(FieldProblem(("xs", index), str(exc)))
    try:
        result = converter.structure(items, tp)
    except Exception as exc:  # noqa: BLE001  (the error tree is what is checked)
        assert expected == list(field_problems(exc, ("xs",)))
    else:
        assert [] == expected
        assert tuple(values) == result


@given(
    st.none() | st.sampled_from(["a", "1", "2.5", "2022-03-16", "high", "talks"]) | st.just([]),
    st.sampled_from([str, float, dt.date, nt.Confidence, nt.RoundFormat]),
)
def test_optional_values_are_none_or_their_type(value: object, tp: Any) -> None:
    """``X | None`` gives None for an empty value, else exactly what X gives, error included."""
    if value is None:
        assert converter.structure(value, tp | None) is None
        return
    try:
        expected: object = converter.structure(value, tp)
    except InvalidValueError as exc:
        expected = str(exc)
    try:
        got: object = converter.structure(value, tp | None)
    except InvalidValueError as exc:
        got = str(exc)
    assert expected == got


@pytest.mark.parametrize("value", ["[troops]", "{a: b}"])
def test_unhashable_issue_reference_is_a_problem_not_a_crash(value: str) -> None:
    """A list or mapping where an issue id belongs is reported, even with numeric issues about."""
    text = BASE.replace(
        "{party: south, issue: venue, preferred: NO}",
        f"{{party: south, issue: {value}, preferred: NO}}",
    )
    assert [
        "$.rounds[0].positions[2].issue: expected text, got "
        + ("a list" if "[" in value else "a mapping")
    ] == messages(text)
