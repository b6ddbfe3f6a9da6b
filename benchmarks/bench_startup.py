"""How long ``negotrack`` takes to start and to validate a small dossier, each in a new process.

Run from the repository root::

    python -m benchmarks.bench_startup [--repeat N] [--json]

Each command runs N times in a fresh process, the commands taking turns within each of the N
rounds (so a burst of load elsewhere on the machine hits them alike); the best time of each is
kept. Before timing, negotrack's modules are compiled to bytecode (``compileall``, as ``pip
install`` does), so that an environment that never writes bytecode (``PYTHONDONTWRITEBYTECODE``)
is timed as an installed package runs; ``--no-compile`` skips that.

The targets (issue 12): ``negotrack --help`` at most 40 ms over a bare ``python -c pass``, and
``negotrack validate`` of a small dossier (``examples/minimal``, and the flagship
``examples/ukraine-russia-2022``) at most 2 x ``negotrack --help``. The earlier target, help in
under 100 ms, is still printed. For information, the time of a process that only imports the
core dependencies (``import attrs, cattrs, yaml``) is shown too, as a ratio to ``--help``: a
floor that `validate`, which needs all three, cannot go below.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main", "run"]

#: The first target: ``negotrack --help`` in under this many seconds.
TARGET_SECONDS: Final = 0.100
#: ``negotrack --help`` at most this many seconds over a bare interpreter's start.
TARGET_OVER_BARE: Final = 0.040
#: ``negotrack validate`` of a small dossier at most this many times ``negotrack --help``.
TARGET_VALIDATE_RATIO: Final = 2.0

_ROOT: Final = Path(__file__).resolve().parent.parent
_EXAMPLES: Final = ("minimal", "ukraine-russia-2022")
_REFERENCE: Final = "python -c pass (reference)"
_HELP: Final = "negotrack --help"
#: The core dependencies' import alone: what any `validate` pays before reading a file.
_DEPENDENCIES: Final = "python -c 'import attrs, cattrs, yaml' (info)"


def best_times(
    commands: dict[str, Sequence[str]], repeat: int
) -> tuple[dict[str, float], dict[str, float]]:
    """The fastest of ``repeat`` runs of each command, the commands taking turns: wall-clock
    seconds, and CPU seconds (user and system) of the process, which a busy machine disturbs
    less."""
    best = dict.fromkeys(commands, float("inf"))
    cpu = dict.fromkeys(commands, float("inf"))
    for _ in range(repeat):
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=_ROOT)  # noqa: S603
            best[name] = min(best[name], time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            cpu[name] = min(cpu[name], used)
    return best, cpu


def run(repeat: int, *, compile_first: bool = True) -> dict[str, Any]:
    """Time every command; return the figures, ratios and verdicts as plain data."""
    script = shutil.which("negotrack", path=str(Path(sys.executable).parent))
    if script is None:
        raise SystemExit("the negotrack script is not installed in this environment")
    import negotrack  # noqa: PLC0415 - only to find its folder

    package = Path(negotrack.__path__[0])
    if compile_first:
        compileall.compile_dir(package, quiet=1)
    commands: dict[str, Sequence[str]] = {
        _REFERENCE: [sys.executable, "-c", "pass"],
        "python -c 'import negotrack'": [sys.executable, "-c", "import negotrack"],
        _HELP: [script, "--help"],
        "negotrack diff --help": [script, "diff", "--help"],
        _DEPENDENCIES: [sys.executable, "-c", "import attrs, cattrs, yaml"],
    }
    for example in _EXAMPLES:
        commands[f"negotrack validate examples/{example}"] = [
            script,
            "validate",
            f"examples/{example}",
        ]
    times, cpu = best_times(commands, repeat)
    reference, help_time = times[_REFERENCE], times[_HELP]
    validate = {name: seconds for name, seconds in times.items() if " validate " in name}
    worst_validate = max(seconds / help_time for seconds in validate.values())
    return {
        "command": " ".join(["python -m benchmarks.bench_startup", *sys.argv[1:]]),
        "environment": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "package": str(package),
            "bytecode_compiled_first": compile_first,
        },
        "repeat": repeat,
        "times": [
            {
                "what": name,
                "seconds": seconds,
                "ratio": seconds / reference,
                "ratio_to_help": seconds / help_time,
                "cpu_seconds": cpu[name],
            }
            for name, seconds in times.items()
        ],
        "target": {
            "help_seconds": TARGET_SECONDS,
            "help_pass": help_time < TARGET_SECONDS,
            "help_over_bare_seconds": help_time - reference,
            "help_over_bare_target": TARGET_OVER_BARE,
            "help_over_bare_pass": help_time - reference <= TARGET_OVER_BARE,
            "validate_worst_ratio_to_help": worst_validate,
            "validate_ratio_target": TARGET_VALIDATE_RATIO,
            "validate_pass": worst_validate <= TARGET_VALIDATE_RATIO,
            "dependencies_ratio_to_help": times[_DEPENDENCIES] / help_time,
        },
        "verdicts": [],
    }


def _verdicts(report: dict[str, Any]) -> list[str]:
    target = report["target"]

    def word(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    help_line = f"target: negotrack --help < {target['help_seconds'] * 1000:.0f} ms: " + word(
        target["help_pass"]
    )
    over = target["help_over_bare_seconds"] * 1000
    over_line = (
        f"target: negotrack --help <= {target['help_over_bare_target'] * 1000:.0f} ms over a "
        f"bare interpreter: {word(target['help_over_bare_pass'])} ({over:.1f} ms over)"
    )
    validate_line = (
        f"target: negotrack validate of a small dossier <= {target['validate_ratio_target']:g} "
        f"x negotrack --help: {word(target['validate_pass'])} "
        f"(worst {target['validate_worst_ratio_to_help']:.2f} x)"
    )
    floor_line = (
        "info: importing the core dependencies alone (attrs, cattrs, PyYAML) takes "
        f"{target['dependencies_ratio_to_help']:.2f} x negotrack --help"
    )
    return [help_line, over_line, validate_line, floor_line]


def render(report: dict[str, Any]) -> str:
    """The figures as a small text table, then the verdicts."""
    compiled = report["environment"]["bytecode_compiled_first"]
    lines = [
        f"best of {report['repeat']} runs, each in a fresh process"
        + ("; negotrack's bytecode compiled first" if compiled else ""),
        f"  {'':46} {'time':>9}  {'x ref':>6}  {'x help':>6}  {'CPU':>8}",
    ]
    lines += [
        f"  {row['what']:<46} {row['seconds'] * 1000:6.1f} ms  {row['ratio']:6.2f}  "
        f"{row['ratio_to_help']:6.2f}  {row['cpu_seconds'] * 1000:5.0f} ms"
        for row in report["times"]
    ]
    return "\n".join([*lines, *report["verdicts"]])


def main(argv: Sequence[str] | None = None) -> int:
    """Time the commands and print the figures and the verdicts (or them all as JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--no-compile", action="store_true", help="do not compile negotrack's bytecode first"
    )
    args = parser.parse_args(argv)
    report = run(args.repeat, compile_first=not args.no_compile)
    report["verdicts"] = _verdicts(report)
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
