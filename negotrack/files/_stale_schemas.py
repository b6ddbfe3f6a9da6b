"""The note `negotrack.validate` gives when a dossier's own schemas no longer list its ids.

`negotrack.files._id_schemas` writes the schemas with a mark that keeps a fingerprint of the
ids. A current schema costs a read of the file and a look at the mark, which is written last;
only a stale one is parsed, to say which ids are new and which are gone.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Final

from negotrack.files._id_schemas import (
    ID_DEFINITIONS,
    MARK,
    MARK_VERSION,
    id_lists,
    ids_digest,
    schema_files,
)
from negotrack.model._errors import Problem

if TYPE_CHECKING:
    from pathlib import Path

    from negotrack.model._negotiation import Negotiation

__all__ = ["stale_notes"]

_MARK_KEY: Final = f'"{MARK}"'.encode()
_MARK_VALUE: Final = re.compile(rb'"x-negotrack-dossier":\s*(\{[^{}]*\})')


def stale_notes(target: Path, negotiation: Negotiation, shown: str) -> list[Problem]:
    """A note when the dossier schemas of ``target`` hold ids that are no longer the dossier's.

    One note at most, on the first such file, naming what changed. Only files negotrack wrote
    for a dossier (with `MARK`) are looked at; a copy of a bundled schema, or no schema at all,
    gets no note. ``shown`` is the dossier's path as the user gave it, for the command that
    refreshes the schemas. A current schema costs a read and a look at its mark, which keeps a
    fingerprint of the ids; only a stale one is parsed, to say what changed.
    """
    stale: list[tuple[Path, str]] = []
    wanted: dict[str, Any] | None = None
    for path in schema_files(target).values():
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError:
            data = _MARK_KEY
        at = data.rfind(_MARK_KEY)  # written last: its key sorts after the others
        if at < 0:
            continue  # not a dossier's own schema
        if wanted is None:
            current = id_lists(negotiation)
            wanted = {
                "version": MARK_VERSION,
                "dossier": negotiation.id,
                "ids": ids_digest(current),
            }
        if _mark(data, at) == wanted:
            continue  # the same ids: no need to read the rest
        try:
            stored = json.loads(data)
        except ValueError:
            stored = {MARK: None}
        why = _staleness(stored, current) if isinstance(stored, dict) else ""
        if why:
            stale.append((path, why))
    if not stale:
        return []
    (first, why), *others = stale
    also = "".join(f" (so is {path.name})" for path, _ in others)
    refresh = f"refresh with: negotrack schema --dossier {shown}"
    return [Problem(str(first), None, None, "$", f"{why}{also}; {refresh}")]


def _mark(data: bytes, at: int) -> Any:
    """The mark written at ``at``, or None when it cannot be read."""
    found = _MARK_VALUE.match(data, at)
    try:
        return json.loads(found[1]) if found else None
    except ValueError:
        return None


def _staleness(stored: dict[str, Any], current: dict[str, list[str]]) -> str:
    """What makes a stored dossier schema out of date, in words; empty when it is current."""
    mark, definitions = stored.get(MARK), stored.get("definitions")
    if not isinstance(mark, dict) or mark.get("version") != MARK_VERSION:
        return "the dossier schema was written by another version of negotrack or is damaged"
    if not isinstance(definitions, dict):
        return "the dossier schema is damaged"
    kinds = {definition: kind for kind, definition in ID_DEFINITIONS.items()}
    old: dict[str, set[Any]] = {
        key: set(value.get("enum") or ()) if isinstance(value, dict) else set()
        for key, value in definitions.items()
        if key.split(".", 1)[0] in kinds
    }
    changes: list[str] = []
    for key in sorted(old.keys() | current.keys(), key=lambda k: (k.count("."), k)):
        before, now = old.get(key, set()), set(current.get(key, ()))
        if before == now:
            continue
        base, _, scope = key.partition(".")
        if scope:
            if key in old and key in current:  # a new or gone issue or proposal says enough
                changes.append(f"the {kinds[base]}s of {scope!r} changed")
            continue
        changes += [f"new {kinds[base]} {i!r}" for i in current[key] if i not in before]
        changes += [f"no {kinds[base]} {i!r} any more" for i in sorted(before - now, key=str)]
    if not changes:
        return ""
    shown = ", ".join(changes[:4]) + (f" and {len(changes) - 4} more" if len(changes) > 4 else "")
    return f"the dossier schema is out of date ({shown})"
