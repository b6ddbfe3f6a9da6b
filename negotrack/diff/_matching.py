"""Matching conditions and red lines across rounds, and word-level diffs of reworded text."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any, Final, TypeVar

from negotrack.diff._changes import Change, ChangeKind, Meaning
from negotrack.model._positions import Condition, RedLine

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from negotrack.model._positions import Position
    from negotrack.model._stances import Stance

__all__ = [
    "SIMILAR",
    "condition_changes",
    "grading_changes",
    "match",
    "red_line_changes",
    "similarity",
    "word_diff",
]

#: Texts at least this similar (0-1, by words) are taken as one condition reworded.
SIMILAR: Final = 0.6

_C = TypeVar("_C", Condition, RedLine)


def similarity(a: str, b: str) -> float:
    """How alike two texts are, word by word, from 0 to 1; the same whichever comes first."""
    words_a, words_b = a.split(), b.split()
    forward = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
    backward = difflib.SequenceMatcher(None, words_b, words_a, autojunk=False).ratio()
    return max(forward, backward)


def match(old: Sequence[_C], new: Sequence[_C]) -> tuple[list[tuple[_C, _C]], list[_C], list[_C]]:
    """Pair old and new items: by id where the author gave one, then equal text, then similar text.

    Returns the pairs, the old items left over (dropped) and the new ones left over (added).
    Pairing by similarity takes the most similar pairs first, ties broken by the texts, so
    swapping ``old`` and ``new`` gives the same pairs swapped.
    """
    pairs: list[tuple[_C, _C]] = []
    left_old = list(old)
    left_new = list(new)
    new_by_id = {item.id: item for item in left_new if item.id is not None}
    for item in list(left_old):
        if item.id is not None and item.id in new_by_id:
            partner = new_by_id[item.id]
            pairs.append((item, partner))
            left_old.remove(item)
            left_new.remove(partner)
    for item in list(left_old):
        partner_or_none = next(
            (n for n in left_new if n.text == item.text and (n.id is None or item.id is None)),
            None,
        )
        if partner_or_none is not None:
            pairs.append((item, partner_or_none))
            left_old.remove(item)
            left_new.remove(partner_or_none)
    candidates = sorted(
        (
            (-similarity(o.text, n.text), min(o.text, n.text), max(o.text, n.text), i, j)
            for i, o in enumerate(left_old)
            for j, n in enumerate(left_new)
            if (o.id is None or n.id is None)
        ),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, _, _, i, j in candidates:
        if -score < SIMILAR:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((left_old[i], left_new[j]))
    dropped = [o for i, o in enumerate(left_old) if i not in used_old]
    added = [n for j, n in enumerate(left_new) if j not in used_new]
    return pairs, dropped, added


def word_diff(old: str, new: str) -> str:
    """Mark what changed word by word: ``[-removed-]`` and ``{+added+}``, as wdiff does."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(a[i1:i2])
            continue
        if tag in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if tag in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def red_line_changes(
    old: Sequence[RedLine],
    new: Sequence[RedLine],
    base: Mapping[str, Any],
    evidence: tuple[str, ...],
) -> Iterator[Change]:
    """Red lines added (hardening), dropped (concession) or reworded between two states."""
    pairs, dropped, added = match(old, new)
    for a, b in pairs:
        if a != b:
            yield Change(
                kind=ChangeKind.RED_LINE_REWORDED,
                before=a.text,
                after=b.text,
                detail=word_diff(a.text, b.text),
                evidence=evidence,
                **base,
            )
    for item in added:
        yield Change(
            kind=ChangeKind.RED_LINE_ADDED,
            after=item.text,
            meaning=Meaning.HARDENING,
            evidence=evidence,
            **base,
        )
    for item in dropped:
        yield Change(
            kind=ChangeKind.RED_LINE_DROPPED,
            before=item.text,
            meaning=Meaning.CONCESSION,
            evidence=evidence,
            **base,
        )


def condition_changes(
    old: Sequence[Condition],
    new: Sequence[Condition],
    base: Mapping[str, Any],
    evidence: tuple[str, ...],
) -> Iterator[Change]:
    """Conditions added (hardening), dropped (concession) or reworded, and linkage changes."""
    pairs, dropped, added = match(old, new)
    for a, b in pairs:
        if a.text != b.text:
            yield Change(
                kind=ChangeKind.CONDITION_REWORDED,
                before=a.text,
                after=b.text,
                detail=word_diff(a.text, b.text),
                evidence=evidence,
                **base,
            )
        yield from _linkage(a.linked_issue, b.linked_issue, b.text, base, evidence)
    for item in added:
        yield Change(
            kind=ChangeKind.CONDITION_ADDED,
            after=item.text,
            meaning=Meaning.HARDENING,
            evidence=evidence,
            **base,
        )
        yield from _linkage(None, item.linked_issue, item.text, base, evidence)
    for item in dropped:
        yield Change(
            kind=ChangeKind.CONDITION_DROPPED,
            before=item.text,
            meaning=Meaning.CONCESSION,
            evidence=evidence,
            **base,
        )
        yield from _linkage(item.linked_issue, None, item.text, base, evidence)


def _linkage(
    before: str | None,
    after: str | None,
    text: str,
    base: Mapping[str, Any],
    evidence: tuple[str, ...],
) -> Iterator[Change]:
    """A condition's link to another issue dropped and/or added; ``text`` is the condition."""
    if before == after:
        return
    if before is not None:
        yield Change(
            kind=ChangeKind.LINKAGE_DROPPED, before=before, detail=text, evidence=evidence, **base
        )
    if after is not None:
        yield Change(
            kind=ChangeKind.LINKAGE_ADDED, after=after, detail=text, evidence=evidence, **base
        )


def grading_changes(
    a: Position | Stance, b: Position | Stance, base: Mapping[str, Any], evidence: tuple[str, ...]
) -> Iterator[Change]:
    """Changes of basis (stated, reported, inferred) and of analytic confidence."""
    if a.basis != b.basis:
        yield Change(
            kind=ChangeKind.BASIS_CHANGED, before=a.basis, after=b.basis, evidence=evidence, **base
        )
    if a.confidence != b.confidence:
        yield Change(
            kind=ChangeKind.CONFIDENCE_CHANGED,
            before=a.confidence,
            after=b.confidence,
            evidence=evidence,
            **base,
        )
