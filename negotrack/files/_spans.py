"""Where each round of a single-file dossier lies, so that a problem is located in its round only.

Locating a problem reads the file once more (`negotrack.files._locate.locate_paths`), as far as
the problem: for a bad reference in the last round of a single file, the whole file, which cost
as much again as parsing it. A dossier written as negotrack writes it (``rounds:`` a top-level
key, each round an item of a block list) shows where each round starts by its lines alone:
`locate_in_rounds` finds them with one regular expression, checks that there are as many as the
file has rounds, reads only the lines of the rounds that have problems, and checks that each is
the round it should be (its id). Anything else (a list in flow style, line breaks other than
a newline, a round whose id does not match) is read the whole way, as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import yaml

from negotrack.files._locate import Locations, locate_paths
from negotrack.files._yaml import Slow, fast_build

if TYPE_CHECKING:
    from collections.abc import Sequence

    from negotrack.files._yaml import PathKey

__all__ = ["locate_in_rounds"]

_ROUNDS: Final = re.compile(rb"^rounds:[ ]*(?:#[^\n]*)?\n", re.MULTILINE)
#: Line breaks libyaml counts as well as ``\n``: with any of them, lines are not counted here.
_OTHER_BREAKS: Final = (b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")
#: Past this share of the rounds holding problems, reading the whole file costs no more.
_MOST_ROUNDS: Final = 0.5


def locate_in_rounds(
    data: bytes, paths: Sequence[tuple[PathKey, ...]], round_ids: Sequence[object]
) -> Locations | None:
    """`locate_paths` of ``paths``, all inside ``$.rounds``, reading only their rounds' lines.

    ``round_ids`` are the ids the rounds were parsed with, in order. None when the rounds cannot
    be told apart by their lines; the caller then reads the whole file.
    """
    wanted: dict[int, list[tuple[PathKey, ...]]] = {}
    for path in paths:
        if len(path) < 2 or path[0] != "rounds" or type(path[1]) is not int:
            return None
        wanted.setdefault(path[1], []).append(path[2:])
    if len(wanted) > max(1, len(round_ids) * _MOST_ROUNDS):
        return None
    starts = _round_starts(data, len(round_ids))
    if starts is None or not all(0 <= index < len(starts) for index in wanted):
        return None
    found = Locations()
    for index, inner in wanted.items():
        if not _in_round(found, data, starts[index], (index, round_ids[index]), inner):
            return None
    return found


def _in_round(
    found: Locations,
    data: bytes,
    span: tuple[int, int, int],
    which: tuple[int, object],
    inner: list[tuple[PathKey, ...]],
) -> bool:
    """Record in ``found`` where ``inner`` paths are in one round; False if it is not that round."""
    begin, end, indent = span
    index, round_id = which
    # the item's "- " made spaces: the round alone, a mapping at its columns in the file
    chunk = data[begin : begin + indent] + b" " + data[begin + indent + 1 : end]
    try:
        parsed = fast_build(chunk)
    except (Slow, yaml.YAMLError):
        return False
    if type(parsed) is not dict or parsed.get("id") != round_id:
        return False
    lines = data.count(b"\n", 0, begin)
    located = locate_paths(chunk, inner)
    prefix: tuple[PathKey, ...] = ("rounds", index)
    for mine, theirs in ((found.values, located.values), (found.keys, located.keys)):
        for path, (line, column) in theirs.items():
            mine[(*prefix, *path)] = (line + lines, column)
    return True


def _round_starts(data: bytes, count: int) -> list[tuple[int, int, int]] | None:
    """Each round's item as (its first byte, the byte after its last, its indentation)."""
    if any(brk in data for brk in _OTHER_BREAKS):
        return None
    heads = list(_ROUNDS.finditer(data))
    if len(heads) != 1:
        return None
    begin = heads[0].end() - 1  # the line break before the list's first line
    # each pattern starts with a line break, which the search finds fast
    first = re.compile(rb"\n( *)-[ \n]").search(data, begin)
    if first is None:
        return None
    indent = len(first.group(1))
    # lines no deeper than an item: items, comments, or what follows the list
    shallow = re.compile(rb"\n {0,%d}[^ \n]" % indent)
    starts: list[int] = []
    end = len(data)
    for line in shallow.finditer(data, begin):
        at, start = line.end() - 1, line.start() + 1
        char = data[at : at + 1]
        if char == b"#":
            continue
        if at - start == indent and char == b"-" and data[at + 1 : at + 2] in (b" ", b"\n"):
            starts.append(start)
            continue
        end = start
        break
    if len(starts) != count:
        return None
    bounds = [*starts[1:], end]
    return [(start, stop, indent) for start, stop in zip(starts, bounds, strict=True)]
