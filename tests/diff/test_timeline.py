"""The timeline: positions in force round by round, measures per round, verdicts, turning points."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.diff._measures import Verdict, measure_round, verdict
from negotrack.diff._timeline import TimelinePoint, TurningPoint, timeline
from tests.conftest import FLAGSHIP
from tests.strategies import negotiations

STEPS = nt.Issue(
    "steps",
    "Five steps",
    nt.OrdinalScale(options=tuple(nt.Option(f"o{k}", f"Step {k}") for k in range(5))),
)
VENUE = nt.Issue(
    "venue",
    "Venue",
    nt.CategoricalScale(options=(nt.Option("ist", "Istanbul"), nt.Option("gva", "Geneva"))),
)


def _round(number: int, *positions: nt.Position) -> nt.Round:
    return nt.Round(
        f"r{number}", f"Round {number}", date=dt.date(2022, 3, number), positions=positions
    )


A1 = nt.Position("a", "steps", "o0", ("o0", "o1"))
B1 = nt.Position("b", "steps", "o4")
A2 = nt.Position("a", "steps", "o1", ("o0", "o1", "o2"))
B2 = nt.Position("b", "steps", "o3")
C4 = nt.Position("c", "steps", "o2")
A5 = nt.Position("a", "steps", "o2")
B5 = nt.Position("b", "steps", "o2")
DOSSIER = nt.Negotiation(
    "talks",
    "Talks",
    parties=tuple(nt.Party(p, p.upper()) for p in "abc"),
    issues=(STEPS, VENUE),
    rounds=(
        _round(1, A1, B1, nt.Position("a", "venue", "ist"), nt.Position("b", "venue", "gva")),
        _round(2, A2, B2),
        _round(3, nt.Position("b", "venue", "ist")),
        _round(4, nt.Position("a", "steps", withdrawn=True), C4),
        _round(5, A5, B5),
    ),
)


def test_points_follow_round_order_then_party() -> None:
    """Each round lists every position in force, by party, carried ones marked."""
    points = timeline(DOSSIER).issues["steps"].points
    assert [
        TimelinePoint("r1", "a", "steps", A1, False, 0.0, 0.0),
        TimelinePoint("r1", "b", "steps", B1, False, 4.0, 1.0),
        TimelinePoint("r2", "a", "steps", A2, False, 1.0, 0.25),
        TimelinePoint("r2", "b", "steps", B2, False, 3.0, 0.75),
        TimelinePoint("r3", "a", "steps", A2, True, 1.0, 0.25),
        TimelinePoint("r3", "b", "steps", B2, True, 3.0, 0.75),
        TimelinePoint("r4", "b", "steps", B2, True, 3.0, 0.75),
        TimelinePoint("r4", "c", "steps", C4, False, 2.0, 0.5),
        TimelinePoint("r5", "a", "steps", A5, False, 2.0, 0.5),
        TimelinePoint("r5", "b", "steps", B5, False, 2.0, 0.5),
        TimelinePoint("r5", "c", "steps", C4, True, 2.0, 0.5),
    ] == list(points)


def test_categorical_points_have_no_place_on_a_line() -> None:
    """Points on a categorical issue carry the position but no point."""
    points = timeline(DOSSIER).issues["venue"].points
    assert [("r1", "a", None, None), ("r1", "b", None, None)] == [
        (p.round, p.party, p.point, p.normalised) for p in points[:2]
    ]


def test_measures_per_round() -> None:
    """Every round has its measures; the gap narrows as the parties move."""
    track = timeline(DOSSIER).issues["steps"]
    assert [("r1", 1.0), ("r2", 0.5), ("r3", 0.5), ("r4", 0.25), ("r5", 0.0)] == [
        (m.round, m.gap) for m in track.measures
    ]


def test_a_round_without_changes_keeps_the_measures() -> None:
    """A round that restates nothing on an issue repeats its measures under its own id."""
    measures = timeline(DOSSIER).issues["steps"].measures
    assert attrs.evolve(measures[1], round="r3") == measures[2]


def test_turning_points_on_a_line() -> None:
    """Movement is the sum of normalised moves of parties holding a value in both rounds."""
    assert (
        TurningPoint(round="r2", movement=0.5, parties=("a", "b")),
        TurningPoint(round="r5", movement=0.25, parties=("b",)),
    ) == timeline(DOSSIER).issues["steps"].turning_points


def test_turning_points_on_a_categorical_issue() -> None:
    """Movement is the share of parties whose option changed."""
    assert (TurningPoint(round="r3", movement=0.5, parties=("b",)),) == timeline(DOSSIER).issues[
        "venue"
    ].turning_points


def test_at_most_three_turning_points_biggest_first() -> None:
    """The three biggest moves are kept, largest first, ties in round order."""
    moves = ["o0", "o1", "o4", "o3", "o4", "o2", "o1"]  # steps 1, 3, 1, 1, 2, 1
    dossier = attrs.evolve(
        DOSSIER,
        rounds=[_round(k + 1, nt.Position("a", "steps", option)) for k, option in enumerate(moves)],
    )
    assert [("r3", 0.75), ("r6", 0.5), ("r2", 0.25)] == [
        (t.round, t.movement) for t in timeline(dossier).issues["steps"].turning_points
    ]


def test_verdicts_over_the_whole_run() -> None:
    """Both issues converge from the first to the last measurable round."""
    result = timeline(DOSSIER)
    assert (("r1", "r2", "r3", "r4", "r5"), ["steps", "venue"]) == (
        result.rounds,
        result.converging(),
    )


def test_an_entrant_moves_the_gap_but_not_the_verdict_over_the_run() -> None:
    """A party first recorded halfway narrows the gap; nobody moved, so the run is unchanged."""
    a, b = nt.Position("a", "steps", "o0"), nt.Position("b", "steps", "o4")
    dossier = attrs.evolve(
        DOSSIER,
        rounds=[_round(1, a, b), _round(2, a, b, nt.Position("c", "steps", "o2"))],
    )
    track = timeline(dossier, issues=["steps"]).issues["steps"]
    assert (Verdict.UNCHANGED, "no like-for-like movement", Verdict.CONVERGING) == (
        track.verdict,
        track.because,
        track.gap_verdict,
    )


@given(negotiations())
def test_the_run_verdict_is_the_like_for_like_verdict_from_first_to_last(
    n: nt.Negotiation,
) -> None:
    """Where the first round can be judged, the run's verdict is that of first against last."""
    rounds = [r.id for r in n.rounds]
    found = timeline(n)
    if len(rounds) < 2:
        assert all(t.because == "" for t in found.issues.values())
        return
    direct = nt.issue_verdicts(n, rounds[0], rounds[-1])
    for issue_id, track in found.issues.items():
        if direct[issue_id].because != "no earlier measure":
            assert (track.verdict, track.because) == (
                direct[issue_id].verdict,
                direct[issue_id].because,
            )


