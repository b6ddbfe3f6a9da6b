"""The record in every report format: positions in full, proposals, drafts, amendments, evidence.

Each new piece of content must show in text, Markdown, HTML and JSON, for the flagship and for a
small dossier of draft texts; and the analyst's words in all of it (quotes, addresses, term and
amendment texts, conditions) must stay inert in every format.
"""

from __future__ import annotations

import json
import re

import pytest

import negotrack as nt
from negotrack.report._render import renderer_for
from tests.report.test_html import ATTRIBUTE, EVIL, PAYLOADS, SCRIPT, assert_inert, audit
from tests.report.test_text import flagship, flagship_timeline

#: Draft texts across three rounds: brackets and options falling, terms agreed, amendments by
#: one party and two, a stance with a met condition linked to a proposal, and one tied to the
#: whole package.
DRAFTS = """
id: drafts-record
title: Treaty talks
parties:
  - {id: a, name: Alpha}
  - {id: b, name: Beta}
  - {id: c, name: Gamma}
  - {id: chair, name: Chair}
roles:
  - {party: chair, role: chair}
issues:
  - id: border
    title: Border
    scale: {kind: ordinal, options: [{id: open, label: Open}, {id: shut, label: Shut}]}
  - id: quota
    title: Quota
    scale: {kind: numeric, min: 0, max: 20, unit: boats}
sources:
  - {id: wire, title: Wire story, outlet: Daily Wire, url: 'https://example.org/wire'}
proposals:
  - id: treaty
    title: Draft treaty
    tabled_by: [chair]
    tabled_in: r1
    terms:
      - {id: art1, issue: border, text: 'The border [shall] [may] stay open.', status: bracketed}
      - {id: art2, issue: quota, text: 'Each keeps [five] [ten] boats.', status: bracketed}
      - {id: art3, text: Final clauses., status: proposed}
rounds:
  - id: r1
    title: One
    date: 2024-03-01
    statements:
      - {id: s1, date: 2024-03-01, party: chair, source: wire, quote: The chair tabled a draft.}
    drafts:
      - {proposal: treaty, title: First draft, brackets: 40, options: 9, evidence: [s1]}
    positions:
      - party: a
        issue: quota
        preferred: 5
        acceptable: {min: 2, max: 8}
        red_lines:
          - {text: Never more than twelve boats., above: 12}
        conditions:
          - {text: Inspections are allowed., linked_issue: border, met: true}
        evidence: [s1]
      - {party: b, issue: quota, preferred: 10, acceptable: {min: 6, max: 15}}
    stances:
      - party: a
        proposal: treaty
        stance: conditional
        conditions:
          - {text: The quota article is agreed first., linked_proposal: treaty, met: true}
          - {text: Nothing is agreed until everything is., linked_package: true}
        evidence: [s1]
      - {party: b, proposal: treaty, stance: opposes}
  - id: r2
    title: Two
    date: 2024-03-15
    statements:
      - {id: s2, date: 2024-03-15, party: b, quote: We want eight boats.}
    drafts:
      - proposal: treaty
        title: Second draft
        brackets: 12
        options: 2
        terms:
          - {id: art1, issue: border, value: open, text: The border shall stay open., status: agreed}
    amendments:
      - {id: b-eight, proposal: treaty, term: art2, by: [b], value: 8, outcome: rejected, evidence: [s2]}
      - {id: bc-review, proposal: treaty, term: art3, by: [b, c], text: Delete the final clauses.}
    stances:
      - {party: b, proposal: treaty, stance: open, evidence: [s2]}
  - id: r3
    title: Three
    date: 2024-03-29
    drafts:
      - proposal: treaty
        title: Third draft
        brackets: 3
        terms:
          - {id: art2, issue: quota, value: 6, text: Each keeps six boats., status: agreed_ad_referendum}
"""


def render(negotiation: nt.Negotiation, name: str) -> str:
    return renderer_for(name, width=200).report(negotiation, nt.timeline(negotiation))


