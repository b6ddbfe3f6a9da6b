"""The dossier and its model: lookups by id, positions in force per round, value semantics."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings

import negotrack as nt
from tests.strategies import negotiations

if TYPE_CHECKING:
    from collections.abc import Callable

NEUTRALITY = nt.Issue(
    "neutrality",
    "Neutrality",
    nt.OrdinalScale(
        options=(
            nt.Option("none", "No neutrality"),
            nt.Option("armed", "Armed neutrality"),
            nt.Option("unarmed", "Unarmed neutrality"),
        )
    ),
)
TROOPS = nt.Issue("troops", "Troop ceiling", nt.NumericScale(min=0, max=200_000, unit="personnel"))
VENUE = nt.Issue(
    "venue",
    "Venue",
    nt.CategoricalScale(options=(nt.Option("ist", "Istanbul"), nt.Option("gva", "Geneva"))),
)
ENVOY_U = nt.Person("envoy-ukraine", "Envoy of Ukraine", "negotiator")
ENVOY_R = nt.Person("envoy-russia", "Envoy of Russia")
UKRAINE = nt.Party("ukraine", "Ukraine", representatives=(ENVOY_U,))
RUSSIA = nt.Party("russia", "Russia", representatives=(ENVOY_R,))
TURKEY = nt.Party("turkey", "Turkey", nt.PartyKind.MEDIATOR)
WEST = nt.Side("west", "West", ("ukraine",))
EAST = nt.Side("east", "East", ("russia",))
PLAN = nt.Proposal("istanbul-plan", "Istanbul plan", terms=(nt.Term("neutrality", "armed"),))
WIRE = nt.Source("wire", "Wire report", outlet="Agency")
S1 = nt.Statement("s-first", dt.date(2022, 3, 1), speaker="envoy-ukraine", quote="Armed.")
S2 = nt.Statement("s-second", dt.date(2022, 3, 2), speaker="envoy-russia", quote="Unarmed.")

# A timeline: Ukraine states, goes quiet, withdraws, stays withdrawn, restates.
U1 = nt.Position("ukraine", "neutrality", preferred="armed", evidence=("s-first",))
U3 = nt.Position("ukraine", "neutrality", withdrawn=True)
U5 = nt.Position("ukraine", "neutrality", preferred="none")
R1 = nt.Position("russia", "neutrality", preferred="unarmed")
R2 = nt.Position("russia", "neutrality", preferred="unarmed", note="Repeated.")
T1 = nt.Position("russia", "troops", preferred=50_000, acceptable=nt.Interval(None, 80_000))
ST1 = nt.Stance("ukraine", "istanbul-plan", nt.StanceLevel.OPEN)
ST3 = nt.Stance("ukraine", "istanbul-plan", nt.StanceLevel.SUPPORTS)
ROUND_1 = nt.Round(
    "r1",
    "First",
    date=dt.date(2022, 3, 1),
    statements=(S1,),
    positions=(U1, R1, T1),
    stances=(ST1,),
)
ROUND_2 = nt.Round("r2", "Second", date=dt.date(2022, 3, 2), statements=(S2,), positions=(R2,))
ROUND_3 = nt.Round(
    "r3",
    "Third",
    start=dt.date(2022, 3, 3),
    end=dt.date(2022, 3, 4),
    positions=(U3,),
    stances=(ST3,),
)
ROUND_4 = nt.Round("r4", "Fourth", date=dt.date(2022, 3, 5))
ROUND_5 = nt.Round("r5", "Fifth", date=dt.date(2022, 3, 6), positions=(U5,))

DOSSIER = nt.Negotiation(
    "talks",
    "Talks",
    parties=(UKRAINE, RUSSIA, TURKEY),
    sides=(WEST, EAST),
    issues=(NEUTRALITY, TROOPS, VENUE),
    proposals=(PLAN,),
    sources=(WIRE,),
    rounds=(ROUND_5, ROUND_3, ROUND_1, ROUND_4, ROUND_2),
)


def _carried(value: nt.Position, round_id: str) -> nt.Effective[nt.Position]:
    return nt.Effective(value, round_id, carried=True)


def _stated(value: nt.Position, round_id: str) -> nt.Effective[nt.Position]:
    return nt.Effective(value, round_id, carried=False)


# -- lookups ---------------------------------------------------------------------------------------


def test_lookups_find_each_kind_by_id() -> None:
    """Each lookup returns the item with the id asked for."""
    assert [UKRAINE, NEUTRALITY, PLAN, WIRE, S2, ENVOY_R, ROUND_3, EAST] == [
        DOSSIER.party("ukraine"),
        DOSSIER.issue("neutrality"),
        DOSSIER.proposal("istanbul-plan"),
        DOSSIER.source("wire"),
        DOSSIER.statement("s-second"),
        DOSSIER.person("envoy-russia"),
        DOSSIER.round("r3"),
        DOSSIER.side("east"),
    ]


def test_party_of_person() -> None:
    """``party_of`` gives the party a person represents."""
    assert [UKRAINE, RUSSIA] == [
        DOSSIER.party_of("envoy-ukraine"),
        DOSSIER.party_of("envoy-russia"),
    ]


def test_side_of_party() -> None:
    """``side_of`` gives a party's side, or None for a party on no side."""
    assert [WEST, EAST, None] == [DOSSIER.side_of(p) for p in ("ukraine", "russia", "turkey")]


