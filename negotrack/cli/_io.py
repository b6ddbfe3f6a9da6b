"""The command line's input and output: standard input for ``-``, where output goes, colour.

Only the CLI reads standard input or writes standard output; the commands in
`negotrack.cli._commands` go through these.

Colour, for each stream on its own: ``--color always`` or ``never`` decides; else ``NO_COLOR``
(set and not empty) turns it off; else output written to a file with ``-o`` is plain; else
``FORCE_COLOR`` or ``CLICOLOR_FORCE`` (set, and not empty or ``0``) turns it on; else it is on
when the stream is a terminal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

from negotrack.files._loading import Validation, load, validate, validate_bytes

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable

    from negotrack.model._negotiation import Negotiation

__all__ = [
    "STDIN",
    "dossier",
    "dossier_paths",
    "emit",
    "folder_of",
    "paint",
    "quiet_closed_pipe",
    "renderer",
    "to_stdout",
    "use_color",
    "validated",
    "width",
]

STDIN: Final = "-"
#: What ``emit`` writes at a time: a reader that leaves early (``| head``) is then always seen.
_CHUNK: Final = 1 << 14
_RESET: Final = "\x1b[0m"
_STYLES: Final = {"bold": "\x1b[1m", "red": "\x1b[31m", "green": "\x1b[32m", "cyan": "\x1b[36m"}


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


def folder_of(path: Path) -> Path | None:
    """The folder dossier a file belongs to, if it is one's negotiation.yaml or a round file."""
    from negotrack.files._loading import DOSSIER_FILE, ROUNDS_DIR  # noqa: PLC0415

    if path.name in (DOSSIER_FILE, "negotiation.yml"):
        return path.parent
    if path.parent.name == ROUNDS_DIR and any(
        (path.parent.parent / name).is_file() for name in (DOSSIER_FILE, "negotiation.yml")
    ):
        return path.parent.parent
    return None


def dossier_paths(values: Iterable[str]) -> list[str]:
    """The dossiers that paths name, each once: a folder dossier's file names its folder.

    ``negotiation.yaml`` and the files in ``rounds/`` of a folder dossier are not dossiers on
    their own, so each stands for its folder (as a ``pre-commit`` hook passes the files that
    changed); any other path is kept as given. The order is that of first mention.
    """
    found: dict[str, str] = {}
    for value in values:
        path = value
        if value != STDIN and Path(value).is_file():
            folder = folder_of(Path(value))
            path = str(folder) if folder is not None else value
        key = path if path == STDIN else os.path.normcase(os.path.realpath(path))
        found.setdefault(key, path)
    return list(found.values())


def to_stdout(args: argparse.Namespace) -> bool:
    """Whether the output goes to standard output: no ``-o``, or ``-o -``."""
    output = getattr(args, "output", None)
    return output is None or output == STDIN


def use_color(args: argparse.Namespace, stream: TextIO, *, errors: bool = False) -> bool:
    """Whether text for ``stream`` is coloured, by the rule in this module's docstring.

    ``errors`` says that ``stream`` is standard error, which ``-o`` does not redirect.
    """
    choice = getattr(args, "color", "auto")
    if choice != "auto":
        return bool(choice == "always")
    if os.environ.get("NO_COLOR"):
        return False
    if not errors and not to_stdout(args):
        return False  # a file never gets terminal escapes unless --color always asks
    forced = (os.environ.get(name, "") for name in ("FORCE_COLOR", "CLICOLOR_FORCE"))
    if any(value not in ("", "0") for value in forced):
        return True
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False


def paint(text: str, style: str, color: bool) -> str:
    """``text`` in a style (``bold``, ``red``, ``green``, ``cyan``) when ``color``, else as is."""
    return f"{_STYLES[style]}{text}{_RESET}" if color and text else text


def width(args: argparse.Namespace, out: TextIO) -> int:
    """The width to wrap text to: ``--width``, else the terminal's, else 80."""
    if getattr(args, "width", None):
        return max(int(args.width), 20)
    if to_stdout(args) and out.isatty():
        import shutil  # noqa: PLC0415 - it imports bz2, lzma and zlib

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
        text = text if text.endswith("\n") else text + "\n"
        out.writelines(text[start : start + _CHUNK] for start in range(0, len(text), _CHUNK))
        return
    from negotrack.files._writing import atomic_write  # noqa: PLC0415

    atomic_write(Path(args.output), text)


def quiet_closed_pipe() -> None:
    """After standard output's reader left (``| head``): make Python's last flush say nothing.

    Standard output is pointed at the null device, so that the flush at exit does not print
    a ``BrokenPipeError`` of its own.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:  # pragma: no cover - no null device
        return
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test's capture): nothing to flush
        pass
    finally:
        os.close(devnull)
