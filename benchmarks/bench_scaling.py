"""Scaling benchmark: does a diff or a report cost what it shows, or what came before it?

Run from the repository root::

    python -m benchmarks.bench_scaling [--rounds 10,100,1000,3000] [--repeat N] [--seed N]
                                       [--keep DIR] [--rows labcdef] [--json]

For each round count, `benchmarks.generate.make_rounds` builds a dossier (16 parties, 16 issues,
24 proposals; every round with its statements, 3-8 positions per participant and stances),
writes it as YAML (a folder: ``negotiation.yaml`` and a file per round; ``--keep DIR`` keeps
the folders there and reuses them) and loads it with `negotrack.load`, as users load it. Then,
best of N, taking turns within each round, each timed action on a fresh copy of the loaded
dossier (`attrs.evolve`, made beforehand: nothing it worked out before is kept, as after a
load):

(l) ``negotrack.load`` of the folder, for information: what every command pays first;
(a) ``negotrack.compare`` of the last two rounds: the first question a dossier is asked, so it
    includes its one read of every round's positions and stances (`negotrack.model._in_force`);
(b) the same on a dossier already asked (what a notebook or a site of many diffs pays);
(c) the HTML diff of the last two rounds: compare, then ``HtmlRenderer.diff`` (the renderer
    made and its templates compiled beforehand, as for every page after a process's first);
(d), (e), (f) ``negotrack report -f text``, ``-f json`` and ``-f html`` as the command line
    does them after the load: the timeline, then the renderer's ``report``.

Every figure is printed with its ratio to the 10-round figure of the same row (the smallest
count asked for, if 10 is not among them): a cost that follows the history grows with the
round count, one that follows the work does not. The targets (issue 12): compare (b) does not
grow with the history (at the largest count at most twice its figure at 100 rounds, by when
every party has stated most of its positions); the HTML diff of a 1,000-round dossier in at
most 0.3 s; each report of a 1,000-round dossier in at most 5 s, the HTML page at most 5 MB.
The figures are printed, never asserted on.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

import negotrack
from benchmarks._timing import best_times
from benchmarks.generate import make_rounds, write_folder
from negotrack.report._html import HtmlRenderer
from negotrack.report._json import JsonRenderer
from negotrack.report._text import TextRenderer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

__all__ = ["ROWS", "main", "measure", "render"]

#: The timed rows: key and what is timed.
ROWS: Final = (
    ("l", "negotrack.load (info: once per run)"),
    ("a", "compare, last two rounds"),
    ("b", "compare again (dossier already asked)"),
    ("c", "HTML diff, last two rounds"),
    ("d", "report -f text (timeline + page)"),
    ("e", "report -f json (timeline + page)"),
    ("f", "report -f html (timeline + page)"),
)
#: Seconds allowed the HTML diff and each report of a 1,000-round dossier.
HTML_DIFF_TARGET: Final = 0.3
REPORT_TARGET: Final = 5.0
#: Bytes allowed the HTML report of a 1,000-round dossier.
PAGE_TARGET: Final = 5_000_000
#: How much compare may grow from 100 rounds to the largest count.
COMPARE_GROWTH: Final = 2.0
TARGET_ROUNDS: Final = 1000


def _dossier(n_rounds: int, seed: int, base: Path) -> tuple[Path, float]:
    """The folder of an ``n_rounds`` dossier under ``base`` (written now, or kept from before)."""
    start = time.perf_counter()
    folder = base / f"seed{seed}-rounds{n_rounds}"
    if not (folder / "negotiation.yaml").exists():
        write_folder(make_rounds(n_rounds, seed), folder)
    return folder, time.perf_counter() - start


def _fresh(negotiation: negotrack.Negotiation, count: int) -> Iterator[negotrack.Negotiation]:
    """``count`` copies of a dossier equal to it and knowing nothing it has worked out."""
    return iter([attrs.evolve(negotiation) for _ in range(count)])


def measure(folder: Path, repeat: int, rows: str = "labcdef") -> dict[str, Any]:
    """Time rows l and a to f (or those in ``rows``) on the dossier in ``folder``.

    Returns the figures, the sizes of the pages and the dossier's counts.
    """
    negotiation = negotrack.load(folder)
    before, after = negotiation.rounds[-2].id, negotiation.rounds[-1].id
    html = HtmlRenderer()
    sizes: dict[str, int] = {}

    def sized(key: str, page: str) -> str:
        sizes[key] = len(page.encode("utf-8"))
        return page

    def report(
        key: str, renderer: Any, copies: Iterator[negotrack.Negotiation]
    ) -> Callable[[], str]:
        def action() -> str:
            n = next(copies)
            return sized(key, renderer.report(n, negotrack.timeline(n)))

        return action

    html.diff(negotiation, negotrack.compare(negotiation, before, after))  # templates compiled
    asked = attrs.evolve(negotiation)
    negotrack.compare(asked, before, after)
    copies = {key: _fresh(negotiation, repeat) for key in "acdef"}
    actions: dict[str, Callable[[], object]] = {
        "l": lambda: negotrack.load(folder),
        "a": lambda: negotrack.compare(next(copies["a"]), before, after),
        "b": lambda: negotrack.compare(asked, before, after),
        "c": lambda: sized("c", _html_diff(html, next(copies["c"]), before, after)),
        "d": report("d", TextRenderer(), copies["d"]),
        "e": report("e", JsonRenderer(), copies["e"]),
        "f": report("f", html, copies["f"]),
    }
    return {
        "rounds": len(negotiation.rounds),
        "positions": sum(len(r.positions) for r in negotiation.rounds),
        "in_force": len(negotiation.effective_positions(after)),
        "statements": len(negotiation.all_statements),
        "seconds": best_times({k: v for k, v in actions.items() if k in rows}, repeat),
        "bytes": sizes,
    }


def _html_diff(html: HtmlRenderer, n: negotrack.Negotiation, before: str, after: str) -> str:
    return html.diff(n, negotrack.compare(n, before, after))


def _targets(runs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The issue's targets against the figures, where the runs include what they name."""
    by_rounds = {run["rounds"]: run for run in runs}
    found = []
    largest = max(by_rounds)
    if 100 in by_rounds and largest > 100 and "b" in by_rounds[100]["seconds"]:
        ratio = by_rounds[largest]["seconds"]["b"] / by_rounds[100]["seconds"]["b"]
        found.append(
            {
                "label": (
                    f"compare (b) at {largest:,} rounds <= {COMPARE_GROWTH:g} x at 100 rounds "
                    "(does not grow with history)"
                ),
                "pass": ratio <= COMPARE_GROWTH,
                "measured": f"{ratio:.2f} x",
            }
        )
    long = by_rounds.get(TARGET_ROUNDS, {"seconds": {}, "bytes": {}})
    seconds, sizes = long["seconds"], long["bytes"]
    for key, label, limit in (
        ("c", "HTML diff", HTML_DIFF_TARGET),
        ("d", "report -f text", REPORT_TARGET),
        ("e", "report -f json", REPORT_TARGET),
        ("f", "report -f html", REPORT_TARGET),
    ):
        if key in seconds:
            found.append(
                {
                    "label": f"{label} at 1,000 rounds <= {limit:g} s",
                    "pass": seconds[key] <= limit,
                    "measured": f"{seconds[key]:.3f} s",
                }
            )
    if "f" in sizes:
        found.append(
            {
                "label": "HTML report at 1,000 rounds <= 5 MB",
                "pass": sizes["f"] <= PAGE_TARGET,
                "measured": f"{sizes['f']:,} B",
            }
        )
    for target in found:
        verdict = "PASS" if target["pass"] else "FAIL"
        target["line"] = f"target: {target['label']}: {verdict} ({target['measured']})"
    return found


