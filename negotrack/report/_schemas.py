"""JSON Schemas (draft-07) for what negotrack writes: the JSON diff and the JSON report.

The forecast's and backtest's are in `negotrack.report._forecast_schema`, listed here too.

The dossier schemas are generated from the model (`negotrack.files._schema`); these two describe the
hand-shaped output of `negotrack.report._serialise`, so they are written here by hand, as Python
data that ships inside the package. Enumerations (kinds of change, meanings, directions, verdicts)
and format names are read from the code, so they cannot drift from it. ``python -m
negotrack.report._catalogue`` writes them to ``schemas/`` beside the dossier schemas, and the tests
check every JSON output against the committed files.

Both schemas refuse unknown keys, so a key added to the output without a description here fails
the tests.
"""

from __future__ import annotations

from typing import Any, Final

from negotrack.diff._changes import ChangeKind, Direction, Meaning
from negotrack.diff._measures import Verdict
from negotrack.report._dossier_schema import (
    point_properties,
    record_definitions,
    record_properties,
)
from negotrack.report._forecast_schema import backtest_schema, forecast_schema
from negotrack.report._schema_parts import (
    _acceptable,
    _ids,
    _interval,
    _is,
    _list_of,
    _measures,
    _nullable_ref,
    _obj,
    _reading_definitions,
    _ref,
    _values,
)
from negotrack.report._serialise import DIFF_FORMAT, REPORT_FORMAT

__all__ = ["OUTPUT_SCHEMAS", "diff_schema", "report_schema"]

_DATE: Final = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


def diff_schema() -> dict[str, Any]:
    """The schema of a JSON diff (``negotrack diff --format json``), as a fresh dict."""
    change = _obj(
        "One change between the two rounds or versions; keys with no value are left out.",
        {
            "kind": {"enum": _values(ChangeKind), "description": "What changed."},
            "meaning": {
                "enum": _values(Meaning),
                "description": "What the change means for the talks: concession, hardening or "
                "neutral.",
            },
            "party": _is("string", "Id of the party that moved."),
            "issue": _is("string", "Id of the issue the change is about."),
            "proposal": _is("string", "Id of the proposal the change is about."),
            "term": _is("string", "For a draft text or an amendment: the key of the term."),
            "table": _is("string", "For a position at one table: the counterpart's id."),
            "by": _ids("For an amendment: the ids of its sponsors."),
            "subject": _is(
                "string", "'amendment'; for dossier edits, what was edited (party, issue...)."
            ),
            "subject_id": _is("string", "The id of the amendment, or of what was edited."),
            "field": _is(
                "string",
                "For dossier edits: the key that changed (for a party added to or removed from "
                "a round's joined, left or participants, that list); for linkage: "
                "linked_proposal or linked_package.",
            ),
            "round": _is("string", "Id of the later round, where the change shows."),
            "before": _is(
                ["string", "number", "boolean", "array", "object"],
                "The value before: an option id or a number, option ids or an interval, a "
                "stance, text, or for dossier edits the old value of the field.",
            ),
            "after": _is(
                ["string", "number", "boolean", "array", "object"],
                "The value after, in the same terms as before.",
            ),
            "magnitude": _is("number", "Size of the move on the issue's own scale."),
            "normalised": _is("number", "Size of the move as a share (0-1) of the whole scale."),
            "toward": _list_of("Toward", "Direction of the move relative to each counterpart."),
            "evidence": _ids("Ids of the statements that support the change."),
            "detail": _is("string", "A word-level diff of reworded text, or a note."),
        },
        ["kind", "meaning"],
    )
    toward = _obj(
        "The direction of a move relative to one counterpart.",
        {
            "party": _is("string", "Id of the counterpart."),
            "direction": {
                "enum": _values(Direction),
                "description": "Whether the move brings the party toward the counterpart.",
            },
            "distance_before": _is(
                "number", "Normalised distance to the counterpart before.", minimum=0, maximum=1
            ),
            "distance_after": _is(
                "number", "Normalised distance to the counterpart after.", minimum=0, maximum=1
            ),
        },
    )
    carried = _obj(
        "A position in force in the later round that it did not restate.",
        {
            "party": _is("string", "Id of the party."),
            "issue": _is("string", "Id of the issue."),
            "round": _is("string", "Id of the round that last stated it."),
            "table": _is("string", "For a position at one table: the counterpart's id."),
        },
        ["party", "issue", "round"],
    )
    issue = _obj(
        "An issue's measures before and after, and whether the parties converged.",
        {
            "before": _ref("Measures", "The measures in the earlier round."),
            "after": _ref("Measures", "The measures in the later round."),
            "verdict": {
                "enum": _values(Verdict),
                "description": "converging, diverging or unchanged, from before to after.",
            },
        },
    )
    return {
        "title": "negotrack diff",
        **_obj(
            "What changed between two rounds of a negotiation, or two versions of a dossier.",
            {
                "format": {"const": DIFF_FORMAT, "description": "Format name and version."},
                "before": _is("string", "Id of the earlier round, or a label of the old version."),
                "after": _is("string", "Id of the later round, or a label of the new version."),
                "changes": _list_of("Change", "The changes, ordered by issue, party and kind."),
                "carried": _list_of("Carried", "Positions carried forward, not changed."),
                "issues": {
                    "type": "object",
                    "description": "Per-issue measures before and after, keyed by issue id.",
                    "additionalProperties": {"$ref": "#/definitions/IssueChange"},
                },
                "tables": _list_of(
                    "TableChange",
                    "Measures at each table (an issue between two parties, one holding a "
                    "position toward the other), before and after, sorted.",
                ),
                "readings": _list_of(
                    "Reading",
                    "For a round diff, what each party's moves on an issue (or its stance on a "
                    "proposal) add up to, for the parties whose changes the diff holds: issues, "
                    "then proposals, in dossier order. Empty for a version diff.",
                ),
                "verdicts": {
                    "type": "object",
                    "description": "For a round diff, the like-for-like verdict of each issue "
                    "measured, keyed by issue id. Empty for a version diff.",
                    "additionalProperties": {"$ref": "#/definitions/IssueVerdict"},
                },
                "revisions": _list_of(
                    "Revision",
                    "For a version diff, the readings its edit changed, pair of rounds by pair, "
                    "in the new version's order. Empty for a round diff.",
                ),
            },
        ),
        "definitions": {
            "Acceptable": _acceptable(),
            "Carried": carried,
            "Change": change,
            "Interval": _interval(),
            "IssueChange": issue,
            **_reading_definitions(),
            "Measures": _measures(in_report=False),
            "TableChange": _obj(
                "One table's measures before and after, and whether its two parties converged.",
                {
                    "issue": _is("string", "Id of the issue."),
                    "parties": _ids("The two parties at the table, ids sorted."),
                    "before": _ref("Measures", "The measures in the earlier round."),
                    "after": _ref("Measures", "The measures in the later round."),
                    "verdict": {
                        "enum": _values(Verdict),
                        "description": "converging, diverging or unchanged, from before to after.",
                    },
                },
            ),
            "Toward": toward,
        },
    }


