"""``negotrack export``: the dossier as long tables, CSV, JSON or an .xlsx workbook.

Its parser is set up here (`add_export_parser`) and its handler is `export_command`; the
tables come from `negotrack.interop._export`, imported only when the command runs.
"""

from __future__ import annotations

from negotrack.cli._exit import EXIT_OK

# not `typing.TYPE_CHECKING`: `negotrack --help` does not import typing
TYPE_CHECKING = False

if TYPE_CHECKING:
    import argparse
    from pathlib import Path
    from typing import Any, Final, TextIO

__all__ = ["TABLE_NAMES", "add_export_parser", "export_command"]

#: The tables, as `negotrack.interop._tables.TABLES` names them (kept here so that
#: ``negotrack --help`` need not import them).
TABLE_NAMES: Final = ("positions", "stances", "statements", "proposals", "terms", "measures")


class _ExportUsageError(ValueError):
    """export was given options that do not go together.

    A ValueError, so that ``--help`` need not import the model's errors; `run` prints either as
    one line.
    """


def add_export_parser(commands: Any) -> None:
    """Add the ``export`` command to the subparsers ``commands``."""
    export = commands.add_parser(
        "export",
        help="the dossier as long tables: positions, stances, statements, proposals, terms, "
        "measures",
        description="Long format for spreadsheets, pandas and DuckDB, every field in its own "
        "column (docs/tables.md). --table all writes a file per table into the folder -o DIR, "
        "or one workbook with a sheet per table (-f xlsx, needs negotrack[xlsx]).",
    )
    export.add_argument("dossier", metavar="DOSSIER")
    export.add_argument(
        "-t",
        "--table",
        choices=(*TABLE_NAMES, "all"),
        default="positions",
        help="which table (default: positions); all: every table",
    )
    export.add_argument(
        "-f",
        "--format",
        choices=("csv", "json", "xlsx", "decide", "bdm"),
        default="csv",
        help="default: csv; decide: an input file of the exchange model, bdm: an actor table "
        "(actor, capability, position, salience), of the positions in force in --round",
    )
    export.add_argument(
        "--round",
        metavar="ROUND",
        help="with -f decide or bdm: the round whose positions in force are written "
        "(default: the last)",
    )
    export.add_argument(
        "--issue",
        metavar="ISSUE",
        help="with -f bdm: the one issue to write (default: every issue, with an issue column)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write to FILE (atomically) instead of standard output; with --table all, DIR "
        "(or FILE.xlsx)",
    )


def export_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the table (or every table) asked for; nothing is written unless all renders."""
    from pathlib import Path  # noqa: PLC0415 - not imported for --help

    from negotrack.cli._io import dossier, emit, to_stdout  # noqa: PLC0415
    from negotrack.interop._export import to_csv, to_json  # noqa: PLC0415

    negotiation = dossier(args.dossier)
    if args.format in ("decide", "bdm"):
        return _export_foreign(args, negotiation, out)
    if args.round is not None or args.issue is not None:
        raise _ExportUsageError("--round and --issue go with -f decide or -f bdm")
    tables = TABLE_NAMES if args.table == "all" else (args.table,)
    if args.format == "xlsx":
        from negotrack.files._saving import atomic_write  # noqa: PLC0415
        from negotrack.interop._xlsx import to_xlsx  # noqa: PLC0415

        if to_stdout(args):
            raise _ExportUsageError("-f xlsx writes a workbook: give the file with -o FILE.xlsx")
        target = Path(args.output)
        _check_target(target)
        atomic_write(target, to_xlsx(negotiation, tables))
        return EXIT_OK
    render = to_csv if args.format == "csv" else to_json
    if args.table != "all":
        emit(args, render(negotiation, args.table), out)
        return EXIT_OK
    if to_stdout(args):
        raise _ExportUsageError(
            "--table all writes a file per table: give the folder with -o DIR, or -f xlsx"
        )
    from negotrack.files._saving import atomic_write  # noqa: PLC0415

    folder = Path(args.output)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise _ExportUsageError(f"{folder}: not a folder; --table all writes into a folder")
    files = {folder / f"{name}.{args.format}": render(negotiation, name) for name in tables}
    for target in files:
        _check_target(target)
    folder.mkdir(parents=True, exist_ok=True)
    for target, text in files.items():
        atomic_write(target, text)
    print(f"negotrack: wrote {len(files)} tables to {folder}", file=err)
    return EXIT_OK


def _check_target(target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise _ExportUsageError(f"{target}: not a regular file; export never writes over it")


def _export_foreign(args: argparse.Namespace, negotiation: Any, out: TextIO) -> int:
    from negotrack.cli._io import emit  # noqa: PLC0415
    from negotrack.interop._foreign import exporter  # noqa: PLC0415

    if args.table != "positions":
        raise _ExportUsageError(f"-f {args.format} writes positions only: leave out --table")
    options: dict[str, str] = {}
    if args.issue is not None:
        if args.format != "bdm":
            raise _ExportUsageError("--issue goes with -f bdm: a Decide file holds every issue")
        options["issue"] = args.issue
    emit(args, exporter(args.format)(negotiation, round=args.round, **options), out)
    return EXIT_OK
