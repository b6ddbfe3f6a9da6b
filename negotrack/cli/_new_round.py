"""``negotrack new-round``: the next round file of a folder dossier, ready to edit.

The file gets the schema line of the dossier's round files, the new round's id, title and date,
the participants of the last round, and every position and stance in force after it, commented
out (see `negotrack.files._next_round`). It is written atomically and never over a file.
"""

from __future__ import annotations

import argparse
import re

from negotrack.cli._exit import EXIT_OK

# not `typing.TYPE_CHECKING`: `negotrack --help` imports neither typing, pathlib nor datetime
TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path
    from typing import Any, Final, TextIO

    from negotrack.model._rounds import Round

__all__ = ["add_new_round", "new_round"]

# patterns as text, compiled (and cached by `re`) when first used, not at start-up
_DAY: Final = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_MODELINE: Final = rb"# yaml-language-server: \$schema=([\x21-\x7e]+)[ \t]*\r?\n?"
_YAML: Final = (".yaml", ".yml")


def _day(value: str) -> dt.date:
    import datetime as dt  # noqa: PLC0415 - not imported for --help

    if not re.fullmatch(_DAY, value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: {exc}") from None


def _round_id(value: str) -> str:
    from negotrack.files._check_context import ID_PATTERN  # noqa: PLC0415

    if not ID_PATTERN.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an id: letters, digits, '.', '_' and '-', starting with a "
            "letter or digit"
        )
    return value


def add_new_round(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``negotrack new-round`` with the parser's commands."""
    command = commands.add_parser(
        "new-round",
        help="write the next round file of a folder dossier, what is in force commented out",
        description=(
            "Write DOSSIER/rounds/ID.yaml for a round after the last: the participants of the "
            "last round, and the positions and stances in force as commented-out entries to "
            "uncomment and edit. Never writes over a file."
        ),
    )
    command.add_argument("dossier", metavar="DOSSIER", help="a folder dossier")
    command.add_argument(
        "--date", required=True, type=_day, metavar="YYYY-MM-DD", help="the day of the round"
    )
    command.add_argument(
        "--id", type=_round_id, metavar="ID", help="the round's id and file name (default: DATE)"
    )
    command.add_argument("--title", help="the round's title (default: Round of DATE)")


def new_round(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the next round file; say what it holds on ``out``."""
    del err
    from pathlib import Path  # noqa: PLC0415 - not imported for --help

    from negotrack.files._loading import ROUNDS_DIR, load  # noqa: PLC0415
    from negotrack.files._next_round import (  # noqa: PLC0415 - not imported for --help
        NewRoundError,
        create_new,
        next_round_text,
    )

    folder = Path(args.dossier)
    if folder.is_file() or args.dossier == "-":
        raise NewRoundError(
            f"{args.dossier} is a single-file dossier: add the round to its `rounds:` list "
            "(new-round writes a round file into a folder dossier)"
        )
    negotiation = load(folder)
    day: dt.date = args.date
    last = negotiation.rounds[-1] if negotiation.rounds else None
    if last is not None and day <= last.last_day:
        held = f"{last.when} to {last.last_day}" if last.last_day != last.when else f"{last.when}"
        raise NewRoundError(
            f"--date {day}: not after the last round, {last.id!r} ({held}); "
            "a new round comes after it"
        )
    round_id: str = args.id or day.isoformat()
    if any(r.id == round_id for r in negotiation.rounds):
        raise NewRoundError(f"round {round_id!r} exists already; give the new one another --id")
    rounds_dir = folder / ROUNDS_DIR
    for suffix in _YAML:
        taken = rounds_dir / f"{round_id}{suffix}"
        if taken.exists() or taken.is_symlink():
            raise NewRoundError(f"{taken} exists already; new-round never writes over a file")
    text = next_round_text(
        negotiation,
        round_id=round_id,
        day=day,
        title=args.title,
        schema=_schema_line(folder, rounds_dir, last),
    )
    target = rounds_dir / f"{round_id}.yaml"
    rounds_dir.mkdir(exist_ok=True)
    try:
        create_new(target, text)
    except FileExistsError:  # made between the check and the write
        raise NewRoundError(f"{target} exists already; new-round never writes over it") from None
    held_now = negotiation.effective_positions(last.id) if last is not None else {}
    stood = negotiation.effective_stances(last.id) if last is not None else {}
    print(
        f"wrote {target}: {_count(len(held_now), 'position')} and "
        f"{_count(len(stood), 'stance')} in force, commented out",
        file=out,
    )
    print(f"next: edit it, then run: negotrack validate {args.dossier}", file=out)
    return EXIT_OK


def _count(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _schema_line(folder: Path, rounds_dir: Path, last: Round | None) -> str | None:
    """The schema the dossier's round files name: the last round's file's, else another's.

    With no round file naming one, the dossier's own ``schemas/round.schema.json`` if it has
    one (as ``negotrack init`` writes it), else none.
    """
    named = [rounds_dir / f"{last.id}{suffix}" for suffix in _YAML] if last is not None else []
    others = sorted((p for p in rounds_dir.glob("*") if p.suffix in _YAML), reverse=True)
    for path in (*named, *others):
        try:
            with path.open("rb") as handle:
                first = handle.readline(4096)
        except OSError:
            continue
        found = re.fullmatch(_MODELINE, first.removeprefix(b"\xef\xbb\xbf"))
        if found:
            return found.group(1).decode("ascii")
    if (folder / "schemas" / "round.schema.json").is_file():
        return "../schemas/round.schema.json"
    return None
