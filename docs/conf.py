"""Sphinx configuration for the negotrack documentation.

Build from the repository root, with warnings as errors and no network:

    python -m sphinx -W --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

import sys
from pathlib import Path

_DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(_DOCS.parent))

import negotrack  # noqa: E402 - importable only once the path above is set

project = "negotrack"
author = "negotrack developers"
copyright = "negotrack developers"  # noqa: A001 - the name Sphinx reads
release = negotrack.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "docs._ext.negotrack_reference",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "conftest.py", "Thumbs.db", ".DS_Store"]

# MyST: ::: fences for directives that hold Markdown, and definition lists. No substitutions:
# every page reads the same raw on a code host as built, so what is made from the code (the
# format reference's tables and limits) is written into the page (docs/_ext/format_reference.py).
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 4

# autodoc and napoleon: Google-style docstrings; attributes as fields of the class, so that an
# "Attributes:" section and the attribute itself are not described twice.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

html_theme = "furo"
html_title = f"negotrack {release}"
html_static_path: list[str] = []
html_show_sourcelink = False

# In docstrings, `name` links to the Python object of that name when there is one.
default_role = "py:obj"
