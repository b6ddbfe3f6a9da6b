"""Measures at one table: two parties on one issue, in talks held at several tables at once.

A union bargaining with three employers, a mediator shuttling between two delegations: a party
can hold a position toward one counterpart (`Position.table`) beside its overall one. Each pair
of parties of which at least one holds a position toward the other is a table. Its measures are
those of `negotrack.diff._measures` over two positions, the two parties facing each other: each
party's position toward the other where it holds one, else its overall position. The overall
measures of an issue leave positions at tables out; these sit beside them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from negotrack.diff._measures import IssueMeasures, _held, _measure

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from negotrack.model._negotiation import Effective, Negotiation
    from negotrack.model._positions import Position

__all__ = ["Table", "measure_tables", "tables_of"]


class Table(NamedTuple):
    """One issue at the table between two parties (their ids sorted).

    Attributes:
        issue: Id of the issue.
        first: The party whose id sorts first.
        second: The other party.
    """

    issue: str
    first: str
    second: str

    def __str__(self) -> str:
        return f"{self.issue}@{self.first}+{self.second}"


def tables_of(positions: Iterable[Position]) -> set[Table]:
    """The tables the given positions name: one per issue and pair of party and counterpart."""
    found: set[Table] = set()
    for position in positions:
        if position.table is not None:
            a, b = sorted((position.party, position.table))
            found.add(Table(position.issue, a, b))
    return found


def measure_tables(
    negotiation: Negotiation,
    round_id: str,
    weights: Mapping[str, float] | None = None,
    *,
    positions: Mapping[tuple[str, str], Effective[Position]] | None = None,
    tables: Iterable[Table] | None = None,
) -> dict[Table, IssueMeasures]:
    """Measure every table (or the given ones) in one round, in sorted order.

    ``positions``, when given, are the positions in force in the round, as
    `Negotiation.effective_positions` gives them. Without ``tables``, the tables are those the
    positions in force name. A party holding neither a position toward the other nor an
    overall one on the issue is left out, so such a table has fewer than two parties and is
    not measurable.

    Raises:
        UnknownIdError: If the round or an issue does not exist.
    """
    if positions is None:
        positions = negotiation.effective_positions(round_id)
    wanted = tables_of(e.value for e in positions.values()) if tables is None else set(tables)
    out: dict[Table, IssueMeasures] = {}
    for table in sorted(wanted):
        issue = negotiation.issue(table.issue)
        facing = {table.first: "first", table.second: "second"}
        held = []
        for party, other in ((table.first, table.second), (table.second, table.first)):
            effective = positions.get((party, f"{table.issue}@{other}")) or positions.get(
                (party, table.issue)
            )
            if effective is not None:
                held.append(_held(issue, party, effective.value, weights))
        out[table] = _measure(issue, round_id, held, facing)
    return out
