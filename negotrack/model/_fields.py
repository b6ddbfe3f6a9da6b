"""Field metadata shared by every model class: the help text editors and the docs show, and bounds.

Every class of the model is a frozen, slotted attrs class whose field names are the YAML keys.
Each field carries a ``description`` in its metadata: the JSON Schemas and the reference docs are
generated from it, and the loader's checks read the bounds from it. A field that holds ids of
other things says which kind in ``refers``: a dossier's own schemas (``negotrack schema
--dossier``) list that dossier's ids there, so an editor completes them and flags a misspelt one.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "REFERENCE_KINDS",
    "describe",
]

#: What a reference field may refer to. ``option`` is an option id of an issue (or a named point
#: of a numeric one), ``term`` the id of a proposal's term (its ``id``, else its issue).
REFERENCE_KINDS: Final = (
    "party",
    "person",
    "issue",
    "option",
    "proposal",
    "term",
    "statement",
    "source",
    "round",
)


def describe(
    text: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    refers: str | None = None,
) -> dict[str, object]:
    """Field metadata: the help text shown by editors and the docs, any bounds on a number.

    The JSON Schemas and the loader's checks both read the bounds from here. ``refers`` names
    the kind of id the field holds (one of `REFERENCE_KINDS`); in a field that holds a value
    (an option id or a number) or a list, it applies to the text in it.

    Raises:
        ValueError: If ``refers`` is not one of `REFERENCE_KINDS`.
    """
    meta: dict[str, object] = {"description": text}
    if minimum is not None:
        meta["minimum"] = minimum
    if maximum is not None:
        meta["maximum"] = maximum
    if refers is not None:
        if refers not in REFERENCE_KINDS:
            raise ValueError(f"unknown reference kind {refers!r}: one of {REFERENCE_KINDS}")
        meta["refers"] = refers
    return meta
