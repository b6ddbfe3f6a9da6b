"""Words for reports: labels instead of ids, numbers with units, one sentence per change.

Shared by every renderer, so a change reads the same in a terminal, a memo and a web page.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Final

from negotrack.diff._changes import ChangeKind, Meaning
from negotrack.model._errors import UnknownIdError
from negotrack.model._issues import NumericScale
from negotrack.model._positions import Interval, RedLine
from negotrack.model._proposals import Alternative
from negotrack.model._stances import StanceLevel

if TYPE_CHECKING:
    from negotrack.diff._changes import Change
    from negotrack.model._evidence import Statement
    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation

__all__ = [
    "BOTH_SIDES",
    "KIND_WORDS",
    "MEANING_SYMBOLS",
    "QUOTE_LIMIT",
    "change_sentence",
    "clipped",
    "describe_value",
    "draft_title",
    "issue_title",
    "kind_words",
    "move_size",
    "number",
    "on_scale",
    "party_name",
    "proposal_title",
    "topic_words",
    "who_said",
    "wording",
]

#: The longest analyst text a report quotes whole; past it, the rest is cut with a marker.
QUOTE_LIMIT: Final = 2_000


def clipped(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text``, or its first ``limit`` characters and a marker saying how many more there are."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


#: One character per meaning for terminal and text output; the legend says which is which.
MEANING_SYMBOLS: Final = {
    Meaning.CONCESSION: "+",
    Meaning.HARDENING: "-",
    Meaning.NEUTRAL: "~",
}

#: What each kind of change is called in reports.
KIND_WORDS: Final = {
    ChangeKind.POSITION_STATED: "position stated",
    ChangeKind.POSITION_WITHDRAWN: "position withdrawn",
    ChangeKind.PREFERRED_MOVED: "preferred outcome moved",
    ChangeKind.ACCEPTABLE_STATED: "acceptable set stated",
    ChangeKind.ACCEPTABLE_DROPPED: "acceptable set no longer stated",
    ChangeKind.ACCEPTABLE_WIDENED: "acceptable set widened",
    ChangeKind.ACCEPTABLE_NARROWED: "acceptable set narrowed",
    ChangeKind.ACCEPTABLE_SHIFTED: "acceptable set shifted",
    ChangeKind.RED_LINE_ADDED: "red line added",
    ChangeKind.RED_LINE_DROPPED: "red line dropped",
    ChangeKind.RED_LINE_REWORDED: "red line reworded",
    ChangeKind.RED_LINE_NARROWED: "red line narrowed",
    ChangeKind.RED_LINE_WIDENED: "red line widened",
    ChangeKind.CONDITION_ADDED: "condition added",
    ChangeKind.CONDITION_DROPPED: "condition dropped",
    ChangeKind.CONDITION_REWORDED: "condition reworded",
    ChangeKind.CONDITION_MET: "condition met",
    ChangeKind.CONDITION_UNMET: "condition no longer met",
    ChangeKind.LINKAGE_ADDED: "linked to another issue",
    ChangeKind.LINKAGE_DROPPED: "link to another issue dropped",
    ChangeKind.SALIENCE_RAISED: "salience raised",
    ChangeKind.SALIENCE_LOWERED: "salience lowered",
    ChangeKind.BASIS_CHANGED: "basis changed",
    ChangeKind.CONFIDENCE_CHANGED: "confidence changed",
    ChangeKind.NEW_EVIDENCE: "restated, new evidence",
    ChangeKind.STANCE_STATED: "stance stated",
    ChangeKind.STANCE_DROPPED: "stance no longer stated",
    ChangeKind.STANCE_MOVED: "stance moved",
    ChangeKind.PROPOSAL_TABLED: "proposal tabled",
    ChangeKind.PROPOSAL_WITHDRAWN: "proposal withdrawn",
    ChangeKind.PROPOSAL_SUPERSEDED: "proposal superseded",
    ChangeKind.DRAFT_STATED: "draft text on record",
    ChangeKind.DRAFT_DROPPED: "draft text no longer on record",
    ChangeKind.DRAFT_REPLACED: "draft text replaced",
    ChangeKind.BRACKETS_CHANGED: "brackets in the text",
    ChangeKind.OPTIONS_CHANGED: "options in the text",
    ChangeKind.PAGES_CHANGED: "length in pages",
    ChangeKind.TERM_ADDED: "term added",
    ChangeKind.TERM_REMOVED: "term removed",
    ChangeKind.TERM_ADVANCED: "term moved toward agreement",
    ChangeKind.TERM_SET_BACK: "term moved away from agreement",
    ChangeKind.TERM_VALUE_CHANGED: "term changed",
    ChangeKind.TERM_STATUS_CHANGED: "term status changed",
    ChangeKind.TERM_REWORDED: "term reworded",
    ChangeKind.ALTERNATIVE_ADDED: "option in the term added",
    ChangeKind.ALTERNATIVE_REMOVED: "option in the term removed",
    ChangeKind.ALTERNATIVE_REWORDED: "option in the term reworded",
    ChangeKind.AMENDMENT_TABLED: "amendment tabled",
    ChangeKind.AMENDMENT_DROPPED: "amendment no longer on record",
    ChangeKind.AMENDMENT_OUTCOME_CHANGED: "amendment outcome",
    ChangeKind.PARTY_JOINED: "joined the talks",
    ChangeKind.PARTY_LEFT: "left the talks",
    ChangeKind.MEMBER_JOINED: "member joined",
    ChangeKind.MEMBER_LEFT: "member left",
    ChangeKind.ADDED: "added",
    ChangeKind.REMOVED: "removed",
    ChangeKind.EDITED: "edited",
}


def party_name(negotiation: Negotiation, party_id: str | None) -> str:
    """The party's name, or its id when the dossier does not know it."""
    if party_id is None:
        return ""
    try:
        return negotiation.party(party_id).name
    except UnknownIdError:
        return party_id


