"""The HTML renderer: self-contained pages, inert analyst text, charts, and golden pages."""

from __future__ import annotations

import os
import sys
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

import negotrack as nt
from negotrack.model._errors import MissingExtraError
from negotrack.report._charts import Chart, EventMark, Series, chart_svg
from negotrack.report._html import HtmlRenderer
from negotrack.report._quotes import safe_url
from negotrack.report._render import renderer_for
from tests.conftest import DATA, FLAGSHIP, MINIMAL

if TYPE_CHECKING:
    from collections.abc import Iterator

GOLDEN = DATA / "flagship"
REGENERATE = os.environ.get("NEGOTRACK_REGENERATE") == "1"

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
SVG = "</svg><script>alert(2)</script>"
TEMPLATE = "{{ 7*7 }}"
PAYLOADS = (SCRIPT, ATTRIBUTE, SVG, TEMPLATE)
EVIL = f"{SCRIPT} {ATTRIBUTE} {SVG} {TEMPLATE}"

#: A dossier whose every piece of free text is an attack; urls try other schemes.
HOSTILE = f"""
id: hostile
title: 'Talks {EVIL}'
description: 'About {EVIL}'
parties:
  - id: red
    name: 'Red {SCRIPT}'
    kind: state
    representatives:
      - id: rosa
        name: 'Rosa {ATTRIBUTE}'
        role: 'Envoy {SVG}'
  - id: blue
    name: 'Blue {ATTRIBUTE}'
    kind: state
  - id: green
    name: 'Green {SVG} {TEMPLATE}'
    kind: mediator
issues:
  - id: border
    title: 'Border {EVIL}'
    description: 'Line {EVIL}'
    scale:
      kind: ordinal
      options:
        - id: north
          label: 'North {SCRIPT}'
        - id: middle
          label: 'Middle {ATTRIBUTE}'
        - id: south
          label: 'South {SVG} {TEMPLATE}'
  - id: troops
    title: 'Troops {SVG}'
    scale:
      kind: numeric
      min: 0
      max: 1000
      unit: 'soldiers {SCRIPT}'
  - id: capital
    title: 'Capital {TEMPLATE}'
    scale:
      kind: categorical
      options:
        - id: east
          label: 'East {SCRIPT}'
        - id: west
          label: 'West {ATTRIBUTE}'
proposals:
  - id: plan
    title: 'Plan {EVIL}'
    terms:
      - issue: border
        value: middle
        text: 'Split {EVIL}'
    tabled_by: [red]
    tabled_in: r2
sources:
  - id: evil-source
    title: 'Wire {EVIL}'
    outlet: 'Outlet {SCRIPT}'
    url: 'javascript:alert(1)'
  - id: data-source
    title: 'Data {ATTRIBUTE}'
    url: 'data:text/html,<script>alert(3)</script>'
  - id: spaced-source
    title: 'Spaced'
    url: ' javascript:alert(4)'
  - id: good-source
    title: 'Good {SVG}'
    url: 'https://example.org/report?a=1&b="2"'
  - id: mail-source
    title: 'Mail'
    url: 'mailto:desk@example.org'
events:
  - id: storm
    date: 2024-01-15
    title: 'Storm {EVIL}'
    description: 'Rain {EVIL}'
rounds:
  - id: r1
    title: 'First {EVIL}'
    date: 2024-01-01
    location: 'Geneva {SCRIPT}'
    statements:
      - id: s1
        date: 2024-01-01
        speaker: rosa
        source: evil-source
        quote: 'We will {EVIL}'
        translation_note: 'From {SCRIPT}'
      - id: s2
        date: 2024-01-01
        party: blue
        source: good-source
        summary: 'Blue says {EVIL}'
        url: 'JaVaScRiPt:alert(5)'
    positions:
      - party: red
        issue: border
        preferred: north
        acceptable: [north]
        red_lines:
          - text: 'Never {EVIL}'
            options: [south]
        conditions:
          - text: 'Only if {EVIL}'
        evidence: [s1]
      - party: blue
        issue: border
        preferred: south
        acceptable: [middle, south]
        evidence: [s2]
      - party: red
        issue: troops
        preferred: 100
        acceptable: {{min: 0, max: 300}}
        evidence: [s1]
      - party: blue
        issue: troops
        preferred: 800
        acceptable: {{min: 500}}
        evidence: [s2]
      - party: red
        issue: capital
        preferred: east
        acceptable: [east, west]
      - party: blue
        issue: capital
        preferred: west
        acceptable: [west]
  - id: r2
    title: 'Second {EVIL}'
    date: 2024-02-01
    statements:
      - id: s3
        date: 2024-02-01
        speaker: rosa
        source: data-source
        quote: 'Now {EVIL}'
      - id: s4
        date: 2024-02-01
        party: blue
        source: spaced-source
        quote: 'Fine {EVIL}'
      - id: s5
        date: 2024-02-01
        party: blue
        source: mail-source
        quote: 'Write {TEMPLATE}'
    positions:
      - party: red
        issue: border
        preferred: middle
        acceptable: [north, middle]
        conditions:
          - text: 'Also if {EVIL}'
            linked_issue: troops
        evidence: [s3]
      - party: blue
        issue: border
        preferred: middle
        acceptable: [middle, south]
        evidence: [s4, s5]
      - party: blue
        issue: troops
        preferred: 600
        acceptable: {{min: 250, max: 1000}}
        evidence: [s4, s2]
      - party: blue
        issue: capital
        preferred: east
        acceptable: [east, west]
        evidence: [s5]
    stances:
      - party: blue
        proposal: plan
        stance: conditional
        conditions:
          - text: 'Provided {EVIL}'
        evidence: [s4]
    events:
      - id: strike
        date: 2024-02-01
        title: 'Strike {EVIL}'
"""

