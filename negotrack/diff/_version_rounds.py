"""One round in two versions of a dossier: what the edit changed in it, item by item.

Positions and stances are compared entry by entry with the round diff's change types;
statements, events and sides are matched by id; parties added to or taken from the round's
``joined``, ``left`` and ``participants`` are named one by one; drafts (by proposal) and
amendments (by id) read as a round diff reads them: a draft on record or not, its counts, each
term restated; an amendment tabled, its outcome moved, or no longer on record. What the round
diff does not weigh (a draft's title, a position's notes, a term's issue) is edited key by key.
Every change names the round it is in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.diff._changes import Change, ChangeKind
from negotrack.diff._differ import PositionDiffer
from negotrack.diff._drafts import (
    amendment_base,
    amendment_pair_changes,
    count_changes,
    term_changes,
    whole_draft_changes,
)
from negotrack.diff._edits import edits, entities
from negotrack.model._negotiation import Effective

if TYPE_CHECKING:
    from collections.abc import Iterator

    from negotrack.model._drafts import Draft
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Position
    from negotrack.model._proposals import Term
    from negotrack.model._rounds import Round

__all__ = ["ROUND_CONTENT", "round_content"]

#: The fields of a round compared here, item by item, rather than edited whole.
ROUND_CONTENT: Final = frozenset(
    {
        "statements",
        "positions",
        "stances",
        "events",
        "sides",
        "joined",
        "left",
        "participants",
        "drafts",
        "amendments",
    }
)

#: The round's lists of parties, compared as sets.
_PARTY_LISTS: Final = ("joined", "left", "participants")

#: The field of a term each kind of term change reports.
_REPORTS: Final = {
    ChangeKind.TERM_ADVANCED: "status",
    ChangeKind.TERM_SET_BACK: "status",
    ChangeKind.TERM_VALUE_CHANGED: "value",
    ChangeKind.TERM_REWORDED: "text",
}


def round_content(
    old: Negotiation,
    new: Negotiation,
    a: Round,
    b: Round,
    *,
    old_states: dict[str, Any],
    new_states: dict[str, Any],
) -> Iterator[Change]:
    """Everything the edit changed inside one round both versions hold."""
    for subject, field in (("statement", "statements"), ("event", "events"), ("side", "sides")):
        for change in entities(subject, getattr(a, field), getattr(b, field)):
            yield attrs.evolve(change, round=a.id)
    yield from _party_lists(a, b)
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
                edits(
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
    yield from _drafts(a, b)
    yield from _amendments(old, new, a, b)


def _party_lists(a: Round, b: Round) -> Iterator[Change]:
    """Each party added to or taken from the round's joined, left and participants."""
    for field in _PARTY_LISTS:
        x, y = set(getattr(a, field)), set(getattr(b, field))
        base: dict[str, Any] = {"subject": "round", "subject_id": a.id, "field": field}
        for party in sorted(y - x):
            yield Change(kind=ChangeKind.ADDED, party=party, after=party, round=a.id, **base)
        for party in sorted(x - y):
            yield Change(kind=ChangeKind.REMOVED, party=party, before=party, round=a.id, **base)


def _drafts(a: Round, b: Round) -> Iterator[Change]:
    """The round's drafts, matched by proposal, read as the round diff reads two drafts."""
    old = {draft.proposal: draft for draft in a.drafts}
    new = {draft.proposal: draft for draft in b.drafts}
    for proposal in sorted(old.keys() | new.keys()):
        d0, d1 = old.get(proposal), new.get(proposal)
        base: dict[str, Any] = {"proposal": proposal, "round": a.id}
        yield from whole_draft_changes(
            None if d0 is None else _stated(d0, a.id),
            None if d1 is None else _stated(d1, a.id),
            base,
        )
        if d0 is None or d1 is None or d0 == d1:
            continue
        yield from count_changes(d0, d1, base)
        yield from _terms(d0, d1, base)
        # a count given on both sides is a count compared above; the rest is edited
        given = {
            name
            for name in ("brackets", "options", "pages")
            if getattr(d0, name) is not None and getattr(d1, name) is not None
        }
        yield from edits("draft", f"{a.id}/{proposal}", d0, d1, skip={"terms", *given}, **base)


def _terms(d0: Draft, d1: Draft, base: dict[str, Any]) -> Iterator[Change]:
    """The terms the two drafts restate, term by term; and what the round diff leaves unsaid.

    A term's issue, a status renamed (``withdrawn`` is ``dropped``), wording stated on one side
    only, or options changed otherwise than added, removed or reworded: edited key by key.
    """
    found = list(term_changes(d0.terms, d1.terms, base, {t.key: d1.evidence for t in d1.terms}))
    yield from found
    old = {term.key: term for term in d0.terms}
    for t1 in d1.terms:
        t0 = old.get(t1.key)
        if t0 is None or t0 == t1:
            continue
        reported = {_REPORTS.get(c.kind) for c in found if c.term == t1.key}
        if _options_said(t0, t1):
            reported.add("alternatives")
        yield from edits(
            "term",
            f"{d0.proposal}/{t1.key}",
            t0,
            t1,
            skip={"value", *(r for r in reported if r is not None)},
            term=t1.key,
            **base,
        )


def _options_said(t0: Term, t1: Term) -> bool:
    """Whether options added, removed and reworded say all that changed in a term's options.

    They do when the options both states share, in the same order, differ in known wording only.
    """
    old = {x.id: x for x in t0.alternatives}
    new = {x.id: x for x in t1.alternatives}

    def plain(x: Any, other: Any) -> Any:
        worded = x.text is not None and other.text is not None
        return attrs.evolve(x, text=None) if worded else x

    kept_old = [plain(x, new[x.id]) for x in t0.alternatives if x.id in new]
    kept_new = [plain(x, old[x.id]) for x in t1.alternatives if x.id in old]
    return kept_old == kept_new


def _amendments(old: Negotiation, new: Negotiation, a: Round, b: Round) -> Iterator[Change]:
    """The round's amendments, matched by id: tabled, outcome moved, dropped; else edited."""
    before = {amendment.id: amendment for amendment in a.amendments}
    after = {amendment.id: amendment for amendment in b.amendments}
    for amendment_id in sorted(before.keys() | after.keys()):
        x0, x1 = before.get(amendment_id), after.get(amendment_id)
        version, amendment = (new, x1) if x1 is not None else (old, x0)
        assert amendment is not None  # noqa: S101 - the id came from one of them
        base = amendment_base(version, amendment, a.id)
        yield from amendment_pair_changes(x0, x1, base)
        if x0 is not None and x1 is not None:
            where = {
                k: v for k, v in base.items() if k not in ("subject", "subject_id", "evidence")
            }
            yield from edits("amendment", amendment_id, x0, x1, skip={"outcome"}, **where)


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
            edits(
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
