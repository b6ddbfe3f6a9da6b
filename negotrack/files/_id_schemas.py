"""A dossier's own JSON Schemas: the bundled ones, with the dossier's ids at every reference.

The bundled schemas (`negotrack.files._schema`) check keys and types; they cannot know which
parties or issues a dossier has. `dossier_schema` takes a bundled schema and narrows each field
whose metadata ``refers`` to a kind of id (`negotrack.model._fields.REFERENCE_KINDS`) to the ids
of that kind in one dossier, listed once each under ``definitions`` (``PartyId``, ``IssueId``...).
Where an object names its issue (a position, a term), the option ids in it are narrowed to that
issue's options, in ``if``/``then`` clauses on the issue (``OptionId.<issue>``); an amendment's
term likewise to the terms of the proposal it names (``TermId.<proposal>``). An editor then
offers the options of the issue at hand; elsewhere (an issue's reference point, an amendment's
value) any option of the dossier is taken.

``negotrack schema --dossier DIR`` writes them to ``DIR/schemas/`` under the bundled names
(`schema_files`); ``negotrack init`` does the same. Each carries the mark ``x-negotrack-dossier``,
by which `negotrack.files._stale_schemas` (run by `negotrack.validate`) tells one from a copy of
a bundled schema, and a fingerprint of the ids (`ids_digest`), by which it tells when the ids are
no longer the dossier's.
"""

from __future__ import annotations

import copy
import json
import types
import typing
from typing import TYPE_CHECKING, Any, Final, get_args, get_origin

import attrs

from negotrack.model._issues import NumericScale
from negotrack.model._negotiation import Negotiation
from negotrack.model._rounds import Round

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = [
    "ID_DEFINITIONS",
    "MARK",
    "MARK_VERSION",
    "SCHEMA_DIR",
    "dossier_schema",
    "id_lists",
    "ids_digest",
    "modeline",
    "schema_files",
]

#: The folder, beside negotiation.yaml (or a single-file dossier), that holds a dossier's schemas.
SCHEMA_DIR: Final = "schemas"
#: The key that marks a schema as a dossier's own, written by negotrack.
MARK: Final = "x-negotrack-dossier"
#: The definition listing a dossier's ids of each kind.
ID_DEFINITIONS: Final = {
    "party": "PartyId",
    "person": "PersonId",
    "issue": "IssueId",
    "option": "OptionId",
    "proposal": "ProposalId",
    "term": "TermId",
    "statement": "StatementId",
    "source": "SourceId",
    "round": "RoundId",
}
#: Kinds whose ids depend on another field of the same object: an option on the object's
#: ``issue``, a term on its ``proposal``.
_SCOPES: Final = {"option": "issue", "term": "proposal"}
_ROOTS: Final = {"dossier": Negotiation, "negotiation": Negotiation, "round": Round}
#: The version of the mark: a schema with another is rewritten by `schema --dossier`.
MARK_VERSION: Final = 1


def id_lists(negotiation: Negotiation) -> dict[str, list[str]]:
    """The dossier's ids by definition name, each list in dossier order, without repeats.

    ``OptionId.<issue>`` holds one issue's option ids (the named points of a numeric issue), and
    ``TermId.<proposal>`` one proposal's term keys (a term's id, else its issue).
    """
    issues, proposals = negotiation.issues, negotiation.proposals
    options = {
        f"OptionId.{i.id}": [p.id for p in i.scale.points]
        if isinstance(i.scale, NumericScale)
        else list(i.option_ids)
        for i in issues
    }
    terms = {f"TermId.{p.id}": [t.key for t in p.terms if t.key] for p in proposals}
    found = {
        "PartyId": [p.id for p in negotiation.parties],
        "PersonId": [r.id for p in negotiation.parties for r in p.representatives],
        "IssueId": [i.id for i in issues],
        "OptionId": [o for ids in options.values() for o in ids],
        "ProposalId": [p.id for p in proposals],
        "TermId": [t for ids in terms.values() for t in ids],
        "StatementId": [s.id for s in negotiation.all_statements],
        "SourceId": [s.id for s in negotiation.sources],
        "RoundId": [r.id for r in negotiation.rounds],
        **options,
        **terms,
    }
    return {name: list(dict.fromkeys(ids)) for name, ids in found.items()}


