"""The building blocks of the output schemas: objects, keys, lists, measures, readings, verdicts.

Each returns a fragment of a draft-07 JSON Schema; `negotrack.report._schemas` puts them
together. An object refuses unknown keys, so every key the output carries must be described.
"""

from __future__ import annotations

from typing import Any

from negotrack.diff._measures import Verdict
from negotrack.diff._readings import ReadingKind

__all__ = [
    "_acceptable",
    "_ids",
    "_interval",
    "_is",
    "_list_of",
    "_measures",
    "_nullable_ref",
    "_obj",
    "_reading_definitions",
    "_ref",
    "_values",
]


def _obj(
    description: str, properties: dict[str, Any], required: list[str] | None = None
) -> dict[str, Any]:
    """A closed object; every property is required unless ``required`` says otherwise."""
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "properties": properties,
        "required": list(properties) if required is None else required,
    }


def _is(kind: str | list[str], description: str, **more: Any) -> dict[str, Any]:
    return {"type": kind, "description": description, **more}


def _ref(name: str, description: str) -> dict[str, Any]:
    # draft-07 ignores keywords beside $ref, descriptions included
    return {"allOf": [{"$ref": f"#/definitions/{name}"}], "description": description}


def _list_of(item: dict[str, Any] | str, description: str) -> dict[str, Any]:
    items = {"$ref": f"#/definitions/{item}"} if isinstance(item, str) else item
    return {"type": "array", "description": description, "items": items}


def _ids(description: str) -> dict[str, Any]:
    return _list_of({"type": "string"}, description)


def _nullable_ref(name: str, description: str) -> dict[str, Any]:
    return {
        "anyOf": [{"$ref": f"#/definitions/{name}"}, {"type": "null"}],
        "description": description,
    }


def _values(enum: type[Any]) -> list[str]:
    return [member.value for member in enum]


def _interval() -> dict[str, Any]:
    return _obj(
        "A closed range of numbers; an open end (null) runs to the end of the scale.",
        {
            "min": _is(["number", "null"], "Lowest value, or null for no lower bound."),
            "max": _is(["number", "null"], "Highest value, or null for no upper bound."),
        },
    )


def _acceptable() -> dict[str, Any]:
    return {
        "description": "A set of values: option ids in scale order, or an interval of numbers.",
        "anyOf": [
            _ids("Option ids (ordinal and categorical issues)."),
            {"$ref": "#/definitions/Interval"},
        ],
    }


def _measures(*, in_report: bool) -> dict[str, Any]:
    """One issue's measures in one round: every key in a report, those with a value in a diff."""
    maybe: Any = (lambda kind: [kind, "null"]) if in_report else (lambda kind: kind)
    properties: dict[str, Any] = {
        "issue": _is("string", "Id of the issue."),
        "round": _is("string", "Id of the round measured."),
        "parties": _ids("The parties with a preferred value, sorted."),
        "gap": _is(
            maybe("number"),
            "Mean normalised (0-1) distance between the preferred values of counterparts.",
            minimum=0,
            maximum=1,
        ),
        "max_gap": _is(maybe("number"), "The largest such distance.", minimum=0, maximum=1),
        "zone": {
            "description": "The zone of possible agreement: what every party's acceptable set "
            "has in common, when they intersect.",
            "anyOf": [
                {"$ref": "#/definitions/Acceptable"},
                *([{"type": "null"}] if in_report else []),
            ],
        },
        "zone_exists": _is(
            maybe("boolean"), "Whether the acceptable sets intersect (null: fewer than two)."
        ),
        "zone_extent": _is(
            maybe("number"), "Size of the zone as a share (0-1) of the scale.", minimum=0, maximum=1
        ),
        "centre": _is(
            maybe("number"),
            "Salience-weighted centre of the preferred values on the issue's line "
            "(option index, or the number).",
        ),
        "dispersion": _is(
            maybe("number"),
            "Weighted standard deviation of the normalised preferred values around the centre.",
            minimum=0,
        ),
    }
    if in_report:
        del properties["issue"]  # the issue is the key the measures sit under
        return _obj(
            "One issue's measures in one round; null where a measure has no value.", properties
        )
    return _obj(
        "One issue's measures in one round; measures with no value are left out.",
        properties,
        ["issue", "round"],
    )


def _reading_definitions() -> dict[str, Any]:
    """The definitions of a reading and of a like-for-like verdict, by name."""
    reading = _obj(
        "One party's reading on one issue, or on one proposal (its stance), between the rounds.",
        {
            "party": _is("string", "Id of the party."),
            "issue": _is("string", "Id of the issue; left out for a stance's reading."),
            "proposal": _is("string", "Id of the proposal, for a stance's reading."),
            "reading": {
                "enum": _values(ReadingKind),
                "description": "What the party's moves add up to: concession, hardening, mixed "
                "(toward some counterparts and away from others) or neutral.",
            },
            "because": _is("string", "Why, in words: the rule that decided."),
            "toward": _ids("Ids of the counterparts the party came nearer to, if any."),
            "away": _ids("Ids of the counterparts the party went further from, if any."),
            "headline": _is(
                "string",
                "The reading in words, as the reports show it: party, reading and issue or "
                "proposal, and the preferred value before and after when it moved.",
            ),
        },
        ["party", "reading", "because", "headline"],
    )
    reading["oneOf"] = [{"required": ["issue"]}, {"required": ["proposal"]}]
    verdict = _obj(
        "Whether the parties on an issue converged between the rounds, comparing like with like.",
        {
            "verdict": {
                "enum": _values(Verdict),
                "description": "converging, diverging or unchanged, like for like.",
            },
            "because": _is("string", "The step of the decision that decided, in words."),
            "parties": _ids("Ids of the parties compared like for like."),
            "before": _is(
                "number", "Mean like-for-like distance before (a share of the line).", minimum=0
            ),
            "after": _is(
                "number", "Mean like-for-like distance after (a share of the line).", minimum=0
            ),
        },
        ["verdict", "because", "parties"],
    )
    kinds = {"enum": [*_values(ReadingKind), None]}
    revision = _obj(
        "A reading an edit to the dossier changed: one party on one issue (or proposal), "
        "between two consecutive rounds, read in the old version and in the new.",
        {
            "before": _is("string", "Id of the earlier round of the pair."),
            "after": _is("string", "Id of the later round of the pair."),
            "party": _is("string", "Id of the party."),
            "issue": _is("string", "Id of the issue; left out for a stance's reading."),
            "proposal": _is("string", "Id of the proposal, for a stance's reading."),
            "old": kinds | {"description": "The reading before the edit; null for none."},
            "new": kinds | {"description": "The reading after the edit; null for none."},
            "because": _is("string", "The later reading's reason, else the earlier's."),
        },
        ["before", "after", "party", "old", "new", "because"],
    )
    revision["oneOf"] = [{"required": ["issue"]}, {"required": ["proposal"]}]
    return {"IssueVerdict": verdict, "Reading": reading, "Revision": revision}
