"""The command line's exit codes, shared by the parser and the commands.

0 success, 1 differences found (only with ``--exit-code``, as ``git diff``), 2 bad input or usage.
"""

from __future__ import annotations

from typing import Final

__all__ = ["EXIT_BAD_INPUT", "EXIT_DIFFERENCES", "EXIT_OK"]

#: The command did what was asked.
EXIT_OK: Final = 0
#: ``diff --exit-code`` found differences.
EXIT_DIFFERENCES: Final = 1
#: A mistake in the input or the command line: one line on stderr, never a traceback.
EXIT_BAD_INPUT: Final = 2
