"""The Decide exchange model's input files: read as a dossier (`import_decide`), written from one.

A Decide input file is tab-separated text, one row a line, each row typed by its first cell:

- ``#A key fullname [comment]``: an actor;
- ``#P key name [description]``: an issue (Decide calls it a policy);
- ``#M issue position [meaning]``: a labelled point on an issue's scale; the smallest and the
  largest set the issue's range, which is 0 to 100 when an issue has none;
- ``#D actor issue position salience power [comment]``: an actor's position on an issue, how much
  it cares (salience, 0 to 1) and how much it can weigh in (power, 0 to 1);
- ``#O title``: the data set's title; ``#/`` and ``#0`` rows are comments. Blank lines are allowed.

A cell may be quoted with ``'`` (or ``"``), the quote doubled inside it; cells beyond a row's
last field are its comment, joined with spaces, as Decide itself reads them. A key is used as the
id it names, so a key that is no negotrack id is a problem, not renamed. Every problem of the file
is found before any is raised, each at its line, the cell's column and the cell's name (``row 7,
column salience``). docs/decide.md describes the format and what each row becomes.

The exporter (`export_decide`) lives in `negotrack.interop._decide_out`.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Final

import attrs

from negotrack.files._check_context import ID_PATTERN
from negotrack.interop._coded import Coded, CodedActor, CodedIssue, CodedPosition, dossier_from
from negotrack.interop._decide_out import export_decide
from negotrack.interop._foreign import Problems, read_text, split_lines
from negotrack.model._errors import did_you_mean
from negotrack.model._issues import Mark

if TYPE_CHECKING:
    import datetime as dt
    import os

    from negotrack.model._negotiation import Negotiation

__all__ = ["ROW_TYPES", "export_decide", "import_decide", "number", "parse_cells"]

#: The cells each row type needs after its first, by name; the cells after those are one more,
#: optional, named as the last entry says.
ROW_TYPES: Final[dict[str, tuple[tuple[str, ...], str]]] = {
    "#A": (("key", "fullname"), "comment"),
    "#P": (("key", "name"), "description"),
    "#M": (("issue", "position"), "meaning"),
    "#D": (("actor", "issue", "position", "salience", "power"), "comment"),
    "#O": ((), "title"),
}
_COMMENTS: Final = ("#/", "#0")
_KINDS: Final = (
    "#A (actor), #P (issue), #M (meaning), #D (position), #O (title), #/ or #0 (comment)"
)
_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_DEFAULT_RANGE: Final = (0, 100)


def parse_cells(line: str) -> list[tuple[int, str]]:
    """The cells of a line: each its 1-based column and its text, unquoted.

    Cells are split at tabs. Spaces around a cell are dropped; a cell wrapped in ``'`` or ``"``
    loses them, and a doubled quote inside it stands for one (``'it''s'`` is ``it's``). A quote
    that does not wrap the whole cell is text (``'s-Hertogenbosch``, ``Member's view``).
    """
    cells = []
    column = 1
    for raw in line.split("\t"):
        text = raw.strip(" ")
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
            text = text[1:-1].replace(text[0] * 2, text[0])
        cells.append((column, text))
        column += len(raw) + 1
    return cells


def number(text: str) -> int | float | None:
    """A cell as a number, or None if it is none.

    A dot or a comma marks the decimals (``0.5``, ``0,5``: Decide reads a comma as a dot, as
    spreadsheets in much of Europe write it); an exponent is allowed (``1e-3``).
    """
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not _NUMBER.fullmatch(text):
        return None
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    value = float(text)
    return value if math.isfinite(value) else None


def import_decide(path: str | os.PathLike[str], *, date: dt.date | None = None) -> Negotiation:
    """Read a Decide input file as a dossier of one round.

    Each ``#A`` row becomes a party (its power, from its first ``#D`` row, the party's weight),
    each ``#P`` row a numeric issue whose marks are its ``#M`` meanings, each ``#D`` row a
    position with basis ``inferred`` citing the file; ``#O`` is the title. docs/decide.md says
    what an actor with different powers on different issues becomes.

    Args:
        path: The file, UTF-8 (a byte order mark allowed) or UTF-16 with its byte order mark.
        date: The round's date; by default the day the file was last changed.

    Raises:
        LoadError: Listing every problem of the file, each at its line and column.
    """
    lines = split_lines(read_text(path))
    reader = _Reader(Problems(str(path)), _definitions(lines))
    for line, text in enumerate(lines, 1):
        reader.row(line, text)
    coded = reader.coded()
    reader.problems.found.sort(key=lambda problem: problem.line or 0)  # in file order
    reader.problems.check()
    return dossier_from(coded, file=path, fmt="Decide input file", date=date)


@attrs.define
class _Issue:
    line: int
    title: str
    description: str | None
    marks: dict[float, tuple[str, int, int]] = attrs.field(
        factory=dict
    )  # value: meaning, line, column


@attrs.define
class _Position:
    line: int
    columns: dict[str, int]
    value: float
    salience: float
    power: float
    comment: str | None


@attrs.define
class _Reader:
    """The rows read so far, and the problems found in them."""

    problems: Problems
    defined: dict[tuple[str, str], int]  # (row type, key): the first line defining it
    refused: set[str] = attrs.field(factory=set)  # keys no id: their uses are no new problem
    titles: list[str] = attrs.field(factory=list)
    actors: dict[str, tuple[int, str, str | None]] = attrs.field(factory=dict)
    issues: dict[str, _Issue] = attrs.field(factory=dict)
    positions: dict[tuple[str, str], _Position] = attrs.field(factory=dict)

    def add(self, line: int, cell: str | None, column: int | None, message: str) -> None:
        where = f"row {line}" if cell is None else f"row {line}, column {cell}"
        self.problems.add(line, column, where, message)

    def row(self, line: int, text: str) -> None:
        """Read one line of the file."""
        cells = parse_cells(text)
        while cells and not cells[-1][1]:
            cells.pop()
        if not cells:
            return
        kind = cells[0][1]
        if kind.startswith(_COMMENTS):
            return
        if kind not in ROW_TYPES:
            self.add(line, "type", cells[0][0], _unknown_kind(kind))
            return
        needed = ROW_TYPES[kind][0]
        values: dict[str, tuple[int, str]] = {}
        for index, field in enumerate(needed, 1):
            column, value = cells[index] if index < len(cells) else (len(text) + 1, "")
            if not value:
                self.add(line, field, column, f"a {kind} row needs its {field} here")
                return
            values[field] = (column, value)
        extra = " ".join(value for _, value in cells[len(needed) + 1 :] if value)
        if kind == "#O" and not extra:
            self.add(line, "title", len(text) + 1, "an #O row needs the title after it")
            return
        getattr(self, f"_{kind[1].lower()}")(line, values, extra or None)

    def _o(self, _: int, __: dict[str, tuple[int, str]], title: str) -> None:
        self.titles.append(title)

    def _a(self, line: int, values: dict[str, tuple[int, str]], comment: str | None) -> None:
        key = self._key(line, values, "key", "actor")
        if key is None:
            return
        if key in self.actors:
            self.add(
                line,
                "key",
                values["key"][0],
                f"a second #A row for actor {key!r} (the first is row {self.actors[key][0]})",
            )
            return
        self.actors[key] = (line, values["fullname"][1], comment)

    def _p(self, line: int, values: dict[str, tuple[int, str]], description: str | None) -> None:
        key = self._key(line, values, "key", "issue")
        if key is None:
            return
        if key in self.issues:
            self.add(
                line,
                "key",
                values["key"][0],
                f"a second #P row for issue {key!r} (the first is row {self.issues[key].line})",
            )
            return
        self.issues[key] = _Issue(line, values["name"][1], description)

    def _m(self, line: int, values: dict[str, tuple[int, str]], meaning: str | None) -> None:
        issue = self._defined(line, values, "issue")
        value = self._number(line, values, "position")
        if issue is None or value is None:
            return
        marks = self.issues[issue].marks
        if value in marks:
            self.add(
                line,
                "position",
                values["position"][0],
                f"issue {issue!r} has a meaning at {value:g} already (row {marks[value][1]})",
            )
            return
        marks[value] = (meaning or values["position"][1], line, values["position"][0])

    def _d(self, line: int, values: dict[str, tuple[int, str]], comment: str | None) -> None:
        actor = self._defined(line, values, "actor")
        issue = self._defined(line, values, "issue")
        value = self._number(line, values, "position")
        salience = self._share(line, values, "salience")
        power = self._share(line, values, "power")
        if actor is None or issue is None or value is None or salience is None or power is None:
            return
        if (actor, issue) in self.positions:
            first = self.positions[actor, issue].line
            self.add(
                line,
                "actor",
                values["actor"][0],
                f"a second position of actor {actor!r} on issue {issue!r} (the first is row "
                f"{first})",
            )
            return
        columns = {field: column for field, (column, _) in values.items()}
        self.positions[actor, issue] = _Position(line, columns, value, salience, power, comment)

    def _key(
        self, line: int, values: dict[str, tuple[int, str]], field: str, kind: str
    ) -> str | None:
        column, key = values[field]
        if ID_PATTERN.fullmatch(key):
            return key
        self.refused.add(key)
        self.add(
            line,
            field,
            column,
            f"invalid {kind} key {key!r}: negotrack uses the key as the {kind}'s id, of letters, "
            "digits, '.', '_' and '-', starting with a letter or digit: rename it in the file",
        )
        return None

    def _defined(self, line: int, values: dict[str, tuple[int, str]], field: str) -> str | None:
        """The key in the cell ``field`` (actor or issue), if an earlier row defines it."""
        column, key = values[field]
        row, known = ("#A", self.actors) if field == "actor" else ("#P", self.issues)
        if key in known:
            return key
        if key in self.refused:
            return None
        later = self.defined.get((row, key))
        if later is not None and later > line:
            said = f"{field} {key!r} is used before its {row} row (row {later})"
        else:
            said = f"{field} {key!r} has no {row} row{did_you_mean(key, list(known))}"
        self.add(line, field, column, said)
        return None

    def _number(self, line: int, values: dict[str, tuple[int, str]], field: str) -> float | None:
        column, text = values[field]
        found = number(text)
        if found is None:
            self.add(line, field, column, f"expected a number, not {text!r}")
        return found

    def _share(self, line: int, values: dict[str, tuple[int, str]], field: str) -> float | None:
        found = self._number(line, values, field)
        if found is None or 0 <= found <= 1:
            return found
        hint = f" ({found:g} out of 100 is {found / 100:g})" if 10 <= found <= 100 else ""
        self.add(line, field, values[field][0], f"{field} {found:g} lies outside 0 to 1{hint}")
        return None

    # -- the whole file -----------------------------------------------------------------------

    def coded(self) -> Coded:
        """What the file codes; problems of the whole (positions off their scale) added."""
        if not self.actors and not self.issues and not self.problems.found:
            self.problems.add(
                None, None, "$", f"no #A or #P row: not a Decide input file (rows: {_KINDS})"
            )
        issues = [self._issue(key, issue) for key, issue in self.issues.items()]
        ranges = {issue.id: (issue.min, issue.max) for issue in issues}
        first_power: dict[str, tuple[float, int]] = {}
        positions = []
        for (actor, issue), held in self.positions.items():
            low, high = ranges[issue]
            if not low <= held.value <= high:
                self.add(
                    held.line,
                    "position",
                    held.columns["position"],
                    f"position {held.value:g} lies off issue {issue!r}'s scale ({low:g} to "
                    f"{high:g}, {self._range_source(issue)})",
                )
            power, power_line = first_power.setdefault(actor, (held.power, held.line))
            notes = [held.comment] if held.comment else []
            if held.power != power:
                notes.append(
                    f"power {held.power:g} on this issue (row {held.line}); the weight is "
                    f"{power:g}, the power in row {power_line}"
                )
            positions.append(
                CodedPosition(actor, issue, held.value, held.salience, "; ".join(notes) or None)
            )
        actors = [
            CodedActor(key, name, first_power.get(key, (None, 0))[0], comment)
            for key, (_, name, comment) in self.actors.items()
        ]
        title = self.titles[0] if self.titles else None
        more = "\n\n".join(self.titles[1:]) or None
        return Coded(title, tuple(actors), tuple(issues), tuple(positions), more)

    def _issue(self, key: str, issue: _Issue) -> CodedIssue:
        marks = sorted(issue.marks.items())
        if len(marks) == 1:
            value, (_, line, column) = marks[0]
            self.add(
                line,
                "position",
                column,
                f"issue {key!r} has one meaning only, at {value:g}: the smallest and the largest "
                "set its range, so give two, or none for 0 to 100",
            )
        low, high = (marks[0][0], marks[-1][0]) if len(marks) > 1 else _DEFAULT_RANGE
        return CodedIssue(
            key,
            issue.title,
            low,
            high,
            tuple(Mark(value, label) for value, (label, _, _) in marks),
            issue.description,
        )

    def _range_source(self, issue: str) -> str:
        marks = self.issues[issue].marks
        if len(marks) < 2:
            return "with no meanings"
        lines = [line for _, (_, line, _) in sorted(marks.items())]
        return f"set by its meanings in rows {lines[0]} and {lines[-1]}"


def _definitions(lines: list[str]) -> dict[tuple[str, str], int]:
    """Where each #A and #P key is first defined, to say so of a use before it."""
    found: dict[tuple[str, str], int] = {}
    for line, text in enumerate(lines, 1):
        cells = parse_cells(text)
        if len(cells) > 1 and cells[0][1] in ("#A", "#P"):
            found.setdefault((cells[0][1], cells[1][1]), line)
    return found


def _unknown_kind(kind: str) -> str:
    if kind.upper() in ROW_TYPES:
        hint = f" (did you mean {kind.upper()!r}?)"
    elif kind[:2].upper() in ROW_TYPES:
        hint = f" (the cells of a row are separated by tabs: is this a {kind[:2].upper()} row?)"
    elif not kind.startswith("#"):
        hint = " (a Decide row starts with its type)"
    else:
        hint = ""
    return f"unknown row type {kind!r}{hint}: Decide rows are {_KINDS}"
