"""What a diff is made of: typed changes, their meaning, and the diff that holds them.

A diff is data. It is computed by `negotrack.compare` (two rounds) or `negotrack.compare_versions`
(two versions of a dossier), filtered with `Diff.filter`, and turned into text by the renderers.
"""

from __future__ import annotations

import collections
import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from negotrack.diff._measures import IssueMeasures
from negotrack.diff._revisions import Revision
from negotrack.diff._tables import Table
from negotrack.model._display import Shown
from negotrack.model._fields import describe
from negotrack.model._negotiation import Negotiation

if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = [
    "Change",
    "ChangeKind",
    "Diff",
    "Direction",
    "Meaning",
    "Toward",
]


class Meaning(enum.Enum):
    """What a change means for the talks."""

    CONCESSION = "concession"
    HARDENING = "hardening"
    NEUTRAL = "neutral"

    def mirrored(self) -> Meaning:
        """The meaning of the same change seen backwards in time."""
        return _MIRROR_MEANING[self]


_MIRROR_MEANING = {
    Meaning.CONCESSION: Meaning.HARDENING,
    Meaning.HARDENING: Meaning.CONCESSION,
    Meaning.NEUTRAL: Meaning.NEUTRAL,
}


class Direction(enum.Enum):
    """Whether a move brings a party closer to a counterpart's position."""

    TOWARD = "toward"
    AWAY = "away"
    NEITHER = "neither"


class ChangeKind(enum.Enum):
    """Every kind of change a diff reports, in the order reports list them."""

    # positions
    POSITION_STATED = "position_stated"
    POSITION_WITHDRAWN = "position_withdrawn"
    PREFERRED_MOVED = "preferred_moved"
    ACCEPTABLE_STATED = "acceptable_stated"
    ACCEPTABLE_DROPPED = "acceptable_dropped"
    ACCEPTABLE_WIDENED = "acceptable_widened"
    ACCEPTABLE_NARROWED = "acceptable_narrowed"
    ACCEPTABLE_SHIFTED = "acceptable_shifted"
    RED_LINE_ADDED = "red_line_added"
    RED_LINE_DROPPED = "red_line_dropped"
    RED_LINE_REWORDED = "red_line_reworded"
    RED_LINE_NARROWED = "red_line_narrowed"
    RED_LINE_WIDENED = "red_line_widened"
    CONDITION_ADDED = "condition_added"
    CONDITION_DROPPED = "condition_dropped"
    CONDITION_REWORDED = "condition_reworded"
    CONDITION_MET = "condition_met"
    CONDITION_UNMET = "condition_unmet"
    LINKAGE_ADDED = "linkage_added"
    LINKAGE_DROPPED = "linkage_dropped"
    SALIENCE_RAISED = "salience_raised"
    SALIENCE_LOWERED = "salience_lowered"
    BASIS_CHANGED = "basis_changed"
    CONFIDENCE_CHANGED = "confidence_changed"
    NEW_EVIDENCE = "new_evidence"
    # stances toward proposals
    STANCE_STATED = "stance_stated"
    STANCE_DROPPED = "stance_dropped"
    STANCE_MOVED = "stance_moved"
    # proposals
    PROPOSAL_TABLED = "proposal_tabled"
    PROPOSAL_WITHDRAWN = "proposal_withdrawn"
    PROPOSAL_SUPERSEDED = "proposal_superseded"
    # draft texts and amendments
    DRAFT_STATED = "draft_stated"
    DRAFT_DROPPED = "draft_dropped"
    DRAFT_REPLACED = "draft_replaced"
    BRACKETS_CHANGED = "brackets_changed"
    OPTIONS_CHANGED = "options_changed"
    PAGES_CHANGED = "pages_changed"
    TERM_ADDED = "term_added"
    TERM_REMOVED = "term_removed"
    TERM_ADVANCED = "term_advanced"
    TERM_SET_BACK = "term_set_back"
    TERM_VALUE_CHANGED = "term_value_changed"
    TERM_STATUS_CHANGED = "term_status_changed"
    TERM_REWORDED = "term_reworded"
    ALTERNATIVE_ADDED = "alternative_added"
    ALTERNATIVE_REMOVED = "alternative_removed"
    ALTERNATIVE_REWORDED = "alternative_reworded"
    AMENDMENT_TABLED = "amendment_tabled"
    AMENDMENT_DROPPED = "amendment_dropped"
    AMENDMENT_OUTCOME_CHANGED = "amendment_outcome_changed"
    # parties
    PARTY_JOINED = "party_joined"
    PARTY_LEFT = "party_left"
    MEMBER_JOINED = "member_joined"
    MEMBER_LEFT = "member_left"
    # the dossier itself (version diffs)
    ADDED = "added"
    REMOVED = "removed"
    EDITED = "edited"

    def mirrored(self) -> ChangeKind:
        """The kind of the same change seen backwards in time."""
        return _MIRROR_KIND.get(self, self)

    @property
    def order(self) -> int:
        """Place of the kind in reports."""
        return _KIND_ORDER[self]


