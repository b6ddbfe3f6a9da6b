"""``negotrack --help`` stays light: building the parser imports no model, renderer or YAML."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pytest


def test_the_parser_imports_nothing_heavy() -> None:
    """A module at parser build time that imports the model (attrs), PyYAML or a renderer slows
    every ``--help`` and every mistyped command by tens of milliseconds; it has happened three
    times as commands were added."""
    code = (
        "import sys; from negotrack.cli._main import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('attr', 'attrs', 'cattrs', 'yaml', 'jinja2') or m.startswith(('negotrack.model', "
        "'negotrack.files', 'negotrack.report', 'negotrack.diff', 'negotrack.interop'))))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def _modules_after(code: str) -> set[str]:
    """The modules imported once ``code`` has run (asserted to be many: it did run)."""
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = set(done.stdout.split())
    assert "negotrack.cli._main" in modules
    return modules


def test_help_imports_no_module_it_does_not_use() -> None:
    """``negotrack --help`` imports argparse and little more: typing, pathlib (urllib.parse,
    ipaddress), datetime and shutil (bz2, lzma, zlib) were a third of its time over a bare
    interpreter."""
    code = (
        "import contextlib, io; from negotrack.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['--help'])"
    )
    heavy = {"typing", "pathlib", "datetime", "shutil", "bz2", "lzma", "importlib.util"}
    assert _modules_after(code) & heavy == set()


def test_help_is_as_wide_as_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The width found once per parser is the one argparse would find with shutil."""
    import argparse  # noqa: PLC0415
    import shutil  # noqa: PLC0415

    from negotrack.cli._main import _terminal_width, build_parser  # noqa: PLC0415

    for columns in ("", "50", "0", "x", "132"):
        monkeypatch.setenv("COLUMNS", columns)
        assert _terminal_width() == shutil.get_terminal_size().columns - 2
        assert build_parser().format_help() == _plain_argparse_help(argparse)


def _plain_argparse_help(argparse: Any) -> str:
    """The same parser's help with argparse's own formatter, which asks shutil each time."""
    from negotrack.cli import _main  # noqa: PLC0415

    original = _main._Parser.__init__

    def plain_init(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.HelpFormatter)
        argparse.ArgumentParser.__init__(self, *args, **kwargs)

    _main._Parser.__init__ = plain_init  # type: ignore[method-assign]
    try:
        return _main.build_parser().format_help()
    finally:
        _main._Parser.__init__ = original  # type: ignore[method-assign]


def test_the_plain_table_is_the_unicode_databases() -> None:
    """`model/_plain` writes its table out rather than asking 12,000 characters at every start:
    it is still what it was worked out as, the whitespace and controls below U+3001."""
    import unicodedata  # noqa: PLC0415

    from negotrack.model._plain import _BIDI, _PLAIN  # noqa: PLC0415

    worked_out = {
        code: " " if chr(code).isspace() else "\ufffd"
        for code in range(0x3001)
        if chr(code).isspace() or unicodedata.category(chr(code)) == "Cc" or code in _BIDI
    }
    assert {c: r for c, r in _PLAIN.items() if c < 0x3001} == worked_out


def test_validate_imports_nothing_it_does_not_use() -> None:
    """``negotrack validate`` of a dossier with no pasted draft text and no schemas loads
    neither the bracket counter's patterns, hashlib, shutil nor json."""
    code = (
        "import contextlib, io; from negotrack.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['validate', 'examples/minimal'])"
    )
    heavy = {"negotrack.model._brackets", "hashlib", "shutil", "bz2", "json", "negotrack.report"}
    assert _modules_after(code) & heavy == set()
    from negotrack.files import _id_schemas, _loading  # noqa: PLC0415

    assert _loading.SCHEMA_DIR == _id_schemas.SCHEMA_DIR  # where validate looks for schemas
