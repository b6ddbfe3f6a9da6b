"""The shared ground of the other tools' formats: reading text, lines, problems, a dossier made."""

from __future__ import annotations

import codecs
import datetime as dt
from typing import TYPE_CHECKING

import pytest

import negotrack as nt
from negotrack.interop import _foreign
from negotrack.interop._coded import Coded, CodedActor, CodedIssue, CodedPosition, dossier_from
from negotrack.interop._foreign import (
    FORMATS,
    ForeignUsageError,
    Problems,
    exporter,
    import_into,
    importer,
    read_text,
    split_lines,
)

if TYPE_CHECKING:
    from pathlib import Path

TEXT = "#A\tsp\tSão Tomé\n#P\tp\tPeace\n"


def _refused(path: Path) -> str:
    with pytest.raises(nt.LoadError) as caught:
        read_text(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    return str(problem)


def _file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    return path


# -- read_text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode(),
        codecs.BOM_UTF8 + TEXT.encode(),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16-le with BOM", "utf-16-be with BOM", "utf-32 BOM"],
)
def test_utf8_and_text_with_a_byte_order_mark_are_read(tmp_path: Path, data: bytes) -> None:
    """The byte order mark is no part of the text."""
    assert read_text(_file(tmp_path, data)) == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_refused(tmp_path: Path, encoding: str) -> None:
    problem = _refused(_file(tmp_path, TEXT.encode(encoding)))
    assert "UTF-16 without a byte order mark: save it as UTF-8, or as UTF-16 with one" in problem


def test_latin1_is_refused_at_its_line_and_column(tmp_path: Path) -> None:
    """The first byte that is no UTF-8, placed in characters: line 3, column 8."""
    path = _file(tmp_path, "#A\ta\tA\n\n#A\tsp\tSão Tomé\n".encode("latin-1"))
    assert _refused(path) == (
        f"{path}:3:8: byte 0xE3 is not UTF-8 (Latin-1 or Windows-1252, perhaps): save the file "
        "as UTF-8"
    )


def test_a_binary_file_is_refused_at_its_first_nul(tmp_path: Path) -> None:
    path = _file(tmp_path, b"#A\ta\tA\r\nxy\x00\x01\xff\xfe")
    assert _refused(path) == f"{path}:2:3: a binary file (a NUL byte), not a text table"


def test_a_binary_file_behind_a_byte_order_mark_is_refused(tmp_path: Path) -> None:
    """A byte order mark makes no text of what follows it."""
    path = _file(tmp_path, codecs.BOM_UTF8 + b"#A\ta\tA\n\x00\x00\x00")
    assert _refused(path) == f"{path}:2:1: a binary file (a NUL byte), not a text table"


def test_utf16_that_breaks_off_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, codecs.BOM_UTF16_LE + "#A".encode("utf-16-le") + b"\x00")
    assert "not UTF-16-LE past byte 4" in _refused(path)


@pytest.mark.parametrize("data", [b"", b" \t\r\n\n", codecs.BOM_UTF8])
def test_an_empty_file_is_refused(tmp_path: Path, data: bytes) -> None:
    assert _refused(_file(tmp_path, data)).endswith("the file is empty")


def test_a_file_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MAX_BYTES is patched down: no test writes 100 MB. A file at the limit is read."""
    monkeypatch.setattr(_foreign, "MAX_BYTES", 1000)
    assert read_text(_file(tmp_path, b"x" * 1000)) == "x" * 1000
    problem = _refused(_file(tmp_path, b"x" * 1001))
    assert "a file of 0.0 MB: import reads files of at most" in problem


def test_a_device_that_never_ends_is_read_no_further_than_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """/dev/zero has no size to check first: reading stops past the limit."""
    monkeypatch.setattr(_foreign, "MAX_BYTES", 1000)
    with pytest.raises(nt.LoadError, match="import reads files of at most"):
        read_text("/dev/zero")


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    assert _refused(tmp_path).endswith(": a folder, not a file")
    assert _refused(tmp_path / "absent.txt").endswith(": cannot be read: No such file or directory")


# -- split_lines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\nb\n", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b"]),
        ("a\rb\r", ["a", "b"]),
        ("a\r\n\r\nb", ["a", "", "b"]),
        ("a\n\rb", ["a", "", "b"]),
        ("a\x0cb\u2028c\x85d\x1ee", ["a\x0cb\u2028c\x85d\x1ee"]),
        ("a\n\n", ["a", ""]),
        ("", []),
    ],
)
def test_lines_break_at_cr_lf_lf_and_a_lone_cr_only(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines


# -- problems -------------------------------------------------------------------------------------


def test_problems_are_raised_together_in_the_order_found() -> None:
    problems = Problems("f.txt")
    problems.check()  # none: nothing raised
    problems.add(3, 7, "row 3, column salience", "salience 2 lies outside 0 to 1")
    problems.add(None, None, "$", "no actors")
    with pytest.raises(nt.LoadError) as caught:
        problems.check()
    assert [str(p) for p in caught.value.problems] == [
        "f.txt:3:7: row 3, column salience: salience 2 lies outside 0 to 1",
        "f.txt: no actors",
    ]


def test_past_200_problems_the_rest_are_counted() -> None:
    problems = Problems("f.txt")
    for line in range(1, 206):
        problems.add(line, 1, f"row {line}", "bad")
    with pytest.raises(nt.LoadError) as caught:
        problems.check()
    shown = caught.value.problems
    assert (len(shown), shown[199].line, str(shown[-1])) == (
        201,
        200,
        "f.txt: and 5 more problems not listed",
    )


# -- formats --------------------------------------------------------------------------------------


def test_the_formats_named_are_found() -> None:
    assert importer("decide").__name__ == "import_decide"
    assert exporter("decide").__name__ == "export_decide"
    assert FORMATS["deu"][2] is None
    with pytest.raises(KeyError):
        exporter("deu")


# -- a dossier made of what a file codes ----------------------------------------------------------


def _coded(title: str = "T") -> Coded:
    return Coded(
        title,
        (CodedActor("a", "A", 0.5), CodedActor("b", "B")),
        (CodedIssue("p", "P", 0, 10),),
        (CodedPosition("a", "p", 3, 0.5, "n"), CodedPosition("b", "p", 7)),
    )


@pytest.mark.parametrize("text", ["𐀀 astral", "C1 \x85 \x9f", "\u2028\u2029\ufeff", "\x00\x1b[31m"])
def test_any_text_comes_through_the_dossier_as_it_is(tmp_path: Path, text: str) -> None:
    """Beyond U+FFFF, C1 controls, YAML's own line breaks and NUL: each is escaped on the way."""
    path = _file(tmp_path, b"x")
    negotiation = dossier_from(_coded(text), file=path, fmt="F", date=dt.date(2024, 1, 2))
    assert negotiation.title == text


