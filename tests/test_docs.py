"""The documentation builds cleanly, covers the public API and the file format, and tells the truth."""

from __future__ import annotations

import doctest
import os
import re
import types
import typing
import warnings
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import negotrack
from docs._ext import generate
from negotrack.cli._main import build_parser, main
from tests import docs_session
from tests.conftest import ROOT

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
#: The pages replayed as terminal sessions (tests/docs_session.py): those that write files.
SESSIONS = [page for page in PAGES if docs_session.is_session(page.read_text(encoding="utf-8"))]
#: NEGOTRACK_REGENERATE=1 rewrites the output shown on session pages, as for golden files.
REGENERATE = os.environ.get("NEGOTRACK_REGENERATE") == "1"

#: Exported attrs classes that exist only in Python, never as keys in a dossier file.
PYTHON_ONLY = {
    "Backtest",
    "Forecast",
    "IssueForecast",
    "IssueScore",
    "ModelScore",
    "IssueVerdict",
    "ImportResult",
    "Reading",
    "Revision",
    "Carried",
    "Change",
    "Diff",
    "IssueMeasures",
    "IssueTimeline",
    "Problem",
    "TextCounts",
    "Timeline",
    "TimelinePoint",
    "Toward",
    "TurningPoint",
    "Validation",
}

#: Modules whose use of deprecated Sphinx APIs is not negotrack's concern.
_THIRD_PARTY = r"(sphinx|myst_parser|furo|sphinx_basic_ng)(\.|$)"

_FIELDS_TABLE = re.compile(r"^<!-- fields: negotrack\.(\w+) -->$", re.MULTILINE)

#: What only a docs build fills in, and so leaves a page empty or broken read raw: a MyST
#: substitution, the old fields directive, a file included by a directive, autodoc output
#: with no summary table before it (docs/_ext/api_summary.py).
_BUILD_ONLY = {
    "a {{ substitution }}": re.compile(r"\{\{.*?\}\}"),
    "a negotrack-fields directive": re.compile(r"\{negotrack-fields\}"),
    "a literalinclude directive": re.compile(r"^```\{literalinclude\}", re.MULTILINE),
    "an eval-rst block without a names table": re.compile(
        r"(?<!<!-- end names -->\n\n)^```\{eval-rst\}", re.MULTILINE
    ),
}


def _sphinx_build_main() -> Callable[[list[str]], int]:
    try:
        from sphinx.cmd.build import build_main  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        pytest.fail(
            f"Sphinx is not installed ({exc}); install the docs extra: pip install -e '.[docs]'"
        )
    return build_main


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the HTML docs once, warnings as errors, and return the output folder."""
    build_main = _sphinx_build_main()
    out = tmp_path_factory.mktemp("docs")
    args = ["-W", "--keep-going", "-q", "-E", "-b", "html", "-d", str(out / ".doctrees")]
    with warnings.catch_warnings():
        # Sphinx's own extensions and MyST call APIs that Sphinx has deprecated (as of Sphinx 9);
        # that is theirs to fix. Warnings about the docs themselves still fail the build via -W.
        for category in (DeprecationWarning, PendingDeprecationWarning):
            warnings.filterwarnings("ignore", category=category, module=_THIRD_PARTY)
        status = build_main([*args, str(DOCS), str(out / "html")])
    assert status == 0, "the Sphinx build failed or warned; run it by hand to see why"
    return out / "html"


def _file_format_classes() -> set[type[Any]]:
    """Every attrs class reachable from Negotiation through the types of its fields."""
    found: set[type[Any]] = set()
    pending: list[Any] = [negotrack.Negotiation]
    while pending:
        tp = pending.pop()
        if isinstance(tp, type) and attrs.has(tp):
            if tp in found:
                continue
            found.add(tp)
            pending.extend(typing.get_type_hints(tp).values())
        elif typing.get_origin(tp) in (tuple, typing.Union, types.UnionType):
            pending.extend(typing.get_args(tp))
    return found


def test_sphinx_build_passes_with_warnings_as_errors(html: Path) -> None:
    """The docs build with -W and produce every page."""
    expected = {
        "index",
        "tutorial",
        "python",
        "diff",
        "format",
        "errors",
        "cli",
        "api",
        "changelog",
    }
    assert expected <= {page.stem for page in html.glob("*.html")}


def test_every_public_name_is_in_the_api_reference(html: Path) -> None:
    """Each name in negotrack.__all__ has an entry of its own in the rendered API page."""
    rendered = (html / "api.html").read_text(encoding="utf-8")
    missing = [name for name in negotrack.__all__ if f'id="negotrack.{name}"' not in rendered]
    assert [] == missing


def test_every_file_format_class_has_a_fields_table() -> None:
    """The format reference has a table of the keys of every class a dossier file can hold."""
    used = {name for page in PAGES for name in _FIELDS_TABLE.findall(page.read_text())}
    assert sorted(c.__name__ for c in _file_format_classes()) == sorted(used)


def test_every_exported_attrs_class_is_in_the_files_or_python_only() -> None:
    """An exported attrs class is either written in dossier files or named as Python-only."""
    exported = {
        name
        for name in negotrack.__all__
        if isinstance(getattr(negotrack, name), type) and attrs.has(getattr(negotrack, name))
    }
    in_files = {c.__name__ for c in _file_format_classes()}
    assert sorted(exported - PYTHON_ONLY) == sorted(in_files)


def test_every_fields_table_has_a_section_label() -> None:
    """Each class with a fields table has the format-<name> label its links point at."""
    text = (DOCS / "format.md").read_text()
    missing = [
        name for name in _FIELDS_TABLE.findall(text) if f"(format-{name.lower()})=" not in text
    ]
    assert [] == missing


def test_the_generated_parts_of_the_pages_match_the_code() -> None:
    """The tables and values written into the pages are what the generator makes today."""
    stale = {page.name: fresh for page, fresh in generate.stale().items()}
    for name, fresh in stale.items():
        assert (DOCS / name).read_text(encoding="utf-8") == fresh, f"stale; run {generate.COMMAND}"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_pages_read_raw(page: Path) -> None:
    """No page holds what only a docs build fills in; an include only on the changelog page."""
    text = page.read_text(encoding="utf-8")
    found = [what for what, pattern in _BUILD_ONLY.items() if pattern.search(text)]
    if page.name != "changelog.md" and re.search(r"^```\{include\}", text, re.MULTILINE):
        found.append("an include directive")
    assert [] == found


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_doctests_in_the_docs_pass(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every >>> example in the docs runs from the repository root and prints what it shows."""
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(page), module_relative=False, encoding="utf-8")
    assert 0 == result.failed