def report_schema() -> dict[str, Any]:
    """The schema of a JSON report or timeline (``negotrack report --format json``)."""
    round_ = _obj(
        "A round of talks.",
        {
            "id": _is("string", "Id of the round."),
            "title": _is("string", "Title of the round."),
            "date": {
                "anyOf": [dict(_DATE), {"type": "null"}],
                "description": "Day of a one-day round.",
            },
            "start": {
                "anyOf": [dict(_DATE), {"type": "null"}],
                "description": "First day of a longer round.",
            },
            "end": {
                "anyOf": [dict(_DATE), {"type": "null"}],
                "description": "Last day of a longer round.",
            },
        },
    )
    event = _obj(
        "Something that happened away from the table.",
        {
            "id": _is("string", "Id of the event."),
            "date": {**_DATE, "description": "When it happened."},
            "title": _is("string", "Short title for the timeline."),
            "round": _is(["string", "null"], "Id of the round it is filed under, or null."),
        },
    )
    option = _obj(
        "One option of an ordinal or categorical scale.",
        {
            "id": _is("string", "Id of the option."),
            "label": _is("string", "Label shown in reports."),
        },
    )
    options_scale = _obj(
        "Options, in order on an ordinal scale.",
        {
            "kind": {"enum": ["ordinal", "categorical"], "description": "ordinal or categorical."},
            "options": _list_of("Option", "The options, in the dossier's order."),
        },
    )
    numeric_scale = _obj(
        "A number between a minimum and a maximum.",
        {
            "kind": {"const": "numeric", "description": "Always 'numeric'."},
            "min": _is("number", "Lowest value on the scale."),
            "max": _is("number", "Highest value on the scale."),
            "unit": _is(["string", "null"], "Unit of the values, if any."),
        },
    )
    point = _obj(
        "One party's position on the issue as a round states it, and how long it stands.",
        {
            "round": _is("string", "Id of the round that states it."),
            "until": _is(
                "string",
                "Id of the last round it is in force in: the round before the party restates "
                "or withdraws it, or the last round. It stands in every round from round to "
                "until, in the order of rounds.",
            ),
            "party": _is("string", "Id of the party."),
            "preferred": _is(["string", "number", "null"], "Preferred value: option id or number."),
            "acceptable": _nullable_ref("Acceptable", "What the party can accept, if stated."),
            **point_properties(),
            "point": _is(
                ["number", "null"],
                "The preferred value's place on the line: option index or number.",
            ),
            "normalised": _is(
                ["number", "null"], "The place as a share (0-1) of the line.", minimum=0, maximum=1
            ),
        },
    )
    turning = _obj(
        "A round in which the preferred values moved a lot.",
        {
            "round": _is("string", "Id of the round."),
            "movement": _is(
                "number", "How much the preferred values moved since the round before.", minimum=0
            ),
            "parties": _ids("The parties that moved, sorted."),
        },
    )
    issue = _obj(
        "One issue across all rounds.",
        {
            "title": _is("string", "Title of the issue."),
            "scale": {
                "oneOf": [options_scale, numeric_scale],
                "description": "The scale positions are measured on.",
            },
            "points": _list_of(
                "Point",
                "Each position where a round states it, by round, then party: what is in "
                "force in a round is every point whose round is at or before it and whose "
                "until is at or after it.",
            ),
            "measures": _list_of("Measures", "The issue's measures in every round, in order."),
            "verdict": {
                "enum": _values(Verdict),
                "description": "Whether the parties converged over the run, like for like: from "
                "the first round it can be judged in to the last.",
            },
            "because": _is("string", "The step of the verdict's decision order that decided."),
            "turning_points": _list_of("TurningPoint", "The rounds that moved most, most first."),
            "tables": _list_of(
                "Table", "Each table on the issue, with its measures in every round."
            ),
        },
    )
    return {
        "title": "negotrack report",
        **_obj(
            "A whole negotiation, issue by issue and round by round.",
            {
                "format": {"const": REPORT_FORMAT, "description": "Format name and version."},
                "negotiation": _obj(
                    "The negotiation reported on.",
                    {
                        "id": _is("string", "Id of the negotiation."),
                        "title": _is("string", "Title of the negotiation."),
                    },
                ),
                "rounds": _list_of("Round", "The rounds, in date order."),
                "events": _list_of("Event", "Context events, by date."),
                "chronology": _list_of(
                    "Moment",
                    "The rounds, and the dossier's statements and events outside any round "
                    "where they fall among them, by date.",
                ),
                "issues": {
                    "type": "object",
                    "description": "Each issue's timeline, keyed by issue id, in dossier order.",
                    "additionalProperties": {"$ref": "#/definitions/Issue"},
                },
                "converging": _ids("Ids of the issues on which the parties converged."),
                **record_properties(),
            },
        ),
        "definitions": {
            **record_definitions(),
            "Acceptable": _acceptable(),
            "Event": event,
            "Interval": _interval(),
            "Issue": issue,
            "Measures": _measures(in_report=True),
            "Option": option,
            "Point": point,
            "Round": round_,
            "TurningPoint": turning,
            "Moment": _obj(
                "One thing on the timeline: a round, or a statement or event outside rounds.",
                {
                    "date": _is("string", "The date as written (YYYY, YYYY-MM or YYYY-MM-DD)."),
                    "kind": {"enum": ["round", "statement", "event"], "description": "What it is."},
                    "id": _is("string", "Its id."),
                    "after": _is(
                        ["string", "null"],
                        "For a statement or event: the last round that began before it, or "
                        "null when it comes first; null for a round.",
                    ),
                },
            ),
            "Table": _obj(
                "Two parties at one table on an issue, one holding a position toward the other.",
                {
                    "parties": _ids("The two parties, ids sorted."),
                    "measures": _list_of("Measures", "The table's measures in every round."),
                },
            ),
        },
    }


#: The output schemas by name, each a function giving a fresh dict.
OUTPUT_SCHEMAS: Final = {
    "diff": diff_schema,
    "report": report_schema,
    "forecast": forecast_schema,
    "backtest": backtest_schema,
}
