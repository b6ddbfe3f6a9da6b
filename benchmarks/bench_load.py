"""Load benchmark: negotrack.load against a bare ``yaml.load(..., Loader=yaml.CSafeLoader)``.

Run from the repository root::

    python -m benchmarks.bench_load [--size BYTES] [--repeat N] [--seed N] [--json]

It writes a synthetic dossier (see `benchmarks.generate`) to a temporary folder, both as a folder
dossier and as a single file, then times, best of N, in one process:

(a) ``yaml.load(data, Loader=yaml.CSafeLoader)`` of the same files, bytes read beforehand: the
    reference every ratio is relative to;
(b) ``negotrack.load(folder)``;
(c) ``negotrack.load(single_file)``;
(d) ``negotrack.load`` of a copy with one unknown key near the end, until it raises LoadError
    (the cost of locating a problem the structuring finds);
(f) ``negotrack.load`` of a copy citing one unknown statement in the last position of the last
    round, until it raises LoadError: the happy path's whole cost (parse, structure, checks)
    plus locating one bad reference;
(e) ``negotrack.files._parse.parse`` alone, per file (the fast builder over libyaml's event stream),
    with the cyclic garbage collector paused as negotrack.load pauses it.

Row (a') is (a) with the garbage collector paused: not a target, it shows how much of the
reference is the collector.

Peak memory of (a) and (b)/(c) is measured with tracemalloc in separate runs. The figures are
never asserted on: the ratios are printed, with the targets: the product's (load and locating
one error <= 0.5 x reference) and issue 12's (a folder <= 0.30 x, a single file <= 0.20 x, one
bad reference <= 0.30 x).
"""

from __future__ import annotations

import gc
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import yaml

import negotrack
from benchmarks._script import sized_main
from benchmarks._timing import best_times, peak_memory
from benchmarks.generate import write_dossier, write_folder, write_single
from negotrack.files._parse import parse

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["main", "run"]

#: The product's quality bar: load, validate and locate errors in at most this fraction of the
#: time a bare CSafeLoader parse of the same files takes.
TARGET_RATIO: Final = 0.5
#: Issue 12's targets: ``negotrack.load`` of a folder, and of a single file, at most these
#: fractions of CSafeLoader's time on the same files; and a load with one bad reference.
TARGET_FOLDER: Final = 0.30
TARGET_SINGLE: Final = 0.20
TARGET_BAD_REFERENCE: Final = 0.30
#: A statement id no dossier holds, cited by the last position of a copy's last round.
_UNKNOWN_STATEMENT: Final = "st-nowhere"
#: An unknown key (a typo of ``location``), appended to the last round of a copy of the dossier.
_TYPO: Final = "lcoation: Istanbul\n"
_REFERENCE: Final = "yaml.load CSafeLoader (reference)"
_REFERENCE_NO_GC: Final = "yaml.load CSafeLoader, gc off (info)"


@attrs.frozen
class Figure:
    """One timed (or measured) row of the table."""

    key: str
    layout: str
    what: str
    seconds: float | None = None
    peak_bytes: int | None = None
    ratio: float | None = None


@attrs.frozen
class Inputs:
    """The files under test and their contents, read before any timing."""

    folder: Path
    single: Path
    broken_folder: Path
    broken_single: Path
    bad_ref_folder: Path
    bad_ref_single: Path
    folder_data: tuple[tuple[str, bytes], ...]
    single_data: bytes

    @property
    def folder_bytes(self) -> int:
        return sum(len(data) for _, data in self.folder_data)


# -- measuring -----------------------------------------------------------------------------------


def _safe_load_all(files: Sequence[tuple[str, bytes]]) -> list[Any]:
    return [yaml.load(data, Loader=yaml.CSafeLoader) for _, data in files]


def _parse_all(files: Sequence[tuple[str, bytes]]) -> list[Any]:
    return [parse(data, name) for name, data in files]


def _without_gc(action: Callable[[], object]) -> Callable[[], object]:
    """``action`` with the cyclic collector paused, as negotrack.load runs its stages."""

    def paused() -> object:
        gc.disable()
        try:
            return action()
        finally:
            gc.enable()

    return paused


def _load_error(path: Path) -> negotrack.LoadError:
    try:
        negotrack.load(path)
    except negotrack.LoadError as exc:
        return exc
    raise AssertionError(f"{path} loaded without the error it was given")


# -- the inputs ----------------------------------------------------------------------------------


