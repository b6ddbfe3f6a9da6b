"""JSON Schemas (draft-07) for dossier files, generated from the attrs model.

The schemas let editors complete and check dossier files (the YAML extension reads the
``# yaml-language-server: $schema=...`` first line). They are written by walking the model's
fields and type hints, so they cannot drift from it. The schemas of the JSON diff and report
are written by hand in `negotrack.report._schemas`; `negotrack.report._catalogue` serves both
kinds by name, and ``python -m negotrack.report._catalogue`` rewrites ``schemas/*.schema.json``
(a test fails when the committed files differ from what it writes).

The schemas see a file as a YAML 1.2 core-schema reader does: plain ``12`` is a number, quoted
``'12'`` is text, ``2022-03-16`` is text that must look like a date. They check shapes, types,
enumerations and bounds; references between ids and rules across fields (a round needs a date or
a start and an end) are left to the loader's checks.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from typing import Any, Final, Literal, get_args, get_origin

import attrs

from negotrack.files._checks import ID_PATTERN
from negotrack.model._dates import ApproxDate
from negotrack.model._negotiation import Negotiation
from negotrack.model._parties import Membership
from negotrack.model._rounds import Round

__all__ = ["DRAFT_07", "FILE_SCHEMAS", "file_schema", "file_schema_json", "schema_text"]

#: The JSON Schema dialect written: the newest the YAML editor extension supports.
DRAFT_07: Final = "http://json-schema.org/draft-07/schema#"

#: The dossier files' schemas: a single-file dossier, a folder's negotiation.yaml, a round file.
FILE_SCHEMAS: Final = ("dossier", "negotiation", "round")

_DATE: Final = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_APPROX_DATE: Final = {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
_TIME: Final = {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"}
#: Schemas of the scalar types that need no bounds or id pattern.
_SCALARS: Final[dict[Any, dict[str, Any]]] = {
    bool: {"type": "boolean"},
    dt.date: _DATE,
    dt.time: _TIME,
}

#: Fields named ``id`` are the stable ids the checks hold to `ID_PATTERN`.
_ID: Final = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}

#: Bounds of numbers the model keeps as plain ints and floats; the loader's checks enforce them.
#: Classes a plain string may stand for (``_structure_membership`` in `negotrack.files._convert`).
_SHORTHANDS: Final[frozenset[type[Any]]] = frozenset({Membership})


@attrs.frozen
class _File:
    cls: type[Any]
    title: str
    description: str
    omit: frozenset[str] = frozenset()


_FILES: Final = {
    "dossier": _File(
        Negotiation,
        "negotrack dossier",
        "A whole negotiation in one file: parties, issues, proposals, sources and rounds.",
    ),
    "negotiation": _File(
        Negotiation,
        "negotrack negotiation.yaml",
        "The negotiation.yaml of a dossier folder: parties, issues, proposals and sources; "
        "each round is a file in rounds/.",
        frozenset({"rounds"}),
    ),
    "round": _File(
        Round,
        "negotrack round",
        "One round of talks: a file in the rounds/ folder of a dossier.",
    ),
}


def file_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema for one kind of dossier file, as a fresh dict.

    Args:
        name: ``"dossier"`` (a single-file dossier), ``"negotiation"`` (the ``negotiation.yaml``
            of a folder dossier) or ``"round"`` (one ``rounds/*.yaml`` file).

    Raises:
        ValueError: If ``name`` is not one of `FILE_SCHEMAS`, or a model field has no
            description or a bound names no field.
        TypeError: If a model field has a type the generator does not know.
    """
    try:
        spec = _FILES[name]
    except KeyError:
        raise ValueError(
            f"unknown schema {name!r}; expected one of: {', '.join(FILE_SCHEMAS)}"
        ) from None
    builder = _Builder()
    root = builder.of_class(spec.cls, spec.omit)
    out: dict[str, Any] = {"$schema": DRAFT_07, **root}
    out.update(title=spec.title, description=spec.description)
    if builder.definitions:
        out["definitions"] = dict(sorted(builder.definitions.items()))
    return out


