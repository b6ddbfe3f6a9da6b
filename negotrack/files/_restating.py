"""Restating only what changed: a position that omits a key keeps the value it carries.

In the files, a position restated in a later round need only give what changed: every key it
leaves out keeps the value of the position it restates, and an explicit empty value
(``red_lines: []``, ``salience: null``) clears one. The loader fills the omitted keys in
(`fill_restatements`), so the model always holds whole positions; `save` and `dump` write the
shortest form back (`minimal_positions`), so a load of what they wrote gives the same dossier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.files._reuse import alike
from negotrack.model._positions import Position

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from negotrack.model._rounds import Round

__all__ = ["CARRIED_KEYS", "fill_restatements", "minimal_positions"]

#: The keys of a position that a restatement may leave out to keep their carried value.
CARRIED_KEYS: Final = tuple(
    f.name
    for f in attrs.fields(Position)
    if f.name not in ("party", "issue", "table", "withdrawn", "raised")
)


_CARRIED_SET: Final = frozenset(CARRIED_KEYS)
_FIELDS: Final = tuple(f.name for f in attrs.fields(Position))


def fill_restatements(
    rounds: Sequence[Round], given: Sequence[Sequence[frozenset[str]]]
) -> list[Round]:
    """Each round with its restated positions completed from the positions they restate.

    Args:
        rounds: The rounds in the order they were read.
        given: For each round, for each of its positions, the keys written in the file.

    Returns:
        The rounds, in the same order, each position's omitted keys filled in.
    """
    order = sorted(range(len(rounds)), key=lambda i: rounds[i].sort_key)
    held: dict[tuple[str, str], Position] = {}
    out = list(rounds)
    for index in order:
        round_, keys = rounds[index], given[index]
        positions = list(round_.positions)
        changed = False
        for place, position in enumerate(positions):
            carried = held.get(position.key)
            if carried is None or position.withdrawn or place >= len(keys):
                continue
            missing = _CARRIED_SET.difference(keys[place])
            if missing and not _holds_already(position, carried, missing):
                # built field by field: several times cheaper than attrs.evolve, on every load
                positions[place] = Position(
                    *[getattr(carried if n in missing else position, n) for n in _FIELDS]
                )
                changed = True
        for position in positions:
            if position.withdrawn:
                held.pop(position.key, None)
            else:
                held[position.key] = position
        if changed:
            out[index] = attrs.evolve(round_, positions=tuple(positions))
    return out


def _holds_already(position: Position, carried: Position, missing: frozenset[str]) -> bool:
    """Whether ``position`` already holds the carried value of every key it leaves out.

    Then it is its own completion, kept as it is (it may be the very position it restates).
    """
    return all(alike(getattr(position, name), getattr(carried, name)) for name in missing)


def minimal_positions(
    rounds: Sequence[Round],
    rounds_data: Sequence[dict[str, Any]],
    unstructure: Callable[[Any], Any],
) -> None:
    """Shorten the unstructured positions of each round to what changed, in place.

    ``rounds_data[i]`` is the unstructured form of ``rounds[i]`` (rounds in dossier order). A
    restated key equal to the carried value is left out; a carried value the restatement clears
    is written as its explicit empty value.
    """
    held: dict[tuple[str, str], Position] = {}
    for round_, data in zip(rounds, rounds_data, strict=True):
        for position, written in zip(round_.positions, data.get("positions", ()), strict=True):
            carried = held.get(position.key)
            if carried is not None and not position.withdrawn:
                for name in CARRIED_KEYS:
                    now = getattr(position, name)
                    if now == getattr(carried, name):
                        written.pop(name, None)
                    elif name not in written:
                        written[name] = unstructure(now)
            if position.withdrawn:
                held.pop(position.key, None)
            else:
                held[position.key] = position
