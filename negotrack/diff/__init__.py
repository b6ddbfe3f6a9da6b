"""Comparing rounds and versions: what moved, what it means, and whether the parties converge.

Above the model and the files (it never imports YAML). `negotrack.diff._compare` compares two
rounds and `._versions` two versions of a dossier (inside each round, `._version_rounds`; records
matched by id, `._edits`), both through the position differ (`._differ`) and the comparison of
draft texts (`._drafts`), with conditions and red lines matched in `._matching`; the change
types are in `._changes`, the per-issue measures (gap, zone of agreement, centre) in
`._measures` and the same per table in `._tables`, the readings per party and issue in
`._readings` and `._verdicts` (who faces whom in `._footing`), the whole run in
`._timeline`, and each issue's forecast outcome in `._forecast`, scored against the recorded
outcomes in `._backtest`.
"""

from __future__ import annotations

from negotrack.diff._backtest import Backtest, IssueScore, ModelScore, backtest
from negotrack.diff._changes import Carried, Change, ChangeKind, Diff, Direction, Meaning, Toward
from negotrack.diff._compare import compare
from negotrack.diff._forecast import Forecast, ForecastModel, IssueForecast, forecast
from negotrack.diff._measures import IssueMeasures, Verdict, measure_round, pairwise_gaps, verdict
from negotrack.diff._readings import Reading, ReadingKind
from negotrack.diff._revisions import Revision
from negotrack.diff._tables import Table, measure_tables
from negotrack.diff._timeline import IssueTimeline, Timeline, TimelinePoint, TurningPoint, timeline
from negotrack.diff._verdicts import IssueVerdict, issue_verdicts, readings
from negotrack.diff._versions import NotComparableError, compare_versions

__all__ = [
    "Backtest",
    "Carried",
    "Change",
    "ChangeKind",
    "Diff",
    "Direction",
    "Forecast",
    "ForecastModel",
    "IssueForecast",
    "IssueMeasures",
    "IssueScore",
    "IssueTimeline",
    "IssueVerdict",
    "Meaning",
    "ModelScore",
    "NotComparableError",
    "Reading",
    "ReadingKind",
    "Revision",
    "Table",
    "Timeline",
    "TimelinePoint",
    "Toward",
    "TurningPoint",
    "Verdict",
    "backtest",
    "compare",
    "compare_versions",
    "forecast",
    "issue_verdicts",
    "measure_round",
    "measure_tables",
    "pairwise_gaps",
    "readings",
    "timeline",
    "verdict",
]