def test_round_index_follows_date_order() -> None:
    """``round_index`` is the 0-based place of a round in date order."""
    assert [0, 1, 2, 3, 4] == [DOSSIER.round_index(r) for r in ("r1", "r2", "r3", "r4", "r5")]


def test_statements_round_by_round() -> None:
    """``statements`` lists every statement, in round order."""
    assert (S1, S2) == DOSSIER.all_statements


@pytest.mark.parametrize(
    ("lookup", "wanted", "message"),
    [
        (DOSSIER.party, "ukrain", "unknown party 'ukrain' (did you mean 'ukraine'?)"),
        (DOSSIER.issue, "neutrallity", "unknown issue 'neutrallity' (did you mean 'neutrality'?)"),
        (
            DOSSIER.proposal,
            "istanbul-plans",
            "unknown proposal 'istanbul-plans' (did you mean 'istanbul-plan'?)",
        ),
        (DOSSIER.source, "wires", "unknown source 'wires' (did you mean 'wire'?)"),
        (DOSSIER.statement, "s-frist", "unknown statement 's-frist' (did you mean 's-first'?)"),
        (
            DOSSIER.person,
            "envoy-russa",
            "unknown person 'envoy-russa' (did you mean 'envoy-russia'?)",
        ),
        (DOSSIER.round, "r10", "unknown round 'r10' (did you mean 'r1'?)"),
        (DOSSIER.side, "eats", "unknown side 'eats' (did you mean 'east'?)"),
        (
            DOSSIER.party_of,
            "envoy-ukrane",
            "unknown person 'envoy-ukrane' (did you mean 'envoy-ukraine'?)",
        ),
        (DOSSIER.side_of, "rusia", "unknown party 'rusia' (did you mean 'russia'?)"),
        (DOSSIER.round_index, "r11", "unknown round 'r11' (did you mean 'r1'?)"),
        (DOSSIER.effective_positions, "r10", "unknown round 'r10' (did you mean 'r1'?)"),
        (DOSSIER.effective_stances, "r1-", "unknown round 'r1-' (did you mean 'r1'?)"),
        (DOSSIER.party, "zz", "unknown party 'zz'"),
    ],
)
def test_unknown_id_says_what_it_may_mean(
    lookup: Callable[[str], object], wanted: str, message: str
) -> None:
    """An unknown id raises UnknownIdError naming the id, the closest known one and what exists."""
    with pytest.raises(nt.UnknownIdError) as caught:
        lookup(wanted)
    known = ", ".join(repr(k) for k in caught.value.known)
    assert f"{message}; the dossier has {known}" == str(caught.value)
    assert wanted == caught.value.wanted
    assert caught.value.known


def test_unknown_id_lists_at_most_twelve() -> None:
    """A long list of known ids is cut after twelve, saying how many more there are."""
    error = nt.UnknownIdError("round", "x", [f"r{i}" for i in range(20)])
    assert str(error).endswith("'r10', 'r11' and 8 more")
    assert "the dossier has none" in str(nt.UnknownIdError("round", "x", []))


def test_unknown_id_error_is_a_key_error_and_a_negotrack_error() -> None:
    """UnknownIdError is both a KeyError and a NegotrackError, and keeps what was asked."""
    with pytest.raises(KeyError) as caught:
        DOSSIER.party("nobody")
    error = caught.value
    assert isinstance(error, nt.UnknownIdError)
    assert isinstance(error, nt.NegotrackError)
    assert ("party", "nobody", ("ukraine", "russia", "turkey")) == (
        error.kind,
        error.wanted,
        error.known,
    )


