"""Diffs and timelines as plain data: the body of the JSON reports and of the golden test files.

A diff's shape is versioned by `DIFF_FORMAT` and described by ``schemas/diff.schema.json``; a
timeline's (the whole-story report) by `REPORT_FORMAT` and ``schemas/report.schema.json``.
Everything is JSON-ready: enums become their values, dates ISO text, intervals ``{min, max}``,
tuples lists. In a diff, keys with no value are left out and the changes keep the diff's own
deterministic order; in a report, every key is always there (null when it has no value), in a
fixed order, and every float is rounded to six places.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.model._chronology import MomentKind, chronology

if TYPE_CHECKING:
    from collections.abc import Callable

    from negotrack.diff._changes import Change, Diff
    from negotrack.diff._measures import IssueMeasures
    from negotrack.diff._readings import Reading
    from negotrack.diff._revisions import Revision
    from negotrack.diff._timeline import IssueTimeline, Timeline
    from negotrack.diff._verdicts import IssueVerdict
    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Acceptable, Position
    from negotrack.model._rounds import Round

__all__ = [
    "DIFF_FORMAT",
    "REPORT_FORMAT",
    "change_data",
    "diff_data",
    "measures_data",
    "plain",
    "timeline_data",
]

#: The format name and version written into every JSON diff.
DIFF_FORMAT: Final = "negotrack-diff/1"

#: The format name and version written into every JSON report and timeline.
REPORT_FORMAT: Final = "negotrack-report/2"

#: Decimal places kept in the floats of a report.
PLACES: Final = 6


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
    for key in ("party", "issue", "proposal", "term", "table"):
        value = getattr(change, key)
        if value is not None:
            data[key] = value
    if change.by:
        data["by"] = list(change.by)
    for key in ("subject", "subject_id", "field", "round"):
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


def diff_data(diff: Diff, negotiation: Negotiation) -> dict[str, Any]:
    """A whole diff as a mapping, headed by its format and version.

    A round diff of ``negotiation`` also holds its readings (with their headlines) and the
    like-for-like verdicts of the issues it measures; a version diff has an empty list and map.
    """
    from negotrack.diff._measures import verdict  # noqa: PLC0415 - measures are optional here
    from negotrack.report._reading_words import diff_readings, diff_verdicts  # noqa: PLC0415

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
        "tables": [
            {
                "issue": table.issue,
                "parties": [table.first, table.second],
                "before": measures_data(a),
                "after": measures_data(b),
                "verdict": verdict(a, b).value,
            }
            for table, (a, b) in sorted(diff.tables.items())
        ],
        "readings": [
            _reading_data(s.reading, s.headline) for s in diff_readings(negotiation, diff)
        ],
        "verdicts": {
            issue: _verdict_data(v) for issue, v in sorted(diff_verdicts(negotiation, diff).items())
        },
        "revisions": [_revision_data(r) for r in diff.revisions],
    }


def _revision_data(revision: Revision) -> dict[str, Any]:
    """One reading an edit changed, as a mapping; the subject it is not about is left out."""
    data: dict[str, Any] = {"before": revision.before, "after": revision.after}
    data["party"] = revision.party
    subject = "issue" if revision.issue is not None else "proposal"
    data[subject] = revision.issue if revision.issue is not None else revision.proposal
    for key in ("old", "new"):
        kind = getattr(revision, key)
        data[key] = None if kind is None else kind.value
    data["because"] = revision.because
    return data


def _reading_data(reading: Reading, headline: str) -> dict[str, Any]:
    """One reading as a mapping; keys with no value are left out."""
    data: dict[str, Any] = {"party": reading.party}
    subject = "issue" if reading.issue is not None else "proposal"
    data[subject] = reading.issue if reading.issue is not None else reading.proposal
    data |= {"reading": reading.reading.value, "because": reading.because}
    for key in ("toward", "away"):
        if getattr(reading, key):
            data[key] = list(getattr(reading, key))
    data["headline"] = headline
    return data


def _verdict_data(verdict: IssueVerdict) -> dict[str, Any]:
    """One like-for-like verdict as a mapping; distances rounded, left out when not measured."""
    data: dict[str, Any] = {"verdict": verdict.verdict.value, "because": verdict.because}
    data["parties"] = list(verdict.parties)
    for key in ("before", "after"):
        value = getattr(verdict, key)
        if value is not None:
            data[key] = round(value, 6)
    return data


def timeline_data(negotiation: Negotiation, timeline: Timeline) -> dict[str, Any]:
    """A timeline as a mapping, headed by `REPORT_FORMAT`: the body of the JSON report.

    Holds the rounds (id, title, dates), the context events, the chronology (the rounds with
    the dossier's statements and events outside rounds where they fall), and per issue (in the
    timeline's order) its title, scale, each position where a round states it with the last
    round it is in force in (`in_force`), the measures of every round, the verdict, the
    turning points and the measures at each of its tables; then the ids of the converging
    issues, every proposal's story (`negotrack.report._dossier_data`) and every statement.
    """
    from negotrack.report._dossier_data import (  # noqa: PLC0415 - as run_verdicts
        point_records,
        proposals_data,
        statements_data,
    )
    from negotrack.report._reading_words import run_verdicts  # noqa: PLC0415 - diff is optional here

    issues = {issue_id: negotiation.issue(issue_id) for issue_id in timeline.issues}
    run = run_verdicts(negotiation, timeline)
    point_record = point_records()
    return {
        "format": REPORT_FORMAT,
        "negotiation": {"id": negotiation.id, "title": negotiation.title},
        "rounds": [_round_data(negotiation.round(round_id)) for round_id in timeline.rounds],
        "events": _events_data(negotiation),
        "chronology": [
            {"date": m.date.isoformat(), "kind": m.kind.value, "id": m.id, "after": m.after}
            for m in chronology(negotiation)
            if m.kind is not MomentKind.ROUND or m.id in timeline.rounds
        ],
        "issues": {
            issue_id: _issue_data(issues[issue_id], track, run.get(issue_id), point_record)
            for issue_id, track in timeline.issues.items()
        },
        "converging": [i for i in timeline.issues if _over_run(timeline, run, i) == "converging"],
        "proposals": proposals_data(negotiation, timeline),
        "statements": statements_data(negotiation),
    }


def _over_run(timeline: Timeline, run: dict[str, IssueVerdict], issue: str) -> str:
    found = run.get(issue)
    return (timeline.issues[issue].verdict if found is None else found.verdict).value


def _number(value: float | None) -> float | None:
    """A number rounded to `PLACES` (ints stay ints; -0.0 becomes 0.0)."""
    if value is None or isinstance(value, int):
        return value
    return round(value, PLACES) + 0.0


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _round_data(round_: Round) -> dict[str, Any]:
    return {
        "id": round_.id,
        "title": round_.title,
        "date": _date(round_.date),
        "start": _date(round_.start),
        "end": _date(round_.end),
    }


def _events_data(negotiation: Negotiation) -> list[dict[str, Any]]:
    """Every context event, the dossier's and each round's, by date then id."""
    events = [(event, None) for event in negotiation.events] + [
        (event, round_.id) for round_ in negotiation.rounds for event in round_.events
    ]
    return [
        {"id": event.id, "date": event.date.isoformat(), "title": event.title, "round": round_id}
        for event, round_id in sorted(events, key=lambda pair: (pair[0].date, pair[0].id))
    ]


def _scale_data(issue: Issue) -> dict[str, Any]:
    from negotrack.model._issues import NumericScale  # noqa: PLC0415 - keeps this module light

    scale = issue.scale
    if isinstance(scale, NumericScale):
        return {
            "kind": scale.kind,
            "min": _number(scale.min),
            "max": _number(scale.max),
            "unit": scale.unit,
        }
    return {
        "kind": scale.kind,
        "options": [{"id": option.id, "label": option.label} for option in scale.options],
    }


def _value_data(value: str | float | None) -> str | float | None:
    return value if isinstance(value, str) else _number(value)


def _acceptable_data(acceptable: Acceptable | None) -> Any:
    if acceptable is None or isinstance(acceptable, tuple):
        return None if acceptable is None else list(acceptable)
    return {"min": _number(acceptable.min), "max": _number(acceptable.max)}


def _report_measures(measures: IssueMeasures) -> dict[str, Any]:
    return {
        "round": measures.round,
        "parties": list(measures.parties),
        "gap": _number(measures.gap),
        "max_gap": _number(measures.max_gap),
        "zone": _acceptable_data(measures.zone),
        "zone_exists": measures.zone_exists,
        "zone_extent": _number(measures.zone_extent),
        "centre": _number(measures.centre),
        "dispersion": _number(measures.dispersion),
    }


def _issue_data(
    issue: Issue,
    track: IssueTimeline,
    over_run: IssueVerdict | None,
    record: Callable[[Position], dict[str, Any]],
) -> dict[str, Any]:
    from negotrack.report._dossier_data import in_force  # noqa: PLC0415 - as in timeline_data

    return {
        "title": issue.title,
        "scale": _scale_data(issue),
        "points": [
            {
                "round": p.round,
                "until": until,
                "party": p.party,
                "preferred": _value_data(p.position.preferred),
                "acceptable": _acceptable_data(p.position.acceptable),
                **record(p.position),
                "point": _number(p.point),
                "normalised": _number(p.normalised),
            }
            for p, until in in_force(track.points)
        ],
        "measures": [_report_measures(m) for m in track.measures],
        "verdict": (track.verdict if over_run is None else over_run.verdict).value,
        "because": "fewer than two rounds" if over_run is None else over_run.because,
        "turning_points": [
            {"round": t.round, "movement": _number(t.movement), "parties": list(t.parties)}
            for t in track.turning_points
        ],
        "tables": [
            {"parties": list(pair), "measures": [_report_measures(m) for m in measures]}
            for pair, measures in sorted(track.tables.items())
        ],
    }
