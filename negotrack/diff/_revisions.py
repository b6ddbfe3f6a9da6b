"""The readings an edit to a dossier changes: a version diff's summary.

A version diff compares two versions of one dossier (a colleague's edit, a git revision against
the working tree). An edit to the record is not a move by a party, so a version diff has no
readings of its own; what a reviewer wants first is how the edit changes what negotrack *reads*:
Russia's move on neutrality between two rounds was neutral before the edit and a concession
after it, or a new round brings a hardening that was not there.

For every pair of consecutive rounds in either version, the readings of that pair
(`negotrack.diff._verdicts.readings`) are taken in both versions and matched by party and issue
(or proposal); a `Revision` is each that differs in kind or exists in one version only. A pair
can only differ when the edit touched the dossier's header (parties, sides, issues, weights...)
or a round on or before the pair's later round, since what is in force in a round depends on
that round and the ones before it; the pairs before the earliest touched round are not read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import attrs

from negotrack.diff._readings import ReadingKind
from negotrack.diff._verdicts import readings
from negotrack.model._fields import describe

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from negotrack.diff._readings import Reading
    from negotrack.model._negotiation import Negotiation

__all__ = ["Revision", "revised_readings"]


@attrs.frozen
class Revision:
    """A reading an edit changed: one party on one issue (or proposal) between two rounds."""

    before: str = attrs.field(metadata=describe("Id of the earlier round of the pair."))
    after: str = attrs.field(metadata=describe("Id of the later round of the pair."))
    party: str = attrs.field(metadata=describe("Id of the party read."))
    issue: str | None = attrs.field(default=None, metadata=describe("Id of the issue."))
    proposal: str | None = attrs.field(
        default=None, metadata=describe("Id of the proposal, for a stance's reading.")
    )
    old: ReadingKind | None = attrs.field(
        default=None, metadata=describe("The reading before the edit; None when there was none.")
    )
    new: ReadingKind | None = attrs.field(
        default=None, metadata=describe("The reading after the edit; None when there is none.")
    )
    because: str = attrs.field(
        default="",
        metadata=describe("Why, in words: the later reading's reason, else the earlier's."),
    )


_Key = tuple[str, str, str, str | None, str | None]


class _Touch(Protocol):
    """Where a change of a version diff touched the dossier (a `negotrack.Change` is one)."""

    @property
    def round(self) -> str | None: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def subject_id(self) -> str | None: ...


def revised_readings(
    old: Negotiation, new: Negotiation, changes: Iterable[_Touch]
) -> tuple[Revision, ...]:
    """Every reading that differs between the two versions, in the new version's round order.

    Args:
        old: The dossier before the edit.
        new: The dossier after it.
        changes: The version diff's changes, which say where the edit touched the dossier.
    """
    touched, since = _earliest_touch(old, new, changes)
    if not touched:
        return ()
    was = _all_readings(old, since)
    now = _all_readings(new, since)
    order = {r.id: i for i, r in enumerate(new.rounds)}
    out: list[Revision] = []
    for key in sorted(was.keys() | now.keys(), key=lambda k: _place(order, k)):
        r0, r1 = was.get(key), now.get(key)
        k0 = None if r0 is None else r0.reading
        k1 = None if r1 is None else r1.reading
        if k0 == k1:
            continue
        before, after, party, issue, proposal = key
        because = r1.because if r1 is not None else r0.because if r0 is not None else ""
        out.append(Revision(before, after, party, issue, proposal, k0, k1, because))
    return tuple(out)


def _earliest_touch(
    old: Negotiation, new: Negotiation, changes: Iterable[_Touch]
) -> tuple[bool, dt.date | None]:
    """Whether the edit touched anything, and the earliest date it did (None: the header)."""
    dates: dict[str, dt.date] = {}
    for r in (*old.rounds, *new.rounds):
        dates[r.id] = min(r.when, dates.get(r.id, r.when))
    earliest: dt.date | None = None
    touched = False
    for change in changes:
        touched = True
        if change.round is not None:
            where = dates.get(change.round)
        elif change.subject == "round" and change.subject_id is not None:
            where = dates.get(change.subject_id)
        else:
            return True, None
        if where is None:
            return True, None
        earliest = where if earliest is None else min(earliest, where)
    return touched, earliest


def _all_readings(n: Negotiation, since: dt.date | None) -> dict[_Key, Reading]:
    """The readings of each pair of consecutive rounds, from the pair ending on ``since``."""
    found: dict[_Key, Reading] = {}
    for a, b in zip(n.rounds, n.rounds[1:], strict=False):
        if since is not None and b.when < since:
            continue
        for r in readings(n, a.id, b.id):
            found[a.id, b.id, r.party, r.issue, r.proposal] = r
    return found


def _place(order: dict[str, int], key: _Key) -> tuple[int, int, str, str, str]:
    """Pairs in the new version's order (pairs only in the old one last), then party, subject."""
    before, after, party, issue, proposal = key
    last = len(order)
    return (order.get(after, last), order.get(before, last), party, issue or "", proposal or "")
