"""DEU-style wide tables: one row per issue, each actor's position and salience in columns.

`import_deu` reads one into a dossier. The format and every choice made in reading it are in
docs/deu-tables.md: an issue's key in the ``id`` (or ``issue``) column; ``p<actor>`` and
``s<actor>`` columns for each actor's position and salience; ``rp`` the reference point,
``out`` the outcome (`negotrack.interop._delimited.MISSING` cells: unknown); ``title``,
``description``, ``min``, ``max`` and ``unit`` for the issue itself, every other column kept as
a tag ``column:value``; a row whose first cell is ``weights`` gives each actor's weight in its
position column. Positions lie on 0-100 unless the row's ``min`` and ``max`` say otherwise;
saliences are on 0-1 or 0-100, as in an actor table.
"""

from __future__ import annotations

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
from negotrack.interop._foreign import Problems, read_text

if TYPE_CHECKING:
    import datetime as dt
    import os

    from negotrack.interop._delimited import Row
    from negotrack.model._negotiation import Negotiation

__all__ = ["FIELDS", "WEIGHTS", "import_deu"]

#: The columns about the issue itself (any letter case), and what each is read as.
FIELDS: Final = {
    "id": "id",
    "issue": "id",
    "title": "title",
    "description": "description",
    "rp": "rp",
    "out": "out",
    "min": "min",
    "max": "max",
    "unit": "unit",
}
#: The first cell (any letter case) of the row that gives the actors' weights.
WEIGHTS: Final = frozenset({"weights", "weight"})
#: Columns kept as tags although their names read as an actor's (``p`` and ``rocedure``).
_TAGGED: Final = frozenset({"type", "procedure"})
_ACTOR: Final = re.compile(r"([psPS])_?([A-Za-z0-9][A-Za-z0-9._-]*)")
_SCALE: Final = (0.0, 100.0)


