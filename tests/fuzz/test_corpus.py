"""Every input the fuzzer keeps, and every one that ever failed, is replayed on each run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.targets import TARGETS

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted((t, p) for t in TARGETS for p in (CORPUS / t).iterdir() if p.is_file())


def test_every_target_has_a_corpus() -> None:
    assert {t for t, _ in CASES} == set(TARGETS)


@pytest.mark.parametrize(("target", "path"), CASES, ids=[f"{t}/{p.name}" for t, p in CASES])
def test_a_saved_input_is_loaded_or_refused_cleanly(target: str, path: Path) -> None:
    """A clean refusal is a `NegotrackError`; anything else raised is a bug the fuzzer found."""
    TARGETS[target](path.read_bytes())


@pytest.mark.slow
@pytest.mark.parametrize("target", sorted(TARGETS))
def test_the_fuzzer_finds_no_failure_in_a_minute(target: str, tmp_path: Path) -> None:
    """``python -m tests.fuzz TARGET 60`` (the ``fuzz`` extra: atheris) ends without a failure."""
    before = set((CORPUS / target).glob("failure-*"))
    env = {**os.environ, "PYTHONPATH": str(CORPUS.parents[2])}
    done = subprocess.run(  # noqa: S603 - our own fuzzer, fixed arguments
        [sys.executable, "-m", "tests.fuzz", target, "60"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert "No module named 'atheris'" not in done.stderr, "install the fuzz extra"
    assert set((CORPUS / target).glob("failure-*")) == before, done.stderr[-3000:]
    assert done.returncode == 0, done.stderr[-3000:]
