"""A round of a dossier as a Decide input file (`export_decide`), for the exchange model to run.

The file holds the rows Decide documents and reads, and nothing else: ``#O`` the dossier's title,
``#A`` each party, ``#P`` each issue that can be placed on a line with its ``#M`` meanings, and a
``#D`` row per position in force in the round; ``#/`` comments say what was left out. Rows are
padded with empty cells to one width, as Decide's own sample files are, so that a reader which
guesses the separator finds the tab. `negotrack.interop._decide.import_decide` reads the file
back to the same positions, saliences and weights (docs/decide.md says which dossiers, and what
is left out).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from negotrack.model._issues import CategoricalScale, Issue, NumericScale, OrdinalScale
from negotrack.model._plain import plain

if TYPE_CHECKING:
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Position

__all__ = ["cell", "export_decide", "places"]

#: What a text cell may not start with unquoted: a quote (it would be read as one), and what a
#: spreadsheet would take for a formula. A quoted cell's leading ``'`` makes a spreadsheet show
#: it as text, as Decide reads it.
_QUOTED_START: Final = ("'", '"', "=", "+", "-", "@")
#: Decide's sample files have six cells a row.
_WIDTH: Final = 6


def cell(text: str) -> str:
    """Analyst text as one cell: made plain (no tab or line break), quoted with ``'`` if need be.

    A cell is quoted when it starts or ends with a space or a quote, or starts as a formula
    would; a ``'`` inside a quoted cell is doubled.
    """
    text = plain(text)
    if text.startswith((*_QUOTED_START, " ")) or text.endswith(("'", '"', " ")):
        return "'" + text.replace("'", "''") + "'"
    return text


def number(value: float) -> str:
    """A number as Decide reads it: whole numbers without a decimal point, others exactly."""
    if isinstance(value, int) or (value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    return repr(float(value))


def places(issue: Issue) -> dict[str, float] | None:
    """Where each option of an ordinal issue lies on 0 to 100; None for other scales.

    The first option is at 0, the last at 100, the others evenly between; an issue of one
    option is at 0.
    """
    if not isinstance(issue.scale, OrdinalScale):
        return None
    last = max(len(issue.option_ids) - 1, 1)
    return {option: index / last * 100 for index, option in enumerate(issue.option_ids)}


def export_decide(negotiation: Negotiation, *, round: str | None = None) -> str:  # noqa: A002
    """The positions in force in a round as a Decide input file.

    Numeric issues keep their scale: its marks are the meanings, and its ends are meanings too
    when no mark lies there, so that Decide reads the same range. Ordinal issues are placed on
    0 to 100, one meaning per option (its label). Categorical issues cannot lie on a line and are
    left out, as are positions with no preferred value; comment rows name them. A salience not
    given is written as 1, and so is a weight; weights above 1 are divided by the largest, as
    Decide's power lies between 0 and 1.

    Args:
        negotiation: The dossier.
        round: The round whose positions in force are written; by default the last.

    Raises:
        UnknownIdError: If the dossier has no round ``round`` (with a did-you-mean).
    """
    round_id = negotiation.round(round).id if round is not None else None
    if round_id is None and negotiation.rounds:
        round_id = negotiation.rounds[-1].id
    held = negotiation.effective_positions(round_id) if round_id is not None else {}
    rows: list[list[str]] = [["#O", cell(negotiation.title or negotiation.id)]]
    said = f"in force in round {round_id}" if round_id is not None else "none: it has no rounds"
    rows.append(["#/", cell(f"negotrack export of {negotiation.id}: positions {said}")])
    powers = _powers(negotiation)
    rows.extend(
        ["#A", p.id, cell(p.name or p.id), *([cell(p.description)] if p.description else [])]
        for p in negotiation.parties
    )
    left_out: list[str] = []
    placed: dict[str, dict[str, float] | None] = {}
    for issue in negotiation.issues:
        if isinstance(issue.scale, CategoricalScale) or len(issue.option_ids) == 1:
            left_out.append(issue.id)
            continue
        placed[issue.id] = places(issue)
        rows.append(
            [
                "#P",
                issue.id,
                cell(issue.title or issue.id),
                *([cell(issue.description)] if issue.description else []),
            ]
        )
        rows.extend(
            ["#M", issue.id, number(value), cell(label)] for value, label in _meanings(issue)
        )
    if left_out:
        rows.append(
            ["#/", cell("left out, as no line holds their options: " + ", ".join(left_out))]
        )
    rows.append(["#/", "actor", "issue", "position", "salience", "power"])
    unstated = 0
    for issue in negotiation.issues:
        if issue.id not in placed:
            continue
        for party in negotiation.parties:
            found = held.get((party.id, issue.id))
            if found is None:
                continue
            value = _value(issue, found.value, placed[issue.id])
            if value is None:
                unstated += 1
                continue
            salience = found.value.salience
            rows.append(
                [
                    "#D",
                    party.id,
                    issue.id,
                    number(value),
                    number(1.0 if salience is None else salience),
                    number(powers[party.id]),
                    *([cell(found.value.note)] if found.value.note else []),
                ]
            )
    if unstated:
        rows.append(["#/", f"left out: {unstated} positions with no preferred value"])
    width = max(_WIDTH, *(len(row) for row in rows))
    return "".join("\t".join(row + [""] * (width - len(row))) + "\n" for row in rows)


def _powers(negotiation: Negotiation) -> dict[str, float]:
    """Each party's weight as a power from 0 to 1: 1 when not given, over the largest if above 1."""
    weights = {p.id: 1.0 if p.weight is None else p.weight for p in negotiation.parties}
    top = max(weights.values(), default=1.0)
    if top <= 1:
        return weights
    return {party: weight / top for party, weight in weights.items()}


def _meanings(issue: Issue) -> list[tuple[float, str]]:
    """The ``#M`` rows of an issue: its marks, and its ends where no mark lies; options' places."""
    scale = issue.scale
    if isinstance(scale, NumericScale):
        found = {mark.value: mark.label for mark in scale.marks}
        unit = f" {scale.unit}" if scale.unit else ""
        for end in (scale.min, scale.max):
            found.setdefault(end, f"{number(end)}{unit}")
        return sorted(found.items())
    spots = places(issue) or {}
    return [(spots[option], issue.option_labels[option]) for option in issue.option_ids]


def _value(issue: Issue, position: Position, spots: dict[str, float] | None) -> float | None:
    """A position's preferred value on the line, or None if it states none."""
    preferred = position.preferred
    if preferred is None:
        return None
    if isinstance(issue.scale, NumericScale):
        return issue.scale.value_of(preferred)
    return (spots or {}).get(str(preferred))
