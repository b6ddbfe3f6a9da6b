"""Referential integrity: every id unique, every reference resolved, every value on its scale.

The dossier header (parties, issues, proposals, sources) is checked here; each round by
`negotrack.files._round_checks`, on the lookups of `negotrack.files._check_context`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from negotrack.files._check_context import ID_PATTERN, Located, PlacedRound, YamlPath
from negotrack.files._party_checks import PartyChecks
from negotrack.files._round_checks import RoundChecks
from negotrack.model._issues import Issue, NumericScale

if TYPE_CHECKING:
    from collections.abc import Sequence

    from negotrack.model._negotiation import Negotiation
    from negotrack.model._proposals import Proposal
    from negotrack.model._rounds import Round

__all__ = ["ID_PATTERN", "Located", "PlacedRound", "check"]


class _Checker(RoundChecks, PartyChecks):
    """The checks of the dossier header, then of every round, in one pass."""

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
        self.unique("issue", ((f, ("issues", i), x.id) for i, x in enumerate(h.issues)))
        self.unique("proposal", ((f, ("proposals", i), p.id) for i, p in enumerate(h.proposals)))
        self.unique("source", ((f, ("sources", i), s.id) for i, s in enumerate(h.sources)))
        self.unique("round", ((r.file, r.path, r.round.id) for r in self.rounds))
        statements: list[tuple[str, YamlPath, str]] = [
            (f, ("statements", i), s.id) for i, s in enumerate(h.statements)
        ]
        statements += [
            (r.file, (*r.path, "statements", i), s.id)
            for r in self.rounds
            for i, s in enumerate(r.round.statements)
        ]
        self.unique("statement", statements)
        self.unique(
            "amendment",
            (
                (r.file, (*r.path, "amendments", i), a.id)
                for r in self.rounds
                for i, a in enumerate(r.round.amendments)
            ),
        )
        events: list[tuple[str, YamlPath, str]] = [
            (f, ("events", i), e.id) for i, e in enumerate(h.events)
        ]
        events += [
            (r.file, (*r.path, "events", i), e.id)
            for r in self.rounds
            for i, e in enumerate(r.round.events)
        ]
        self.unique("event", events)
        for index, party in enumerate(h.parties):
            self.party(party, ("parties", index))
        self.sides(f, ("sides",), h.sides)
        self.roles(h.roles)
        for index, statement in enumerate(h.statements):
            self.statement(f, ("statements", index), statement)
        for index, issue in enumerate(h.issues):
            self.issue(issue, ("issues", index))
        for index, proposal in enumerate(h.proposals):
            self.proposal(proposal, ("proposals", index))
        for index, event in enumerate(h.events):
            self.event(f, ("events", index), event)
        self.round_order()
        for placed_round in self.rounds:
            self.round(placed_round)
            self.sides(placed_round.file, (*placed_round.path, "sides"), placed_round.round.sides)
        if self.want_notes:
            self.bargaining_sides_note()
        return self.problems

    def issue(self, issue: Issue, path: YamlPath) -> None:
        scale = issue.scale
        if isinstance(scale, NumericScale):
            for key in ("min", "max"):
                if not math.isfinite(getattr(scale, key)):
                    self.add(self.file, (*path, "scale", key), "expected a finite number")
            if not scale.min < scale.max:
                self.add(self.file, (*path, "scale", "max"), "max must be greater than min")
            self.marks(path, scale)
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
        for key in ("reference", "outcome"):
            value = getattr(issue, key)
            if value is not None:
                self.value(self.file, (*path, key), issue, value)

    def marks(self, path: YamlPath, scale: NumericScale) -> None:
        """Each mark lies on the scale, and no two share a value."""
        seen: set[float] = set()
        for i, mark in enumerate(scale.marks):
            where = (*path, "scale", "marks", i, "value")
            if not scale.min <= mark.value <= scale.max:
                self.add(
                    self.file,
                    where,
                    f"mark {mark.value:g} lies off the scale ({scale.min:g} to {scale.max:g})",
                )
            elif mark.value in seen:
                self.add(self.file, where, f"another mark has the value {mark.value:g}")
            seen.add(mark.value)

    def proposal(self, proposal: Proposal, path: YamlPath) -> None:
        f = self.file
        self.refs(f, (*path, "tabled_by"), "party", proposal.tabled_by, self.parties)
        self.ref(f, (*path, "tabled_in"), "round", proposal.tabled_in, self.round_ids)
        self.ref(f, (*path, "withdrawn_in"), "round", proposal.withdrawn_in, self.round_ids)
        self.refs(f, (*path, "supersedes"), "proposal", proposal.supersedes, self.proposals)
        if proposal.id in proposal.supersedes:
            self.add(f, (*path, "supersedes"), "a proposal cannot supersede itself")
        self.refs(f, (*path, "evidence"), "statement", proposal.evidence, self.statements)
        self.terms(f, (*path, "terms"), proposal.terms)

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


def check(
    header: Negotiation,
    header_file: str,
    rounds: Sequence[PlacedRound],
    filled: Sequence[Round] = (),
    *,
    notes: bool = False,
) -> tuple[list[Located], list[Located]]:
    """Return the integrity problems of a dossier whose parts all structured cleanly, and notes.

    ``rounds`` are as written; ``filled`` are the same rounds with each restated position
    completed (`fill_restatements`), for the notes on what a position holds.

    Notes are what an analyst should see that is no error: evidence dated after its round,
    more than two bargaining parties with no sides declared, a position with nothing to
    measure, a stance on a proposal before it was tabled. They are looked for only when
    ``notes`` is true (`negotrack.validate`), so that `negotrack.load` does not pay for them.
    """
    checker = _Checker(header, header_file, rounds)
    checker.want_notes = notes
    problems = checker.run()
    if notes:
        checker.empty_positions(filled)
    return problems, checker.notes
