"""Field metadata shared by every model class: the help text editors and the docs show, and bounds.

Every class of the model is a frozen, slotted attrs class whose field names are the YAML keys.
Each field carries a ``description`` in its metadata: the JSON Schemas and the reference docs are
generated from it, and the loader's checks read the bounds from it.
"""

from __future__ import annotations

__all__ = [
    "describe",
]


def describe(
    text: str, *, minimum: float | None = None, maximum: float | None = None
) -> dict[str, object]:
    """Field metadata: the help text shown by editors and the docs, and any bounds on a number.

    The JSON Schemas and the loader's checks both read the bounds from here.
    """
    meta: dict[str, object] = {"description": text}
    if minimum is not None:
        meta["minimum"] = minimum
    if maximum is not None:
        meta["maximum"] = maximum
    return meta