LINKS = ('https://example.org/report?a=1&b="2"', "mailto:desk@example.org")


class Audit(HTMLParser):
    """Collects what a page holds: elements, attributes, text, style sheets, links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.css: list[str] = []
        self.links: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
            if name == "style":
                self.css.append(value or "")
            if tag == "a" and name == "href":
                self.links.append(value or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.css if self._in_style else self.text).append(data)


def audit(page: str) -> Audit:
    parser = Audit()
    parser.feed(page)
    parser.close()
    return parser


def assert_inert(page: str) -> Audit:
    """The checks every page must pass, whatever the analyst wrote."""
    found = audit(page)
    assert "script" not in found.tags
    assert not {"img", "iframe", "object", "embed", "link", "foreignobject", "form"} & set(
        found.tags
    )
    assert [] == [(t, n) for t, n, _ in found.attributes if n.startswith("on")]
    for tag, name, value in found.attributes:
        if name in ("href", "src", "xlink:href", "action", "formaction"):
            assert tag == "a", (tag, name, value)
            assert value.lower().startswith(("http://", "https://", "mailto:", "#")), value
    css = "\n".join(found.css)
    assert "@import" not in css
    assert "url(" not in css
    assert "<link" not in page.lower()
    assert "<script" not in page.lower()
    # the only addresses on the page are the analyst's own links
    addresses = page.count("http://") + page.count("https://")
    assert addresses == sum(link.startswith(("http://", "https://")) for link in found.links)
    return found


@pytest.fixture(scope="module")
def hostile() -> nt.Negotiation:
    return nt.loads(HOSTILE)


@pytest.fixture(scope="module")
def renderer() -> HtmlRenderer:
    return HtmlRenderer()


def hostile_pages(negotiation: nt.Negotiation, renderer: HtmlRenderer) -> Iterator[str]:
    timeline = nt.timeline(negotiation)
    yield renderer.diff(negotiation, nt.compare(negotiation, "r1", "r2"))
    yield renderer.report(negotiation, timeline)
    yield renderer.timeline(negotiation, timeline)


@pytest.mark.parametrize("page", ["diff", "report", "timeline"])
def test_hostile_text_is_inert(hostile: nt.Negotiation, renderer: HtmlRenderer, page: str) -> None:
    """Markup, script, event attributes and template syntax in analyst text come out as text."""
    html = dict(zip(["diff", "report", "timeline"], hostile_pages(hostile, renderer), strict=True))[
        page
    ]
    found = assert_inert(html)
    text = "".join(found.text)
    for payload in PAYLOADS:
        assert payload in text, payload
    assert "{{ 7*7 }}" in html
    assert "49" not in text


def test_only_web_and_mail_addresses_are_links(
    hostile: nt.Negotiation, renderer: HtmlRenderer
) -> None:
    """Sources with http(s) or mailto addresses are links; javascript: and data: ones are text."""
    pages = list(hostile_pages(hostile, renderer))
    diff, report = audit(pages[0]), audit(pages[1])
    assert set(LINKS) == {link for link in report.links if not link.startswith("#")}
    assert {LINKS[1]} == set(diff.links)  # s2 gives its own address, which is not a link
    text = "".join(report.text) + "".join(diff.text)
    for shown in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(5)",
        "data:text/html,<script>alert(3)</script>",
    ):
        assert shown in text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("mailto:desk@example.org", "mailto:desk@example.org"),
        ("javascript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("https://example.org/\nx", None),
        ("data:text/html,hi", None),
        ("vbscript:msgbox", None),
        ("//example.org", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    """Only http, https and mailto addresses without spaces or control characters are links."""
    assert expected == safe_url(url)


def test_chart_escapes_its_own_text() -> None:
    """The chart module escapes every label itself, so the templates may insert its SVG as is."""
    chart = Chart(
        title=EVIL,
        summary=EVIL,
        kind="ordinal",
        columns=((SCRIPT, EVIL), (ATTRIBUTE, SVG)),
        ticks=((0.0, SCRIPT), (1.0, ATTRIBUTE), (2.0, SVG)),
        series=(
            Series(
                name=EVIL,
                style=0,
                values=(0.0, 2.0),
                carried=(False, True),
                bands=(((0.0, 1.0),), ()),
            ),
            Series(
                name=ATTRIBUTE,
                style=1,
                values=(None, 1.0),
                carried=(False, False),
                bands=((), ((1.0, 2.0),)),
            ),
        ),
        zones=((), ((1.0, 1.0),)),
        events=(EventMark(at=0.5, date=TEMPLATE, title=EVIL),),
        turning=frozenset({1}),
    )
    svg = chart_svg(chart)
    found = audit(svg)
    allowed = {"svg", "title", "desc", "g", "rect", "line", "polyline", "polygon", "circle", "text"}
    assert set(found.tags) <= allowed
    assert 1 == found.tags.count("svg")
    assert [] == [(t, n) for t, n, _ in found.attributes if n.startswith("on")]
    assert [] == [(t, n) for t, n, _ in found.attributes if n == "title"]  # tooltips are elements
    assert ("svg", "role", "img") in found.attributes
    assert ("svg", "aria-label", EVIL) in found.attributes
    text = "".join(found.text)
    for payload in PAYLOADS:
        assert payload in text


def test_report_draws_every_kind_of_scale(hostile: nt.Negotiation, renderer: HtmlRenderer) -> None:
    """A chart per issue, wide and narrow: lines on ordinal and numeric scales, dots on categorical."""
    found = audit(renderer.report(hostile, nt.timeline(hostile)))
    assert 6 == sum(1 for t, n, v in found.attributes if (t, n, v) == ("svg", "role", "img"))
    for layout in ("wide", "narrow"):
        classes = [v for t, n, v in found.attributes if (t, n) == ("svg", "class")]
        assert 3 == classes.count(f"chart {layout}")
    assert found.tags.count("polyline") >= 2  # the ordinal and numeric lines; none in the matrix


def test_timeline_page_has_tables_and_no_charts(
    hostile: nt.Negotiation, renderer: HtmlRenderer
) -> None:
    """The timeline page is the tables: one per issue, and no chart."""
    found = audit(renderer.timeline(hostile, nt.timeline(hostile)))
    assert not [v for t, n, v in found.attributes if (t, n) == ("svg", "class") and "chart" in v]
    assert found.tags.count("table") >= 3


def test_page_is_self_contained(renderer: HtmlRenderer) -> None:
    """A page is one HTML5 document for phones and print, which may load nothing and run nothing."""
    talks = nt.load(FLAGSHIP)
    for page in (
        renderer.report(talks, nt.timeline(talks)),
        renderer.diff(talks, nt.compare(talks, "2022-03-07", "2022-03-16")),
    ):
        assert page.startswith("<!DOCTYPE html>\n")
        assert 1 == page.count("<html")
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
        assert "default-src 'none'" in page
        assert "@media print" in page
        assert "@media (max-width" in page
        assert_inert(page)


def test_version_diff_renders_without_charts(renderer: HtmlRenderer) -> None:
    """A version diff (its ends are not rounds) renders, with its edits and no chart."""
    old = nt.load(MINIMAL)
    new = nt.loads(nt.dump(old).replace("Bakers' union", "Bakers' union <b>"))
    page = renderer.diff(new, nt.compare_versions(old, new))
    found = assert_inert(page)
    assert not [v for t, n, v in found.attributes if (t, n) == ("svg", "class") and "chart" in v]
    assert "Bakers' union <b>" in "".join(found.text)


def test_renderer_for_html() -> None:
    """The format table finds the HTML renderer."""
    assert isinstance(renderer_for("html"), HtmlRenderer)


def test_missing_jinja2_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Jinja2 the renderer says which extra to install."""
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(MissingExtraError, match=r"negotrack\[html\]") as caught:
        HtmlRenderer()
    assert "html" == caught.value.extra
    assert "HTML reports needs Jinja2" in str(caught.value)


@pytest.mark.parametrize("name", ["diff-2022-03-07-2022-03-16.html", "report.html"])
def test_flagship_golden(renderer: HtmlRenderer, name: str) -> None:
    """The flagship diff and report match their reviewed pages (NEGOTRACK_REGENERATE=1 rewrites)."""
    talks = nt.load(FLAGSHIP)
    if name == "report.html":
        actual = renderer.report(talks, nt.timeline(talks))
    else:
        actual = renderer.diff(talks, nt.compare(talks, "2022-03-07", "2022-03-16"))
    expected_file = GOLDEN / name
    if REGENERATE:
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"no {name}: run with NEGOTRACK_REGENERATE=1"
    assert expected_file.read_text(encoding="utf-8") == actual
