"""Comparing two versions of one dossier: how an analyst reviews a colleague's edit.

Everything is matched by id: parties, sides, issues and their options, proposals and their
terms (by issue), sources, events, rounds, statements, and positions and stances (by party and
issue or proposal); roles by party and role. What is inside a round (positions, stances, drafts,
amendments, who joined, left or took part) is compared in `._version_rounds`, with the round
diff's change types where they fit; everything else is added, removed or edited, key by key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from negotrack.diff._changes import Change, ChangeKind, Diff, ordered
from negotrack.diff._edits import edits, entities
from negotrack.diff._revisions import revised_readings
from negotrack.diff._version_rounds import ROUND_CONTENT, round_content
from negotrack.model._errors import NegotrackError
from negotrack.model._issues import NumericScale

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._parties import Party, Role
    from negotrack.model._proposals import Proposal

__all__ = ["NotComparableError", "compare_versions"]


class NotComparableError(NegotrackError, ValueError):
    """Two dossiers that are not versions of the same negotiation."""


def compare_versions(
    old: Negotiation, new: Negotiation, *, before: str = "old", after: str = "new"
) -> Diff:
    """What an edit changed: every entity added, removed or edited, and every position moved.

    Args:
        old: The dossier before the edit.
        new: The dossier after it.
        before: A label for the old version (a git revision, say), kept in the diff.
        after: A label for the new version.

    Raises:
        NotComparableError: If the two dossiers are different negotiations (different ids).
    """
    if old.id != new.id:
        raise NotComparableError(
            f"cannot compare {before!r} with {after!r}: they are different negotiations "
            f"({old.id!r} and {new.id!r})"
        )
    changes: list[Change] = list(edits("negotiation", old.id, old, new, skip=_COLLECTIONS))
    changes.extend(entities("party", old.parties, new.parties, _party_children))
    changes.extend(entities("side", old.sides, new.sides))
    changes.extend(entities("issue", old.issues, new.issues, _issue_children))
    changes.extend(entities("proposal", old.proposals, new.proposals, _proposal_children))
    changes.extend(entities("source", old.sources, new.sources))
    changes.extend(entities("event", old.events, new.events))
    changes.extend(_roles(old.roles, new.roles))
    changes.extend(entities("round", old.rounds, new.rounds, skip=ROUND_CONTENT))
    changes.extend(_rounds(old, new))
    found = ordered(changes)
    revisions = revised_readings(old, new, found)
    return Diff(before=before, after=after, changes=found, revisions=revisions, dossier=new)


_COLLECTIONS = frozenset(
    {"parties", "sides", "roles", "issues", "proposals", "sources", "events", "rounds"}
)


def _party_children(a: Party, b: Party) -> tuple[frozenset[str], list[Change]]:
    found = list(entities("person", a.representatives, b.representatives))
    old = {m.party for m in a.members}
    new = {m.party for m in b.members}
    found += [Change(kind=ChangeKind.MEMBER_JOINED, party=a.id, after=m) for m in sorted(new - old)]
    found += [Change(kind=ChangeKind.MEMBER_LEFT, party=a.id, before=m) for m in sorted(old - new)]
    dated = {m.party: m for m in a.members}
    for member in b.members:
        if member.party in dated and dated[member.party] != member:
            found.extend(edits("membership", f"{a.id}/{member.party}", dated[member.party], member))
    return frozenset({"representatives", "members"}), found


def _issue_children(a: Issue, b: Issue) -> tuple[frozenset[str], list[Change]]:
    if isinstance(a.scale, NumericScale) or type(a.scale) is not type(b.scale):
        return frozenset(), []
    found = [
        attrs.evolve(change, issue=a.id)
        for change in entities("option", a.scale.options, b.scale.options)
    ]
    if [o.id for o in a.scale.options if o.id in b.option_ids] != [
        o.id for o in b.scale.options if o.id in a.option_ids
    ]:
        found.append(
            Change(
                kind=ChangeKind.EDITED,
                subject="issue",
                subject_id=a.id,
                issue=a.id,
                field="options",
                before=a.option_ids,
                after=b.option_ids,
                detail="options reordered",
            )
        )
    return frozenset({"scale"}), found


def _proposal_children(a: Proposal, b: Proposal) -> tuple[frozenset[str], list[Change]]:
    old = {t.key: t for t in a.terms}
    new = {t.key: t for t in b.terms}
    found: list[Change] = []
    for key in sorted(old.keys() | new.keys()):
        t0, t1 = old.get(key), new.get(key)
        issue = next(t.issue for t in (t1, t0) if t is not None)
        base: dict[str, Any] = {"proposal": a.id, "issue": issue}
        if t0 is None:
            found.append(Change(kind=ChangeKind.TERM_ADDED, after=t1.value if t1 else None, **base))
        elif t1 is None:
            found.append(Change(kind=ChangeKind.TERM_REMOVED, before=t0.value, **base))
        else:
            if t0.value != t1.value:
                found.append(
                    Change(
                        kind=ChangeKind.TERM_VALUE_CHANGED, before=t0.value, after=t1.value, **base
                    )
                )
            if t0.status != t1.status:
                found.append(
                    Change(
                        kind=ChangeKind.TERM_STATUS_CHANGED,
                        before=t0.status,
                        after=t1.status,
                        **base,
                    )
                )
            if t0.text != t1.text:
                found.extend(edits("term", f"{a.id}/{key}", t0, t1, skip={"value", "status"}))
    return frozenset({"terms"}), found


def _roles(old: Sequence[Role], new: Sequence[Role]) -> Iterator[Change]:
    """Roles matched by party and role: added, removed, or edited key by key.

    A party may hold one role twice (chair, then chair again): roles equal in both versions
    are set aside first; one left on each side is edited, any others are added or removed.
    """
    keys = sorted({(r.party, r.role.value) for r in (*old, *new)})
    for party, role in keys:
        before = [r for r in old if (r.party, r.role.value) == (party, role)]
        after = [r for r in new if (r.party, r.role.value) == (party, role)]
        for kept in list(before):
            if kept in after:
                before.remove(kept)
                after.remove(kept)
        where: dict[str, Any] = {"subject": "role", "subject_id": f"{party}/{role}", "party": party}
        if len(before) == len(after) == 1:
            yield from edits(
                "role", f"{party}/{role}", before[0], after[0], skip={"party", "role"}, party=party
            )
            continue
        for r in before:
            yield Change(kind=ChangeKind.REMOVED, before=_span(r), **where)
        for r in after:
            yield Change(kind=ChangeKind.ADDED, after=_span(r), **where)


def _span(role: Role) -> str:
    """The rounds a role is held in, in words: ``from r3 to r5``, ``in every round``."""
    if role.since is not None and role.until is not None:
        return f"from {role.since} to {role.until}"
    if role.since is not None:
        return f"from {role.since}"
    if role.until is not None:
        return f"until {role.until}"
    return "in every round"


def _rounds(old: Negotiation, new: Negotiation) -> Iterator[Change]:
    """What the edit changed inside every round both versions hold."""
    old_states = {r.id: (p, s) for r, p, s in old.iter_effective()}
    new_states = {r.id: (p, s) for r, p, s in new.iter_effective()}
    new_rounds = {r.id: r for r in new.rounds}
    for round_old in old.rounds:
        round_new = new_rounds.get(round_old.id)
        if round_new is None or round_new == round_old:
            continue
        yield from round_content(
            old, new, round_old, round_new, old_states=old_states, new_states=new_states
        )
