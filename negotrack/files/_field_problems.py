"""cattrs error trees turned into problems, each at its path in YAML key names.

The tree is walked, never its strings parsed: class errors give the keys that are missing or
unknown (with a did-you-mean), iterable errors the list index, and the scalar hooks' own
`InvalidValueError` its message.
"""

from __future__ import annotations

import typing
from typing import Any

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from negotrack.files._scalars import InvalidValueError
from negotrack.files._yaml import PathKey
from negotrack.model._errors import did_you_mean

if typing.TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "FieldProblem",
    "field_problems",
]


@attrs.frozen
class FieldProblem:
    """A structuring problem at a path, before it is given a file, line and column."""

    path: tuple[PathKey, ...]
    message: str
    at_key: bool = False


def field_problems(exc: BaseException, path: tuple[PathKey, ...] = ()) -> Iterator[FieldProblem]:
    """Walk a cattrs error tree and yield each problem with its path in YAML key names."""
    if isinstance(exc, ClassValidationError):
        for sub in exc.exceptions:
            note = _note(sub, AttributeValidationNote)
            if note is None:
                yield from _class_level(sub, exc.cl, path)
            elif isinstance(sub, KeyError) and sub.args == (note.name,):
                yield FieldProblem(path, f"missing required key {note.name!r}")
            else:
                yield from field_problems(sub, (*path, note.name))
    elif isinstance(exc, IterableValidationError):
        for sub in exc.exceptions:
            item = _note(sub, IterableValidationNote)
            yield from field_problems(sub, path if item is None else (*path, item.index))
    elif isinstance(exc, InvalidValueError):
        yield FieldProblem(path, str(exc))
    else:
        yield FieldProblem(path, f"invalid value: {exc}")


def _class_level(
    exc: BaseException, cl: type[Any], path: tuple[PathKey, ...]
) -> Iterator[FieldProblem]:
    if isinstance(exc, ForbiddenExtraKeysError):
        names = [a.name for a in attrs.fields(cl)]
        for key in sorted(exc.extra_fields, key=str):
            yield FieldProblem(
                (*path, key), f"unknown key {key!r}{did_you_mean(str(key), names)}", at_key=True
            )
    else:
        yield from field_problems(exc, path)


_N = typing.TypeVar("_N", AttributeValidationNote, IterableValidationNote)


def _note(exc: BaseException, kind: type[_N]) -> _N | None:
    for note in getattr(exc, "__notes__", ()):
        if type(note) is kind:
            return note
    return None