def dossier_schema(name: str, negotiation: Negotiation) -> dict[str, Any]:
    """The bundled schema ``name`` (`FILE_SCHEMAS`) narrowed to one dossier's ids.

    Raises:
        ValueError: If ``name`` is not one of the dossier files' schemas.
    """
    from negotrack.files._schema import file_schema  # noqa: PLC0415 - built only when asked

    schema = file_schema(name)
    ids = id_lists(negotiation)
    definitions = schema.setdefault("definitions", {})
    bundled = copy.deepcopy(definitions)  # the scoped clauses narrow the fields as bundled
    classes = _classes(_ROOTS[name])
    unscoped = {kind: _unscoped(_ROOTS[name], scope) for kind, scope in _SCOPES.items()}
    narrowing = _Narrowing(ids, bundled, classes, unscoped)
    for key, cls in classes.items():
        if not key or key in definitions:  # a negotiation.yaml has no rounds, nor what is in them
            narrowing.narrow(definitions[key] if key else schema, cls)
    for key, values in ids.items():
        base, _, scope = key.partition(".")
        what = f"{base.removesuffix('Id').lower()} id" + (f" of {scope!r}" if scope else "")
        description = f"A {what} in {negotiation.id}."
        # an empty enum is refused by some validators: nothing is allowed, said otherwise
        allowed: dict[str, Any] = {"enum": values} if values else {"not": {}}
        definitions[key] = {"description": description, **allowed}
    schema[MARK] = {"version": MARK_VERSION, "dossier": negotiation.id, "ids": ids_digest(ids)}
    schema["$comment"] = (
        "Written by `negotrack schema --dossier`: the bundled schema with this dossier's ids. "
        "Run it again after adding or renaming an id; `negotrack validate` says when to."
    )
    schema["title"] += f" ({negotiation.id})"
    return schema


def schema_files(target: Path) -> dict[str, Path]:
    """The schemas a dossier at ``target`` gets, by bundled name, and where each is written.

    A folder gets ``schemas/negotiation.schema.json`` and ``schemas/round.schema.json``; a
    single file ``talks.yaml`` gets ``schemas/talks.schema.json`` beside it.
    """
    if target.is_dir():
        return {
            name: target / SCHEMA_DIR / f"{name}.schema.json" for name in ("negotiation", "round")
        }
    return {"dossier": target.parent / SCHEMA_DIR / f"{target.stem}.schema.json"}


def modeline(name: str, stem: str = "") -> str:
    """The first line that points a file at its dossier schema, relative to the file.

    ``name`` is ``negotiation`` (a folder's negotiation.yaml), ``round`` (a file in rounds/) or
    ``dossier`` (a single file, whose file name without ``.yaml`` is ``stem``).
    """
    where = {
        "negotiation": f"{SCHEMA_DIR}/negotiation.schema.json",
        "round": f"../{SCHEMA_DIR}/round.schema.json",
        "dossier": f"{SCHEMA_DIR}/{stem}.schema.json",
    }[name]
    return f"# yaml-language-server: $schema={where}"


def ids_digest(ids: dict[str, list[str]]) -> str:
    """A fingerprint of a dossier's ids (`id_lists`), order aside, kept in its schemas' mark."""
    canonical = json.dumps({key: sorted(values) for key, values in ids.items()}, sort_keys=True)
    import hashlib  # noqa: PLC0415 - only when schemas are written or compared

    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# -- narrowing -----------------------------------------------------------------------------


def _classes(root: type[Any]) -> dict[str, type[Any]]:
    """The attrs classes reachable from ``root`` by definition name; ``root`` itself under ""."""
    found: dict[str, type[Any]] = {"": root}
    todo = [root]
    while todo:
        cls = todo.pop()
        for hint in typing.get_type_hints(cls).values():
            for inner in _inner_classes(hint):
                if inner.__name__ not in found:
                    found[inner.__name__] = inner
                    todo.append(inner)
    return found


def _inner_classes(hint: Any) -> Iterator[type[Any]]:
    if get_origin(hint) in (types.UnionType, typing.Union, tuple):
        for arg in get_args(hint):
            yield from _inner_classes(arg)
    elif isinstance(hint, type) and attrs.has(hint):
        yield hint


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/definitions/{name}"}


def _is_scope(cls: type[Any], scope: str) -> bool:
    """Whether ``cls`` names one id of kind ``scope`` in a field of that name."""
    field = attrs.fields_dict(cls).get(scope)
    if field is None or field.metadata.get("refers") != scope:
        return False
    return get_origin(typing.get_type_hints(cls)[scope]) is not tuple


def _unscoped(root: type[Any], scope: str) -> set[type[Any]]:
    """The classes reachable from ``root`` without passing through one that names a ``scope``."""
    found: set[type[Any]] = set()
    todo = [] if _is_scope(root, scope) else [root]
    while todo:
        cls = todo.pop()
        found.add(cls)
        for hint in typing.get_type_hints(cls).values():
            todo.extend(
                c for c in _inner_classes(hint) if c not in found and not _is_scope(c, scope)
            )
    return found