def import_deu(path: str | os.PathLike[str], *, date: dt.date | None = None) -> Negotiation:
    """A dossier of the positions a DEU-style wide table codes, with the file as their source.

    One row per issue, tab- or comma-separated (as the header line is): its key in ``id``,
    each actor's position in ``p<actor>`` and salience in ``s<actor>``, the reference point in
    ``rp``, the outcome in ``out`` when known; an optional row of weights, its first cell
    ``weights``. See docs/deu-tables.md.

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
    return dossier_from(coded, file=path, fmt="DEU-style table", date=date)


class _Reader:
    """One wide table read row by row, every problem collected."""

    def __init__(self, problems: Problems, stem: str) -> None:
        self.problems = problems
        self.stem = stem
        self.names: list[str] = []
        self.fields: dict[str, int] = {}
        self.tags: dict[int, str] = {}
        self.positions: dict[str, int] = {}
        self.saliences: dict[str, int] = {}
        self.weights: dict[str, float] = {}
        self.weights_row: int | None = None
        self.issues: dict[str, int] = {}

    def problem(self, row: Row, index: int | None, message: str) -> None:
        if index is None:
            self.problems.add(row.line, None, f"row {row.number}", message)
            return
        where = f"row {row.number}, column {self.names[index] or index + 1}"
        self.problems.add(row.line, index + 1, where, message)

    def read(self, text: str) -> Coded:
        table = read_table(text, self.problems)
        self.header(table.header)
        coded: list[tuple[Row, CodedIssue, list[tuple[int, CodedPosition]]]] = []
        first = 0 if table.header.cells else None
        if not table.rows:
            self.problems.add(None, None, "$", "no rows: the table has a header and nothing else")
        for row in table.rows:
            if len(row.cells) > len(self.names) and any(
                c.strip() for c in row.cells[len(self.names) :]
            ):
                self.problem(
                    row, None, f"{len(row.cells)} cells, and the header names {len(self.names)}"
                )
            elif first is not None and row.cell(first).lower() in WEIGHTS:
                self.weights_of(row)
            else:
                found = self.issue(row)
                if found is not None:
                    coded.append((row, *found))
        all_saliences = (
            p.salience for _, _, held in coded for _, p in held if p.salience is not None
        )
        divisor = salience_divisor(all_saliences)
        positions = []
        for row, _, held in coded:
            for index, position in held:
                if position.salience is not None and position.salience > divisor:
                    self.problem(
                        row,
                        index,
                        f"salience {position.salience:g} is outside 0-100 (the table's "
                        "saliences are on 0-100, as one of them is above 1)",
                    )
                salience = None if position.salience is None else position.salience / divisor
                positions.append(
                    CodedPosition(position.actor, position.issue, position.value, salience)
                )
        return Coded(
            title=None,
            actors=tuple(CodedActor(a, a, self.weights.get(a)) for a in self.positions),
            issues=tuple(issue for _, issue, _ in coded),
            positions=tuple(positions),
        )

    def header(self, header: Row) -> None:
        self.names = [cell.strip() for cell in header.cells]
        for index, name in enumerate(self.names):
            field = FIELDS.get(name.lower())
            shaped = _ACTOR.fullmatch(name)
            if field is not None:
                self.once(header, index, field, self.fields)
            elif shaped is not None and name.lower() not in _TAGGED:
                kind = self.positions if shaped[1] in "pP" else self.saliences
                self.once(header, index, shaped[2], kind)
            elif name:
                self.tags[index] = name
            else:
                self.problem(header, index, "a column without a name")
        if "id" not in self.fields:
            self.problem(
                header, None, "a DEU table needs a column 'id' (or 'issue') for the issues' keys"
            )
        if ("min" in self.fields) != ("max" in self.fields):
            self.problem(header, None, "a column 'min' goes with a column 'max': give both")
        for actor, index in self.positions.items():
            if actor not in self.saliences:
                self.problem(
                    header, index, f"no salience column for actor {actor!r} (s{actor}){_META}"
                )
        for actor, index in self.saliences.items():
            if actor not in self.positions:
                self.problem(
                    header, index, f"no position column for actor {actor!r} (p{actor}){_META}"
                )

    def once(self, header: Row, index: int, key: str, where: dict[str, int]) -> None:
        first = where.setdefault(key, index)
        if first != index:
            self.problem(header, index, f"repeats column {first + 1} ({self.names[first]!r})")

    def value(self, row: Row, index: int | None, what: str) -> float | None:
        if index is None:
            return None
        cell = row.cell(index)
        if cell.lower() in MISSING:
            return None
        try:
            return number(cell)
        except ValueError as exc:
            self.problem(row, index, f"{what}: {exc}")
            return None

    def weights_of(self, row: Row) -> None:
        if self.weights_row is not None:
            self.problem(row, 0, f"a second row of weights: row {self.weights_row} is one")
            return
        self.weights_row = row.number
        for actor, index in self.positions.items():
            weight = self.value(row, index, "weight")
            if weight is not None and weight < 0:
                self.problem(row, index, f"weight {weight:g} is below 0")
            elif weight is not None:
                self.weights[actor] = weight
        for actor, index in self.saliences.items():
            if row.cell(index).lower() not in MISSING:
                self.problem(
                    row,
                    index,
                    "the weights row gives each weight in the position column "
                    f"({self.names[self.positions[actor]]}): leave this cell empty",
                )

    def issue(self, row: Row) -> tuple[CodedIssue, list[tuple[int, CodedPosition]]] | None:
        key = self.key(row)
        low = self.value(row, self.fields.get("min"), "min")
        high = self.value(row, self.fields.get("max"), "max")
        low = _SCALE[0] if low is None else low
        high = _SCALE[1] if high is None else high
        if low >= high:
            self.problem(row, self.fields.get("max"), f"max {high:g} is not above min {low:g}")
            return None
        reference = self.point(row, "rp", "reference point", low, high)
        outcome = self.point(row, "out", "outcome", low, high)
        held = []
        for actor, index in self.positions.items():
            value = self.value(row, index, "position")
            salience_at = self.saliences.get(actor)
            salience = self.value(row, salience_at, "salience")
            if salience is not None and salience < 0:
                self.problem(row, salience_at, f"salience {salience:g} is below 0")
                salience = None
            if value is None:
                if salience is not None and row.cell(index).lower() in MISSING:
                    self.problem(row, salience_at, f"a salience and no position for {actor!r}")
                continue
            if not low <= value <= high:
                self.problem(
                    row,
                    index,
                    f"position {value:g} is outside the issue's scale, {low:g} to {high:g}",
                )
            if key is not None:
                held.append(
                    (
                        index if salience_at is None else salience_at,
                        CodedPosition(actor, key, value, salience),
                    )
                )
        if key is None:
            return None
        text = {field: self.text(row, field) for field in ("title", "description", "unit")}
        tags = tuple(
            f"{name.lower()}:{row.cell(i)}"
            for i, name in self.tags.items()
            if row.cell(i).lower() not in MISSING
        )
        issue = CodedIssue(
            key,
            text["title"] or key,
            low,
            high,
            description=text["description"],
            tags=tags,
            reference=reference,
            outcome=outcome,
            unit=text["unit"],
        )
        return issue, held

    def key(self, row: Row) -> str | None:
        index = self.fields.get("id")
        if index is None:
            return None
        cell = row.cell(index)
        wrong = "empty: every issue has a key" if not cell else not_a_key(cell)
        if wrong is not None:
            self.problem(row, index, wrong)
            return None
        first = self.issues.setdefault(cell, row.number)
        if first != row.number:
            self.problem(row, index, f"repeats row {first}: a second issue {cell!r}")
            return None
        return cell

    def point(self, row: Row, field: str, what: str, low: float, high: float) -> float | None:
        index = self.fields.get(field)
        value = self.value(row, index, what)
        if value is not None and not low <= value <= high:
            self.problem(
                row, index, f"{what} {value:g} is outside the issue's scale, {low:g} to {high:g}"
            )
            return None
        return value

    def text(self, row: Row, field: str) -> str | None:
        index = self.fields.get(field)
        if index is None:
            return None
        return row.cell(index) or None


_META: Final = (
    "; a column of issue metadata is named so that it reads as no actor's (p or s and a key), "
    "unless it is 'type' or 'procedure'"
)
