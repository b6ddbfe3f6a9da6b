"""One imported row as a position, stance or statement: its cells, as a YAML file would give them.

Each row's cells (already text, `negotrack.interop._sheets.decode`) are put under the keys of
the YAML files and structured by the same converter that loads dossiers, so an imported value
obeys exactly the rules a YAML one does, with the same messages. A problem is reported at the
cell it comes from (`COLUMN_OF`). The columns an import reads are `READ`; the others a table
has (names, titles, labels, ranks, points) are worked out from the dossier and `IGNORED`.
"""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Any, Final

from negotrack.files._convert import converter
from negotrack.files._field_problems import field_problems
from negotrack.files._placing import text_of
from negotrack.files._scalars import InvalidValueError, parse_number
from negotrack.interop._cells import EMPTY_SET, ID_SEPARATOR
from negotrack.model._evidence import Statement
from negotrack.model._issues import NumericScale
from negotrack.model._positions import Position
from negotrack.model._stances import Stance

if TYPE_CHECKING:
    from collections.abc import Mapping

    from negotrack.model._issues import Issue

__all__ = ["COLUMN_OF", "IGNORED", "READ", "REQUIRED", "RowError", "build", "column_of"]

_ROUND = ("round_id", "round_date", "round_title")

#: The columns an import reads, by table.
READ: Final = {
    "positions": (
        *_ROUND,
        "party_id",
        "issue_id",
        "table_party_id",
        "preferred",
        "acceptable_ids",
        "acceptable_min",
        "acceptable_max",
        "red_lines",
        "conditions",
        "salience",
        "basis",
        "confidence",
        "evidence_ids",
        "note",
        "raised",
        "withdrawn",
        "carried",
    ),
    "stances": (
        *_ROUND,
        "party_id",
        "proposal_id",
        "stance",
        "conditions",
        "basis",
        "confidence",
        "evidence_ids",
        "note",
        "carried",
    ),
    "statements": (
        *_ROUND,
        "statement_id",
        "date",
        "date_precision",
        "speaker_id",
        "party_id",
        "further_speaker_ids",
        "further_party_ids",
        "source_id",
        "quote",
        "summary",
        "translation_note",
        "url",
        "reliability",
        "credibility",
    ),
}

#: Columns an export writes for reading that an import passes over, whatever they hold.
IGNORED: Final = {
    "positions": (
        "party_name",
        "issue_title",
        "scale",
        "preferred_label",
        "linked_issue_ids",
        "stated_in_round_id",
        "point",
        "normalised",
    ),
    "stances": ("party_name", "proposal_title", "stance_rank", "stated_in_round_id"),
    "statements": ("speaker_name", "source_title"),
}

#: Columns a table must have.
REQUIRED: Final = {
    "positions": ("round_id", "party_id", "issue_id"),
    "stances": ("round_id", "party_id", "proposal_id", "stance"),
    "statements": ("round_id", "statement_id", "date"),
}

#: The column each YAML key comes from, by table.
COLUMN_OF: Final = {
    "positions": {
        "party": "party_id",
        "issue": "issue_id",
        "table": "table_party_id",
        "evidence": "evidence_ids",
    },
    "stances": {"party": "party_id", "proposal": "proposal_id", "evidence": "evidence_ids"},
    "statements": {
        "id": "statement_id",
        "speaker": "speaker_id",
        "party": "party_id",
        "speakers": "further_speaker_ids",
        "parties": "further_party_ids",
        "source": "source_id",
    },
}

_PRECISIONS: Final = {"day": 10, "month": 7, "year": 4}


