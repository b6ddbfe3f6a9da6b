"""Parsing one YAML file: the fast builder first, the careful one only when the fast one gives up.

`negotrack.files._yaml` holds the fast builder and what both builders share;
`negotrack.files._locate` holds the careful builder, which is imported only when a file is refused.
A file whose only fault is duplicate keys needs neither: the fast builder reads it to the end and
notes each, and the file is read again only as far as the first place of each key.
"""

from __future__ import annotations

from typing import Any

import yaml

from negotrack.files._placing import capped
from negotrack.files._yaml import (
    Duplicates,
    PathKey,
    Slow,
    check_bom,
    check_encoding,
    fast_build,
    format_path,
)
from negotrack.model._errors import LoadError, Problem

__all__ = ["parse"]


def parse(data: bytes, file: str) -> Any:
    """Parse one YAML document into dicts, lists, strings and None, or raise `LoadError`.

    An empty document (or a file of comments only) gives None; the caller decides whether that
    is allowed.
    """
    check_bom(data, file)
    try:
        # no need to decode the bytes first: libyaml reads all of them and refuses what is not
        # UTF-8, so whatever it parses was valid UTF-8
        return fast_build(data)
    except Duplicates as exc:
        problems = _duplicates(data, file, exc.found)
        if problems is not None:
            raise LoadError(capped(problems, file)) from None
    except (Slow, yaml.YAMLError):
        pass
    check_encoding(data, file)
    from negotrack.files._locate import Careful  # noqa: PLC0415 - only when a file is refused

    problems = Careful(data, file, record=False).run().problems
    if not problems:  # pragma: no cover - the careful builder accepts only what the fast one does
        problems = [Problem(file, None, None, "$", "could not read the file as YAML")]
    raise LoadError(capped(problems, file))


def _duplicates(
    data: bytes, file: str, found: list[tuple[tuple[PathKey, ...], str, Any]]
) -> list[Problem] | None:
    """The problems of a file whose only fault is duplicate keys, from the fast builder's notes.

    Each is where libyaml saw it; the first place of each key is found by reading the file only
    as far as the last of them. None when a key is given twice inside a value given twice,
    where only the careful builder can say which first place is meant.
    """
    from negotrack.files._locate import locate_paths  # noqa: PLC0415 - only when refused

    paths = [(*path, key) for path, key, _ in found]
    wanted = set(paths)
    if any(path[:end] in wanted for path in wanted for end in range(1, len(path))):
        return None
    met: set[tuple[PathKey, ...]] = set()

    def enough(path: tuple[PathKey, ...]) -> bool:
        met.add(path)
        return len(met) == len(wanted)

    firsts = locate_paths(data, paths, enough).keys
    problems = []
    for path, (_, key, mark) in zip(paths, found, strict=True):
        first = firsts.get(path)
        where = f" (first at line {first[0]})" if first else ""
        problems.append(
            Problem(
                file,
                mark.line + 1,
                mark.column + 1,
                format_path(path),
                f"duplicate key {key!r}{where}",
            )
        )
    return problems
