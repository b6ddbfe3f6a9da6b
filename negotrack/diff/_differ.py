"""Two states of one party's position (or stance) turned into typed changes, with meaning.

Used by the round diff (`negotrack.compare`) and the version diff (`negotrack.compare_versions`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from negotrack.diff._changes import Change, ChangeKind, Meaning, Toward
from negotrack.diff._footing import Facing
from negotrack.diff._matching import condition_changes, grading_changes, red_line_changes
from negotrack.diff._sets import contains, middle
from negotrack.diff._toward import EPSILON, directions
from negotrack.model._errors import UnknownIdError
from negotrack.model._issues import CategoricalScale
from negotrack.model._positions import Interval, Position
from negotrack.model._scales import point, span, width

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from negotrack.model._issues import Issue, Value
    from negotrack.model._negotiation import Effective, Negotiation
    from negotrack.model._positions import Acceptable
    from negotrack.model._stances import Stance

__all__ = ["EPSILON", "PositionDiffer", "Seat"]


class Seat(NamedTuple):
    """Whose position it is, on which issue, and at which table (None: the overall position)."""

    party: str
    issue: str
    table: str | None


class PositionDiffer:
    """Turns two states of the same positions and stances into typed changes.

    ``old`` and ``new`` are the dossiers the two states come from (the same dossier for a round
    diff); issues and proposals are looked up in ``new`` first.
    """

    def __init__(
        self,
        old: Negotiation,
        new: Negotiation,
        old_positions: Mapping[tuple[str, str], Effective[Position]],
        new_positions: Mapping[tuple[str, str], Effective[Position]],
        round_id: str,
        *,
        rounds: tuple[str, str] | None = None,
    ) -> None:
        self.old_dossier = old
        self.new_dossier = new
        self.old_positions = old_positions
        self.new_positions = new_positions
        self.round = round_id
        # the two rounds in date order, whose sides and chairs say who faces whom: the same
        # whichever way the diff runs, so that a reversed diff mirrors every change
        self.rounds = (round_id, round_id) if rounds is None else rounds
        self._holders: dict[str, frozenset[str]] = {}
        self._facing: dict[str, list[Facing]] = {}

    def counterparts(self, party: str, issue_id: str) -> list[str]:
        """The party's counterparts on the issue among its holders, in id order.

        Two versions of a dossier may declare different sides, roles or coalitions: counterparts
        are then those the party faces in both, so that the diff read the other way mirrors it.
        """
        facing = self._facing.get(issue_id)
        if facing is None:
            dossiers = {id(n): n for n in (self.new_dossier, self.old_dossier)}.values()
            facing = self._facing[issue_id] = [Facing(n, issue_id, self.rounds) for n in dossiers]
        holders = self.holders(issue_id)
        return sorted(set.intersection(*(f.ids(party, holders) for f in facing)))

    def holders(self, issue_id: str) -> frozenset[str]:
        """The parties holding an overall position on ``issue_id`` in either state (found once).

        Positions at one table are left out: they are measured against that table only (their
        keys, ``issue@table``, are no issue's id). Looked up party by party, so a diff with a
        few moves pays for a few issues, not for every position of the two rounds.
        """
        found = self._holders.get(issue_id)
        if found is None:
            parties = {p.id for p in (*self.old_dossier.parties, *self.new_dossier.parties)}
            old, new = self.old_positions, self.new_positions
            found = frozenset(p for p in parties if (p, issue_id) in old or (p, issue_id) in new)
            self._holders[issue_id] = found
        return found

    def issue(self, issue_id: str) -> Issue:
        try:
            return self.new_dossier.issue(issue_id)
        except UnknownIdError:
            return self.old_dossier.issue(issue_id)

    # -- positions -----------------------------------------------------------------------------

    def position(
        self,
        key: tuple[str, str],
        old: Effective[Position] | None,
        new: Effective[Position] | None,
        withdrawal_evidence: Sequence[str] = (),
    ) -> Iterator[Change]:
        """Every change between two states of one party's position on one issue (or table)."""
        current = new if new is not None else old
        if current is None:
            return
        seat = Seat(key[0], current.value.issue, current.value.table)
        base: dict[str, Any] = {"party": seat.party, "issue": seat.issue, "round": self.round}
        if seat.table is not None:
            base["table"] = seat.table
        if old is None:
            assert new is not None  # noqa: S101 - narrowed for the type checker
            yield Change(
                kind=ChangeKind.POSITION_STATED,
                after=new.value.preferred,
                evidence=new.value.evidence,
                **base,
            )
            return
        if new is None:
            yield Change(
                kind=ChangeKind.POSITION_WITHDRAWN,
                before=old.value.preferred,
                evidence=tuple(withdrawal_evidence),
                **base,
            )
            return
        a, b = old.value, new.value
        if a is b or a == b:
            return
        if _position_substance(a) == _position_substance(b):
            yield from _new_evidence(old, new, b.preferred, base)
            return
        issue = self.issue(seat.issue)
        evidence = b.evidence
        found: list[Change] = []
        where = {**base, "evidence": evidence}
        if a.preferred != b.preferred:
            found.append(self._preferred(issue, seat, a.preferred, b.preferred, where=where))
        found.extend(self._acceptable(issue, seat, a.acceptable, b.acceptable, where=where))
        # equal lists give no change: not matched item by item (most moves leave them alone)
        if a.red_lines is not b.red_lines and a.red_lines != b.red_lines:
            found.extend(red_line_changes(a.red_lines, b.red_lines, base, evidence))
        if a.conditions is not b.conditions and a.conditions != b.conditions:
            found.extend(condition_changes(a.conditions, b.conditions, base, evidence))
        found.extend(grading_changes(a, b, base, evidence))
        if a.salience is not None and b.salience is not None and a.salience != b.salience:
            raised = b.salience > a.salience
            found.append(
                Change(
                    kind=ChangeKind.SALIENCE_RAISED if raised else ChangeKind.SALIENCE_LOWERED,
                    before=a.salience,
                    after=b.salience,
                    magnitude=abs(b.salience - a.salience),
                    normalised=abs(b.salience - a.salience),
                    evidence=evidence,
                    **base,
                )
            )
        yield from found

    def _towards(
        self, issue: Issue, seat: Seat, before: float, after: float
    ) -> tuple[tuple[Toward, ...], Meaning]:
        """Direction of a move from ``before`` to ``after`` per counterpart (`directions`).

        A position at one table has one counterpart, the party across that table, standing
        where its position at the same table puts it, else where its overall position does.
        """
        if seat.table is not None:
            standing = [
                (
                    seat.table,
                    self._counterpart(self.old_positions, issue, seat, seat.table),
                    self._counterpart(self.new_positions, issue, seat, seat.table),
                )
            ]
            return directions(width(issue), before, after, standing)
        # the common case, kept lean: each counterpart's point in each state, looked up once
        old, new, key = self.old_positions.get, self.new_positions.get, seat.issue
        states = ((c, old((c, key)), new((c, key))) for c in self.counterparts(seat.party, key))
        return directions(
            width(issue),
            before,
            after,
            (
                (
                    c,
                    None if h0 is None else point(issue, h0.value.preferred),
                    None if h1 is None else point(issue, h1.value.preferred),
                )
                for c, h0, h1 in states
            ),
        )

    @staticmethod
    def _counterpart(
        state: Mapping[tuple[str, str], Effective[Position]], issue: Issue, seat: Seat, other: str
    ) -> float | None:
        """Where ``other`` stands on the issue's line, as seen from ``seat``."""
        held = None
        if seat.table is not None:  # across one table: its position there toward us, if any
            held = state.get(Position(other, seat.issue, table=seat.party).key)
        if held is None:
            held = state.get((other, seat.issue))
        return None if held is None else point(issue, held.value.preferred)

    def _preferred(
        self,
        issue: Issue,
        seat: Seat,
        before: Value | None,
        after: Value | None,
        *,
        where: Mapping[str, Any],
    ) -> Change:
        x0, x1 = point(issue, before), point(issue, after)
        if x0 is None or x1 is None:
            return Change(kind=ChangeKind.PREFERRED_MOVED, before=before, after=after, **where)
        towards, meaning = self._towards(issue, seat, x0, x1)
        return Change(
            kind=ChangeKind.PREFERRED_MOVED,
            before=before,
            after=after,
            magnitude=abs(x1 - x0),
            normalised=abs(x1 - x0) / width(issue),
            toward=towards,
            meaning=meaning,
            **where,
        )

    def _acceptable(
        self,
        issue: Issue,
        seat: Seat,
        before: Acceptable | None,
        after: Acceptable | None,
        *,
        where: Mapping[str, Any],
    ) -> Iterator[Change]:
        base = where
        if before == after or (
            isinstance(before, tuple) and isinstance(after, tuple) and set(before) == set(after)
        ):
            return
        if before is None or after is None:
            kind = ChangeKind.ACCEPTABLE_STATED if before is None else ChangeKind.ACCEPTABLE_DROPPED
            yield Change(kind=kind, before=before, after=after, **base)
            return
        size0, size1 = span(issue, before), span(issue, after)
        change = None if size0 is None or size1 is None else abs(size1 - size0)
        magnitude = (
            None
            if change is None
            else change * (width(issue) if isinstance(before, Interval) else len(issue.option_ids))
        )
        if contains(after, before):
            yield Change(
                kind=ChangeKind.ACCEPTABLE_WIDENED,
                before=before,
                after=after,
                magnitude=magnitude,
                normalised=change,
                meaning=Meaning.CONCESSION,
                **base,
            )
        elif contains(before, after):
            yield Change(
                kind=ChangeKind.ACCEPTABLE_NARROWED,
                before=before,
                after=after,
                magnitude=magnitude,
                normalised=change,
                meaning=Meaning.HARDENING,
                **base,
            )
        else:
            m0, m1 = middle(issue, before), middle(issue, after)
            towards: tuple[Toward, ...] = ()
            meaning = Meaning.NEUTRAL
            if m0 is not None and m1 is not None and not isinstance(issue.scale, CategoricalScale):
                towards, meaning = self._towards(issue, seat, m0, m1)
            yield Change(
                kind=ChangeKind.ACCEPTABLE_SHIFTED,
                before=before,
                after=after,
                magnitude=magnitude,
                normalised=change,
                toward=towards,
                meaning=meaning,
                **base,
            )

    # -- stances -------------------------------------------------------------------------------

    def stance(
        self,
        key: tuple[str, str],
        old: Effective[Stance] | None,
        new: Effective[Stance] | None,
    ) -> Iterator[Change]:
        """Every change between two states of one party's stance toward one proposal."""
        party, proposal = key
        base: dict[str, Any] = {"party": party, "proposal": proposal, "round": self.round}
        if old is None and new is None:
            return
        if old is None or new is None:
            kind = ChangeKind.STANCE_STATED if old is None else ChangeKind.STANCE_DROPPED
            yield Change(
                kind=kind,
                before=None if old is None else old.value.stance,
                after=None if new is None else new.value.stance,
                evidence=() if new is None else new.value.evidence,
                **base,
            )
            return
        a, b = old.value, new.value
        if a is b or a == b:
            return
        if _stance_substance(a) == _stance_substance(b):
            yield from _new_evidence(old, new, b.stance, base)
            return
        evidence = b.evidence
        found: list[Change] = []
        if a.stance != b.stance:
            up = b.stance.rank > a.stance.rank
            own = party in self._tabled_by(proposal)
            meaning = Meaning.NEUTRAL if own else Meaning.CONCESSION if up else Meaning.HARDENING
            steps = abs(b.stance.rank - a.stance.rank)
            found.append(
                Change(
                    kind=ChangeKind.STANCE_MOVED,
                    before=a.stance,
                    after=b.stance,
                    magnitude=steps,
                    normalised=steps / 4,
                    meaning=meaning,
                    evidence=evidence,
                    **base,
                )
            )
        found.extend(condition_changes(a.conditions, b.conditions, base, evidence))
        found.extend(grading_changes(a, b, base, evidence))
        yield from found

    def _tabled_by(self, proposal: str) -> tuple[str, ...]:
        for dossier in (self.new_dossier, self.old_dossier):
            try:
                return dossier.proposal(proposal).tabled_by
            except UnknownIdError:
                continue
        return ()


def _position_substance(p: Position) -> tuple[Any, ...]:
    """What a position says, leaving out the evidence for it and the analyst's note."""
    return (p.preferred, p.acceptable, p.red_lines, p.conditions, p.salience, p.basis, p.confidence)


def _stance_substance(s: Stance) -> tuple[Any, ...]:
    """What a stance says, leaving out the evidence for it and the analyst's note."""
    return (s.stance, s.conditions, s.basis, s.confidence)


def _new_evidence(
    old: Effective[Any], new: Effective[Any], value: Any, base: Mapping[str, Any]
) -> Iterator[Change]:
    """A restatement that changes nothing but cites other statements than before.

    Reported when the two states were stated in different rounds and cite different sets of
    statements (so the reversed diff reports it too); a restatement on the same evidence is not
    news, and a carried position is not a restatement.
    """
    if old.round != new.round and set(old.value.evidence) != set(new.value.evidence):
        yield Change(kind=ChangeKind.NEW_EVIDENCE, after=value, evidence=new.value.evidence, **base)
