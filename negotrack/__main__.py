"""``python -m negotrack``: the same as the ``negotrack`` command."""

import sys

from negotrack._cli import main

sys.exit(main())
