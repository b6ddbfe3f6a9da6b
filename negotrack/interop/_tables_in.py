"""``import_tables``: tables in, round files out, written only when the whole result loads.

Only the round files the import adds or changes are written; ``negotiation.yaml`` and every
other round file are left as they are, comments and all. The new files are rendered by
`negotrack.files.save` (into a temporary folder, with the whole dossier, so that a restated
position is written as what changed), then the dossier as it will be on disk is loaded from a
copy and compared with the imported one. A round file left as it is can read differently once
a round before it is added or changed (it restates only what changed, from the round before);
such a file is rewritten too with ``force``, and otherwise the import is refused. When all is
well, each file is written atomically (`negotrack.files._saving.atomic_write`).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from negotrack.files._loading import DOSSIER_FILE, ROUNDS_DIR, load
from negotrack.files._parse import parse
from negotrack.files._saving import SaveError, atomic_write, save
from negotrack.interop._import import collect
from negotrack.interop._sheets import csv_sheet, workbook_sheets
from negotrack.model._errors import LoadError, NegotrackError, Problem
from negotrack.model._negotiation import Negotiation

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Sequence

    from negotrack.interop._sheets import Sheet

__all__ = ["ImportResult", "import_tables"]

_YAML: Final = (".yaml", ".yml")
_ROUND_SCHEMA: Final = "../schemas/round.schema.json"


@attrs.frozen
class ImportResult:
    """What `import_tables` did.

    Attributes:
        negotiation: The dossier as it now is on disk.
        written: The round files written, in round order.
        added: Ids of the rounds added.
        replaced: Ids of the rounds whose positions, stances or statements were replaced.
        rows: How many rows were read, by table (``positions``, ``stances``, ``statements``).
    """

    negotiation: Negotiation
    written: tuple[Path, ...]
    added: tuple[str, ...]
    replaced: tuple[str, ...]
    rows: dict[str, int]


def import_tables(
    files: Sequence[str | os.PathLike[str]],
    into: str | os.PathLike[str],
    *,
    force: bool = False,
) -> ImportResult:
    """Import positions, stances and statements from CSV files or .xlsx workbooks into a dossier.

    The dossier is a folder (``negotiation.yaml`` and ``rounds/``) that declares every party,
    issue, proposal, person and source the tables name; import creates none of them. A round
    the dossier lacks becomes a new round file (the table gives its ``round_title`` and
    ``round_date``); a round it has keeps its file unless the tables change it, which takes
    ``force`` when the round holds positions (or stances, or statements) already. The columns
    are those `to_csv` writes (docs/tables.md); the columns worked out for reading (names,
    titles, labels, points) are passed over.

    Args:
        files: CSV files (``.csv``) and workbooks (``.xlsx``; needs ``negotrack[xlsx]``).
        into: The dossier folder.
        force: Replace what rounds the dossier has already with what the tables give.

    Returns:
        What was read and written.

    Raises:
        LoadError: Listing every problem, each at its file, sheet, row and column; nothing is
            written then.
        MissingExtraError: For a workbook, if openpyxl is not installed.
        SaveError: If a file cannot be written.
    """
    folder = Path(into)
    header = next(
        (folder / n for n in (DOSSIER_FILE, "negotiation.yml") if (folder / n).is_file()), None
    )
    if header is None:
        raise LoadError(
            [
                Problem(
                    str(folder),
                    None,
                    None,
                    "$",
                    f"not a dossier folder: no {DOSSIER_FILE}; import adds rounds to a folder "
                    "that declares the parties and issues (negotrack init starts one)",
                )
            ]
        )
    dossier = load(folder)
    collected = collect(dossier, str(header), _sheets(files), force=force)
    changed = (*collected.added, *collected.replaced)
    written = _write(folder, dossier, collected.negotiation, changed, force=force)
    return ImportResult(
        collected.negotiation, written, collected.added, collected.replaced, collected.rows
    )


def _sheets(files: Iterable[str | os.PathLike[str]]) -> Iterable[Sheet]:
    for file in files:
        path = Path(file)
        if path.suffix.lower() == ".xlsx":
            yield from workbook_sheets(path)
        elif path.suffix.lower() in (".csv", ".txt"):
            if not path.is_file():
                raise LoadError([Problem(str(path), None, None, "$", "no such file")])
            yield csv_sheet(path)
        else:
            raise LoadError(
                [Problem(str(path), None, None, "$", "import reads .csv files and .xlsx workbooks")]
            )


def _round_files(folder: Path) -> dict[str, Path]:
    """The file of each round in a folder dossier, by round id."""
    found: dict[str, Path] = {}
    rounds = folder / ROUNDS_DIR
    for path in sorted(rounds.iterdir()) if rounds.is_dir() else ():
        if path.suffix in _YAML and path.is_file():
            data = parse(path.read_bytes(), str(path))
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                found[data["id"]] = path
    return found


def _write(
    folder: Path, before: Negotiation, after: Negotiation, changed: Sequence[str], *, force: bool
) -> tuple[Path, ...]:
    """Write the round files of ``changed`` (and those that must follow); return them."""
    if not changed:
        return ()
    files = _round_files(folder)
    targets: dict[str, Path] = {}
    for round_id in changed:
        target = files.get(round_id, folder / ROUNDS_DIR / f"{round_id}.yaml")
        if round_id not in files and target.exists():
            raise SaveError(
                f"cannot add round {round_id!r}: {target} exists and holds another round"
            )
        targets[round_id] = target
    schema = _ROUND_SCHEMA if (folder / "schemas" / "round.schema.json").is_file() else None
    with tempfile.TemporaryDirectory(prefix="negotrack-import-") as temp:
        rendered = Path(temp) / "rendered"
        save(after, rendered, round_schema=schema)
        while moved := _differing(folder, Path(temp) / "check", rendered, targets, after):
            if not force:
                raise LoadError(
                    Problem(
                        str(files[round_id]),
                        None,
                        None,
                        "$",
                        f"round {round_id!r} restates positions from the rounds before it, and "
                        "the import changes those: --force rewrites this file so that its "
                        "positions stay as they are",
                    )
                    for round_id in moved
                )
            targets.update({round_id: files[round_id] for round_id in moved})
        texts = {t: (rendered / ROUNDS_DIR / f"{r}.yaml").read_bytes() for r, t in targets.items()}
    order = {r.id: i for i, r in enumerate(after.rounds)}
    written = sorted(targets.items(), key=lambda item: order[item[0]])
    try:
        (folder / ROUNDS_DIR).mkdir(exist_ok=True)
        for _, target in written:
            if target.is_symlink() or (target.exists() and not target.is_file()):
                raise SaveError(f"will not write over {target}: not a regular file")
            atomic_write(target, texts[target])
    except OSError as exc:
        raise SaveError(f"cannot write {exc.filename or folder}: {exc.strerror or exc}") from exc
    return tuple(target for _, target in written)


def _differing(
    folder: Path, check: Path, rendered: Path, targets: dict[str, Path], after: Negotiation
) -> list[str]:
    """The rounds that would not read as ``after`` has them, with ``targets`` rewritten."""
    if check.exists():
        shutil.rmtree(check)
    (check / ROUNDS_DIR).mkdir(parents=True)
    for name in (DOSSIER_FILE, "negotiation.yml"):
        if (folder / name).is_file():
            shutil.copyfile(folder / name, check / name)
    replaced = {target.name: round_id for round_id, target in targets.items()}
    rounds = folder / ROUNDS_DIR
    for path in sorted(rounds.iterdir()) if rounds.is_dir() else ():
        if path.suffix in _YAML and path.is_file() and path.name not in replaced:
            shutil.copyfile(path, check / ROUNDS_DIR / path.name)
    for name, round_id in replaced.items():
        shutil.copyfile(rendered / ROUNDS_DIR / f"{round_id}.yaml", check / ROUNDS_DIR / name)
    try:
        loaded = load(check)
    except LoadError as exc:  # pragma: no cover - the checks passed on the same rounds
        raise NegotrackError(f"the imported rounds do not load: {exc}") from None
    if loaded == after:
        return []
    now = {r.id: r for r in loaded.rounds}
    moved = [r.id for r in after.rounds if now.get(r.id) != r and r.id not in targets]
    if not moved:  # pragma: no cover - every file that reads differently is rewritten
        raise NegotrackError("the imported rounds do not read back as they were imported")
    return moved
