"""Every ratio of issue 12's performance table in one run: each benchmark, then one table.

Run from the repository root::

    python -m benchmarks.bench_all [--quick] [--json] [--only NAME,NAME]

Each benchmark script (`bench_load`, `bench_errors`, `bench_startup`, `bench_readers`,
`bench_diff`, `bench_scaling`, `bench_report`) runs in a subprocess of its own, with ``--json``
where it takes it (else its text is read), and smaller sizes under ``--quick`` (a few minutes
instead of most of an hour; the figures then say less). The table has a row per figure of the
issue: the work, the figure, its reference, the ratio, the target and PASS or FAIL; then every
other ``target:`` the scripts state. Rows whose target reads ``info`` are floors, judged against
nothing: what reading alone, or importing the core dependencies alone, costs. A figure a script
did not give is ``n/a``: the scripts change, and a key they drop never stops the table.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from typing import TYPE_CHECKING, Any, Final, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

__all__ = ["Result", "Row", "collate", "main", "render"]

#: The scripts, with their arguments for a full run and for ``--quick``.
SCRIPTS: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "bench_load": ((), ("--size", "300000", "--repeat", "3")),
    "bench_errors": ((), ("--size", "300000", "--repeat", "2")),
    "bench_startup": ((), ("--repeat", "5")),
    "bench_readers": ((), ("--size", "300000", "--repeat", "4")),
    "bench_diff": ((), ("--sizes", "2000,10000", "--repeat", "3", "--deepdiff-repeat", "1")),
    "bench_scaling": ((), ("--rounds", "10,100,1000", "--repeat", "1", "--rows", "lbc")),
    "bench_report": ((), ("--rounds", "200", "--repeat", "1", "--options", "2000")),
}
_TARGET_LINE: Final = re.compile(
    r"^target: (?P<label>.+): (?P<verdict>PASS|FAIL)(?: \((?P<figure>.*)\))?$"
)
_MS_LINE: Final = re.compile(r"^\s+(?P<name>\S.*?)\s+(?P<ms>[\d.]+) ms\b")


class Result(NamedTuple):
    """What one script gave: its JSON report (None if it printed none), its text, its status."""

    json: dict[str, Any] | None
    text: str
    returncode: int
    seconds: float


class Row(NamedTuple):
    """One line of the table."""

    work: str
    figure: str
    reference: str
    ratio: float | None
    target: str
    verdict: bool | None  # None: not measured


def _get(data: Any, *path: Any) -> Any:
    """``data[p0][p1]...``, or None where any step is missing (keys, list places, attributes)."""
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _by_key(rows: Any, key: str, **match: Any) -> dict[str, Any] | None:
    """The first row (a mapping) of a list whose ``key`` (and other fields) match."""
    if not isinstance(rows, list):
        return None
    for row in rows:
        if (
            isinstance(row, dict)
            and row.get("key") == key
            and all(row.get(k) == v for k, v in match.items())
        ):
            return row
    return None


def _at_most(work: str, figure: str, reference: str, ratio: Any, limit: float) -> Row:
    value = ratio if isinstance(ratio, int | float) else None
    verdict = None if value is None else value <= limit
    return Row(work, figure, reference, value, f"<= {limit:g}", verdict)


def _at_least(work: str, figure: str, reference: str, ratio: Any, limit: float) -> Row:
    value = ratio if isinstance(ratio, int | float) else None
    verdict = None if value is None else value >= limit
    return Row(work, figure, reference, value, f">= {limit:g}", verdict)


def _seconds(value: Any) -> str:
    return f"{value:.3f} s" if isinstance(value, int | float) else "n/a"


def _load_rows(report: dict[str, Any] | None) -> list[Row]:
    times = _get(report, "times")
    rows = []
    for key, layout, limit, what in (
        ("b", "folder", 0.30, "load, folder"),
        ("c", "single", 0.20, "load, single file"),
        ("f", "folder", 0.30, "load with one bad reference, folder"),
        ("f", "single", 0.30, "load with one bad reference, single file"),
    ):
        row = _by_key(times, key, layout=layout)
        reference = _by_key(times, "a", layout=layout)
        rows.append(
            _at_most(
                what,
                f"{key}: {_seconds(_get(row, 'seconds'))}",
                f"CSafeLoader {_seconds(_get(reference, 'seconds'))}",
                _get(row, "ratio"),
                limit,
            )
        )
    return rows


def _info(work: str, figure: str, reference: str, ratio: Any) -> Row:
    """A figure shown for what it explains (a floor), judged against no target."""
    value = ratio if isinstance(ratio, int | float) else None
    return Row(work, figure, reference, value, "info", None)


def _reader_rows(report: dict[str, Any] | None) -> list[Row]:
    """The floors under the load rows: reading alone, with PyYAML's events and with rapidyaml."""
    seconds = _get(report, "seconds")
    ratios = _get(report, "ratios")
    reference = f"CSafeLoader {_seconds(_get(seconds, 'a'))}"
    return [
        _info(
            "read a folder: PyYAML's event objects alone",
            f"p: {_seconds(_get(seconds, 'p'))}",
            reference,
            _get(ratios, "p"),
        ),
        _info(
            "read a folder: rapidyaml, walked to plain data",
            f"w: {_seconds(_get(seconds, 'w'))}",
            reference,
            _get(ratios, "w"),
        ),
    ]


