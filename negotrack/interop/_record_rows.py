"""The statements, proposals, terms and measures tables.

Statements: one row per statement, those outside any round first (with an empty ``round_id``),
then round by round. A statement's date is a full day in ``date`` with ``date_precision``
saying how much of it the record gives (``day``, ``month`` or ``year``: a statement known to
the month has the first day of that month), so that the column is a date column everywhere.

Proposals: one row per proposal. Terms: one row per term of each proposal as tabled (an empty
``round_id``), then, round by round, each term of every draft text in force (``carried`` when
the round did not restate the draft). Measures: one row per round and issue, the measures of
`negotrack.diff._measures.measure_round`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

from negotrack.diff._measures import measure_round
from negotrack.interop._cells import Kind, ids_cell, json_cell
from negotrack.interop._rows import ROUND_COLUMNS, round_cells
from negotrack.model._dates import PartialDate, Precision
from negotrack.model._positions import Interval

if TYPE_CHECKING:
    from negotrack.model._evidence import Statement
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._proposals import Term
    from negotrack.model._rounds import Round

__all__ = [
    "MEASURE_COLUMNS",
    "PROPOSAL_COLUMNS",
    "STATEMENT_COLUMNS",
    "TERM_COLUMNS",
    "measure_rows",
    "proposal_rows",
    "statement_rows",
    "term_rows",
]

#: The columns of the statements table, in order, with their kinds.
STATEMENT_COLUMNS: Final = (
    *ROUND_COLUMNS,
    ("statement_id", Kind.ID),
    ("date", Kind.DATE),
    ("date_precision", Kind.ID),
    ("speaker_id", Kind.ID),
    ("speaker_name", Kind.TEXT),
    ("party_id", Kind.ID),
    ("further_speaker_ids", Kind.IDS),
    ("further_party_ids", Kind.IDS),
    ("source_id", Kind.ID),
    ("source_title", Kind.TEXT),
    ("quote", Kind.TEXT),
    ("summary", Kind.TEXT),
    ("translation_note", Kind.TEXT),
    ("url", Kind.TEXT),
    ("reliability", Kind.ID),
    ("credibility", Kind.INTEGER),
)

#: The columns of the proposals table.
PROPOSAL_COLUMNS: Final = (
    ("proposal_id", Kind.ID),
    ("title", Kind.TEXT),
    ("description", Kind.TEXT),
    ("tabled_by_party_ids", Kind.IDS),
    ("tabled_in_round_id", Kind.ID),
    ("withdrawn_in_round_id", Kind.ID),
    ("supersedes_proposal_ids", Kind.IDS),
    ("evidence_ids", Kind.IDS),
    ("term_count", Kind.INTEGER),
)

#: The columns of the terms table.
TERM_COLUMNS: Final = (
    ("round_id", Kind.ID),
    ("round_date", Kind.DATE),
    ("proposal_id", Kind.ID),
    ("term_id", Kind.ID),
    ("issue_id", Kind.ID),
    ("value", Kind.VALUE),
    ("text", Kind.TEXT),
    ("status", Kind.ID),
    ("status_rank", Kind.INTEGER),
    ("alternatives", Kind.JSON),
    ("carried", Kind.BOOLEAN),
)

#: The columns of the measures table.
MEASURE_COLUMNS: Final = (
    ("round_id", Kind.ID),
    ("round_date", Kind.DATE),
    ("issue_id", Kind.ID),
    ("issue_title", Kind.TEXT),
    ("scale", Kind.ID),
    ("party_ids", Kind.IDS),
    ("gap", Kind.NUMBER),
    ("max_gap", Kind.NUMBER),
    ("zone_exists", Kind.BOOLEAN),
    ("zone_ids", Kind.IDS),
    ("zone_min", Kind.NUMBER),
    ("zone_max", Kind.NUMBER),
    ("zone_extent", Kind.NUMBER),
    ("centre", Kind.NUMBER),
    ("dispersion", Kind.NUMBER),
)


def statement_rows(negotiation: Negotiation) -> list[dict[str, Any]]:
    """Every statement, those outside any round first, one mapping per row."""
    people = {p.id: p.name for party in negotiation.parties for p in party.representatives}
    sources = {s.id: s.title for s in negotiation.sources}
    rows = []
    outside: dict[str, Any] = {"round_id": None, "round_date": None, "round_title": None}
    places: list[tuple[dict[str, Any], tuple[Statement, ...]]] = [(outside, negotiation.statements)]
    places += [(round_cells(r), r.statements) for r in negotiation.rounds]
    for cells, statements in places:
        for s in statements:
            precision = s.date.precision if isinstance(s.date, PartialDate) else Precision.DAY
            rows.append(
                {
                    **cells,
                    "statement_id": s.id,
                    "date": dt.date(s.date.year, s.date.month, s.date.day),
                    "date_precision": precision.value,
                    "speaker_id": s.speaker,
                    "speaker_name": people.get(s.speaker or ""),
                    "party_id": s.party,
                    "further_speaker_ids": ids_cell(s.speakers),
                    "further_party_ids": ids_cell(s.parties),
                    "source_id": s.source,
                    "source_title": sources.get(s.source or ""),
                    "quote": s.quote,
                    "summary": s.summary,
                    "translation_note": s.translation_note,
                    "url": s.url,
                    "reliability": s.reliability.value,
                    "credibility": s.credibility,
                }
            )
    return rows


def proposal_rows(negotiation: Negotiation) -> list[dict[str, Any]]:
    """Every proposal, one mapping per row."""
    return [
        {
            "proposal_id": p.id,
            "title": p.title,
            "description": p.description,
            "tabled_by_party_ids": ids_cell(p.tabled_by),
            "tabled_in_round_id": p.tabled_in,
            "withdrawn_in_round_id": p.withdrawn_in,
            "supersedes_proposal_ids": ids_cell(p.supersedes),
            "evidence_ids": ids_cell(p.evidence),
            "term_count": len(p.terms),
        }
        for p in negotiation.proposals
    ]


def term_rows(negotiation: Negotiation) -> list[dict[str, Any]]:
    """Each term as tabled, then each term of every draft in force, round by round."""
    rows = [
        _term(None, p.id, term, carried=False) for p in negotiation.proposals for term in p.terms
    ]
    order = {p.id: index for index, p in enumerate(negotiation.proposals)}
    drafted = any(r.drafts for r in negotiation.rounds)
    for round_ in negotiation.rounds if drafted else ():
        drafts = negotiation.effective_drafts(round_.id)
        for proposal_id in sorted(drafts, key=lambda p: (order.get(p, len(order)), p)):
            effective = drafts[proposal_id]
            rows.extend(
                _term(round_, proposal_id, term, carried=effective.carried)
                for term in effective.value.terms
            )
    return rows


def measure_rows(negotiation: Negotiation) -> list[dict[str, Any]]:
    """The measures of every issue in every round, one mapping per row."""
    rows = []
    scales = {issue.id: issue.scale.kind for issue in negotiation.issues}
    titles = {issue.id: issue.title for issue in negotiation.issues}
    for round_, positions, _ in negotiation.iter_effective(copies=False):
        day = round_cells(round_)["round_date"]
        for issue_id, m in measure_round(negotiation, round_.id, positions=positions).items():
            zone = m.zone
            rows.append(
                {
                    "round_id": round_.id,
                    "round_date": day,
                    "issue_id": issue_id,
                    "issue_title": titles[issue_id],
                    "scale": scales[issue_id],
                    "party_ids": ids_cell(m.parties),
                    "gap": m.gap,
                    "max_gap": m.max_gap,
                    "zone_exists": m.zone_exists,
                    "zone_ids": ids_cell(zone) if isinstance(zone, tuple) else None,
                    "zone_min": zone.min if isinstance(zone, Interval) else None,
                    "zone_max": zone.max if isinstance(zone, Interval) else None,
                    "zone_extent": m.zone_extent,
                    "centre": m.centre,
                    "dispersion": m.dispersion,
                }
            )
    return rows


def _term(round_: Round | None, proposal: str, term: Term, *, carried: bool) -> dict[str, Any]:
    return {
        "round_id": None if round_ is None else round_.id,
        "round_date": None if round_ is None else round_cells(round_)["round_date"],
        "proposal_id": proposal,
        "term_id": term.key or None,
        "issue_id": term.issue,
        "value": term.value,
        "text": term.text,
        "status": term.status.value,
        "status_rank": term.status.rank,
        "alternatives": json_cell(term.alternatives),
        "carried": carried,
    }
