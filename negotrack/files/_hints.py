"""What an unknown key or value most likely meant, read from the model's own fields.

An unknown key is first compared with the record's own fields (a typo: ``prefered``), then with
the fields of every other record of the dossier: ``outlet`` on a statement is a field of the
source it cites, ``positions`` inside a statement belongs to its round. Where each record sits
in a dossier (``sources[].outlet``) and what it is called (a source) come from walking the model
from `Negotiation`, so a field added to the model is known here without a line changing. A few
words the model does not use are mapped to the ones it does (`KEY_ALIASES`, `VALUE_ALIASES`).
"""

from __future__ import annotations

import enum
import functools
import re
import typing
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.model._errors import closest, did_you_mean
from negotrack.model._evidence import Confidence
from negotrack.model._negotiation import Negotiation
from negotrack.model._parties import PartyKind
from negotrack.model._stances import StanceLevel

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["KEY_ALIASES", "VALUE_ALIASES", "unknown_key", "value_alias"]

#: Keys a record does not have, and the fields of it that say what they mean (used only on a
#: record that has those fields: a statement is graded, a position has a confidence).
KEY_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "grade": ("reliability", "credibility"),
    "rating": ("reliability", "credibility"),
    "confidence": ("reliability", "credibility"),
    "reliability": ("confidence",),
    "credibility": ("confidence",),
    "importance": ("salience",),
    "priority": ("salience",),
}

#: Values the model does not have, and the value that means the same, by type (or, for a scale's
#: kind, by the word ``scale``).
VALUE_ALIASES: Final[dict[object, dict[str, str]]] = {
    "scale": {"number": "numeric", "numerical": "numeric", "ordered": "ordinal"},
    PartyKind: {
        "coalition": "alliance",
        "bloc": "alliance",
        "country": "state",
        "ngo": "organisation",
    },
    Confidence: {"medium": "moderate"},
    StanceLevel: {"accepts": "supports", "welcomes": "supports"},
}

#: Records named for something other than the key that holds them.
_NOUNS: Final = {"acceptable": "range"}
#: A key that belongs on more records than this says nothing about where it was meant to go.
_MOST_PLACES: Final = 2


def value_alias(kind: object, value: str, known: Iterable[str]) -> str:
    """`` (did you mean 'alliance'?)`` for a value that means a known one, or a typo of one.

    ``kind`` is the enum the value is of, or ``"scale"`` for a scale's kind.
    """
    alias = VALUE_ALIASES.get(kind, {}).get(value.casefold())
    if alias is not None:
        return f" (did you mean {alias!r}?)"
    return did_you_mean(value, known)


@attrs.frozen
class _Record:
    noun: str  # "statement", or "" for the dossier itself
    path: str  # where it sits: "rounds[].statements[]"
    fields: dict[str, attrs.Attribute[Any]]
    references: dict[str, str]  # field name -> noun of the record it names by id


def unknown_key(cls: type[Any], key: str) -> str:
    """The message for an unknown key on a record of type ``cls``: what it is, and the fix."""
    records = _records()
    record = records.get(cls)
    if record is None:  # pragma: no cover - every structured class is reached from the dossier
        return f"unknown key {key!r}{did_you_mean(key, [a.name for a in attrs.fields(cls)])}"
    text = f"unknown key {key!r} on {_a(record.noun)}"
    meant = [name for name in KEY_ALIASES.get(key.casefold(), ()) if name in record.fields]
    if meant:
        return f"{text}: use {' and '.join(_field(record, name) for name in meant)}"
    typo = closest(key, record.fields)
    if typo is not None:
        return f"{text} (did you mean {typo!r}?)"
    others = [r for r in records.values() if key in r.fields and r is not record]
    # the records this one names by id first ("its source"), then any other
    theirs = [r for r in others if r.noun in record.references.values()]
    if theirs:
        where = [f"its {r.noun}, `{_place(r, key)}`" for r in theirs]
    elif 0 < len(others) <= _MOST_PLACES:
        where = [f"{_a(r.noun)}, `{_place(r, key)}`" for r in others]
    else:
        return text
    return f"{text}: {key!r} belongs on {', or '.join(where)}"


def _a(noun: str) -> str:
    if not noun:
        return "the dossier"
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _place(record: _Record, key: str) -> str:
    return f"{record.path}.{key}" if record.path else key


def _field(record: _Record, name: str) -> str:
    """A field as a message names it, with its values or bounds where the model gives them."""
    field = record.fields[name]
    meta = field.metadata
    kind = _inner(field.type)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        values = [str(member.value) for member in kind]
        span = f"{values[0]}-{values[-1]}" if all(len(v) == 1 for v in values) else "/".join(values)
        return f"`{name}` ({span})"
    if "minimum" in meta and "maximum" in meta:
        return f"`{name}` ({meta['minimum']}-{meta['maximum']})"
    return f"`{name}`"


def _inner(tp: Any) -> Any:
    """The one class a field holds: ``X`` of ``X | None`` and of ``tuple[X, ...]``."""
    args = [a for a in typing.get_args(tp) if a is not type(None) and a is not Ellipsis]
    if typing.get_origin(tp) is not None and len(args) == 1:
        return _inner(args[0])
    return tp


def _classes(tp: Any, many: bool = False) -> list[tuple[type[Any], bool]]:
    """The attrs classes a field's type can hold, each with whether it holds a list of them."""
    if attrs.has(tp):
        return [(tp, many)]
    many = many or typing.get_origin(tp) is tuple
    return [found for arg in typing.get_args(tp) for found in _classes(arg, many)]


def _noun(cls: type[Any], name: str, arms: int) -> str:
    """What a record is called: for the key that holds it (``red_lines``: a red line).

    One of several classes a key may hold is called for its class (``NumericScale``: a
    numeric scale).
    """
    if arms > 1:
        return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
    noun = name[:-3] + "y" if name.endswith("ies") else name.removesuffix("s")
    return _NOUNS.get(name, noun).replace("_", " ")


@functools.cache
def _records() -> dict[type[Any], _Record]:
    """Every record type of the dossier with its shortest path from the top, breadth first."""
    found: dict[type[Any], _Record] = {}
    queue: list[tuple[type[Any], str, str]] = [(Negotiation, "", "")]
    while queue:
        cls, noun, path = queue.pop(0)
        if cls in found:
            continue
        attrs.resolve_types(cls)
        fields = {a.name: a for a in attrs.fields(cls)}
        found[cls] = _Record(noun, path, fields, {})
        for name, field in fields.items():
            held = _classes(field.type)
            step = f"{path}.{name}" if path else name
            queue += [(c, _noun(c, name, len(held)), step + "[]" * many) for c, many in held]
    nouns = {record.noun for record in found.values()}
    for record in found.values():
        record.references.update(
            (name, name)
            for name, field in record.fields.items()
            if name in nouns and str(field.metadata.get("description", "")).startswith("Id of")
        )
    return found
