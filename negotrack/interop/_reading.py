"""Reading the rows of tables to import, each checked against the dossier as it is read.

`Reader` keeps what the rows state, round by round and table by table, with the place of each
row, and every problem at its cell; `negotrack.interop._import` puts the rounds together.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.files._convert import converter
from negotrack.files._scalars import InvalidValueError
from negotrack.interop._records import IGNORED, READ, REQUIRED, RowError, build
from negotrack.interop._sheets import CellError, Place, decode
from negotrack.interop._tables import TABLES
from negotrack.model._errors import Problem, did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterable

    from negotrack.interop._sheets import Sheet
    from negotrack.model._negotiation import Negotiation

__all__ = ["MAX_PROBLEMS", "Entry", "Reader", "detect", "shown"]

#: Problems listed before the rest are only counted.
MAX_PROBLEMS: Final = 200

_EXPORT_ONLY: Final = ("proposals", "terms", "measures")


@attrs.define
class Entry:
    """One row read: what it states, where it is, and its sheet's columns by name."""

    value: Any
    place: Place
    columns: dict[str, int]


def detect(names: Iterable[str]) -> str | None:
    """Which table a header is: by the columns only it has."""
    found = set(names)
    for table, marks in (
        ("measures", {"gap"}),
        ("terms", {"term_id"}),
        ("proposals", {"term_count"}),
        ("stances", {"stance"}),
        ("statements", {"statement_id"}),
        ("positions", {"issue_id"}),
    ):
        if marks <= found:
            return table
    return None


