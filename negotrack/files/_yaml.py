"""Reading YAML into plain dicts, lists and strings, straight from libyaml's event stream.

Two builders share one grammar. The fast one runs on every load: it keeps no positions and gives
up (`Slow`) at the first thing it does not like. The careful one runs only when something is
wrong: it records the line and column of every key and value, and collects every problem it
meets. When a later stage needs to say where its problems are in a file the fast builder
accepted, `locate_paths` reads the file once more, recording only the places on the way to them.

What both refuse: anchors and aliases (no alias bombs, no recursive data), tags (nothing is
constructed), duplicate keys, keys that are not strings, more than one document, nesting deeper
than `MAX_DEPTH` and more than `MAX_VALUES` values. Every scalar stays a string; an empty plain
value is None. The model decides later what type a value has.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING, Any, Final

from yaml import events as ev

from negotrack.model._errors import LoadError, Problem

if TYPE_CHECKING:
    from pathlib import Path

try:  # pragma: no cover - which branch runs depends on how PyYAML was built
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "Duplicates",
    "Parser",
    "PathKey",
    "Slow",
    "check_bom",
    "check_encoding",
    "fast_build",
    "format_path",
    "read_file",
]

#: Largest file the loader reads, checked before reading it.
MAX_FILE_BYTES: Final = 32 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted.
MAX_DEPTH: Final = 64
#: Most YAML events (values, keys, collection starts and ends) accepted in one file.
MAX_VALUES: Final = 4_000_000

#: One step of a path into a document: a mapping key or a list index.
PathKey = str | int

_NO_KEY: Final = object()


class Slow(Exception):  # noqa: N818  (a signal to switch builders, not an error)
    """The fast builder met something only the careful builder can explain."""


class Duplicates(Slow):
    """The fast builder read the whole document and met nothing wrong but duplicate keys.

    ``found`` holds each as (path of its mapping, key, libyaml's mark of the duplicate), in file
    order: enough to report them without the careful builder.
    """

    def __init__(self, found: list[tuple[tuple[PathKey, ...], str, Any]]) -> None:
        super().__init__()
        self.found = found


def format_path(path: tuple[PathKey, ...]) -> str:
    """Render a path as ``$.rounds[2].positions[0].preferred``."""
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


def read_file(path: Path, shown: str) -> bytes:
    """Read a dossier file as bytes, refusing files over `MAX_FILE_BYTES` before reading them."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                [
                    Problem(
                        shown,
                        None,
                        None,
                        "$",
                        f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes",
                    )
                ]
            )
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise LoadError(
            [Problem(shown, None, None, "$", f"cannot read file: {reason.lower()}")]
        ) from None


# -- encoding ----------------------------------------------------------------------------------

_UTF16_32_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def check_bom(data: bytes, file: str) -> None:
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            raise LoadError(
                [Problem(file, 1, 1, "$", f"file is encoded as {name}; save it as UTF-8")]
            )


def check_encoding(data: bytes, file: str) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(data, exc.start)
        bad = data[exc.start : exc.start + 1]
        raise LoadError(
            [
                Problem(
                    file, line, column, "$", f"invalid UTF-8 byte {bad!r}; save the file as UTF-8"
                )
            ]
        ) from None


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


# -- the fast builder --------------------------------------------------------------------------


def fast_build(data: bytes) -> Any:
    get: Any = _Parser(data).get_event
    get()  # stream start
    if type(get()) is ev.StreamEndEvent:
        return None
    event = get()
    kind = type(event)
    if event.anchor is not None:  # an anchor, or an alias
        raise Slow
    if kind is ev.ScalarEvent:
        if event.tag is not None:
            raise Slow
        root = event.value
        if not root and event.implicit[0]:
            root = None
    elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
        if event.tag is not None:
            raise Slow
        duplicates: list[tuple[tuple[PathKey, ...], str, Any]] = []
        root = _fast_collection(
            get, kind is ev.MappingStartEvent, MAX_VALUES, MAX_DEPTH - 1, duplicates
        )
        if duplicates:
            if type(get()) is not ev.DocumentEndEvent or type(get()) is not ev.StreamEndEvent:
                raise Slow  # a second document too
            raise Duplicates(duplicates)
    else:  # pragma: no cover - a document starts with a node
        raise Slow
    if type(get()) is not ev.DocumentEndEvent or type(get()) is not ev.StreamEndEvent:
        raise Slow  # a second document
    return root


def _path_to(stack: list[Any], top: Any) -> tuple[PathKey, ...]:
    """The path of the open collection ``top``: each is the last item or key of the one above."""
    chain = [*stack, top]
    return tuple(
        len(parent) - 1 if type(parent) is list else next(reversed(parent)) for parent in chain[:-1]
    )


def _fast_collection(  # noqa: PLR0912, PLR0915  (one hot loop, kept whole)
    get: Any, in_map: bool, limit: int, depth_limit: int, duplicates: list[Any]
) -> Any:
    """Build the collection whose start event was just read, up to its end event.

    Every name the loop touches is a local; a mapping reads a key and its value in one turn of
    the loop; the collections above the current one wait on `stack`. `limit` caps the events
    read since the document started; `depth_limit` is how many collections may be open above
    the current one when another starts. A duplicate key is added to `duplicates` and read on,
    its value replacing the first (moved last, so that `_path_to` finds it).
    """
    scalar, map_start, seq_start = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    map_end, seq_end = ev.MappingEndEvent, ev.SequenceEndEvent
    root: Any = {} if in_map else []
    top: Any = root
    stack: list[Any] = []  # the open collections above `top`, outermost first
    count = 1  # events read since the document started, the root's start included
    while True:
        event = get()
        kind = type(event)
        count += 1
        if in_map:
            if kind is scalar:
                if event.anchor is not None or event.tag is not None:
                    raise Slow
                key = event.value
                if not key and event.implicit[0]:
                    raise Slow  # an empty key
                if key in top:  # a duplicate: noted where it is, and read on
                    duplicates.append((_path_to(stack, top), key, event.start_mark))
                    del top[key]
                event = get()
                kind = type(event)
                count += 1
                if event.anchor is not None:  # an anchor, or an alias
                    raise Slow
                if kind is scalar:
                    if event.tag is not None:
                        raise Slow
                    value = event.value
                    top[key] = None if not value and event.implicit[0] else value
                else:
                    if (
                        (kind is not map_start and kind is not seq_start)
                        or event.tag is not None
                        or len(stack) >= depth_limit
                    ):
                        raise Slow
                    node: Any = {} if kind is map_start else []
                    top[key] = node
                    stack.append(top)
                    top = node
                    in_map = kind is map_start
            elif kind is map_end:
                if not stack:
                    break
                top = stack.pop()
                in_map = type(top) is dict
            else:
                raise Slow  # a collection or an alias as a key
        elif kind is scalar:
            if event.anchor is not None or event.tag is not None:
                raise Slow
            value = event.value
            top.append(None if not value and event.implicit[0] else value)
        elif kind is seq_end:
            if not stack:
                break
            top = stack.pop()
            in_map = type(top) is dict
        elif kind is map_start or kind is seq_start:
            if event.anchor is not None or event.tag is not None or len(stack) >= depth_limit:
                raise Slow
            node = {} if kind is map_start else []
            top.append(node)
            stack.append(top)
            top = node
            in_map = kind is map_start
        else:
            raise Slow  # an alias
        if count > limit:
            raise Slow
    if count > limit:
        raise Slow
    return root


#: libyaml's event parser (PyYAML's pure-Python one where libyaml is missing).
Parser = _Parser
