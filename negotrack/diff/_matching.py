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
    """Red lines added (hardening), dropped (concession), reworded, narrowed or widened.

    A red line followed across the rounds (by id or text) that rules out fewer values is
    narrowed, a concession; one that rules out more is widened, hardening. One that rules out
    some values it did not and no longer some it did is both.
    """
    pairs, dropped, added = match(old, new)
    for a, b in pairs:
        if a.text != b.text:
            yield Change(
                kind=ChangeKind.RED_LINE_REWORDED,
                before=a.text,
                after=b.text,
                detail=word_diff(a.text, b.text),
                evidence=evidence,
                **base,
            )
        narrowed, widened = _ruled_out_moves(a, b)
        for kind, meaning, moved in (
            (ChangeKind.RED_LINE_NARROWED, Meaning.CONCESSION, narrowed),
            (ChangeKind.RED_LINE_WIDENED, Meaning.HARDENING, widened),
        ):
            if moved:
                yield Change(
                    kind=kind, before=a, after=b, meaning=meaning, evidence=evidence, **base
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


def _ruled_out_moves(a: RedLine, b: RedLine) -> tuple[bool, bool]:
    """Whether red line ``b`` no longer rules out some values ``a`` did, and rules out new ones.

    Options compare as sets. A ``below`` bound rules out less as it falls (and nothing once
    gone), an ``above`` bound as it rises.
    """
    narrowed = bool(set(a.options) - set(b.options))
    widened = bool(set(b.options) - set(a.options))
    for old, new, sign in ((a.below, b.below, 1), (a.above, b.above, -1)):
        if old == new:
            continue
        if new is None or (old is not None and (new - old) * sign < 0):
            narrowed = True
        else:
            widened = True
    return narrowed, widened


def condition_changes(
    old: Sequence[Condition],
    new: Sequence[Condition],
    base: Mapping[str, Any],
    evidence: tuple[str, ...],
) -> Iterator[Change]:
    """Conditions added (hardening), dropped (concession), reworded or met, and linkage changes.

    A condition marked met is neither: the party got what it asked for, and it stays on the
    record. Meeting it, or its ceasing to be met, is neutral.
    """
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
        if a.met != b.met:
            kind = ChangeKind.CONDITION_MET if b.met else ChangeKind.CONDITION_UNMET
            yield Change(kind=kind, after=b.text, evidence=evidence, **base)
        yield from _linkage(a, b, b.text, base, evidence)
    for item in added:
        yield Change(
            kind=ChangeKind.CONDITION_ADDED,
            after=item.text,
            meaning=Meaning.HARDENING,
            evidence=evidence,
            **base,
        )
        yield from _linkage(None, item, item.text, base, evidence)
    for item in dropped:
        yield Change(
            kind=ChangeKind.CONDITION_DROPPED,
            before=item.text,
            meaning=Meaning.CONCESSION,
            evidence=evidence,
            **base,
        )
        yield from _linkage(item, None, item.text, base, evidence)


def _links(condition: Condition | None) -> dict[str | None, Any]:
    """What a condition is linked to, by the ``field`` a linkage change names (None: an issue)."""
    if condition is None:
        return {}
    return {
        None: condition.linked_issue,
        "linked_proposal": condition.linked_proposal,
        "linked_package": True if condition.linked_package else None,
    }


def _linkage(
    before: Condition | None,
    after: Condition | None,
    text: str,
    base: Mapping[str, Any],
    evidence: tuple[str, ...],
) -> Iterator[Change]:
    """A condition's links to another issue, a proposal or the whole package, dropped or added.

    ``text`` is the condition's, kept as the change's ``detail``; ``field`` says what the link
    is to when it is not an issue: ``linked_proposal`` (the proposal's id), ``linked_package``.
    """
    old, new = _links(before), _links(after)
    for field in (None, "linked_proposal", "linked_package"):
        a, b = old.get(field), new.get(field)
        if a == b:
            continue
        if a is not None:
            yield Change(
                kind=ChangeKind.LINKAGE_DROPPED,
                before=a,
                detail=text,
                evidence=evidence,
                field=field,
                **base,
            )
        if b is not None:
            yield Change(
                kind=ChangeKind.LINKAGE_ADDED,
                after=b,
                detail=text,
                evidence=evidence,
                field=field,
                **base,
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
