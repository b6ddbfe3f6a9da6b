"""What every check shares: the ids by kind, the problems found, a value against its scale.

The checks run once every file has the right shape, so a reference error never cascades from a
typo. `CheckContext` holds the lookups; `negotrack.files._round_checks` and
`negotrack.files._checks` add the checks of rounds and of the dossier header.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.files._yaml import PathKey
from negotrack.model._errors import Suggester, did_you_mean
from negotrack.model._issues import Issue, NumericScale, Value
from negotrack.model._positions import Interval
from negotrack.model._rounds import Round

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Collection, Iterable, Sequence

    from negotrack.model._negotiation import Negotiation


__all__ = [
    "ID_PATTERN",
    "CheckContext",
    "Located",
    "PlacedRound",
    "YamlPath",
    "accepts",
    "listing",
]

#: What an id may look like: it is used in file names, URLs and HTML anchors.
ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


YamlPath = tuple[PathKey, ...]


#: How many of an issue's options a message lists.
_OPTIONS_LISTED: Final = 10


@attrs.frozen
class Located:
    """A problem found by the checks, with its file and YAML path but no line yet.

    Attributes:
        file: The file it is in.
        path: Where in that file.
        message: What is wrong; or a function that says it, called only if the problem is
            reported (see `negotrack.files._placing`), for messages that cost something to write.
        cause: Problems with the same cause (an unknown id, wherever it is used) are reported
            once, with all their places; None for a problem of its own.
    """

    file: str
    path: YamlPath
    message: str | Callable[[], str]
    cause: str | None = None


@attrs.frozen
class PlacedRound:
    """A structured round with the file and path it came from."""

    round: Round
    file: str
    path: YamlPath


class CheckContext:
    """The lookups and the problem list shared by every check."""

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
        # the day each round began; None for one with no date (reported by the checks)
        self.round_dates = {p.round.id: p.round.date or p.round.start for p in rounds}
        self.tabled_in = {p.id: p.tabled_in for p in header.proposals if p.tabled_in}
        self.statements = {s.id for s in header.statements} | {
            s.id for placed in rounds for s in placed.round.statements
        }
        self.statement_dates = {s.id: s.date for s in header.statements} | {
            s.id: s.date for placed in rounds for s in placed.round.statements
        }
        self.latest_statement = max(self.statement_dates.values(), default=None)
        self.terms_of = {p.id: {t.key: t for t in p.terms} for p in header.proposals}
        self.notes: list[Located] = []
        self.want_notes = False
        #: each kind of id a reference may name, to say what an unknown one is instead
        self.ids_by_kind: dict[str, Collection[str]] = {
            "party": self.parties,
            "person": self.people,
            "issue": self.issues,
            "proposal": self.proposals,
            "source": self.sources,
            "statement": self.statements,
            "round": self.round_ids,
        }
        self._suggesters: dict[int, tuple[Collection[str], Suggester]] = {}

    def note(self, file: str, path: YamlPath, message: str) -> None:
        """Record something the analyst should see that is not an error."""
        self.notes.append(Located(file, path, message))

    def party_on(self, person: str, day: dt.date) -> str | None:
        """The party a known person spoke for on a day (`Negotiation.speaks_for`); else None."""
        return self.header.speaks_for(person, day) if person in self.party_of else None

    def add(self, file: str, path: YamlPath, message: str) -> None:
        self.problems.append(Located(file, path, message))

    def suggester(self, known: Collection[str]) -> Suggester:
        """The did-you-mean index of a set of names, built once (on the first unknown name)."""
        entry = self._suggesters.get(id(known))
        if entry is None:
            entry = self._suggesters[id(known)] = (known, Suggester(known))
        return entry[1]

    def ref(
        self, file: str, path: YamlPath, kind: str, value: str | None, known: Collection[str]
    ) -> None:
        if value is not None and value not in known:
            self.unknown(file, path, f"unknown {kind} {value!r}", value, known, kind=kind)

    def unknown(
        self,
        file: str,
        path: YamlPath,
        cause: str,
        value: str,
        known: Collection[str],
        *,
        kind: str | None = None,
        then: str = "",
    ) -> None:
        """An unknown name, reported once however often it is used, with its places.

        The message is ``cause``, a did-you-mean, what the name is if it is known as an id of
        another kind than ``kind``, then ``then``; it is written only if the problem is shown.
        """
        suggester = self.suggester(known)

        def message() -> str:
            return cause + did_you_mean(value, suggester) + self._elsewhere(kind, value) + then

        self.problems.append(Located(file, path, message, cause))

    def _elsewhere(self, kind: str | None, value: str) -> str:
        """``; 'x' is an issue, not a party`` when an unknown id is known as another kind."""
        for other, ids in self.ids_by_kind.items():
            if kind is not None and other != kind and value in ids:
                return f"; {value!r} is {_article(other)}, not {_article(kind)}"
        return ""

    def refs(
        self, file: str, path: YamlPath, kind: str, values: Sequence[str], known: Collection[str]
    ) -> None:
        for index, value in enumerate(values):
            if value not in known:
                self.ref(file, (*path, index), kind, value, known)

    def unique(self, kind: str, items: Iterable[tuple[str, YamlPath, str]]) -> None:
        """Each id well formed and used once; items are (file, path of the item, id)."""
        seen: dict[str, tuple[str, YamlPath]] = {}
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

    def value(self, file: str, path: YamlPath, issue: Issue, value: Value) -> bool:
        """Check a value lies on an issue's scale; return whether it does."""
        option_set = self.option_sets.get(id(issue))
        if option_set is not None and value in option_set:
            return True
        scale = issue.scale
        if isinstance(scale, NumericScale):
            return self.number(file, path, issue, scale, value)
        options = issue.option_ids
        if value not in options:
            self.unknown(
                file,
                path,
                f"unknown option {value!r} for issue {issue.id!r}",
                str(value),
                options,
                then=f"; its options: {listing(options)}",
            )
            return False
        return True

    def number(
        self, file: str, path: YamlPath, issue: Issue, scale: NumericScale, value: Value
    ) -> bool:
        """Check a value lies on a numeric issue's scale; return whether it does."""
        if not scale.min < scale.max:
            return False  # the scale itself is reported
        if isinstance(value, str):
            if scale.point(value) is not None:
                return True
            points = tuple(point.id for point in scale.points)
            also = f" or one of its points ({listing(points)})" if points else ""
            self.unknown(
                file,
                path,
                f"expected a number on numeric issue {issue.id!r}{also}, got {value!r}",
                value,
                points,
            )
            return False
        if not math.isfinite(value) or not scale.min <= value <= scale.max:
            self.add(
                file,
                path,
                f"{value!r} is outside the scale of {issue.id!r} ({scale.min}-{scale.max})",
            )
            return False
        return True

    def acceptable(self, f: str, path: YamlPath, issue: Issue, acceptable: Any) -> bool:
        """Check an acceptable set or range; return whether it is usable."""
        before = len(self.problems)
        numeric = isinstance(issue.scale, NumericScale)
        if isinstance(acceptable, Interval):
            if not numeric:
                self.add(
                    f,
                    path,
                    f"issue {issue.id!r} has options: list option ids, not a range; "
                    f"its options: {listing(issue.option_ids)}",
                )
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


def listing(names: Sequence[str]) -> str:
    """Names for a message: the first ten, then how many more."""
    shown = ", ".join(names[:_OPTIONS_LISTED])
    more = len(names) - _OPTIONS_LISTED
    return f"{shown} and {more:,} more" if more > 0 else shown


def _article(kind: str) -> str:
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def accepts(acceptable: Any, value: Any) -> bool:
    if isinstance(acceptable, Interval):
        return value in acceptable
    return value in acceptable
