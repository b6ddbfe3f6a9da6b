"""The positions and stances tables: one row per round and what is in force in it.

A row is a position (or stance) in force in a round, stated there or carried from an earlier
one (then ``carried`` is true and ``stated_in_round_id`` names the round that stated it). A
position withdrawn in a round is a row of that round too, with ``withdrawn`` true: it is no
longer in force, and later rounds have no row for it. Every field is flattened to a number, a
truth value, a date, text or nothing; the columns and their kinds are `POSITION_COLUMNS` and
`STANCE_COLUMNS`.

Rows come in round order, then by issue (or proposal) in dossier order, then by party id, a
party's overall position before its positions at single tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from negotrack.interop._cells import EMPTY_SET, Kind, ids_cell, json_cell
from negotrack.model._issues import NumericScale
from negotrack.model._positions import Interval
from negotrack.model._scales import point, width
from negotrack.report._labels import issue_title, number, party_name

if TYPE_CHECKING:
    import datetime as dt

    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Position
    from negotrack.model._rounds import Round
    from negotrack.model._stances import Stance

__all__ = ["POSITION_COLUMNS", "ROUND_COLUMNS", "STANCE_COLUMNS", "position_rows", "stance_rows"]

#: The three columns every imported table starts with: which round, and (for a round the
#: dossier does not have yet) its day and title.
ROUND_COLUMNS: Final = (
    ("round_id", Kind.ID),
    ("round_date", Kind.DATE),
    ("round_title", Kind.TEXT),
)

#: The columns of the positions table, in order, with their kinds.
POSITION_COLUMNS: Final = (
    *ROUND_COLUMNS,
    ("party_id", Kind.ID),
    ("party_name", Kind.TEXT),
    ("issue_id", Kind.ID),
    ("issue_title", Kind.TEXT),
    ("table_party_id", Kind.ID),
    ("scale", Kind.ID),
    ("preferred", Kind.VALUE),
    ("preferred_label", Kind.TEXT),
    ("acceptable_ids", Kind.IDS),
    ("acceptable_min", Kind.NUMBER),
    ("acceptable_max", Kind.NUMBER),
    ("red_lines", Kind.JSON),
    ("conditions", Kind.JSON),
    ("linked_issue_ids", Kind.IDS),
    ("salience", Kind.NUMBER),
    ("basis", Kind.ID),
    ("confidence", Kind.ID),
    ("evidence_ids", Kind.IDS),
    ("note", Kind.TEXT),
    ("raised", Kind.BOOLEAN),
    ("withdrawn", Kind.BOOLEAN),
    ("carried", Kind.BOOLEAN),
    ("stated_in_round_id", Kind.ID),
    ("point", Kind.NUMBER),
    ("normalised", Kind.NUMBER),
)

#: The columns of the stances table, in order, with their kinds.
STANCE_COLUMNS: Final = (
    *ROUND_COLUMNS,
    ("party_id", Kind.ID),
    ("party_name", Kind.TEXT),
    ("proposal_id", Kind.ID),
    ("proposal_title", Kind.TEXT),
    ("stance", Kind.ID),
    ("stance_rank", Kind.INTEGER),
    ("conditions", Kind.JSON),
    ("basis", Kind.ID),
    ("confidence", Kind.ID),
    ("evidence_ids", Kind.IDS),
    ("note", Kind.TEXT),
    ("carried", Kind.BOOLEAN),
    ("stated_in_round_id", Kind.ID),
)


def round_cells(round_: Round) -> dict[str, Any]:
    """The round columns of a row: id, the day it began, title."""
    day: dt.date | None = round_.date or round_.start
    return {"round_id": round_.id, "round_date": day, "round_title": round_.title}


def position_rows(negotiation: Negotiation) -> list[dict[str, Any]]:
    """Every position in force in every round, and every withdrawal, one mapping per row."""
    issues = {issue.id: issue for issue in negotiation.issues}
    order = {issue_id: index for index, issue_id in enumerate(issues)}
    rows: list[dict[str, Any]] = []
    for round_, positions, _ in negotiation.iter_effective(copies=False):
        held: list[tuple[Position, bool, str]] = [
            (e.value, e.carried, e.round) for e in positions.values()
        ]
        held += [(p, False, round_.id) for p in round_.positions if p.withdrawn]
        held.sort(
            key=lambda e: (
                order.get(e[0].issue, len(order)),
                e[0].issue,
                e[0].party,
                e[0].table or "",
            )
        )
        cells = round_cells(round_)
        for position, carried, stated_in in held:
            issue = issues.get(position.issue)
            rows.append({**cells, **_position(negotiation, issue, position, carried, stated_in)})
    return rows


def stance_rows(negotiation: Negotiation) -> list[dict[str, Any]]:
    """Every stance in force in every round, one mapping per row."""
    order = {proposal.id: index for index, proposal in enumerate(negotiation.proposals)}
    titles = {proposal.id: proposal.title for proposal in negotiation.proposals}
    rows: list[dict[str, Any]] = []
    for round_, _, stances in negotiation.iter_effective(copies=False):
        cells = round_cells(round_)
        held = sorted(
            stances.values(),
            key=lambda e: (
                order.get(e.value.proposal, len(order)),
                e.value.proposal,
                e.value.party,
            ),
        )
        for effective in held:
            stance = effective.value
            rows.append(
                {
                    **cells,
                    "party_id": stance.party,
                    "party_name": party_name(negotiation, stance.party),
                    "proposal_id": stance.proposal,
                    "proposal_title": titles.get(stance.proposal, stance.proposal),
                    **stance_fields(stance),
                    "carried": effective.carried,
                    "stated_in_round_id": effective.round,
                }
            )
    return rows


def stance_fields(stance: Stance) -> dict[str, Any]:
    """The cells of a stance's own fields."""
    return {
        "stance": stance.stance.value,
        "stance_rank": stance.stance.rank,
        "conditions": json_cell(stance.conditions),
        "basis": stance.basis.value,
        "confidence": None if stance.confidence is None else stance.confidence.value,
        "evidence_ids": ids_cell(stance.evidence),
        "note": stance.note,
    }