def _diff_rows(report: dict[str, Any] | None) -> list[Row]:
    runs = _get(report, "runs") or ([report] if report else [])
    rows = []
    for run in runs:
        size = _get(run, "input", "positions_per_round")
        label = f"diff, {size:,} positions" if isinstance(size, int) else "diff"
        times = _get(run, "times")
        a, c, f = (_by_key(times, k) for k in ("a", "c", "f"))
        faster = _by_key(times, "c'")
        reference = min(
            (_get(r, "seconds") for r in (c, faster) if isinstance(_get(r, "seconds"), float)),
            default=None,
        )
        rows.append(
            _at_least(
                f"{label}, against DeepDiff",
                f"a: {_seconds(_get(a, 'seconds'))}",
                f"DeepDiff {_seconds(reference)}",
                _get(run, "target", "measured"),
                100.0,
            )
        )
        rows.append(
            _at_most(
                f"{label}, against the plain-dict floor",
                f"a: {_seconds(_get(a, 'seconds'))}",
                f"floor {_seconds(_get(f, 'seconds'))}",
                _get(run, "floor", "measured"),
                1.2,
            )
        )
    return rows or [
        Row("diff, against DeepDiff", "n/a", "n/a", None, ">= 100", None),
        Row("diff, against the plain-dict floor", "n/a", "n/a", None, "<= 1.2", None),
    ]


def _scaling_rows(report: dict[str, Any] | None) -> list[Row]:
    runs = {r.get("rounds"): r for r in _get(report, "runs") or [] if isinstance(r, dict)}
    counts = [c for c in runs if isinstance(c, int)]
    largest = max(counts, default=None)
    hundred = _get(runs.get(100), "seconds", "b")
    last = _get(runs.get(largest), "seconds", "b")
    ratio = last / hundred if isinstance(last, float) and isinstance(hundred, float) else None
    rows = [
        _at_most(
            f"compare of the last two rounds, {largest or 'n/a'} rounds",
            f"b: {_seconds(last)}",
            f"b at 100 rounds {_seconds(hundred)}",
            ratio,
            2.0,
        )
    ]
    thousand = runs.get(1000)
    for key, what, limit in (
        ("c", "HTML diff", 0.3),
        ("d", "report -f text", 5.0),
        ("e", "report -f json", 5.0),
        ("f", "report -f html", 5.0),
    ):
        seconds = _get(thousand, "seconds", key)
        value = seconds / limit if isinstance(seconds, float) else None
        rows.append(
            _at_most(
                f"{what}, 1,000 rounds", f"{key}: {_seconds(seconds)}", f"{limit:g} s", value, 1.0
            )
        )
    size = _get(thousand, "bytes", "f")
    rows.append(
        _at_most(
            "HTML report size, 1,000 rounds",
            f"{size:,} B" if isinstance(size, int) else "n/a",
            "5 MB",
            size / 5_000_000 if isinstance(size, int) else None,
            1.0,
        )
    )
    return rows


def _startup_rows(result: Result | None) -> list[Row]:
    """From the JSON if the script gives one, else its text.

    ``times`` in the JSON is a list of ``{"what": name, "seconds": s}`` (or a mapping of name
    to seconds); the worst of the ``validate`` rows is the one judged.
    """
    times: dict[str, float] = {}
    data = _get(result, 0)
    listed = _get(data, "times")
    if isinstance(listed, dict):
        times = {k: v for k, v in listed.items() if isinstance(v, int | float)}
    elif isinstance(listed, list):
        times = {
            str(entry["what"]): float(entry["seconds"])
            for entry in listed
            if isinstance(entry, dict)
            and isinstance(entry.get("what"), str)
            and isinstance(entry.get("seconds"), int | float)
        }
    elif result is not None:
        for line in result.text.splitlines():
            found = _MS_LINE.match(line)
            if found:
                times[found["name"]] = float(found["ms"]) / 1000
    bare = next((v for k, v in times.items() if "pass" in k), None)
    helps = next((v for k, v in times.items() if k.strip() == "negotrack --help"), None)
    validate = max((v for k, v in times.items() if "validate" in k), default=None)
    imports = next((v for k, v in times.items() if "import attrs" in k), None)
    over = helps - bare if helps is not None and bare is not None else None
    return [
        _at_most(
            "negotrack --help, over a bare interpreter",
            f"{over * 1000:.1f} ms over" if over is not None else "n/a",
            f"python -c pass {_seconds(bare)}",
            over * 1000 / 40 if over is not None else None,
            1.0,
        ),
        _at_most(
            "validate of a small dossier",
            _seconds(validate),
            f"negotrack --help {_seconds(helps)}",
            validate / helps if validate is not None and helps else None,
            2.0,
        ),
        _info(
            "import attrs, cattrs, yaml alone",
            _seconds(imports),
            f"negotrack --help {_seconds(helps)}",
            imports / helps if imports is not None and helps else None,
        ),
    ]


