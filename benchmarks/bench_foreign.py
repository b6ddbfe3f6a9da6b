"""Import benchmark: `negotrack.import_deu` of a wide table against reading it with `csv` alone.

Run from the repository root::

    python -m benchmarks.bench_foreign [--issues 400] [--actors 30] [--repeat N] [--seed N] [--json]

It writes a synthetic DEU-style table (tab-separated: an id, a title, a type and a procedure,
a position and a salience column per actor, a reference point and an outcome; a weights row)
to a temporary folder, then times, best of N, in one process:

(a) reading the file with the `csv` module alone, every cell turned into a number where it
    holds one: the reference the ratio is relative to;
(b) `negotrack.import_deu` of the same file: the table read and checked, and the dossier made
    and loaded with every check a dossier file gets;
(c) backtesting the imported dossier (`negotrack.backtest`): "n/a" until negotrack has it;
(d) (b) and (c) together, against the issue's target of under 1 s.

The figures are never asserted on: they are printed, with the target and PASS or FAIL.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import negotrack

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["TARGET_SECONDS", "main", "write_table"]

#: The issue's target: importing the table and backtesting the dossier in under this many s.
TARGET_SECONDS: Final = 1.0
_DAY: Final = dt.date(2024, 5, 1)


def write_table(path: Path, issues: int, actors: int, seed: int = 0) -> None:
    """A DEU-style table of ``issues`` rows and ``actors`` actors, as coded data look.

    Positions and saliences are whole numbers on 0-100, as the data sets code them; about one
    cell in twenty is missing (``.``), and one outcome in ten is not known yet (``NA``).
    """
    rng = random.Random(seed)
    keys = [f"A{k:02d}" for k in range(actors)]
    header = ["id", "title", "type", "procedure"]
    header += [f"{kind}{key}" for key in keys for kind in "ps"] + ["rp", "out"]
    votes = [str(rng.randint(1, 29)) for _ in keys]  # as the Council's weighted votes ran
    rows = [header, ["weights", "", "", "", *[c for vote in votes for c in (vote, "")]]]
    for number in range(issues):
        cells = [
            f"i{number:04d}",
            f"Issue {number}",
            rng.choice(["quantitative", "dichotomous", "ordinal"]),
            rng.choice(["COD", "CNS", "QMV"]),
        ]
        for _ in keys:
            if rng.random() < 0.05:
                cells += [".", "."]
            else:
                cells += [str(rng.randint(0, 100)), str(rng.randint(10, 100))]
        outcome = "NA" if rng.random() < 0.1 else str(rng.randint(0, 100))
        cells += [str(rng.randint(0, 100)), outcome]
        rows.append(cells)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(rows)


def read_with_csv(path: Path) -> list[list[object]]:
    """The reference: the file's rows by the `csv` module, numbers where the cells hold them."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [[_number(cell) for cell in row] for row in csv.reader(handle, delimiter="\t")]


def _number(cell: str) -> object:
    try:
        return float(cell)
    except ValueError:
        return cell


def _backtest() -> Callable[[negotrack.Negotiation], object] | None:
    """`negotrack.backtest`, if this negotrack has it."""
    found: Callable[[negotrack.Negotiation], object] | None = getattr(negotrack, "backtest", None)
    return found


def best_time(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall and best CPU time of ``action`` over ``repeat`` runs, each after a collection.

    The CPU time is a check on a busy machine: there the wall time counts the waits for a core.
    """
    wall = cpu = float("inf")
    for _ in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = action()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
        del result
    return wall, cpu


def run(issues: int, actors: int, repeat: int, seed: int) -> dict[str, Any]:
    """Write the table, time every row, and return the figures."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deu.tsv"
        write_table(path, issues, actors, seed)
        size = path.stat().st_size
        dossier = negotrack.import_deu(path, date=_DAY)
        # sanity: what is timed is what it claims to be
        assert len(dossier.issues) == issues
        assert len(dossier.parties) == actors
        assert len(read_with_csv(path)) == issues + 2
        reference, reference_cpu = best_time(lambda: read_with_csv(path), repeat)
        imported, imported_cpu = best_time(lambda: negotrack.import_deu(path, date=_DAY), repeat)
        backtest = _backtest()
        tested = tested_cpu = None
        if backtest is not None:
            tested, tested_cpu = best_time(lambda: backtest(dossier), repeat)
    total = imported + (tested or 0.0)
    return {
        "issues": issues,
        "actors": actors,
        "positions": sum(len(r.positions) for r in dossier.rounds),
        "bytes": size,
        "repeat": repeat,
        "csv_seconds": reference,
        "csv_cpu_seconds": reference_cpu,
        "import_seconds": imported,
        "import_cpu_seconds": imported_cpu,
        "backtest_seconds": tested,
        "backtest_cpu_seconds": tested_cpu,
        "total_seconds": total,
        "total_cpu_seconds": imported_cpu + (tested_cpu or 0.0),
        "ratio": imported / reference,
        "target_seconds": TARGET_SECONDS,
        "backtest": "measured" if tested is not None else "n/a",
        "verdict": "PASS" if total < TARGET_SECONDS else "FAIL",
        "python": platform.python_version(),
    }


def _ms(figures: dict[str, Any], key: str) -> str:
    wall, cpu = figures[f"{key}_seconds"], figures[f"{key}_cpu_seconds"]
    if wall is None:
        return "n/a"
    return f"{wall * 1000:,.0f} ms wall, {cpu * 1000:,.0f} ms CPU"


def main(argv: Sequence[str] | None = None) -> int:
    """Time the import (and backtest) of the synthetic table; print the figures and verdict."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_foreign", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--issues", type=int, default=400)
    parser.add_argument("--actors", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    args = parser.parse_args(argv)
    figures = run(args.issues, args.actors, args.repeat, args.seed)
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        print()
        return 0
    print(
        f"table: {figures['issues']} issues x {figures['actors']} actors, "
        f"{figures['positions']:,} positions, {figures['bytes'] / 1000:,.0f} kB "
        f"(best of {figures['repeat']})"
    )
    print(f"(a) csv module alone (reference): {_ms(figures, 'csv')}")
    print(f"(b) negotrack.import_deu:          {_ms(figures, 'import')}", end="")
    print(f" ({figures['ratio']:,.0f} x the reference)")
    print(f"(c) negotrack.backtest:            {_ms(figures, 'backtest')}")
    print(f"(d) import + backtest:             {_ms(figures, 'total')}")
    print(f"target: import + backtest < {TARGET_SECONDS:g} s: {figures['verdict']}", end="")
    print("" if figures["backtest_seconds"] is not None else " (import alone: no backtest yet)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
