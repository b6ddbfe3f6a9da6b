"""Edits to a dossier's records, key by key: what the version diff says of anything it matches.

Entities are matched by id and reported as added, removed or edited; an edited one gets one
change per key that differs. The version diff (`._versions`, `._version_rounds`) builds on these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from negotrack.diff._changes import Change, ChangeKind

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = ["edits", "entities", "label"]


def label(item: Any) -> Any:
    """What an added or removed entity is called: its title, name, label, else its id."""
    for attribute in ("title", "name", "label", "id"):
        value = getattr(item, attribute, None)
        if value:
            return value
    return None


def edits(
    subject: str, subject_id: str, old: Any, new: Any, *, skip: Iterable[str] = (), **base: Any
) -> Iterator[Change]:
    """One EDITED change per attrs field that differs, leaving out ``skip``."""
    if old == new:
        return
    skipped = set(skip)
    for field in attrs.fields(type(old)):
        if field.name in skipped:
            continue
        a, b = getattr(old, field.name), getattr(new, field.name)
        if a != b:
            yield Change(
                kind=ChangeKind.EDITED,
                subject=subject,
                subject_id=subject_id,
                field=field.name,
                before=a,
                after=b,
                **base,
            )


def entities(
    subject: str,
    old: Sequence[Any],
    new: Sequence[Any],
    children: Callable[[Any, Any], tuple[frozenset[str], list[Change]]] | None = None,
    *,
    skip: Iterable[str] = (),
) -> Iterator[Change]:
    """Entities matched by id: each added, removed, or edited key by key.

    ``children`` compares the parts of an edited entity matched on their own (a party's people,
    an issue's options) and says which fields it covered, so that they are not edited whole.
    """
    old_by_id = {item.id: item for item in old}
    new_by_id = {item.id: item for item in new}
    for item_id in sorted(old_by_id.keys() | new_by_id.keys()):
        a, b = old_by_id.get(item_id), new_by_id.get(item_id)
        if a is None:
            yield Change(kind=ChangeKind.ADDED, subject=subject, subject_id=item_id, after=label(b))
        elif b is None:
            yield Change(
                kind=ChangeKind.REMOVED, subject=subject, subject_id=item_id, before=label(a)
            )
        elif a != b:
            child_fields: frozenset[str] = frozenset()
            if children is not None:
                child_fields, found = children(a, b)
                yield from found
            yield from edits(subject, item_id, a, b, skip=set(skip) | child_fields)
