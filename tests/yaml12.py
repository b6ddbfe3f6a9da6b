"""Read YAML as an editor with a YAML 1.2 core-schema reader does, to check files against schemas.

negotrack's own reader keeps every scalar as text and lets the model decide. The editor, and so the
JSON Schemas, see plain scalars typed by the YAML 1.2 core schema: ``12`` is a number, ``true`` a
boolean, ``~`` null, while ``NO`` and ``2022-03-16`` stay text. Quoted and block scalars are always
text. Tags are not honoured (negotrack refuses them anyway); mapping keys stay text.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final

import yaml

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["load_typed", "resolve_plain"]

_NULL: Final = re.compile(r"~|null|Null|NULL|")
_BOOL: Final = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_NUMBERS: Final[tuple[tuple[re.Pattern[str], Callable[[str], int | float]], ...]] = (
    (re.compile(r"[-+]?[0-9]+"), int),
    (re.compile(r"0o[0-7]+|0x[0-9a-fA-F]+"), lambda text: int(text, 0)),
    (re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"), float),
    (
        re.compile(r"[-+]?\.(?:inf|Inf|INF)"),
        lambda text: -math.inf if text.startswith("-") else math.inf,
    ),
    (re.compile(r"\.(?:nan|NaN|NAN)"), lambda _: math.nan),
)


def resolve_plain(text: str) -> object:
    """Return what a plain (unquoted) scalar means under the YAML 1.2 core schema."""
    if _NULL.fullmatch(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    for pattern, convert in _NUMBERS:
        if pattern.fullmatch(text):
            return convert(text)
    return text


def load_typed(source: str | os.PathLike[str]) -> object:
    """Parse one YAML document into dicts, lists and typed scalars, as a YAML 1.2 editor does.

    Args:
        source: YAML text (a ``str``), or the path of a file (a ``Path`` or other path-like).
    """
    text = Path(source).read_text(encoding="utf-8") if isinstance(source, os.PathLike) else source
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return None if node is None else _build(node)


def _build(node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return {_key(key): _build(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_build(item) for item in node.value]
    assert isinstance(node, yaml.ScalarNode)
    if node.style is None:  # plain: typed by its text; quoted and block scalars are text
        return resolve_plain(node.value)
    return node.value


def _key(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise TypeError(
            f"a mapping key must be text, got {type(node).__name__} at {node.start_mark}"
        )
    return str(node.value)
