"""``negotrack site``: a static folder of pages that link only to each other and to sources."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from negotrack.cli._main import main
from tests.conftest import FLAGSHIP, MINIMAL
from tests.report.test_summaries import DOSSIER

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("jinja2")


class _Links(HTMLParser):
    """Every href and src of a page, the ids it defines, its script tags, its external links."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src"):
            if found.get(name) is not None:
                self.links.append((tag, name + "=" + str(found[name]), found))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    linked = folder / "spans.yaml"  # a source with an address, which the pages link to
    text = DOSSIER.replace("title: Internal memo}", "title: Memo, url: 'https://example.org/m'}")
    linked.write_text(text, encoding="utf-8")
    root = folder / "out"
    assert 0 == main(["site", str(MINIMAL), str(FLAGSHIP), str(linked), "-o", str(root)])
    return root


def _pages(root: Path) -> dict[Path, _Links]:
    pages = {}
    for path in sorted(root.rglob("*.html")):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path] = parser
    return pages


def test_the_site_has_an_index_a_report_each_and_a_diff_per_pair_of_rounds(site: Path) -> None:
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert "index.html" in written
    for folder, rounds in (("bakery-wage-talks", 2), ("ukraine-russia-2022", 7)):
        assert {f"{folder}/report.html", f"{folder}/report.json"} <= written
        diffs = [w for w in written if w.startswith(f"{folder}/diff-") and w.endswith(".html")]
        assert rounds - 1 == len(diffs)
        for page in diffs:
            assert page.removesuffix(".html") + ".json" in written
    for path in site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Latest readings" in index
    assert "Wage talks at a bakery" in index


def test_every_link_resolves_to_a_written_file_or_is_a_source_address(site: Path) -> None:
    pages = _pages(site)
    assert len(pages) == 13
    outside = 0
    for path, page in pages.items():
        for tag, link, attrs in page.links:
            target = link.split("=", 1)[1]
            parts = urlsplit(target)
            if parts.scheme in ("http", "https"):
                # only a source's own address leaves the site, as a plain link, never a resource
                assert (tag, link.split("=")[0]) == ("a", "href"), (path, link)
                assert attrs.get("rel") == "noopener noreferrer", (path, link)
                outside += 1
                continue
            assert not parts.scheme, (path, link)  # no data:, javascript: or file: links
            assert not parts.netloc, (path, link)
            file = path if not parts.path else (path.parent / parts.path).resolve()
            assert file.is_file(), (path, link)
            assert file.is_relative_to(site.resolve()), (path, link)
            if parts.fragment:
                assert parts.fragment in _pages_ids(pages, file), (path, link)
    assert outside > 0  # the memo's address is linked


def _pages_ids(pages: dict[Path, _Links], file: Path) -> set[str]:
    for path, page in pages.items():
        if path.resolve() == file:
            return page.ids
    return set()


def test_no_page_has_a_script(site: Path) -> None:
    for path, page in _pages(site).items():
        assert page.scripts == 0, path
        assert "<script" not in path.read_text(encoding="utf-8").lower(), path


def test_the_link_check_can_fail(tmp_path: Path) -> None:
    """A dangling link is caught: the check above is not vacuous."""
    (tmp_path / "index.html").write_text('<a href="missing.html">x</a>', encoding="utf-8")
    ((_, link, _),) = _pages(tmp_path)[tmp_path / "index.html"].links
    assert not (tmp_path / link.split("=", 1)[1]).is_file()


def _refused(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert 2 == main(args)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert 1 == len(captured.err.strip().splitlines())
    return captured.err


def test_the_site_never_writes_through_a_symlink(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").symlink_to(elsewhere)
    assert "not a folder" in _refused(["site", str(MINIMAL), "-o", str(tmp_path / "out")], capsys)
    assert [] == list(elsewhere.iterdir())
    root = tmp_path / "site"
    (root / "bakery-wage-talks").mkdir(parents=True)
    (root / "bakery-wage-talks" / "report.html").symlink_to(tmp_path / "victim")
    assert "not a regular file" in _refused(["site", str(MINIMAL), "-o", str(root)], capsys)
    assert not (tmp_path / "victim").exists()
    assert not (root / "index.html").exists()  # nothing written


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_the_site_never_writes_over_a_fifo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "site"
    root.mkdir()
    os.mkfifo(root / "index.html")
    assert "not a regular file" in _refused(["site", str(MINIMAL), "-o", str(root)], capsys)
    assert [] == [p for p in root.rglob("*") if p.name != "index.html"]


def test_two_dossiers_with_one_id_are_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "site"
    assert "two dossiers have the id" in _refused(
        ["site", str(MINIMAL), str(MINIMAL), "-o", str(root)], capsys
    )
    assert not root.exists()


def test_a_file_in_place_of_the_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "site").write_text("mine", encoding="utf-8")
    assert "not a folder" in _refused(["site", str(MINIMAL), "-o", str(tmp_path / "site")], capsys)
    assert "mine" == (tmp_path / "site").read_text(encoding="utf-8")
