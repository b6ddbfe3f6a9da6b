"""The YAML reader: strings stay strings, and everything unsafe or ambiguous is refused."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

import negotrack.files._yaml as y
from negotrack import LoadError, Problem
from negotrack.files._locate import Careful, locate, locate_paths
from negotrack.files._parse import parse


def problems(data: bytes) -> list[Problem]:
    with pytest.raises(LoadError) as caught:
        parse(data, "f.yaml")
    return list(caught.value.problems)


def one(data: bytes) -> Problem:
    found = problems(data)
    assert len(found) == 1, found
    return found[0]


def test_scalars_stay_strings() -> None:
    """Plain scalars are never resolved: Norway's code, octal-looking and sexagesimal text stay text."""
    text = b"a: NO\nb: 012\nc: 1:30\nd: ~\ne: true\nf: 2022-03-16\ng: 1e3\nh: null\n"
    expected = {
        "a": "NO",
        "b": "012",
        "c": "1:30",
        "d": "~",
        "e": "true",
        "f": "2022-03-16",
        "g": "1e3",
        "h": "null",
    }
    assert expected == parse(text, "f.yaml")


def test_empty_plain_value_is_none_but_quoted_empty_is_text() -> None:
    """``key:`` with nothing after it is None; ``key: ''`` is the empty string."""
    assert {"a": None, "b": ""} == parse(b"a:\nb: ''\n", "f.yaml")


def test_nested_structures() -> None:
    """Mappings and lists nest as dicts and lists, in flow and block style."""
    text = b"a:\n  - x\n  - {b: [1, 2], c: {}}\n  - []\n"
    assert {"a": ["x", {"b": ["1", "2"], "c": {}}, []]} == parse(text, "f.yaml")


def test_empty_and_comment_only_files_give_none() -> None:
    """A file with no document reads as None, for the loader to report."""
    assert parse(b"", "f.yaml") is None
    assert parse(b"# just a comment\n\n", "f.yaml") is None


def test_top_level_scalar_and_list() -> None:
    """A document may be a scalar or a list; the loader decides what it wants."""
    assert parse(b"hello\n", "f.yaml") == "hello"
    assert parse(b"- a\n- b\n", "f.yaml") == ["a", "b"]


def test_duplicate_key_names_both_lines() -> None:
    """A duplicate key is an error at the second key, naming the line of the first."""
    problem = one(b"a: 1\nb:\n  c: 2\n  c: 3\n")
    assert ("f.yaml", 4, 3, "$.b.c") == (problem.file, problem.line, problem.column, problem.path)
    assert "duplicate key 'c' (first at line 3)" == problem.message


def test_every_duplicate_is_reported() -> None:
    """All duplicates in a file are reported at once."""
    assert [2, 4] == [p.line for p in problems(b"a: 1\na: 2\nb: 1\nb: 2\n")]


def test_anchor_and_alias_refused() -> None:
    """Anchors and aliases are refused (no alias bombs), each at its place."""
    found = problems(b"a: &x [1]\nb: *x\n")
    assert [(1, 4), (2, 4)] == [(p.line, p.column) for p in found]
    assert "anchors (&x) are not allowed" in found[0].message
    assert "aliases (*x) are not allowed" in found[1].message