class RowError(Exception):
    """Problems with the cells of one row, as ``(column, message)`` pairs."""

    def __init__(self, problems: list[tuple[str | None, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(message for _, message in problems))


def build(table: str, cells: Mapping[str, str | None], issues: Mapping[str, Issue]) -> Any:
    """The position, stance or statement one row states, or `RowError`.

    ``issues`` are the dossier's issues by id: a numeric issue's values are read as numbers.
    """
    raw, problems = _RAW[table](cells, issues)
    cls = _CLASSES[table]
    if problems:
        raise RowError(problems)
    try:
        return converter.structure(raw, cls)
    except Exception as exc:  # noqa: BLE001 - cattrs' error tree, turned into problems
        found = field_problems(exc, ())
        columns = COLUMN_OF[table]
        raise RowError([(_column_of(columns, p.path), text_of(p.message)) for p in found]) from None


def column_of(table: str, path: tuple[Any, ...]) -> str | None:
    """The column a value at a YAML path (below one position, stance or statement) comes from."""
    return _column_of(COLUMN_OF[table], path)


def _column_of(columns: Mapping[str, str], path: tuple[Any, ...]) -> str | None:
    if not path:
        return None
    key = str(path[0])
    if key == "acceptable":
        return (
            "acceptable_min"
            if path[1:2] == ("min",)
            else ("acceptable_max" if path[1:2] == ("max",) else "acceptable_ids")
        )
    return columns.get(key, key)


_Raw = tuple[dict[str, Any], list[tuple[str | None, str]]]


def _position(cells: Mapping[str, str | None], issues: Mapping[str, Issue]) -> _Raw:
    problems: list[tuple[str | None, str]] = []
    raw: dict[str, Any] = {"party": cells.get("party_id"), "issue": cells.get("issue_id")}
    issue = issues.get(raw["issue"] or "")
    numeric = issue is not None and isinstance(issue.scale, NumericScale)
    _put(raw, "table", cells.get("table_party_id"))
    preferred = cells.get("preferred")
    if preferred is not None and numeric:
        # a special point's id stays text, as does a value the checks refuse at its cell
        with contextlib.suppress(InvalidValueError):
            preferred = parse_number(preferred)  # type: ignore[assignment]
    _put(raw, "preferred", preferred)
    ids = cells.get("acceptable_ids")
    low, high = cells.get("acceptable_min"), cells.get("acceptable_max")
    if ids is not None and (low is not None or high is not None):
        problems.append(
            ("acceptable_ids", "give acceptable_ids (options) or acceptable_min and _max, not both")
        )
    elif ids is not None:
        if numeric:
            problems.append(
                ("acceptable_ids", "a numeric issue has no options: use acceptable_min and _max")
            )
        raw["acceptable"] = [] if ids == EMPTY_SET else _split(ids)
    elif low is not None or high is not None:
        if issue is not None and not numeric:
            column = "acceptable_min" if low is not None else "acceptable_max"
            problems.append((column, f"issue {issue.id!r} has options: give acceptable_ids"))
        raw["acceptable"] = {k: v for k, v in (("min", low), ("max", high)) if v is not None}
    for key in ("red_lines", "conditions"):
        _json(raw, key, cells.get(key), problems)
    for key in ("salience", "basis", "confidence", "note", "raised", "withdrawn"):
        _put(raw, key, cells.get(key))
    _put(raw, "evidence", _split(cells.get("evidence_ids")))
    return raw, problems


def _stance(cells: Mapping[str, str | None], issues: Mapping[str, Issue]) -> _Raw:
    del issues
    problems: list[tuple[str | None, str]] = []
    raw: dict[str, Any] = {
        "party": cells.get("party_id"),
        "proposal": cells.get("proposal_id"),
        "stance": cells.get("stance"),
    }
    _json(raw, "conditions", cells.get("conditions"), problems)
    for key in ("basis", "confidence", "note"):
        _put(raw, key, cells.get(key))
    _put(raw, "evidence", _split(cells.get("evidence_ids")))
    return raw, problems


def _statement(cells: Mapping[str, str | None], issues: Mapping[str, Issue]) -> _Raw:
    del issues
    problems: list[tuple[str | None, str]] = []
    raw: dict[str, Any] = {"id": cells.get("statement_id"), "date": cells.get("date")}
    precision = cells.get("date_precision") or "day"
    date = raw["date"]
    if precision not in _PRECISIONS:
        problems.append(("date_precision", f"expected day, month or year, got {precision!r}"))
    elif date is not None and precision != "day":
        shortened = date[: _PRECISIONS[precision]]
        first = shortened + ("-01" if precision == "month" else "-01-01")
        if date != first:
            problems.append(
                ("date", f"a date known to the {precision} is its first day: {first}, not {date}")
            )
        raw["date"] = shortened
    _put(raw, "speaker", cells.get("speaker_id"))
    _put(raw, "party", cells.get("party_id"))
    _put(raw, "speakers", _split(cells.get("further_speaker_ids")))
    _put(raw, "parties", _split(cells.get("further_party_ids")))
    _put(raw, "source", cells.get("source_id"))
    for key in ("quote", "summary", "translation_note", "url", "reliability", "credibility"):
        _put(raw, key, cells.get(key))
    return raw, problems


_RAW: Final = {"positions": _position, "stances": _stance, "statements": _statement}
_CLASSES: Final[dict[str, type[Any]]] = {
    "positions": Position,
    "stances": Stance,
    "statements": Statement,
}


def _put(raw: dict[str, Any], key: str, value: Any) -> None:
    """Set a key when the cell says something; an empty cell leaves the field at its default."""
    if value is not None and value != []:
        raw[key] = value


def _split(cell: str | None) -> list[str] | None:
    """Ids joined by ``;``, each stripped of spaces around it."""
    if cell is None:
        return None
    return [part.strip() for part in cell.split(ID_SEPARATOR)]


def _json(
    raw: dict[str, Any], key: str, cell: str | None, problems: list[tuple[str | None, str]]
) -> None:
    """A JSON cell of red lines or conditions, its scalars as a YAML file would give them."""
    if cell is None:
        return
    try:
        value = json.loads(cell)
    except ValueError as exc:
        problems.append((key, f"not JSON ({exc}): {key} hold a JSON array of objects"))
        return
    if not isinstance(value, list):
        problems.append((key, f"expected a JSON array of objects, as export writes {key}"))
        return
    raw[key] = _as_yaml(value)


def _as_yaml(value: Any) -> Any:
    """JSON data as YAML's plain data: truth values as the text ``true`` and ``false``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return [_as_yaml(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _as_yaml(v) for k, v in value.items()}
    return value
