"""Write the parts of the docs that are made from the code into the pages, as plain Markdown.

The pages must read correctly raw, on a code host, as well as built by Sphinx, so nothing in
them is filled in only by a docs build. What is made from the code sits between marker
comments, which neither a code host nor MyST shows: the format reference's tables of keys and
the loader's limits (`docs._ext.format_reference`), and the API reference's summary of each
section (`docs._ext.api_summary`).

After changing the model, a limit or a public docstring, run from the repository root::

    python -m docs._ext.generate --write

Without ``--write`` it writes nothing and exits with 1 when a page is stale; tests/test_docs.py
runs the same check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

from docs._ext import api_summary, format_reference

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

__all__ = ["COMMAND", "PAGES", "main", "stale"]

_DOCS: Final = Path(__file__).resolve().parent.parent

#: Each page with generated parts, and the function that makes its text afresh.
PAGES: Final[Mapping[Path, Callable[[str], str]]] = {
    _DOCS / "format.md": format_reference.render,
    _DOCS / "api.md": api_summary.render,
}

#: The command that brings the pages up to date.
COMMAND: Final = "python -m docs._ext.generate --write"


def stale() -> dict[Path, str]:
    """The pages whose generated parts no longer match the code, with their fresh text."""
    found = {}
    for page, render in PAGES.items():
        text = page.read_text(encoding="utf-8")
        fresh = render(text)
        if fresh != text:
            found[page] = fresh
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Check the generated parts of the pages, or rewrite them; 1 when some are stale."""
    parser = argparse.ArgumentParser(prog="python -m docs._ext.generate", description=__doc__)
    parser.add_argument("--write", action="store_true", help="rewrite the stale pages")
    args = parser.parse_args(argv)
    pages = stale()
    for page, fresh in pages.items():
        if args.write:
            page.write_text(fresh, encoding="utf-8")
            print(f"rewrote {page.relative_to(_DOCS.parent)}")
        else:
            print(f"{page.relative_to(_DOCS.parent)} is stale; run: {COMMAND}")
    return 1 if pages and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
