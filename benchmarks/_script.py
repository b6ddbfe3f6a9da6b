"""The command line that the load and error benchmarks share: size, repeat, seed, JSON."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["sized_main"]


def sized_main(
    argv: Sequence[str] | None,
    *,
    prog: str,
    doc: str,
    size_help: str,
    run: Callable[[int, int, int], dict[str, Any]],
    render: Callable[[dict[str, Any]], str],
) -> int:
    """Parse ``--size``, ``--repeat``, ``--seed`` and ``--json``, run, print; exit 0 once run."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--size", type=int, default=1_000_000, help=size_help)
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic dossier")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.size <= 0 or args.repeat <= 0:
        parser.error("--size and --repeat must be positive")
    report = run(args.size, args.repeat, args.seed)
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0
