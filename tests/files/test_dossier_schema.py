"""A dossier's own schemas: every reference narrowed to its ids, and agreeing with the loader.

Two nets catch a reference field the narrowing forgot. The model's: every field described as
holding ids says which kind in its metadata (``refers``), and each such field is narrowed in
every schema it appears in. The loader's: in a real dossier, each place that holds one of the
dossier's ids gets an id that does not exist; wherever the loader then reports an unknown id,
the dossier's schema must refuse the file at that place too (and it refuses nothing the loader
takes).
"""

from __future__ import annotations

import json
import re
import typing
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from jsonschema import Draft7Validator

import negotrack
from negotrack.files._id_schemas import (
    ID_DEFINITIONS,
    MARK,
    dossier_schema,
    id_lists,
    ids_digest,
)
from negotrack.files._schema import FILE_SCHEMAS, file_schema
from negotrack.files._yaml import format_path
from negotrack.model._fields import REFERENCE_KINDS, describe
from tests.conftest import EXAMPLES, FLAGSHIP
from tests.files.test_schema import GOOD
from tests.strategies import negotiations
from tests.yaml12 import load_typed

if TYPE_CHECKING:
    from collections.abc import Iterator

Path = tuple[str | int, ...]
UNKNOWN = "zz-no-such-id"
#: What the loader says of a reference to nothing.
UNRESOLVED = re.compile(r"^unknown |has no term ")


def _classes() -> dict[str, type[Any]]:
    """Every attrs class of the dossier files, by name."""
    found: dict[str, type[Any]] = {}
    todo: list[Any] = [negotrack.Negotiation]
    while todo:
        hint = todo.pop()
        if attrs.has(hint) and hint.__name__ not in found:
            found[hint.__name__] = hint
            todo.extend(typing.get_type_hints(hint).values())
        todo.extend(typing.get_args(hint))
    return found


def _refs_in(part: Any) -> Iterator[str]:
    """Every ``$ref`` target in a piece of schema."""
    if isinstance(part, dict):
        for key, value in part.items():
            if key == "$ref":
                yield value.rsplit("/", 1)[1]
            else:
                yield from _refs_in(value)
    elif isinstance(part, list):
        for value in part:
            yield from _refs_in(value)


@pytest.fixture(scope="module")
def flagship() -> negotrack.Negotiation:
    return negotrack.load(FLAGSHIP)


# -- the model says which fields hold ids --------------------------------------------------


def test_every_field_described_as_ids_says_what_it_refers_to() -> None:
    """A field whose help text speaks of ids (but is no object's own id) names their kind."""
    talks_of_ids = re.compile(r"\bids?\b", re.IGNORECASE)
    silent = [
        f"{name}.{field.name}"
        for name, cls in _classes().items()
        for field in attrs.fields(cls)
        if field.name != "id"
        and talks_of_ids.search(field.metadata["description"])
        and "refers" not in field.metadata
    ]
    assert [] == silent


def test_a_kind_of_reference_is_checked() -> None:
    """A misspelt kind in a field's metadata fails at import time, naming the kinds."""
    with pytest.raises(ValueError, match="unknown reference kind 'parti'"):
        describe("Id of the party.", refers="parti")
    assert set(REFERENCE_KINDS) == set(ID_DEFINITIONS)


def _scoped_refs(part: Any, found: dict[str, set[str]]) -> dict[str, set[str]]:
    """For each key under ``properties`` in the if/then clauses below ``part``, the refs in it."""
    if isinstance(part, dict):
        for key, value in part.items():
            if key == "then":
                _then_refs(value, found)
            else:
                _scoped_refs(value, found)
    elif isinstance(part, list):
        for value in part:
            _scoped_refs(value, found)
    return found


def _then_refs(part: Any, found: dict[str, set[str]]) -> None:
    if isinstance(part, dict):
        for key, value in (part.get("properties") or {}).items():
            found.setdefault(key, set()).update(_refs_in(value))
        for value in part.values():
            _then_refs(value, found)
    elif isinstance(part, list):
        for value in part:
            _then_refs(value, found)


