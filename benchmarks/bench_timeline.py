"""Timeline benchmark: `negotrack.diff._timeline.timeline` over 200 rounds x 50 parties x 20 issues.

Run from the repository root::

    python -m benchmarks.bench_timeline [--rounds N] [--parties N] [--issues N] [--repeat N]

The dossier is built with the negotrack classes directly (no YAML): issues on ordinal, numeric and
categorical scales; two sides of the table and a few parties on neither; every party states a
position on every issue in the first round, and each later round restates about 10% of the
positions with a random move (now and then a withdrawal, stated again later). The figure is the
best wall time of ``--repeat`` runs (the best CPU time is shown too, as a check on a busy
machine); the target is a wall time under a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import time
from typing import TYPE_CHECKING, Final

from negotrack import (
    CategoricalScale,
    Interval,
    Issue,
    Negotiation,
    NumericScale,
    Option,
    OrdinalScale,
    Party,
    Position,
    Round,
    Side,
)
from negotrack.diff._measures import measure_round
from negotrack.diff._timeline import timeline

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["build", "main"]

#: The product's target for a full timeline of the default dossier, in seconds.
TARGET_SECONDS: Final = 1.0
#: Share of the positions each round after the first restates.
RESTATED: Final = 0.10
_START: Final = dt.date(2020, 1, 1)


def _issue(index: int) -> Issue:
    kind = index % 5
    if kind in {0, 1}:
        options = tuple(Option(f"o{k}", f"Option {k}") for k in range(6))
        return Issue(f"i{index:02d}", f"Ordinal issue {index}", OrdinalScale(options=options))
    if kind in {2, 3}:
        scale = NumericScale(min=0.0, max=1000.0, unit="units")
        return Issue(f"i{index:02d}", f"Numeric issue {index}", scale)
    options = tuple(Option(f"c{k}", f"Choice {k}") for k in range(4))
    return Issue(f"i{index:02d}", f"Categorical issue {index}", CategoricalScale(options=options))


def _position(rng: random.Random, party: str, issue: Issue, before: Position | None) -> Position:
    """A position of ``party`` on ``issue``: a random one, or a random move from ``before``."""
    scale = issue.scale
    salience = round(rng.random(), 2)
    if isinstance(scale, NumericScale):
        old = before.preferred if before is not None else rng.uniform(scale.min, scale.max)
        assert isinstance(old, float)
        value = min(max(old + rng.gauss(0, 50), scale.min), scale.max)
        acceptable = Interval(max(value - rng.uniform(0, 200), scale.min), None)
        return Position(party, issue.id, value, acceptable, salience=salience)
    ids = issue.option_ids
    if isinstance(scale, OrdinalScale):
        old_index = ids.index(str(before.preferred)) if before is not None else rng.randrange(6)
        index = min(max(old_index + rng.choice((-1, 0, 1)), 0), len(ids) - 1)
        accepted = ids[max(index - rng.randrange(2), 0) : index + 1 + rng.randrange(2)]
        return Position(party, issue.id, ids[index], accepted, salience=salience)
    option, other = rng.choice(ids), rng.choice(ids)
    accepted = (option,) if other == option else (option, other)
    return Position(party, issue.id, option, accepted, salience=salience)


def build(rounds: int = 200, parties: int = 50, issues: int = 20, seed: int = 0) -> Negotiation:
    """The synthetic dossier: ``rounds`` x ``parties`` x ``issues``, seeded."""
    rng = random.Random(seed)
    party_ids = [f"p{k:02d}" for k in range(parties)]
    sided = parties - max(parties // 20, 1)
    sides = (
        Side("east", "East", tuple(party_ids[: sided // 2])),
        Side("west", "West", tuple(party_ids[sided // 2 : sided])),
    )
    issue_list = [_issue(k) for k in range(issues)]
    keys = [(party, issue) for party in party_ids for issue in issue_list]
    held: dict[tuple[str, str], Position] = {}
    round_list = []
    for number in range(rounds):
        chosen = keys if number == 0 else rng.sample(keys, round(len(keys) * RESTATED))
        positions = []
        for party, issue in chosen:
            before = held.get((party, issue.id))
            if number and before is not None and rng.random() < 0.01:
                position = Position(party, issue.id, withdrawn=True)
                del held[party, issue.id]
            else:
                position = _position(rng, party, issue, before)
                held[party, issue.id] = position
            positions.append(position)
        day = _START + dt.timedelta(days=number)
        round_list.append(
            Round(f"r{number:03d}", f"Round {number}", date=day, positions=tuple(positions))
        )
    return Negotiation(
        "bench",
        "Timeline benchmark",
        parties=tuple(Party(p, f"Party {p}") for p in party_ids),
        sides=sides,
        issues=tuple(issue_list),
        rounds=tuple(round_list),
    )


def best_times(negotiation: Negotiation, repeat: int) -> tuple[float, float]:
    """Best wall time and best CPU time of ``timeline(negotiation)`` over ``repeat`` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = timeline(negotiation)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
        del result
    return wall, cpu


def main(argv: Sequence[str] | None = None) -> int:
    """Build the dossier, time the timeline, print the figure and the verdict on the target."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_timeline", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--parties", type=int, default=50)
    parser.add_argument("--issues", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    negotiation = build(args.rounds, args.parties, args.issues, args.seed)
    built = time.perf_counter() - start
    stated = sum(len(r.positions) for r in negotiation.rounds)
    result = timeline(negotiation)
    points = sum(len(track.points) for track in result.issues.values())
    # sanity: what is timed is what it claims to be
    last = negotiation.rounds[-1].id
    assert measure_round(negotiation, last) == {i: t.measures[-1] for i, t in result.issues.items()}
    assert points == sum(len(held) for _, held, _ in negotiation.iter_effective())
    seconds, cpu = best_times(negotiation, args.repeat)
    print(
        f"dossier: {args.rounds} rounds x {args.parties} parties x {args.issues} issues, "
        f"{stated:,} positions stated, {points:,} timeline points (built in {built:.1f} s)"
    )
    print(
        f"timeline: {seconds * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU (best of {args.repeat})"
    )
    verdict = "PASS" if seconds < TARGET_SECONDS else "FAIL"
    print(f"target: < {TARGET_SECONDS:g} s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