@settings(deadline=None)
@given(negotiations())
def test_every_id_looks_up_its_item(negotiation: nt.Negotiation) -> None:
    """Every item of a valid dossier is found by its own id."""
    for party in negotiation.parties:
        assert party == negotiation.party(party.id)
        for person in party.representatives:
            assert (person, party) == (
                negotiation.person(person.id),
                negotiation.party_of(person.id),
            )
    for issue in negotiation.issues:
        assert issue == negotiation.issue(issue.id)
    for proposal in negotiation.proposals:
        assert proposal == negotiation.proposal(proposal.id)
    for source in negotiation.sources:
        assert source == negotiation.source(source.id)
    for index, round_ in enumerate(negotiation.rounds):
        assert (round_, index) == (negotiation.round(round_.id), negotiation.round_index(round_.id))
    expected = tuple(s for r in negotiation.rounds for s in r.statements)
    assert expected == negotiation.all_statements
    for statement in expected:
        assert statement == negotiation.statement(statement.id)


# -- round order -----------------------------------------------------------------------------------


def test_rounds_are_sorted_by_date_then_id() -> None:
    """Rounds come out in date order (start for multi-day rounds), ties broken by id."""
    rounds = (
        nt.Round("b", "B", date=dt.date(2022, 3, 2)),
        nt.Round("c", "C", start=dt.date(2022, 3, 1), end=dt.date(2022, 3, 3)),
        nt.Round("a", "A", date=dt.date(2022, 3, 2)),
        nt.Round("z", "Z", date=dt.date(2022, 2, 28)),
    )
    assert ["z", "c", "a", "b"] == [r.id for r in nt.Negotiation("t", "T", rounds=rounds).rounds]


@settings(deadline=None)
@given(negotiations())
def test_round_order_does_not_depend_on_input_order(negotiation: nt.Negotiation) -> None:
    """Rounds are in (date, id) order, and giving them reversed builds an equal dossier."""
    expected = sorted(negotiation.rounds, key=lambda r: (r.when, r.id))
    assert expected == list(negotiation.rounds)
    assert negotiation == attrs.evolve(negotiation, rounds=tuple(reversed(negotiation.rounds)))


# -- positions and stances in force ----------------------------------------------------------------


def test_effective_positions_carry_restate_and_withdraw() -> None:
    """Positions carry forward until restated; a withdrawal ends the carry until restated."""
    troops = ("russia", "troops")
    u_key, r_key = ("ukraine", "neutrality"), ("russia", "neutrality")
    assert {
        "r1": {u_key: _stated(U1, "r1"), r_key: _stated(R1, "r1"), troops: _stated(T1, "r1")},
        "r2": {u_key: _carried(U1, "r1"), r_key: _stated(R2, "r2"), troops: _carried(T1, "r1")},
        "r3": {r_key: _carried(R2, "r2"), troops: _carried(T1, "r1")},
        "r4": {r_key: _carried(R2, "r2"), troops: _carried(T1, "r1")},
        "r5": {u_key: _stated(U5, "r5"), r_key: _carried(R2, "r2"), troops: _carried(T1, "r1")},
    } == {r.id: DOSSIER.effective_positions(r.id) for r in DOSSIER.rounds}


def test_effective_stances_carry_and_restate() -> None:
    """Stances carry forward with carried=True until a round restates them."""
    key = ("ukraine", "istanbul-plan")
    assert {
        "r1": {key: nt.Effective(ST1, "r1", carried=False)},
        "r2": {key: nt.Effective(ST1, "r1", carried=True)},
        "r3": {key: nt.Effective(ST3, "r3", carried=False)},
        "r4": {key: nt.Effective(ST3, "r3", carried=True)},
        "r5": {key: nt.Effective(ST3, "r3", carried=True)},
    } == {r.id: DOSSIER.effective_stances(r.id) for r in DOSSIER.rounds}


def test_withdrawal_in_the_first_round_states_nothing() -> None:
    """A withdrawal with nothing to withdraw leaves the position absent."""
    negotiation = nt.Negotiation(
        "t", "T", rounds=(nt.Round("r1", "R", date=dt.date(2022, 1, 1), positions=(U3,)),)
    )
    assert {} == negotiation.effective_positions("r1")


def test_iter_effective_yields_fresh_dicts() -> None:
    """Changing a mapping from iter_effective changes nothing that is yielded later."""
    first = next(DOSSIER.iter_effective())
    first[1].clear()
    first[2].clear()
    assert ROUND_1 == first[0]
    assert 3 == len(DOSSIER.effective_positions("r1"))
    assert 1 == len(DOSSIER.effective_stances("r1"))


