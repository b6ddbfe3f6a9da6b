"""Where things are in a YAML file: the careful reader, run only when something is wrong.

`negotrack.files._yaml` reads files fast and keeps no positions. When a file is refused, or a later
stage finds a problem, this module reads it again: `Careful` records the line and column of every
key and value and collects every problem it meets; `locate_paths` records only what lies on the way
to the paths that have problems.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import yaml
from yaml import events as ev

from negotrack.files import _yaml
from negotrack.files._yaml import (
    _NO_KEY,
    Parser,
    PathKey,
    _line_column,
    format_path,
)
from negotrack.model._errors import Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

__all__ = ["Careful", "Locations", "locate", "locate_paths"]


def locate(data: bytes) -> Locations:
    """Parse a document that `parse` accepted, this time recording where every node is."""
    return Careful(data, "").run().locations


def locate_paths(
    data: bytes,
    paths: Iterable[tuple[PathKey, ...]],
    enough: Callable[[tuple[PathKey, ...]], bool] | None = None,
) -> Locations:
    """Where the given paths are in a document that `parse` accepted, reading only what it must.

    ``locate_paths(data, paths).find(path, key=...)`` is ``locate(data).find(path, key=...)`` for
    each of ``paths``: the keys and values on the way to each path are recorded, and nothing else.
    One pass over libyaml's events skips every subtree that holds none of the paths and stops as
    soon as the last one is found.

    With ``enough``, it is called with each of ``paths`` as it is found, in file order, and the
    pass stops as soon as it returns True; ``complete`` is then False, and the paths not found
    yet are not in the result (`Locations.exact` tells).
    """
    # the wanted paths as a tree of steps, each a dict of the steps below it
    wanted: dict[PathKey, Any] = {}
    remaining = 0
    paths = list(paths)
    ends = frozenset(paths) if enough is not None else frozenset()
    for path in paths:
        node = wanted
        for step in path:
            below = node.get(step)
            if below is None:
                below = node[step] = {}
                remaining += 1
            node = below
    locations = Locations()
    get: Any = Parser(data).get_event
    try:
        get()  # stream start
        if type(get()) is not ev.DocumentStartEvent:
            return locations  # an empty file
        event = get()
        mark = event.start_mark
        locations.values[()] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if enough is not None and () in ends and enough(()):
            locations.complete = False
            return locations
        if (
            not remaining
            or (kind is not ev.MappingStartEvent and kind is not ev.SequenceStartEvent)
            or _walk_to(
                get,
                wanted,
                kind is ev.MappingStartEvent,
                remaining,
                locations,
                (ends, enough) if enough is not None else None,
            )
        ):
            return locations
    except yaml.YAMLError:
        pass
    return locate(data)  # not a document `parse` accepts: let the careful builder say


def _walk_to(  # noqa: PLR0912, PLR0915, PLR0917  (one loop, kept whole)
    get: Any,
    wanted: dict[PathKey, Any],
    in_map: bool,
    remaining: int,
    locations: Locations,
    stop: tuple[frozenset[tuple[PathKey, ...]], Callable[[tuple[PathKey, ...]], bool]] | None,
) -> bool:
    """Record the places of the ``wanted`` steps below a collection whose start was just read.

    Stops after the collection's end, once ``remaining`` places are recorded, or when ``stop``'s
    function says so of one of its paths. Returns False at something `parse` refuses (a key
    that is not a scalar), where this walk cannot follow.
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
            if below is not None:  # the first place of a key given twice is the one kept
                mark = event.start_mark
                keys.setdefault((*path, step), (mark.line + 1, mark.column + 1))
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
        if here not in values:
            mark = event.start_mark
            values[here] = (mark.line + 1, mark.column + 1)
            remaining -= 1
            if not remaining:
                return True
            if stop is not None and here in stop[0] and stop[1](here):
                locations.complete = False
                return True
        if below and is_collection:
            stack.append((wanted, path, index, in_map))
            wanted, path, index = below, here, 0
            in_map = kind is map_start


class Locations:
    """Line and column (1-based) of every value and key in a document, by path.

    ``complete`` is False when `locate_paths` was told to stop before the end.
    """

    __slots__ = ("complete", "keys", "values")

    def __init__(self) -> None:
        self.values: dict[tuple[PathKey, ...], tuple[int, int]] = {}
        self.keys: dict[tuple[PathKey, ...], tuple[int, int]] = {}
        self.complete = True

    def exact(self, path: tuple[PathKey, ...], *, key: bool = False) -> tuple[int, int] | None:
        """`find`, or None for a path not recorded in a pass that stopped before the end."""
        if self.complete or path in self.values:
            return self.find(path, key=key)
        return None

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


# -- the careful builder -----------------------------------------------------------------------


class _BadKey:
    """Stands in for a key that is not a string, so parsing can go on and find more."""

    __slots__ = ("line",)

    def __init__(self, line: int) -> None:
        self.line = line

    def __repr__(self) -> str:
        return f"<key at line {self.line}>"


class Careful:
    """The careful builder: every problem of a document, and with ``record`` its tree and places.

    Without ``record`` (how `parse` explains a refused file) it keeps only what the open
    collections need to find problems, the keys of each open mapping with their places, so
    explaining a large file costs about what reading it fast does, whatever its size.
    """

    def __init__(self, data: bytes, file: str, *, record: bool = True) -> None:
        self.data = data
        self.file = file
        self.record = record
        self.problems: list[Problem] = []
        self.locations = Locations()
        self.root: Any = None

    def problem(self, mark: Any, path: tuple[PathKey, ...], message: str) -> None:
        self.problems.append(
            Problem(self.file, mark.line + 1, mark.column + 1, format_path(path), message)
        )

    def events(self) -> Iterator[Any]:
        parser = Parser(self.data)
        while True:
            event = parser.get_event()
            yield event
            if type(event) is ev.StreamEndEvent:
                return

    def run(self) -> Careful:
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
        record = self.record
        for event in self.events():
            kind = type(event)
            count += 1
            if count > _yaml.MAX_VALUES:
                self.problem(event.start_mark, (), f"more than {_yaml.MAX_VALUES:,} values")
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
                    container.append(value if record else None)
                elif pending is _NO_KEY:
                    if is_collection:
                        self.problem(event.start_mark, parent_path, "keys must be plain strings")
                        frames.append([value, (*parent_path, "<key>"), _NO_KEY, True])
                    else:
                        frame[2] = self._key(event, parent_path, container, value, mark)
                    continue
                else:
                    here = (*parent_path, pending)
                    if record and not isinstance(pending, _BadKey):
                        container[pending] = value
                    frame[2] = _NO_KEY
            if record:
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
        if len(frames) >= _yaml.MAX_DEPTH:
            self.problem(event.start_mark, here, f"nesting is deeper than {_yaml.MAX_DEPTH} levels")
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
        if not self.record:  # the keys of an open mapping are held in it, with their places
            first = container.get(value)
            if first is None:
                container[value] = mark
                return value
        elif value in container or (*parent_path, value) in self.locations.keys:
            first = self.locations.keys.get((*parent_path, value))
        else:
            self.locations.keys[(*parent_path, value)] = mark
            return value
        where = f" (first at line {first[0]})" if first else ""
        self.problem(event.start_mark, (*parent_path, value), f"duplicate key {value!r}{where}")
        return _BadKey(mark[0])


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
