"""Run the documentation's doctests from the repository root, where ``examples/`` is."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _at_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make relative paths such as ``examples/minimal`` work wherever pytest was started."""
    monkeypatch.chdir(ROOT)
