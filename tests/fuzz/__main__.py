"""Run the fuzzer on one target for a bounded time: ``python -m tests.fuzz TARGET [SECONDS]``.

Needs the ``fuzz`` extra (``pip install -e '.[fuzz]'``: atheris, libFuzzer's engine for Python).
It starts from the saved inputs of the target (``tests/fuzz/corpus/TARGET``: seeds from the
examples and every input that ever failed), keeps the inputs it finds interesting in a working
folder outside the repository (``~/.cache/negotrack-fuzz/TARGET``, so a later run goes on from
there), and on a failure writes the input to ``tests/fuzz/corpus/TARGET/failure-*``, where the
test suite replays it for good: commit it with the fix.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    """Fuzz ``argv[0]`` for ``argv[1]`` seconds (default 60)."""
    import atheris  # noqa: PLC0415 - the fuzz extra

    with atheris.instrument_imports(include=["negotrack"]):
        from tests.fuzz.targets import TARGETS  # noqa: PLC0415

    if not argv or argv[0] not in TARGETS:
        print(f"usage: python -m tests.fuzz {{{'|'.join(TARGETS)}}} [SECONDS]", file=sys.stderr)
        return 2
    name, seconds = argv[0], int(argv[1]) if len(argv) > 1 else 60
    corpus = HERE / "corpus" / name
    work = Path.home() / ".cache" / "negotrack-fuzz" / name
    work.mkdir(parents=True, exist_ok=True)
    target = TARGETS[name]
    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={seconds}",
            f"-artifact_prefix={corpus}/failure-",
            "-max_len=20000",
            "-timeout=20",
            str(work),  # new inputs go to the first folder
            str(corpus),
        ],
        target,
    )
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
