"""The checks of one round: statements, positions, red lines, conditions, stances and events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from negotrack.files._check_context import PlacedRound, YamlPath, accepts
from negotrack.files._draft_checks import DraftChecks
from negotrack.model._issues import Issue, NumericScale

if TYPE_CHECKING:
    from collections.abc import Sequence

    from negotrack.model._evidence import Statement
    from negotrack.model._positions import Condition, Position, RedLine
    from negotrack.model._rounds import ContextEvent, Round
    from negotrack.model._stances import Stance

__all__ = ["RoundChecks"]


class RoundChecks(DraftChecks):
    """Checks of what a round holds, each adding its problems to the shared list."""

    def round(self, placed: PlacedRound) -> None:
        r, f, path = placed.round, placed.file, placed.path
        for key in ("participants", "joined", "left"):
            self.refs(f, (*path, key), "party", getattr(r, key), self.parties)
        if r.time is not None and r.date is None and r.start is None:
            self.add(f, (*path, "time"), "a time needs a date: give the round's date")
        for index, statement in enumerate(r.statements):
            self.statement(f, (*path, "statements", index), statement)
        self.drafts(f, (*path, "drafts"), r.drafts)
        self.amendments(f, (*path, "amendments"), r.amendments)
        if self.want_notes:
            self.late_evidence(placed)
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
            if self.want_notes:
                self.untabled(f, (*at, "proposal"), r, stance.proposal)
        for index, event in enumerate(r.events):
            self.event(f, (*path, "events", index), event)

    def untabled(self, file: str, path: YamlPath, r: Round, proposal: str) -> None:
        """A note for a stance on a proposal in a round before the one it was tabled in."""
        tabled = self.tabled_in.get(proposal)
        when = self.round_dates.get(tabled) if tabled is not None else None
        day = r.date or r.start
        if when is not None and day is not None and day < when:
            self.note(
                file,
                path,
                f"proposal {proposal!r} is tabled in round {tabled!r} ({when}), after this "
                f"round ({day}); check the stance's round, or the proposal's tabled_in",
            )

    def empty_positions(self, filled: Sequence[Round]) -> None:
        """A note for each position that holds no value, once carried values are filled in."""
        for placed, r in zip(self.rounds, filled, strict=True):
            for index, p in enumerate(r.positions):
                if not p.withdrawn and p.preferred is None and p.acceptable is None:
                    self.note(
                        placed.file,
                        (*placed.path, "positions", index),
                        f"the position of {p.party!r} on {p.issue!r} has neither a preferred "
                        "value nor an acceptable set (none carried from an earlier round "
                        "either): diffs and readings have nothing to measure; give one, or "
                        "withdrawn: true",
                    )

    def event(self, file: str, path: YamlPath, event: ContextEvent) -> None:
        self.refs(file, (*path, "evidence"), "statement", event.evidence, self.statements)
        self.refs(file, (*path, "sources"), "source", event.sources, self.sources)

    def late_evidence(self, placed: PlacedRound) -> None:
        """A note for each position, stance or draft citing a statement made after its round."""
        r, f, path = placed.round, placed.file, placed.path
        last = r.end or r.date or r.start
        if last is None or self.latest_statement is None or self.latest_statement <= last:
            return  # no date to compare with (reported elsewhere), or no statement is later
        dates = self.statement_dates
        cited: tuple[tuple[str, Sequence[Position | Stance]], ...] = (
            ("positions", r.positions),
            ("stances", r.stances),
        )
        for kind, items in cited:
            for index, item in enumerate(items):
                for j, statement_id in enumerate(item.evidence):
                    said = dates.get(statement_id)
                    if said is not None and said > last:
                        self.note(
                            f,
                            (*path, kind, index, "evidence", j),
                            f"statement {statement_id!r} ({said}) is dated after round "
                            f"{r.id!r} ({last}); fine for a position inferred later, but check it",
                        )

    def statement(self, f: str, path: YamlPath, statement: Statement) -> None:
        self.ref(f, (*path, "speaker"), "person", statement.speaker, self.people)
        self.ref(f, (*path, "party"), "party", statement.party, self.parties)
        if statement.speakers:
            self.refs(f, (*path, "speakers"), "person", statement.speakers, self.people)
        if statement.parties:
            self.refs(f, (*path, "parties"), "party", statement.parties, self.parties)
        self.ref(f, (*path, "source"), "source", statement.source, self.sources)
        speakers, parties = statement.all_speakers, statement.all_parties
        if not speakers and not parties and statement.source is None:
            self.add(
                f,
                path,
                "a statement needs a speaker, a party or, when unattributed, a source",
            )
        if parties:
            for index, speaker in enumerate(speakers):
                speaks_for = self.party_on(speaker, statement.date)
                if speaks_for is not None and not any(
                    speaks_for == party or speaks_for in self.members.get(party, ())
                    for party in parties
                ):
                    if statement.speaker is None:
                        at: YamlPath = (*path, "speakers", index)
                    else:
                        at = (*path, "speakers", index - 1) if index else (*path, "party")
                    named = " or ".join(repr(p) for p in parties)
                    self.add(f, at, f"speaker {speaker!r} represents {speaks_for!r}, not {named}")
        if statement.quote is None and statement.summary is None:
            self.add(f, path, "a statement needs a quote or a summary")

    def position(self, f: str, path: YamlPath, position: Position) -> None:
        self.ref(f, (*path, "party"), "party", position.party, self.parties)
        if position.table is not None:
            self.ref(f, (*path, "table"), "party", position.table, self.parties)
            if position.table == position.party:
                self.add(f, (*path, "table"), "a party holds a position toward others, not itself")
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
        preferred_ok = position.preferred is not None and self.value(
            f, (*path, "preferred"), issue, position.preferred
        )
        acceptable = position.acceptable
        if acceptable is not None:
            acceptable_ok = self.acceptable(f, (*path, "acceptable"), issue, acceptable)
            if preferred_ok and acceptable_ok and not accepts(acceptable, position.preferred):
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

    def red_lines(self, f: str, path: YamlPath, issue: Issue, red_lines: Sequence[RedLine]) -> None:
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

    def conditions(self, f: str, path: YamlPath, conditions: Sequence[Condition], own: str) -> None:
        if not conditions:
            return
        self.unique(
            "condition",
            ((f, (*path, i), c.id) for i, c in enumerate(conditions) if c.id is not None),
        )
        for index, condition in enumerate(conditions):
            at = (*path, index, "linked_issue")
            linked = condition.linked_issue
            if linked is not None and linked not in self.issues and linked in self.proposals:
                self.add(
                    f, at, f"{linked!r} is a proposal, not an issue: link it with linked_proposal"
                )
            else:
                self.ref(f, at, "issue", linked, self.issues)
            if linked == own:
                self.add(f, at, "a condition cannot link an issue to itself")
            if condition.linked_proposal is not None:
                self.ref(
                    f,
                    (*path, index, "linked_proposal"),
                    "proposal",
                    condition.linked_proposal,
                    self.proposals,
                )

    def stance(self, f: str, path: YamlPath, stance: Stance) -> None:
        self.ref(f, (*path, "party"), "party", stance.party, self.parties)
        self.ref(f, (*path, "proposal"), "proposal", stance.proposal, self.proposals)
        self.refs(f, (*path, "evidence"), "statement", stance.evidence, self.statements)
        self.conditions(f, (*path, "conditions"), stance.conditions, "")
