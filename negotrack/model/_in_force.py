"""What is in force in any round, found without walking the rounds before it.

A dossier's positions, stances and drafts are carried from round to round until restated (or, for
a position, withdrawn). `InForce` reads the rounds once and keeps, for every key, the rounds
that spoke of it; what stood in round *i* is then, for each key, the last entry up to *i*
(found by bisection). Asking about one round costs the number of keys, however many rounds came
before; a dossier builds its `InForce` once, on first use (`Negotiation.effective_positions`).

`walk` is the plain walk over every round, which timelines use and which the ledgers are checked
against: both give the same entries, in the same order (the order in which the walk's dict
received each key: first stated, or stated again after a withdrawal).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

import attrs

from negotrack.model._drafts import Draft, merge_terms
from negotrack.model._gc import gc_paused
from negotrack.model._positions import Position
from negotrack.model._stances import Stance

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence

    from negotrack.model._proposals import Proposal
    from negotrack.model._rounds import Round

__all__ = ["Effective", "InForce", "walk"]

_T = TypeVar("_T", Position, Stance, Draft)
_K = TypeVar("_K", bound="Hashable")

#: Rounds whose answers an `InForce` keeps at once, per kind (a timeline asks round after round).
_KEPT = 16


class Effective(NamedTuple, Generic[_T]):
    """A position or stance in force in a round: stated there, or carried from an earlier one.

    A named tuple rather than an attrs class: timelines make one per party, issue and round,
    and a tuple is several times cheaper to build.

    Attributes:
        value: The position or stance as last stated.
        round: Id of the round in which it was last stated.
        carried: True when the round asked about did not restate it.
    """

    value: _T
    round: str
    carried: bool


# -- the walk ------------------------------------------------------------------------------------

PositionState = dict[tuple[str, str], Effective[Position]]
StanceState = dict[tuple[str, str], Effective[Stance]]


def walk(
    rounds: Sequence[Round], *, copies: bool = True
) -> Iterator[tuple[Round, PositionState, StanceState]]:
    """Each round with the positions and stances in force in it (`Negotiation.iter_effective`)."""
    positions: PositionState = {}
    stances: StanceState = {}
    fresh: list[tuple[str, str]] = []  # keys stated in the previous round
    fresh_stances: list[tuple[str, str]] = []
    # the hot loop of every timeline: tuple.__new__ builds an Effective at half the cost of its
    # generated constructor, and the key of a position at no table is formed here rather than
    # through the property
    make = tuple.__new__
    for round_ in rounds:
        round_id = round_.id
        stated, stated_stances = [], []
        for position in round_.positions:
            key = (position.party, position.issue) if position.table is None else position.key
            if position.withdrawn:
                positions.pop(key, None)
            else:
                positions[key] = make(Effective, (position, round_id, False))
                stated.append(key)
        for stance in round_.stances:
            key = (stance.party, stance.proposal)
            stances[key] = make(Effective, (stance, round_id, False))
            stated_stances.append(key)
        # what the previous round stated and this one did not restate is now carried
        _carry_over(positions, fresh, round_id)
        _carry_over(stances, fresh_stances, round_id)
        fresh, fresh_stances = stated, stated_stances
        if copies:
            yield round_, dict(positions), dict(stances)
        else:
            yield round_, positions, stances


def _carry_over(
    state: dict[tuple[str, str], Effective[_T]], keys: list[tuple[str, str]], round_id: str
) -> None:
    """Mark as carried the entries of ``keys`` that the round ``round_id`` did not restate."""
    make = tuple.__new__
    for key in keys:
        effective = state.get(key)
        if effective is not None and effective[1] != round_id and not effective[2]:
            state[key] = make(Effective, (effective[0], effective[1], True))


# -- the ledgers ---------------------------------------------------------------------------------

#: One statement of a key: the place of its round, what it stated (None: a withdrawal), and the
#: order in which the walk's dict holds the key (the number of the statement that put it there).
_Entry = tuple[int, Any, int]


class _Ledger(Generic[_K, _T]):
    """Per key, every statement of it in round order: what stood in any round, by bisection."""

    __slots__ = ("_answers", "_entries", "_ids")

    def __init__(self, entries: dict[_K, list[_Entry]], ids: Sequence[str]) -> None:
        self._entries = entries
        self._ids = ids  # the rounds' ids, by place
        self._answers: dict[int, dict[_K, Effective[_T]]] = {}

    def at(self, index: int) -> dict[_K, Effective[_T]]:
        """What stood in round ``index``, in the walk's order: a fresh dict."""
        kept = self._answers.get(index)
        if kept is None:
            kept = self._find(index)
            if len(self._answers) >= _KEPT:
                self._answers.clear()
            self._answers[index] = kept
        return dict(kept)

    def _find(self, index: int) -> dict[_K, Effective[_T]]:
        found: list[tuple[int, _K, Effective[_T]]] = []
        ids, make = self._ids, tuple.__new__
        for key, entries in self._entries.items():
            # the last entry at or before the round: most keys were last spoken of before it
            last = entries[-1]
            if last[0] > index:
                at = bisect.bisect_right(entries, index, key=_place) - 1
                if at < 0:
                    continue
                last = entries[at]
            place, value, start = last
            if value is not None:
                found.append((start, key, make(Effective, (value, ids[place], place != index))))
        found.sort(key=_place)
        return {key: effective for _, key, effective in found}


