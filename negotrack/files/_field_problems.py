"""cattrs error trees turned into problems, each at its path in YAML key names.

The tree is walked, never its strings parsed: class errors give the keys that are missing or
unknown (with a did-you-mean), iterable errors the list index, and the scalar hooks' own
`InvalidValueError` its message.
"""

from __future__ import annotations

import functools
import typing
from typing import Any

from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from negotrack.files._hints import unknown_key
from negotrack.files._placing import MAX_PER_FILE
from negotrack.files._scalars import InvalidValueError

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from negotrack.files._yaml import PathKey

__all__ = [
    "FieldProblem",
    "field_problems",
]


class FieldProblem(typing.NamedTuple):
    """A structuring problem at a path, before it is given a file, line and column.

    ``hidden`` counts problems not listed: the unknown keys of one mapping past the first
    `MAX_PER_FILE`, which no file lists (each comes after as many problems as are listed).
    """

    path: tuple[PathKey, ...]
    message: str | Callable[[], str]
    at_key: bool = False
    hidden: int = 0


def field_problems(
    exc: BaseException, path: tuple[PathKey, ...] = (), raw: object = None
) -> Iterator[FieldProblem]:
    """Walk a cattrs error tree and yield each problem with its path in YAML key names.

    ``raw`` is the parsed value that failed, if known: unknown keys are then given in file order.
    """
    if isinstance(exc, ClassValidationError):
        for sub in exc.exceptions:
            note = _note(sub, AttributeValidationNote)
            if note is None:
                yield from _class_level(sub, exc.cl, path, raw)
            elif isinstance(sub, KeyError) and sub.args == (note.name,):
                yield FieldProblem(path, f"missing required key {note.name!r}")
            else:
                yield from field_problems(sub, (*path, note.name), _below(raw, note.name))
    elif isinstance(exc, IterableValidationError):
        for sub in exc.exceptions:
            item = _note(sub, IterableValidationNote)
            if item is None:
                yield from field_problems(sub, path, raw)
            else:
                yield from field_problems(sub, (*path, item.index), _below(raw, item.index))
    elif isinstance(exc, InvalidValueError):
        yield FieldProblem(path, str(exc))
    else:
        yield FieldProblem(path, f"invalid value: {exc}")


def _below(raw: object, step: PathKey) -> object:
    """The part of a parsed value at one step of a path, or None."""
    if type(raw) is dict:
        return raw.get(step)
    if type(raw) is list and type(step) is int and 0 <= step < len(raw):
        return raw[step]
    return None


def _class_level(
    exc: BaseException, cl: type[Any], path: tuple[PathKey, ...], raw: object
) -> Iterator[FieldProblem]:
    if isinstance(exc, ForbiddenExtraKeysError):
        extra = exc.extra_fields
        keys = [k for k in raw if k in extra] if type(raw) is dict else sorted(extra, key=str)
        for key in keys[:MAX_PER_FILE]:
            # written only if reported
            yield FieldProblem((*path, key), functools.partial(unknown_key, cl, key), at_key=True)
        if len(keys) > MAX_PER_FILE:
            yield FieldProblem(path, "", hidden=len(keys) - MAX_PER_FILE)
    else:
        yield from field_problems(exc, path, raw)


_N = typing.TypeVar("_N", AttributeValidationNote, IterableValidationNote)


def _note(exc: BaseException, kind: type[_N]) -> _N | None:
    for note in getattr(exc, "__notes__", ()):
        if type(note) is kind:
            return note
    return None
