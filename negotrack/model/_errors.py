"""The negotrack exception family and the problems a load reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from negotrack.model._plain import plain

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "LoadError",
    "MissingExtraError",
    "NegotrackError",
    "Problem",
    "Suggester",
    "UnknownIdError",
    "WeightError",
    "closest",
    "did_you_mean",
    "edit_distance",
    "edit_limit",
]


class NegotrackError(Exception):
    """Base class of every error negotrack raises on purpose."""


class WeightError(NegotrackError, ValueError):
    """Party weights that cannot weigh anything: one negative, or every one of them 0."""


class MissingExtraError(NegotrackError, ImportError):
    """A feature needs an optional extra that is not installed."""

    def __init__(self, feature: str, extra: str, module: str) -> None:
        self.extra = extra
        super().__init__(
            f"{feature} needs {module}, which is not installed: pip install 'negotrack[{extra}]'"
        )


#: How many of a problem's other places its one-line form lists.
_PLACES_SHOWN: Final = 5


@attrs.frozen
class Problem:
    """One thing wrong with a dossier, pointing at where it is.

    Attributes:
        file: The file the problem is in, as given to the loader.
        line: 1-based line number, or None when the problem has no place in a file.
        column: 1-based column number, or None with ``line``.
        path: Where in the YAML document, with key names: ``$.rounds[2].positions[0].preferred``.
        message: What is wrong, lowercase, with the offending value in ``repr``.
        also: The other places with the same cause, in file order, each ``(file, line, column,
            path)``: an unknown id used 45 times is one problem at its first place, and 44 here.
            ``str(problem)`` lists the first five and counts the rest.
    """

    file: str
    line: int | None
    column: int | None
    path: str
    message: str
    also: tuple[tuple[str, int | None, int | None, str], ...] = ()

    def __str__(self) -> str:
        """``file:line:col: path: message``, with any control character in it replaced."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column if self.column is not None else 1}"
        if self.path and self.path != "$":
            return plain(f"{where}: {self.path}: {self.text}")
        return plain(f"{where}: {self.text}")

    @property
    def text(self) -> str:
        """The message and, if there are any, the other places: ``...; also at 12:7 (2 in all)``."""
        if not self.also:
            return self.message
        shown = []
        for file, line, column, path in self.also[:_PLACES_SHOWN]:
            place = path if line is None else f"{line}:{column if column is not None else 1}"
            shown.append(place if file == self.file else f"{file}:{place}")
        more = len(self.also) - len(shown)
        listed = ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1]
        if more:
            listed = f"{', '.join(shown)} and {more:,} more place{'s' if more > 1 else ''}"
        return f"{self.message}; also at {listed} ({len(self.also) + 1:,} in all)"