def who_said(negotiation: Negotiation, statement: Statement) -> str:
    """Who made a statement: its speakers' names, else its parties' names, joined with "and".

    A joint statement names everyone on it; an unattributed one gives "" (the outlet is then
    all a report can say).
    """
    names = []
    for person_id in statement.all_speakers:
        try:
            names.append(negotiation.person(person_id).name)
        except UnknownIdError:
            names.append(person_id)
    if not names:
        names = [party_name(negotiation, party) for party in statement.all_parties]
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def issue_title(negotiation: Negotiation, issue_id: str | None) -> str:
    """The issue's title, or its id when the dossier does not know it."""
    if issue_id is None:
        return ""
    try:
        return negotiation.issue(issue_id).title
    except UnknownIdError:
        return issue_id


#: From here up, where whole numbers stop being exact, numbers are written in powers of ten.
_POWERS_FROM: Final = 1e15


def number(value: float, unit: str | None = None) -> str:
    """A number as people write it: ``250,000``, ``3.5``, ``2.5e+20`` from 1e15, with its unit."""
    big, whole = abs(value) >= _POWERS_FROM, float(value).is_integer()
    text = f"{value:.6g}" if big else f"{value:,.0f}" if whole else f"{value:,.6g}"
    return f"{text} {unit}" if unit else text


#: Kinds whose values are the ids of the rounds that issued drafts.
_DRAFT_KINDS: Final = (ChangeKind.DRAFT_STATED, ChangeKind.DRAFT_DROPPED, ChangeKind.DRAFT_REPLACED)


def describe_value(negotiation: Negotiation, change: Change, value: Any) -> str:  # noqa: PLR0911  (one branch per shape of value)
    """A change's before or after value in words: option labels, numbers with units, names."""
    if value is None:
        return "none"
    issue = _issue(negotiation, change.issue)
    if isinstance(value, StanceLevel | enum.Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, RedLine):
        return f"rules out {_ruled_out(issue, value)}"
    if isinstance(value, Alternative):
        if value.text:
            return value.text
        return value.id if value.value is None or issue is None else on_scale(issue, value.value)
    if change.kind in (ChangeKind.LINKAGE_ADDED, ChangeKind.LINKAGE_DROPPED):
        return _link(negotiation, change, value)
    if change.kind in (ChangeKind.MEMBER_JOINED, ChangeKind.MEMBER_LEFT):
        return party_name(negotiation, str(value))
    if change.kind in _DRAFT_KINDS:
        return draft_title(negotiation, change.proposal, str(value))
    if isinstance(value, tuple) and change.kind in (
        ChangeKind.PROPOSAL_SUPERSEDED,
        ChangeKind.PROPOSAL_TABLED,
    ):
        return "superseded by " + " and ".join(proposal_title(negotiation, p) for p in value)
    if issue is not None and change.kind.value.startswith(
        ("position", "preferred", "acceptable", "term", "new", "amendment")
    ):
        return on_scale(issue, value)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float | int):
        return number(value)
    return str(value)


