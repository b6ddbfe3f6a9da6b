"""Comparing two versions of one dossier: how an analyst reviews a colleague's edit.

Everything is matched by id: parties, issues and their options, proposals and their terms (by
issue), sources, events, rounds, statements, and positions and stances (by party and issue or
proposal). Positions and stances are compared round by round with the same change types as a
round diff; everything else is reported as added, removed or edited, key by key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from negotrack.diff._changes import Change, ChangeKind, Diff, ordered
from negotrack.diff._differ import PositionDiffer
from negotrack.model._errors import NegotrackError
from negotrack.model._issues import NumericScale
from negotrack.model._negotiation import Effective

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._parties import Party
    from negotrack.model._positions import Position
    from negotrack.model._proposals import Proposal
    from negotrack.model._rounds import Round

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
    changes: list[Change] = list(_edits("negotiation", old.id, old, new, skip=_COLLECTIONS))
    changes.extend(_entities("party", old.parties, new.parties, _party_children))
    changes.extend(_entities("side", old.sides, new.sides))
    changes.extend(_entities("issue", old.issues, new.issues, _issue_children))
    changes.extend(_entities("proposal", old.proposals, new.proposals, _proposal_children))
    changes.extend(_entities("source", old.sources, new.sources))
    changes.extend(_entities("event", old.events, new.events))
    changes.extend(_entities("round", old.rounds, new.rounds, skip=_ROUND_CONTENT))
    changes.extend(_rounds(old, new))
    return Diff(before=before, after=after, changes=ordered(changes))


_COLLECTIONS = frozenset({"parties", "sides", "issues", "proposals", "sources", "events", "rounds"})
_ROUND_CONTENT = frozenset({"statements", "positions", "stances", "events"})


def _label(item: Any) -> Any:
    for attribute in ("title", "name", "label", "id"):
        value = getattr(item, attribute, None)
        if value:
            return value
    return None


def _edits(
    subject: str, subject_id: str, old: Any, new: Any, *, skip: Iterable[str] = (), **base: Any
) -> Iterator[Change]:
    """One EDITED change per attrs field that differs, leaving out ``skip``."""
    if old == new:
        return
    skipped = set(skip)
    for field in attrs.fields(type(old)):
        if field.name in skipped:
            continue
        a, b = getattr(old, field.name), getattr(new, field.name)
        if a != b:
            yield Change(
                kind=ChangeKind.EDITED,
                subject=subject,
                subject_id=subject_id,
                field=field.name,
                before=a,
                after=b,
                **base,
            )


def _entities(
    subject: str,
    old: Sequence[Any],
    new: Sequence[Any],
    children: Any = None,
    *,
    skip: Iterable[str] = (),
) -> Iterator[Change]:
    old_by_id = {item.id: item for item in old}
    new_by_id = {item.id: item for item in new}
    for item_id in sorted(old_by_id.keys() | new_by_id.keys()):
        a, b = old_by_id.get(item_id), new_by_id.get(item_id)
        if a is None:
            yield Change(
                kind=ChangeKind.ADDED, subject=subject, subject_id=item_id, after=_label(b)
            )
        elif b is None:
            yield Change(
                kind=ChangeKind.REMOVED, subject=subject, subject_id=item_id, before=_label(a)
            )
        elif a != b:
            child_fields: frozenset[str] = frozenset()
            if children is not None:
                child_fields, found = children(a, b)
                yield from found
            yield from _edits(subject, item_id, a, b, skip=set(skip) | child_fields)


def _party_children(a: Party, b: Party) -> tuple[frozenset[str], list[Change]]:
    found = list(_entities("person", a.representatives, b.representatives))
    old = {m.party for m in a.members}
    new = {m.party for m in b.members}
    found += [Change(kind=ChangeKind.MEMBER_JOINED, party=a.id, after=m) for m in sorted(new - old)]
    found += [Change(kind=ChangeKind.MEMBER_LEFT, party=a.id, before=m) for m in sorted(old - new)]
    dated = {m.party: m for m in a.members}
    for member in b.members:
        if member.party in dated and dated[member.party] != member:
            found.extend(
                _edits("membership", f"{a.id}/{member.party}", dated[member.party], member)
            )
    return frozenset({"representatives", "members"}), found


def _issue_children(a: Issue, b: Issue) -> tuple[frozenset[str], list[Change]]:
    if isinstance(a.scale, NumericScale) or type(a.scale) is not type(b.scale):
        return frozenset(), []
    found = [
        attrs.evolve(change, issue=a.id)
        for change in _entities("option", a.scale.options, b.scale.options)
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
                found.extend(_edits("term", f"{a.id}/{key}", t0, t1, skip={"value", "status"}))
    return frozenset({"terms"}), found


def _rounds(old: Negotiation, new: Negotiation) -> Iterator[Change]:
    """Positions, stances, statements and events of every round both versions hold."""
    old_states = {r.id: (p, s) for r, p, s in old.iter_effective()}
    new_states = {r.id: (p, s) for r, p, s in new.iter_effective()}
    new_rounds = {r.id: r for r in new.rounds}
    for round_old in old.rounds:
        round_new = new_rounds.get(round_old.id)
        if round_new is None or round_new == round_old:
            continue
        yield from _round_content(
            old, new, round_old, round_new, old_states=old_states, new_states=new_states
        )


def _round_content(
    old: Negotiation,
    new: Negotiation,
    a: Round,
    b: Round,
    *,
    old_states: dict[str, Any],
    new_states: dict[str, Any],
) -> Iterator[Change]:
    for subject, field in (("statement", "statements"), ("event", "events")):
        for change in _entities(subject, getattr(a, field), getattr(b, field)):
            yield attrs.evolve(change, round=a.id)
    differ = PositionDiffer(old, new, old_states[a.id][0], new_states[b.id][0], a.id)
    old_entries = {p.key: p for p in a.positions}
    new_entries = {p.key: p for p in b.positions}
    for key in sorted(old_entries.keys() | new_entries.keys()):
        yield from _entry(differ, a.id, key, old_entries.get(key), new_entries.get(key))
    old_stances = {s.key: _stated(s, a.id) for s in a.stances}
    new_stances = {s.key: _stated(s, b.id) for s in b.stances}
    for key in sorted(old_stances.keys() | new_stances.keys()):
        s0, s1 = old_stances.get(key), new_stances.get(key)
        found = list(differ.stance(key, s0, s1))
        if not found and s0 is not None and s1 is not None:
            found.extend(
                _edits(
                    "stance",
                    f"{key[0]}/{key[1]}",
                    s0.value,
                    s1.value,
                    party=key[0],
                    proposal=key[1],
                    round=a.id,
                )
            )
        yield from found


def _stated(value: Any, round_id: str) -> Effective[Any]:
    return Effective(value, round_id, carried=False)


def _entry(
    differ: PositionDiffer,
    round_id: str,
    key: tuple[str, str],
    old: Position | None,
    new: Position | None,
) -> Iterator[Change]:
    """Compare one position entry of a round file, withdrawn entries included."""
    if old == new:
        return
    withdrawn_old = old is not None and old.withdrawn
    withdrawn_new = new is not None and new.withdrawn
    if withdrawn_old or withdrawn_new:
        base: dict[str, Any] = {"party": key[0], "issue": key[1], "round": round_id}
        if withdrawn_new and not withdrawn_old:
            before = None if old is None else old.preferred
            yield Change(kind=ChangeKind.POSITION_WITHDRAWN, before=before, **base)
        elif withdrawn_old and new is not None and not withdrawn_new:
            yield Change(kind=ChangeKind.POSITION_STATED, after=new.preferred, **base)
        else:
            yield Change(
                kind=ChangeKind.EDITED,
                subject="position",
                subject_id=f"{key[0]}/{key[1]}",
                field="withdrawn",
                before=withdrawn_old,
                after=withdrawn_new,
                **base,
            )
        return
    found = list(
        differ.position(
            key,
            None if old is None else _stated(old, round_id),
            None if new is None else _stated(new, round_id),
        )
    )
    if not found and old is not None and new is not None:
        # what the round diff does not weigh: evidence and notes
        found.extend(
            _edits(
                "position",
                f"{key[0]}/{key[1]}",
                old,
                new,
                party=key[0],
                issue=key[1],
                round=round_id,
            )
        )
    yield from found
