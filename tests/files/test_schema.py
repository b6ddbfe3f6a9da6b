"""The JSON Schemas: generated from the model, valid draft-07, and agreeing with the loader."""

from __future__ import annotations

import difflib
import functools
import json
import re
import typing
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from jsonschema import Draft7Validator

import negotrack
from negotrack.report._catalogue import SCHEMA_NAMES, schema, schema_json
from tests.conftest import DATA, ROOT
from tests.strategies import negotiations
from tests.yaml12 import load_typed

if typing.TYPE_CHECKING:
    from pathlib import Path

SCHEMAS = ROOT / "schemas"
EXAMPLES = ROOT / "examples"
BAD = DATA / "bad"
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")

#: A small valid dossier; each file in tests/data/bad/ is this with one line changed.
GOOD = """\
# yaml-language-server: $schema=../../../schemas/dossier.schema.json
id: border-talks
title: Border talks
parties:
  - id: north
    name: Northland
  - id: south
    name: Southland
    kind: state
  - id: league
    name: The League
    kind: alliance
    members:
      - north
      - party: south
        since: 2020-01-01
issues:
  - id: status
    title: Status of the border zone
    scale:
      kind: ordinal
      options:
        - id: annexed
          label: Annexed
        - id: shared
          label: Shared
        - id: neutral
          label: Neutral
  - id: troops
    title: Troop ceiling
    scale:
      kind: numeric
      min: 0
      max: 100000
      unit: personnel
sources:
  - id: wire
    title: Talks open
    outlet: Wire service
    date: 2022-03-01
rounds:
  - id: r1
    title: First round
    date: 2022-03-01
    participants: [north, south]
    statements:
      - id: s1
        date: 2022-03-01
        party: north
        source: wire
        quote: We want a shared zone.
        reliability: B
        credibility: 2
    positions:
      - party: north
        issue: status
        preferred: shared
        acceptable: [shared, neutral]
        salience: 0.8
        evidence: [s1]
      - party: south
        issue: troops
        preferred: 20000
        acceptable:
          min: 10000
          max: 30000
"""


@functools.cache
def validator(name: str) -> Draft7Validator:
    """A validator for the committed schema file, checking formats as editors do."""
    committed = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft7Validator(committed, format_checker=Draft7Validator.FORMAT_CHECKER)


def schema_errors(name: str, instance: object) -> list[str]:
    """Each validation error as ``path: message``, for readable assertion failures."""
    return [f"{e.json_path}: {e.message}" for e in validator(name).iter_errors(instance)]


# -- the schema files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_committed_schema_is_current(name: str) -> None:
    """The committed schema file is exactly what the generator writes from the model now."""
    committed = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert schema_json(name) == committed, (
        f"schemas/{name}.schema.json is out of date: run python -m negotrack.report._catalogue"
    )


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_07(name: str) -> None:
    """Each schema is itself a valid draft-07 schema and says which draft it is."""
    generated = schema(name)
    Draft7Validator.check_schema(generated)
    assert "http://json-schema.org/draft-07/schema#" == generated["$schema"]


def test_unknown_schema_name_is_refused() -> None:
    """Asking for a schema that does not exist names the ones that do."""
    with pytest.raises(ValueError, match="expected one of: dossier, negotiation, round"):
        schema("rounds")


def test_negotiation_schema_has_no_rounds() -> None:
    """negotiation.yaml of a folder dossier has no rounds key; a single-file dossier does."""
    assert "rounds" not in schema("negotiation")["properties"]
    assert "rounds" in schema("dossier")["properties"]


def _model_classes() -> set[type[Any]]:
    """Every attrs class reachable from Negotiation through field type hints."""
    seen: set[type[Any]] = set()
    todo: list[Any] = [negotrack.Negotiation]
    while todo:
        hint = todo.pop()
        if attrs.has(hint) and hint not in seen:
            seen.add(hint)
            todo.extend(typing.get_type_hints(hint).values())
        todo.extend(typing.get_args(hint))
    return seen


def test_every_model_field_has_a_description() -> None:
    """Every field of every model class has a description for editors and docs."""
    missing = [
        f"{cls.__name__}.{field.name}"
        for cls in _model_classes()
        for field in attrs.fields(cls)
        if not field.metadata.get("description")
    ]
    assert [] == missing


def test_every_exported_model_class_is_in_the_dossier_schema() -> None:
    """Each exported model class is reachable from Negotiation, so the schemas describe it."""
    exported = {
        obj
        for obj in (getattr(negotrack, name) for name in negotrack.__all__)
        if attrs.has(obj)
        and obj.__module__.startswith("negotrack.model.")
        and obj.__module__ != "negotrack.model._errors"
    }
    # Effective and TextCounts are results computed in Python, never written in a dossier
    assert exported - {negotrack.Effective, negotrack.TextCounts} == _model_classes()
    definitions = set(schema("dossier")["definitions"])
    assert {cls.__name__ for cls in _model_classes()} - {"Negotiation"} == definitions


