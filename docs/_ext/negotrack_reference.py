"""Sphinx hooks for the negotrack documentation.

The tables of keys in the format reference are plain Markdown, written into docs/format.md by
`docs._ext.format_reference` so that the page reads the same raw and built. This extension
appends each field's description to the class docstrings that autodoc renders, with a link to
the class's table, and trims the blank line that ends each ``pycon`` example block.
"""

from __future__ import annotations

from typing import Any

import attrs
from docutils import nodes

from docs._ext.format_reference import label_for

__all__ = ["add_field_descriptions", "setup", "trim_doctest_blocks"]

#: The package whose classes are written in dossier files (the others are Python-only results),
#: and its modules that hold none (the error family, the counts of a draft text's brackets).
_FILE_PACKAGE = "negotrack.model."
_NOT_IN_FILES = ("negotrack.model._errors", "negotrack.model._brackets")


def add_field_descriptions(  # noqa: PLR0917 - the signature Sphinx calls the hook with
    app: Any, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Append each field's description to an attrs class's docstring, for autodoc.

    The descriptions are written as ``:ivar:`` fields, the form napoleon gives an
    ``Attributes:`` section, followed by a link to the class's table in the format reference.
    """
    del app, name, options
    if what not in ("class", "exception") or not (isinstance(obj, type) and attrs.has(obj)):
        return
    described = [f for f in attrs.fields(obj) if f.metadata.get("description")]
    if not described:
        return
    lines.append("")
    lines.extend(f":ivar {f.name}: {f.metadata['description']}" for f in described)
    if obj.__module__.startswith(_FILE_PACKAGE) and obj.__module__ not in _NOT_IN_FILES:
        lines.append("")
        lines.append(f"The YAML keys are listed in :ref:`{label_for(obj)}`.")


def trim_doctest_blocks(app: Any, doctree: nodes.document) -> None:
    """Drop the blank line that ends each ``pycon`` block.

    doctest needs a blank line to see where the last example's output ends, before the closing
    fence; readers do not need to see it.
    """
    del app
    for block in doctree.findall(nodes.literal_block):
        text = block.astext()
        if block.get("language") == "pycon" and text != text.rstrip("\n"):
            block.children = [nodes.Text(text.rstrip("\n"))]
            block.rawsource = text.rstrip("\n")


def setup(app: Any) -> dict[str, Any]:
    """Register the two event handlers."""
    app.connect("autodoc-process-docstring", add_field_descriptions)
    app.connect("doctree-read", trim_doctest_blocks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