def flat(text: str) -> str:
    """Text with tags dropped, Markdown escapes and entities undone, spaces joined, to search."""
    text = re.sub(r"<[^>]+>", "", text)
    for entity, char in (("&#34;", '"'), ("&#39;", "'"), ("&gt;", ">"), ("&lt;", "<")):
        text = text.replace(entity, char)
    text = text.replace("&amp;", "&")
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


@pytest.fixture(scope="module")
def drafts() -> nt.Negotiation:
    return nt.loads(DRAFTS)


@pytest.mark.parametrize("name", ["text", "markdown", "html"])
def test_flagship_report_shows_positions_in_full(name: str) -> None:
    """Acceptable sets, red lines with what they rule out, conditions met or not, linkage."""
    page = flat(renderer_for(name, width=200).report(flagship(), flagship_timeline()))
    for words in (
        "accepts Armed neutrality / Neutral and demilitarised",
        "accepts 250,000 to 1,000,000 personnel",
        (
            'red line "A model not based on legally verifiable security guarantees." '
            "(rules out None / Political assurances)"
        ),
        'condition, not met: "Ukraine acknowledges Crimea as Russian." (linked to Status of Crimea)',
        "Proposal: Istanbul communique",
        "upersedes",  # capitalised in Markdown
        "agreed in principle (as tabled)",
    ):
        assert words in page, (name, words)


@pytest.mark.parametrize("name", ["text", "markdown", "html"])
def test_flagship_report_shows_stances_by_round(name: str) -> None:
    """Each proposal's stances by party and round: Russia open, Ukraine supports in Istanbul."""
    page = renderer_for(name, width=200).report(flagship(), flagship_timeline())
    found = re.search(r"2022-03-29\W*(?:</th>\s*<td>)?open\b.*?supports", page, re.DOTALL)
    assert found is not None, name
    assert "Legally binding guarantees from guarantor states." in flat(page)


def test_flagship_json_report_holds_the_record() -> None:
    """Points carry red lines, conditions and evidence; proposals and statements are there."""
    data = json.loads(render(flagship(), "json"))
    points = data["issues"]["crimea"]["points"]
    stated = next(p for p in points if p["party"] == "ru")
    assert stated["red_lines"] or stated["conditions"] or stated["evidence"]
    ceasefire = [p for p in data["issues"]["ceasefire-withdrawal"]["points"] if p["party"] == "ru"]
    conditions = [c for p in ceasefire for c in p["conditions"]]
    assert any(c["linked_issue"] == "crimea" and c["met"] is False for c in conditions)
    communique = data["proposals"]["istanbul-communique"]
    assert {("ua", "supports"), ("ru", "open")} <= {
        (s["party"], s["stance"]) for s in communique["stances"]
    }
    cited = {s for p in points for s in p["evidence"]}
    assert cited
    assert cited <= data["statements"].keys()
    statement = data["statements"]["istanbul-ua-proposals"]
    assert statement["grade"] == "B2"
    assert statement["summary"].startswith("Ukraine proposed")


def test_flagship_html_report_quotes_every_statement_it_cites() -> None:
    """Every position's references point at a quoted statement: speaker, outlet, date, grade."""
    page = render(flagship(), "html")
    found = audit(page)
    targets = {link[1:] for link in found.links if link.startswith("#statement-")}
    anchors = {v for t, n, v in found.attributes if n == "id" and v.startswith("statement-")}
    assert targets
    assert targets == anchors
    text = flat("".join(found.text))
    assert "Medinsky said Ukraine's proposals would be passed to Putin." in text
    assert "B2" in text
    assert "28 Feb 2022" in text
    assert len(page.encode()) < 300_000