_PAIRS = [
    (ChangeKind.POSITION_STATED, ChangeKind.POSITION_WITHDRAWN),
    (ChangeKind.ACCEPTABLE_STATED, ChangeKind.ACCEPTABLE_DROPPED),
    (ChangeKind.ACCEPTABLE_WIDENED, ChangeKind.ACCEPTABLE_NARROWED),
    (ChangeKind.RED_LINE_ADDED, ChangeKind.RED_LINE_DROPPED),
    (ChangeKind.RED_LINE_NARROWED, ChangeKind.RED_LINE_WIDENED),
    (ChangeKind.CONDITION_ADDED, ChangeKind.CONDITION_DROPPED),
    (ChangeKind.CONDITION_MET, ChangeKind.CONDITION_UNMET),
    (ChangeKind.LINKAGE_ADDED, ChangeKind.LINKAGE_DROPPED),
    (ChangeKind.SALIENCE_RAISED, ChangeKind.SALIENCE_LOWERED),
    (ChangeKind.STANCE_STATED, ChangeKind.STANCE_DROPPED),
    (ChangeKind.PROPOSAL_TABLED, ChangeKind.PROPOSAL_WITHDRAWN),
    (ChangeKind.DRAFT_STATED, ChangeKind.DRAFT_DROPPED),
    (ChangeKind.TERM_ADDED, ChangeKind.TERM_REMOVED),
    (ChangeKind.TERM_ADVANCED, ChangeKind.TERM_SET_BACK),
    (ChangeKind.ALTERNATIVE_ADDED, ChangeKind.ALTERNATIVE_REMOVED),
    (ChangeKind.AMENDMENT_TABLED, ChangeKind.AMENDMENT_DROPPED),
    (ChangeKind.PARTY_JOINED, ChangeKind.PARTY_LEFT),
    (ChangeKind.MEMBER_JOINED, ChangeKind.MEMBER_LEFT),
    (ChangeKind.ADDED, ChangeKind.REMOVED),
]
_MIRROR_KIND = dict(_PAIRS) | {b: a for a, b in _PAIRS}
# superseded is a way of leaving the table: seen backwards, the proposal comes back to it
_MIRROR_KIND[ChangeKind.PROPOSAL_SUPERSEDED] = ChangeKind.PROPOSAL_TABLED
_KIND_ORDER = {kind: index for index, kind in enumerate(ChangeKind)}


@attrs.frozen
class Toward:
    """The direction of a move relative to one counterpart.

    Attributes:
        party: The counterpart.
        direction: toward, away or neither.
        distance_before: Normalised (0-1) distance to the counterpart before the move.
        distance_after: Normalised distance after it.
    """

    party: str
    direction: Direction
    distance_before: float
    distance_after: float


