"""The dossier as a long table: one row per round, party and issue, for spreadsheets and pandas.

Each row is a position in force in a round, stated there or carried from an earlier one (then
``carried`` is true and ``stated_in`` names the round that stated it), with every field
flattened to a number, a truth value, text or nothing. Lists are joined into one cell: ids
with `ID_SEPARATOR` (``;``), free text with `TEXT_SEPARATOR` (`` | ``). The columns, in their
fixed order, are `COLUMNS`:

- ``round_id``, ``round_date`` (the day it began, ``YYYY-MM-DD``), ``round_title``;
- ``party_id``, ``party_name``, ``issue_id``, ``issue_title``, ``table`` (the counterpart a
  position is held toward, in talks at several tables; empty for a party's overall position),
  ``scale`` (ordinal, numeric or categorical);
- ``preferred`` (an option id or a number) and ``preferred_label`` (the option's label, or the
  number with its unit);
- ``acceptable`` (option ids, on ordinal and categorical issues), ``acceptable_min`` and
  ``acceptable_max`` (on numeric issues);
- ``red_lines``, ``conditions`` (their text), ``linked_issues`` (ids of the issues the
  conditions link to), ``salience``, ``basis``, ``confidence``, ``evidence`` (statement ids),
  ``note``;
- ``carried``, ``stated_in``, ``point`` (the preferred value's place on the issue's line: option
  index or the number) and ``normalised`` (that place as a share, 0-1, of the line, rounded to
  six places).

Rows come in round order, then by issue in dossier order, then by party id, a party's overall
position before its positions at single tables.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any, Final

from negotrack.model._issues import NumericScale
from negotrack.model._positions import Interval
from negotrack.model._scales import point, width
from negotrack.report._labels import issue_title, number, party_name

if TYPE_CHECKING:
    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Effective, Negotiation
    from negotrack.model._positions import Position
    from negotrack.model._rounds import Round

__all__ = ["COLUMNS", "ID_SEPARATOR", "TEXT_SEPARATOR", "export_rows", "to_csv", "to_json"]

#: Joins lists of ids (acceptable options, evidence, linked issues) into one cell.
ID_SEPARATOR: Final = ";"

#: Joins pieces of free text (red lines, conditions) into one cell.
TEXT_SEPARATOR: Final = " | "

#: The columns of every row, in order.
COLUMNS: Final = (
    "round_id",
    "round_date",
    "round_title",
    "party_id",
    "party_name",
    "issue_id",
    "issue_title",
    "table",
    "scale",
    "preferred",
    "preferred_label",
    "acceptable",
    "acceptable_min",
    "acceptable_max",
    "red_lines",
    "conditions",
    "linked_issues",
    "salience",
    "basis",
    "confidence",
    "evidence",
    "note",
    "carried",
    "stated_in",
    "point",
    "normalised",
)


def export_rows(negotiation: Negotiation) -> list[dict[str, Any]]:
    """Every position in force in every round, one flat mapping per row, keys as `COLUMNS`.

    A value is a ``str``, ``int``, ``float``, ``bool`` or None (nothing to say). The number of
    rows is the number of positions in force summed over the rounds.
    """
    issues = {issue.id: issue for issue in negotiation.issues}
    order = {issue_id: index for index, issue_id in enumerate(issues)}
    rows: list[dict[str, Any]] = []
    for round_, positions, _ in negotiation.iter_effective():
        held = sorted(
            positions.values(),
            key=lambda e: (
                order.get(e.value.issue, len(order)),
                e.value.issue,
                e.value.party,
                e.value.table or "",
            ),
        )
        rows.extend(_row(negotiation, round_, issues.get(e.value.issue), e) for e in held)
    return rows


def to_csv(negotiation: Negotiation) -> str:
    r"""`export_rows` as CSV text: a header of `COLUMNS`, then one line per row.

    None is written as an empty cell, truth values as ``true`` and ``false``, numbers as
    Python writes them. As RFC 4180 has it, lines end in ``\r\n`` and a cell is quoted when
    it holds a comma, a quote or a line break (a lone ``\r`` included), so text with line
    breaks reads back whole; write it to a file opened with ``newline=""``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in export_rows(negotiation):
        writer.writerow([_cell(row[column]) for column in COLUMNS])
    return buffer.getvalue()


def to_json(negotiation: Negotiation) -> str:
    """`export_rows` as a JSON array of objects (keys in `COLUMNS` order), ending in a newline.

    ``pandas.read_json(text)`` reads it back as a table.
    """
    return json.dumps(export_rows(negotiation), indent=2, ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    """A row value as a CSV cell: ``""`` for None, ``true``/``false``, else ``str``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _row(
    negotiation: Negotiation, round_: Round, issue: Issue | None, effective: Effective[Position]
) -> dict[str, Any]:
    position = effective.value
    preferred = position.preferred
    acceptable = position.acceptable
    x = None if issue is None else point(issue, preferred)
    normalised = None
    if issue is not None and x is not None:
        low = issue.scale.min if isinstance(issue.scale, NumericScale) else 0.0
        normalised = round((x - low) / width(issue), 6) + 0.0
    day = round_.date or round_.start
    return {
        "round_id": round_.id,
        "round_date": None if day is None else day.isoformat(),
        "round_title": round_.title,
        "party_id": position.party,
        "party_name": party_name(negotiation, position.party),
        "issue_id": position.issue,
        "issue_title": issue_title(negotiation, position.issue),
        "table": position.table,
        "scale": None if issue is None else issue.scale.kind,
        "preferred": preferred,
        "preferred_label": _label(issue, preferred),
        "acceptable": _joined(acceptable) if isinstance(acceptable, tuple) else None,
        "acceptable_min": acceptable.min if isinstance(acceptable, Interval) else None,
        "acceptable_max": acceptable.max if isinstance(acceptable, Interval) else None,
        "red_lines": _joined([r.text for r in position.red_lines], TEXT_SEPARATOR),
        "conditions": _joined([c.text for c in position.conditions], TEXT_SEPARATOR),
        "linked_issues": _joined([c.linked_issue for c in position.conditions if c.linked_issue]),
        "salience": position.salience,
        "basis": position.basis.value,
        "confidence": None if position.confidence is None else position.confidence.value,
        "evidence": _joined(position.evidence),
        "note": position.note,
        "carried": effective.carried,
        "stated_in": effective.round,
        "point": x,
        "normalised": normalised,
    }


def _joined(items: Any, separator: str = ID_SEPARATOR) -> str | None:
    """The items joined into one cell; None when there are none."""
    return separator.join(items) if items else None


def _label(issue: Issue | None, value: str | float | None) -> str | None:
    """The preferred value in words: the option's label, or the number with its unit."""
    if value is None or issue is None:
        return None
    if isinstance(issue.scale, NumericScale):
        return None if isinstance(value, str) else number(value, issue.scale.unit)
    labels = {option.id: option.label for option in issue.scale.options}
    return labels.get(str(value), str(value))