class Reader:
    """The rows of every table read so far, and the problems found in them."""

    def __init__(self, dossier: Negotiation, header_file: str) -> None:
        self.dossier = dossier
        self.header_file = header_file
        self.issues = {issue.id: issue for issue in dossier.issues}
        self.rounds = {r.id: r for r in dossier.rounds}
        self.problems: list[Problem] = []
        self.more = 0
        self.stated: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
        self.carried: dict[str, list[tuple[str, tuple[str, str], int, Entry]]] = defaultdict(list)
        self.new_rounds: dict[str, tuple[str | None, dt.date | None, Entry]] = {}
        self.first: dict[tuple[str, str], Entry] = {}
        self.keys: dict[tuple[str, str, tuple[str, str]], Entry] = {}
        self.outside = {s.id: s for s in dossier.statements}
        self.rows: Counter[str] = Counter()
        self.from_table: set[tuple[str, str]] = set()

    def add(self, problem: Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.more += 1

    # -- reading -------------------------------------------------------------------------------

    def read(self, sheet: Sheet) -> None:
        try:
            self._read(sheet)
        except CellError as exc:
            self.add(Problem(sheet.file, None, None, _sheet_name(sheet), str(exc)))

    def _read(self, sheet: Sheet) -> None:
        first = next(
            (
                (row, line, names)
                for row, line, cells in sheet.rows
                if any(names := [_header_text(cell, sheet.typed) for cell in cells])
            ),
            None,
        )
        if first is None:
            self.add(Problem(sheet.file, None, None, _sheet_name(sheet), "empty: no header row"))
            return
        row, line, names = first
        table = sheet.name if sheet.name in TABLES else detect(names)
        place = sheet.place(row, line)
        if table in _EXPORT_ONLY and sheet.name == table:
            return  # a workbook of every table: the ones for reading only are passed over
        if table not in READ:
            what = f"a {table} table is for reading only" if table else "no table negotrack knows"
            self.add(
                place.problem(
                    f"{what}: import reads positions (with issue_id), stances (with stance) "
                    "and statements (with statement_id)"
                )
            )
            return
        columns = self._header(table, names, place)
        if columns is None:
            return
        if sheet.merged:
            for merged in sheet.merged:
                self.add(
                    place.problem(
                        f"cells {merged} are merged: unmerge them and fill in every cell; "
                        "nothing of this sheet is read"
                    )
                )
            return
        kinds = (TABLES[table].kinds, sheet.typed)
        for row, line, cells in sheet.rows:
            place = sheet.place(row, line)
            values = self._decoded(place, cells, columns, kinds)
            if values is not None and any(v is not None for v in values.values()):
                self._row(table, Entry(None, place, columns), values)

    def _header(self, table: str, names: list[str], place: Place) -> dict[str, int] | None:
        known = (*READ[table], *IGNORED[table])
        columns: dict[str, int] = {}
        bad = False
        for index, name in enumerate(names, start=1):
            if not name:
                continue
            at = place.at(index, name)
            if name in columns:
                self.add(
                    at.problem(f"a second column {name!r} (the first is column {columns[name]})")
                )
                bad = True
            elif name not in known:
                self.add(at.problem(f"unknown column {name!r}{did_you_mean(name, known)}"))
                bad = True
            columns[name] = index
        for name in REQUIRED[table]:
            if name not in columns:
                self.add(place.problem(f"a {table} table needs a column {name!r}"))
                bad = True
        if bad:
            return None
        return {name: index for name, index in columns.items() if name in READ[table]}

    def _decoded(
        self, place: Place, cells: list[Any], columns: dict[str, int], sheet: tuple[Any, bool]
    ) -> dict[str, str | None] | None:
        """The row's cells as text by column; None when one cannot be read (it is reported)."""
        kinds, typed = sheet
        values: dict[str, str | None] = {}
        bad = False
        for name, index in columns.items():
            cell = cells[index - 1] if index <= len(cells) else None
            value, data_type = cell if typed and cell is not None else (cell, None)
            try:
                values[name] = decode(value, data_type, kinds[name])
            except CellError as exc:
                self.add(place.at(index, name).problem(str(exc)))
                bad = True
        return None if bad else values

    def _row(self, table: str, entry: Entry, values: dict[str, str | None]) -> None:
        self.rows[table] += 1
        bad = False
        for name in REQUIRED[table]:
            if values.get(name) is None and not (table == "statements" and name == "round_id"):
                self._at(entry, name, f"empty: every row needs a {name}")
                bad = True
        carried = self._bool(entry, "carried", values.get("carried"))
        if bad or carried is None:
            return
        try:
            entry.value = build(table, values, self.issues)
        except RowError as exc:
            for column, message in exc.problems:
                self._at(entry, column, message)
            return
        round_id = values.get("round_id")
        if round_id is None:
            self._outside(entry)
        elif self._round(round_id, values, entry):
            self._keep(table, entry, round_id, carried=carried)

    def _keep(self, table: str, entry: Entry, round_id: str, *, carried: bool) -> None:
        self.first.setdefault((table, round_id), entry)
        key = _key(table, entry.value)
        if carried:
            self.carried[round_id].append((table, key, hash(entry.value), entry))
            return
        seen = self.keys.setdefault((table, "" if table == "statements" else round_id, key), entry)
        if seen is not entry:
            what = "statement" if table == "statements" else table[:-1]
            where = f"row {seen.place.row}" + (
                f" of {seen.place.file}" if seen.place.file != entry.place.file else ""
            )
            self.add(entry.place.problem(f"repeats {where}: a second {what} {shown(key)}"))
            return
        self.stated[round_id][table].append(entry)

    def _at(self, entry: Entry, column: str | None, message: str) -> None:
        index = entry.columns.get(column or "")
        self.add(entry.place.at(index, column if index else None).problem(message))

    def _bool(self, entry: Entry, column: str, value: str | None) -> bool | None:
        if value is None:
            return False
        try:
            return bool(converter.structure(value, bool))
        except InvalidValueError as exc:
            self._at(entry, column, str(exc))
            return None

    def _outside(self, entry: Entry) -> None:
        statement = entry.value
        if self.outside.get(statement.id) != statement:
            self._at(
                entry,
                "round_id",
                "a statement outside any round is kept in negotiation.yaml, which import does "
                "not change: give it a round_id, or add it there",
            )

    def _round(self, round_id: str, values: dict[str, str | None], entry: Entry) -> bool:
        """Check the round's day and title against the dossier, or against earlier rows."""
        title, day_text = values.get("round_title"), values.get("round_date")
        try:
            day = None if day_text is None else converter.structure(day_text, dt.date)
        except InvalidValueError as exc:
            self._at(entry, "round_date", str(exc))
            return False
        known = self.rounds.get(round_id)
        if known is not None:
            return self._same(
                entry, round_id, (known.title, known.when), (title, day), "in the dossier"
            )
        first = self.new_rounds.get(round_id)
        if first is None:
            self.new_rounds[round_id] = (title, day, entry)
            return True
        return self._same(entry, round_id, first[:2], (title, day), f"in row {first[2].place.row}")

    def _same(
        self,
        entry: Entry,
        round_id: str,
        known: tuple[str | None, dt.date | None],
        given: tuple[str | None, dt.date | None],
        where: str,
    ) -> bool:
        ok = True
        for column, was, now in zip(("round_title", "round_date"), known, given, strict=True):
            if now is not None and was is not None and now != was:
                self._at(
                    entry,
                    column,
                    f"round {round_id!r} has {column} {str(was)!r} {where}, not {str(now)!r}; "
                    "import does not change a round's title or day",
                )
                ok = False
        return ok


def _key(table: str, value: Any) -> tuple[str, str]:
    if table == "positions":
        return value.key  # type: ignore[no-any-return]
    if table == "stances":
        return (value.party, value.proposal)
    return (value.id, "")


def shown(key: tuple[str, ...]) -> str:
    party, what = key[0], key[1] if len(key) > 1 else ""
    if not what:
        return repr(party)
    return f"of {party!r} on {what!r}"


def _header_text(cell: Any, typed: bool) -> str:
    value = cell[0] if typed and cell is not None else cell
    return "" if value is None else str(value).strip()


def _sheet_name(sheet: Sheet) -> str:
    return "$" if sheet.name is None else f"sheet {sheet.name!r}"


def _order(problem: Problem) -> tuple[str, int, int]:
    return (problem.file, problem.line or 0, problem.column or 0)