def test_alias_bomb_is_refused_quickly() -> None:
    """The billion laughs document is refused at its first anchor, never expanded."""
    lines = [b"a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 10):
        prev, cur = chr(ord("a") + n - 1).encode(), chr(ord("a") + n).encode()
        lines.append(cur + b": &" + cur + b" [" + b", ".join([b"*" + prev] * 9) + b"]")
    found = problems(b"\n".join(lines) + b"\n")
    assert found[0].line == 1
    assert "anchors (&a)" in found[0].message


@pytest.mark.parametrize(
    "text",
    [b"a: !!python/object:os.system echo\n", b"a: !custom 1\n", b"a: !!str 1\n", b"!!map {}\n"],
)
def test_tags_refused(text: bytes) -> None:
    """No tag can construct anything: every tag is refused."""
    assert "tags (" in one(text).message


def test_second_document_refused() -> None:
    """One document per file; the second is reported where it starts."""
    problem = one(b"a: 1\n---\nb: 2\n")
    assert (2, "a dossier file holds one YAML document; a second one starts here") == (
        problem.line,
        problem.message,
    )


def test_tabs_get_a_clear_message() -> None:
    """A tab used for indentation says so, with its line."""
    problem = one(b"a:\n\t- b\n")
    assert (2, "tabs are not allowed in YAML indentation; indent with spaces") == (
        problem.line,
        problem.message,
    )


def test_syntax_error_has_line_and_column() -> None:
    """libyaml's syntax errors keep their place."""
    problem = one(b"a: [b\nc: d\n")
    assert problem.line is not None
    assert problem.message.startswith("invalid YAML:")


def test_non_string_keys_refused() -> None:
    """A list or mapping as a key is refused, and parsing goes on to find more problems."""
    found = problems(b"? [a]\n: 1\nb: 2\nb: 3\n")
    assert ["keys must be plain strings", "duplicate key 'b' (first at line 3)"] == [
        p.message for p in found
    ]


def test_empty_key_refused() -> None:
    """An empty key is refused."""
    assert "empty key" == one(b"? \n: 1\n").message


def test_deep_nesting_refused() -> None:
    """100,000 levels of nesting give one clear error, not a crash or a hang."""
    assert "nesting" in one(b"[" * 100_000).message
    block = b"".join(b"  " * n + b"k:\n" for n in range(y.MAX_DEPTH + 5))
    assert f"nesting is deeper than {y.MAX_DEPTH} levels" == one(block).message


def test_value_count_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file with more values than the cap is refused."""
    monkeypatch.setattr(y, "MAX_VALUES", 10)
    assert "more than 10 values" == one(b"[" + b", ".join([b"x"] * 20) + b"]\n").message


def test_utf8_bom_accepted() -> None:
    """A UTF-8 byte order mark is fine."""
    assert {"a": "é"} == parse("\ufeffa: é\n".encode(), "f.yaml")


@pytest.mark.parametrize(("encoding", "name"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_and_utf32_asked_to_save_as_utf8(encoding: str, name: str) -> None:
    """UTF-16 and UTF-32 files are told to be saved as UTF-8."""
    assert f"file is encoded as {name}; save it as UTF-8" == one("a: b\n".encode(encoding)).message


def test_invalid_utf8_has_line_and_column() -> None:
    """A byte that is not UTF-8 is reported with its line and column."""
    problem = one("a: ok\nbé: \xff\n".encode("latin-1").replace(b"\xe9", "é".encode()))
    assert (2, 5) == (problem.line, problem.column)
    assert "invalid UTF-8 byte" in problem.message


def test_control_character_refused() -> None:
    """Characters YAML forbids (here NUL) are refused with a place."""
    problem = one(b"a: b\x00c\n")
    assert problem.line == 1


def test_file_size_checked_before_reading(tmp_path: pytest.TempPathFactory) -> None:
    """A file over the size limit is refused from its size alone (a sparse 100 MB file here)."""
    big = tmp_path / "big.yaml"  # type: ignore[operator]
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(LoadError) as caught:
        y.read_file(big, "big.yaml")
    assert "limit is" in str(caught.value)


def test_unreadable_file(tmp_path: pytest.TempPathFactory) -> None:
    """A missing file gives a LoadError naming it, not an OSError."""
    with pytest.raises(LoadError, match=r"missing\.yaml: cannot read file"):
        y.read_file(tmp_path / "missing.yaml", "missing.yaml")  # type: ignore[operator]


def test_locations_of_keys_and_values() -> None:
    """The careful reader records where each key and value is, by path."""
    where = locate(b"a: 1\nb:\n  - x\n  - {c: d}\n")
    assert (1, 4) == where.find(("a",))
    assert (1, 1) == where.find(("a",), key=True)
    assert (4, 9) == where.find(("b", 1, "c"))
    assert (4, 5) == where.find(("b", 1, "missing"))
    assert (1, 1) == where.find(("nowhere", 3))


def test_format_path() -> None:
    """Paths read as ``$.key[index].key``."""
    assert "$.rounds[2].positions[0].preferred" == y.format_path(
        ("rounds", 2, "positions", 0, "preferred")
    )
    assert "$" == y.format_path(())


@given(st.binary(max_size=200))
def test_never_crashes_on_random_bytes(data: bytes) -> None:
    """Any bytes give a value or a LoadError, nothing else."""
    try:
        parse(data, "f.yaml")
    except LoadError as exc:
        assert exc.problems
        assert all(p.file == "f.yaml" for p in exc.problems)


@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!?,#'\"\n\t |>%@`~")), max_size=60))
def test_never_crashes_on_yaml_punctuation(text: str) -> None:
    """Text made of YAML's own punctuation gives a value or a LoadError, nothing else."""
    try:
        parse(text.encode(), "f.yaml")
    except LoadError as exc:
        assert exc.problems


@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}\n ,")), max_size=60))
def test_fast_and_careful_readers_agree(text: str) -> None:
    """Whatever the fast reader accepts, the careful one builds the same value without problems."""
    data = text.encode()
    try:
        fast = parse(data, "f.yaml")
    except LoadError:
        return
    careful = Careful(data, "f.yaml").run()
    assert [] == careful.problems
    assert fast == careful.root


@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}\n ,'\"&*!?#|>")), max_size=60))
def test_fast_reader_refuses_exactly_what_the_careful_one_reports(text: str) -> None:
    """The fast reader gives up where, and only where, the careful one finds a problem."""
    data = text.encode()
    careful = Careful(data, "f.yaml").run()
    try:
        fast = y.fast_build(data)
    except (y.Slow, yaml.YAMLError):
        assert careful.problems
    else:
        assert [] == careful.problems
        assert fast == careful.root


