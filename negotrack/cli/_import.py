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
    from typing import Any, TextIO

__all__ = ["add_import_parser", "import_command"]


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
        "files", nargs="+", metavar="FILE", help="a .csv table, or an .xlsx workbook"
    )
    command.add_argument("--into", required=True, metavar="DIR", help="the dossier folder")
    command.add_argument(
        "--force",
        action="store_true",
        help="replace the positions, stances or statements rounds already have",
    )


def import_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Import the tables; say what was read and which round files were written."""
    del err
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
