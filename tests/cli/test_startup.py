"""``negotrack --help`` stays light: building the parser imports no model, renderer or YAML."""

from __future__ import annotations

import subprocess
import sys


def test_the_parser_imports_nothing_heavy() -> None:
    """A module at parser build time that imports the model (attrs), PyYAML or a renderer slows
    every ``--help`` and every mistyped command by tens of milliseconds; it has happened three
    times as commands were added."""
    code = (
        "import sys; from negotrack.cli._main import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('attr', 'attrs', 'cattrs', 'yaml', 'jinja2') or m.startswith(('negotrack.model', "
        "'negotrack.files', 'negotrack.report', 'negotrack.diff', 'negotrack.interop'))))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
