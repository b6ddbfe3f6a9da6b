"""Diff benchmark: `negotrack.compare` of two rounds of 10,000 positions against DeepDiff.

Run from the repository root::

    python -m benchmarks.bench_diff [--parties N] [--issues N] [--changed SHARE] [--repeat N]
                                    [--seed N] [--profile] [--json]

The dossier is built with the negotrack classes, written as YAML (`negotrack.save`: a folder,
one file per round) and read back with `negotrack.load`, as users load it. It has ``--parties``
x ``--issues`` positions (default 100 x 100) on ordinal, numeric and categorical issues, with
acceptable sets, red lines and conditions on some, salience, grading and evidence. The second
round restates every position, and ``--changed`` of them (default 1%) changed: preferred
moved, acceptable widened or narrowed, a condition reworded or added, a red line added or
dropped, salience or confidence changed.

Times, best of N, in one process, taking turns within each round:

(a) ``negotrack.compare(negotiation, "r1", "r2")``: the whole diff, per-issue measures included;
(b) ``negotrack.diff._measures.measure_round`` of both rounds: the per-issue measures alone, for
    information (they are part of a);
(r) ``negotrack.readings`` and ``negotrack.issue_verdicts`` of the two rounds: one reading per
    party and issue and the like-for-like verdicts, for information (computed on request, not
    part of a);
(c) ``DeepDiff(old, new, group_by="key")``: the reference, on the same positions as plain dicts
    (``negotrack.files._convert.converter.unstructure`` of the loaded rounds, plus a ``key``
    field ``party/issue``), one list per round, converted before any timing;
(c') the same with the two-level ``group_by=("party", "issue")``.

The target (at least 100 x faster than DeepDiff) is judged against the faster of c and c'. The
figures are never asserted on; the sanity checks are: negotrack reports exactly the positions
that were changed (besides ``new_evidence`` for the restated ones), and DeepDiff finds the same
keys. ``--profile`` adds the top of a cProfile run of (a).
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import deepdiff

import negotrack
from benchmarks.bench_load import best_times
from negotrack import (
    Basis,
    CategoricalScale,
    ChangeKind,
    Condition,
    Confidence,
    Interval,
    Issue,
    Negotiation,
    NumericScale,
    Option,
    OrdinalScale,
    Party,
    Position,
    RedLine,
    Round,
    Side,
    Statement,
)
from negotrack.diff._measures import measure_round
from negotrack.files._convert import converter

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["build", "main", "run"]

#: The product's quality bar: a keyed diff at least this many times faster than DeepDiff.
TARGET_SPEEDUP: Final = 100.0
#: A step of a DeepDiff path: ``root['p001']['i002']`` -> p001, i002.
_PATH: Final = re.compile(r"\['([^']*)'\]")
#: DeepDiff's two-level grouping: rows become ``{party: {issue: row}}``.
_KEYS: Final = ("party", "issue")
_BEFORE: Final = "r1"
_AFTER: Final = "r2"
_ORDINAL: Final = tuple(f"o{k}" for k in range(7))
_CATEGORICAL: Final = tuple(f"c{k}" for k in range(5))
_NUMERIC: Final = NumericScale(min=0.0, max=1000.0, unit="personnel")
_CONDITIONS: Final = (
    "guarantees must be legally binding and verified by a third party",
    "foreign forces withdraw to the lines held before the talks began",
    "the settlement is approved by a referendum held under observers",
    "sanctions are lifted in stages as each obligation is carried out",
    "the ceasefire holds for thirty days under an international mission",
    "the agreement is ratified by the parliaments of every guarantor",
)
_RED_LINES: Final = (
    "no recognition of any change of borders by force",
    "no foreign military bases on its territory",
    "no limits on the size of its own army",
)
#: What the changed positions change, in turn, so every kind appears.
_MUTATIONS: Final = (
    "preferred",
    "widened",
    "narrowed",
    "reworded",
    "condition",
    "red line",
    "salience",
    "confidence",
)


# -- the dossier ---------------------------------------------------------------------------------


def _issue(index: int) -> Issue:
    """Issue ``index``: two in five ordinal, two in five numeric, one in five categorical."""
    kind = index % 5
    issue_id = f"i{index:03d}"
    if kind in {0, 1}:
        options = tuple(Option(o, f"Step {o[1:]}") for o in _ORDINAL)
        return Issue(issue_id, f"Ordinal issue {index}", OrdinalScale(options=options))
    if kind in {2, 3}:
        return Issue(issue_id, f"Numeric issue {index}", _NUMERIC)
    options = tuple(Option(c, f"Choice {c[1:]}") for c in _CATEGORICAL)
    return Issue(issue_id, f"Categorical issue {index}", CategoricalScale(options=options))


def _position(rng: random.Random, party: str, issue: Issue, issues: Sequence[str]) -> Position:
    """A first-round position of ``party`` on ``issue``, with every optional part now and then.

    It passes negotrack's checks: the preferred value is acceptable, a red line rules out none of
    the acceptable set, a condition links another issue. Sets of options hold at least two.
    """
    scale = issue.scale
    preferred: str | float
    acceptable: tuple[str, ...] | Interval
    red_lines: tuple[RedLine, ...] = ()
    if isinstance(scale, NumericScale):
        preferred = round(rng.uniform(150.0, 900.0), 1)
        low = round(preferred - rng.uniform(10.0, 100.0), 1)
        high = round(preferred + rng.uniform(10.0, 100.0), 1)
        acceptable = Interval(low, None if rng.random() < 0.1 else high)
        if rng.random() < 0.15:
            red_lines = (RedLine(rng.choice(_RED_LINES), below=round(low / 2, 1)),)
    elif isinstance(scale, OrdinalScale):
        index = rng.randrange(1, len(_ORDINAL) - 1)
        preferred = _ORDINAL[index]
        below, above = rng.choice(((1, 0), (0, 1), (1, 1)))
        acceptable = _ORDINAL[index - below : index + 1 + above]
        if rng.random() < 0.15:
            far = _ORDINAL[-1] if index < len(_ORDINAL) // 2 else _ORDINAL[0]
            red_lines = (RedLine(rng.choice(_RED_LINES), id=f"rl-{issue.id}", options=(far,)),)
    else:
        preferred, other, excluded = rng.sample(_CATEGORICAL, 3)
        acceptable = tuple(sorted((preferred, other)))
        if rng.random() < 0.15:
            red_lines = (RedLine(rng.choice(_RED_LINES), options=(excluded,)),)
    conditions: tuple[Condition, ...] = ()
    if rng.random() < 0.3:
        others = [i for i in issues if i != issue.id]
        conditions = tuple(
            Condition(
                text,
                id=f"c{k}" if rng.random() < 0.5 else None,
                linked_issue=rng.choice(others) if rng.random() < 0.3 else None,
            )
            for k, text in enumerate(rng.sample(_CONDITIONS, rng.randint(1, 2)))
        )
    return Position(
        party,
        issue.id,
        preferred,
        acceptable,
        red_lines=red_lines,
        conditions=conditions,
        salience=round(rng.uniform(0.1, 1.0), 2),
        basis=rng.choice((Basis.STATED, Basis.STATED, Basis.REPORTED, Basis.INFERRED)),
        confidence=rng.choice((None, Confidence.LOW, Confidence.MODERATE, Confidence.HIGH)),
        evidence=(f"{_BEFORE}-{party}",),
        note="restated at the plenary" if rng.random() < 0.05 else None,
    )


def _widened(issue: Issue, old: Position) -> tuple[str, ...] | Interval:
    """The acceptable set with one more option (not a red-lined one), or a lower minimum."""
    acceptable = old.acceptable
    if isinstance(acceptable, Interval):
        assert acceptable.min is not None
        return attrs.evolve(acceptable, min=round(acceptable.min * 0.75, 1))
    assert acceptable is not None
    ruled_out = {option for red_line in old.red_lines for option in red_line.options}
    extra = next(o for o in issue.option_ids if o not in acceptable and o not in ruled_out)
    return tuple(o for o in issue.option_ids if o in acceptable or o == extra)


def _narrowed(old: Position) -> tuple[str, ...] | Interval:
    """The acceptable set without one option other than the preferred, or a higher minimum."""
    acceptable = old.acceptable
    if isinstance(acceptable, Interval):
        assert acceptable.min is not None
        return attrs.evolve(acceptable, min=acceptable.min + 5.0)
    assert acceptable is not None
    dropped = next(o for o in acceptable if o != old.preferred)
    return tuple(o for o in acceptable if o != dropped)


def _preferred(old: Position) -> str | float:
    """Another acceptable value: halfway to the minimum, or another acceptable option."""
    acceptable = old.acceptable
    if isinstance(acceptable, Interval):
        assert isinstance(old.preferred, float)
        assert acceptable.min is not None
        return round((old.preferred + acceptable.min) / 2, 1)
    assert acceptable is not None
    return next(o for o in acceptable if o != old.preferred)


def _conditions(old: Position, reword: bool) -> tuple[Condition, ...]:
    """The conditions with the first one reworded (a word inserted), or with one more added."""
    if reword and old.conditions:
        first = old.conditions[0]
        words = first.text.split()
        text = " ".join([*words[:2], "fully", *words[2:]])
        return (attrs.evolve(first, text=text), *old.conditions[1:])
    linked = "i001" if old.issue == "i000" else "i000"
    added = Condition("a prisoner exchange is completed first", linked_issue=linked)
    return (*old.conditions, added)


def _mutated(issue: Issue, old: Position, what: str) -> Position:
    """``old`` with one change of the kind ``what``, citing a statement of the second round."""
    salience = old.salience
    assert salience is not None
    levels = (None, Confidence.LOW, Confidence.MODERATE, Confidence.HIGH)
    options: dict[str, Callable[[], dict[str, Any]]] = {
        "preferred": lambda: {"preferred": _preferred(old)},
        "widened": lambda: {"acceptable": _widened(issue, old)},
        "narrowed": lambda: {"acceptable": _narrowed(old)},
        "reworded": lambda: {"conditions": _conditions(old, reword=True)},
        "condition": lambda: {"conditions": _conditions(old, reword=False)},
        "red line": lambda: {
            "red_lines": () if old.red_lines else (RedLine("no amnesty for war crimes"),)
        },
        "salience": lambda: {"salience": round(salience + (0.1 if salience <= 0.9 else -0.1), 2)},
        "confidence": lambda: {"confidence": levels[levels.index(old.confidence) % 3 + 1]},
    }
    changes = options[what]()
    return attrs.evolve(old, evidence=(*old.evidence, f"{_AFTER}-{old.party}"), **changes)


def _chosen(rng: random.Random, positions: Sequence[Position], count: int) -> dict[int, str]:
    """Which positions change, and how: `_MUTATIONS` in turn (rewording where conditions are)."""
    with_conditions = [i for i, p in enumerate(positions) if p.conditions]
    chosen: dict[int, str] = {}
    for k in range(min(count, len(positions))):
        what = _MUTATIONS[k % len(_MUTATIONS)]
        pool = with_conditions if what == "reworded" and with_conditions else range(len(positions))
        index = rng.choice(pool)
        while index in chosen:
            index = rng.choice(range(len(positions)))
        chosen[index] = what
    return chosen


@attrs.frozen
class Bench:
    """The dossier under test and what was changed in it."""

    negotiation: Negotiation
    changed: frozenset[tuple[str, str]]


def build(parties: int = 100, issues: int = 100, changed: float = 0.01, seed: int = 0) -> Bench:
    """Two rounds of ``parties`` x ``issues`` positions, the second with ``changed`` of them moved.

    Every position is restated in the second round: unchanged ones as an equal but distinct
    copy, changed ones with one change each (`_MUTATIONS` in turn) and a new statement cited.
    """
    rng = random.Random(seed)
    party_ids = [f"p{k:03d}" for k in range(parties)]
    issue_list = [_issue(k) for k in range(issues)]
    issue_ids = [issue.id for issue in issue_list]
    sided = parties - max(parties // 20, 1)  # a few mediators sit on no side
    sides = (
        Side("east", "East", tuple(party_ids[: sided // 2])),
        Side("west", "West", tuple(party_ids[sided // 2 : sided])),
    )
    first = [_position(rng, p, issue, issue_ids) for p in party_ids for issue in issue_list]
    what = _chosen(rng, first, max(round(len(first) * changed), 1))
    by_id = {issue.id: issue for issue in issue_list}
    second = [
        _mutated(by_id[old.issue], old, what[index]) if index in what else copy.deepcopy(old)
        for index, old in enumerate(first)
    ]
    days = {_BEFORE: dt.date(2022, 3, 7), _AFTER: dt.date(2022, 3, 16)}
    rounds = tuple(
        Round(
            round_id,
            f"Round {round_id}",
            date=day,
            participants=tuple(party_ids),
            statements=tuple(
                Statement(f"{round_id}-{p}", day, party=p, summary=f"{p} sets out its positions")
                for p in party_ids
            ),
            positions=tuple(positions),
        )
        for (round_id, day), positions in zip(days.items(), (first, second), strict=True)
    )
    negotiation = Negotiation(
        "bench-diff",
        "Diff benchmark",
        parties=tuple(Party(p, f"Party {p}") for p in party_ids),
        sides=sides,
        issues=tuple(issue_list),
        rounds=rounds,
    )
    return Bench(negotiation, frozenset(first[index].key for index in what))


def as_rows(round_: Round) -> list[dict[str, Any]]:
    """A round's positions as plain dicts, as DeepDiff takes them, each with a ``key`` field."""
    rows = []
    for position in round_.positions:
        row: dict[str, Any] = converter.unstructure(position)
        row["key"] = f"{position.party}/{position.issue}"
        rows.append(row)
    return rows


