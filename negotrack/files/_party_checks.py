"""The checks of who is who: coalition members, people's dated roles, sides and roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from negotrack.files._check_context import CheckContext, YamlPath

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from negotrack.model._parties import Party, Role, Side

__all__ = ["PartyChecks"]


class PartyChecks(CheckContext):
    """Checks of parties, people, sides and roles, each adding its problems to the shared list."""

    def party(self, party: Party, path: YamlPath) -> None:
        f = self.file
        spans: dict[str, list[tuple[int, dt.date | None, dt.date | None]]] = {}
        for j, member in enumerate(party.members):
            at = (*path, "members", j)
            self.ref(f, at, "party", member.party, self.parties)
            if member.party == party.id:
                self.add(f, at, f"party {party.id!r} cannot be a member of itself")
            if member.since and member.until and member.since > member.until:
                self.add(f, (*at, "until"), "membership ends before it begins")
            for k, since, until in spans.get(member.party, ()):
                if _overlap(since, until, member.since, member.until):
                    self.add(
                        f,
                        at,
                        f"membership of {member.party!r} overlaps the one at members[{k}]; "
                        "give each period once, with since and until",
                    )
            spans.setdefault(member.party, []).append((j, member.since, member.until))
        for j, person in enumerate(party.representatives):
            for k, role in enumerate(person.roles):
                at = (*path, "representatives", j, "roles", k)
                self.ref(f, (*at, "party"), "party", role.party, self.parties)
                if role.since and role.until and role.since > role.until:
                    self.add(f, (*at, "until"), "the role ends before it begins")

    def sides(self, file: str, path: YamlPath, sides: Sequence[Side]) -> None:
        """Side ids, parties and issues known; no party on two sides of one issue."""
        self.unique("side", ((file, (*path, i), s.id) for i, s in enumerate(sides)))
        placed: dict[tuple[str, str], str] = {}  # (party, issue or "") -> side
        for index, side in enumerate(sides):
            self.refs(file, (*path, index, "parties"), "party", side.parties, self.parties)
            self.refs(file, (*path, index, "issues"), "issue", side.issues, self.issues)
            scopes = side.issues or ("",)
            for j, party_id in enumerate(side.parties):
                for scope in scopes:
                    other = placed.get((party_id, scope))
                    if other is not None and other != side.id:
                        on = f" on issue {scope!r}" if scope else ""
                        self.add(
                            file,
                            (*path, index, "parties", j),
                            f"party {party_id!r} is already on side {other!r}{on}",
                        )
                    placed[party_id, scope] = side.id

    def roles(self, roles: Sequence[Role]) -> None:
        """Each role names a party and rounds that exist, in order."""
        f = self.file
        order = {placed.round.id: i for i, placed in enumerate(self.rounds)}
        for index, role in enumerate(roles):
            at: YamlPath = ("roles", index)
            self.ref(f, (*at, "party"), "party", role.party, self.parties)
            self.ref(f, (*at, "since"), "round", role.since, self.round_ids)
            self.ref(f, (*at, "until"), "round", role.until, self.round_ids)
            first, last = order.get(role.since or ""), order.get(role.until or "")
            if first is not None and last is not None and last < first:
                self.add(f, (*at, "until"), "the role ends in a round before the one it begins in")

    def bargaining_sides_note(self) -> None:
        """A note when more than two parties bargain and no sides say who faces whom."""
        if self.header.sides or any(placed.round.sides for placed in self.rounds):
            return
        chairs = {role.party for role in self.header.roles}
        holders = {p.party for placed in self.rounds for p in placed.round.positions} - chairs
        if len(holders) > 2:
            self.note(
                self.file,
                (),
                f"{len(holders)} parties hold positions and no sides are declared: every party "
                "is measured against every other; declare sides (for all issues or per issue) "
                "if some sit together",
            )


def _overlap(
    a0: dt.date | None, a1: dt.date | None, b0: dt.date | None, b1: dt.date | None
) -> bool:
    """Whether two periods overlap; an open end (None) runs on for ever."""
    return (a0 is None or b1 is None or a0 <= b1) and (a1 is None or b0 is None or a1 >= b0)
