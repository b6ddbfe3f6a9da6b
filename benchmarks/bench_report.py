"""Report benchmark: the HTML report of the flagship, of a 1,000-round dossier and of a long scale.

Run from the repository root::

    python -m benchmarks.bench_report [--rounds N] [--parties N] [--issues N] [--options N]
        [--repeat N] [--json]
    python -m benchmarks.bench_report --write-many FILE [--options N]

Each dossier is written as YAML (`negotrack.save`, a folder) and loaded with `negotrack.load`, as
users load it; then, best of N, taking turns within each round:

(a) ``yaml.load(..., Loader=yaml.CSafeLoader)`` of the dossier's files, bytes read beforehand:
    the reference, so that the figures read as ratios on any machine;
(b) the timeline (`negotrack.timeline`), which the report is drawn from;
(c) ``HtmlRenderer().report(negotiation, timeline)``: the page itself, timeline given;
(d) ``negotrack report DOSSIER -f html`` as the command line does it: load, timeline, render;
(h) every chart of the page (each issue's wide and narrow SVG, `issue_chart`), timeline given:
    what the SVG drawing costs (`negotrack.report._svg`);
(e) for the long scale, `negotrack.plot_issue` to a PNG: load, timeline, chart (matplotlib
    imported beforehand, as a second chart in one run finds it);
(f), (g) for the long scale, ``negotrack report FILE -f html`` and ``negotrack plot FILE``, each
    in a new process: the wall clock a user waits, start-up and imports included.

The third dossier is one ordinal issue of 10,000 options (``--options``), 2 parties and 6 rounds,
written as a single file: one party works up from the first option, the other down from the
last, each with a short acceptable set (`many_options`; ``--write-many FILE`` writes it and
stops). The product's targets are absolute: the flagship's page under 300 KB and rendered (c) in
under 0.5 s; a 1,000-round dossier's page rendered (d) in under 10 s; the long scale's page under
1 MB, and its report (f) and chart (g) each under 2 s. The figures are printed, never asserted
on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

import negotrack
from benchmarks._timing import best_times
from benchmarks.bench_timeline import build
from negotrack.report._html import HtmlRenderer
from negotrack.report._issue_charts import issue_chart
from negotrack.report._palette import party_styles
from negotrack.report._words import TABLE_ROWS

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

FLAGSHIP = Path(__file__).resolve().parent.parent / "examples" / "ukraine-russia-2022"
SIZE_TARGET = 300_000
FLAGSHIP_TARGET = 0.5
LONG_TARGET = 10.0
MANY_SIZE_TARGET = 1_000_000
MANY_TARGET = 2.0


def many_options(count: int = 10_000, rounds: int = 6) -> negotrack.Negotiation:
    """One ordinal issue ``x`` of ``count`` options, parties ``a`` and ``b``, ``rounds`` rounds.

    In round k, ``a`` prefers option 100k and accepts it and the next two; ``b`` prefers the
    option 100k from the last (within the scale when it is short).
    """
    options = tuple(negotrack.Option(f"o{k}", f"Option {k}") for k in range(count))
    issue = negotrack.Issue("x", "X", negotrack.OrdinalScale(options=options))
    stated = []
    for k in range(rounds):
        low, high = min(100 * k, count - 3), max(count - 1 - 100 * k, 0)
        accepted = tuple(f"o{j}" for j in range(low, low + 3))
        positions = (
            negotrack.Position("a", "x", f"o{low}", acceptable=accepted),
            negotrack.Position("b", "x", f"o{high}"),
        )
        when = dt.date(2024, 1, 1) + dt.timedelta(days=k)
        stated.append(negotrack.Round(f"r{k}", f"R{k}", date=when, positions=positions))
    parties = (negotrack.Party("a", "A"), negotrack.Party("b", "B"))
    return negotrack.Negotiation("t", "T", parties=parties, issues=(issue,), rounds=tuple(stated))


def charts(negotiation: negotrack.Negotiation, story: negotrack.Timeline) -> list[str]:
    """Every chart of the report page, drawn as `HtmlRenderer.report` draws them."""
    rounds = [negotiation.round(r) for r in story.rounds]
    at = {r.id: i for i, r in enumerate(rounds)}
    events = [*negotiation.events, *(e for r in rounds for e in r.events)]
    styles = party_styles(negotiation)
    out = []
    for issue_id, track in story.issues.items():
        held: list[dict[str, Any]] = [{} for _ in rounds]
        for p in track.points:
            held[at[p.round]][p.party] = (p.position, p.carried)
        drawn = issue_chart(
            negotiation,
            negotiation.issue(issue_id),
            rounds=rounds,
            held=held,
            measures=track.measures,
            styles=styles,
            events=events,
            turning={at[t.round] for t in track.turning_points},
            grouped=len(rounds) > TABLE_ROWS,
        )
        out.append(drawn)
    return out


def measure(folder: Path, repeat: int, *, plot: bool = False) -> dict[str, Any]:
    """Time a, b, c and d (and e) for the dossier at ``folder``; return figures and page size."""
    files = (
        [folder.read_bytes()]
        if folder.is_file()
        else [p.read_bytes() for p in sorted(folder.rglob("*.yaml"))]
    )
    negotiation = negotrack.load(folder)
    story = negotrack.timeline(negotiation)
    renderer = HtmlRenderer()
    page = renderer.report(negotiation, story)

    def whole() -> str:
        loaded = negotrack.load(folder)
        return HtmlRenderer().report(loaded, negotrack.timeline(loaded))

    actions: dict[str, Callable[[], object]] = {
        "a": lambda: [yaml.load(data, Loader=yaml.CSafeLoader) for data in files],
        "b": lambda: negotrack.timeline(negotiation),
        "c": lambda: renderer.report(negotiation, story),
        "d": whole,
        "h": lambda: charts(negotiation, story),
    }
    if plot:
        chart = folder.with_suffix(".png")
        first = negotiation.issues[0].id
        actions["e"] = lambda: negotrack.plot_issue(negotrack.load(folder), first, chart)
        actions["e"]()  # matplotlib's first import is no part of a chart
        command = [sys.executable, "-m", "negotrack"]
        page_file = folder.with_suffix(".html")
        for key, words in (
            ("f", ["report", str(folder), "-f", "html", "-o", str(page_file)]),
            ("g", ["plot", str(folder), "--issue", first, "-o", str(chart)]),
        ):
            actions[key] = functools.partial(
                subprocess.run, [*command, *words], check=True, capture_output=True
            )
    best = best_times(actions, repeat)
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
        "e": "load + timeline + chart PNG (plot)",
        "f": "negotrack report -f html, new process",
        "g": "negotrack plot, new process",
        "h": "every chart of the page (SVG)",
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
        for key in "abcdefgh"
        if key in seconds
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
    parser.add_argument("--options", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write-many", type=Path, metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.write_many:
        negotrack.save(many_options(args.options), args.write_many)
        return 0
    flagship = measure(FLAGSHIP, max(args.repeat, 5))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "long"
        negotrack.save(build(args.rounds, args.parties, args.issues), folder)
        long = measure(folder, args.repeat)
        single = Path(temporary) / "many.yaml"
        negotrack.save(many_options(args.options), single)
        many = measure(single, args.repeat, plot=True)
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
        (
            f"{args.options:,}-option page < 1 MB",
            many["bytes"] < MANY_SIZE_TARGET,
            f"{many['bytes']:,} B",
        ),
        *(
            (
                f"{args.options:,}-option {what} < 2 s",
                many["seconds"][key] < MANY_TARGET,
                f"{many['seconds'][key]:.2f} s",
            )
            for key, what in (("f", "HTML report (CLI)"), ("g", "plot (CLI)"))
        ),
    ]
    targets = [
        {
            "label": label,
            "pass": passed,
            "measured": figure,
            "line": f"target: {label}: {'PASS' if passed else 'FAIL'} ({figure})",
        }
        for label, passed, figure in checks
    ]
    if args.json:
        report = {
            "environment": {"negotrack": negotrack.__version__, "python": sys.version.split()[0]},
            "repeat": args.repeat,
            "flagship": flagship,
            "long": long,
            "many_options": many,
            "targets": targets,
        }
        print(json.dumps(report, indent=2))
        return 0
    print(f"negotrack {negotrack.__version__}, Python {sys.version.split()[0]}; best of runs")
    lines = [*render("flagship", flagship), "", *render("long dossier", long), ""]
    for line in [*lines, *render(f"long scale ({args.options:,} options)", many)]:
        print(line)
    print()
    for target in targets:
        print(target["line"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
