"""The command line's exit codes, shared by the parser and the commands.

0 success, 1 differences found (only with ``--exit-code``, as ``git diff``), 2 bad input or usage;
130 and 141, as for a program the shell sees killed by SIGINT (Ctrl-C) or SIGPIPE (its output's
reader left, as in ``| head``).
"""

from __future__ import annotations

# not `typing.TYPE_CHECKING`: `negotrack --help` does not import typing
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_CLOSED_PIPE",
    "EXIT_DIFFERENCES",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
]

#: The command did what was asked.
EXIT_OK: Final = 0
#: ``diff --exit-code`` found differences.
EXIT_DIFFERENCES: Final = 1
#: A mistake in the input or the command line: one line on stderr, never a traceback.
EXIT_BAD_INPUT: Final = 2
#: Interrupted (Ctrl-C): 128 + SIGINT, as a shell reports it.
EXIT_INTERRUPTED: Final = 130
#: Standard output's reader left before the end (``| head``): 128 + SIGPIPE, as for ``cat``.
EXIT_CLOSED_PIPE: Final = 141
