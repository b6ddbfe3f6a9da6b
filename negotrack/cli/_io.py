"""The command line's input and output: standard input for ``-``, where output goes, colour.

Only the CLI reads standard input or writes standard output; the commands in
`negotrack.cli._commands` go through these.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

from negotrack.files._loading import Validation, load, validate, validate_bytes

if TYPE_CHECKING:
    import argparse

    from negotrack.model._negotiation import Negotiation

__all__ = ["STDIN", "dossier", "emit", "renderer", "to_stdout", "use_color", "validated", "width"]

STDIN: Final = "-"


def _stdin_bytes() -> bytes:
    return sys.stdin.buffer.read()


def dossier(value: str) -> Negotiation:
    """The dossier an argument names: a path, or ``-`` for a single file on standard input."""
    if value == STDIN:
        return validate_bytes(_stdin_bytes(), "<stdin>").negotiation
    return load(value)


def validated(value: str) -> Validation:
    """`validate` of the dossier an argument names (``-``: standard input), with its notes."""
    if value == STDIN:
        return validate_bytes(_stdin_bytes(), "<stdin>")
    return validate(value)


def to_stdout(args: argparse.Namespace) -> bool:
    """Whether the output goes to standard output: no ``-o``, or ``-o -``."""
    return args.output is None or args.output == STDIN


def use_color(args: argparse.Namespace, out: TextIO) -> bool:
    """Whether terminal text is coloured: ``--color``, then NO_COLOR, FORCE_COLOR, a terminal."""
    choice = getattr(args, "color", "never")
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if not to_stdout(args):
        return False  # a file never gets terminal escapes unless --color always asks
    forced = (os.environ.get(name, "") for name in ("FORCE_COLOR", "CLICOLOR_FORCE"))
    return any(value not in ("", "0") for value in forced) or out.isatty()


def width(args: argparse.Namespace, out: TextIO) -> int:
    """The width to wrap text to: ``--width``, else the terminal's, else 80."""
    if getattr(args, "width", None):
        return max(int(args.width), 20)
    if to_stdout(args) and out.isatty():
        return shutil.get_terminal_size().columns
    return 80


def renderer(args: argparse.Namespace, out: TextIO) -> Any:
    """The renderer for ``--format``, coloured and wrapped as the output calls for."""
    from negotrack.report._render import renderer_for  # noqa: PLC0415

    return renderer_for(args.format, color=use_color(args, out), width=width(args, out))


def emit(args: argparse.Namespace, text: str, out: TextIO) -> None:
    """Write the whole output to ``--output``, or to standard output (``-o -``).

    ``--output`` is written by `negotrack.files._writing.atomic_write`: a file atomically, a FIFO
    or device (``/dev/stdout``) into, a symbolic link through, never replacing the link.
    """
    if to_stdout(args):
        out.write(text if text.endswith("\n") else text + "\n")
        return
    from negotrack.files._writing import atomic_write  # noqa: PLC0415

    atomic_write(Path(args.output), text)
