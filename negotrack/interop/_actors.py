"""Actor tables in the Bueno de Mesquita style: actor, capability, position and salience.

`import_actor_table` reads one into a dossier, `export_actor_table` writes the positions in
force in a round of any dossier as one. The format and every choice made in reading it are in
docs/actor-tables.md: the header names its columns in any order and letter case
(`COLUMNS`), an ``issue`` column holds several issues in one table (without it the table is
one issue named after the file), saliences are on 0-1 or 0-100 (any salience above 1 puts the
whole table on 0-100), capability becomes the party's weight as given, and positions lie on
0-100 unless ``min`` and ``max`` columns say otherwise.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final

from negotrack.interop._coded import Coded, CodedActor, CodedIssue, CodedPosition, dossier_from
from negotrack.interop._delimited import (
    MISSING,
    in_file_order,
    not_a_key,
    number,
    read_table,
    salience_divisor,
)
from negotrack.interop._foreign import ForeignUsageError, Problems, read_text
from negotrack.model._errors import did_you_mean
from negotrack.model._issues import NumericScale, OrdinalScale

if TYPE_CHECKING:
    import datetime as dt
    import os

    from negotrack.interop._delimited import Row
    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation

__all__ = ["COLUMNS", "export_actor_table", "import_actor_table"]

#: The column names an actor table's header may use (any letter case), and what each means.
COLUMNS: Final = {
    "actor": "actor",
    "name": "name",
    "capability": "capability",
    "capabilities": "capability",
    "resources": "capability",
    "clout": "capability",
    "power": "capability",
    "weight": "capability",
    "position": "position",
    "salience": "salience",
    "issue": "issue",
    "min": "min",
    "max": "max",
    "note": "note",
}
_REQUIRED: Final = ("actor", "capability", "position", "salience")
#: The scale of an issue when the table has no ``min`` and ``max``: 0-100, as coded in the
#: literature.
_SCALE: Final = (0.0, 100.0)


def import_actor_table(path: str | os.PathLike[str], *, date: dt.date | None = None) -> Negotiation:
    """A dossier of the positions an actor table codes, with the file as their source.

    The table is a CSV file (or tab- or semicolon-separated) whose header names the columns
    ``actor``, ``capability`` (or ``resources``, ``clout``, ``power``), ``position`` and
    ``salience`` in any order and case; optional ``issue``, ``name``, ``min``, ``max`` and
    ``note`` columns. See docs/actor-tables.md.

    Args:
        path: The file.
        date: The date of the one round the positions make; by default the day the file was
            last changed.

    Raises:
        LoadError: listing every problem of the file, each at its row and column.
    """
    problems = Problems(str(path))
    text = read_text(path)
    coded = _Reader(problems, Path(path).stem).read(text)
    in_file_order(problems)
    problems.check()
    return dossier_from(coded, file=path, fmt="actor table", date=date)


class _Reader:
    """One actor table read row by row, every problem collected."""

    def __init__(self, problems: Problems, stem: str) -> None:
        self.problems = problems
        self.stem = stem
        self.single = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._") or "issue"
        self.where: dict[str, int] = {}
        self.names: dict[str, str] = {}
        self.actors: dict[str, tuple[Row, float | None, str | None]] = {}
        self.issues: dict[str, tuple[Row, tuple[float, float]]] = {}
        self.seen: dict[tuple[str, str], int] = {}
        self.positions: list[tuple[Row, CodedPosition]] = []

    def problem(self, row: Row, column: str | None, message: str) -> None:
        if column is None:
            self.problems.add(row.line, None, f"row {row.number}", message)
            return
        index = self.where[column]
        name = self.names[column]
        self.problems.add(row.line, index + 1, f"row {row.number}, column {name}", message)

    def read(self, text: str) -> Coded:
        table = read_table(text, self.problems)
        self.header(table.header)
        if not table.rows:
            self.problems.add(None, None, "$", "no rows: the table has a header and nothing else")
        for row in table.rows:
            self.row(row, len(table.header.cells))
        divisor = salience_divisor(p.salience or 0.0 for _, p in self.positions)
        positions = [self.checked(row, p, divisor) for row, p in self.positions]
        multi = "issue" in self.where
        return Coded(
            title=None,
            actors=tuple(
                CodedActor(key, name or key, weight)
                for key, (_, weight, name) in self.actors.items()
            ),
            issues=tuple(
                CodedIssue(
                    key,
                    key if multi else re.sub(r"[_-]+", " ", self.stem).strip() or key,
                    low,
                    high,
                )
                for key, (_, (low, high)) in self.issues.items()
            ),
            positions=tuple(positions),
        )

    def header(self, header: Row) -> None:
        for index, cell in enumerate(header.cells):
            written = cell.strip()
            column = COLUMNS.get(written.lower())
            place = f"row 1, column {written or index + 1}"
            if column is None:
                known = did_you_mean(written.lower(), COLUMNS)
                self.problems.add(
                    header.line, index + 1, place, f"unknown column {written!r}{known}"
                )
            elif column in self.where:
                first = self.names[column]
                self.problems.add(
                    header.line,
                    index + 1,
                    place,
                    f"a second {column} column: {first!r} (column {self.where[column] + 1}) is one",
                )
            else:
                self.where[column] = index
                self.names[column] = written
        missing = [name for name in _REQUIRED if name not in self.where]
        for name in missing:
            self.problems.add(header.line, None, "row 1", f"an actor table needs a column {name!r}")
        if ("min" in self.where) != ("max" in self.where):
            self.problems.add(
                header.line, None, "row 1", "a column 'min' goes with a column 'max': give both"
            )

    def text(self, row: Row, column: str) -> str | None:
        index = self.where.get(column)
        if index is None:
            return None
        return row.cell(index) or None

    def key(self, row: Row, column: str) -> str | None:
        if column not in self.where:
            return None
        cell = self.text(row, column)
        wrong = "empty: every row names its " + column if cell is None else not_a_key(cell)
        if wrong is not None:
            self.problem(row, column, wrong)
            return None
        return cell

    def value(self, row: Row, column: str, *, required: bool = True) -> float | None:
        if column not in self.where:
            return None
        cell = self.text(row, column)
        if cell is None or cell.lower() in MISSING:
            if required:
                self.problem(row, column, f"empty: give the {column} as a number")
            return None
        try:
            return number(cell)
        except ValueError as exc:
            self.problem(row, column, str(exc))
            return None

    def row(self, row: Row, width: int) -> None:
        if len(row.cells) > width and any(c.strip() for c in row.cells[width:]):
            self.problem(row, None, f"{len(row.cells)} cells, and the header names {width}")
            return
        actor = self.key(row, "actor")
        issue = self.key(row, "issue") if "issue" in self.where else self.single
        capability = self.value(row, "capability")
        if capability is not None and capability < 0:
            self.problem(row, "capability", f"capability {capability:g} is below 0")
            capability = None
        position = self.value(row, "position")
        salience = self.value(row, "salience")
        if salience is not None and salience < 0:
            self.problem(row, "salience", f"salience {salience:g} is below 0")
            salience = None
        scale = self.scale(row)
        if actor is not None:
            self.actor(row, actor, capability)
        if issue is not None and scale is not None:
            self.issue(row, issue, scale)
        if actor is None or issue is None or position is None or salience is None:
            return
        if scale is None:
            return
        first = self.seen.setdefault((actor, issue), row.number)
        if first != row.number:
            self.problem(
                row, "actor", f"repeats row {first}: a second position of {actor!r} on {issue!r}"
            )
            return
        self.positions.append(
            (row, CodedPosition(actor, issue, position, salience, self.text(row, "note")))
        )

    def scale(self, row: Row) -> tuple[float, float] | None:
        low = self.value(row, "min", required=False)
        high = self.value(row, "max", required=False)
        low = _SCALE[0] if low is None else low
        high = _SCALE[1] if high is None else high
        if low >= high:
            self.problem(row, "max", f"max {high:g} is not above min {low:g}")
            return None
        return low, high

    def actor(self, row: Row, actor: str, capability: float | None) -> None:
        name = self.text(row, "name")
        first = self.actors.setdefault(actor, (row, capability, name))
        was, weight, named = first
        if was is row:
            return
        if capability is not None and weight is not None and capability != weight:
            self.problem(
                row,
                "capability",
                f"{actor!r} has capability {weight:g} in row {was.number}: an actor has one",
            )
        if name is not None and named is not None and name != named:
            self.problem(row, "name", f"{actor!r} is named {named!r} in row {was.number}")

    def issue(self, row: Row, issue: str, scale: tuple[float, float]) -> None:
        was, first = self.issues.setdefault(issue, (row, scale))
        if was is not row and scale != first and ("min" in self.where):
            self.problem(
                row,
                "min",
                f"{issue!r} runs from {first[0]:g} to {first[1]:g} in row {was.number}: "
                "an issue has one scale",
            )

    def checked(self, row: Row, position: CodedPosition, divisor: float) -> CodedPosition:
        low, high = self.issues[position.issue][1]
        if not low <= position.value <= high:
            self.problem(
                row,
                "position",
                f"position {position.value:g} is outside the issue's scale, {low:g} to {high:g}",
            )
        salience = position.salience or 0.0
        if salience > divisor:
            self.problem(
                row,
                "salience",
                f"salience {salience:g} is outside 0-100 (the table's saliences are on 0-100, "
                "as one of them is above 1)",
            )
        return CodedPosition(
            position.actor, position.issue, position.value, salience / divisor, position.note
        )


# -- exporting -------------------------------------------------------------------------------


def export_actor_table(
    negotiation: Negotiation,
    *,
    round: str | None = None,  # noqa: A002 - the CLI's --round, as every exporter names it
    issue: str | None = None,
) -> str:
    """The positions in force in a round as an actor table (CSV), one row per party and issue.

    Columns ``actor``, ``capability``, ``position``, ``salience``, with an ``issue`` column
    first unless ``issue`` names the one issue to write; ``min`` and ``max`` columns last when
    an issue's scale is not 0-100. Capability is the party's weight (1 when not given),
    salience from 0 to 1 (1 when not given). Ordinal options are placed on 0-100 by their rank;
    categorical issues, positions without a preferred value and positions held toward one
    counterpart only are left out (docs/actor-tables.md).

    Args:
        negotiation: The dossier.
        round: The round whose positions in force are written; by default the last.
        issue: The one issue to write; by default every issue that can be placed on a line.

    Raises:
        UnknownIdError: If ``round`` or ``issue`` is no id of the dossier (with a did-you-mean).
        ForeignUsageError: If the dossier has no rounds, or ``issue`` is categorical.
    """
    if not negotiation.rounds:
        raise ForeignUsageError("the dossier has no rounds: there are no positions to export")
    round_id = negotiation.round(round).id if round is not None else negotiation.rounds[-1].id
    if issue is not None:
        chosen = negotiation.issue(issue)
        if _line(chosen) is None:
            raise ForeignUsageError(
                f"issue {issue!r} is categorical: its options lie on no line an actor table holds"
            )
        issues: tuple[Issue, ...] = (chosen,)
    else:
        issues = tuple(i for i in negotiation.issues if _line(i) is not None)
    in_force = negotiation.effective_positions(round_id)
    weights = {party.id: party.weight for party in negotiation.parties}
    scales = {i.id: _line(i) or _SCALE for i in issues}
    ranged = any(scale != _SCALE for scale in scales.values())
    header = ["actor", "capability", "position", "salience"]
    header = header if issue is not None else ["issue", *header]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*header, "min", "max"] if ranged else header)
    for item in issues:
        low, high = scales[item.id]
        for party in negotiation.parties:
            held = in_force.get((party.id, item.id))
            place = None if held is None else _place(item, held.value.preferred)
            if held is None or place is None:
                continue
            salience = held.value.salience
            weight = weights[party.id]
            cells = [
                party.id,
                _number(1.0 if weight is None else weight),
                _number(place),
                _number(1.0 if salience is None else salience),
            ]
            cells = cells if issue is not None else [item.id, *cells]
            writer.writerow([*cells, _number(low), _number(high)] if ranged else cells)
    return buffer.getvalue()


def _line(issue: Issue) -> tuple[float, float] | None:
    """The ends of the line an issue's positions are written on; None when categorical."""
    scale = issue.scale
    if isinstance(scale, NumericScale):
        return float(scale.min), float(scale.max)
    if isinstance(scale, OrdinalScale):
        return _SCALE
    return None


def _place(issue: Issue, value: str | float | None) -> float | None:
    """A preferred value as a number on the issue's line: ordinal ranks spread over 0-100."""
    if value is None:
        return None
    scale = issue.scale
    if isinstance(scale, NumericScale):
        return float(scale.value_of(value))
    steps = len(issue.option_ids) - 1
    index = issue.option_index.get(str(value))
    if index is None:  # pragma: no cover - the loader checks every value
        return None
    return 100.0 * index / steps if steps else 0.0


def _number(value: float) -> str:
    """A number as written in a table: ``50`` for a whole number, else the shortest exact form.

    A number read from YAML may be an int (``weight: 2``), so it is made a float first.
    """
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)
