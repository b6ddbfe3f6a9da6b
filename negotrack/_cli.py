"""The ``negotrack`` command line. Only this module prints, reads argv or picks an exit code.

Exit codes: 0 success, 1 differences found (with ``--exit-code``, in later commands), 2 bad input
or usage. A user's mistake never shows a traceback; a bug still does.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Final, TextIO

if TYPE_CHECKING:
    from collections.abc import Sequence

    from negotrack._negotiation import Negotiation

__all__ = ["EXIT_BAD_INPUT", "EXIT_DIFFERENCES", "EXIT_OK", "main"]

EXIT_OK: Final = 0
EXIT_DIFFERENCES: Final = 1
EXIT_BAD_INPUT: Final = 2


class _Parser(argparse.ArgumentParser):
    """argparse, exiting with 2 and one usage line on stderr for usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    from negotrack import __version__  # noqa: PLC0415 - keep start-up light

    parser = _Parser(
        prog="negotrack",
        description="Track what each party to a negotiation wants, round by round.",
    )
    parser.add_argument("--version", action="version", version=f"negotrack {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    validate = commands.add_parser(
        "validate",
        help="check dossiers and report every problem",
        description=(
            "Load each dossier (a folder with negotiation.yaml and rounds/, or one YAML file) and "
            "report every problem as file:line:col: $.path: message. Exit 0 when all are valid, "
            "2 otherwise."
        ),
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="dossier folder or file")
    validate.add_argument(
        "-q", "--quiet", action="store_true", help="print problems only, no summaries"
    )
    return parser


def summary(negotiation: Negotiation) -> str:
    """One line saying what a dossier holds."""
    rounds = negotiation.rounds
    counts = [
        (len(negotiation.parties), "party", "parties"),
        (len(negotiation.issues), "issue", "issues"),
        (len(negotiation.proposals), "proposal", "proposals"),
        (len(rounds), "round", "rounds"),
        (sum(len(r.positions) for r in rounds), "position", "positions"),
        (sum(len(r.stances) for r in rounds), "stance", "stances"),
        (sum(len(r.statements) for r in rounds), "statement", "statements"),
    ]
    text = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
    if rounds:
        text += f"; {rounds[0].when} to {rounds[-1].when}"
    return text


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from negotrack._errors import LoadError  # noqa: PLC0415 - keep --help fast
    from negotrack._loading import load  # noqa: PLC0415

    status = EXIT_OK
    for path in args.paths:
        try:
            negotiation = load(path)
        except LoadError as exc:
            status = EXIT_BAD_INPUT
            for problem in exc.problems:
                print(problem, file=err)
            continue
        if not args.quiet:
            print(f"{path}: ok: {summary(negotiation)}", file=out)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_BAD_INPUT
    commands = {"validate": _validate}
    try:
        return commands[args.command](args, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
