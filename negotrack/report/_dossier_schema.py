"""The JSON Schema of the record in a report: `negotrack.report._dossier_data`'s shapes.

A point's red lines, conditions and evidence, each proposal's story and every statement: the
fragments `negotrack.report._schemas.report_schema` adds to the report's schema.
"""

from __future__ import annotations

from typing import Any

from negotrack.model._drafts import AmendmentOutcome
from negotrack.model._proposals import TermStatus
from negotrack.model._stances import StanceLevel
from negotrack.report._schema_parts import _ids, _is, _list_of, _obj, _values

__all__ = ["point_properties", "record_definitions", "record_properties"]

_VALUE = ["string", "number", "null"]


def point_properties() -> dict[str, Any]:
    """What a report's point holds beyond its preferred value and acceptable set."""
    return {
        "red_lines": _list_of("RedLine", "What the party says it will never accept."),
        "conditions": _list_of("Condition", "The conditions attached to the position."),
        "evidence": _ids("Ids of the statements the position rests on (see statements)."),
    }


def record_properties() -> dict[str, Any]:
    """The report's top-level keys for proposals and statements."""
    return {
        "proposals": {
            "type": "object",
            "description": "Every proposal's story over the rounds, keyed by proposal id, in "
            "dossier order.",
            "additionalProperties": {"$ref": "#/definitions/Proposal"},
        },
        "statements": {
            "type": "object",
            "description": "Every statement of the dossier, keyed by id: the evidence the "
            "positions, stances, drafts and amendments cite.",
            "additionalProperties": {"$ref": "#/definitions/Statement"},
        },
    }