def _reference_effective(
    negotiation: nt.Negotiation, upto: int
) -> dict[tuple[str, str], nt.Effective[nt.Position]]:
    """Positions in force after round ``upto``: for each key, the last round that spoke of it."""
    found: dict[tuple[str, str], nt.Effective[nt.Position]] = {}
    here = negotiation.rounds[upto].id
    for round_ in negotiation.rounds[: upto + 1]:
        for position in round_.positions:
            found[position.key] = nt.Effective(position, round_.id, round_.id != here)
    return {key: e for key, e in found.items() if not e.value.withdrawn}


@settings(deadline=None)
@given(negotiations())
def test_effective_positions_match_a_reference(negotiation: nt.Negotiation) -> None:
    """Positions in force are the last ones stated per key, unless that one was a withdrawal."""
    for index, round_ in enumerate(negotiation.rounds):
        expected = _reference_effective(negotiation, index)
        assert expected == negotiation.effective_positions(round_.id)


@settings(deadline=None)
@given(negotiations())
def test_iter_effective_matches_per_round_calls(negotiation: nt.Negotiation) -> None:
    """iter_effective yields each round with what effective_positions and _stances return."""
    expected = [
        (r, negotiation.effective_positions(r.id), negotiation.effective_stances(r.id))
        for r in negotiation.rounds
    ]
    assert expected == list(negotiation.iter_effective())


# -- model behaviour -------------------------------------------------------------------------------


def test_numeric_scale_normalise() -> None:
    """``normalise`` maps min to 0, max to 1 and values between linearly."""
    scale = nt.NumericScale(min=-100, max=300)
    assert [0.0, 0.25, 1.0, 1.5] == [scale.normalise(v) for v in (-100, 0, 300, 500)]


def test_option_ids() -> None:
    """``option_ids`` lists option ids in scale order, and nothing for a numeric scale."""
    assert [("none", "armed", "unarmed"), (), ("ist", "gva")] == [
        i.option_ids for i in (NEUTRALITY, TROOPS, VENUE)
    ]


@pytest.mark.parametrize(
    ("interval", "inside", "outside"),
    [
        (nt.Interval(1, 5), [1, 3.5, 5], [0, 0.999, 5.001, 6]),
        (nt.Interval(None, 5), [-1e300, 5], [5.5]),
        (nt.Interval(1, None), [1, 1e300], [0.5]),
        (nt.Interval(), [-1e300, 0, 1e300], []),
        (nt.Interval(0, 10), [], ["5", None, ("5",), [5]]),
    ],
)
def test_interval_contains(
    interval: nt.Interval, inside: list[object], outside: list[object]
) -> None:
    """An interval holds the numbers between its ends (open ends unbounded) and nothing else."""
    assert ([True] * len(inside), [False] * len(outside)) == (
        [v in interval for v in inside],
        [v in interval for v in outside],
    )


def test_red_line_rules_out_options() -> None:
    """A red line on options rules out exactly those options, and no number."""
    red_line = nt.RedLine("Never unarmed.", options=("unarmed",))
    assert [True, False, False] == [red_line.rules_out(v) for v in ("unarmed", "armed", 0)]


def test_red_line_rules_out_numbers_beyond_its_bounds() -> None:
    """A red line with bounds rules out values strictly below ``below`` or above ``above``."""
    red_line = nt.RedLine("Between 10 and 20.", below=10, above=20)
    assert [True, False, False, False, True, False] == [
        red_line.rules_out(v) for v in (9.9, 10, 15, 20, 20.1, "15")
    ]


def test_stance_levels_are_ranked() -> None:
    """Ranks order stances rejects < opposes < open < conditional < supports."""
    levels = nt.StanceLevel
    expected = [levels.REJECTS, levels.OPPOSES, levels.OPEN, levels.CONDITIONAL, levels.SUPPORTS]
    assert expected == sorted(levels, key=lambda level: level.rank)
    assert [0, 1, 2, 3, 4] == [level.rank for level in expected]


def test_round_when() -> None:
    """``when`` is the date of a one-day round, else the start of a multi-day round."""
    both = nt.Round("b", "B", date=dt.date(2022, 1, 2), start=dt.date(2022, 1, 1))
    assert [dt.date(2022, 3, 1), dt.date(2022, 3, 3), dt.date(2022, 1, 2)] == [
        ROUND_1.when,
        ROUND_3.when,
        both.when,
    ]


