"""Importing tables: positions, stances and statements from CSV or .xlsx into a dossier's rounds.

The tables are those `negotrack.interop._export` writes (docs/tables.md). Each is read row by
row (`negotrack.interop._sheets`), each row becomes a position, stance or statement
(`negotrack.interop._records`), and the rounds they fill are checked with the dossier as a
whole, by the checks that loading runs. Every problem is reported at its cell, and then nothing
is written. A table holds the whole of each round it names: a round the dossier has already
takes the table's positions (or stances, or statements) only when it has none of them yet, or
with ``force``. Rows marked ``carried`` are not imported but checked: each must match the
position (or stance) in force, as the rounds before it leave it.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.files._placing import text_of
from negotrack.files._yaml import format_path
from negotrack.interop._reading import Reader, shown
from negotrack.interop._records import column_of
from negotrack.model._errors import LoadError, Problem
from negotrack.model._negotiation import Negotiation
from negotrack.model._rounds import Round

if TYPE_CHECKING:
    from collections.abc import Iterable

    from negotrack.interop._sheets import Sheet

__all__ = ["Collected", "collect"]

_PARTS: Final = {"positions": "positions", "stances": "stances", "statements": "statements"}


@attrs.define
class Collected:
    """What the tables hold, checked: the dossier they make, and what changed in it.

    Attributes:
        negotiation: The dossier with the imported rounds.
        added: Ids of the rounds the dossier did not have.
        replaced: Ids of the rounds whose positions, stances or statements the tables changed.
        rows: How many rows were read, by table.
    """

    negotiation: Negotiation
    added: tuple[str, ...]
    replaced: tuple[str, ...]
    rows: dict[str, int]


class _Collector(Reader):
    # -- assembling ----------------------------------------------------------------------------

    def assemble(self, *, force: bool) -> Collected:
        rounds: list[Round] = []
        added, replaced = [], []
        for round_ in self.dossier.rounds:
            stated = self.stated.get(round_.id)
            named = {table for table, rid in self.first if rid == round_.id}
            changes: dict[str, Any] = {}
            for table in named:
                now = tuple(e.value for e in (stated or {}).get(table, ()))
                was = getattr(round_, _PARTS[table])
                if Counter(now) == Counter(was):
                    continue
                if was and not force:
                    self.add(
                        self.first[(table, round_.id)].place.problem(
                            f"round {round_.id!r} has {table} in the dossier already, and this "
                            f"table's differ: --force replaces the round's {table} with the "
                            "table's"
                        )
                    )
                changes[_PARTS[table]] = now
                self.from_table.add((round_.id, table))
            if changes:
                replaced.append(round_.id)
            rounds.append(attrs.evolve(round_, **changes) if changes else round_)
        for round_id, (title, day, entry) in self.new_rounds.items():
            if title is None:
                self._at(entry, "round_title", f"round {round_id!r} is new: give its round_title")
            if day is None:
                self._at(entry, "round_date", f"round {round_id!r} is new: give its round_date")
            parts = self.stated.get(round_id, {})
            self.from_table.update((round_id, table) for table in _PARTS)
            rounds.append(
                Round(
                    round_id,
                    title or "",
                    date=day,
                    positions=tuple(e.value for e in parts.get("positions", ())),
                    stances=tuple(e.value for e in parts.get("stances", ())),
                    statements=tuple(e.value for e in parts.get("statements", ())),
                )
            )
            added.append(round_id)
        negotiation = attrs.evolve(self.dossier, rounds=tuple(rounds))
        if not self.problems:
            self._check(negotiation)
        if not self.problems:
            self._carried(negotiation)
        if self.problems:
            more = [Problem(self.header_file, None, None, "$", f"and {self.more} more problems")]
            raise LoadError(sorted(self.problems, key=_order) + (more if self.more else []))
        return Collected(negotiation, tuple(added), tuple(replaced), dict(self.rows))

    def _check(self, negotiation: Negotiation) -> None:
        from negotrack.files._checks import PlacedRound, check  # noqa: PLC0415

        header = attrs.evolve(negotiation, rounds=())
        placed = [PlacedRound(r, f"\0{r.id}", ()) for r in negotiation.rounds]
        found, _ = check(header, self.header_file, placed)
        for located in found:
            self.add(self._located(located.file, located.path, text_of(located.message)))

    def _located(self, file: str, path: tuple[Any, ...], message: str) -> Problem:
        if not file.startswith("\0"):
            return Problem(file, None, None, format_path(path), message)
        round_id = file[1:]
        part = str(path[0]) if path else ""
        table = next((t for t, p in _PARTS.items() if p == part), None)
        entries = self.stated.get(round_id, {}).get(table or "", [])
        if (
            table is not None
            and (round_id, table) in self.from_table
            and len(path) > 1
            and isinstance(path[1], int)
            and path[1] < len(entries)
        ):
            entry = entries[path[1]]
            column = column_of(table, path[2:])
            index = entry.columns.get(column or "")
            return entry.place.at(index, column if index else None).problem(message)
        found = next((e for (_, rid), e in self.first.items() if rid == round_id), None)
        if found is None:
            return Problem(f"round {round_id!r}", None, None, format_path(path), message)
        entry = found
        index = entry.columns.get("round_date")
        return entry.place.at(index, "round_date" if index else None).problem(message)

    def _carried(self, negotiation: Negotiation) -> None:
        for round_, positions, stances in negotiation.iter_effective(copies=False):
            for table, key, digest, entry in self.carried.get(round_.id, ()):
                held = positions.get(key) if table == "positions" else stances.get(key)
                what = f"{table[:-1]} {shown(key)}"
                if held is None:
                    message = f"carried, but no {what} is in force in round {round_.id!r}"
                elif not held.carried:
                    message = f"carried, but round {round_.id!r} states this {table[:-1]} itself"
                elif hash(held.value) != digest or held.value != entry.value:
                    message = (
                        f"carried, but not the {what} in force (stated in {held.round!r}): clear "
                        "carried to restate it in this round, or make it match"
                    )
                else:
                    continue
                self._at(entry, "carried", message)


def collect(
    dossier: Negotiation, header_file: str, sheets: Iterable[Sheet], *, force: bool = False
) -> Collected:
    """Read every sheet and make the dossier they describe; `LoadError` lists every problem."""
    collector = _Collector(dossier, header_file)
    for sheet in sheets:
        collector.read(sheet)
    return collector.assemble(force=force)


def _order(problem: Problem) -> tuple[str, int, int]:
    return (problem.file, problem.line or 0, problem.column or 0)