def as_loaded(bench: Bench, folder: Path) -> Bench:
    """The dossier written as YAML and read back as users read it (checked equal to the built one).

    `save` writes the second round's restatements in their shortest form (only what changed);
    `negotrack.load` completes each into a whole position of its own.
    """
    negotrack.save(bench.negotiation, folder)
    loaded = negotrack.load(folder)
    assert loaded == bench.negotiation
    return Bench(loaded, bench.changed)


# -- measuring -----------------------------------------------------------------------------------


def profile(action: Callable[[], object], top: int = 15) -> str:
    """The ``top`` functions of one cProfile run of ``action``, by cumulative time."""
    profiler = cProfile.Profile()
    profiler.runcall(action)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def _check(bench: Bench, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, int]:
    """Sanity: both diffs find exactly the positions that were changed; return the counts."""
    negotiation = bench.negotiation
    size = len(negotiation.parties) * len(negotiation.issues)
    assert all(len(r.positions) == size for r in negotiation.rounds)
    diff = negotrack.compare(negotiation, _BEFORE, _AFTER)
    moved = {(c.party, c.issue) for c in diff.changes if c.kind is not ChangeKind.NEW_EVIDENCE}
    assert moved == bench.changed, (len(moved), len(bench.changed))
    # the second round restates every position on the same evidence: that is not new evidence
    restated = sum(c.kind is ChangeKind.NEW_EVIDENCE for c in diff.changes)
    assert restated == 0, restated
    found = deepdiff.DeepDiff(old, new, group_by="key")
    keys = {tuple(str(key).split("/")) for key in found.affected_root_keys}
    assert keys == bench.changed, (len(keys), len(bench.changed))
    found_2d = deepdiff.DeepDiff(old, new, group_by=_KEYS)
    keys_2d = {tuple(_PATH.findall(str(path))[:2]) for path in found_2d.affected_paths}
    assert keys_2d == bench.changed, (len(keys_2d), len(bench.changed))
    return {
        "changes": len(diff.changes),
        "positions_changed": len(moved),
        "new_evidence": restated,
        "kinds": len({c.kind for c in diff.changes}),
        "deepdiff_keys": len(keys),
        "deepdiff_entries": sum(len(v) for v in found.to_dict().values()),
    }


