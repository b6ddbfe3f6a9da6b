"""The package's public face: lazy exports that match ``__all__``."""

from __future__ import annotations

import subprocess
import sys

import pytest

import negotrack


def test_every_export_resolves() -> None:
    """Every name in ``__all__`` can be imported from the package."""
    for name in negotrack.__all__:
        assert getattr(negotrack, name) is not None


def test_all_is_sorted_and_complete() -> None:
    """``__all__`` is sorted and lists exactly the lazily exported names."""
    assert sorted(negotrack.__all__) == list(negotrack.__all__)
    assert set(negotrack.__all__) == set(negotrack._EXPORTS)
    assert set(negotrack.__all__) <= set(dir(negotrack))


def test_unknown_attribute() -> None:
    """A name the package does not have raises AttributeError."""
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = negotrack.nope


def test_import_is_light() -> None:
    """``import negotrack`` and the CLI module load neither PyYAML nor cattrs."""
    code = "import sys, negotrack, negotrack.cli._main; print('yaml' in sys.modules, 'cattrs' in sys.modules)"
    result = subprocess.run(  # noqa: S603  (our own program, fixed arguments)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "False False" == result.stdout.strip()