def test_round_when_without_a_date() -> None:
    """``when`` raises ValueError for a round with neither date nor start."""
    with pytest.raises(ValueError, match=r"^round 'undated' has no date$"):
        _ = nt.Round("undated", "U").when


# -- value semantics -------------------------------------------------------------------------------

VALUES: list[tuple[Any, str, object]] = [
    (DOSSIER, "title", "Other talks"),
    (UKRAINE, "name", "Ukraina"),
    (ENVOY_U, "role", None),
    (WEST, "parties", ("ukraine", "turkey")),
    (NEUTRALITY, "reference", "armed"),
    (TROOPS.scale, "max", 100_000),
    (PLAN, "tabled_in", "r1"),
    (WIRE, "kind", nt.SourceKind.READOUT),
    (S1, "credibility", 2),
    (ROUND_3, "end", None),
    (T1, "acceptable", nt.Interval(0, 80_000)),
    (ST1, "stance", nt.StanceLevel.REJECTS),
    (nt.Interval(1, 2), "max", 3),
    (nt.RedLine("x", below=1), "below", 2),
]


@pytest.mark.parametrize(("value", "attribute", "other"), VALUES)
def test_model_objects_are_frozen(value: object, attribute: str, other: object) -> None:
    """Assigning to an attribute of a model object raises FrozenInstanceError."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, attribute, other)


@pytest.mark.parametrize(("value", "attribute", "other"), VALUES)
def test_model_objects_compare_and_hash_by_value(value: Any, attribute: str, other: object) -> None:
    """A copy is equal with the same hash; changing one field makes it unequal."""
    twin = copy.deepcopy(value)
    changed = attrs.evolve(value, **{attribute: other})
    assert (True, hash(value), False) == (twin == value, hash(twin), changed == value)
    assert 2 == len({value, twin, changed})


@pytest.mark.parametrize(("value", "attribute", "other"), VALUES)
def test_model_objects_pickle(value: object, attribute: str, other: object) -> None:
    """A model object survives pickling equal to itself."""
    del attribute, other
    assert value == pickle.loads(pickle.dumps(value))  # noqa: S301  (our own data)


def test_dossier_indexes_are_not_part_of_equality_or_pickles() -> None:
    """A dossier whose lookups were used equals a fresh one, hashes the same and pickles."""
    used = copy.copy(DOSSIER)
    fresh = attrs.evolve(DOSSIER)
    used.party("ukraine")
    used.statement("s-first")
    restored = pickle.loads(pickle.dumps(used))  # noqa: S301  (our own data)
    assert (fresh, hash(fresh)) == (used, hash(used))
    assert (fresh, UKRAINE) == (restored, restored.party("ukraine"))


@settings(deadline=None)
@given(negotiations())
def test_dossiers_pickle_and_hash(negotiation: nt.Negotiation) -> None:
    """Any valid dossier pickles to an equal dossier with the same hash."""
    restored = pickle.loads(pickle.dumps(negotiation))  # noqa: S301  (our own data)
    assert (negotiation, hash(negotiation)) == (restored, hash(restored))


def test_load_error_pickles_with_its_problems() -> None:
    """A LoadError survives pickling with its problems and message."""
    problems = (
        nt.Problem("d.yaml", 3, 7, "$.parties[0].id", "invalid party id ':'"),
        nt.Problem("d.yaml", None, None, "$", "file is too big"),
    )
    error = nt.LoadError(problems)
    restored = pickle.loads(pickle.dumps(error))  # noqa: S301  (our own data)
    assert (nt.LoadError, problems, str(error)) == (
        type(restored),
        restored.problems,
        str(restored),
    )


def test_unknown_id_error_pickles_with_its_fields() -> None:
    """An UnknownIdError survives pickling with its kind, id, known ids and message."""
    error = nt.UnknownIdError("party", "ukrain", ["ukraine", "russia"])
    restored = pickle.loads(pickle.dumps(error))  # noqa: S301  (our own data)
    assert (nt.UnknownIdError, "party", "ukrain", ("ukraine", "russia"), str(error)) == (
        type(restored),
        restored.kind,
        restored.wanted,
        restored.known,
        str(restored),
    )


@given(negotiations())
def test_iter_effective_without_copies_agrees_round_by_round(n: nt.Negotiation) -> None:
    """Walking without copies shows, at each round, what the copying walk shows."""
    fast = n.iter_effective(copies=False)
    for (round_, positions, stances), (same_round, live_positions, live_stances) in zip(
        n.iter_effective(), fast, strict=True
    ):
        assert round_ is same_round
        assert (positions, stances) == (dict(live_positions), dict(live_stances))