def test_verdict_is_unchanged_with_one_measurable_round() -> None:
    """With fewer than two measurable rounds nothing can converge."""
    dossier = attrs.evolve(DOSSIER, rounds=[_round(1, A1, B1), _round(2, A2)])
    assert Verdict.UNCHANGED == timeline(dossier, issues=["venue"]).issues["venue"].verdict


def test_issues_filter_keeps_the_order_asked_for() -> None:
    """``issues`` selects issues, in the order given."""
    assert ["venue", "steps"] == list(timeline(DOSSIER, issues=["venue", "steps"]).issues)


def test_a_single_issue_id_is_one_issue() -> None:
    """A bare string names one issue, not a list of one-letter ids."""
    assert ["venue"] == list(timeline(DOSSIER, issues="venue").issues)


def test_unknown_issue_is_refused() -> None:
    """An unknown issue id raises UnknownIdError."""
    with pytest.raises(nt.UnknownIdError, match="stpes"):
        timeline(DOSSIER, issues=["stpes"])


def test_flagship_alignment_converges_in_march() -> None:
    """On the flagship, the alignment gap narrows from 7 to 16 March 2022."""
    track = timeline(nt.load(FLAGSHIP), issues=["alignment"]).issues["alignment"]
    by_round = {m.round: m for m in track.measures}
    assert Verdict.CONVERGING == verdict(by_round["2022-03-07"], by_round["2022-03-16"])


# -- properties ------------------------------------------------------------------------------------


@given(negotiations(), st.data())
def test_measures_equal_measure_round(dossier: nt.Negotiation, data: st.DataObject) -> None:
    """The timeline's measures in each round are those of ``measure_round``, weights and all."""
    parties = st.sampled_from([p.id for p in dossier.parties])
    weights = data.draw(st.none() | st.dictionaries(parties, st.floats(0, 5)))
    result = timeline(dossier, weights=weights)
    for index, round_ in enumerate(dossier.rounds):
        expected = measure_round(dossier, round_.id, weights)
        assert expected == {i: track.measures[index] for i, track in result.issues.items()}


@given(negotiations())
def test_points_are_the_effective_positions(dossier: nt.Negotiation) -> None:
    """Each round's points are the positions in force, sorted by party."""
    result = timeline(dossier)
    for issue in dossier.issues:
        expected = [
            (round_.id, party, e.value, e.carried)
            for round_ in dossier.rounds
            for (party, i), e in sorted(dossier.effective_positions(round_.id).items())
            if i == issue.id
        ]
        points = result.issues[issue.id].points
        assert expected == [(p.round, p.party, p.position, p.carried) for p in points]


@given(negotiations())
def test_turning_points_are_the_biggest_moves(dossier: nt.Negotiation) -> None:
    """At most three turning points, each with movement above 0, largest first."""
    for track in timeline(dossier).issues.values():
        movements = [t.movement for t in track.turning_points]
        assert len(movements) <= 3
        assert all(m > 0 for m in movements)
        assert sorted(movements, reverse=True) == movements