# -- the run -------------------------------------------------------------------------------------


def run(
    parties: int, issues: int, changed: float, repeat: int, seed: int = 0, *, with_profile: bool
) -> dict[str, Any]:
    """Build, check and time everything; return the report as plain data."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as temporary:
        bench = as_loaded(build(parties, issues, changed, seed), Path(temporary) / "dossier")
    built = time.perf_counter() - start
    negotiation = bench.negotiation
    old, new = (as_rows(negotiation.round(r)) for r in (_BEFORE, _AFTER))
    counts = _check(bench, old, new)
    rows: list[tuple[str, str, Callable[[], object]]] = [
        ("a", "negotrack.compare", lambda: negotrack.compare(negotiation, _BEFORE, _AFTER)),
        (
            "b",
            "per-issue measures alone (info)",
            lambda: [measure_round(negotiation, r) for r in (_BEFORE, _AFTER)],
        ),
        (
            "r",
            "readings and verdicts (info)",
            lambda: (
                negotrack.readings(negotiation, _BEFORE, _AFTER),
                negotrack.issue_verdicts(negotiation, _BEFORE, _AFTER),
            ),
        ),
        ("c", 'DeepDiff group_by="key" (reference)', lambda: _deepdiff(old, new, "key")),
        ("c'", 'DeepDiff group_by=("party", "issue")', lambda: _deepdiff(old, new, _KEYS)),
    ]
    best = best_times({key: action for key, _, action in rows}, repeat)
    reference = min(best["c"], best["c'"])
    times = [
        {"key": key, "what": what, "seconds": best[key], "speedup": best["c"] / best[key]}
        for key, what, _ in rows
    ]
    report: dict[str, Any] = {
        "command": " ".join(["python -m benchmarks.bench_diff", *sys.argv[1:]]),
        "environment": _environment(),
        "input": {
            "parties": parties,
            "issues": issues,
            "positions_per_round": len(old),
            "changed_share": changed,
            "seed": seed,
            "repeat": repeat,
            "build_seconds": built,
        },
        "sanity": counts,
        "times": times,
        "target": {
            "speedup": TARGET_SPEEDUP,
            "measured": reference / best["a"],
            "pass": reference / best["a"] >= TARGET_SPEEDUP,
        },
    }
    if with_profile:
        report["profile"] = profile(lambda: negotrack.compare(negotiation, _BEFORE, _AFTER))
    return report


def _deepdiff(
    old: list[dict[str, Any]], new: list[dict[str, Any]], group_by: str | tuple[str, str]
) -> object:
    return deepdiff.DeepDiff(old, new, group_by=group_by)


def _environment() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": platform.machine(),
        "system": platform.system(),
        "cpus": os.cpu_count(),
        "deepdiff": deepdiff.__version__,
        "negotrack": negotrack.__version__,
    }


# -- output --------------------------------------------------------------------------------------


def render(report: dict[str, Any]) -> str:
    """The report as a small text table."""
    info, env, sanity, target = (
        report["input"],
        report["environment"],
        report["sanity"],
        report["target"],
    )
    lines = [
        (
            f"negotrack {env['negotrack']}, Python {env['python']}, DeepDiff {env['deepdiff']}, "
            f"{env['cpus']} CPUs"
        ),
        (
            f"dossier: 2 rounds x {info['positions_per_round']:,} positions ({info['parties']} "
            f"parties x {info['issues']} issues), {sanity['positions_changed']} changed "
            f"(built, written and loaded in {info['build_seconds']:.1f} s); "
            f"best of {info['repeat']}"
        ),
        (
            f"negotrack: {sanity['changes']:,} changes of {sanity['kinds']} kinds "
            f"({sanity['positions_changed']} positions changed, {sanity['new_evidence']:,} "
            f"restated unchanged: new_evidence); DeepDiff: {sanity['deepdiff_entries']} entries "
            f"on {sanity['deepdiff_keys']} keys"
        ),
        "",
        f"{'':4}{'what':40}{'time':>11}{'DeepDiff / this':>17}",
    ]
    lines += [
        f"{row['key']:4}{row['what']:40}{row['seconds'] * 1000:>9.1f}ms{row['speedup']:>17.1f}"
        for row in report["times"]
    ]
    verdict = "PASS" if target["pass"] else "FAIL"
    lines += [
        "",
        (
            f"target: negotrack.compare >= {target['speedup']:g} x faster than DeepDiff: "
            f"{verdict} ({target['measured']:.0f} x, against the faster DeepDiff)"
        ),
    ]
    if "profile" in report:
        lines += ["", "cProfile of negotrack.compare, by cumulative time:", report["profile"]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table (or JSON); always exit 0 once it has run."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_diff", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--parties", type=int, default=100, help="parties (default 100)")
    parser.add_argument("--issues", type=int, default=100, help="issues (default 100)")
    parser.add_argument(
        "--changed", type=float, default=0.01, help="share of positions changed (default 0.01)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic dossier")
    parser.add_argument("--profile", action="store_true", help="add a cProfile run of (a)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if min(args.parties, args.issues, args.repeat) <= 0 or not 0 < args.changed <= 1:
        parser.error("--parties, --issues, --repeat must be positive; --changed in (0, 1]")
    report = run(
        args.parties, args.issues, args.changed, args.repeat, args.seed, with_profile=args.profile
    )
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
