"""Report benchmark: the HTML report of the flagship and of a 1,000-round dossier.

Run from the repository root::

    python -m benchmarks.bench_report [--rounds N] [--parties N] [--issues N] [--repeat N]

Each dossier is written as YAML (`negotrack.save`, a folder) and loaded with `negotrack.load`, as
users load it; then, best of N, taking turns within each round:

(a) ``yaml.load(..., Loader=yaml.CSafeLoader)`` of the dossier's files, bytes read beforehand:
    the reference, so that the figures read as ratios on any machine;
(b) the timeline (`negotrack.timeline`), which the report is drawn from;
(c) ``HtmlRenderer().report(negotiation, timeline)``: the page itself, timeline given;
(d) ``negotrack report DOSSIER -f html`` as the command line does it: load, timeline, render.

The product's targets are absolute: the flagship's page under 300 KB and rendered (c) in under
0.5 s; a 1,000-round dossier's page rendered (d) in under 10 s. The figures are printed, never
asserted on.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

import negotrack
from benchmarks.bench_load import best_times
from benchmarks.bench_timeline import build
from negotrack.report._html import HtmlRenderer

if TYPE_CHECKING:
    from collections.abc import Sequence

FLAGSHIP = Path(__file__).resolve().parent.parent / "examples" / "ukraine-russia-2022"
SIZE_TARGET = 300_000
FLAGSHIP_TARGET = 0.5
LONG_TARGET = 10.0


def measure(folder: Path, repeat: int) -> dict[str, Any]:
    """Time a, b, c and d for the dossier in ``folder``; return the figures and the page size."""
    files = [p.read_bytes() for p in sorted(folder.rglob("*.yaml"))]
    negotiation = negotrack.load(folder)
    story = negotrack.timeline(negotiation)
    renderer = HtmlRenderer()
    page = renderer.report(negotiation, story)

    def whole() -> str:
        loaded = negotrack.load(folder)
        return HtmlRenderer().report(loaded, negotrack.timeline(loaded))

    best = best_times(
        {
            "a": lambda: [yaml.load(data, Loader=yaml.CSafeLoader) for data in files],
            "b": lambda: negotrack.timeline(negotiation),
            "c": lambda: renderer.report(negotiation, story),
            "d": whole,
        },
        repeat,
    )
    return {
        "rounds": len(negotiation.rounds),
        "parties": len(negotiation.parties),
        "issues": len(negotiation.issues),
        "bytes": len(page.encode("utf-8")),
        "seconds": best,
    }


def render(name: str, figures: dict[str, Any]) -> list[str]:
    """Lines for one dossier's figures."""
    seconds = figures["seconds"]
    ref = seconds["a"]
    what = {
        "a": "yaml.load CSafeLoader (reference)",
        "b": "negotrack.timeline",
        "c": "HtmlRenderer.report (page only)",
        "d": "load + timeline + page (the CLI)",
    }
    lines = [
        (
            f"{name}: {figures['rounds']:,} rounds x {figures['parties']} parties x "
            f"{figures['issues']} issues; page {figures['bytes']:,} bytes"
        ),
        f"    {'what':<40} {'time':>10} {'x ref':>7}",
    ]
    lines += [
        f"{key:<3} {what[key]:<40} {seconds[key] * 1000:>8.1f}ms {seconds[key] / ref:>7.2f}"
        for key in "abcd"
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the flagship and a long synthetic dossier; print the figures and the targets."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_report", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--parties", type=int, default=10)
    parser.add_argument("--issues", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    flagship = measure(FLAGSHIP, max(args.repeat, 5))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "long"
        negotrack.save(build(args.rounds, args.parties, args.issues), folder)
        long = measure(folder, args.repeat)
    print(f"negotrack {negotrack.__version__}, Python {sys.version.split()[0]}; best of runs")
    for line in [*render("flagship", flagship), "", *render("long dossier", long)]:
        print(line)
    checks = [
        ("flagship page < 300 KB", flagship["bytes"] < SIZE_TARGET, f"{flagship['bytes']:,} B"),
        (
            "flagship page rendered < 0.5 s",
            flagship["seconds"]["c"] < FLAGSHIP_TARGET,
            f"{flagship['seconds']['c']:.3f} s",
        ),
        (
            f"{long['rounds']:,}-round report (CLI) < 10 s",
            long["seconds"]["d"] < LONG_TARGET,
            f"{long['seconds']['d']:.2f} s",
        ),
    ]
    print()
    for label, passed, figure in checks:
        print(f"target: {label}: {'PASS' if passed else 'FAIL'} ({figure})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