@pytest.mark.parametrize("name", ["text", "markdown", "html"])
def test_drafts_report_shows_the_text_and_its_amendments(drafts: nt.Negotiation, name: str) -> None:
    """Per draft: brackets, options, terms agreed; per term its statuses; each amendment."""
    page = flat(render(drafts, name))
    for words in (
        "First draft",
        "Third draft",
        "accepts 2 to 8 boats",
        'red line "Never more than twelve boats." (rules out values above 12 boats)',
        'condition, met: "Inspections are allowed." (linked to Border)',
        'condition, met: "The quota article is agreed first." (linked to Draft treaty)',
        "(tied to the whole package)",
        "art1, Border: bracketed (as tabled) -> agreed (Second draft)",
        "art2, Quota: bracketed (as tabled) -> agreed ad referendum (Third draft); 6 boats",
        "amendment b-eight by Beta to art2, 2024-03-15: 8 boats; rejected (2024-03-15)",
        (
            'amendment bc-review by Beta and Gamma to art3, 2024-03-15: "Delete the final '
            'clauses."; pending (2024-03-15)'
        ),
        "conditional",
        "opposes",
    ):
        assert words in page, (name, words)
    if name != "html":
        assert re.search(r"2024-03-01\W+First draft\W+40\W+9\W+0 of 3", page), name
        assert re.search(r"2024-03-29\W+Third draft\W+3\W+-\W+2 of 3", page), name


def test_drafts_html_has_a_progress_bar_per_draft(drafts: nt.Negotiation) -> None:
    """The drafts table draws brackets left and terms agreed as bars, with no script."""
    page = render(drafts, "html")
    found = assert_inert(page)
    labels = [v for t, n, v in found.attributes if t == "svg" and n == "aria-label"]
    assert {"40 brackets", "12 brackets", "3 brackets"} <= set(labels)
    assert {"0 of 3 terms agreed", "1 of 3 terms agreed", "2 of 3 terms agreed"} <= set(labels)
    widths = [v for t, n, v in found.attributes if t == "rect" and n == "width"]
    assert "30" in widths  # 12 of the most (40) brackets
    assert "https://example.org/wire" in found.links  # the quote's source is a link
    assert ("a", "rel", "noopener noreferrer") in found.attributes


def test_drafts_json_report_holds_versions_and_amendments(drafts: nt.Negotiation) -> None:
    """Versions with counts and every term's status; amendments with sponsors and outcomes."""
    data = json.loads(render(drafts, "json"))
    treaty = data["proposals"]["treaty"]
    counts = [
        (v["title"], v["brackets"], v["options"], v["terms_agreed"]) for v in treaty["versions"]
    ]
    assert counts == [
        (None, None, None, 0),
        ("First draft", 40, 9, 0),
        ("Second draft", 12, 2, 1),
        ("Third draft", 3, None, 2),
    ]
    assert ["agreed", "agreed_ad_referendum", "proposed"] == [
        t["status"] for t in treaty["versions"][-1]["terms"]
    ]
    review = next(a for a in treaty["amendments"] if a["id"] == "bc-review")
    assert review["by"] == ["b", "c"]
    assert [(o["round"], o["outcome"]) for o in review["outcomes"]] == [("r2", "pending")]
    assert next(a for a in treaty["amendments"] if a["id"] == "b-eight")["outcome"] == "rejected"
    stance = next(s for s in treaty["stances"] if s["party"] == "a" and s["round"] == "r1")
    assert [c["met"] for c in stance["conditions"]] == [True, False]
    assert stance["conditions"][1]["linked_package"] is True


# -- hostile text in the record ----------------------------------------------------------------