def record_definitions() -> dict[str, Any]:
    """The definitions the record's keys refer to, by name."""
    stance = _obj(
        "One party's stance toward the proposal as a round states it, and how long it stands.",
        {
            "round": _is("string", "Id of the round that states it."),
            "until": _is(
                "string",
                "Id of the last round it is in force in: the round before the party restates "
                "it, or the last round.",
            ),
            "party": _is("string", "Id of the party."),
            "stance": {"enum": _values(StanceLevel), "description": "From rejects to supports."},
            "conditions": _list_of("Condition", "The conditions attached to the stance."),
            "evidence": _ids("Ids of the statements the stance rests on."),
        },
    )
    term = _obj(
        "One term (paragraph) of a version of the text.",
        {
            "key": _is("string", "What identifies the term: its id, else its issue's id."),
            "issue": _is(["string", "null"], "Id of the issue the term settles, if any."),
            "value": _is(_VALUE, "Its value on the issue: option id or number."),
            "text": _is(["string", "null"], "The term in words."),
            "status": {"enum": _values(TermStatus), "description": "How far it has got."},
            "alternatives": _list_of("Alternative", "Options within the paragraph."),
        },
    )
    version = _obj(
        "One version of the proposal's text: as tabled, or a round's draft, every term in force.",
        {
            "round": _is(
                ["string", "null"],
                "Id of the round that issued the draft; for the text as tabled, the round it "
                "was tabled in, or null.",
            ),
            "title": _is(["string", "null"], "The draft's title; null for the text as tabled."),
            "draft": _is("boolean", "True for a round's draft, false for the text as tabled."),
            "brackets": _is(["integer", "null"], "Bracketed spans in the draft, if known."),
            "options": _is(["integer", "null"], "Labelled options in the draft, if known."),
            "pages": _is(["integer", "null"], "Length in pages, if known."),
            "terms_agreed": _is("integer", "Terms agreed, ad referendum or finally.", minimum=0),
            "terms_open": _is("integer", "Terms still on the table and not yet agreed.", minimum=0),
            "terms": _list_of("Term", "The terms in force, in the text's order."),
            "evidence": _ids("Ids of the statements that report the draft."),
        },
    )
    amendment = _obj(
        "An amendment to a term: who proposed it, what to, and what became of it.",
        {
            "id": _is("string", "Id of the amendment."),
            "term": _is("string", "Key of the term it amends."),
            "by": _ids("Ids of the parties that proposed it."),
            "value": _is(_VALUE, "The value it proposes on the term's issue."),
            "text": _is(["string", "null"], "The wording it proposes."),
            "outcome": {
                "enum": _values(AmendmentOutcome),
                "description": "What became of it, as last recorded.",
            },
            "round": _is("string", "Id of the round it is first on record in."),
            "outcomes": _list_of(
                _obj(
                    "Its outcome as a round records it.",
                    {
                        "round": _is("string", "Id of the round."),
                        "outcome": {"enum": _values(AmendmentOutcome), "description": "Outcome."},
                    },
                ),
                "Its outcome in each round that recorded a new one, in order.",
            ),
            "evidence": _ids("Ids of the statements that report it."),
        },
    )
    proposal = _obj(
        "A proposal across the rounds.",
        {
            "title": _is("string", "Title of the proposal."),
            "tabled_by": _ids("Ids of the parties that tabled it."),
            "tabled_in": _is(["string", "null"], "Id of the round it was tabled in, if known."),
            "withdrawn_in": _is(["string", "null"], "Id of the round it was withdrawn in."),
            "supersedes": _ids("Ids of the earlier proposals it replaces."),
            "evidence": _ids("Ids of the statements that report it."),
            "stances": _list_of(
                "Stance", "Each stance where a round states it, by round, then party."
            ),
            "versions": _list_of(
                "Version", "Its text as tabled, then each round's draft, in order."
            ),
            "amendments": _list_of("Amendment", "Amendments to its terms, as first recorded."),
        },
    )
    return {
        "Alternative": _obj(
            "One option within a paragraph.",
            {
                "id": _is("string", "Id of the option within the term."),
                "text": _is(["string", "null"], "The option's wording."),
                "value": _is(_VALUE, "Its value on the term's issue."),
            },
        ),
        "Amendment": amendment,
        "Condition": _obj(
            "A condition attached to a position or a stance, and what it is linked to.",
            {
                "id": _is(["string", "null"], "Id of the condition, if given."),
                "text": _is("string", "The condition in words."),
                "met": _is("boolean", "True once the condition is met."),
                "linked_issue": _is(["string", "null"], "Id of the issue it ties to (linkage)."),
                "linked_proposal": _is(["string", "null"], "Id of the proposal it ties to."),
                "linked_package": _is("boolean", "True when it ties to the whole package."),
            },
        ),
        "Proposal": proposal,
        "RedLine": _obj(
            "Something the party says it will never accept.",
            {
                "id": _is(["string", "null"], "Id of the red line, if given."),
                "text": _is("string", "The red line in words."),
                "options": _ids("Ids of the options it rules out."),
                "below": _is(["number", "null"], "Values below this are ruled out."),
                "above": _is(["number", "null"], "Values above this are ruled out."),
            },
        ),
        "Stance": stance,
        "Statement": _obj(
            "A statement: the words, who made it, when, where it was published, its grade.",
            {
                "date": _is("string", "The date as written (YYYY, YYYY-MM or YYYY-MM-DD)."),
                "who": _is(["string", "null"], "Who made it, in words; null if unattributed."),
                "speakers": _ids("Ids of the people who made it."),
                "parties": _ids("Ids of the parties it speaks for."),
                "source": _is(["string", "null"], "Id of its source, if any."),
                "outlet": _is(["string", "null"], "The source's outlet, if known."),
                "url": _is(["string", "null"], "Its address, else its source's, as written."),
                "quote": _is(["string", "null"], "The words, verbatim."),
                "summary": _is(["string", "null"], "The analyst's summary, when not quoted."),
                "translation_note": _is(["string", "null"], "A note on the translation."),
                "grade": _is("string", "Admiralty grade: source reliability A-F, credibility 1-6."),
            },
        ),
        "Term": term,
        "Version": version,
    }