def file_schema_json(name: str) -> str:
    """Return `file_schema` as the text of its file: sorted keys, indent 2, a final newline."""
    return schema_text(file_schema(name))


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the text of its file: sorted keys, indent 2, a final newline."""
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


class _Builder:
    """Turns attrs classes into schemas, collecting each class once under ``definitions``."""

    def __init__(self) -> None:
        self.definitions: dict[str, dict[str, Any]] = {}

    def of_class(self, cls: type[Any], omit: frozenset[str] = frozenset()) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if field.name in omit:
                continue
            description = field.metadata.get("description")
            if not description:
                raise ValueError(
                    f"{cls.__name__}.{field.name} has no description: "
                    "give it metadata=describe(...)"
                )
            hint = hints[field.name]
            properties[field.name] = _described(self.of_hint(hint, cls, field.name), description)
            if field.default is attrs.NOTHING or get_origin(hint) is Literal:
                required.append(field.name)  # a Literal is the discriminator of a union
        out: dict[str, Any] = {
            "type": "object",
            "description": _summary(cls),
            "additionalProperties": False,
            "properties": properties,
        }
        if required:
            out["required"] = required
        return out

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.definitions:
            self.definitions[name] = {}  # claimed first, so a cycle ends here
            self.definitions[name] = self.of_class(cls)
        return {"$ref": f"#/definitions/{name}"}

    def of_hint(self, hint: Any, owner: type[Any], name: str) -> dict[str, Any]:  # noqa: PLR0911
        origin = get_origin(hint)
        if hint == ApproxDate:
            return dict(_APPROX_DATE)
        if origin in (types.UnionType, typing.Union):
            return self.of_union(get_args(hint), owner, name)
        if origin is tuple:
            args = get_args(hint)
            if len(args) != 2 or args[1] is not Ellipsis:
                raise TypeError(f"{owner.__name__}.{name}: only tuple[X, ...] is supported")
            return {"type": "array", "items": self.of_hint(args[0], owner, "")}
        if origin is Literal:
            values = get_args(hint)
            return {"const": values[0]} if len(values) == 1 else {"enum": list(values)}
        if hint is str:
            return dict(_ID) if name == "id" else {"type": "string"}
        if hint is int:
            return {"type": "integer", **_bounds(owner, name)}
        if hint is float:
            return {"type": "number", **_bounds(owner, name)}
        if hint in _SCALARS:
            return dict(_SCALARS[hint])
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"enum": [member.value for member in hint]}
        if attrs.has(hint):
            if hint in _SHORTHANDS:
                return {"anyOf": [{"type": "string"}, self.ref(hint)]}
            return self.ref(hint)
        raise TypeError(f"{owner.__name__}.{name}: no JSON Schema for {hint!r}")

    def of_union(self, args: tuple[Any, ...], owner: type[Any], name: str) -> dict[str, Any]:
        members = [arg for arg in args if arg is not type(None)]
        parts = [self.of_hint(member, owner, name) for member in members]
        if len(parts) == 1:
            out = parts[0]
        elif all(part.keys() == {"type"} and isinstance(part["type"], str) for part in parts):
            out = {"type": [part["type"] for part in parts]}
        elif all(attrs.has(member) for member in members):
            _check_discriminated(members, owner, name)
            out = {"oneOf": parts}
        else:
            out = {"anyOf": parts}
        return _nullable(out) if len(members) < len(args) else out


def _check_discriminated(members: list[Any], owner: type[Any], name: str) -> None:
    """Raise unless the classes share a Literal field with a different value in each."""
    for key in attrs.fields_dict(members[0]):
        hints = [typing.get_type_hints(member).get(key) for member in members]
        if all(get_origin(hint) is Literal for hint in hints):
            values = [get_args(hint) for hint in hints]
            if len(set(values)) == len(values):
                return
    raise TypeError(f"{owner.__name__}.{name}: a union of classes needs a Literal discriminator")


def _nullable(part: dict[str, Any]) -> dict[str, Any]:
    """Also accept null: an empty YAML value (``key:``) reads as null and means absent."""
    if "type" in part:
        kinds = part["type"] if isinstance(part["type"], list) else [part["type"]]
        return {**part, "type": [*kinds, "null"]}
    if "enum" in part:
        return {**part, "enum": [*part["enum"], None]}
    if "anyOf" in part:
        return {**part, "anyOf": [*part["anyOf"], {"type": "null"}]}
    return {"anyOf": [part, {"type": "null"}]}


def _described(part: dict[str, Any], description: str) -> dict[str, Any]:
    if "$ref" in part:  # draft-07 ignores keywords beside $ref, descriptions included
        return {"allOf": [part], "description": description}
    return {**part, "description": description}


def _bounds(owner: type[Any], name: str) -> dict[str, Any]:
    meta = attrs.fields_dict(owner)[name].metadata
    return {key: meta[key] for key in ("minimum", "maximum") if key in meta}


def _summary(cls: type[Any]) -> str:
    doc = (cls.__doc__ or "").strip()
    if not doc:
        raise ValueError(f"{cls.__name__} has no docstring to describe it with")
    return doc.splitlines()[0]