def proposal_title(negotiation: Negotiation, proposal_id: str) -> str:
    """The proposal's title, or its id when the dossier does not know it."""
    try:
        return negotiation.proposal(proposal_id).title
    except UnknownIdError:
        return proposal_id


def draft_title(negotiation: Negotiation, proposal_id: str | None, round_id: str) -> str:
    """The title of the draft of a proposal a round issued, else 'the draft of <round>'."""
    try:
        round_ = negotiation.round(round_id)
    except UnknownIdError:
        return round_id
    for draft in round_.drafts:
        if draft.proposal == proposal_id and draft.title:
            return draft.title
    return f"the draft of {round_.title}"


def _link(negotiation: Negotiation, change: Change, value: Any) -> str:
    """What a condition is linked to: an issue's or a proposal's title; else the condition.

    A tie to the whole package is said by the kind's words; the value shown is the condition.
    """
    if change.field == "linked_package":
        return change.detail or "the whole package"
    if change.field == "linked_proposal":
        return proposal_title(negotiation, str(value))
    return issue_title(negotiation, str(value))


def _ruled_out(issue: Issue | None, red_line: RedLine) -> str:
    """What a red line rules out, in words: options, or values below and above bounds."""
    unit = issue.scale.unit if issue is not None and isinstance(issue.scale, NumericScale) else None
    parts = []
    if red_line.options:
        labels = on_scale(issue, red_line.options) if issue is not None else None
        parts.append(labels or ", ".join(red_line.options))
    if red_line.below is not None:
        parts.append(f"values below {number(red_line.below, unit)}")
    if red_line.above is not None:
        parts.append(f"values above {number(red_line.above, unit)}")
    return " and ".join(parts) or "nothing"


def _issue(negotiation: Negotiation, issue_id: str | None) -> Issue | None:
    if issue_id is None:
        return None
    try:
        return negotiation.issue(issue_id)
    except UnknownIdError:
        return None


def on_scale(issue: Issue, value: Any) -> str:  # noqa: PLR0911  (one branch per shape of value)
    """A value on an issue's scale in words: option labels, numbers with the unit, ranges."""
    unit = issue.scale.unit if isinstance(issue.scale, NumericScale) else None
    if isinstance(value, Interval):
        if value.min is not None and value.max is not None:
            return f"{number(value.min)} to {number(value.max, unit)}"
        if value.min is not None:
            return f"at least {number(value.min, unit)}"
        if value.max is not None:
            return f"at most {number(value.max, unit)}"
        return "any value"
    if isinstance(value, tuple):
        return " / ".join(on_scale(issue, v) for v in value) or "nothing"
    if isinstance(value, float | int):
        return number(value, unit)
    if isinstance(issue.scale, NumericScale):
        return str(value)
    return issue.option_labels.get(str(value), str(value))


#: Words for links that are not to another issue, by kind and the change's ``field``.
_LINK_WORDS: Final[dict[tuple[ChangeKind, str | None], str]] = {
    (ChangeKind.LINKAGE_ADDED, "linked_proposal"): "linked to a proposal",
    (ChangeKind.LINKAGE_DROPPED, "linked_proposal"): "link to a proposal dropped",
    (ChangeKind.LINKAGE_ADDED, "linked_package"): "tied to the whole package",
    (ChangeKind.LINKAGE_DROPPED, "linked_package"): "tie to the whole package dropped",
}


