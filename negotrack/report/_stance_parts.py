"""A proposal's stances in the report: the table of them round by round, and their conditions.

Each row is a round that states a stance (past `TABLE_ROWS` rounds, a stretch of rounds that
does, as it stood at its last round, as the issues' tables show long runs), with each party's
stance in force there; a stance is carried when no round of the row stated it. The text,
Markdown and HTML reports all build their stance tables on `stance_table`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from negotrack.report._dossier_parts import (
    round_labels,
    stance_words,
    status_words,
)
from negotrack.report._labels import party_name
from negotrack.report._shown import shown_statements
from negotrack.report._words import TABLE_ROWS, stretch_label, table_stretches

if TYPE_CHECKING:
    from collections.abc import Sequence

    from negotrack.model._negotiation import Negotiation
    from negotrack.report._dossier_parts import HeldStance, ProposalRecord

__all__ = ["stance_lines", "stance_parties", "stance_rows", "stance_table"]


def stance_table(
    negotiation: Negotiation, record: ProposalRecord, rounds: Sequence[str], most: int = TABLE_ROWS
) -> list[tuple[str, dict[str, tuple[HeldStance, bool]]]]:
    """A proposal's stance table: a row per round that states a stance, each party's in force.

    Past `TABLE_ROWS` rounds, a row per stretch of rounds (`table_stretches`) that states one,
    as it stood at the stretch's last round (``most`` stretches, as in `table_stretches`).

    Each row is its label and, per party, the stance and whether it is carried (in a stretch:
    no round of it stated that party's stance).
    """
    at = {r: k for k, r in enumerate(rounds)}
    by_round: dict[int, dict[str, HeldStance]] = {}
    for s in record.stances:
        by_round.setdefault(at[s.round], {})[s.party] = s
    labels = round_labels(negotiation, rounds) if len(rounds) <= TABLE_ROWS else {}
    rows = []
    for stretch in table_stretches(len(rounds), most):
        said = {p for k in stretch for p, s in by_round.get(k, {}).items() if not s.carried}
        if not said:
            continue
        end = by_round.get(stretch[-1], {})
        label = labels.get(rounds[stretch[-1]]) or stretch_label(negotiation, rounds, stretch)
        rows.append((label, {p: (s, s.carried and p not in said) for p, s in end.items()}))
    return rows


def stance_parties(negotiation: Negotiation, record: ProposalRecord) -> list[str]:
    """The parties with a stance toward the proposal, in the dossier's order."""
    order = {p.id: i for i, p in enumerate(negotiation.parties)}
    return sorted({s.party for s in record.stances}, key=lambda p: (order.get(p, len(order)), p))


def stance_rows(
    negotiation: Negotiation, record: ProposalRecord, labels: dict[str, str]
) -> tuple[list[str], list[list[str]]]:
    """A row per round that states a stance: each party's stance in force (``*``: carried)."""
    n = negotiation
    parties = stance_parties(n, record)
    rows = []
    for label, cells in stance_table(n, record, list(labels)):
        row = [label]
        for party in parties:
            held = cells.get(party)
            row.append("-" if held is None else status_words(held[0].stance.stance) + "*" * held[1])
        rows.append(row)
    return ["round", *(party_name(n, p) for p in parties)], rows


def stance_lines(
    negotiation: Negotiation, record: ProposalRecord, labels: dict[str, str]
) -> list[str]:
    """Each stance stated with conditions (that the stance table shows): round, party, words."""
    return [
        f"{labels.get(s.round, s.round)} {party_name(negotiation, s.party)}: "
        + stance_words(negotiation, s.stance)
        for s in shown_statements(record.stances, list(labels), _stance)
        if s.stance.conditions
    ]


def _stance(held: HeldStance) -> object:
    return held.stance