def _place(item: tuple[int, Any, Any]) -> int:
    return item[0]


def _record(entries: dict[_K, list[_Entry]], statements: Iterable[tuple[_K, int, Any]]) -> None:
    """Add each statement ``(key, place, value)`` (``value`` None: a withdrawal), in order."""
    for number, (key, place, value) in enumerate(statements):
        found = entries.get(key)
        if found is None:
            entries[key] = [(place, value, number)]
        else:
            last = found[-1]
            found.append((place, value, number if last[1] is None else last[2]))


class InForce:
    """The positions, stances and drafts in force in any round of a dossier's rounds.

    Built from the rounds in date order; each kind reads them once, on first use. Answers are
    fresh dicts, so callers may change them. Not locked: two threads asking at once may both
    build a ledger, and both get the same answers.
    """

    __slots__ = ("_drafts", "_ids", "_positions", "_proposals", "_rounds", "_stances")

    def __init__(self, rounds: Sequence[Round], proposals: Mapping[str, Proposal]) -> None:
        self._rounds = rounds
        self._ids = tuple(r.id for r in rounds)
        self._proposals = proposals
        self._positions: _Ledger[tuple[str, str], Position] | None = None
        self._stances: _Ledger[tuple[str, str], Stance] | None = None
        self._drafts: _Ledger[str, Draft] | None = None

    def positions(self, index: int) -> PositionState:
        """Positions in force in round ``index``, keyed by ``(party, issue)`` (or with a table)."""
        if self._positions is None:
            # the hot loop of a dossier's first question: `_record` inlined, a tuple per
            # position and nothing else made
            entries: dict[tuple[str, str], list[_Entry]] = {}
            get, number = entries.get, 0
            with gc_paused():
                for place, round_ in enumerate(self._rounds):
                    for p in round_.positions:
                        key = (p.party, p.issue) if p.table is None else p.key
                        value = None if p.withdrawn else p
                        found = get(key)
                        if found is None:
                            entries[key] = [(place, value, number)]
                        else:
                            last = found[-1]
                            start = number if last[1] is None else last[2]
                            found.append((place, value, start))
                        number += 1
            self._positions = _Ledger(entries, self._ids)
        return self._positions.at(index)

    def stances(self, index: int) -> StanceState:
        """Stances in force in round ``index``, keyed by ``(party, proposal)``."""
        if self._stances is None:
            entries: dict[tuple[str, str], list[_Entry]] = {}
            with gc_paused():
                _record(
                    entries,
                    (
                        ((s.party, s.proposal), place, s)
                        for place, round_ in enumerate(self._rounds)
                        for s in round_.stances
                    ),
                )
            self._stances = _Ledger(entries, self._ids)
        return self._stances.at(index)

    def drafts(self, index: int) -> dict[str, Effective[Draft]]:
        """Each draft in force in round ``index`` with its terms complete, by proposal id.

        A draft's terms are merged over the last draft of the same proposal before it, or over
        the proposal's terms as tabled.
        """
        if self._drafts is None:
            entries: dict[str, list[_Entry]] = {}
            _record(entries, self._merged())
            self._drafts = _Ledger(entries, self._ids)
        return self._drafts.at(index)

    def _merged(self) -> Iterator[tuple[str, int, Draft]]:
        """Each draft in round order, its terms merged over those in force before it."""
        texts: dict[str, Draft] = {}
        for place, round_ in enumerate(self._rounds):
            for draft in round_.drafts:
                previous = texts.get(draft.proposal)
                tabled = self._proposals.get(draft.proposal)
                base = (
                    previous.terms
                    if previous is not None
                    else ()
                    if tabled is None
                    else tabled.terms
                )
                merged = texts[draft.proposal] = attrs.evolve(
                    draft, terms=merge_terms(base, draft.terms)
                )
                yield draft.proposal, place, merged
