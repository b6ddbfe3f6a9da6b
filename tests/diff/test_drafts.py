"""The round diff of draft texts: options within a term kept under their ids, reworded."""

from __future__ import annotations

import pytest

import negotrack as nt

K = nt.ChangeKind

DOSSIER = """
id: options
title: Options
parties:
  - {id: chair, name: Chair}
issues:
  - id: border
    title: Border
    scale: {kind: ordinal, options: [{id: open, label: Open}, {id: shut, label: Shut}]}
proposals:
  - id: treaty
    title: Draft treaty
    tabled_in: r1
    terms:
      - {id: art1, issue: border, text: 'The border [shall] [may] stay open.'}
rounds:
  - id: r1
    title: One
    date: 2024-05-02
    drafts:
      - proposal: treaty
        terms:
          - id: art1
            issue: border
            alternatives:
              - {id: shall, text: '[shall]', value: open}
              - {id: may, text: '[may]'}
              - {id: must, text: '[must]'}
  - id: r2
    title: Two
    date: 2024-05-09
    drafts:
      - proposal: treaty
        terms:
          - id: art1
            issue: border
            alternatives:
              - {id: shall, text: '[shall]', value: open}
              - {id: may, text: '[may, for a year,]'}
              - {id: must}
"""


@pytest.fixture(scope="module")
def dossier() -> nt.Negotiation:
    return nt.loads(DOSSIER)


def _options(diff: nt.Diff) -> list[nt.Change]:
    kinds = [K.ALTERNATIVE_ADDED, K.ALTERNATIVE_REMOVED, K.ALTERNATIVE_REWORDED]
    return list(diff.filter(kind=kinds).changes)


def test_a_reworded_option_is_reported(dossier: nt.Negotiation) -> None:
    """An option kept under its id with other wording: alternative_reworded, with a word diff."""
    (change,) = _options(nt.compare(dossier, "r1", "r2"))
    assert K.ALTERNATIVE_REWORDED is change.kind
    assert nt.Meaning.NEUTRAL is change.meaning
    assert ("treaty", "art1", "border", "r2") == (
        change.proposal,
        change.term,
        change.issue,
        change.round,
    )
    assert (nt.Alternative("may", "[may]"), nt.Alternative("may", "[may, for a year,]")) == (
        change.before,
        change.after,
    )
    assert "[-[may]-] {+[may, for a year,]+}" == change.detail


def test_an_unchanged_option_and_one_without_wording_are_not(dossier: nt.Negotiation) -> None:
    """An option as it was is no change; one restated without its wording is not reworded."""
    ids = [c.after.id for c in _options(nt.compare(dossier, "r1", "r2"))]
    assert ["may"] == ids


def test_the_other_way_round_the_wording_is_reversed(dossier: nt.Negotiation) -> None:
    """Diffed backwards, the option is reworded from the later wording to the earlier one."""
    (forward,) = _options(nt.compare(dossier, "r1", "r2"))
    (backward,) = _options(nt.compare(dossier, "r2", "r1"))
    assert K.ALTERNATIVE_REWORDED is backward.kind is backward.kind.mirrored()
    assert (forward.after, forward.before) == (backward.before, backward.after)
    assert "r1" == backward.round
    assert "[-[may, for a year,]-] {+[may]+}" == backward.detail


@pytest.mark.parametrize("format_name", ["text", "markdown", "html"])
def test_the_reports_name_the_option(dossier: nt.Negotiation, format_name: str) -> None:
    """Each report names the kind and the option reworded, and shows the new wording."""
    out = nt.renderer_for(format_name).diff(dossier, nt.compare(dossier, "r1", "r2"))
    words = " ".join(out.split())  # as the terminal wraps it or not
    assert "option in the term reworded (may)" in words
    assert "for a year" in words


def test_the_json_diff_names_the_kind(dossier: nt.Negotiation) -> None:
    """The JSON diff gives the kind by its value, the two options and the word diff."""
    out = nt.renderer_for("json").diff(dossier, nt.compare(dossier, "r1", "r2"))
    assert '"alternative_reworded"' in out
    assert '"[may, for a year,]"' in out