class LoadError(NegotrackError, ValueError):
    """A dossier could not be loaded; ``problems`` lists everything that is wrong."""

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[LoadError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


_LISTED = 12


class UnknownIdError(NegotrackError, KeyError):
    """A lookup by id named something the dossier does not have."""

    def __init__(self, kind: str, wanted: str, known: Sequence[str]) -> None:
        self.kind = kind
        self.wanted = wanted
        self.known = tuple(known)
        listed = ", ".join(repr(k) for k in self.known[:_LISTED])
        more = f" and {len(self.known) - _LISTED} more" if len(self.known) > _LISTED else ""
        there = f"; the dossier has {listed}{more}" if self.known else "; the dossier has none"
        super().__init__(f"unknown {kind} {wanted!r}{did_you_mean(wanted, known)}{there}")

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[type[UnknownIdError], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (self.kind, self.wanted, self.known))


def did_you_mean(wanted: str, known: Iterable[str] | Suggester) -> str:
    """Return `` (did you mean 'x'?)`` for a known name close enough to be a typo, else ``""``.

    The rule is `closest`'s. Give a `Suggester` where many names are looked up in one set.
    """
    found = known.closest(wanted) if isinstance(known, Suggester) else closest(wanted, known)
    return f" (did you mean {found!r}?)" if found is not None else ""


# -- what counts as a typo ------------------------------------------------------------------------

_DIGITS: Final = frozenset("0123456789")
#: Above this many entries a `Suggester` looks for one-edit typos only (see `Suggester`).
_DEEP_BUDGET: Final = 300_000


def edit_limit(length: int) -> int:
    """How many edits a name of ``length`` characters may be from the one suggested for it."""
    return 0 if length <= 2 else 1 if length <= 7 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """The edits from a to b: insert, delete, replace, or swap two neighbours.

    ``limit + 1`` as soon as it is known to be more than ``limit``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    before: list[int] = []
    above = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            cost = above[j - 1] + (x != y)
            cost = min(cost, above[j] + 1, row[j - 1] + 1)
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y and x != y:
                cost = min(cost, before[j - 2] + 1)
            row.append(cost)
        if min(row) > limit:
            return limit + 1
        before, above = above, row
    return min(above[-1], limit + 1)


def _rank(wanted: str, known: str) -> tuple[int, int] | None:
    """How close a known name (casefolded) is to the wanted one, or None when it is no typo of it.

    Within `edit_limit` edits; a name of up to four characters, or two edits away, starts with
    the same character; and never a name that differs only in digits (``r12`` and ``r13``,
    ``2023-08-01`` and ``2023-08-02``): that is another round, day or statement, not a typo.
    """
    limit = edit_limit(len(wanted))
    distance = edit_distance(wanted, known, limit)
    if distance > limit:
        return None
    if (distance == 2 or len(wanted) <= 4) and wanted[:1] != known[:1]:
        return None
    if distance and _renumbered(wanted, known):
        return None
    prefix = 0
    for x, y in zip(wanted, known, strict=False):
        if x != y:
            break
        prefix += 1
    return (distance, -prefix)


def _renumbered(a: str, b: str) -> bool:
    """Whether two names differ only in digits, at the same places."""
    return len(a) == len(b) and all(
        x == y or (x in _DIGITS and y in _DIGITS) for x, y in zip(a, b, strict=True)
    )


def closest(wanted: str, known: Iterable[str]) -> str | None:
    """The known name the wanted one is most likely a typo of, or None.

    Letter case is ignored. A name is suggested when it is at most `edit_limit` edits away
    (none for one or two characters, one up to seven, two from eight), an edit being a
    character inserted, deleted or replaced, or two neighbours swapped; when a name of up to four
    characters or two edits away starts with the same character; and never when the two differ
    only in digits. Of several, the fewest edits, then the longest common start, then the first.
    """
    folded = wanted.casefold()
    best: tuple[int, int] | None = None
    found: str | None = None
    for name in known:
        if name == wanted:
            continue
        rank = _rank(folded, name.casefold())
        if rank is not None and (best is None or rank < best):
            best, found = rank, name
    return found


class Suggester:
    """`closest` over one set of names, indexed: for many lookups in a large set.

    The index holds each name (casefolded) and what is left of it with one character deleted;
    a second one, built the first time a name of eight or more characters is looked up, what is
    left with two deleted of the names of six or more. Two names within two edits leave a common
    string when at most two characters are deleted from each, so a lookup, deleting from the
    wanted name in the same way, compares it only with the names it shares a string with; each
    wanted name is looked up once. Where two deletions would index more than 300,000 strings,
    only one is: a typo one edit away is still always found.
    """

    __slots__ = ("_cache", "_far", "_folded", "_names", "_near")

    def __init__(self, known: Iterable[str]) -> None:
        self._names = list(dict.fromkeys(known))
        self._folded: list[str] = []
        self._near: dict[str, list[int]] | None = None
        self._far: dict[str, list[int]] | None = None
        self._cache: dict[str, str | None] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def closest(self, wanted: str) -> str | None:
        """What `closest` gives for ``wanted`` and the names of this set."""
        if wanted in self._cache:
            return self._cache[wanted]
        if self._near is None:
            self._folded = [name.casefold() for name in self._names]
            self._near = _index(self._folded, 1, 0)
        folded = wanted.casefold()
        indexes = [self._near]
        if edit_limit(len(folded)) == 2:
            if self._far is None:
                long = [f for f in self._folded if len(f) >= 6]
                fits = sum(len(f) * (len(f) - 1) // 2 for f in long) <= _DEEP_BUDGET
                self._far = _index(self._folded, 2, 6) if fits else {}
            indexes.append(self._far)
        variants = _deletions(folded, len(indexes))
        seen = {n for index in indexes for v in variants for n in index.get(v, ())}
        best: tuple[int, int, int] | None = None
        for position in seen:
            if self._names[position] == wanted:
                continue
            rank = _rank(folded, self._folded[position])
            if rank is not None and (best is None or (*rank, position) < best):
                best = (*rank, position)
        found = None if best is None else self._names[best[2]]
        self._cache[wanted] = found
        return found


def _index(names: list[str], deleted: int, shortest: int) -> dict[str, list[int]]:
    """Each string left of a name by deleting characters, to the places of the names it is of.

    Up to one deleted for the index of one; exactly two, of names of ``shortest`` characters or
    more, for the index of two.
    """
    index: dict[str, list[int]] = {}
    for position, name in enumerate(names):
        if len(name) >= shortest:
            variants = _deletions(name, 1) if deleted == 1 else _two_deleted(name)
            for variant in variants:
                index.setdefault(variant, []).append(position)
    return index


def _two_deleted(text: str) -> set[str]:
    """Every string left of ``text`` by deleting exactly two characters, made once each.

    Half the work of deleting one, then one more, from each of those; a string that is also one
    deletion away (``aab``) may be in both indexes, which a lookup, taking the union, ignores.
    """
    return {
        text[:i] + text[i + 1 : j] + text[j + 1 :]
        for i in range(len(text))
        for j in range(i + 1, len(text))
    }


def _deletions(text: str, depth: int) -> set[str]:
    """``text`` and every string left of it by deleting up to ``depth`` characters."""
    found = {text}
    layer = found
    for _ in range(depth):
        layer = {v[:i] + v[i + 1 :] for v in layer for i in range(len(v))}
        found |= layer
    return found
