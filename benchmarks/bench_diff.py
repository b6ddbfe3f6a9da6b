"""Diff benchmark: `negotrack.compare` of two rounds against DeepDiff and a plain-dict floor.

Run from the repository root::

    python -m benchmarks.bench_diff [--sizes N,N] [--issues N] [--changed SHARE] [--repeat N]
                                    [--deepdiff-repeat N] [--restate full|minimal] [--seed N]
                                    [--profile] [--json]

For each size (default 10,000 and 100,000 positions a round: ``size / --issues`` parties x
``--issues`` issues, default 100) the dossier is built with the negotrack classes, written as
YAML (`negotrack.save`: a folder, one file per round) and read back with `negotrack.load`, as
users load it. It holds ordinal, numeric and categorical issues, with acceptable sets, red
lines and conditions on some, salience, grading and evidence. The second round restates every
position, and ``--changed`` of them (default 1%) changed: preferred moved, acceptable widened
or narrowed, a condition reworded or added, a red line added or dropped, salience or
confidence changed. With ``--restate full`` (the default) the second round's file states every
key of every position, as an analyst who copies the last round's file and edits it writes it;
so no field object is shared between the rounds once loaded. ``--restate minimal`` keeps the
shortest form `save` writes (only what changed), whose restatements the loader completes with
the very objects of the earlier round.

Times, best of N, in one process, taking turns within each round:

(a) ``negotrack.compare(negotiation, "r1", "r2")``: the whole diff, per-issue measures included;
(b) ``negotrack.diff._measures.measure_round`` of both rounds: the per-issue measures alone, for
    information (they are part of a);
(r) ``negotrack.readings`` and ``negotrack.issue_verdicts`` of the two rounds: one reading per
    party and issue and the like-for-like verdicts, for information (computed on request, not
    part of a; 10,000 positions or fewer only);
(f) the floor: a plain keyed diff of the same positions as plain dicts (``{"party/issue":
    dict}`` per round): the keys added, removed, and changed (``!=``), nothing more;
(c) ``DeepDiff(old, new, group_by="key")``: the reference, on the same positions as plain dicts
    (``negotrack.files._convert.converter.unstructure`` of the loaded rounds, plus a ``key``
    field ``party/issue``), one list per round, converted before any timing;
(c') the same with the two-level ``group_by=("party", "issue")``.

The targets (issue 12): a at least 100 x faster than DeepDiff (the faster of c and c'), and at
most 1.2 x the floor f. The figures are never asserted on; the sanity checks are: negotrack
reports exactly the positions that were changed (besides ``new_evidence`` for the restated
ones), and DeepDiff and the floor find the same keys. ``--profile`` adds the top of a cProfile
run of (a).
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
import yaml

import negotrack
from benchmarks._timing import best_times
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
from negotrack.files._restating import CARRIED_KEYS

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["build", "floor_diff", "main", "run"]

#: The product's quality bar: a keyed diff at least this many times faster than DeepDiff.
TARGET_SPEEDUP: Final = 100.0
#: Issue 12: `compare` at most this many times a plain-dict keyed diff of the same positions.
TARGET_FLOOR: Final = 1.2
#: Past this many positions a round, rows r (readings, quadratic in the parties) are not run.
_READINGS_UP_TO: Final = 10_000
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


def as_loaded(bench: Bench, folder: Path, *, full: bool = True) -> Bench:
    """The dossier written as YAML and read back as users read it (checked equal to the built one).

    `save` writes the second round's restatements in their shortest form (only what changed);
    with ``full``, its file is then written again stating every key of every position (as an
    analyst who copies the last round's file and edits it), so that the loader makes every
    field anew. `negotrack.load` completes the shortest form into a whole position of its own.
    """
    negotrack.save(bench.negotiation, folder)
    if full:
        for round_ in bench.negotiation.rounds[1:]:
            _restate_in_full(round_, folder / "rounds" / f"{round_.id}.yaml")
    loaded = negotrack.load(folder)
    assert loaded == bench.negotiation
    return Bench(loaded, bench.changed)


def _restate_in_full(round_: Round, path: Path) -> None:
    """Rewrite a round's file with every carried key of every position written out."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for position, written in zip(round_.positions, data["positions"], strict=True):
        for name in CARRIED_KEYS:
            value = getattr(position, name)
            if name not in written and value is not None:
                written[name] = converter.unstructure(value)
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")


def as_keyed(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The rows keyed by their ``key`` field, without it: the floor's input."""
    return {row["key"]: {k: v for k, v in row.items() if k != "key"} for row in rows}


def floor_diff(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> tuple[list[str], list[str], list[str]]:
    """The floor: keys added, removed and changed between two keyed dicts of plain dicts."""
    added = [key for key in new if key not in old]
    removed = [key for key in old if key not in new]
    changed = [key for key, row in new.items() if key in old and old[key] != row]
    return added, removed, changed


# -- measuring -----------------------------------------------------------------------------------


def profile(action: Callable[[], object], top: int = 15) -> str:
    """The ``top`` functions of one cProfile run of ``action``, by cumulative time."""
    profiler = cProfile.Profile()
    profiler.runcall(action)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def _check(
    bench: Bench, old: list[dict[str, Any]], new: list[dict[str, Any]], *, two_level: bool
) -> dict[str, int]:
    """Sanity: every diff finds exactly the positions that were changed; return the counts."""
    negotiation = bench.negotiation
    size = len(negotiation.parties) * len(negotiation.issues)
    assert all(len(r.positions) == size for r in negotiation.rounds)
    diff = negotrack.compare(negotiation, _BEFORE, _AFTER)
    moved = {(c.party, c.issue) for c in diff.changes if c.kind is not ChangeKind.NEW_EVIDENCE}
    assert moved == bench.changed, (len(moved), len(bench.changed))
    # the second round restates every position on the same evidence: that is not new evidence
    restated = sum(c.kind is ChangeKind.NEW_EVIDENCE for c in diff.changes)
    assert restated == 0, restated
    added, removed, changed = floor_diff(as_keyed(old), as_keyed(new))
    assert not added, len(added)
    assert not removed, len(removed)
    assert {tuple(key.split("/")) for key in changed} == bench.changed, len(changed)
    found = deepdiff.DeepDiff(old, new, group_by="key")
    keys = {tuple(str(key).split("/")) for key in found.affected_root_keys}
    assert keys == bench.changed, (len(keys), len(bench.changed))
    if two_level:
        found_2d = deepdiff.DeepDiff(old, new, group_by=_KEYS)
        keys_2d = {tuple(_PATH.findall(str(path))[:2]) for path in found_2d.affected_paths}
        assert keys_2d == bench.changed, (len(keys_2d), len(bench.changed))
    return {
        "changes": len(diff.changes),
        "positions_changed": len(moved),
        "new_evidence": restated,
        "kinds": len({c.kind for c in diff.changes}),
        "floor_changed": len(changed),
        "deepdiff_keys": len(keys),
        "deepdiff_entries": sum(len(v) for v in found.to_dict().values()),
    }


# -- the run -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Settings:
    """What one run measures (see `main`'s options)."""

    issues: int = 100
    changed: float = 0.01
    repeat: int = 5
    deepdiff_repeat: int = 2
    seed: int = 0
    full: bool = True
    with_profile: bool = False


def run_size(positions: int, settings: Settings) -> dict[str, Any]:
    """Build, check and time one size (``positions`` a round); return its figures as plain data."""
    issues = settings.issues
    parties = max(positions // issues, 2)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as temporary:
        built_bench = build(parties, issues, settings.changed, settings.seed)
        bench = as_loaded(built_bench, Path(temporary) / "dossier", full=settings.full)
        del built_bench
    built = time.perf_counter() - start
    negotiation = bench.negotiation
    old, new = (as_rows(negotiation.round(r)) for r in (_BEFORE, _AFTER))
    old_keyed, new_keyed = as_keyed(old), as_keyed(new)
    with_readings = len(old) <= _READINGS_UP_TO
    counts = _check(bench, old, new, two_level=with_readings)
    rows: list[tuple[str, str, Callable[[], object], int]] = [
        (
            "a",
            "negotrack.compare",
            lambda: negotrack.compare(negotiation, _BEFORE, _AFTER),
            settings.repeat,
        ),
        (
            "b",
            "per-issue measures alone (info)",
            lambda: [measure_round(negotiation, r) for r in (_BEFORE, _AFTER)],
            settings.repeat,
        ),
        (
            "f",
            "plain-dict keyed diff (floor)",
            lambda: floor_diff(old_keyed, new_keyed),
            settings.repeat,
        ),
        (
            "c",
            'DeepDiff group_by="key" (reference)',
            lambda: _deepdiff(old, new, "key"),
            settings.deepdiff_repeat,
        ),
    ]
    if with_readings:
        rows.insert(
            2,
            (
                "r",
                "readings and verdicts (info)",
                lambda: (
                    negotrack.readings(negotiation, _BEFORE, _AFTER),
                    negotrack.issue_verdicts(negotiation, _BEFORE, _AFTER),
                ),
                settings.deepdiff_repeat,
            ),
        )
        rows.append(
            (
                "c'",
                'DeepDiff group_by=("party", "issue")',
                lambda: _deepdiff(old, new, _KEYS),
                settings.deepdiff_repeat,
            )
        )
    best = best_times(
        {key: action for key, _, action, _ in rows}, {key: n for key, _, _, n in rows}
    )
    reference = min(best["c"], best.get("c'", best["c"]))
    times = [
        {
            "key": key,
            "what": what,
            "seconds": best[key],
            "speedup": best["c"] / best[key],
            "x_floor": best[key] / best["f"],
        }
        for key, what, _, _ in rows
    ]
    report: dict[str, Any] = {
        "input": {
            "parties": parties,
            "issues": issues,
            "positions_per_round": len(old),
            "changed_share": settings.changed,
            "restated": "full" if settings.full else "minimal",
            "seed": settings.seed,
            "repeat": settings.repeat,
            "deepdiff_repeat": settings.deepdiff_repeat,
            "build_seconds": built,
        },
        "sanity": counts,
        "times": times,
        "target": {
            "speedup": TARGET_SPEEDUP,
            "measured": reference / best["a"],
            "pass": reference / best["a"] >= TARGET_SPEEDUP,
        },
        "floor": {
            "target": TARGET_FLOOR,
            "measured": best["a"] / best["f"],
            "pass": best["a"] / best["f"] <= TARGET_FLOOR,
        },
    }
    if settings.with_profile:
        report["profile"] = profile(lambda: negotrack.compare(negotiation, _BEFORE, _AFTER))
    return report


def run(sizes: Sequence[int], settings: Settings) -> dict[str, Any]:
    """Every size in turn; the report as plain data.

    The first size's figures are also at the top level (``input``, ``sanity``, ``times``,
    ``target``, ``floor``), as the report of one size was before sizes were added.
    """
    runs = [run_size(size, settings) for size in sizes]
    return {
        "command": " ".join(["python -m benchmarks.bench_diff", *sys.argv[1:]]),
        "environment": _environment(),
        **runs[0],
        "runs": runs,
    }


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
    """The report as small text tables, one per size."""
    env = report["environment"]
    lines = [
        (
            f"negotrack {env['negotrack']}, Python {env['python']}, DeepDiff {env['deepdiff']}, "
            f"{env['cpus']} CPUs"
        )
    ]
    for one in report.get("runs", [report]):
        lines += ["", *_render_size(one)]
    return "\n".join(lines)


def _render_size(report: dict[str, Any]) -> list[str]:
    info, sanity, target, floor = (
        report["input"],
        report["sanity"],
        report["target"],
        report["floor"],
    )
    lines = [
        (
            f"dossier: 2 rounds x {info['positions_per_round']:,} positions ({info['parties']} "
            f"parties x {info['issues']} issues), {sanity['positions_changed']} changed, "
            f"restated {info['restated']} (built, written and loaded in "
            f"{info['build_seconds']:.1f} s); best of {info['repeat']} "
            f"(DeepDiff and readings: {info['deepdiff_repeat']})"
        ),
        (
            f"negotrack: {sanity['changes']:,} changes of {sanity['kinds']} kinds "
            f"({sanity['positions_changed']} positions changed, {sanity['new_evidence']:,} "
            f"restated unchanged: new_evidence); floor: {sanity['floor_changed']} keys changed; "
            f"DeepDiff: {sanity['deepdiff_entries']} entries on {sanity['deepdiff_keys']} keys"
        ),
        "",
        f"{'':4}{'what':40}{'time':>11}{'DeepDiff / this':>17}{'x floor':>9}",
    ]
    lines += [
        (
            f"{row['key']:4}{row['what']:40}{row['seconds'] * 1000:>9.1f}ms"
            f"{row['speedup']:>17.1f}{row['x_floor']:>9.2f}"
        )
        for row in report["times"]
    ]
    verdict = "PASS" if target["pass"] else "FAIL"
    floor_verdict = "PASS" if floor["pass"] else "FAIL"
    size = f"{info['positions_per_round']:,} positions"
    lines += [
        "",
        (
            f"target: negotrack.compare >= {target['speedup']:g} x faster than DeepDiff ({size}): "
            f"{verdict} ({target['measured']:.0f} x, against the faster DeepDiff)"
        ),
        (
            f"target: negotrack.compare <= {floor['target']:g} x the plain-dict floor ({size}): "
            f"{floor_verdict} ({floor['measured']:.2f} x)"
        ),
    ]
    if "profile" in report:
        lines += ["", "cProfile of negotrack.compare, by cumulative time:", report["profile"]]
    return lines


def _sizes(text: str) -> list[int]:
    sizes = [int(part) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) <= 0:
        raise argparse.ArgumentTypeError("a comma-separated list of positive sizes")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table (or JSON); always exit 0 once it has run."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_diff", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[10_000, 100_000],
        help="positions a round, comma-separated (default 10000,100000)",
    )
    parser.add_argument("--parties", type=int, help="one size: this many parties x --issues")
    parser.add_argument("--issues", type=int, default=100, help="issues (default 100)")
    parser.add_argument(
        "--changed", type=float, default=0.01, help="share of positions changed (default 0.01)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    parser.add_argument(
        "--deepdiff-repeat",
        type=int,
        default=2,
        help="best of N runs of DeepDiff and the readings (default 2)",
    )
    parser.add_argument(
        "--restate",
        choices=("full", "minimal"),
        default="full",
        help="how the second round restates its positions (default full)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic dossier")
    parser.add_argument("--profile", action="store_true", help="add a cProfile run of (a)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    counts = (args.issues, args.repeat, args.deepdiff_repeat, args.parties or 1)
    if min(counts) <= 0 or not 0 < args.changed <= 1:
        parser.error(
            "--parties, --issues, --repeat, --deepdiff-repeat must be positive; --changed in (0, 1]"
        )
    sizes = [args.parties * args.issues] if args.parties else args.sizes
    settings = Settings(
        issues=args.issues,
        changed=args.changed,
        repeat=args.repeat,
        deepdiff_repeat=args.deepdiff_repeat,
        seed=args.seed,
        full=args.restate == "full",
        with_profile=args.profile,
    )
    report = run(sizes, settings)
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
