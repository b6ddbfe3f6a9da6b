"""Multilateral and text-based talks in the files: drafts, roles, sides per issue, evidence."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings

import negotrack as nt
from negotrack.cli._main import main
from tests.multilateral_strategies import multilateral

TALKS = textwrap.dedent(
    """\
    id: climate
    title: Climate talks
    parties:
      - id: pres
        name: Presidency
      - id: eu
        name: EU
        kind: alliance
        members: [fr, {party: de, since: 2015-01-01}]
        representatives:
          - id: eu-neg
            name: EU Negotiator
            roles:
              - {role: chief negotiator, party: eu, until: 2015-12-31}
              - {role: adviser, party: fr, since: 2016-01-01}
      - {id: fr, name: France}
      - {id: de, name: Germany}
      - id: aosis
        name: AOSIS
        kind: alliance
        representatives:
          - {id: aosis-chair, name: AOSIS Chair}
      - id: g77
        name: G77
        kind: alliance
    roles:
      - {party: pres, role: chair}
    sides:
      - {id: north, name: North, parties: [eu]}
      - {id: south, name: South, parties: [aosis, g77]}
      - {id: ambition, name: High ambition, parties: [eu, aosis], issues: [goal]}
      - {id: cautious, name: Cautious, parties: [g77], issues: [goal]}
    issues:
      - id: goal
        title: Temperature goal
        scale:
          kind: ordinal
          options: [{id: two, label: 2C}, {id: well-below, label: Well below 2C}, {id: one-five, label: 1.5C}]
      - id: review
        title: Review period
        scale:
          kind: numeric
          min: 1
          max: 10
          unit: years
          points: [{id: never, label: No review}]
    proposals:
      - id: text
        title: The draft agreement
        tabled_by: [pres]
        tabled_in: r1
        terms:
          - {id: art2, issue: goal, value: two, status: bracketed}
          - id: art4
            text: Parties shall communicate contributions.
            status: bracketed
            alternatives: [{id: opt1, text: shall}, {id: opt2, text: should}]
    sources:
      - {id: enb, title: Bulletin, outlet: ENB}
    statements:
      - {id: early, date: 2015-03, party: eu, source: enb, summary: Objectives paper published.}
    rounds:
      - id: r1
        title: Morning
        date: 2015-12-09
        time: "09:00"
        participants: [pres, eu, aosis, g77]
        statements:
          - id: joint
            date: 2015-12-09
            speakers: [eu-neg, aosis-chair]
            parties: [eu, aosis]
            source: enb
            quote: We stand together.
            reliability: B
            credibility: 2
          - {id: anon, date: 2015-12-09, source: enb, summary: Officials said the text is close.}
        positions:
          - party: aosis
            issue: goal
            preferred: one-five
            acceptable: [well-below, one-five]
            salience: 0.9
            red_lines: [{id: no-two, text: Not 2C, options: [two]}]
            conditions: [{id: finance, text: With finance, linked_package: true}]
            evidence: [joint]
          - {party: eu, issue: review, preferred: never}
          - {party: g77, issue: goal, preferred: two}
        drafts:
          - proposal: text
            title: Draft of 9 December
            brackets: 361
            options: 2
      - id: r2
        title: Evening
        date: 2015-12-09
        time: "20:30"
        sides:
          - {id: all, name: Everyone, parties: [eu, aosis, g77], issues: [goal]}
        positions:
          - party: aosis
            issue: goal
            preferred: well-below
            conditions: [{id: finance, text: With finance, linked_package: true, met: true}]
        drafts:
          - proposal: text
            brackets: 48
            terms: [{id: art2, issue: goal, value: well-below, status: agreed_ad_referendum}]
        amendments:
          - {id: am1, proposal: text, term: art4, by: [g77], text: should, outcome: adopted}
    """
)


def load() -> nt.Negotiation:
    return nt.loads(TALKS, filename="talks.yaml")


def messages(text: str) -> list[str]:
    with pytest.raises(nt.LoadError) as caught:
        nt.loads(text, filename="talks.yaml")
    return [f"{p.path}: {p.message}" for p in caught.value.problems]


def test_multilateral_dossier_loads() -> None:
    """A dossier with roles, sides per issue, drafts, amendments and joint evidence loads."""
    talks = load()
    assert ["r1", "r2"] == [r.id for r in talks.rounds]
    assert (nt.RoleKind.CHAIR,) == talks.roles_in("r1")["pres"]
    assert (False, True) == (talks.bargains("pres", "r1"), talks.bargains("eu", "r1"))


def test_two_rounds_on_one_day_sort_by_time() -> None:
    """The evening round sorts after the morning one however the file orders them."""
    text = TALKS.replace("  - id: r1\n    title: Morning", "  - id: r0\n    title: Morning")
    text = text.replace("tabled_in: r1", "tabled_in: r0")
    evening_first = text.replace('time: "09:00"', 'time: "23:00"')
    assert ["r2", "r0"] == [r.id for r in nt.loads(evening_first).rounds]
    assert dt.time(20, 30) == load().round("r2").time


def test_sides_follow_the_issue_and_the_round() -> None:
    """Sides naming an issue win over the general ones; a round's sides take over from it."""
    talks = load()
    assert ["north", "south"] == [s.id for s in talks.sides_for("review")]
    assert ["ambition", "cautious"] == [s.id for s in talks.sides_for("goal", "r1")]
    assert ["all"] == [s.id for s in talks.sides_for("goal", "r2")]
    assert "ambition" == (talks.side_of("aosis", "goal", "r1") or nt.Side("", "", ())).id


