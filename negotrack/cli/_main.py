"""The ``negotrack`` command line. Only the CLI modules print, read argv or pick an exit code.

Exit codes: 0 success, 1 differences found (only with ``--exit-code``, as ``git diff``), 2 bad
input or usage. A user's mistake is one line on stderr, never a traceback; a bug still shows one.
Heavy modules are imported inside the commands, so ``negotrack --help`` starts fast.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys

from negotrack.cli._exit import EXIT_BAD_INPUT, EXIT_CLOSED_PIPE, EXIT_INTERRUPTED
from negotrack.cli._export import add_export_parser
from negotrack.cli._forecast import add_forecast_parsers
from negotrack.cli._import import add_import_parser
from negotrack.cli._new_round import add_new_round

# not `typing.TYPE_CHECKING`: `negotrack --help` does not import typing
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, Final

__all__ = ["main"]

_FORMATS: Final = ("text", "markdown", "json", "html")
_COLOR: Final = ("auto", "always", "never")


def _terminal_width() -> int:
    """The width argparse would find, as `shutil.get_terminal_size` finds it, minus 2.

    Worked out once per parser: argparse makes a help formatter for every argument it is given,
    and each would ask again, importing `shutil` (which imports bz2, lzma and zlib) on the way.
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0 or lines <= 0:  # as shutil: the terminal is asked unless both are set
        try:
            found = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            found = 0
        if columns <= 0:
            columns = found or 80
    return columns - 2


