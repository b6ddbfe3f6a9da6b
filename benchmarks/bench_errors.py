"""Error-path benchmark: refusing a broken dossier against loading a valid one, in one run.

Run from the repository root::

    python -m benchmarks.bench_errors [--size BYTES] [--repeat N] [--json]

It writes a synthetic dossier (see `benchmarks.generate`) of ``--size`` bytes as one file, and
beside it three broken files. Each broken file is timed until ``negotrack.load`` raises its
`LoadError` (best of N, taking turns), and set against loading the valid file it comes from:

(a) the valid synthetic dossier: the reference;
(b) the same file with one duplicate key near its end: refused by the YAML reader, which then
    explains the file (the careful reader, without building the tree);
(c) a small valid file of 2,000 statements cited by one position (about 0.2 MB, row c'), and the
    same file citing 2,000 statements that do not exist (row c): one problem each, the first
    200 listed with a did-you-mean looked up in an index;
(d) a header and 100,000 unknown top-level keys (about 1.1 MB): 200 problems listed and one
    line counting the rest.

Peak memory (tracemalloc, separate runs) of (a) and (b), and the wall time of the command line
(``python -m negotrack validate``, a fresh process each time, best of N) on (a) and (d), where
the target is absolute: under 1 s for 100,000 unknown keys. Nothing is asserted: the figures
are printed with PASS or FAIL against the targets.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import negotrack
from benchmarks._script import sized_main
from benchmarks._timing import best_times, peak_memory
from benchmarks.bench_load import _environment
from benchmarks.generate import make_dossier, write_single

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["main", "run"]

#: Refusing a file for one duplicate key: at most this much of the time loading it takes (it is
#: read fast once, then again only as far as the key's first place)...
TARGET_TIME_RATIO: Final = 1.5
#: ...and at most this much of the memory.
TARGET_MEMORY_RATIO: Final = 1.0
#: `negotrack validate` of a file with 100,000 unknown keys, at most.
TARGET_KEYS_SECONDS: Final = 1.0
_HEADER: Final = (
    "id: t\ntitle: T\nparties:\n  - {id: north, name: North}\n"
    "issues:\n  - id: border\n    title: Border\n    scale:\n      kind: ordinal\n"
    "      options: [{id: open, label: Open}]\n"
)


def _references(cited: str) -> str:
    """2,000 statements and one position citing 2,000 statements ``cited-0000`` and on."""
    statements = "".join(
        f"  - {{id: st-{i:04d}, date: 2024-01-01, party: north, summary: said}}\n"
        for i in range(2000)
    )
    evidence = "".join(f"          - {cited}-{i:04d}\n" for i in range(2000))
    return (
        f"{_HEADER}statements:\n{statements}rounds:\n  - id: r1\n    title: R\n"
        "    date: 2024-01-02\n    positions:\n      - party: north\n        issue: border\n"
        f"        preferred: open\n        evidence:\n{evidence}"
    )


def prepare(directory: Path, size: int, seed: int) -> dict[str, Path]:
    """Write the valid files and the broken ones; check each loads or fails as it should."""
    single = write_single(make_dossier(size, seed), directory / "valid.yaml")
    files = {"valid": single}
    data = single.read_bytes()
    # a key of the last round given twice: rounds is the last key, so the file ends in it
    files["duplicate"] = directory / "duplicate.yaml"
    files["duplicate"].write_bytes(data + b"  title: twice\n")
    files["cited"] = directory / "cited.yaml"
    files["cited"].write_text(_references("st"))
    files["references"] = directory / "references.yaml"
    files["references"].write_text(_references("ev"))
    files["keys"] = directory / "keys.yaml"
    files["keys"].write_text(_HEADER + "".join(f"k{i:06d}: x\n" for i in range(100_000)))
    for name in ("valid", "cited"):
        negotrack.load(files[name])
    counts = {"duplicate": 1, "references": 201, "keys": 201}
    for name, count in counts.items():
        problems = _refusal(files[name]).problems
        assert count == len(problems), (name, len(problems), problems[:3])
    return files


def _refusal(path: Path) -> negotrack.LoadError:
    try:
        negotrack.load(path)
    except negotrack.LoadError as exc:
        return exc
    raise AssertionError(f"{path} loaded without the problems it was given")


def _cli_time(path: Path, repeat: int) -> float:
    """Best wall time of ``python -m negotrack validate PATH`` in a fresh process."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(  # noqa: S603 - a fixed command
            [sys.executable, "-m", "negotrack", "validate", str(path)],
            capture_output=True,
            check=False,
        )
        best = min(best, time.perf_counter() - start)
    return best