def run(
    counts: Sequence[int], repeat: int, seed: int, keep: Path | None, rows: str = "labcdef"
) -> dict[str, Any]:
    """Measure every round count; the report as a mapping (what ``--json`` prints)."""
    runs = []
    with tempfile.TemporaryDirectory(prefix="negotrack-scaling-") as temporary:
        for count in counts:
            folder, written = _dossier(count, seed, Path(temporary) if keep is None else keep)
            figures = measure(folder, repeat, rows)
            figures["written_seconds"] = written
            runs.append(figures)
    base = min(runs, key=lambda r: (r["rounds"] != 10, r["rounds"]))
    for figures in runs:
        figures["ratios"] = {
            key: figures["seconds"][key] / base["seconds"][key]
            for key in figures["seconds"]
            if key in base["seconds"]
        }
    return {
        "environment": {
            "negotrack": negotrack.__version__,
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
        },
        "seed": seed,
        "repeat": repeat,
        "base_rounds": base["rounds"],
        "runs": runs,
        "targets": _targets(runs),
    }


def render(report: dict[str, Any]) -> str:
    """The report as the table the script prints."""
    env, runs = report["environment"], report["runs"]
    ratio = f"x {report['base_rounds']} rounds"
    lines = [
        (
            f"negotrack {env['negotrack']}, Python {env['python']}, {env['cpus']} CPUs; "
            f"best of {report['repeat']}, seed {report['seed']}"
        ),
    ]
    for figures in runs:
        sizes = figures["bytes"]
        pages = ", ".join(
            f"{name} {sizes[key]:,} B"
            for key, name in (("d", "text"), ("e", "JSON"), ("f", "HTML"))
            if key in sizes
        )
        lines += [
            "",
            (
                f"{figures['rounds']:,} rounds: {figures['positions']:,} positions stated, "
                f"{figures['in_force']} in force at the end, {figures['statements']:,} "
                f"statements" + (f"; reports: {pages}" if pages else "")
            ),
            f"    {'what':<40} {'time':>11} {ratio:>12}",
        ]
        seconds, ratios = figures["seconds"], figures["ratios"]
        if "a" in seconds and "l" in seconds:
            share = seconds["a"] / seconds["l"]
            lines.insert(-1, f"    the first compare after a load costs {share:.1%} of the load")
        lines += [
            f"{key:<3} {what:<40} {seconds[key] * 1000:>9.1f}ms "
            + (f"{ratios[key]:>12.2f}" if key in ratios else f"{'':>12}")
            for key, what in ROWS
            if key in seconds
        ]
    lines.append("")
    lines += [t["line"] for t in report["targets"]]
    return "\n".join(lines)


def _counts(text: str) -> list[int]:
    try:
        counts = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of round counts: {text!r}") from None
    if not counts or counts[0] < 2:
        raise argparse.ArgumentTypeError("round counts must be at least 2")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table (or JSON); always exit 0 once it has run."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_scaling", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--rounds",
        type=_counts,
        default=[10, 100, 1000, 3000],
        help="round counts, comma-separated (default 10,100,1000,3000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic dossiers")
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="folder to keep the written dossiers in and reuse them from (default: a new one)",
    )
    parser.add_argument(
        "--rows", default="labcdef", help="the rows to time, as letters (default labcdef: all)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.repeat <= 0:
        parser.error("--repeat must be positive")
    if not args.rows or set(args.rows) - set("labcdef"):
        parser.error("--rows takes letters among labcdef")
    report = run(args.rounds, args.repeat, args.seed, args.keep, args.rows)
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
