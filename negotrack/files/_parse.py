"""Parsing one YAML file: the fast builder first, the careful one only when the fast one gives up.

`negotrack.files._yaml` holds the fast builder and what both builders share;
`negotrack.files._locate` holds the careful builder, which is imported only when a file is refused.
"""

from __future__ import annotations

from typing import Any

import yaml

from negotrack.files._yaml import Slow, check_bom, check_encoding, fast_build
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
    except (Slow, yaml.YAMLError):
        pass
    check_encoding(data, file)
    from negotrack.files._locate import Careful  # noqa: PLC0415 - only when a file is refused

    problems = Careful(data, file).run().problems
    if not problems:  # pragma: no cover - the careful builder accepts only what the fast one does
        problems = [Problem(file, None, None, "$", "could not read the file as YAML")]
    raise LoadError(problems)
