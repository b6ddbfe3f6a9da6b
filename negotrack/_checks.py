"""Referential integrity: every id unique, every reference resolved, every value on its scale."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack._errors import did_you_mean
from negotrack._model import Issue, NumericScale, Proposal, Statement, Value
from negotrack._rounds import Condition, ContextEvent, Interval, Position, RedLine, Round, Stance
from negotrack._yaml import PathKey

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from negotrack._negotiation import Negotiation

__all__ = ["ID_PATTERN", "Located", "PlacedRound", "check"]

#: What an id may look like: it is used in file names, URLs and HTML anchors.
ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

Path = tuple[PathKey, ...]


@attrs.frozen
class Located:
    """A problem found by the checks, with its file and YAML path but no line yet."""

    file: str
    path: Path
    message: str


@attrs.frozen
class PlacedRound:
    """A structured round with the file and path it came from."""

    round: Round
    file: str
    path: Path


class _Checker:
    def __init__(
        self, header: Negotiation, header_file: str, rounds: Sequence[PlacedRound]
    ) -> None:
        self.header = header
        self.file = header_file
        self.rounds = rounds
        self.problems: list[Located] = []
        self.parties = {p.id for p in header.parties}
        self.people = {person.id for p in header.parties for person in p.representatives}
        self.party_of = {person.id: p.id for p in header.parties for person in p.representatives}
        self.members = {p.id: {m.party for m in p.members} for p in header.parties}
        self.issues = {i.id: i for i in header.issues}
        # the option ids of each issue with options, by identity (two issues may share an id)
        self.option_sets = {
            id(i): frozenset(i.option_ids)
            for i in header.issues
            if not isinstance(i.scale, NumericScale)
        }
        self.proposals = {p.id for p in header.proposals}
        self.sources = {s.id for s in header.sources}
        self.round_ids = {placed.round.id for placed in rounds}
        self.statements = {s.id for placed in rounds for s in placed.round.statements}

    def add(self, file: str, path: Path, message: str) -> None:
        self.problems.append(Located(file, path, message))

    def ref(
        self, file: str, path: Path, kind: str, value: str | None, known: Iterable[str]
    ) -> None:
        if value is not None and value not in known:
            self.add(file, path, f"unknown {kind} {value!r}{did_you_mean(value, known)}")

    def refs(
        self, file: str, path: Path, kind: str, values: Sequence[str], known: Iterable[str]
    ) -> None:
        if not values:
            return
        known = list(known) if not isinstance(known, set | dict) else known
        for index, value in enumerate(values):
            if value is not None and value not in known:
                self.ref(file, (*path, index), kind, value, known)

    def unique(self, kind: str, items: Iterable[tuple[str, Path, str]]) -> None:
        """Each id well formed and used once; items are (file, path of the item, id)."""
        seen: dict[str, tuple[str, Path]] = {}
        for file, path, item_id in items:
            if not ID_PATTERN.fullmatch(item_id):
                self.add(
                    file,
                    (*path, "id"),
                    f"invalid {kind} id {item_id!r}: use letters, digits, '.', '_' and '-', "
                    "starting with a letter or digit",
                )
            if item_id in seen:
                self.add(file, (*path, "id"), f"duplicate {kind} id {item_id!r}")
            else:
                seen[item_id] = (file, path)

    def bounds(self, file: str, path: Path, item: Any, name: str) -> None:
        """Check a number against the bounds in its field's metadata."""
        value = getattr(item, name)
        if value is None:
            return
        low, high = _bounds(type(item), name)
        if not low <= value <= high:
            self.add(file, (*path, name), f"{name} runs from {low} to {high}, got {value!r}")

    # -- the dossier header --------------------------------------------------------------------

    def run(self) -> list[Located]:
        h, f = self.header, self.file
        self.unique("negotiation", [(f, (), h.id)])
        self.unique("party", ((f, ("parties", i), p.id) for i, p in enumerate(h.parties)))
        self.unique(
            "person",
            (
                (f, ("parties", i, "representatives", j), person.id)
                for i, p in enumerate(h.parties)
                for j, person in enumerate(p.representatives)
            ),
        )
        self.unique("side", ((f, ("sides", i), s.id) for i, s in enumerate(h.sides)))
        self.unique("issue", ((f, ("issues", i), x.id) for i, x in enumerate(h.issues)))
        self.unique("proposal", ((f, ("proposals", i), p.id) for i, p in enumerate(h.proposals)))
        self.unique("source", ((f, ("sources", i), s.id) for i, s in enumerate(h.sources)))
        self.unique("round", ((r.file, r.path, r.round.id) for r in self.rounds))
        self.unique(
            "statement",
            (
                (r.file, (*r.path, "statements", i), s.id)
                for r in self.rounds
                for i, s in enumerate(r.round.statements)
            ),
        )
        events: list[tuple[str, Path, str]] = [
            (f, ("events", i), e.id) for i, e in enumerate(h.events)
        ]
        events += [
            (r.file, (*r.path, "events", i), e.id)
            for r in self.rounds
            for i, e in enumerate(r.round.events)
        ]
        self.unique("event", events)
        for index, party in enumerate(h.parties):
            path: Path = ("parties", index, "members")
            for j, member in enumerate(party.members):
                self.ref(f, (*path, j), "party", member.party, self.parties)
                if member.party == party.id:
                    self.add(f, (*path, j), f"party {party.id!r} cannot be a member of itself")
                if member.since and member.until and member.since > member.until:
                    self.add(f, (*path, j, "until"), "membership ends before it begins")
        placed: dict[str, str] = {}
        for index, side in enumerate(h.sides):
            self.refs(f, ("sides", index, "parties"), "party", side.parties, self.parties)
            for j, party_id in enumerate(side.parties):
                if party_id in placed and placed[party_id] != side.id:
                    self.add(
                        f,
                        ("sides", index, "parties", j),
                        f"party {party_id!r} is already on side {placed[party_id]!r}",
                    )
                placed[party_id] = side.id
        for index, issue in enumerate(h.issues):
            self.issue(issue, ("issues", index))
        for index, proposal in enumerate(h.proposals):
            self.proposal(proposal, ("proposals", index))
        for index, event in enumerate(h.events):
            self.event(f, ("events", index), event)
        self.round_order()
        for placed_round in self.rounds:
            self.round(placed_round)
        return self.problems

    def issue(self, issue: Issue, path: Path) -> None:
        scale = issue.scale
        if isinstance(scale, NumericScale):
            for key in ("min", "max"):
                if not math.isfinite(getattr(scale, key)):
                    self.add(self.file, (*path, "scale", key), "expected a finite number")
            if not scale.min < scale.max:
                self.add(self.file, (*path, "scale", "max"), "max must be greater than min")
        else:
            if not scale.options:
                self.add(
                    self.file, (*path, "scale", "options"), "a scale needs at least one option"
                )
            self.unique(
                "option",
                (
                    (self.file, (*path, "scale", "options", i), o.id)
                    for i, o in enumerate(scale.options)
                ),
            )
        if issue.reference is not None:
            self.value(self.file, (*path, "reference"), issue, issue.reference)

    def value(self, file: str, path: Path, issue: Issue, value: Value) -> bool:
        """Check a value lies on an issue's scale; return whether it does."""
        option_set = self.option_sets.get(id(issue))
        if option_set is not None and value in option_set:
            return True
        scale = issue.scale
        if isinstance(scale, NumericScale):
            return self.number(file, path, issue, scale, value)
        options = issue.option_ids
        if value not in options:
            self.add(
                file,
                path,
                f"unknown option {value!r} for issue {issue.id!r}"
                + did_you_mean(str(value), options),
            )
            return False
        return True

    def number(
        self, file: str, path: Path, issue: Issue, scale: NumericScale, value: Value
    ) -> bool:
        """Check a value lies on a numeric issue's scale; return whether it does."""
        if not scale.min < scale.max:
            return False  # the scale itself is reported
        if isinstance(value, str):
            self.add(file, path, f"expected a number on numeric issue {issue.id!r}, got {value!r}")
            return False
        if not math.isfinite(value) or not scale.min <= value <= scale.max:
            self.add(
                file,
                path,
                f"{value!r} is outside the scale of {issue.id!r} ({scale.min}-{scale.max})",
            )
            return False
        return True

    def proposal(self, proposal: Proposal, path: Path) -> None:
        f = self.file
        self.refs(f, (*path, "tabled_by"), "party", proposal.tabled_by, self.parties)
        self.ref(f, (*path, "tabled_in"), "round", proposal.tabled_in, self.round_ids)
        self.ref(f, (*path, "withdrawn_in"), "round", proposal.withdrawn_in, self.round_ids)
        self.refs(f, (*path, "supersedes"), "proposal", proposal.supersedes, self.proposals)
        if proposal.id in proposal.supersedes:
            self.add(f, (*path, "supersedes"), "a proposal cannot supersede itself")
        self.refs(f, (*path, "evidence"), "statement", proposal.evidence, self.statements)
        seen: set[str] = set()
        for index, term in enumerate(proposal.terms):
            term_path = (*path, "terms", index)
            if term.issue in seen:
                self.add(f, (*term_path, "issue"), f"a second term on issue {term.issue!r}")
            seen.add(term.issue)
            issue = self.issues.get(term.issue)
            if issue is None:
                self.ref(f, (*term_path, "issue"), "issue", term.issue, self.issues)
            elif term.value is not None:
                self.value(f, (*term_path, "value"), issue, term.value)

    def event(self, file: str, path: Path, event: ContextEvent) -> None:
        self.refs(file, (*path, "evidence"), "statement", event.evidence, self.statements)
        self.refs(file, (*path, "sources"), "source", event.sources, self.sources)

    # -- rounds --------------------------------------------------------------------------------

    def round_order(self) -> None:
        previous: Round | None = None
        for placed in self.rounds:
            r = placed.round
            if r.date is None and (r.start is None or r.end is None):
                self.add(placed.file, placed.path, "a round needs a date, or a start and an end")
                continue
            if r.date is not None and (r.start is not None or r.end is not None):
                self.add(placed.file, (*placed.path, "date"), "give either date, or start and end")
            if r.start and r.end and r.end < r.start:
                self.add(placed.file, (*placed.path, "end"), "the round ends before it starts")
            if placed.path and previous is not None and r.when < previous.when:
                self.add(
                    placed.file,
                    (*placed.path, "date" if r.date else "start"),
                    f"rounds must be in date order: {r.id!r} ({r.when}) comes after "
                    f"{previous.id!r} ({previous.when})",
                )
            previous = r

    def round(self, placed: PlacedRound) -> None:
        r, f, path = placed.round, placed.file, placed.path
        self.refs(f, (*path, "participants"), "party", r.participants, self.parties)
        for index, statement in enumerate(r.statements):
            self.statement(f, (*path, "statements", index), statement)
        seen: set[tuple[str, str]] = set()
        for index, position in enumerate(r.positions):
            at = (*path, "positions", index)
            if position.key in seen:
                self.add(f, at, f"a second position of {position.party!r} on {position.issue!r}")
            seen.add(position.key)
            self.position(f, at, position)
        seen = set()
        for index, stance in enumerate(r.stances):
            at = (*path, "stances", index)
            if stance.key in seen:
                self.add(f, at, f"a second stance of {stance.party!r} on {stance.proposal!r}")
            seen.add(stance.key)
            self.stance(f, at, stance)
        for index, event in enumerate(r.events):
            self.event(f, (*path, "events", index), event)

    def statement(self, f: str, path: Path, statement: Statement) -> None:
        self.ref(f, (*path, "speaker"), "person", statement.speaker, self.people)
        self.ref(f, (*path, "party"), "party", statement.party, self.parties)
        self.ref(f, (*path, "source"), "source", statement.source, self.sources)
        if statement.speaker is None and statement.party is None:
            self.add(f, path, "a statement needs a speaker or a party")
        speaks_for = self.party_of.get(statement.speaker or "")
        if (
            speaks_for is not None
            and statement.party is not None
            and statement.party != speaks_for
            and speaks_for not in self.members.get(statement.party, ())
        ):
            self.add(
                f,
                (*path, "party"),
                f"speaker {statement.speaker!r} represents {speaks_for!r}, not {statement.party!r}",
            )
        if statement.quote is None and statement.summary is None:
            self.add(f, path, "a statement needs a quote or a summary")
        self.bounds(f, path, statement, "credibility")

    def position(self, f: str, path: Path, position: Position) -> None:
        self.ref(f, (*path, "party"), "party", position.party, self.parties)
        self.refs(f, (*path, "evidence"), "statement", position.evidence, self.statements)
        self.conditions(f, (*path, "conditions"), position.conditions, position.issue)
        issue = self.issues.get(position.issue)
        if issue is None:
            self.ref(f, (*path, "issue"), "issue", position.issue, self.issues)
            return
        if position.withdrawn:
            if position.preferred is not None or position.acceptable is not None:
                self.add(f, path, "a withdrawn position has no preferred or acceptable values")
            return
        self.bounds(f, path, position, "salience")
        preferred_ok = position.preferred is not None and self.value(
            f, (*path, "preferred"), issue, position.preferred
        )
        acceptable = position.acceptable
        if acceptable is not None:
            acceptable_ok = self.acceptable(f, (*path, "acceptable"), issue, acceptable)
            if preferred_ok and acceptable_ok and not _accepts(acceptable, position.preferred):
                self.add(
                    f,
                    (*path, "preferred"),
                    f"preferred value {position.preferred!r} is not in its own acceptable set",
                )
        self.red_lines(f, (*path, "red_lines"), issue, position.red_lines)
        for index, red_line in enumerate(position.red_lines):
            if preferred_ok and red_line.rules_out(position.preferred):  # type: ignore[arg-type]
                self.add(
                    f,
                    (*path, "red_lines", index),
                    "the red line rules out the party's own preferred value "
                    f"{position.preferred!r}",
                )
            if isinstance(acceptable, tuple):
                for option in red_line.options:
                    if option in acceptable:
                        self.add(
                            f,
                            (*path, "red_lines", index),
                            f"option {option!r} is both acceptable and ruled out by a red line",
                        )

    def acceptable(self, f: str, path: Path, issue: Issue, acceptable: Any) -> bool:
        """Check an acceptable set or range; return whether it is usable."""
        before = len(self.problems)
        numeric = isinstance(issue.scale, NumericScale)
        if isinstance(acceptable, Interval):
            if not numeric:
                self.add(f, path, f"issue {issue.id!r} has options: list option ids, not a range")
                return False
            if acceptable.min is None and acceptable.max is None:
                self.add(f, path, "a range needs min, max or both")
            for key in ("min", "max"):
                bound = getattr(acceptable, key)
                if bound is not None:
                    self.value(f, (*path, key), issue, bound)
            low, high = acceptable.min, acceptable.max
            if low is not None and high is not None and low > high:
                self.add(f, (*path, "max"), "max is below min")
        elif numeric:
            self.add(
                f, path, f"issue {issue.id!r} is numeric: give a range as {{min: .., max: ..}}"
            )
        else:
            option_set = self.option_sets.get(id(issue))
            if (
                option_set is not None
                and option_set.issuperset(acceptable)
                and len(set(acceptable)) == len(acceptable)
            ):
                return True  # every option known, none twice: nothing to report
            for index, option in enumerate(acceptable):
                self.value(f, (*path, index), issue, option)
                if option in acceptable[:index]:
                    self.add(f, (*path, index), f"option {option!r} is listed twice")
        return len(self.problems) == before

    def red_lines(self, f: str, path: Path, issue: Issue, red_lines: Sequence[RedLine]) -> None:
        if not red_lines:
            return
        numeric = isinstance(issue.scale, NumericScale)
        self.unique(
            "red line", ((f, (*path, i), r.id) for i, r in enumerate(red_lines) if r.id is not None)
        )
        for index, red_line in enumerate(red_lines):
            at = (*path, index)
            if numeric and red_line.options:
                self.add(f, (*at, "options"), "a numeric issue has no options: use below or above")
            if not numeric and (red_line.below is not None or red_line.above is not None):
                self.add(f, at, f"issue {issue.id!r} has options: rule them out with options")
            for j, option in enumerate(red_line.options):
                if not numeric:
                    self.value(f, (*at, "options", j), issue, option)

    def conditions(self, f: str, path: Path, conditions: Sequence[Condition], own: str) -> None:
        if not conditions:
            return
        self.unique(
            "condition",
            ((f, (*path, i), c.id) for i, c in enumerate(conditions) if c.id is not None),
        )
        for index, condition in enumerate(conditions):
            at = (*path, index, "linked_issue")
            self.ref(f, at, "issue", condition.linked_issue, self.issues)
            if condition.linked_issue == own:
                self.add(f, at, "a condition cannot link an issue to itself")

    def stance(self, f: str, path: Path, stance: Stance) -> None:
        self.ref(f, (*path, "party"), "party", stance.party, self.parties)
        self.ref(f, (*path, "proposal"), "proposal", stance.proposal, self.proposals)
        self.refs(f, (*path, "evidence"), "statement", stance.evidence, self.statements)
        self.conditions(f, (*path, "conditions"), stance.conditions, "")


_BOUNDS: Final[dict[tuple[type[Any], str], tuple[Any, Any]]] = {}


def _bounds(cls: type[Any], name: str) -> tuple[Any, Any]:
    """The minimum and maximum in the metadata of a field, read once."""
    bounds = _BOUNDS.get((cls, name))
    if bounds is None:
        meta = attrs.fields_dict(cls)[name].metadata
        bounds = _BOUNDS[(cls, name)] = (meta["minimum"], meta["maximum"])
    return bounds


def _accepts(acceptable: Any, value: Any) -> bool:
    if isinstance(acceptable, Interval):
        return value in acceptable
    return value in acceptable


def check(header: Negotiation, header_file: str, rounds: Sequence[PlacedRound]) -> list[Located]:
    """Return every integrity problem in a dossier whose parts all structured cleanly."""
    return _Checker(header, header_file, rounds).run()
