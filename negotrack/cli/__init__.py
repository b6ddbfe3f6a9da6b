"""The ``negotrack`` command line: the top layer, and the only one that prints or exits.

Internal: the command line is used by running it, not by importing it. `negotrack.cli._main`
parses arguments and holds `main`, the console script's entry point; `._commands` runs each
command, importing the layers below only when a command needs them, so ``negotrack --help``
starts fast; `._git` reads dossiers from git revisions; `._exit` holds the exit codes.
"""

from __future__ import annotations

from negotrack.cli._main import main

__all__ = ["main"]
