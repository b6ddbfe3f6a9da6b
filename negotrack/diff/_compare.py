"""Comparing two rounds of one dossier: what each party moved, and what it means.

The diff compares the positions and stances *in force* in each round (a position not restated
carries forward), so any two rounds can be compared, in either order: comparing them the other
way round mirrors every change.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar

from negotrack.diff._changes import Carried, Change, ChangeKind, Diff, ordered
from negotrack.diff._differ import PositionDiffer
from negotrack.diff._drafts import amendment_changes, draft_changes
from negotrack.diff._measures import measure_round
from negotrack.diff._tables import measure_tables as measure_tables_in
from negotrack.diff._tables import tables_of
from negotrack.model._errors import UnknownIdError
from negotrack.model._gc import gc_paused

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from negotrack.diff._measures import IssueMeasures
    from negotrack.diff._tables import Table
    from negotrack.model._negotiation import Effective, Negotiation
    from negotrack.model._positions import Position
    from negotrack.model._rounds import Round
    from negotrack.model._stances import Stance

__all__ = ["compare", "proposal_states"]

PositionState = dict[tuple[str, str], "Effective[Position]"]
StanceState = dict[tuple[str, str], "Effective[Stance]"]
_K = TypeVar("_K")


def compare(
    negotiation: Negotiation,
    before: str,
    after: str,
    *,
    weights: Mapping[str, float] | None = None,
) -> Diff:
    """What changed between two rounds: positions, stances, proposals and who is at the table.

    Args:
        negotiation: The dossier.
        before: Id of the earlier round (any round; a later one gives the mirrored diff).
        after: Id of the later round.
        weights: Optional weight per party (capability, say) for the weighted centre.

    Raises:
        UnknownIdError: If a round id is not in the dossier (with a did-you-mean and the list).
    """
    with gc_paused():
        return _compare(negotiation, before, after, weights)


def _compare(
    negotiation: Negotiation,
    before: str,
    after: str,
    weights: Mapping[str, float] | None,
) -> Diff:
    round_ids = [r.id for r in negotiation.rounds]
    for wanted in (before, after):
        if wanted not in round_ids:
            raise UnknownIdError("round", wanted, round_ids)
    # what is in force in each, as the dossier keeps it: no walk through the rounds between
    old_positions = negotiation.effective_positions(before)
    old_stances = negotiation.effective_stances(before)
    new_positions = negotiation.effective_positions(after)
    new_stances = negotiation.effective_stances(after)
    round_before, round_after = negotiation.round(before), negotiation.round(after)
    in_order = sorted((before, after), key=negotiation.round_index)
    differ = PositionDiffer(
        negotiation,
        negotiation,
        old_positions,
        new_positions,
        after,
        rounds=(in_order[0], in_order[1]),
    )
    changes: list[Change] = []
    carried: list[Carried] = []
    withdrawals = _withdrawal_evidence(negotiation, before, after)
    # in the dicts' own order, not a set's: the positions are then visited in the order they
    # were built, which keeps the walk in memory order (a third faster on 10,000 positions).
    # Both states come from one ledger, in its order and with its key objects: walked side by
    # side, a key is looked up only where the two part ways
    held_before = old_positions.get
    aligned = 0
    for (key, new), (old_key, beside) in _side_by_side(new_positions, old_positions):
        if old_key is key:
            aligned += 1
            old = beside
        else:
            old = held_before(key)
        if old is not None and (old[0] is new[0] or old[0] == new[0]):
            # the common case, kept out of the generator below: nothing changed
            if new[2]:
                carried.append(_carried(new))
            continue
        found = list(differ.position(key, old, new, withdrawals.get(key, ())))
        changes.extend(found)
        if not found and new.carried:
            carried.append(_carried(new))
    if aligned < len(old_positions):  # else every earlier key was met again: none withdrawn
        for key, old in old_positions.items():
            if key not in new_positions:
                changes.extend(differ.position(key, old, None, withdrawals.get(key, ())))
    for key in old_stances.keys() | new_stances.keys():
        changes.extend(differ.stance(key, old_stances.get(key), new_stances.get(key)))
    changes.extend(_proposal_changes(negotiation, round_before, round_after))
    changes.extend(draft_changes(negotiation, before, after))
    changes.extend(amendment_changes(negotiation, before, after))
    changes.extend(_participant_changes(negotiation, round_before, round_after))
    changes.extend(_member_changes(negotiation, round_before, round_after))

    def measure() -> dict[str, tuple[IssueMeasures, IssueMeasures]]:
        with gc_paused():
            return _measure_both(
                negotiation, (before, old_positions), (after, new_positions), weights
            )

    def measure_tables() -> dict[Table, tuple[IssueMeasures, IssueMeasures]]:
        found = tables_of(e.value for e in (*old_positions.values(), *new_positions.values()))
        old = measure_tables_in(negotiation, before, weights, positions=old_positions, tables=found)
        new = measure_tables_in(negotiation, after, weights, positions=new_positions, tables=found)
        return {table: (old[table], new[table]) for table in old}

    return Diff(
        before=before,
        after=after,
        changes=ordered(changes),
        carried=tuple(sorted(carried, key=lambda c: (c.issue, c.party, c.table or ""))),
        measures=LazyMeasures(measure),
        tables=LazyMeasures(measure_tables),
        dossier=negotiation,
    )


_NOTHING: Final = (None, None)


def _side_by_side(
    new: dict[tuple[str, str], Effective[Position]], old: dict[tuple[str, str], Effective[Position]]
) -> Iterator[tuple[tuple[Any, Any], tuple[Any, Any]]]:
    """Each item of ``new`` beside the item of ``old`` at the same place.

    Past the end of ``old``, ``(None, None)``. The caller checks that the keys are one object
    and looks the key up where they are not.
    """
    return zip(new.items(), itertools.chain(old.items(), itertools.repeat(_NOTHING)), strict=False)


def _carried(held: Effective[Position]) -> Carried:
    position = held.value
    return Carried(
        party=position.party, issue=position.issue, round=held.round, table=position.table
    )


def _measure_both(
    negotiation: Negotiation,
    before: tuple[str, PositionState],
    after: tuple[str, PositionState],
    weights: Mapping[str, float] | None,
) -> dict[str, tuple[IssueMeasures, IssueMeasures]]:
    old = measure_round(negotiation, before[0], weights, positions=before[1])
    new = measure_round(negotiation, after[0], weights, positions=after[1])
    return {issue: (old[issue], new[issue]) for issue in old}


class LazyMeasures(Mapping[_K, "tuple[IssueMeasures, IssueMeasures]"]):
    """Measures of a diff (per issue, or per table), worked out the first time they are read.

    A diff's changes are its point; the measures cost as much again to compute, so a program
    that only wants the changes does not pay for them.
    """

    __slots__ = ("_compute", "_value")

    def __init__(
        self, compute: Callable[[], dict[_K, tuple[IssueMeasures, IssueMeasures]]]
    ) -> None:
        self._compute: Callable[[], dict[_K, tuple[IssueMeasures, IssueMeasures]]] | None = compute
        self._value: dict[_K, tuple[IssueMeasures, IssueMeasures]] = {}

    def _get(self) -> dict[_K, tuple[IssueMeasures, IssueMeasures]]:
        if self._compute is not None:
            self._value = self._compute()
            self._compute = None
        return self._value

    def __getitem__(self, key: _K) -> tuple[IssueMeasures, IssueMeasures]:
        return self._get()[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return f"LazyMeasures({self._get()!r})"


def _withdrawal_evidence(
    negotiation: Negotiation, before: str, after: str
) -> dict[tuple[str, str], tuple[str, ...]]:
    """Evidence cited by the entries that withdrew positions, in the rounds up to ``after``."""
    first, last = sorted((negotiation.round_index(before), negotiation.round_index(after)))
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for round_ in negotiation.rounds[first + 1 : last + 1]:
        for position in round_.positions:
            if position.withdrawn:
                found[position.key] = found.get(position.key, ()) + position.evidence
    return found


# -- proposals and parties ---------------------------------------------------------------------

_ON_TABLE: Final = "on the table"


def proposal_states(negotiation: Negotiation, round_id: str) -> dict[str, str]:
    """Each proposal's state in a round: on the table, withdrawn, superseded or not yet tabled.

    A proposal with no ``tabled_in`` round is on the table from the start.
    """
    at = negotiation.round_index(round_id)

    def by(round_ref: str | None) -> bool:
        return (
            round_ref is not None
            and round_ref in negotiation._rounds
            and negotiation.round_index(round_ref) <= at
        )

    tabled = {p.id for p in negotiation.proposals if p.tabled_in is None or by(p.tabled_in)}
    superseded = {old for p in negotiation.proposals if p.id in tabled for old in p.supersedes}
    states = {}
    for proposal in negotiation.proposals:
        if proposal.id not in tabled:
            states[proposal.id] = "not yet tabled"
        elif by(proposal.withdrawn_in):
            states[proposal.id] = "withdrawn"
        elif proposal.id in superseded:
            states[proposal.id] = "superseded"
        else:
            states[proposal.id] = _ON_TABLE
    return states


def _successors(negotiation: Negotiation, proposal: str, round_id: str) -> tuple[str, ...]:
    """The proposals tabled by ``round_id`` that supersede ``proposal``, by id."""
    states = proposal_states(negotiation, round_id)
    return tuple(
        sorted(
            p.id
            for p in negotiation.proposals
            if proposal in p.supersedes and states[p.id] != "not yet tabled"
        )
    )


def _proposal_changes(negotiation: Negotiation, before: Round, after: Round) -> Iterator[Change]:
    """Each proposal's way between its states, through the table: tabled, then off it.

    A proposal off the table in one round (not yet tabled, withdrawn or superseded) and off it
    in another in a different way went through the table between them, as when it is tabled
    and superseded in one round: both steps are reported. Between withdrawn and superseded it
    was never back on the table, and nothing is reported. A superseded proposal names its
    successors, the proposals whose ``supersedes`` lists it, in place of the state.
    """
    old, new = proposal_states(negotiation, before.id), proposal_states(negotiation, after.id)
    for proposal in sorted(old):
        a, b = old[proposal], new[proposal]
        if a == b or (a != "not yet tabled" != b and _ON_TABLE not in (a, b)):
            continue
        base: dict[str, Any] = {"proposal": proposal, "round": after.id}
        evidence = negotiation.proposal(proposal).evidence
        if a != _ON_TABLE:
            was = _successors(negotiation, proposal, before.id) if a == "superseded" else a
            yield Change(
                kind=ChangeKind.PROPOSAL_TABLED,
                before=was,
                after=_ON_TABLE,
                evidence=evidence,
                **base,
            )
        if b == "superseded":
            yield Change(
                kind=ChangeKind.PROPOSAL_SUPERSEDED,
                before=_ON_TABLE,
                after=_successors(negotiation, proposal, after.id),
                evidence=evidence,
                **base,
            )
        elif b != _ON_TABLE:
            yield Change(
                kind=ChangeKind.PROPOSAL_WITHDRAWN,
                before=_ON_TABLE,
                after=b,
                evidence=evidence,
                **base,
            )


def _participant_changes(negotiation: Negotiation, before: Round, after: Round) -> Iterator[Change]:
    """Parties recorded (``joined``, ``left``) as joining or leaving the talks between the rounds.

    The records of the rounds after ``before`` up to ``after`` count; seen backwards, a party
    that joined leaves. Who sat at each meeting (``participants``) is not such a record: a
    party absent from one meeting has not left the talks.
    """
    first, last = negotiation.round_index(before.id), negotiation.round_index(after.id)
    backwards = last < first
    low, high = sorted((first, last))
    found: set[tuple[ChangeKind, str]] = set()
    for round_ in negotiation.rounds[low + 1 : high + 1]:
        for kind, parties in (
            (ChangeKind.PARTY_JOINED, round_.joined),
            (ChangeKind.PARTY_LEFT, round_.left),
        ):
            found.update((kind.mirrored() if backwards else kind, party) for party in parties)
    for kind, party in sorted(found, key=lambda pair: (pair[1], pair[0].order)):
        yield Change(kind=kind, party=party, round=after.id)


def _member_changes(negotiation: Negotiation, before: Round, after: Round) -> Iterator[Change]:
    for party in negotiation.parties:
        if not party.members:
            continue
        old = set(negotiation.members_of(party.id, before.when))
        new = set(negotiation.members_of(party.id, after.when))
        for member in sorted(new - old):
            yield Change(
                kind=ChangeKind.MEMBER_JOINED, party=party.id, after=member, round=after.id
            )
        for member in sorted(old - new):
            yield Change(kind=ChangeKind.MEMBER_LEFT, party=party.id, before=member, round=after.id)
