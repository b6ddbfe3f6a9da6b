"""Shared test set-up: hypothesis profiles and paths to the examples."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

# Hypothesis loads its own derandomised "ci" profile when the CI variable is set; locally a
# faster profile keeps the suite quick. NEGOTRACK_HYPOTHESIS picks another, e.g. "thorough".
settings.register_profile("fast", max_examples=40, deadline=None)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
if not os.environ.get("CI"):
    settings.load_profile(os.environ.get("NEGOTRACK_HYPOTHESIS", "fast"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FLAGSHIP = EXAMPLES / "ukraine-russia-2022"
MINIMAL = EXAMPLES / "minimal"
DATA = ROOT / "tests" / "data"
