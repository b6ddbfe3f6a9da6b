"""The negotrack exception family and the problems a load reports."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import attrs

from negotrack.model._plain import plain

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "LoadError",
    "MissingExtraError",
    "NegotrackError",
    "Problem",
    "UnknownIdError",
    "WeightError",
    "did_you_mean",
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


@attrs.frozen
class Problem:
    """One thing wrong with a dossier, pointing at where it is.

    Attributes:
        file: The file the problem is in, as given to the loader.
        line: 1-based line number, or None when the problem has no place in a file.
        column: 1-based column number, or None with ``line``.
        path: Where in the YAML document, with key names: ``$.rounds[2].positions[0].preferred``.
        message: What is wrong, lowercase, with the offending value in ``repr``.
    """

    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    def __str__(self) -> str:
        """``file:line:col: path: message``, with any control character in it replaced."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column if self.column is not None else 1}"
        if self.path and self.path != "$":
            return plain(f"{where}: {self.path}: {self.message}")
        return plain(f"{where}: {self.message}")


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


def did_you_mean(wanted: str, known: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest known name, or an empty string."""
    close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