def _stated_targets(name: str, result: Result | None) -> list[Row]:
    """Every ``target:`` the script states: from its JSON ``targets`` list, else its text."""
    if result is None:
        return []
    found = []
    listed = _get(result.json, "targets")
    if isinstance(listed, list) and listed:
        for item in listed:
            if isinstance(item, dict) and "label" in item:
                verdict = item.get("pass")
                figure = str(item.get("measured", "n/a"))
                found.append(Row(f"{name}: {item['label']}", figure, "", None, "", verdict))
        return found
    target = _get(result.json, "target")
    if isinstance(target, dict):  # a script's own verdicts, as it names them
        for key, value in target.items():
            if key.endswith("pass") and isinstance(value, bool):
                found.append(Row(f"{name}: {key}", "", "", None, "", value))
    for line in result.text.splitlines():
        match = _TARGET_LINE.match(line.strip())
        if match:
            figure = match["figure"] or ""
            found.append(
                Row(f"{name}: {match['label']}", figure, "", None, "", match["verdict"] == "PASS")
            )
    return found


#: Issue 12's rows, from each script's report.
_ISSUE: Final[dict[str, Callable[[Result | None], list[Row]]]] = {
    "bench_scaling": lambda r: _scaling_rows(_get(r, 0)),
    "bench_diff": lambda r: _diff_rows(_get(r, 0)),
    "bench_load": lambda r: _load_rows(_get(r, 0)),
    "bench_startup": _startup_rows,
    "bench_readers": lambda r: _reader_rows(_get(r, 0)),
}


def collate(results: Mapping[str, Result | None]) -> tuple[list[Row], list[Row]]:
    """Issue 12's rows and every other stated target, from the scripts' results.

    A script missing from ``results`` (or None: not run, or it failed) gives ``n/a`` rows.
    """
    issue = [row for name, make in _ISSUE.items() for row in make(results.get(name))]
    stated = [row for name in SCRIPTS for row in _stated_targets(name, results.get(name))]
    return issue, stated


def run_script(name: str, arguments: Sequence[str]) -> Result:
    """Run one benchmark in a subprocess, with ``--json`` if it takes it."""
    start = time.perf_counter()
    command = [sys.executable, "-m", f"benchmarks.{name}", *arguments]
    done = subprocess.run([*command, "--json"], capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode == 2 and "--json" in done.stderr:  # it takes no --json: read its text
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        data = json.loads(done.stdout)
    except ValueError:
        data = None
    report = data if isinstance(data, dict) else None
    return Result(report, done.stdout, done.returncode, time.perf_counter() - start)


def _verdict(value: bool | None) -> str:
    return "n/a" if value is None else "PASS" if value else "FAIL"


def render(issue: Sequence[Row], stated: Sequence[Row]) -> str:
    """The two tables as text: issue 12's figures, then the other targets the scripts state."""
    head = f"{'work':<54}{'figure':<22}{'reference':<28}{'ratio':>8}  {'target':<8}verdict"
    lines = ["issue 12, every ratio in one run", "", head, "-" * len(head)]
    for row in issue:
        ratio = "n/a" if row.ratio is None else f"{row.ratio:.2f}"
        lines.append(
            f"{row.work:<54}{row.figure:<22}{row.reference:<28}{ratio:>8}  {row.target:<8}"
            f"{'info' if row.target == 'info' else _verdict(row.verdict)}"
        )
    if stated:
        lines += ["", "targets the scripts state:"]
        lines += [f"  {_verdict(r.verdict):<5}{r.work} ({r.figure})" for r in stated]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks and print the table (or JSON)."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_all", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes: a few minutes")
    parser.add_argument("--json", action="store_true", help="print the rows and reports as JSON")
    parser.add_argument("--only", help="comma-separated script names (default: all)")
    args = parser.parse_args(argv)
    names = list(SCRIPTS) if not args.only else [n.strip() for n in args.only.split(",")]
    unknown = set(names) - set(SCRIPTS)
    if unknown:
        parser.error(f"unknown scripts: {', '.join(sorted(unknown))}; known: {', '.join(SCRIPTS)}")
    results: dict[str, Result | None] = {}
    for name in names:
        full, quick = SCRIPTS[name]
        print(f"running {name} ...", file=sys.stderr, flush=True)
        result = run_script(name, quick if args.quick else full)
        results[name] = result
        if result.returncode != 0:
            print(f"  {name} exited with {result.returncode}", file=sys.stderr)
    issue, stated = collate(results)
    if args.json:
        out = {
            "issue": [row._asdict() for row in issue],
            "stated": [row._asdict() for row in stated],
            "seconds": {name: r.seconds for name, r in results.items() if r is not None},
            "reports": {name: r.json for name, r in results.items() if r is not None},
        }
        print(json.dumps(out, indent=2))
    else:
        print(render(issue, stated))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
