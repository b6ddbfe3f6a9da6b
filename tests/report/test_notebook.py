"""Notebooks (issue 10, item 7): short, unambiguous reprs; the report inline; equality unchanged."""

from __future__ import annotations

import attrs
import pytest

import negotrack as nt
from negotrack.model._display import Shown, set_view
from negotrack.report._notebook import view
from tests.report.test_text import flagship

BEFORE, AFTER = "2022-03-07", "2022-03-16"


def test_reprs_are_short_and_name_ids_and_counts() -> None:
    n = flagship()
    diff = nt.compare(n, BEFORE, AFTER)
    story = nt.timeline(n)
    measures = diff.measures["alignment"][1]
    for value in (n, diff, story, measures):
        assert len(repr(value)) < 200
    assert repr(n) == (
        "<Negotiation 'ukraine-russia-2022': 7 parties, 12 issues, 6 proposals, 7 rounds, "
        "22 statements>"
    )
    assert repr(diff).startswith(f"<Diff {BEFORE!r} -> {AFTER!r}: {len(diff.changes)} changes (")
    assert repr(story) == "<Timeline: 7 rounds, '2022-02-28' to '2022-04-15', 12 issues>"
    assert (
        repr(measures) == "<IssueMeasures 'alignment' in '2022-03-16': ru, ua; gap 0.33, no zone>"
    )


def test_two_diffs_of_different_rounds_have_different_reprs() -> None:
    n = flagship()
    assert repr(nt.compare(n, BEFORE, AFTER)) != repr(nt.compare(n, AFTER, "2022-03-29"))


def test_equality_ignores_the_dossier_a_diff_keeps() -> None:
    n = flagship()
    diff = nt.compare(n, BEFORE, AFTER)
    assert diff.dossier is n
    assert diff == attrs.evolve(diff, dossier=None)
    assert diff.filter(party="ru").dossier is n
    story = nt.timeline(n)
    assert story == attrs.evolve(story, dossier=None)
    assert diff != nt.compare(n, AFTER, "2022-03-29")


def test_the_notebook_shows_each_value_as_its_report() -> None:
    pytest.importorskip("jinja2")
    n = flagship()
    diff = nt.compare(n, BEFORE, AFTER)
    assert diff._repr_html_() == nt.HtmlRenderer().diff(n, diff)
    assert diff._repr_markdown_() == nt.MarkdownRenderer().diff(n, diff)
    story = nt.timeline(n)
    assert n._repr_markdown_() == nt.MarkdownRenderer().report(n, story)
    assert story._repr_markdown_() == nt.MarkdownRenderer().report(n, story)
    table = diff.measures["alignment"][1]._repr_html_()
    assert table is not None
    assert "<th>gap</th><td>0.33</td>" in table


def test_without_a_view_or_a_dossier_the_notebook_falls_back_to_the_repr() -> None:
    assert view(nt.Diff(before="a", after="b"), "markdown") is None

    class Plain(Shown):
        __slots__ = ()

    set_view(lambda value, form: None)
    try:
        assert Plain()._repr_html_() is None
    finally:
        nt.__getattr__("load")  # the package's face sets its view again
    assert nt.Diff(before="a", after="b")._repr_markdown_() is None