def test_the_dossier_made_cites_the_file(tmp_path: Path) -> None:
    path = tmp_path / "my data_2024.txt"
    path.write_text("x", encoding="utf-8")
    negotiation = dossier_from(_coded(), file=path, fmt="F", date=dt.date(2024, 1, 2))
    assert negotiation.id == "my-data_2024"
    (source,) = negotiation.sources
    assert (source.id, source.title, source.file) == (
        "my-data_2024-file",
        "my data_2024.txt (F)",
        "my data_2024.txt",
    )
    (round_,) = negotiation.rounds
    assert [(p.preferred, p.salience, p.note, p.evidence) for p in round_.positions] == [
        (3, 0.5, "n", ("a-coded",)),
        (7, None, None, ("b-coded",)),
    ]
    assert [p.weight for p in negotiation.parties] == [0.5, None]


# -- import_into ----------------------------------------------------------------------------------

GOOD = "#O\tTalks\n#A\ta\tA\n#P\tp\tP\n#D\ta\tp\t50\t0.5\t1\n"
BAD = "#O\tTalks\n#A\ta\tA\n#P\tp\tP\n#D\ta\tp\t500\t0.5\t1\n"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_import_into_a_new_folder_and_a_yaml_file(tmp_path: Path) -> None:
    source = _file(tmp_path, GOOD.encode())
    made = import_into("decide", source, tmp_path / "out", date=dt.date(2024, 1, 2))
    assert nt.dump(nt.load(tmp_path / "out")) == nt.dump(made)
    import_into("decide", source, tmp_path / "one.yaml", date=dt.date(2024, 1, 2))
    assert nt.load(tmp_path / "one.yaml").title == "Talks"


@pytest.mark.parametrize("kept", ["negotiation.yaml", "negotiation.yml"])
def test_a_folder_holding_a_dossier_is_replaced_only_with_force(tmp_path: Path, kept: str) -> None:
    source = _file(tmp_path, GOOD.encode())
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / kept).write_text("id: old\ntitle: Old\n", encoding="utf-8")
    (folder / "notes.md").write_text("mine", encoding="utf-8")
    before = _snapshot(folder)
    with pytest.raises(ForeignUsageError, match="holds a dossier already: --force replaces it"):
        import_into("decide", source, folder)
    assert _snapshot(folder) == before
    import_into("decide", source, folder, date=dt.date(2024, 1, 2), force=True)
    assert nt.load(folder).title == "Talks"
    assert (folder / "notes.md").read_text(encoding="utf-8") == "mine"


def test_a_yaml_file_holding_a_dossier_is_replaced_only_with_force(tmp_path: Path) -> None:
    source = _file(tmp_path, GOOD.encode())
    target = tmp_path / "old.yaml"
    target.write_text("id: old\ntitle: Old\n", encoding="utf-8")
    with pytest.raises(ForeignUsageError):
        import_into("decide", source, target)
    assert target.read_text(encoding="utf-8") == "id: old\ntitle: Old\n"


@pytest.mark.parametrize("force", [False, True])
def test_a_file_with_problems_writes_nothing(tmp_path: Path, force: bool) -> None:
    source = _file(tmp_path, BAD.encode())
    folder = tmp_path / "out"
    folder.mkdir()
    if force:
        (folder / "negotiation.yaml").write_text("id: old\ntitle: Old\n", encoding="utf-8")
    before = _snapshot(folder)
    with pytest.raises(nt.LoadError, match="position 500 lies off"):
        import_into("decide", source, folder, force=force)
    assert _snapshot(folder) == before
    with pytest.raises(nt.LoadError):
        import_into("decide", source, tmp_path / "new")
    assert not (tmp_path / "new").exists()


def test_import_into_a_folder_given_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the command line gives it (``--into back``): a save once failed on a relative folder."""
    monkeypatch.chdir(tmp_path)
    _file(tmp_path, GOOD.encode())
    import_into("decide", "in.txt", "back", date=dt.date(2024, 1, 2))
    nt.save(nt.load("back"), "again")
    assert nt.dump(nt.load("again")) == nt.dump(nt.load("back"))
    assert [p.name for p in (tmp_path / "back" / "rounds").iterdir()] == ["2024-01-02.yaml"]
