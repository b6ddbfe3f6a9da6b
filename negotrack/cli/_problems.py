"""How ``negotrack validate`` prints problems and notes: text, JSON, or GitHub annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.cli._io import paint
from negotrack.model._plain import plain

if TYPE_CHECKING:
    from negotrack.model._errors import Problem

__all__ = ["annotation", "as_note", "as_text", "validation_json"]


def as_note(note: Problem) -> str:
    """A note as ``file:line:col: note: path: message``, the severity editors and CI show."""
    return as_text(note, note=True)


def as_text(problem: Problem, *, note: bool = False, color: bool = False) -> str:
    """A problem as ``file:line:col: path: message`` (a note with ``note:`` after the place).

    With ``color``, the place is bold and a problem's text red, a note's ``note:`` cyan. Control
    characters in it (a file name can hold an escape sequence) are replaced before it is painted,
    so only negotrack's own colours reach the terminal.
    """
    where, _, rest = plain(str(problem)).partition(": ")
    if note:
        return f"{paint(where + ':', 'bold', color)} {paint('note:', 'cyan', color)} {rest}"
    return f"{paint(where + ':', 'bold', color)} {paint(rest, 'red', color)}"


def validation_json(found: list[dict[str, Any]]) -> str:
    """``validate --format json``: one document listing each dossier, its problems and notes."""

    def located(problem: Problem) -> dict[str, Any]:
        return {
            "file": problem.file,
            "line": problem.line,
            "column": problem.column,
            "path": problem.path,
            "message": problem.message,
            # the other places of the same cause (an unknown id used more than once)
            "also": [
                {"file": file, "line": line, "column": column, "path": path}
                for file, line, column, path in problem.also
            ],
        }

    dossiers = [
        {
            "path": entry["path"],
            "ok": "summary" in entry,
            "summary": entry.get("summary"),
            "problems": [located(p) for p in entry.get("problems", ())],
            "notes": [located(p) for p in entry["notes"]],
        }
        for entry in found
    ]
    import json  # noqa: PLC0415 - only for -f json

    return json.dumps({"format": "negotrack-validate/1", "dossiers": dossiers}, indent=2) + "\n"


def annotation(level: str, problem: Problem) -> str:
    """A GitHub Actions workflow command (``::error file=...,line=...::message``) for a problem.

    Values are escaped as the runner expects (``%``, line breaks; in properties also ``:`` and
    ``,``), so analyst text cannot end the command early or start another.
    """

    def data(text: str) -> str:
        return plain(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    where = [f"file={prop(problem.file)}"]
    if problem.line is not None:
        where += [f"line={problem.line}", f"col={problem.column or 1}"]
    message = problem.text if problem.path in ("", "$") else f"{problem.path}: {problem.text}"
    return f"::{level} {','.join(where)},title=negotrack::{data(message)}"
