"""What every check shares: the ids by kind, the problems found, a value against its scale.

The checks run once every file has the right shape, so a reference error never cascades from a
typo. `CheckContext` holds the lookups; `negotrack.files._round_checks` and
`negotrack.files._checks` add the checks of rounds and of the dossier header.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.files._yaml import PathKey
from negotrack.model._errors import did_you_mean
from negotrack.model._issues import Issue, NumericScale, Value
from negotrack.model._positions import Interval
from negotrack.model._rounds import Round

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Sequence

    from negotrack.model._negotiation import Negotiation


__all__ = ["ID_PATTERN", "CheckContext", "Located", "PlacedRound", "YamlPath", "accepts"]

#: What an id may look like: it is used in file names, URLs and HTML anchors.
ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


YamlPath = tuple[PathKey, ...]


@attrs.frozen
class Located:
    """A problem found by the checks, with its file and YAML path but no line yet."""

    file: str
    path: YamlPath
    message: str


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

    def note(self, file: str, path: YamlPath, message: str) -> None:
        """Record something the analyst should see that is not an error."""
        self.notes.append(Located(file, path, message))

    def party_on(self, person: str, day: dt.date) -> str | None:
        """The party a known person spoke for on a day (`Negotiation.speaks_for`); else None."""
        return self.header.speaks_for(person, day) if person in self.party_of else None

    def add(self, file: str, path: YamlPath, message: str) -> None:
        self.problems.append(Located(file, path, message))

    def ref(
        self, file: str, path: YamlPath, kind: str, value: str | None, known: Iterable[str]
    ) -> None:
        if value is not None and value not in known:
            self.add(file, path, f"unknown {kind} {value!r}{did_you_mean(value, known)}")

    def refs(
        self, file: str, path: YamlPath, kind: str, values: Sequence[str], known: Iterable[str]
    ) -> None:
        if not values:
            return
        known = list(known) if not isinstance(known, set | dict) else known
        for index, value in enumerate(values):
            if value is not None and value not in known:
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

    def bounds(self, file: str, path: YamlPath, item: Any, name: str) -> None:
        """Check a number against the bounds in its field's metadata."""
        value = getattr(item, name)
        if value is None:
            return
        low, high = _bounds(type(item), name)
        if not low <= value <= high:
            self.add(file, (*path, name), f"{name} runs from {low} to {high}, got {value!r}")

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
            self.add(
                file,
                path,
                f"unknown option {value!r} for issue {issue.id!r}"
                + did_you_mean(str(value), options),
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
            points = [point.id for point in scale.points]
            also = f" or one of its points ({', '.join(points)})" if points else ""
            self.add(
                file,
                path,
                f"expected a number on numeric issue {issue.id!r}{also}, got {value!r}"
                + did_you_mean(value, points),
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


_BOUNDS: Final[dict[tuple[type[Any], str], tuple[Any, Any]]] = {}


def _bounds(cls: type[Any], name: str) -> tuple[Any, Any]:
    """The minimum and maximum in the metadata of a field, read once."""
    bounds = _BOUNDS.get((cls, name))
    if bounds is None:
        meta = attrs.fields_dict(cls)[name].metadata
        bounds = _BOUNDS[(cls, name)] = (
            meta.get("minimum", -math.inf),
            meta.get("maximum", math.inf),
        )
    return bounds


def accepts(acceptable: Any, value: Any) -> bool:
    if isinstance(acceptable, Interval):
        return value in acceptable
    return value in acceptable
