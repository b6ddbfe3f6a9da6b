"""The record behind a JSON report: positions in full, proposals' stories, the statements.

`negotrack.report._serialise.timeline_data` adds these to the report: each point's red lines,
conditions and evidence; per proposal each stance where stated, with the last round it is in
force in, the versions of its text with their counts and terms, and its amendments; and every
statement of the dossier, with who made it, where it was published and its grade. As in the rest
of the report, every key is always there (null when it has no value).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from negotrack.report._dossier_parts import proposal_records
from negotrack.report._json_text import SharedList
from negotrack.report._labels import who_said

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from negotrack.diff._timeline import Timeline
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Condition, Position
    from negotrack.model._proposals import Term
    from negotrack.model._stances import Stance

__all__ = ["in_force", "point_record", "point_records", "proposals_data", "statements_data"]


_Stated = TypeVar("_Stated", bound="_Held")


class _Held(Protocol):
    """A position or stance in force in a round: a `TimelinePoint` or a `HeldStance`."""

    @property
    def round(self) -> str: ...

    @property
    def party(self) -> str: ...

    @property
    def carried(self) -> bool: ...


def in_force(items: Iterable[_Stated]) -> list[tuple[_Stated, str]]:
    """Each statement among ``items`` (what stood round by round, in round order) and its end.

    A statement is in force from the round that states it to the round paired with it (its
    ``until``): the last round before the same party restates or withdraws it, or the last
    round of the run. So a report lists each position or stance once, where it was stated,
    whatever the length of the run; what stood in a round is every statement whose ``round``
    is at or before it and whose ``until`` is at or after it.
    """
    found: list[list[Any]] = []
    open_: dict[str, list[Any]] = {}
    for item in items:
        entry = open_.get(item.party)
        if entry is None or not item.carried:
            entry = open_[item.party] = [item, item.round]
            found.append(entry)
        entry[1] = item.round
    return [(item, until) for item, until in found]


def _number(value: float | None) -> float | None:
    """A number rounded to six places, as in the rest of the report (ints stay ints)."""
    if value is None or isinstance(value, int):
        return value
    return round(value, 6) + 0.0


def _value(value: str | float | None) -> str | float | None:
    return value if isinstance(value, str) else _number(value)


def _condition(condition: Condition) -> dict[str, Any]:
    return {
        "id": condition.id,
        "text": condition.text,
        "met": condition.met,
        "linked_issue": condition.linked_issue,
        "linked_proposal": condition.linked_proposal,
        "linked_package": condition.linked_package,
    }


def point_record(position: Position) -> dict[str, Any]:
    """What a report's point adds to preferred and acceptable: red lines, conditions, evidence.

    The lists are `SharedList`: the points that carry the position hold the same ones, and the
    JSON is written once for all of them.
    """
    return {
        "red_lines": SharedList(
            {
                "id": line.id,
                "text": line.text,
                "options": list(line.options),
                "below": _number(line.below),
                "above": _number(line.above),
            }
            for line in position.red_lines
        ),
        "conditions": SharedList(_condition(c) for c in position.conditions),
        "evidence": SharedList(position.evidence),
    }


def point_records() -> Callable[[Position], dict[str, Any]]:
    """`point_record`, worked out once per position: a long run carries each one many times."""
    found: dict[int, tuple[Position, dict[str, Any]]] = {}

    def record(position: Position) -> dict[str, Any]:
        kept = found.get(id(position))
        if kept is None or kept[0] is not position:
            kept = found[id(position)] = (position, point_record(position))
        return kept[1]

    return record


def _term(term: Term) -> dict[str, Any]:
    return {
        "key": term.key,
        "issue": term.issue,
        "value": _value(term.value),
        "text": term.text,
        "status": term.status.value,
        "alternatives": [
            {"id": a.id, "text": a.text, "value": _value(a.value)} for a in term.alternatives
        ],
    }


def proposals_data(negotiation: Negotiation, timeline: Timeline) -> dict[str, Any]:
    """Every proposal by id: who tabled it, stances, versions of its text, amendments."""
    out = {}
    kept: dict[int, tuple[Stance, dict[str, SharedList]]] = {}

    def said(stance: Stance) -> dict[str, SharedList]:
        """A stance's conditions and evidence, once per stance (carried ones hold the same)."""
        found = kept.get(id(stance))
        if found is None or found[0] is not stance:
            lists = {
                "conditions": SharedList(_condition(c) for c in stance.conditions),
                "evidence": SharedList(stance.evidence),
            }
            found = kept[id(stance)] = (stance, lists)
        return found[1]

    for record in proposal_records(negotiation, timeline):
        p = record.proposal
        out[p.id] = {
            "title": p.title,
            "tabled_by": list(p.tabled_by),
            "tabled_in": p.tabled_in,
            "withdrawn_in": p.withdrawn_in,
            "supersedes": list(p.supersedes),
            "evidence": list(p.evidence),
            "stances": [
                {
                    "round": s.round,
                    "until": until,
                    "party": s.party,
                    "stance": s.stance.stance.value,
                    **said(s.stance),
                }
                for s, until in in_force(record.stances)
            ],
            "versions": [
                {
                    "round": v.round,
                    "title": None if v.draft is None else v.title,
                    "draft": v.draft is not None,
                    "brackets": None if v.draft is None else v.draft.bracket_count,
                    "options": None if v.draft is None else v.draft.option_count,
                    "pages": None if v.draft is None else v.draft.pages,
                    "terms_agreed": sum(t.status.settled for t in v.terms),
                    "terms_open": sum(
                        t.status.rank is not None and not t.status.settled for t in v.terms
                    ),
                    "terms": [_term(t) for t in v.terms],
                    "evidence": [] if v.draft is None else list(v.draft.evidence),
                }
                for v in record.versions
            ],
            "amendments": [
                {
                    "id": a.id,
                    "term": a.term,
                    "by": list(a.by),
                    "value": _value(a.value),
                    "text": a.text,
                    "outcome": a.outcome.value,
                    "round": tabled,
                    "outcomes": [{"round": r, "outcome": o.value} for r, o in outcomes],
                    "evidence": list(a.evidence),
                }
                for tabled, a, outcomes in record.amendments
            ],
        }
    return out


def statements_data(negotiation: Negotiation) -> dict[str, Any]:
    """Every statement of the dossier by id: words, who, when, where published, its grade."""
    n = negotiation
    out = {}
    for s in n.all_statements:
        source = n._sources.get(s.source or "")
        out[s.id] = {
            "date": s.date.isoformat(),
            "who": who_said(n, s) or None,
            "speakers": list(s.all_speakers),
            "parties": list(s.all_parties),
            "source": s.source,
            "outlet": None if source is None else source.outlet,
            "url": s.url or (None if source is None else source.url),
            "quote": s.quote,
            "summary": s.summary,
            "translation_note": s.translation_note,
            "grade": f"{s.reliability.value}{s.credibility}",
        }
    return out
