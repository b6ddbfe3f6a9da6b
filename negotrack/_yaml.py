"""Reading YAML into plain dicts, lists and strings, straight from libyaml's event stream.

Two builders share one grammar. The fast one runs on every load: it keeps no positions and gives
up (`_Slow`) at the first thing it does not like. The careful one runs only when something is
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

import yaml
from yaml import events as ev

from negotrack._errors import LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

try:  # pragma: no cover - which branch runs depends on how PyYAML was built
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "Locations",
    "PathKey",
    "format_path",
    "locate",
    "locate_paths",
    "parse",
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


class _Slow(Exception):  # noqa: N818  (a signal to switch builders, not an error)
    """The fast builder met something only the careful builder can explain."""


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


def parse(data: bytes, file: str) -> Any:
    """Parse one YAML document into dicts, lists, strings and None, or raise `LoadError`.

    An empty document (or a file of comments only) gives None; the caller decides whether that
    is allowed.
    """
    _check_bom(data, file)
    try:
        # no need to decode the bytes first: libyaml reads all of them and refuses what is not
        # UTF-8, so whatever it parses was valid UTF-8
        return _fast_build(data)
    except (_Slow, yaml.YAMLError):
        pass
    _check_encoding(data, file)
    problems = _Careful(data, file).run().problems
    if not problems:  # pragma: no cover - the careful builder accepts only what the fast one does
        problems = [Problem(file, None, None, "$", "could not read the file as YAML")]
    raise LoadError(problems)


def locate(data: bytes) -> Locations:
    """Parse a document that `parse` accepted, this time recording where every node is."""
    return _Careful(data, "").run().locations


def locate_paths(data: bytes, paths: Iterable[tuple[PathKey, ...]]) -> Locations:
    """Where the given paths are in a document that `parse` accepted, reading only what it must.

    ``locate_paths(data, paths).find(path, key=...)`` is ``locate(data).find(path, key=...)`` for
    each of ``paths``: the keys and values on the way to each path are recorded, and nothing else.
    One pass over libyaml's events skips every subtree that holds none of the paths and stops as
    soon as the last one is found.
    """
    # the wanted paths as a tree of steps, each a dict of the steps below it
    wanted: dict[PathKey, Any] = {}
    remaining = 0
    for path in paths:
        node = wanted
        for step in path:
            below = node.get(step)
            if below is None:
                below = node[step] = {}
                remaining += 1
            node = below
    locations = Locations()
    get: Any = _Parser(data).get_event
    try:
        get()  # stream start
        if type(get()) is not ev.DocumentStartEvent:
            return locations  # an empty file
        event = get()
        mark = event.start_mark
        locations.values[()] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if (
            not remaining
            or (kind is not ev.MappingStartEvent and kind is not ev.SequenceStartEvent)
            or _walk_to(get, wanted, kind is ev.MappingStartEvent, remaining, locations)
        ):
            return locations
    except yaml.YAMLError:
        pass
    return locate(data)  # not a document `parse` accepts: let the careful builder say


def _walk_to(  # noqa: PLR0912, PLR0915  (one loop, kept whole)
    get: Any, wanted: dict[PathKey, Any], in_map: bool, remaining: int, locations: Locations
) -> bool:
    """Record the places of the ``wanted`` steps below a collection whose start was just read.

    Stops after the collection's end or once ``remaining`` places are recorded. Returns False at
    something `parse` refuses (a key that is not a scalar), where this walk cannot follow.
    """
    scalar, map_start, seq_start = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    map_end, seq_end = ev.MappingEndEvent, ev.SequenceEndEvent
    values, keys = locations.values, locations.keys
    # the collections above the current one: its wanted steps, its path, its next list index,
    # whether it is a mapping
    stack: list[tuple[dict[PathKey, Any], tuple[PathKey, ...], int, bool]] = []
    path: tuple[PathKey, ...] = ()
    index = 0  # the index of the next item when the current collection is a list
    while True:
        event = get()
        kind = type(event)
        if in_map:
            if kind is map_end:
                if not stack:
                    return True
                wanted, path, index, in_map = stack.pop()
                continue
            if kind is not scalar:
                return False
            step: PathKey = event.value
            below = wanted.get(step)
            if below is not None:
                mark = event.start_mark
                keys[(*path, step)] = (mark.line + 1, mark.column + 1)
            event = get()
            kind = type(event)
        else:
            if kind is seq_end:
                if not stack:
                    return True
                wanted, path, index, in_map = stack.pop()
                continue
            step = index
            index += 1
            below = wanted.get(step)
        is_collection = kind is map_start or kind is seq_start
        if below is None or (not below and is_collection):
            if is_collection:  # skip the subtree: nothing wanted is in it
                depth = 1
                while depth:
                    kind = type(get())
                    if kind is scalar:
                        continue
                    if kind is map_start or kind is seq_start:
                        depth += 1
                    elif kind is map_end or kind is seq_end:
                        depth -= 1
            if below is None:
                continue
        here = (*path, step)
        mark = event.start_mark
        values[here] = (mark.line + 1, mark.column + 1)
        remaining -= 1
        if not remaining:
            return True
        if below and is_collection:
            stack.append((wanted, path, index, in_map))
            wanted, path, index = below, here, 0
            in_map = kind is map_start


class Locations:
    """Line and column (1-based) of every value and key in a document, by path."""

    __slots__ = ("keys", "values")

    def __init__(self) -> None:
        self.values: dict[tuple[PathKey, ...], tuple[int, int]] = {}
        self.keys: dict[tuple[PathKey, ...], tuple[int, int]] = {}

    def find(self, path: tuple[PathKey, ...], *, key: bool = False) -> tuple[int, int] | None:
        """Where ``path`` is: its key if ``key`` is set, else its value, else its nearest parent."""
        if key and path in self.keys:
            return self.keys[path]
        while True:
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]


# -- encoding ----------------------------------------------------------------------------------

_UTF16_32_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _check_bom(data: bytes, file: str) -> None:
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            raise LoadError(
                [Problem(file, 1, 1, "$", f"file is encoded as {name}; save it as UTF-8")]
            )


def _check_encoding(data: bytes, file: str) -> None:
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


def _fast_build(data: bytes) -> Any:
    get: Any = _Parser(data).get_event
    get()  # stream start
    if type(get()) is ev.StreamEndEvent:
        return None
    event = get()
    kind = type(event)
    if event.anchor is not None:  # an anchor, or an alias
        raise _Slow
    if kind is ev.ScalarEvent:
        if event.tag is not None:
            raise _Slow
        root = event.value
        if not root and event.implicit[0]:
            root = None
    elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
        if event.tag is not None:
            raise _Slow
        root = _fast_collection(get, kind is ev.MappingStartEvent, MAX_VALUES, MAX_DEPTH - 1)
    else:  # pragma: no cover - a document starts with a node
        raise _Slow
    if type(get()) is not ev.DocumentEndEvent or type(get()) is not ev.StreamEndEvent:
        raise _Slow  # a second document
    return root


def _fast_collection(  # noqa: PLR0912, PLR0915  (one hot loop, kept whole)
    get: Any, in_map: bool, limit: int, depth_limit: int
) -> Any:
    """Build the collection whose start event was just read, up to its end event.

    Every name the loop touches is a local; a mapping reads a key and its value in one turn of
    the loop; the collections above the current one wait on `stack`. `limit` caps the events
    read since the document started; `depth_limit` is how many collections may be open above
    the current one when another starts.
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
                    raise _Slow
                key = event.value
                if (not key and event.implicit[0]) or key in top:
                    raise _Slow  # an empty or a duplicate key
                event = get()
                kind = type(event)
                count += 1
                if event.anchor is not None:  # an anchor, or an alias
                    raise _Slow
                if kind is scalar:
                    if event.tag is not None:
                        raise _Slow
                    value = event.value
                    top[key] = None if not value and event.implicit[0] else value
                else:
                    if (
                        (kind is not map_start and kind is not seq_start)
                        or event.tag is not None
                        or len(stack) >= depth_limit
                    ):
                        raise _Slow
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
                raise _Slow  # a collection or an alias as a key
        elif kind is scalar:
            if event.anchor is not None or event.tag is not None:
                raise _Slow
            value = event.value
            top.append(None if not value and event.implicit[0] else value)
        elif kind is seq_end:
            if not stack:
                break
            top = stack.pop()
            in_map = type(top) is dict
        elif kind is map_start or kind is seq_start:
            if event.anchor is not None or event.tag is not None or len(stack) >= depth_limit:
                raise _Slow
            node = {} if kind is map_start else []
            top.append(node)
            stack.append(top)
            top = node
            in_map = kind is map_start
        else:
            raise _Slow  # an alias
        if count > limit:
            raise _Slow
    if count > limit:
        raise _Slow
    return root


