"""``negotrack import``: positions, stances and statements from CSV or .xlsx into a dossier.

Its parser is set up here (`add_import_parser`) and its handler is `import_command`; the work
is `negotrack.interop._tables_in.import_tables`, imported only when the command runs. Every
problem is one line (file, sheet, row, column), and then nothing is written.
"""

from __future__ import annotations

from negotrack.cli._exit import EXIT_OK

# not `typing.TYPE_CHECKING`: `negotrack --help` does not import typing
TYPE_CHECKING = False

if TYPE_CHECKING:
    import argparse
    from typing import Any, Final, TextIO

__all__ = ["FOREIGN_FORMATS", "add_import_parser", "import_command"]

#: The formats of `negotrack.interop._foreign.FORMATS`, here so that ``--help`` need not import it.
FOREIGN_FORMATS: Final = ("decide", "bdm", "deu")


def add_import_parser(commands: Any) -> None:
    """Add the ``import`` command to the subparsers ``commands``."""
    command = commands.add_parser(
        "import",
        help="positions, stances and statements from CSV or .xlsx into a dossier's rounds",
        description="Read the tables negotrack export writes (docs/tables.md), edited or "
        "made by hand, into the dossier folder DIR: a round it lacks becomes a round file; a "
        "round it has is changed only with --force. Parties, issues, proposals, people and "
        "sources must be declared in DIR/negotiation.yaml first. .xlsx needs negotrack[xlsx].",
    )
    command.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a .csv table, or an .xlsx workbook; with --from, the one file to import",
    )
    command.add_argument(
        "--from",
        dest="from_format",
        choices=FOREIGN_FORMATS,
        metavar="FORMAT",
        help="another tool's file, made into a new dossier DIR: decide (the exchange model's "
        "input), bdm (an actor table: actor, capability, position, salience), deu (a wide "
        "table of expert-coded positions)",
    )
    command.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="with --from: the date of the round the file's positions make (default: the day "
        "the file was last changed)",
    )
    command.add_argument("--into", required=True, metavar="DIR", help="the dossier folder")
    command.add_argument(
        "--force",
        action="store_true",
        help="replace the positions, stances or statements rounds already have; with --from, "
        "replace the dossier DIR holds",
    )


def import_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Import the tables; say what was read and which round files were written."""
    del err
    if args.from_format is not None:
        return _import_foreign(args, out)
    if args.date is not None:
        raise _ImportUsageError("--date goes with --from: a table names its rounds' dates")
    from negotrack.interop._tables_in import import_tables  # noqa: PLC0415

    result = import_tables(args.files, args.into, force=args.force)
    counts = ", ".join(f"{n} {table}" for table, n in result.rows.items()) or "no rows"
    if not result.written:
        print(f"read {counts}; the dossier holds all of it already: nothing written", file=out)
        return EXIT_OK
    said = []
    if result.added:
        said.append("added " + ", ".join(repr(r) for r in result.added))
    if result.replaced:
        said.append("replaced " + ", ".join(repr(r) for r in result.replaced))
    print(f"read {counts}; {'; '.join(said)}", file=out)
    for path in result.written:
        print(f"wrote {path}", file=out)
    return EXIT_OK


class _ImportUsageError(ValueError):
    """import was given options that do not go together (a ValueError: `run` prints one line)."""


def _import_foreign(args: argparse.Namespace, out: TextIO) -> int:
    import datetime as dt  # noqa: PLC0415

    from negotrack.interop._foreign import import_into  # noqa: PLC0415

    if len(args.files) != 1:
        raise _ImportUsageError(f"--from {args.from_format} imports one file at a time")
    date = None
    if args.date is not None:
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError:
            raise _ImportUsageError(f"--date {args.date!r}: expected a day as YYYY-MM-DD") from None
    negotiation = import_into(
        args.from_format, args.files[0], args.into, date=date, force=args.force
    )
    counts = sum(len(r.positions) for r in negotiation.rounds)
    print(
        f"read {len(negotiation.parties)} parties, {len(negotiation.issues)} issues and "
        f"{counts} positions; wrote the dossier {args.into}",
        file=out,
    )
    return EXIT_OK