# -- examples ----------------------------------------------------------------------------------


def _example_dossiers() -> list[Any]:
    folders = sorted(p.parent for p in EXAMPLES.glob("*/negotiation.yaml"))
    files = sorted(EXAMPLES.glob("*.yaml"))
    found = [pytest.param(p, id=p.name) for p in [*folders, *files]]
    return found or [pytest.param(None, id="no-examples")]


def _schema_problems(file: Path, name: str) -> list[str]:
    """What is wrong with one file: its schema line, then its content against that schema."""
    text = file.read_text(encoding="utf-8")
    line = SCHEMA_LINE.match(text)
    if line is None:
        return [f"{file}: the first line is not # yaml-language-server: $schema=..."]
    target = (file.parent / line.group(1)).resolve()
    if target != SCHEMAS / f"{name}.schema.json":
        return [f"{file}: the schema line points at {line.group(1)}, not {name}.schema.json"]
    return [f"{file}: {error}" for error in schema_errors(name, load_typed(text))]


@pytest.mark.parametrize("dossier", _example_dossiers())
def test_example_validates_against_schemas(dossier: Path | None) -> None:
    """Every example file names its schema on its first line, validates and loads."""
    assert dossier is not None, f"no dossier in {EXAMPLES}: add one (a folder or a .yaml file)"
    if dossier.is_dir():
        problems = _schema_problems(dossier / "negotiation.yaml", "negotiation")
        rounds = sorted((dossier / "rounds").glob("*.yaml"))
        assert rounds, f"{dossier} has no rounds/*.yaml"
        for round_file in rounds:
            problems += _schema_problems(round_file, "round")
    else:
        problems = _schema_problems(dossier, "dossier")
    assert [] == problems
    negotrack.load(dossier)


# -- bad files: rejected by the schema and the loader alike -------------------------------------


def test_good_dossier_is_valid() -> None:
    """The dossier the bad files are made from passes both the schema and the loader."""
    assert [] == schema_errors("dossier", load_typed(GOOD))
    negotrack.loads(GOOD)


def test_there_are_bad_files() -> None:
    """The folder of bad files is not empty, so the test below checks something."""
    assert len(sorted(BAD.glob("*.yaml"))) >= 10


def _changed_lines(bad: str) -> list[tuple[str, int, int, int, int]]:
    matcher = difflib.SequenceMatcher(None, GOOD.splitlines(), bad.splitlines(), autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


def _within(path: str, outer: str) -> bool:
    return path == outer or path.startswith((f"{outer}.", f"{outer}["))


@pytest.mark.parametrize("bad", sorted(BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_file_is_rejected_by_schema_and_loader(bad: Path) -> None:
    """A dossier with one flaw fails the dossier schema and the loader, at the same place."""
    text = bad.read_text(encoding="utf-8")
    changes = _changed_lines(text)
    assert 1 == len(changes), f"{bad.name} should differ from GOOD in one place: {changes}"
    _, good_start, good_end, bad_start, bad_end = changes[0]
    assert max(good_end - good_start, bad_end - bad_start) == 1, "change a single line"

    errors = list(validator("dossier").iter_errors(load_typed(bad)))
    schema_paths = {error.json_path for error in errors}
    assert 1 == len(schema_paths), [f"{e.json_path}: {e.message}" for e in errors]

    with pytest.raises(negotrack.LoadError) as caught:
        negotrack.load(bad)
    problems = caught.value.problems
    assert 1 == len(problems), [str(p) for p in problems]
    (schema_path,) = schema_paths
    assert _within(problems[0].path, schema_path), (problems[0].path, schema_path)


# -- what negotrack writes, the schema accepts --------------------------------------------------


@settings(deadline=None)
@given(negotiations())
def test_dumped_dossier_validates(negotiation: negotrack.Negotiation) -> None:
    """Every dossier negotrack dumps validates against the dossier schema as an editor reads it."""
    assert [] == schema_errors("dossier", load_typed(negotrack.dump(negotiation)))


def test_validator_sees_yaml_12_types() -> None:
    """The schema refuses a plain number where text belongs and accepts the same quoted."""
    plain = load_typed("id: x\ntitle: 12\n")
    quoted = load_typed("id: x\ntitle: '12'\n")
    assert ["$.title: 12 is not of type 'string'"] == schema_errors("dossier", plain)
    assert [] == schema_errors("dossier", quoted)
    with pytest.raises(jsonschema.ValidationError):
        validator("round").validate(load_typed("id: r1\ntitle: t\ndate: 2022-02-30\n"))
