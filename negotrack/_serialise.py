"""Diffs as plain data: the body of the JSON report and of the golden test files.

The shape is versioned by `DIFF_FORMAT`; `schemas/diff.schema.json` describes it. Everything is
JSON-ready: enums become their values, intervals ``{min, max}``, tuples lists; keys with no value
are left out; the order of changes is the diff's own deterministic order.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any, Final

import attrs

if TYPE_CHECKING:
    from negotrack._changes import Change, Diff
    from negotrack._measures import IssueMeasures

__all__ = ["DIFF_FORMAT", "change_data", "diff_data", "plain"]

#: The format name and version written into every JSON diff.
DIFF_FORMAT: Final = "negotrack-diff/1"


def plain(value: Any) -> Any:  # noqa: PLR0911  (one branch per kind of value)
    """A model value as JSON-ready data."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if attrs.has(type(value)):
        return {
            f.name: plain(getattr(value, f.name))
            for f in attrs.fields(type(value))
            if getattr(value, f.name) not in (None, (), f.default)
            or f.name in ("kind", "min", "max")
        }
    return repr(value)  # pragma: no cover - every model value is handled above


def change_data(change: Change) -> dict[str, Any]:
    """One change as a mapping; keys with no value are left out."""
    data: dict[str, Any] = {"kind": change.kind.value, "meaning": change.meaning.value}
    for key in ("party", "issue", "proposal", "subject", "subject_id", "field", "round"):
        value = getattr(change, key)
        if value is not None:
            data[key] = value
    if change.before is not None:
        data["before"] = plain(change.before)
    if change.after is not None:
        data["after"] = plain(change.after)
    if change.magnitude is not None:
        data["magnitude"] = round(change.magnitude, 6)
    if change.normalised is not None:
        data["normalised"] = round(change.normalised, 6)
    if change.toward:
        data["toward"] = [
            {
                "party": t.party,
                "direction": t.direction.value,
                "distance_before": round(t.distance_before, 6),
                "distance_after": round(t.distance_after, 6),
            }
            for t in change.toward
        ]
    if change.evidence:
        data["evidence"] = list(change.evidence)
    if change.detail is not None:
        data["detail"] = change.detail
    return data


def measures_data(measures: IssueMeasures) -> dict[str, Any]:
    """Per-issue measures as a mapping, numbers rounded to six places."""
    data = plain(measures)
    return {k: round(v, 6) if isinstance(v, float) else v for k, v in data.items()}


def diff_data(diff: Diff) -> dict[str, Any]:
    """A whole diff as a mapping, headed by its format and version."""
    from negotrack._measures import verdict  # noqa: PLC0415 - measures are optional here

    return {
        "format": DIFF_FORMAT,
        "before": diff.before,
        "after": diff.after,
        "changes": [change_data(c) for c in diff.changes],
        "carried": [plain(c) for c in diff.carried],
        "issues": {
            issue: {
                "before": measures_data(a),
                "after": measures_data(b),
                "verdict": verdict(a, b).value,
            }
            for issue, (a, b) in sorted(diff.measures.items())
        },
    }
