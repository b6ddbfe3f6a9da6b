"""Problems given their places: located in their files, one per cause, at most 200 to a file.

The checks and the structuring find problems as YAML paths, with messages that may be written
only when shown (a did-you-mean is worth computing for the problems listed, not for 100,000).
`place` reads each file once more to put a line and column on each path (`locate_paths`),
reports the problems of one cause (an unknown id used 45 times) once, at their first place with
the others listed, keeps the first `MAX_PER_FILE` of each file in file order and counts the
rest. Past the first `MAX_PER_FILE`, a file is read only as far as the places of the problems
kept, and only the messages of those are written.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Final

from negotrack.files._yaml import format_path
from negotrack.model._errors import Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Hashable, Mapping, Sequence

    from negotrack.files._check_context import Located, YamlPath

__all__ = ["MAX_PER_FILE", "capped", "place", "text_of"]

#: The most problems (or notes) listed for one file; the rest are counted.
MAX_PER_FILE: Final = 200

#: One file to place problems in: its name, its bytes, the problems found in it, the paths whose
#: key (rather than value) is at fault, and how many more problems it has that are not listed
#: because as many come before each of them as are listed (`FieldProblem.hidden`).
Document = tuple[str, bytes, "Sequence[Located]", "Collection[YamlPath]", int]


def text_of(message: str | Callable[[], str]) -> str:
    """A message as text: written now when it was left to be written when shown."""
    return message if isinstance(message, str) else message()


def capped(problems: Sequence[Problem], file: str, noun: str = "problems") -> list[Problem]:
    """The first `MAX_PER_FILE` of one file's problems, and a line counting the rest."""
    return [*problems[:MAX_PER_FILE], *_rest(file, len(problems), noun)]


def _rest(file: str, count: int, noun: str) -> list[Problem]:
    """The line that counts a file's problems past the first `MAX_PER_FILE`, if there are any."""
    if count <= MAX_PER_FILE:
        return []
    rest = count - MAX_PER_FILE
    return [Problem(file, None, None, "$", f"... and {rest:,} more {noun} in this file")]


def _head(located: Located) -> Hashable:
    """What makes problems one: their cause, else the problem itself."""
    return located.cause if located.cause is not None else id(located)


class _Heads:
    """Which problems each file reports: the first `MAX_PER_FILE` causes met in it, in order."""

    def __init__(self, round_ids: Mapping[str, Sequence[object]]) -> None:
        self.round_ids = round_ids  # of single files: their problems are read in their rounds
        self.kept: set[Hashable] = set()  # reported, in whatever file they were met first
        self.seen: set[Hashable] = set()
        self.places: list[tuple[int, int, int, int, Located]] = []  # (file, line, col, n, it)

    def walk(self, number: int, document: Document) -> int:
        """Place what file ``number`` reports; return how many causes are met first in it."""
        from negotrack.files._locate import locate_paths  # noqa: PLC0415 - only with problems
        from negotrack.files._spans import locate_in_rounds  # noqa: PLC0415

        file, data, found, at_key, _ = document
        fresh = {_head(located) for located in found} - self.seen
        at: dict[YamlPath, list[Located]] = {}
        for located in found:
            at.setdefault(located.path, []).append(located)
        enough = None
        if len(fresh) > MAX_PER_FILE:  # more than is reported: read only as far as needed
            enough = self._enough(found, fresh, at)
        else:
            self.kept |= fresh
        round_ids = self.round_ids.get(file)
        locations = None
        if enough is None and round_ids is not None:
            locations = locate_in_rounds(data, list(at), round_ids)
        if locations is None:
            locations = locate_paths(data, list(at), enough)
        kept, places = self.kept, self.places
        for located in found:
            if _head(located) in kept:
                where = locations.exact(located.path, key=located.path in at_key)
                if where is not None:
                    places.append((number, *where, len(places), located))
        self.seen |= fresh
        return len(fresh)

    def _enough(
        self,
        found: Sequence[Located],
        fresh: set[Hashable],
        at: dict[YamlPath, list[Located]],
    ) -> Callable[[YamlPath], bool]:
        """Told each path as it is found, in file order: whether every place reported is found.

        The first `MAX_PER_FILE` causes met first in this file are kept as they are found;
        every place of a cause kept must be found before the reading may stop.
        """
        counts: Counter[Hashable] = Counter(
            located.cause for located in found if located.cause is not None
        )
        outstanding = sum(counts[head] for head in self.kept)
        kept_here = 0

        def enough(path: YamlPath) -> bool:
            nonlocal outstanding, kept_here
            for located in at[path]:
                head = _head(located)
                if head in self.kept:
                    outstanding -= 1
                elif head in fresh and kept_here < MAX_PER_FILE:
                    self.kept.add(head)
                    kept_here += 1
                    outstanding += counts[head] - 1 if located.cause is not None else 0
            return kept_here >= MAX_PER_FILE and outstanding <= 0

        return enough


def place(
    documents: Sequence[Document],
    noun: str = "problems",
    round_ids: Mapping[str, Sequence[object]] | None = None,
) -> list[Problem]:
    """The problems of each document, placed, one per cause, capped, in file order.

    Args:
        documents: Each file, in the order the dossier reads them.
        noun: What the cap line counts: ``problems`` or ``notes``.
        round_ids: For a single-file dossier, the ids its rounds were parsed with, by file:
            a problem in a round is then located reading that round's lines only.

    Problems with the same ``cause`` are one problem, wherever they are in the dossier: it is
    reported in the file of its first place, and lists the others.
    """
    heads = _Heads(round_ids or {})
    met = [heads.walk(n, doc) if doc[2] else 0 for n, doc in enumerate(documents)]
    heads.places.sort(key=lambda p: p[:4])
    groups: dict[Hashable, list[tuple[int, int, int, int, Located]]] = {}
    for entry in heads.places:
        groups.setdefault(_head(entry[4]), []).append(entry)
    by_file: list[list[list[tuple[int, int, int, int, Located]]]] = [[] for _ in documents]
    for group in groups.values():
        by_file[group[0][0]].append(group)
    placed: list[Problem] = []
    for (file, _, _, _, hidden), mine, count in zip(documents, by_file, met, strict=True):
        placed += [_problem(group, documents) for group in mine[:MAX_PER_FILE]]
        placed += _rest(file, count + hidden, noun)
    return placed


def _problem(
    group: list[tuple[int, int, int, int, Located]], documents: Sequence[Document]
) -> Problem:
    number, line, column, _, first = group[0]
    also = tuple(
        (documents[n][0], ln, col, format_path(located.path))
        for n, ln, col, _, located in group[1:]
    )
    return Problem(
        documents[number][0], line, column, format_path(first.path), text_of(first.message), also
    )