#: Every piece of free text the record shows is an attack; addresses try other schemes; terminal
#: control sequences hide in quotes, term texts, amendment texts and conditions.
ESC = "\\e[31m\\e]0;pwned\\a"
#: `EVIL` inside a double-quoted YAML string, where the escapes of `ESC` work.
QUOTED = EVIL.replace('"', '\\"')
HOSTILE = f"""
id: hostile-record
title: Talks
parties:
  - {{id: red, name: Red}}
  - {{id: blue, name: Blue}}
issues:
  - id: border
    title: Border
    scale: {{kind: ordinal, options: [{{id: north, label: North}}, {{id: south, label: South}}]}}
sources:
  - {{id: bad, title: 'Bad wire', outlet: 'Outlet {SCRIPT}', url: 'javascript:alert(1)'}}
proposals:
  - id: plan
    title: Plan
    tabled_by: [red]
    tabled_in: r1
    terms:
      - id: art1
        issue: border
        text: "Term {QUOTED} {ESC}"
        status: bracketed
        alternatives:
          - {{id: one, text: "Option {QUOTED}"}}
rounds:
  - id: r1
    title: One
    date: 2024-01-01
    statements:
      - id: s1
        date: 2024-01-01
        party: red
        source: bad
        quote: "Quote {QUOTED} {ESC}"
      - id: s2
        date: 2024-01-01
        party: blue
        summary: 'Summary {ATTRIBUTE}'
        url: 'data:text/html,<script>alert(3)</script>'
    drafts:
      - proposal: plan
        title: "Draft {QUOTED}"
        terms:
          - {{id: art1, issue: border, text: "Term {QUOTED} {ESC}", status: agreed}}
        evidence: [s1]
    amendments:
      - {{id: am, proposal: plan, term: art1, by: [blue], text: "Amend {QUOTED} {ESC}", evidence: [s2]}}
    positions:
      - party: red
        issue: border
        preferred: north
        acceptable: [north]
        red_lines:
          - {{text: "Never {QUOTED} {ESC}", options: [south]}}
        conditions:
          - {{text: "Only if {QUOTED} {ESC}", linked_proposal: plan}}
        evidence: [s1, s2]
    stances:
      - party: blue
        proposal: plan
        stance: conditional
        conditions:
          - {{text: "Provided {QUOTED} {ESC}"}}
        evidence: [s2]
"""

#: The record's free texts; quotes and the options' wording show on the HTML page only.
FIELDS = ("Term", "Draft", "Amend", "Never", "Only if", "Provided")
PAGE_FIELDS = ("Quote", "Option", *FIELDS)


@pytest.fixture(scope="module")
def hostile() -> nt.Negotiation:
    return nt.loads(HOSTILE)


def test_hostile_record_is_inert_in_html(hostile: nt.Negotiation) -> None:
    """Quotes, term, amendment and condition texts come out as text; no bad address is a link."""
    page = render(hostile, "html")
    found = assert_inert(page)
    text = "".join(found.text)
    for field in PAGE_FIELDS:
        for payload in PAYLOADS:
            assert f"{field} {payload}" in text or payload in text, (field, payload)
        assert field in text
    assert "Summary " + ATTRIBUTE in text
    assert [link for link in found.links if not link.startswith("#")] == []
    assert "javascript:alert(1)" in text  # shown, inert
    assert "data:text/html,<script>alert(3)</script>" in text
    assert "\x1b" not in page
    assert "\x07" not in page


@pytest.mark.parametrize("name", ["text", "markdown"])
def test_hostile_record_is_plain_in_text_and_markdown(hostile: nt.Negotiation, name: str) -> None:
    """No control sequence reaches a terminal or a memo; Markdown escapes the markup."""
    page = render(hostile, name)
    assert "\x1b" not in page
    assert "\x07" not in page
    for field in FIELDS:
        assert field in page
    if name == "markdown":
        assert not re.search(r"(?<!\\)<(script|img|/svg)", page)
        assert "\\<script>" in page


def test_hostile_record_is_data_in_json(hostile: nt.Negotiation) -> None:
    """JSON keeps the words as data: control characters escaped, nothing lost."""
    page = render(hostile, "json")
    assert "\x1b" not in page
    assert "\\u001b" in page
    data = json.loads(page)
    assert data["statements"]["s1"]["url"] == "javascript:alert(1)"
    assert EVIL in data["proposals"]["plan"]["amendments"][0]["text"]