def test_coalition_members_and_dated_roles() -> None:
    """Members count from their dates; a person's dated role says whom they speak for."""
    talks = load()
    assert ("fr",) == talks.members_of("eu", dt.date(2014, 6, 1))
    assert ("fr", "de") == talks.members_of("eu", dt.date(2015, 6, 1))
    assert ("eu",) == talks.coalitions_of("de", dt.date(2015, 6, 1))
    assert "fr" == talks.speaks_for("eu-neg", dt.date(2016, 2, 1))
    assert "eu" == talks.speaks_for("eu-neg", dt.date(2015, 2, 1))


def test_a_coalitions_proposal_is_its_members_own() -> None:
    """A proposal tabled by a coalition counts as tabled by its members on the day."""
    text = TALKS.replace("tabled_by: [pres]", "tabled_by: [eu]")
    talks = nt.loads(text)
    assert ("eu", "fr") == talks.sponsors("text", dt.date(2014, 6, 1))
    assert ("eu", "fr", "de") == talks.sponsors("text")


def test_a_time_needs_a_date() -> None:
    """A round given a time of day but no date is refused at its time, as well as for the date."""
    text = TALKS.replace('    date: 2015-12-09\n    time: "20:30"', '    time: "20:30"')
    assert [
        "$.rounds[1]: a round needs a date, or a start and an end",
        "$.rounds[1].time: a time needs a date: give the round's date",
    ] == messages(text)


def test_joint_unattributed_and_month_dated_statements() -> None:
    """One joint record for two parties, an unattributed report, and a date known to the month."""
    talks = load()
    joint = talks.statement("joint")
    assert (("eu-neg", "aosis-chair"), ("eu", "aosis")) == (joint.all_speakers, joint.all_parties)
    assert () == talks.statement("anon").all_parties
    early = talks.statement("early").date
    assert ("2015-03", nt.Precision.MONTH) == (str(early), early.precision)  # type: ignore[attr-defined]
    assert "early" == talks.all_statements[0].id


def test_special_point_is_a_value_on_a_numeric_issue() -> None:
    """A numeric issue's named point is a valid preferred value."""
    position = load().effective_positions("r1")["eu", "review"].value
    assert "never" == position.preferred


def test_drafts_carry_terms_forward() -> None:
    """A draft's terms not restated carry forward from the proposal as tabled."""
    talks = load()
    first, second = talks.effective_drafts("r1")["text"], talks.effective_drafts("r2")["text"]
    assert (361, 48) == (first.value.brackets, second.value.brackets)
    terms = {t.key: t for t in second.value.terms}
    assert nt.TermStatus.AGREED_AD_REFERENDUM == terms["art2"].status
    assert nt.TermStatus.BRACKETED == terms["art4"].status
    assert ("shall", "should") == tuple(a.text for a in terms["art4"].alternatives)


