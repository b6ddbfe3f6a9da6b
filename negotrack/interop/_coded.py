"""What another tool's file codes, and the dossier made of it.

Each importer (`negotrack.interop._foreign` lists them) reads its format into `Coded`: actors
with a weight, issues on a numeric scale with labelled marks, each actor's position and salience
on each issue. `dossier_from` makes the dossier: one round on the given date, the file as its
source, a statement per actor that its positions cite, positions with basis ``inferred`` (coded
by someone, not said by the party).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.model._issues import Mark

if TYPE_CHECKING:
    import os

    from negotrack.model._negotiation import Negotiation

__all__ = ["Coded", "CodedActor", "CodedIssue", "CodedPosition", "dossier_from"]

#: What a YAML stream may not hold as it is: characters out of YAML 1.1's printable set, as
#: PyYAML reads it, and the line breaks it folds inside a quoted string (U+0085, U+2028, U+2029),
#: and a byte order mark. All of it lies in the Basic Multilingual Plane, so ``\uXXXX`` writes it.
_YAML_UNPRINTABLE: Final = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


@attrs.frozen
class CodedActor:
    """An actor as a format codes it: key, name, and weight (power, capability), if given."""

    id: str
    name: str
    weight: float | None = None
    description: str | None = None


@attrs.frozen
class CodedIssue:
    """An issue as a format codes it, on a numeric scale with labelled marks.

    A reference point and an outcome where known; metadata kept as tags (``type:…``).
    """

    id: str
    title: str
    min: float
    max: float
    marks: tuple[Mark, ...] = ()
    description: str | None = None
    tags: tuple[str, ...] = ()
    reference: float | None = None
    outcome: float | None = None
    unit: str | None = None


@attrs.frozen
class CodedPosition:
    """One actor's coded position on one issue: a point on the scale, its salience from 0 to 1."""

    actor: str
    issue: str
    value: float
    salience: float | None = None
    note: str | None = None


@attrs.frozen
class Coded:
    """Everything a coded file holds, in the file's order."""

    title: str | None
    actors: tuple[CodedActor, ...]
    issues: tuple[CodedIssue, ...]
    positions: tuple[CodedPosition, ...]
    description: str | None = None


def dossier_from(
    coded: Coded, *, file: str | os.PathLike[str], fmt: str, date: dt.date | None = None
) -> Negotiation:
    """A dossier of one round holding what ``coded`` codes, with the file as its source.

    Args:
        coded: What the importer read.
        file: The file read: its name is the source's, its stem the dossier's id.
        fmt: The format's name, in the source's title (``Decide input file``).
        date: The round's date; by default the day the file was last modified.

    Raises:
        LoadError: If the result is no valid dossier (which the importers' own checks should
            have prevented), listing its problems.
    """
    from negotrack.files._loading import loads_parsed  # noqa: PLC0415

    path = Path(file)
    day = date or dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()
    data = _data(coded, path.name, _slug(path.stem), fmt, day)
    # JSON is YAML: the dossier is loaded as a file of it would be, with every check, from the
    # form parsing that text gives (which saves parsing it: most of an import's time).
    # The text is only read to place a problem; it holds every character as written, but for
    # what YAML cannot hold unescaped (JSON's escapes beyond U+FFFF, surrogate pairs, are none
    # that YAML reads).
    text = _YAML_UNPRINTABLE.sub(
        lambda found: f"\\u{ord(found[0]):04x}",
        json.dumps(data, allow_nan=False, ensure_ascii=False),
    )
    return loads_parsed(_as_parsed(data), text.encode(), filename=str(file))


def _as_parsed(value: Any) -> Any:
    """``value`` as parsing its JSON text gives it: dicts, lists, and each scalar as its text.

    The text of a number is the one `json.dumps` writes (``repr``); None and booleans are not
    in a coded dossier's data.
    """
    if type(value) is dict:
        return {key: _as_parsed(item) for key, item in value.items()}
    if type(value) is list:
        return [_as_parsed(item) for item in value]
    if type(value) is str:
        return value
    if type(value) is float or type(value) is int:
        return repr(value)
    raise TypeError(value)  # pragma: no cover - _data makes none


def _data(coded: Coded, name: str, slug: str, fmt: str, day: dt.date) -> dict[str, Any]:
    source = f"{slug}-file"
    statements = [
        {
            "id": f"{actor.id}-coded",
            "date": day.isoformat(),
            "party": actor.id,
            "source": source,
            "summary": f"{actor.name}'s positions as coded in {name}",
        }
        for actor in coded.actors
    ]
    coded_by = {actor.id: f"{actor.id}-coded" for actor in coded.actors}
    return _drop_none(
        {
            "id": slug,
            "title": coded.title or _title(name),
            "description": coded.description,
            "parties": [_drop_none(attrs.asdict(a, recurse=False)) for a in coded.actors],
            "issues": [_issue(issue) for issue in coded.issues],
            "sources": [
                {"id": source, "title": f"{name} ({fmt})", "kind": "document", "file": name}
            ],
            "statements": statements,
            "rounds": [
                {
                    "id": day.isoformat(),
                    "title": f"As coded in {name}",
                    "date": day.isoformat(),
                    "positions": [
                        _drop_none(
                            {
                                "party": p.actor,
                                "issue": p.issue,
                                "preferred": p.value,
                                "salience": p.salience,
                                "basis": "inferred",
                                "evidence": [coded_by[p.actor]],
                                "note": p.note,
                            }
                        )
                        for p in coded.positions
                    ],
                }
            ],
        }
    )


def _issue(issue: CodedIssue) -> dict[str, Any]:
    scale = {
        "kind": "numeric",
        "min": issue.min,
        "max": issue.max,
        "unit": issue.unit,
        "marks": [_drop_none(attrs.asdict(m)) for m in issue.marks],
    }
    return _drop_none(
        {
            "id": issue.id,
            "title": issue.title,
            "description": issue.description,
            "tags": list(issue.tags),
            "reference": issue.reference,
            "outcome": issue.outcome,
            "scale": _drop_none(scale),
        }
    )


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None and v not in ([], ())}


def _title(name: str) -> str:
    """A title from a file name: its stem, with ``_`` and ``-`` as spaces."""
    return re.sub(r"[_-]+", " ", Path(name).stem).strip() or name


def _slug(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")
    return slug or "imported"