@attrs.frozen(kw_only=True)
class Change:
    """One change between two rounds, or two versions of a dossier.

    Values are in the model's own terms: option ids or numbers for preferred values, a tuple of
    option ids or an `Interval` for acceptable sets, a `StanceLevel` for stances, text for
    conditions and red lines. Renderers turn ids into labels.
    """

    kind: ChangeKind = attrs.field(metadata=describe("What changed."))
    party: str | None = attrs.field(default=None, metadata=describe("The party that moved."))
    issue: str | None = attrs.field(default=None, metadata=describe("The issue it is about."))
    proposal: str | None = attrs.field(default=None, metadata=describe("The proposal it is about."))
    term: str | None = attrs.field(
        default=None,
        metadata=describe("For a draft text or an amendment: the key of the term (paragraph)."),
    )
    table: str | None = attrs.field(
        default=None,
        metadata=describe("For a position held at one table: the counterpart it is held toward."),
    )
    by: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe("For an amendment: its sponsors (the one sponsor is also `party`)."),
    )
    subject: str | None = attrs.field(
        default=None,
        metadata=describe(
            "What the change is about when that has an id of its own: 'amendment'; for dossier "
            "edits, what was edited (party, issue, statement...)."
        ),
    )
    subject_id: str | None = attrs.field(
        default=None, metadata=describe("The id of that amendment, or of what was edited.")
    )
    field: str | None = attrs.field(
        default=None,
        metadata=describe(
            "For dossier edits: the key that changed (for a party added to or removed from a "
            "round's joined, left or participants, that list); for linkage: linked_proposal or "
            "linked_package when the link is not to an issue."
        ),
    )
    round: str | None = attrs.field(
        default=None, metadata=describe("The later round, where the change shows.")
    )
    before: Any = attrs.field(default=None, metadata=describe("The value before."))
    after: Any = attrs.field(default=None, metadata=describe("The value after."))
    magnitude: float | None = attrs.field(
        default=None,
        metadata=describe("Size of the move on the issue's own scale: option steps or units."),
    )
    normalised: float | None = attrs.field(
        default=None, metadata=describe("Size of the move as a share of the whole scale, 0-1.")
    )
    toward: tuple[Toward, ...] = attrs.field(
        default=(), metadata=describe("Direction relative to each counterpart.")
    )
    meaning: Meaning = attrs.field(
        default=Meaning.NEUTRAL, metadata=describe("concession, hardening or neutral.")
    )
    evidence: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Ids of the statements that support the change.")
    )
    detail: str | None = attrs.field(
        default=None, metadata=describe("A word-level diff of reworded text, or a note.")
    )

    @property
    def sort_key(self) -> tuple[str, str, str, str, str, int, str, str]:
        """Issue (or proposal, or subject), party, term, table, kind: the order of a diff.

        A change about a term of a draft goes with its proposal, not with the term's issue.
        """
        on_issue = self.issue is not None and (self.proposal is None or self.term is None)
        topic = (self.issue if on_issue else self.proposal or self.subject_id) or ""
        return (
            "0" if on_issue else "1" if self.proposal else "2",
            topic,
            self.party or ",".join(self.by),
            self.term or "",
            self.table or "",
            self.kind.order,
            repr((self.field, self.before, self.after)),
            self.subject_id or "",
        )


@attrs.frozen(kw_only=True)
class Carried:
    """A position in force in the later round that it did not restate."""

    party: str
    issue: str
    round: str = attrs.field(metadata=describe("The round that last stated it."))
    table: str | None = attrs.field(
        default=None, metadata=describe("For a position at one table: the counterpart.")
    )