def prepare(directory: Path, size: int, seed: int) -> Inputs:
    """Write the dossier both ways, a copy of each with one unknown key near its end, and one
    whose last position cites a statement that does not exist."""
    negotiation, folder, single = write_dossier(directory, size, seed)
    bad_ref = _with_unknown_reference(negotiation)
    bad_ref_folder = directory / "bad-ref-folder"
    write_folder(bad_ref, bad_ref_folder)
    bad_ref_single = write_single(bad_ref, directory / "bad-ref-single.yaml")
    folder_files = [folder / "negotiation.yaml", *sorted((folder / "rounds").glob("*.yaml"))]
    broken_folder = directory / "broken-folder"
    shutil.copytree(folder, broken_folder)
    last_round = max((broken_folder / "rounds").glob("*.yaml"))
    last_round.write_bytes(last_round.read_bytes() + _TYPO.encode())
    broken_single = directory / "broken-single.yaml"
    # rounds is the last key of a dossier, so the typo lands in the last round's mapping
    broken_single.write_bytes(single.read_bytes() + b"  " + _TYPO.encode())
    inputs = Inputs(
        folder=folder,
        single=single,
        broken_folder=broken_folder,
        broken_single=broken_single,
        bad_ref_folder=bad_ref_folder,
        bad_ref_single=bad_ref_single,
        folder_data=tuple((str(p), p.read_bytes()) for p in folder_files),
        single_data=single.read_bytes(),
    )
    # sanity: what is timed is what it claims to be
    assert negotrack.load(folder) == negotiation
    assert negotrack.load(single) == negotiation
    for broken in (broken_folder, broken_single):
        problems = _load_error(broken).problems
        assert len(problems) == 1, problems
        assert "lcoation" in problems[0].message, problems
        assert problems[0].line is not None, problems
    for broken in (bad_ref_folder, bad_ref_single):
        problems = _load_error(broken).problems
        assert len(problems) == 1, problems
        assert _UNKNOWN_STATEMENT in problems[0].message, problems
        assert problems[0].line is not None, problems
    return inputs


def _with_unknown_reference(negotiation: negotrack.Negotiation) -> negotrack.Negotiation:
    """The dossier with its last round's last position citing one statement it does not hold."""
    last = negotiation.rounds[-1]
    position = last.positions[-1]
    cited = attrs.evolve(position, evidence=(*position.evidence, _UNKNOWN_STATEMENT))
    changed = attrs.evolve(last, positions=(*last.positions[:-1], cited))
    return attrs.evolve(negotiation, rounds=(*negotiation.rounds[:-1], changed))


# -- the run -------------------------------------------------------------------------------------


def run(size: int, repeat: int, seed: int = 0) -> dict[str, Any]:
    """Generate, write and time everything; return the report as plain data."""
    with tempfile.TemporaryDirectory(prefix="negotrack-bench-") as tmp:
        inputs = prepare(Path(tmp), size, seed)
        single_files = ((str(inputs.single), inputs.single_data),)
        rows: list[tuple[str, str, str, Callable[[], object]]] = [
            ("a", "folder", _REFERENCE, lambda: _safe_load_all(inputs.folder_data)),
            (
                "a'",
                "folder",
                _REFERENCE_NO_GC,
                _without_gc(lambda: _safe_load_all(inputs.folder_data)),
            ),
            ("b", "folder", "negotrack.load", lambda: negotrack.load(inputs.folder)),
            ("d", "folder", "negotrack.load, 1 error", lambda: _load_error(inputs.broken_folder)),
            (
                "f",
                "folder",
                "negotrack.load, 1 bad reference",
                lambda: _load_error(inputs.bad_ref_folder),
            ),
            (
                "e",
                "folder",
                "_yaml.parse per file, gc off",
                _without_gc(lambda: _parse_all(inputs.folder_data)),
            ),
            ("a", "single", _REFERENCE, lambda: _safe_load_all(single_files)),
            ("a'", "single", _REFERENCE_NO_GC, _without_gc(lambda: _safe_load_all(single_files))),
            ("c", "single", "negotrack.load", lambda: negotrack.load(inputs.single)),
            ("d", "single", "negotrack.load, 1 error", lambda: _load_error(inputs.broken_single)),
            (
                "f",
                "single",
                "negotrack.load, 1 bad reference",
                lambda: _load_error(inputs.bad_ref_single),
            ),
            ("e", "single", "_yaml.parse, gc off", _without_gc(lambda: _parse_all(single_files))),
        ]
        best = best_times({f"{key} {layout}": act for key, layout, _, act in rows}, repeat)
        figures = [
            Figure(
                key,
                layout,
                what,
                seconds=best[f"{key} {layout}"],
                ratio=best[f"{key} {layout}"] / best[f"a {layout}"],
            )
            for key, layout, what, _ in rows
        ]
        peak_ref_folder = peak_memory(lambda: _safe_load_all(inputs.folder_data))
        peak_ref_single = peak_memory(lambda: _safe_load_all(single_files))
        peak_folder = peak_memory(lambda: negotrack.load(inputs.folder))
        peak_single = peak_memory(lambda: negotrack.load(inputs.single))
        memory = [
            Figure("a", "folder", "yaml.load CSafeLoader", peak_bytes=peak_ref_folder, ratio=1.0),
            Figure(
                "b",
                "folder",
                "negotrack.load",
                peak_bytes=peak_folder,
                ratio=peak_folder / peak_ref_folder,
            ),
            Figure("a", "single", "yaml.load CSafeLoader", peak_bytes=peak_ref_single, ratio=1.0),
            Figure(
                "c",
                "single",
                "negotrack.load",
                peak_bytes=peak_single,
                ratio=peak_single / peak_ref_single,
            ),
        ]
        loads = [f for f in figures if f.key in ("b", "c") and f.ratio is not None]
        errors = [f for f in figures if f.key == "d" and f.ratio is not None]
        ratio = {f"{f.key} {f.layout}": f.ratio or 0.0 for f in figures}
        bad_refs = max(ratio["f folder"], ratio["f single"])
        issue12 = [
            ("load_folder", "negotrack.load of a folder", ratio["b folder"], TARGET_FOLDER),
            ("load_single", "negotrack.load of a single file", ratio["c single"], TARGET_SINGLE),
            ("bad_reference", "load with one bad reference", bad_refs, TARGET_BAD_REFERENCE),
        ]
        return {
            "command": " ".join(["python -m benchmarks.bench_load", *sys.argv[1:]]),
            "environment": _environment(),
            "input": {
                "seed": seed,
                "size_requested": size,
                "folder_files": len(inputs.folder_data),
                "folder_bytes": inputs.folder_bytes,
                "single_bytes": len(inputs.single_data),
                "repeat": repeat,
            },
            "times": [attrs.asdict(f) for f in figures if f.seconds is not None],
            "memory": [attrs.asdict(f) for f in memory],
            "target": {
                "ratio": TARGET_RATIO,
                "load_worst_ratio": max(f.ratio or 0.0 for f in loads),
                "load_pass": all((f.ratio or 0.0) <= TARGET_RATIO for f in loads),
                "error_worst_ratio": max(f.ratio or 0.0 for f in errors),
                "error_pass": all((f.ratio or 0.0) <= TARGET_RATIO for f in errors),
                "issue12": {
                    key: {"what": what, "ratio": value, "target": goal, "pass": value <= goal}
                    for key, what, value, goal in issue12
                },
            },
            "ratios": ratio,
            "verdicts": _verdicts(
                max(f.ratio or 0.0 for f in loads),
                max(f.ratio or 0.0 for f in errors),
                issue12,
            ),
        }