def test_every_cli_command_is_documented() -> None:
    """Each subcommand of the negotrack command has a section in docs/cli.md."""
    parser = build_parser()
    actions = [a for a in parser._actions if a.choices and a.dest == "command"]
    commands = sorted(actions[0].choices or ())
    text = (DOCS / "cli.md").read_text()
    assert [] == [name for name in commands if f"## `negotrack {name}`" not in text]


def test_cli_output_shown_in_the_docs_is_real(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The validate output quoted in docs/cli.md is what the command prints."""
    text = (DOCS / "cli.md").read_text()
    monkeypatch.chdir(ROOT)
    assert 0 == main(["validate", "examples/minimal"])
    ok_line = capsys.readouterr().out.strip()
    assert ok_line in text

    (bad_yaml,) = re.findall(r"`bad\.yaml`:\n\n```yaml\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
    (tmp_path / "bad.yaml").write_text(bad_yaml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert 2 == main(["validate", "bad.yaml"])
    problems = capsys.readouterr().err.splitlines()
    assert problems
    assert [] == [line for line in problems if line not in text]


def test_the_tutorial_and_every_how_to_are_replayed() -> None:
    """The tutorial and each how-to page write their files, so their output is checked."""
    wanted = {"tutorial.md", *(page.name for page in DOCS.glob("howto-*.md"))}
    assert len(wanted) >= 5
    assert sorted(wanted) == sorted(wanted & {page.name for page in SESSIONS})


@pytest.mark.parametrize("page", SESSIONS, ids=[p.name for p in SESSIONS])
def test_the_output_shown_on_session_pages_is_real(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replayed in an empty folder, each command prints exactly what the page shows under it."""
    text = page.read_text(encoding="utf-8")
    results = docs_session.replay(text, tmp_path, monkeypatch)
    if REGENERATE:
        page.write_text(docs_session.refreshed(text, results), encoding="utf-8")
    shown, produced = docs_session.transcripts(results)
    assert produced == shown


def test_the_tutorial_builds_the_minimal_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dossier the tutorial writes, step by step, is examples/minimal."""
    docs_session.replay((DOCS / "tutorial.md").read_text(encoding="utf-8"), tmp_path, monkeypatch)
    built = negotrack.dump(negotrack.load(tmp_path / "bakery"))
    assert negotrack.dump(negotrack.load(ROOT / "examples" / "minimal")) == built