def _bare(part: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in part.items() if key != "description"}


@attrs.frozen
class _Narrowing:
    """One schema's narrowing: the dossier's ids, the definitions as bundled, the classes."""

    ids: dict[str, list[str]]
    bundled: dict[str, Any]
    classes: dict[str, type[Any]]
    #: For an option or a term, the classes that hold one outside any issue or proposal scope.
    unscoped: dict[str, set[type[Any]]]

    def narrow(self, schema: dict[str, Any], cls: type[Any]) -> None:
        """Narrow the reference fields of one object's schema; add its scoped if/then clauses.

        An option or a term within the scope of an issue or a proposal is narrowed only in the
        if/then clauses, to that scope's ids, so that an editor offers those alone.
        """
        properties = schema["properties"]
        for field in attrs.fields(cls):
            kind = field.metadata.get("refers")
            if kind in self.unscoped and cls not in self.unscoped[kind]:
                continue
            if kind is not None and field.name in properties:
                leaf = _ref(ID_DEFINITIONS[kind])
                properties[field.name] = _narrowed(properties[field.name], leaf)
        clauses: list[dict[str, Any]] = []
        for kind, scope in _SCOPES.items():
            if not _is_scope(cls, scope) or not self.reaches(cls, kind, scope, set()):
                continue
            prefix = f"{ID_DEFINITIONS[kind]}."
            clauses.extend(
                {
                    "if": {
                        "properties": {scope: {"const": key.removeprefix(prefix)}},
                        "required": [scope],
                    },
                    "then": self.scoped(cls, kind, scope, _ref(key)),
                }
                for key in self.ids
                if key.startswith(prefix)
            )
        if clauses:
            schema["allOf"] = clauses

    def reaches(self, cls: type[Any], kind: str, scope: str, seen: set[type[Any]]) -> bool:
        """Whether ``cls`` holds a ``kind`` reference, itself or in an object with no scope."""
        seen.add(cls)
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            if field.metadata.get("refers") == kind:
                return True
            for inner in _inner_classes(hints[field.name]):
                if inner in seen or _is_scope(inner, scope):
                    continue
                if self.reaches(inner, kind, scope, seen):
                    return True
        return False

    def scoped(self, cls: type[Any], kind: str, scope: str, leaf: dict[str, Any]) -> dict[str, Any]:
        """The constraints that put ``cls``'s ``kind`` references (nested too) on ``leaf``."""
        hints = typing.get_type_hints(cls)
        base = self.bundled[cls.__name__]["properties"]
        properties: dict[str, Any] = {}
        for field in attrs.fields(cls):
            if field.metadata.get("refers") == kind:
                properties[field.name] = _narrowed(_bare(base[field.name]), leaf)
                continue
            nested = {
                c.__name__
                for c in _inner_classes(hints[field.name])
                if not _is_scope(c, scope) and self.reaches(c, kind, scope, set())
            }
            if nested:
                inlined = {
                    name: self.scoped(self.classes[name], kind, scope, leaf) for name in nested
                }
                properties[field.name] = _narrowed(_bare(base[field.name]), None, inlined)
        return {"properties": properties}


def _narrowed(
    part: dict[str, Any],
    leaf: dict[str, Any] | None,
    inlined: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """``part`` with its text put on ``leaf``, and the classes it names replaced by ``inlined``."""
    ref = part.get("$ref") or (part.get("allOf") or [{}])[0].get("$ref")
    if isinstance(ref, str):
        return (inlined or {}).get(ref.rsplit("/", 1)[1], part)
    for key in ("anyOf", "oneOf"):
        if key in part:
            return {**part, key: [_narrowed(p, leaf, inlined) for p in part[key]]}
    kinds = part.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds or []
    if kinds == ["array"]:
        return {**part, "items": _narrowed(part["items"], leaf, inlined)}
    if "string" not in kinds or leaf is None:
        return part
    return _on_leaf(part, [k for k in kinds if k != "string"], leaf)


def _on_leaf(part: dict[str, Any], others: list[str], leaf: dict[str, Any]) -> dict[str, Any]:
    """A schema of text (or text and ``others``) with the text put on ``leaf``."""
    rest = {key: value for key, value in part.items() if key not in ("type", "pattern")}
    if not others:
        return {**rest, "allOf": [leaf]} if rest else leaf
    return {**rest, "anyOf": [leaf, {"type": others[0] if len(others) == 1 else others}]}
