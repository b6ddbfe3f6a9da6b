"""How long ``negotrack --help`` takes to start, against a bare Python start in the same run.

Run from the repository root::

    python -m benchmarks.bench_startup [--repeat N]

Each command runs N times in a fresh process; the best time of each is kept. The target is that
``negotrack --help`` finishes in under 100 ms; the ratio to a bare ``python -c pass`` shows how
much of that is negotrack's own import work rather than the interpreter starting.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

TARGET_SECONDS = 0.100


def best_time(command: Sequence[str], repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``command``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)  # noqa: S603 - fixed commands
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    """Time the commands and print the figures and the verdict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    script = shutil.which("negotrack", path=str(Path(sys.executable).parent))
    if script is None:
        print("the negotrack script is not installed in this environment", file=sys.stderr)
        return 2
    rows = [
        ("python -c pass (reference)", [sys.executable, "-c", "pass"]),
        ("python -c 'import negotrack'", [sys.executable, "-c", "import negotrack"]),
        ("negotrack --help", [script, "--help"]),
        ("negotrack diff --help", [script, "diff", "--help"]),
    ]
    times = {name: best_time(command, args.repeat) for name, command in rows}
    reference = times[rows[0][0]]
    print(f"best of {args.repeat} runs, each in a fresh process")
    for name, seconds in times.items():
        print(f"  {name:<32} {seconds * 1000:7.1f} ms  {seconds / reference:5.2f} x ref")
    help_time = times["negotrack --help"]
    verdict = "PASS" if help_time < TARGET_SECONDS else "FAIL"
    print(f"target: negotrack --help < {TARGET_SECONDS * 1000:.0f} ms: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