@attrs.frozen(kw_only=True, repr=False)
class Diff(Shown):
    """What changed between two rounds or two versions: an ordered tuple of typed changes.

    Attributes:
        before: Id of the earlier round (or a label of the old version).
        after: Id of the later round (or a label of the new version).
        changes: The changes, ordered by issue, party and kind.
        carried: Positions in force in ``after`` that it did not restate (not changes).
        measures: Per-issue measures before and after, keyed by issue id.
        tables: Measures before and after at each table (an issue between two parties, when
            one holds a position toward the other), keyed by `negotrack.diff._tables.Table`;
            empty when no position names a table.
        revisions: For a version diff, the readings the edit changed
            (`negotrack.diff._revisions`); empty for a round diff.
        dossier: The dossier compared (the newer version), so that a notebook can show the
            diff's report; not part of the diff's value (equality ignores it).
    """

    before: str
    after: str
    changes: tuple[Change, ...] = ()
    carried: tuple[Carried, ...] = ()
    measures: Mapping[str, tuple[IssueMeasures, IssueMeasures]] = attrs.field(
        factory=dict, eq=attrs.cmp_using(eq=lambda a, b: dict(a) == dict(b)), hash=False
    )
    tables: Mapping[Table, tuple[IssueMeasures, IssueMeasures]] = attrs.field(
        factory=dict, eq=attrs.cmp_using(eq=lambda a, b: dict(a) == dict(b)), hash=False
    )
    revisions: tuple[Revision, ...] = ()

    _dossier: Negotiation | None = attrs.field(default=None, eq=False, hash=False, alias="dossier")

    @property
    def dossier(self) -> Negotiation | None:
        """The dossier compared, when the diff was made by `compare` or `compare_versions`."""
        return self._dossier

    def __repr__(self) -> str:
        meanings = collections.Counter(c.meaning.value for c in self.changes)
        said = ", ".join(f"{n} {m}" for m, n in sorted(meanings.items()))
        changes = f"{len(self.changes)} change{'' if len(self.changes) == 1 else 's'}"
        return (
            f"<Diff {self.before!r} -> {self.after!r}: {changes}"
            + (f" ({said})" if said else "")
            + f", {len(self.carried)} carried, {len(self.measures)} issues measured>"
        )

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def filter(
        self,
        *,
        party: str | Iterable[str] | None = None,
        issue: str | Iterable[str] | None = None,
        kind: ChangeKind | Iterable[ChangeKind] | None = None,
        meaning: Meaning | Iterable[Meaning] | None = None,
    ) -> Diff:
        """Return a new diff keeping the changes that match every given filter.

        Each filter takes one value or several; a change about a proposal matches ``issue``
        when the proposal's id is given, and a joint amendment matches ``party`` when one of
        its sponsors is given.
        """
        parties = _as_set(party)
        issues = _as_set(issue)
        kinds = _as_set(kind)
        meanings = _as_set(meaning)
        kept = tuple(
            c
            for c in self.changes
            if (parties is None or c.party in parties or not parties.isdisjoint(c.by))
            and (issues is None or c.issue in issues or c.proposal in issues)
            and (kinds is None or c.kind in kinds)
            and (meanings is None or c.meaning in meanings)
        )
        carried = tuple(
            c
            for c in self.carried
            if (parties is None or c.party in parties) and (issues is None or c.issue in issues)
        )
        measures = (
            self.measures
            if issues is None
            else {k: v for k, v in self.measures.items() if k in issues}
        )
        tables = (
            self.tables
            if issues is None
            else {k: v for k, v in self.tables.items() if k.issue in issues}
        )
        return attrs.evolve(self, changes=kept, carried=carried, measures=measures, tables=tables)


def _as_set(value: Any) -> frozenset[Any] | None:
    if value is None:
        return None
    if isinstance(value, str | enum.Enum):
        return frozenset({value})
    return frozenset(value)


def ordered(changes: Iterable[Change]) -> tuple[Change, ...]:
    """Changes in the deterministic order of a diff: issue, party, kind."""
    return tuple(sorted(changes, key=lambda c: c.sort_key))