def test_restated_position_keeps_what_it_leaves_out() -> None:
    """The evening restatement gives only preferred and conditions; the rest carries."""
    position = load().effective_positions("r2")["aosis", "goal"].value
    assert "well-below" == position.preferred
    assert (0.9, ("well-below", "one-five")) == (position.salience, position.acceptable)
    assert ["no-two"] == [r.id for r in position.red_lines]
    assert [True] == [c.met for c in position.conditions]


def test_empty_value_clears_what_is_carried() -> None:
    """An explicit empty value (``salience:``, ``red_lines: []``) clears a carried value."""
    text = TALKS.replace(
        "        preferred: well-below\n",
        "        preferred: well-below\n        salience:\n        red_lines: []\n",
    )
    position = nt.loads(text).effective_positions("r2")["aosis", "goal"].value
    assert (None, ()) == (position.salience, position.red_lines)


def test_dump_writes_only_what_changed_and_reads_back() -> None:
    """A dump restates only changed keys, clears with empty values, and loads to the same."""
    talks = load()
    cleared = talks.round("r2").positions[0]
    import attrs  # noqa: PLC0415 - only this test builds a dossier by hand

    changed = attrs.evolve(
        talks,
        rounds=(
            talks.round("r1"),
            attrs.evolve(
                talks.round("r2"),
                positions=(attrs.evolve(cleared, salience=None, red_lines=()),),
            ),
        ),
    )
    text = nt.dump(changed)
    evening = text[text.index("- id: r2") :]
    assert "acceptable" not in evening.split("drafts:")[0]
    assert "red_lines: []" in evening
    assert changed == nt.loads(text)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "terms: [{id: art2, issue: goal",
            "terms: [{id: art22, issue: goal",
            "$.rounds[1].drafts[0].terms[0].id: proposal 'text' has no term 'art22' (did you mean 'art2'?); list every term under the proposal's terms",
        ),
        (
            "term: art4, by",
            "term: art5, by",
            "$.rounds[1].amendments[0].term: proposal 'text' has no term 'art5'",
        ),
        (
            "{party: pres, role: chair}",
            "{party: prez, role: chair}",
            "$.roles[0].party: unknown party 'prez' (did you mean 'pres'?)",
        ),
        (
            "parties: [g77], issues: [goal]}",
            "parties: [g77, aosis], issues: [goal]}",
            "$.sides[3].parties[1]: party 'aosis' is already on side 'ambition' on issue 'goal'",
        ),
        (
            "parties: [eu, aosis], issues: [goal]}",
            "parties: [eu, aosis], issues: [gaol]}",
            "$.sides[2].issues[0]: unknown issue 'gaol' (did you mean 'goal'?)",
        ),
        (
            "members: [fr, {party: de, since: 2015-01-01}]",
            "members: [fr, eu]",
            "$.parties[1].members[1]: party 'eu' cannot be a member of itself",
        ),
        (
            "members: [fr, {party: de, since: 2015-01-01}]",
            "members: [{party: fr, until: 2015-06-01}, {party: fr, since: 2015-05-01}]",
            "$.parties[1].members[1]: membership of 'fr' overlaps the one at members[0]; give each period once, with since and until",
        ),
        (
            "preferred: never",
            "preferred: nevr",
            "$.rounds[0].positions[1].preferred: expected a number on numeric issue 'review' or one of its points (never), got 'nevr' (did you mean 'never'?)",
        ),
        (
            "conditions: [{id: finance, text: With finance, linked_package: true}]",
            "conditions: [{id: finance, text: With finance, linked_issue: text}]",
            "$.rounds[0].positions[0].conditions[0].linked_issue: 'text' is a proposal, not an issue: link it with linked_proposal",
        ),
        (
            "{id: anon, date: 2015-12-09, source: enb,",
            "{id: anon, date: 2015-12-09,",
            "$.rounds[0].statements[1]: a statement needs a speaker, a party or, when unattributed, a source",
        ),
        (
            "date: 2015-03, party: eu",
            "date: 2015-13, party: eu",
            "$.statements[0].date: invalid date '2015-13': month must be in 1..12",
        ),
        (
            'time: "20:30"',
            'time: "25:30"',
            "$.rounds[1].time: invalid time '25:30': hours run 00-23, minutes 00-59",
        ),
    ],
)
def test_bad_multilateral_input_is_one_problem(old: str, new: str, message: str) -> None:
    """Each mistake in the new constructs is one problem at its path, with a did-you-mean."""
    assert old in TALKS
    assert [message] == messages(TALKS.replace(old, new, 1))


