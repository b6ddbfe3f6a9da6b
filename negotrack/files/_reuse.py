"""A position restated word for word is the object it restates, and so is each restated field.

An analyst who copies the last round's file and edits it restates most positions unchanged,
or changes one key of them (the evidence, say). While one dossier is loaded, each position's
parsed mapping is kept beside the position made of it, by party, issue and table. A later
mapping equal to the one kept gives the very position made before. One that differs is made
from the keys that differ; each list or mapping equal to the kept one's (acceptable, red
lines, conditions, evidence) gives the kept position's own field object. If every field then
comes out alike (equal, and of one type all the way down), the result is the kept position
itself, however its keys were written (``red_lines: []`` where the kept one wrote none).

Either way the result equals what structuring the whole mapping gives, so nothing a program
can see changes but the time and the memory: the load skips structuring what was restated,
the dossier holds one object where it held copies, and the diff finds them unchanged at a
glance (``old is new`` before ``old == new``, for a position and for each of its fields).

Parsed mappings hold strings, None, lists and mappings, and numbers where the loader has read
a numeric issue's ``preferred`` as one; ``1 == 1.0`` in Python, so that value must also be of
one type in both mappings. Outside a load (`keeping_restated` not active) nothing is kept.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["alike", "keeping_restated", "reusing"]

#: The positions made so far in the current load: (party, issue, table) -> (mapping, position).
_KEPT: Final[ContextVar[dict[Any, tuple[dict[str, Any], Any]] | None]] = ContextVar(
    "negotrack_restated", default=None
)


@contextlib.contextmanager
def keeping_restated() -> Iterator[None]:
    """Within the block (one load), positions structured are kept, and reused when restated."""
    token = _KEPT.set({})
    try:
        yield
    finally:
        _KEPT.reset(token)


def reusing(
    structure: Callable[[object, object], Any], fields: tuple[str, ...], shareable: tuple[str, ...]
) -> Callable[[object, object], Any]:
    """``structure`` (a position's hook), reusing the kept position and its equal fields.

    ``fields`` are the record's fields in ``__init__`` order, each read from the key of its
    name; ``shareable`` are those worth sharing: the ones a file writes as a list or a mapping,
    which cost the most to structure and to compare.
    """

    def hook(value: object, tp: object) -> Any:
        kept = _KEPT.get()
        if kept is None or type(value) is not dict:
            return structure(value, tp)
        key = (value.get("party"), value.get("issue"), value.get("table"))
        try:
            before = kept.get(key)
        except TypeError:  # a list or a mapping where an id belongs: refused as usual
            return structure(value, tp)
        if before is None:
            made = structure(value, tp)
        else:
            made = _from_kept(value, tp, before, structure, fields, shareable)
        kept[key] = (value, made)
        return made

    return hook


def _from_kept(  # noqa: PLR0917  (the hook's own state, passed on)
    value: dict[str, Any],
    tp: object,
    before: tuple[dict[str, Any], Any],
    structure: Callable[[object, object], Any],
    fields: tuple[str, ...],
    shareable: tuple[str, ...],
) -> Any:
    mapping, made = before
    if mapping == value and type(mapping.get("preferred")) is type(value.get("preferred")):
        return made
    shared = [n for n in shareable if n in value and n in mapping and mapping[n] == value[n]]
    if not shared:  # nothing worth sharing: made as it is written
        return structure(value, tp)
    rest = structure({k: v for k, v in value.items() if k not in shared}, tp)
    if all(name in shared or alike(getattr(rest, name), getattr(made, name)) for name in fields):
        return made  # written otherwise (``red_lines: []`` for none given), but the same
    return type(made)(*[getattr(made if name in shared else rest, name) for name in fields])


def alike(one: Any, other: Any) -> bool:
    """Equal, and of one type all the way down: ``1`` is not ``1.0``, nor ``(1,)`` ``(1.0,)``."""
    if one is other:
        return True
    kind = type(one)
    if kind is not type(other):
        return False
    if kind is tuple:
        return len(one) == len(other) and all(map(alike, one, other))
    fields = getattr(kind, "__attrs_attrs__", None)
    if fields is not None:
        return all(alike(getattr(one, f.name), getattr(other, f.name)) for f in fields)
    return bool(one == other)