def kind_words(negotiation: Negotiation, change: Change) -> str:
    """What kind of change it is, in words; with its table, and a joint amendment's sponsors.

    The party and the issue are left to the headings: ``preferred outcome moved at the table
    with B``, ``amendment tabled by A and B``.
    """
    words = _LINK_WORDS.get((change.kind, change.field)) or KIND_WORDS[change.kind]
    held = change.after if change.after is not None else change.before
    if isinstance(held, RedLine):  # narrowed or widened: which red line, in its words
        words = f'{words} ("{held.text}")'
    if isinstance(held, Alternative) and change.kind is ChangeKind.ALTERNATIVE_REWORDED:
        words = f"{words} ({held.id})"  # the word diff says what changed, not which option
    if change.table is not None:
        words = f"{words} at the table with {party_name(negotiation, change.table)}"
    if change.party is None and change.by:
        words = f"{words} by {' and '.join(party_name(negotiation, p) for p in change.by)}"
    return words


def topic_words(negotiation: Negotiation, change: Change, *, issue: bool) -> str:
    """The issue (when ``issue``) and the draft term a change is about, or the empty string.

    The term shows by its key when that is not simply the issue's id: ``Border, art2``.
    """
    parts = []
    if issue and change.issue is not None:
        parts.append(issue_title(negotiation, change.issue))
    if change.term is not None and change.term != change.issue:
        parts.append(change.term)
    return ", ".join(parts)


#: Kinds whose ``detail`` is a word-level diff, shown in place of the values.
_REWORDED: Final = (
    ChangeKind.CONDITION_REWORDED,
    ChangeKind.RED_LINE_REWORDED,
    ChangeKind.TERM_REWORDED,
    ChangeKind.ALTERNATIVE_REWORDED,
)


#: Kinds that show both values even when one is none: a term's value set, or cleared.
BOTH_SIDES: Final = (ChangeKind.TERM_VALUE_CHANGED,)


def change_sentence(negotiation: Negotiation, change: Change) -> str:
    """One line saying what changed, in words, without the party or issue (the heading has them)."""
    words = kind_words(negotiation, change)
    if change.kind is ChangeKind.EDITED:
        words = f"{change.subject} {change.subject_id}: {change.field} edited"
    elif change.kind in (ChangeKind.ADDED, ChangeKind.REMOVED) and change.field is not None:
        # a party put on or taken off one of a round's lists: round r2: Ukraine added to joined
        held = change.after if change.kind is ChangeKind.ADDED else change.before
        who = party_name(negotiation, str(held))
        to = "to" if change.kind is ChangeKind.ADDED else "from"
        return f"{change.subject} {change.subject_id}: {who} {words} {to} {change.field}"
    elif change.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
        words = f"{change.subject} {change.subject_id} {words}"
    before, after = change.before, change.after
    if change.detail and change.kind in _REWORDED:
        return f"{words}: {change.detail}"
    parts = [words]
    if (before is not None and after is not None) or change.kind in BOTH_SIDES:
        old, new = (describe_value(negotiation, change, v) for v in (before, after))
        parts.append(f": {old} -> {new}")
    elif after is not None:
        parts.append(f": {describe_value(negotiation, change, after)}")
    elif before is not None:
        parts.append(f": {describe_value(negotiation, change, before)}")
    parts.append(wording(change))
    size = move_size(negotiation, change)
    towards = [
        f"{t.direction.value} {party_name(negotiation, t.party)}"
        for t in change.toward
        if t.direction.value != "neither"
    ]
    extras = [x for x in (size, ", ".join(towards)) if x]
    if extras:
        parts.append(f" ({'; '.join(extras)})")
    return "".join(parts)


def wording(change: Change) -> str:
    """What goes after a value: an amendment's wording, quoted; a new draft's counts."""
    if not change.detail:
        return ""
    if change.kind in (ChangeKind.AMENDMENT_TABLED, ChangeKind.AMENDMENT_DROPPED):
        return f' ("{change.detail}")'
    if change.kind in (ChangeKind.DRAFT_STATED, ChangeKind.DRAFT_DROPPED):
        return f" ({change.detail})"
    return ""


def move_size(negotiation: Negotiation, change: Change) -> str:
    """How far a preferred value moved: ``1 step``, ``by 5,000 personnel``; empty otherwise."""
    if change.magnitude is None or change.kind is not ChangeKind.PREFERRED_MOVED:
        return ""
    issue = _issue(negotiation, change.issue)
    if issue is not None and isinstance(issue.scale, NumericScale):
        return f"by {number(change.magnitude, issue.scale.unit)}"
    steps = round(change.magnitude)
    return f"{steps} step{'s' if steps != 1 else ''}"
