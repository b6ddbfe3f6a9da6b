"""Timing and memory for the benchmarks: best of N in turns, and tracemalloc's peak."""

from __future__ import annotations

import gc
import time
import tracemalloc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["best_times", "peak_memory"]


def best_times(
    actions: dict[str, Callable[[], object]], repeat: int | Mapping[str, int]
) -> dict[str, float]:
    """Best wall time of each action over ``repeat`` rounds (or its own count, by name).

    The actions take turns within each round, so a burst of load from elsewhere on the machine
    hits them alike; each result is freed outside the timed region, after a full collection.
    """
    repeats = dict.fromkeys(actions, repeat) if isinstance(repeat, int) else dict(repeat)
    best = dict.fromkeys(actions, float("inf"))
    for turn in range(max(repeats.values(), default=0)):
        for name, action in actions.items():
            if turn >= repeats[name]:
                continue
            gc.collect()
            start = time.perf_counter()
            result = action()
            elapsed = time.perf_counter() - start
            del result
            best[name] = min(best[name], elapsed)
    return best


def peak_memory(action: Callable[[], object]) -> int:
    """Peak bytes allocated by one run of ``action``, as tracemalloc sees it."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = action()
        peak = tracemalloc.get_traced_memory()[1] - before
        del result
    finally:
        tracemalloc.stop()
    return peak
