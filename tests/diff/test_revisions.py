"""A version diff's revisions: the readings an edit to the dossier changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from hypothesis import given

import negotrack as nt
from negotrack.diff._verdicts import readings
from tests.diff.test_versions import _versions
from tests.multilateral_strategies import multilateral

if TYPE_CHECKING:
    from negotrack.diff._revisions import Revision

FLAGSHIP = "examples/ukraine-russia-2022"
CONCESSION, NEUTRAL = nt.ReadingKind.CONCESSION, nt.ReadingKind.NEUTRAL


def _every_pair(n: nt.Negotiation) -> dict[tuple[str | None, ...], nt.ReadingKind]:
    """Every reading of every pair of consecutive rounds, read without skipping any pair."""
    return {
        (a.id, b.id, r.party, r.issue, r.proposal): r.reading
        for a, b in zip(n.rounds, n.rounds[1:], strict=False)
        for r in readings(n, a.id, b.id)
    }


def _said(revisions: tuple[Revision, ...], *, swapped: bool = False) -> set[tuple[object, ...]]:
    return {
        (
            r.before,
            r.after,
            r.party,
            r.issue,
            r.proposal,
            *((r.new, r.old) if swapped else (r.old, r.new)),
        )
        for r in revisions
    }


@given(_versions())
def test_revisions_are_every_reading_that_differs(
    case: tuple[nt.Negotiation, nt.Negotiation],
) -> None:
    """Skipping the pairs before the earliest edit loses nothing: the same as reading them all."""
    old, new = case
    was, now = _every_pair(old), _every_pair(new)
    expected = {
        (*key, was.get(key), now.get(key))
        for key in was.keys() | now.keys()
        if was.get(key) != now.get(key)
    }
    assert _said(nt.compare_versions(old, new).revisions) == expected


@given(_versions())
def test_revisions_the_other_way_round_swap_old_and_new(
    case: tuple[nt.Negotiation, nt.Negotiation],
) -> None:
    """An edit undone revises the same readings, each the other way round."""
    old, new = case
    forward = nt.compare_versions(old, new).revisions
    backward = nt.compare_versions(new, old).revisions
    assert _said(forward, swapped=True) == _said(backward)


@given(multilateral())
def test_a_version_against_itself_revises_nothing(n: nt.Negotiation) -> None:
    assert nt.compare_versions(n, n).revisions == ()


def test_rounds_added_bring_their_readings() -> None:
    """Written before running: the flagship's pair 2022-03-16 to 2022-03-29 reads Ukraine as
    conceding on alignment and neutral on security guarantees; an edit adding that round and the
    next revises exactly those two readings, from none, and nothing before them."""
    new = nt.load(FLAGSHIP)
    keep = [r for r in new.rounds if r.id <= "2022-03-16"]
    old = attrs.evolve(new, rounds=tuple(keep))
    revisions = nt.compare_versions(old, new).revisions
    assert [(r.before, r.after, r.party, r.issue, r.old, r.new) for r in revisions] == [
        ("2022-03-16", "2022-03-29", "ua", "alignment", None, CONCESSION),
        ("2022-03-16", "2022-03-29", "ua", "security-guarantees", None, NEUTRAL),
    ]
    assert "toward the other side" in revisions[0].because


def test_every_format_leads_a_version_diff_with_its_revisions() -> None:
    """Text, Markdown, HTML and JSON each show the readings the edit changed, the same ones."""
    new = nt.load(FLAGSHIP)
    old = attrs.evolve(new, rounds=tuple(r for r in new.rounds if r.id <= "2022-03-16"))
    diff = nt.compare_versions(old, new, before="HEAD", after="working tree")
    text, markdown, html, data = (
        nt.renderer_for(kind).diff(new, diff) for kind in ("text", "markdown", "html", "json")
    )
    assert "Readings this edit changes" in text
    flowed = " ".join(text.split())
    assert (
        "2022-03-16 to 2022-03-29 Ukraine, Ukraine's military alignment: none -> concession"
        in flowed
    )
    assert "| rounds | party | on | before the edit | after the edit | why |" in markdown
    assert (
        "| 2022-03-16 to 2022-03-29 | Ukraine | Ukraine's military alignment | none | concession |"
        in markdown
    )
    assert "<h3>Readings this edit changes</h3>" in html
    assert '"old": null' in data
    assert '"new": "concession"' in data
    summary = markdown.index("## Summary")
    assert (
        summary < markdown.index("Readings this edit changes") < markdown.index("## Dossier edits")
    )