# -- the careful builder -----------------------------------------------------------------------


class _BadKey:
    """Stands in for a key that is not a string, so parsing can go on and find more."""

    __slots__ = ("line",)

    def __init__(self, line: int) -> None:
        self.line = line

    def __repr__(self) -> str:
        return f"<key at line {self.line}>"


class _Careful:
    def __init__(self, data: bytes, file: str) -> None:
        self.data = data
        self.file = file
        self.problems: list[Problem] = []
        self.locations = Locations()
        self.root: Any = None

    def problem(self, mark: Any, path: tuple[PathKey, ...], message: str) -> None:
        self.problems.append(
            Problem(self.file, mark.line + 1, mark.column + 1, format_path(path), message)
        )

    def events(self) -> Iterator[Any]:
        parser = _Parser(self.data)
        while True:
            event = parser.get_event()
            yield event
            if type(event) is ev.StreamEndEvent:
                return

    def run(self) -> _Careful:
        try:
            self._build()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = _syntax_message(exc, self.data, mark)
            if mark is None:  # pragma: no cover - libyaml always marks its errors
                self.problems.append(Problem(self.file, None, None, "$", message))
            else:
                self.problems.append(
                    Problem(self.file, mark.line + 1, mark.column + 1, "$", message)
                )
        except yaml.reader.ReaderError as exc:
            line, column = _line_column(self.data, exc.position)
            self.problems.append(
                Problem(self.file, line, column, "$", f"unreadable character: {exc.reason}")
            )
        return self

    def _build(self) -> None:  # noqa: PLR0912  (the grammar in one place)
        # a frame per open collection: [container, its path, the pending key, is it a key?]
        frames: list[list[Any]] = []
        documents = 0
        count = 0
        for event in self.events():
            kind = type(event)
            count += 1
            if count > MAX_VALUES:
                self.problem(event.start_mark, (), f"more than {MAX_VALUES:,} values")
                return
            if kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.problem(
                        event.start_mark,
                        (),
                        "a dossier file holds one YAML document; a second one starts here",
                    )
                    return
                continue
            if kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                closed = frames.pop()
                if closed[3]:
                    frames[-1][2] = _BadKey(event.start_mark.line + 1)
                continue
            if kind not in _NODE_EVENTS:
                continue
            value = self._node_value(event, frames)
            if value is _ABORT:
                return
            mark = (event.start_mark.line + 1, event.start_mark.column + 1)
            is_collection = type(value) is dict or type(value) is list
            if not frames:
                here: tuple[PathKey, ...] = ()
                self.root = value
            else:
                frame = frames[-1]
                container, parent_path, pending = frame[0], frame[1], frame[2]
                if type(container) is list:
                    here = (*parent_path, len(container))
                    container.append(value)
                elif pending is _NO_KEY:
                    if is_collection:
                        self.problem(event.start_mark, parent_path, "keys must be plain strings")
                        frames.append([value, (*parent_path, "<key>"), _NO_KEY, True])
                    else:
                        frame[2] = self._key(event, parent_path, container, value, mark)
                    continue
                else:
                    here = (*parent_path, pending)
                    if not isinstance(pending, _BadKey):
                        container[pending] = value
                    frame[2] = _NO_KEY
            self.locations.values[here] = mark
            if is_collection:
                frames.append([value, here, _NO_KEY, False])

    def _node_value(self, event: Any, frames: list[list[Any]]) -> Any:
        here = frames[-1][1] if frames else ()
        kind = type(event)
        if kind is ev.AliasEvent:
            self.problem(
                event.start_mark,
                here,
                f"aliases (*{event.anchor}) are not allowed; write the value out in full",
            )
            return None
        if event.anchor is not None:
            self.problem(
                event.start_mark,
                here,
                f"anchors (&{event.anchor}) are not allowed; write each value out in full",
            )
        if event.tag is not None:
            self.problem(event.start_mark, here, f"tags ({event.tag}) are not allowed")
        if kind is ev.ScalarEvent:
            value = event.value
            return None if not value and event.implicit[0] else value
        if len(frames) >= MAX_DEPTH:
            self.problem(event.start_mark, here, f"nesting is deeper than {MAX_DEPTH} levels")
            return _ABORT
        return {} if kind is ev.MappingStartEvent else []

    def _key(
        self,
        event: Any,
        parent_path: tuple[PathKey, ...],
        container: dict[Any, Any],
        value: str | None,
        mark: tuple[int, int],
    ) -> Any:
        if value is None:
            self.problem(event.start_mark, parent_path, "empty key")
            return _BadKey(mark[0])
        if value in container or (*parent_path, value) in self.locations.keys:
            first = self.locations.keys.get((*parent_path, value))
            where = f" (first at line {first[0]})" if first else ""
            self.problem(event.start_mark, (*parent_path, value), f"duplicate key {value!r}{where}")
            return _BadKey(mark[0])
        self.locations.keys[(*parent_path, value)] = mark
        return value


_NODE_EVENTS: Final = (
    ev.ScalarEvent,
    ev.MappingStartEvent,
    ev.SequenceStartEvent,
    ev.AliasEvent,
)
_ABORT: Final = object()


def _syntax_message(exc: yaml.MarkedYAMLError, data: bytes, mark: Any) -> str:
    if mark is not None:
        lines = data.split(b"\n", mark.line + 1)
        if mark.line < len(lines) and b"\t" in lines[mark.line][: mark.column + 1]:
            return "tabs are not allowed in YAML indentation; indent with spaces"
    problem = (exc.problem or "invalid YAML").strip()
    context = f" {exc.context}" if exc.context else ""
    return f"invalid YAML: {problem}{context}"