def run(size: int, repeat: int, seed: int = 0) -> dict[str, Any]:
    """Write, check and time everything; return the report as plain data."""
    with tempfile.TemporaryDirectory(prefix="negotrack-bench-errors-") as tmp:
        files = prepare(Path(tmp), size, seed)
        rows: list[tuple[str, str, str, Callable[[], object]]] = [
            (
                "a",
                "valid",
                "load the valid dossier (reference)",
                lambda: negotrack.load(files["valid"]),
            ),
            (
                "b",
                "duplicate",
                "one duplicate key near the end",
                lambda: _refusal(files["duplicate"]),
            ),
            (
                "c'",
                "cited",
                "2,000 statements cited (valid)",
                lambda: negotrack.load(files["cited"]),
            ),
            (
                "c",
                "references",
                "2,000 unknown statements cited",
                lambda: _refusal(files["references"]),
            ),
            ("d", "keys", "100,000 unknown keys", lambda: _refusal(files["keys"])),
        ]
        best = best_times({key: action for key, _, _, action in rows}, repeat)
        sizes = {name: path.stat().st_size for name, path in files.items()}
        reference = {"b": "a", "c": "c'", "d": "a"}
        times: list[dict[str, Any]] = [
            {
                "key": key,
                "file": name,
                "what": what,
                "bytes": sizes[name],
                "seconds": best[key],
                "ratio": best[key] / best[reference.get(key, key)],
            }
            for key, name, what, _ in rows
        ]
        peak_valid = peak_memory(lambda: negotrack.load(files["valid"]))
        peak_duplicate = peak_memory(lambda: _refusal(files["duplicate"]))
        cli_valid = _cli_time(files["valid"], repeat)
        cli_keys = _cli_time(files["keys"], repeat)
        duplicate = next(t for t in times if t["key"] == "b")
        report: dict[str, Any] = {
            "command": " ".join(["python -m benchmarks.bench_errors", *sys.argv[1:]]),
            "environment": _environment(),
            "input": {"seed": seed, "size_requested": size, "repeat": repeat, "bytes": sizes},
            "times": times,
            "memory": {
                "valid_peak_bytes": peak_valid,
                "duplicate_peak_bytes": peak_duplicate,
                "ratio": peak_duplicate / peak_valid,
            },
            "cli": {"valid_seconds": cli_valid, "keys_seconds": cli_keys},
            "target": {
                "time_ratio": TARGET_TIME_RATIO,
                "memory_ratio": TARGET_MEMORY_RATIO,
                "duplicate_time_pass": duplicate["ratio"] <= TARGET_TIME_RATIO,
                "duplicate_memory_pass": peak_duplicate <= TARGET_MEMORY_RATIO * peak_valid,
                "keys_seconds": TARGET_KEYS_SECONDS,
                "keys_pass": cli_keys < TARGET_KEYS_SECONDS,
            },
            "ratios": {row["key"]: row["ratio"] for row in times},
        }
        report["verdicts"] = _verdicts(report["target"])
        return report


def _verdicts(target: dict[str, Any]) -> list[str]:
    """The target lines, as printed (and as fields of the JSON report)."""
    return [
        _verdict(
            f"one duplicate key: time <= {target['time_ratio']} x loading the file",
            target["duplicate_time_pass"],
        ),
        _verdict(
            f"one duplicate key: memory <= {target['memory_ratio']} x loading the file",
            target["duplicate_memory_pass"],
        ),
        _verdict(
            f"negotrack validate, 100,000 unknown keys < {target['keys_seconds']:.0f} s",
            target["keys_pass"],
        ),
    ]


def render(report: dict[str, Any]) -> str:
    """The report as a small text table."""
    env, info, target = report["environment"], report["input"], report["target"]
    memory, cli = report["memory"], report["cli"]
    lines = [
        (
            f"negotrack {env['negotrack']}, Python {env['python']}, PyYAML {env['pyyaml']} "
            f"(libyaml {env['libyaml']}), {env['cpus']} CPUs; best of {info['repeat']}"
        ),
        "",
        f"{'':4}{'what':38}{'bytes':>12}{'time':>10}{'x ref':>8}",
    ]
    lines += [
        f"{row['key']:4}{row['what']:38}{row['bytes']:>12,}"
        f"{row['seconds'] * 1000:>8.1f}ms{row['ratio']:>8.2f}"
        for row in report["times"]
    ]
    lines += [
        "",
        "    x ref: b and d against a, c against c'",
        (
            f"    peak memory (tracemalloc): a {memory['valid_peak_bytes'] / 1e6:.1f} MB, "
            f"b {memory['duplicate_peak_bytes'] / 1e6:.1f} MB ({memory['ratio']:.2f} x a)"
        ),
        (
            f"    negotrack validate (a fresh process): a {cli['valid_seconds']:.2f} s, "
            f"d {cli['keys_seconds']:.2f} s"
        ),
        "",
        *report.get("verdicts", _verdicts(target)),
    ]
    return "\n".join(lines)


def _verdict(what: str, passed: bool) -> str:
    return f"target: {what}: {'PASS' if passed else 'FAIL'}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table (or JSON); always exit 0 once it has run."""
    return sized_main(
        argv,
        prog="python -m benchmarks.bench_errors",
        doc=__doc__ or "",
        size_help="the valid dossier's size (default 1000000)",
        run=run,
        render=render,
    )


if __name__ == "__main__":
    raise SystemExit(main())