@pytest.mark.parametrize("depth", range(y.MAX_DEPTH - 2, y.MAX_DEPTH + 3))
def test_fast_and_careful_readers_share_the_depth_limit(depth: int) -> None:
    """Nesting right up to the limit is read; one level more is refused, in flow and block style."""
    flow = b"[" * depth + b"]" * depth
    block = (
        b"".join(b"  " * n + b"k:\n" for n in range(depth - 1)) + b"  " * (depth - 1) + b"k: v\n"
    )
    for data in (flow, block):
        if depth <= y.MAX_DEPTH:
            assert parse(data, "f.yaml") is not None
        else:
            assert f"nesting is deeper than {y.MAX_DEPTH} levels" == one(data).message


@given(st.binary(max_size=100))
def test_bytes_that_are_not_utf8_are_reported_as_such(data: bytes) -> None:
    """Whatever the YAML around it, a byte that is not UTF-8 is the one problem reported."""
    assume(not any(data.startswith(bom) for bom, _ in y._UTF16_32_BOMS))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert one(data).message.startswith("invalid UTF-8 byte")


@pytest.mark.parametrize(
    "data",
    [
        b"a: b # \xff\n",
        b"a: 'x\xffy'\n",
        b"a: b\n\xc3",
        b"# \xed\xa0\x80\na: b\n",
        b"\xc0\xafa: b\n",
    ],
)
def test_invalid_utf8_anywhere_is_found(data: bytes) -> None:
    """Bad UTF-8 in a comment, a quoted string, at the end, a surrogate, an overlong form."""
    assert one(data).message.startswith("invalid UTF-8 byte")


_KEYS = st.sampled_from(["a", "b", "c", "0", "1", ""])
_DOCUMENTS = st.recursive(
    st.none() | st.sampled_from(["x", "", "0", "NO", "a b"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=25,
)
_STEPS: st.SearchStrategy[y.PathKey] = st.sampled_from(["a", "b", "c", "0", "", "zz", 0, 1, 2, 7])


def _extended(
    path_and_steps: tuple[tuple[y.PathKey, ...], list[y.PathKey]],
) -> tuple[y.PathKey, ...]:
    return (*path_and_steps[0], *path_and_steps[1])


@given(_DOCUMENTS, st.booleans(), st.data())
def test_locate_paths_agrees_with_locate(document: object, flow: bool, data: st.DataObject) -> None:
    """For every path asked for, the targeted reader finds what the full one finds: the value,
    the key when asked, or the nearest parent of a path that does not exist."""
    text = yaml.safe_dump(document, default_flow_style=flow).encode()
    parse(text, "f.yaml")  # a document the loader accepts
    full = locate(text)
    existing = st.sampled_from(sorted({*full.values, *full.keys}, key=repr))
    path = st.one_of(
        existing,
        st.tuples(existing, st.lists(_STEPS, max_size=3)).map(_extended),
        st.lists(_STEPS, max_size=3).map(tuple),
    )
    paths = data.draw(st.lists(path, max_size=6))
    targeted = locate_paths(text, paths)
    for wanted in paths:
        for key in (False, True):
            assert full.find(wanted, key=key) == targeted.find(wanted, key=key), (wanted, key)


def test_locate_paths_reads_only_what_it_needs() -> None:
    """Only the keys and values on the way to the paths asked for are recorded."""
    text = b"a: 1\nb:\n  - x\n  - {c: d}\ne: [f, {g: h}]\n"
    wanted = [("b", 1, "c"), ("b", 1, "missing"), ("nowhere", 3), ("a",)]
    where = locate_paths(text, wanted)
    assert (4, 9) == where.find(("b", 1, "c"))
    assert (4, 5) == where.find(("b", 1, "missing"))
    assert (1, 1) == where.find(("nowhere", 3))
    assert (1, 1) == where.find(("a",), key=True)
    assert {(), ("a",), ("b",), ("b", 1), ("b", 1, "c")} == set(where.values)
    assert {("a",), ("b",), ("b", 1, "c")} == set(where.keys)
    assert {()} == set(locate_paths(text, []).values)


@pytest.mark.parametrize(
    "text", [b"", b"# nothing\n", b"a: [b\nc: d\n", b"? [k]\n: v\nb: {c: d}\n"]
)
def test_locate_paths_of_documents_parse_refuses(text: bytes) -> None:
    """An empty file, a syntax error or a list as a key: the same answers as the careful reader."""
    full = locate(text)
    paths: list[tuple[y.PathKey, ...]] = [(), ("a",), ("b", "c"), ("c",)]
    targeted = locate_paths(text, paths)
    for path in paths:
        assert full.find(path) == targeted.find(path)