def _position(
    negotiation: Negotiation, issue: Issue | None, position: Position, carried: bool, stated: str
) -> dict[str, Any]:
    preferred = position.preferred
    acceptable = position.acceptable
    x = None if issue is None else point(issue, preferred)
    normalised = None
    if issue is not None and x is not None:
        low = issue.scale.min if isinstance(issue.scale, NumericScale) else 0.0
        normalised = round((x - low) / width(issue), 6) + 0.0
    return {
        "party_id": position.party,
        "party_name": party_name(negotiation, position.party),
        "issue_id": position.issue,
        "issue_title": issue_title(negotiation, position.issue),
        "table_party_id": position.table,
        "scale": None if issue is None else issue.scale.kind,
        "preferred": preferred,
        "preferred_label": _label(issue, preferred),
        "acceptable_ids": (ids_cell(acceptable) or EMPTY_SET)
        if isinstance(acceptable, tuple)
        else None,
        "acceptable_min": acceptable.min if isinstance(acceptable, Interval) else None,
        "acceptable_max": acceptable.max if isinstance(acceptable, Interval) else None,
        "red_lines": json_cell(position.red_lines),
        "conditions": json_cell(position.conditions),
        "linked_issue_ids": ids_cell(
            [c.linked_issue for c in position.conditions if c.linked_issue]
        ),
        "salience": position.salience,
        "basis": position.basis.value,
        "confidence": None if position.confidence is None else position.confidence.value,
        "evidence_ids": ids_cell(position.evidence),
        "note": position.note,
        "raised": position.raised,
        "withdrawn": position.withdrawn,
        "carried": carried,
        "stated_in_round_id": stated,
        "point": x,
        "normalised": normalised,
    }


def _label(issue: Issue | None, value: str | float | None) -> str | None:
    """The preferred value in words: the option's label, or the number with its unit."""
    if value is None or issue is None:
        return None
    scale = issue.scale
    if isinstance(scale, NumericScale):
        if isinstance(value, str):
            special = scale.point(value)
            return value if special is None else special.label
        return number(value, scale.unit)
    labels = {option.id: option.label for option in scale.options}
    return labels.get(str(value), str(value))
