"""The summary tables of the API reference, written into docs/api.md as plain Markdown.

Each section of docs/api.md documents its names with autodoc, which only a docs build fills
in: read raw, an ``{eval-rst}`` block shows the names and nothing about them. So each such
block is preceded by ``<!-- names -->`` ... ``<!-- end names -->``, between which `render`
writes one row per name the block documents: the name, and the summary line of its docstring
(for a ``py:data`` entry, the first sentence of the description written in the block).
"""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Final

__all__ = ["render", "summary_of", "table"]

_BLOCK: Final = re.compile(
    r"(?P<open><!-- names -->\n).*?(?P<close><!-- end names -->\n+```\{eval-rst\}\n"
    r"(?P<rst>.*?)^```$)",
    re.DOTALL | re.MULTILINE,
)
_ENTRY: Final = re.compile(
    r"^\.\. (?P<kind>autofunction|autoclass|autoexception|py:data):: (?P<name>[\w.]+)\n"
    r"(?P<body>(?:^(?:   .*)?\n)*)",
    re.MULTILINE,
)


def _markdown(text: str) -> str:
    """Inline literals (````x````) and roles of reStructuredText as Markdown code; one line."""
    text = re.sub(r":[\w:]+:`([^`]+)`", r"`\1`", text)
    return " ".join(text.replace("``", "`").split()).replace("|", "\\|")


def _first_sentence(paragraph: str) -> str:
    match = re.search(r"^(.*?[.!?])(?:\s|$)", paragraph, re.DOTALL)
    return match[1] if match else paragraph


def summary_of(kind: str, name: str, body: str) -> str:
    """The one line said of a documented name: its docstring's summary line.

    For a ``py:data`` entry, which has no docstring, the first sentence of its description.

    Raises:
        ValueError: If the object has no docstring, or the entry no description.
    """
    if kind == "py:data":
        text = "\n".join(
            line.strip() for line in body.splitlines() if not line.strip().startswith(":")
        ).strip()
        if not text:
            raise ValueError(f"{name}: the py:data entry has no description")
        return _markdown(_first_sentence(text.split("\n\n")[0]))
    module, _, attribute = name.rpartition(".")
    doc = inspect.getdoc(getattr(importlib.import_module(module), attribute))
    if not doc:
        raise ValueError(f"{name} has no docstring")
    return _markdown(doc.split("\n\n")[0])


def table(rst: str) -> str:
    """The Markdown table of the names an ``{eval-rst}`` block documents."""
    rows = ["| Name | What it is |", "| --- | --- |"]
    for entry in _ENTRY.finditer(rst):
        summary = summary_of(entry["kind"], entry["name"], entry["body"])
        rows.append(f"| `{entry['name']}` | {summary} |")
    return "\n" + "\n".join(rows) + "\n\n"  # blank lines: the markers stay out of the table


def render(page: str) -> str:
    """The page with each ``<!-- names -->`` table made afresh from the code."""
    return _BLOCK.sub(lambda m: m["open"] + table(m["rst"]) + m["close"], page)