def _verdicts(
    load_worst: float, error_worst: float, issue12: list[tuple[str, str, float, float]]
) -> list[str]:
    """The target lines, as printed: the product's two, then issue 12's three."""

    def word(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    lines = [
        (
            f"target: negotrack.load <= {TARGET_RATIO} x CSafeLoader: "
            f"{word(load_worst <= TARGET_RATIO)} (worst {load_worst:.2f})"
        ),
        (
            f"target: locating one error <= {TARGET_RATIO} x CSafeLoader: "
            f"{word(error_worst <= TARGET_RATIO)} (worst {error_worst:.2f})"
        ),
    ]
    lines += [
        f"target (issue 12): {what} <= {goal:.2f} x CSafeLoader: {word(value <= goal)} "
        f"({value:.2f})"
        for _, what, value, goal in issue12
    ]
    return lines


def _environment() -> dict[str, Any]:
    from yaml import _yaml as libyaml  # noqa: PLC0415

    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": platform.machine(),
        "system": platform.system(),
        "cpus": os.cpu_count(),
        "pyyaml": yaml.__version__,
        "libyaml": libyaml.get_version_string(),
        "negotrack": negotrack.__version__,
    }


# -- output --------------------------------------------------------------------------------------


def render(report: dict[str, Any]) -> str:
    """The report as a small text table."""
    info, env, target = report["input"], report["environment"], report["target"]
    lines = [
        (
            f"negotrack {env['negotrack']}, Python {env['python']}, PyYAML {env['pyyaml']} "
            f"(libyaml {env['libyaml']}), {env['cpus']} CPUs"
        ),
        (
            f"dossier: folder of {info['folder_files']} files, {info['folder_bytes']:,} bytes; "
            f"single file {info['single_bytes']:,} bytes; best of {info['repeat']}"
        ),
        "",
        f"{'':4}{'layout':8}{'what':38}{'time':>10}{'x ref':>8}",
    ]
    lines += [
        f"{row['key']:4}{row['layout']:8}{row['what']:38}"
        f"{row['seconds'] * 1000:>8.1f}ms{row['ratio']:>8.2f}"
        for row in report["times"]
    ]
    lines += ["", f"{'':4}{'layout':8}{'peak memory (tracemalloc)':38}{'MB':>10}{'x ref':>8}"]
    lines += [
        f"{row['key']:4}{row['layout']:8}{row['what']:38}"
        f"{row['peak_bytes'] / 1e6:>10.1f}{row['ratio']:>8.2f}"
        for row in report["memory"]
    ]
    del target
    lines += ["", *report["verdicts"]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table (or JSON); always exit 0 once it has run."""
    return sized_main(
        argv,
        prog="python -m benchmarks.bench_load",
        doc=__doc__ or "",
        size_help="dossier size in bytes (default 1000000)",
        run=run,
        render=render,
    )


if __name__ == "__main__":
    raise SystemExit(main())