@pytest.mark.parametrize("name", FILE_SCHEMAS)
def test_every_reference_field_is_narrowed(name: str, flagship: negotrack.Negotiation) -> None:
    """Each field whose metadata refers to a kind lists that kind's ids, in every schema.

    An option or term in the scope of an issue or proposal lists them in an if/then clause
    (``OptionId.<issue>``); any other reference the dossier's ids of its kind.
    """
    schema = dossier_schema(name, flagship)
    definitions = schema["definitions"]
    scoped = _scoped_refs(schema, {})
    classes = _classes()
    root = negotrack.Round if name == "round" else negotrack.Negotiation
    missed, seen = [], 0
    for where, part in [("", schema), *definitions.items()]:
        if "properties" not in part:
            continue  # a list of ids
        cls = classes[where] if where else root
        for field in attrs.fields(cls):
            kind = field.metadata.get("refers")
            if kind is None or field.name not in part["properties"]:
                continue
            seen += 1
            wanted = ID_DEFINITIONS[kind]
            refs = set(_refs_in(part["properties"][field.name])) | scoped.get(field.name, set())
            if not any(ref == wanted or ref.startswith(f"{wanted}.") for ref in refs):
                missed.append(f"{cls.__name__}.{field.name}")
    assert [] == missed
    assert seen >= {"round": 25, "negotiation": 20, "dossier": 45}[name]


def test_options_are_offered_by_issue(flagship: negotrack.Negotiation) -> None:
    """A position's options are those of its issue only, so an editor offers no others."""
    schema = dossier_schema("round", flagship)
    position = schema["definitions"]["Position"]
    assert "OptionId" not in set(_refs_in(position["properties"]))
    by_issue = {c["if"]["properties"]["issue"]["const"]: c["then"] for c in position["allOf"]}
    assert [i.id for i in flagship.issues] == list(by_issue)
    assert {"OptionId.crimea", "Interval"} == set(_refs_in(by_issue["crimea"]))
    assert {"preferred", "acceptable", "red_lines"} == set(by_issue["crimea"]["properties"])
    reference = dossier_schema("negotiation", flagship)["definitions"]["Issue"]["properties"]
    assert {"OptionId"} == set(_refs_in(reference["reference"]))


@pytest.mark.parametrize("name", FILE_SCHEMAS)
def test_the_dossier_schema_is_the_bundled_one_narrowed(
    name: str, flagship: negotrack.Negotiation
) -> None:
    """Keys, requirements and descriptions are the bundled schema's; only references differ."""
    bundled, own = file_schema(name), dossier_schema(name, flagship)
    Draft7Validator.check_schema(own)
    assert own["title"].startswith(bundled["title"])
    ids = id_lists(flagship)
    assert {"version": 1, "dossier": flagship.id, "ids": ids_digest(ids)} == own[MARK]
    for key, part in bundled["definitions"].items():
        mine = own["definitions"][key]
        assert part.get("required") == mine.get("required"), key
        assert set(part["properties"]) == set(mine["properties"]), key
        for field, value in part["properties"].items():
            assert value["description"] == mine["properties"][field]["description"]
    assert (
        ids["PartyId"] == own["definitions"]["PartyId"]["enum"] == [p.id for p in flagship.parties]
    )
    assert "crimea" in ids["IssueId"]
    assert "OptionId.crimea" in own["definitions"]


# -- the loader and the schema agree on every reference ------------------------------------


def _leaves(node: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    elif isinstance(node, str):
        yield path, node


def _places_of_ids(data: dict[str, Any]) -> list[Path]:
    """One place of each shape (indices aside) holding one of the dossier's ids, not as its id."""
    ids = {text for path, text in _leaves(data) if path[-1] == "id"}
    shapes: dict[tuple[Any, ...], Path] = {}
    for path, text in _leaves(data):
        if path[-1] != "id" and text in ids:
            shapes.setdefault(tuple("*" if isinstance(k, int) else k for k in path), path)
    return list(shapes.values())


def _with(data: dict[str, Any], path: Path, value: str) -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(data))
    node: Any = copy
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return copy


def _schema_errors(validator: Draft7Validator, data: dict[str, Any], path: Path) -> list[str]:
    """The schema's errors for the part of the file at ``path``: its top-level entry only."""
    top, rest = str(path[0]), path[1:]
    trimmed: dict[str, Any] = {"id": data["id"], "title": data["title"]}
    if isinstance(data[top], list):
        trimmed[top] = [data[top][rest[0]]]
        shift = (f"$.{top}[0]", f"$.{top}[{rest[0]}]")
    else:
        trimmed[top] = data[top]
        shift = ("", "")
    return [e.json_path.replace(*shift, 1) for e in validator.iter_errors(trimmed)]


