"""Every JSON Schema negotrack has, by name: the dossier files' and the JSON output's.

The dossier schemas are generated from the model (`negotrack.files._schema`); the diff, report,
forecast and backtest schemas are written by hand (`negotrack.report._schemas`). This is the
lowest layer that knows both, so the command line's ``schema`` command, ``negotrack init`` and
the tests ask here. ``python -m negotrack.report._catalogue`` rewrites the repository's
``schemas/*.schema.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from negotrack.files._saving import atomic_write
from negotrack.files._schema import DRAFT_07, FILE_SCHEMAS, file_schema, schema_text
from negotrack.report._schemas import OUTPUT_SCHEMAS

__all__ = ["SCHEMA_NAMES", "main", "schema", "schema_json"]

#: The schemas there are: one per kind of dossier file, then the JSON diff, the JSON report, and
#: the JSON forecast and backtest.
SCHEMA_NAMES: Final = (*FILE_SCHEMAS, *OUTPUT_SCHEMAS)

_SCHEMAS_DIR: Final = Path(__file__).resolve().parents[2] / "schemas"


def schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema called ``name``, as a fresh dict.

    Args:
        name: ``"dossier"`` (a single-file dossier), ``"negotiation"`` (the ``negotiation.yaml``
            of a folder dossier), ``"round"`` (one ``rounds/*.yaml`` file), ``"diff"`` (a JSON
            diff), ``"report"`` (a JSON report or timeline), ``"forecast"`` or ``"backtest"``
            (``negotrack forecast`` or ``backtest -f json``).

    Raises:
        ValueError: If ``name`` is not one of `SCHEMA_NAMES`.
    """
    if name in OUTPUT_SCHEMAS:
        return {"$schema": DRAFT_07, **OUTPUT_SCHEMAS[name]()}
    if name in FILE_SCHEMAS:
        return file_schema(name)
    raise ValueError(f"unknown schema {name!r}; expected one of: {', '.join(SCHEMA_NAMES)}")


def schema_json(name: str) -> str:
    """Return `schema` as the text of its file: sorted keys, indent 2, a final newline."""
    return schema_text(schema(name))


def main(folder: Path = _SCHEMAS_DIR) -> None:
    """Rewrite ``<name>.schema.json`` in ``folder`` (by default the repository's ``schemas/``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SCHEMA_NAMES:
        atomic_write(folder / f"{name}.schema.json", schema_json(name))


if __name__ == "__main__":
    main()