class _Parser(argparse.ArgumentParser):
    """argparse, exiting with 2 and one usage line on stderr for usage errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        width = _terminal_width()
        kwargs.setdefault("formatter_class", functools.partial(argparse.HelpFormatter, width=width))
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _schema_options(schema: argparse.ArgumentParser) -> None:
    schema.add_argument("name", nargs="?", metavar="NAME")
    schema.add_argument(
        "--dossier",
        metavar="DOSSIER",
        help="write the schemas of this dossier's files, listing its ids, into its schemas/",
    )


def _output_options(command: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    command.add_argument(
        "-f",
        "--format",
        choices=formats,
        default=formats[0],
        help=f"output format (default: {formats[0]})",
    )
    command.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output",
    )
    if "text" in formats:
        command.add_argument(
            "--width",
            type=int,
            metavar="N",
            help="wrap text to N columns (default: the terminal's)",
        )


def _add_validate(commands: argparse._SubParsersAction[Any]) -> None:
    validate = commands.add_parser(
        "validate",
        help="check dossiers and report every problem",
        description=(
            "Load each dossier (a folder with negotiation.yaml and rounds/, or one YAML file) and "
            "report every problem as file:line:col: $.path: message. A folder dossier's "
            "negotiation.yaml or round file stands for its folder; each dossier is checked once."
        ),
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="dossier folder or file")
    validate.add_argument(
        "-q", "--quiet", action="store_true", help="print problems only: no notes, no summaries"
    )
    validate.add_argument(
        "-f",
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json (one document), or github (workflow annotations)",
    )


def _add_color(commands: argparse._SubParsersAction[Any]) -> None:
    """``--color`` on every command, so that a script or an alias can pass it to any of them."""
    for command in dict.fromkeys(commands.choices.values()):
        if any("--color" in action.option_strings for action in command._actions):
            continue
        command.add_argument(
            "--color",
            choices=_COLOR,
            default="auto",
            help="colour: auto (the default: on a terminal, or with FORCE_COLOR or "
            "CLICOLOR_FORCE set; never with NO_COLOR set or into an -o file), always or never",
        )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    from negotrack import __version__  # noqa: PLC0415 - the package's own light module

    parser = _Parser(
        prog="negotrack",
        description="Track what each party to a negotiation wants, round by round.",
        epilog="Exit codes: 0 success, 1 differences (diff --exit-code), 2 bad input or usage, "
        "141 output cut short (its reader left, as in | head).",
    )
    parser.add_argument("--version", action="version", version=f"negotrack {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    _add_validate(commands)

    diff = commands.add_parser(
        "diff",
        help="what changed between two rounds, or two versions of a dossier",
        description=(
            "negotrack diff DOSSIER [FROM] [TO] compares two rounds (default: the last two; with "
            "one round, that round and the last). negotrack diff OLD NEW compares two versions "
            "of one dossier; either may be REV:PATH to read it from git."
        ),
    )
    diff.add_argument("args", nargs="+", metavar="ARG", help="DOSSIER [FROM] [TO], or OLD NEW")
    _output_options(diff, _FORMATS)
    diff.add_argument("--party", action="append", metavar="ID", help="only changes of this party")
    diff.add_argument("--issue", action="append", metavar="ID", help="only this issue or proposal")
    diff.add_argument("--kind", action="append", metavar="KIND", help="only this kind of change")
    diff.add_argument(
        "--meaning",
        action="append",
        choices=("concession", "hardening", "neutral"),
        help="only changes with this meaning",
    )
    diff.add_argument(
        "--exit-code", action="store_true", help="exit with 1 when there are differences"
    )

    report = commands.add_parser(
        "report",
        help="the whole story across all rounds",
        description="Per issue: positions round by round, convergence, turning points, charts.",
    )
    report.add_argument("dossier", metavar="DOSSIER")
    report.add_argument("--issue", action="append", metavar="ID", help="only this issue")
    _output_options(report, _FORMATS)

    timeline = commands.add_parser(
        "timeline", help="each party's position on each issue, round by round"
    )
    timeline.add_argument("dossier", metavar="DOSSIER")
    timeline.add_argument("--issue", action="append", metavar="ID", help="only this issue")
    _output_options(timeline, _FORMATS)

    add_export_parser(commands)
    add_import_parser(commands)
    add_forecast_parsers(commands)

    schema = commands.add_parser(
        "schema",
        help="print a bundled JSON Schema, or write a dossier's own",
        description="With no NAME, list the schemas there are. With --dossier, write that "
        "dossier's schemas, which know its ids, into its schemas/ folder (or print NAME's).",
    )
    _schema_options(schema)

    init = commands.add_parser(
        "init",
        help="start a new dossier folder",
        description="Write a commented negotiation.yaml, a first round and the schemas; "
        "refuses to overwrite anything.",
    )
    init.add_argument("directory", metavar="DIR")
    init.add_argument("--title", default="New negotiation", help="title of the negotiation")
    add_new_round(commands)

    plot = commands.add_parser(
        "plot",
        help="draw issues across all rounds as PNG or SVG (needs negotrack[plot])",
        description="With --issue, one chart to FILE.png or FILE.svg; with --all, a chart per "
        "issue into the folder DIR (made if missing), named ISSUE-ID.png (or .svg).",
    )
    plot.add_argument("dossier", metavar="DOSSIER")
    which = plot.add_mutually_exclusive_group(required=True)
    which.add_argument("--issue", metavar="ID", help="draw this issue")
    which.add_argument("--all", action="store_true", help="draw every issue, one file each")
    plot.add_argument(
        "-o", "--output", required=True, metavar="PATH", help="FILE.png or .svg; with --all, DIR"
    )
    plot.add_argument(
        "-f", "--format", choices=("png", "svg"), help="with --all: png (default) or svg"
    )

    site = commands.add_parser(
        "site",
        help="a static folder: an index, a report per dossier, a diff per pair of rounds",
        description="HTML pages and their JSON, self-contained: no scripts, no external requests.",
    )
    site.add_argument("dossiers", nargs="+", metavar="DOSSIER")
    site.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write")

    brackets = commands.add_parser(
        "brackets",
        help="count bracketed text and labelled options in draft texts",
        description=(
            "Count what a negotiator counts in each draft (plain text or Markdown, UTF-8): "
            "spans in square brackets, labelled options (Option 1, Alt A...) and brackets left "
            "unmatched. With no FILE, or for -, read standard input."
        ),
    )
    brackets.add_argument(
        "files", nargs="*", metavar="FILE", help="a draft text file, or - for standard input"
    )
    brackets.add_argument(
        "-f",
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (a line per file) or json (a list of objects); default: text",
    )

    git_diff = commands.add_parser(
        "git-diff",
        help="git's external diff driver (see the docs: .gitattributes)",
        description="Called by git with PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE.",
    )
    git_diff.add_argument("git_args", nargs="+", metavar="ARG")
    _output_options(git_diff, _FORMATS)
    _add_color(commands)  # last: every command, those registered above included
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_BAD_INPUT
    from negotrack.cli._commands import run  # noqa: PLC0415 - heavy imports only past --help

    try:
        status = run(args, sys.stdout, sys.stderr)
        sys.stdout.flush()  # here, so that a reader gone early is seen while it can be handled
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader left (| head): no traceback, and the status a shell gives any program
        # killed by SIGPIPE, as cat or git would be
        from negotrack.cli._io import quiet_closed_pipe  # noqa: PLC0415

        quiet_closed_pipe()
        return EXIT_CLOSED_PIPE
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
