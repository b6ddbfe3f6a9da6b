"""``negotrack schema --dossier``: write, or print, the schemas that know a dossier's ids.

The dossier is loaded first: one that does not load gets its problems and nothing is written.
Every schema is rendered and every target checked before the first file is written, and each
file is written atomically; a file in the way that negotrack did not write is left alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from negotrack.cli._exit import EXIT_OK
from negotrack.cli._io import STDIN, dossier
from negotrack.files._id_schemas import dossier_schema, modeline, schema_files
from negotrack.files._loading import DOSSIER_FILE, ROUNDS_DIR
from negotrack.files._schema import FILE_SCHEMAS, schema_text
from negotrack.model._errors import NegotrackError, did_you_mean

if TYPE_CHECKING:
    import argparse

__all__ = ["dossier_schemas"]


class _SchemaError(NegotrackError):
    """``negotrack schema --dossier`` was asked for what it cannot do."""


def dossier_schemas(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """With NAME, print that schema narrowed to the dossier's ids; else write them all."""
    if args.name is not None and args.name not in FILE_SCHEMAS:
        raise _SchemaError(
            "--dossier lists a dossier's ids in the schemas of its files "
            f"({', '.join(FILE_SCHEMAS)}), not in {args.name!r}"
            + did_you_mean(args.name, FILE_SCHEMAS)
        )
    if args.name is None and args.dossier == STDIN:
        raise _SchemaError(
            "--dossier -: standard input has no folder to write schemas into; "
            "name one to print it, as in: negotrack schema dossier --dossier -"
        )
    negotiation = dossier(args.dossier)
    if args.name is not None:
        out.write(schema_text(dossier_schema(args.name, negotiation)))
        return EXIT_OK
    target = Path(args.dossier)
    files = {
        path: schema_text(dossier_schema(name, negotiation))
        for name, path in schema_files(target).items()
    }
    for path in files:
        _check_target(path)
    from negotrack.files._saving import atomic_write  # noqa: PLC0415 - only when writing

    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
        print(f"wrote {path}", file=out)
    for line in _modeline_notes(target):
        print(f"negotrack: note: {line}", file=err)
    return EXIT_OK


def _check_target(path: Path) -> None:
    """Refuse a target that is not a regular file negotrack wrote, or a folder in the way."""
    folder = path.parent
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise _SchemaError(f"{folder}: not a folder; nothing was written")
    if not path.exists() and not path.is_symlink():
        return
    if path.is_symlink() or not path.is_file():
        raise _SchemaError(f"{path}: not a regular file; nothing was written")
    try:
        found: Any = json.loads(path.read_bytes())
    except (OSError, ValueError):
        found = None
    title = found.get("title") if isinstance(found, dict) else None
    if not (isinstance(title, str) and title.startswith("negotrack")):
        raise _SchemaError(
            f"{path} is not a schema negotrack wrote; move it away first. Nothing was written"
        )


def _modeline_notes(target: Path) -> list[str]:
    """What to change so that each file of the dossier points at its new schema."""
    if not target.is_dir():
        line = modeline("dossier", target.stem)
        return [] if _first_line(target) == line else [f"make the first line of {target}: {line}"]
    notes: list[str] = []
    header = target / DOSSIER_FILE
    line = modeline("negotiation")
    if header.is_file() and _first_line(header) != line:
        notes.append(f"make the first line of {header}: {line}")
    rounds = sorted(p for p in (target / ROUNDS_DIR).glob("*") if p.suffix in (".yaml", ".yml"))
    line = modeline("round")
    off = [path for path in rounds if path.is_file() and _first_line(path) != line]
    if off:
        which = off[0] if len(off) == 1 else f"each of the {len(off)} round files"
        notes.append(f"make the first line of {which}: {line}")
    return notes


def _first_line(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            first = handle.readline(4096)
    except OSError:
        return ""
    return first.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace").rstrip()