def _within(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith((f"{outer}.", f"{outer}["))


def _agree(negotiation: negotrack.Negotiation, *, both_ways: bool = True) -> list[str]:
    """Where the loader and the dossier's schema disagree about a reference to nothing.

    With ``both_ways`` false, only whether the schema takes what the loader refuses: the
    loader then runs only on the files the schema takes.
    """
    data = typing.cast("dict[str, Any]", load_typed(negotrack.dump(negotiation)))
    validator = Draft7Validator(dossier_schema("dossier", negotiation))
    assert [] == [e.message for e in validator.iter_errors(data)]
    disagree = []
    for path in _places_of_ids(data):
        changed = _with(data, path, UNKNOWN)
        shown = format_path(path)
        refused = [e for e in _schema_errors(validator, changed, path) if _within(shown, e)]
        if refused and not both_ways:
            continue
        try:
            negotrack.loads(json.dumps(changed))
            problems = None
        except negotrack.LoadError as exc:
            problems = exc.problems
        unresolved = problems is not None and any(
            UNRESOLVED.search(p.message) and _within(shown, p.path) for p in problems
        )
        if unresolved and not refused:
            disagree.append(f"{shown}: the loader finds no such id, the schema takes it")
        if refused and problems is None:
            disagree.append(f"{shown}: the schema refuses what the loader takes: {refused}")
    return disagree


@pytest.mark.parametrize("example", ["ukraine-russia-2022", "paris-2015"])
def test_the_schema_refuses_every_id_the_loader_cannot_find(example: str) -> None:
    """In the examples, each place holding an id: an unknown one fails loader and schema alike."""
    assert [] == _agree(negotrack.load(EXAMPLES / example), both_ways=False)


@settings(max_examples=10, deadline=None)
@given(negotiations())
def test_generated_dossiers_agree_with_their_schema(negotiation: negotrack.Negotiation) -> None:
    """A generated dossier validates against its own schema, and no unknown id slips by it."""
    assert [] == _agree(negotiation)


# -- options on their issue, terms in their proposal ---------------------------------------


def _errors(text: str) -> list[str]:
    negotiation = negotrack.loads(GOOD)
    validator = Draft7Validator(dossier_schema("dossier", negotiation))
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(load_typed(text))]


def test_an_option_of_another_issue_is_refused(flagship: negotrack.Negotiation) -> None:
    """An option id that exists, but on another issue, fails where a position names its issue."""
    validator = Draft7Validator(dossier_schema("round", flagship))
    text = (FLAGSHIP / "rounds" / "2022-03-07.yaml").read_text(encoding="utf-8")
    assert [] == list(validator.iter_errors(load_typed(text)))
    moved = typing.cast("dict[str, Any]", load_typed(text))
    position = moved["positions"][0]
    assert ("alignment", "neutral_demilitarised") == (position["issue"], position["preferred"])
    position["issue"] = "crimea"
    found = {e.json_path: e for e in validator.iter_errors(moved)}
    assert "$.positions[0].preferred" in found
    assert "'neutral_demilitarised' is not one of ['ukrainian', 'russian', 'deferred']" in {
        sub.message for sub in found["$.positions[0].preferred"].context
    }
    numeric = GOOD.replace("    preferred: 20000\n", "    preferred: shared\n")
    assert ["$.rounds[0].positions[1].preferred"] == [e.split(":")[0] for e in _errors(numeric)]


def test_a_misspelt_reference_is_named() -> None:
    """The schema's message names the misspelt id and lists the dossier's."""
    found = _errors(GOOD.replace("party: south\n        issue", "party: suoth\n        issue"))
    assert [
        "$.rounds[0].positions[1].party: 'suoth' is not one of ['north', 'south', 'league']"
    ] == found


def test_an_amendment_names_a_term_of_its_proposal(flagship: negotrack.Negotiation) -> None:
    """An amendment's term must be a term of the proposal it amends, not of another one."""
    schema = dossier_schema("round", flagship)
    clauses = schema["definitions"]["Amendment"]["allOf"]
    by_proposal = {c["if"]["properties"]["proposal"]["const"]: c["then"] for c in clauses}
    assert {p.id for p in flagship.proposals} == set(by_proposal)
    some = flagship.proposals[0]
    target = by_proposal[some.id]["properties"]["term"]["$ref"]
    assert schema["definitions"][target.rsplit("/", 1)[1]]["enum"] == [t.key for t in some.terms]
