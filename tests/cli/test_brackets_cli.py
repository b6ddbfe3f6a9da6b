"""``negotrack brackets``: counts per file, JSON, standard input, and one line per bad file."""

from __future__ import annotations

import io
import json
import re
import sys
from typing import TYPE_CHECKING

from negotrack.cli._main import main
from tests.conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

DRAFT = "Option 1: Parties [shall][should] report [every [two] years].\nOption 2: [No text.]\n"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_one_line_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each file gets FILE: N brackets, M options; unclosed only when there are some."""
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b.md").write_text("[a [b]\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("", encoding="utf-8")
    files = [str(tmp_path / name) for name in ("a.txt", "b.md", "c.txt")]
    expected = [
        f"{files[0]}: 5 brackets, 2 options",
        f"{files[1]}: 1 bracket, 0 options, 1 unclosed",
        f"{files[2]}: 0 brackets, 0 options",
    ]
    code, out, err = _run(["brackets", *files], capsys)
    assert (0, expected, "") == (code, out.splitlines(), err)


def test_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json gives a list with one object per file, keys in a fixed order."""
    (tmp_path / "a.txt").write_text(DRAFT + "]", encoding="utf-8")
    name = str(tmp_path / "a.txt")
    code, out, err = _run(["brackets", "--format", "json", name], capsys)
    expected = [{"file": name, "brackets": 5, "options": 2, "unclosed": 1}]
    assert (0, expected, "") == (code, json.loads(out), err)
    assert ["file", "brackets", "options", "unclosed"] == list(json.loads(out)[0])


def test_standard_input_with_no_file_or_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no FILE, or for -, standard input is read and named -."""
    _stdin(monkeypatch, DRAFT.encode())
    assert (0, "-: 5 brackets, 2 options\n", "") == _run(["brackets"], capsys)
    _stdin(monkeypatch, b"\xef\xbb\xbfOption A: [x]")
    assert (0, "-: 1 bracket, 1 option\n", "") == _run(["brackets", "-"], capsys)


def test_json_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON output names standard input - as well."""
    _stdin(monkeypatch, "[Option 1: é]".encode())
    code, out, _ = _run(["brackets", "-f", "json"], capsys)
    assert (0, [{"file": "-", "brackets": 1, "options": 1, "unclosed": 0}]) == (
        code,
        json.loads(out),
    )


def test_unreadable_and_bad_utf8_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file, a folder or bad UTF-8 is one line on stderr; the rest are still counted."""
    good = tmp_path / "good.txt"
    good.write_text("[a]", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Parties\n[shall] r\xe9port")
    missing = tmp_path / "missing.txt"
    code, out, err = _run(["brackets", str(missing), str(bad), str(tmp_path), str(good)], capsys)
    expected_err = [
        f"{missing}: cannot read file: no such file or directory",
        f"{bad}: invalid UTF-8 byte b'\\xe9' at line 2, column 10; save the file as UTF-8",
        f"{tmp_path}: cannot read file: is a directory",
    ]
    assert (2, f"{good}: 1 bracket, 0 options\n", expected_err) == (code, out, err.splitlines())


def test_bad_utf8_on_standard_input_with_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad UTF-8 on standard input is named -, and JSON output is still a list."""
    _stdin(monkeypatch, b"\xff")
    code, out, err = _run(["brackets", "-f", "json"], capsys)
    expected: tuple[int, list[object], str] = (
        2,
        [],
        "-: invalid UTF-8 byte b'\\xff' at line 1, column 1; save the file as UTF-8\n",
    )
    assert expected == (code, json.loads(out), err)


def test_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown format exits 2 with a usage line and no traceback."""
    code, out, err = _run(["brackets", "-f", "csv", "x.txt"], capsys)
    assert (2, "", True, False) == (code, out, "invalid choice: 'csv'" in err, "Traceback" in err)


def test_the_example_in_the_docs_is_real(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The draft and the output shown in docs/cli.md are what the command gives."""
    section = (
        (ROOT / "docs" / "cli.md").read_text(encoding="utf-8").split("## `negotrack brackets`")[1]
    )
    draft = re.findall(r"^```text\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)[1]
    (shown,) = re.findall(r"^\$ negotrack brackets draft.txt\n(.*)$", section, re.MULTILINE)
    (tmp_path / "draft.txt").write_text(draft, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert (0, shown + "\n", "") == _run(["brackets", "draft.txt"], capsys)
    (shown_json,) = re.findall(r"`(\[\{\"file\".*?\}\])`", section, re.DOTALL)
    code, out, err = _run(["brackets", "-f", "json", "draft.txt"], capsys)
    assert (0, json.loads(shown_json), "") == (code, json.loads(out), err)