def test_amendment_to_a_missing_proposal_and_a_second_draft() -> None:
    """An amendment names a known proposal; a round holds one draft per proposal."""
    text = TALKS.replace("{id: am1, proposal: text,", "{id: am1, proposal: txt,")
    text = text.replace(
        "        brackets: 48\n",
        "        brackets: 48\n      - proposal: text\n",
    )
    assert [
        "$.rounds[1].drafts[1].proposal: a second draft of 'text'",
        "$.rounds[1].amendments[0].proposal: unknown proposal 'txt' (did you mean 'text'?)",
    ] == messages(text)


def test_validate_notes_late_evidence_and_missing_sides(capsys: pytest.CaptureFixture[str]) -> None:
    """validate says, as notes, that evidence postdates its round and that no sides are set."""
    text = TALKS.replace("evidence: [joint]", "evidence: [joint, later]")
    text = text.replace(
        "      - {id: anon,",
        "      - {id: later, date: 2016-01-05, source: enb, summary: Later.}\n      - {id: anon,",
    )
    without_sides = (
        text.split("sides:\n  - {id: north")[0] + "issues:" + text.split("\nissues:", 1)[1]
    )
    without_sides = without_sides.replace(
        "    sides:\n      - {id: all, name: Everyone, parties: [eu, aosis, g77], issues: [goal]}\n",
        "",
    )
    import pathlib  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "talks.yaml"
        path.write_text(without_sides, encoding="utf-8")
        notes = nt.validate(path).notes
        assert 0 == main(["validate", str(path)])
    messages_ = [n.message for n in notes]
    assert any("'later' (2016-01-05) is dated after round 'r1'" in m for m in messages_)
    assert any("3 parties hold positions and no sides are declared" in m for m in messages_)
    err = capsys.readouterr().err
    assert ": note: $.rounds[0].positions[0].evidence[1]: statement 'later'" in err


# -- properties --------------------------------------------------------------------------------


@given(multilateral())
def test_multilateral_dossier_round_trips_through_dump(negotiation: nt.Negotiation) -> None:
    """Any multilateral dossier loads back equal from its dump (restatements written minimal)."""
    assert negotiation == nt.loads(nt.dump(negotiation))


@given(multilateral())
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_multilateral_dossier_round_trips_through_a_folder(
    tmp_path_factory: pytest.TempPathFactory, negotiation: nt.Negotiation
) -> None:
    """Any multilateral dossier saved as a folder loads back equal."""
    folder = tmp_path_factory.mktemp("dossier")
    nt.save(negotiation, folder)
    assert negotiation == nt.load(folder)


def test_pasted_text_counts_must_agree() -> None:
    """A count beside a pasted text that disagrees with it is a problem at the count."""
    pasted = "        text: '[Option 1: shall] [Option 2: should] communicate'\n"
    text = TALKS.replace("        brackets: 48\n", "        brackets: 48\n" + pasted)
    assert [
        "$.rounds[1].drafts[0].brackets: brackets is 48 but the pasted text has 2 bracketed spans; correct the count or leave it out to use the text's"
    ] == messages(text)


def test_counts_come_from_the_pasted_text_when_not_given() -> None:
    """With only the text pasted, the draft's counts are what the text holds."""
    pasted = "        text: '[Option 1: shall] [Option 2: should] [[nested]'\n"
    text = TALKS.replace("        brackets: 48\n", pasted)
    assert [
        "$.rounds[1].drafts[0].text: the pasted text has 1 bracket(s) opened and never closed (or closed and never opened)"
    ] == messages(text)
    draft = nt.loads(text.replace("[[nested]", "[[nested]]")).round("r2").drafts[0]
    assert (4, 2) == (draft.bracket_count, draft.option_count)
