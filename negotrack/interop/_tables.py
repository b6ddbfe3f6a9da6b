"""The tables negotrack exports, by name: their columns, the kind of each, and their rows.

``positions``, ``stances`` and ``statements`` can be imported back (`IMPORTED`); ``proposals``,
``terms`` and ``measures`` are for reading only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import attrs

from negotrack.interop._cells import Kind
from negotrack.interop._record_rows import (
    MEASURE_COLUMNS,
    PROPOSAL_COLUMNS,
    STATEMENT_COLUMNS,
    TERM_COLUMNS,
    measure_rows,
    proposal_rows,
    statement_rows,
    term_rows,
)
from negotrack.interop._rows import POSITION_COLUMNS, STANCE_COLUMNS, position_rows, stance_rows
from negotrack.model._errors import UnknownIdError
from negotrack.model._negotiation import Negotiation

__all__ = ["IMPORTED", "TABLES", "Table", "table"]


@attrs.frozen
class Table:
    """One exported table: its name, its columns with their kinds, and how to make its rows."""

    name: str
    columns: tuple[tuple[str, Kind], ...]
    rows: Callable[[Negotiation], list[dict[str, Any]]]

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(name for name, _ in self.columns)

    @property
    def kinds(self) -> dict[str, Kind]:
        """The kind of each column, by name."""
        return dict(self.columns)


#: Every table, by name, in the order ``--table all`` writes them.
TABLES: Final = {
    t.name: t
    for t in (
        Table("positions", POSITION_COLUMNS, position_rows),
        Table("stances", STANCE_COLUMNS, stance_rows),
        Table("statements", STATEMENT_COLUMNS, statement_rows),
        Table("proposals", PROPOSAL_COLUMNS, proposal_rows),
        Table("terms", TERM_COLUMNS, term_rows),
        Table("measures", MEASURE_COLUMNS, measure_rows),
    )
}

#: The tables an import reads.
IMPORTED: Final = ("positions", "stances", "statements")


def table(name: str) -> Table:
    """The table of this name, or `UnknownIdError` naming the tables there are."""
    found = TABLES.get(name)
    if found is None:
        raise UnknownIdError("table", name, list(TABLES))
    return found
