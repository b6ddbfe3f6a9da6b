"""``python -m negotrack``: the same as the ``negotrack`` command."""

import sys

from negotrack.cli import main

__all__: list[str] = []

sys.exit(main())
