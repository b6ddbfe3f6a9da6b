"""negotrack: what each party to a negotiation wants, round by round, and what moved.

Load a dossier with `load`, look things up on the `Negotiation` it returns, and write it back
with `save`. Every error negotrack raises on purpose is a `NegotrackError`.
"""

# The public names are imported on first use, so that ``import negotrack`` (and the command
# line's start-up) stays fast: cattrs, PyYAML and the checks load only when a dossier does.

from __future__ import annotations

import sys

# not `typing.TYPE_CHECKING`: importing typing costs a few milliseconds of every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Validation": "negotrack.files",
    "validate": "negotrack.files",
    "PersonRole": "negotrack.model",
    "Role": "negotrack.model",
    "RoleKind": "negotrack.model",
    "SpecialPoint": "negotrack.model",
    "Mark": "negotrack.model",
    "Alternative": "negotrack.model",
    "Amendment": "negotrack.model",
    "AmendmentOutcome": "negotrack.model",
    "Draft": "negotrack.model",
    "ApproxDate": "negotrack.model",
    "PartialDate": "negotrack.model",
    "Precision": "negotrack.model",
    "Acceptable": "negotrack.model",
    "Basis": "negotrack.model",
    "Carried": "negotrack.diff",
    "CategoricalScale": "negotrack.model",
    "Change": "negotrack.diff",
    "ChangeKind": "negotrack.diff",
    "Condition": "negotrack.model",
    "Confidence": "negotrack.model",
    "ContextEvent": "negotrack.model",
    "Diff": "negotrack.diff",
    "Direction": "negotrack.diff",
    "Effective": "negotrack.model",
    "HtmlRenderer": "negotrack.report",
    "Interval": "negotrack.model",
    "Issue": "negotrack.model",
    "IssueMeasures": "negotrack.diff",
    "IssueTimeline": "negotrack.diff",
    "JsonRenderer": "negotrack.report",
    "LoadError": "negotrack.model",
    "MarkdownRenderer": "negotrack.report",
    "Meaning": "negotrack.diff",
    "Membership": "negotrack.model",
    "Moment": "negotrack.model",
    "MomentKind": "negotrack.model",
    "MissingExtraError": "negotrack.model",
    "Negotiation": "negotrack.model",
    "NegotrackError": "negotrack.model",
    "NotComparableError": "negotrack.diff",
    "NumericScale": "negotrack.model",
    "Option": "negotrack.model",
    "OrdinalScale": "negotrack.model",
    "Party": "negotrack.model",
    "PartyKind": "negotrack.model",
    "Person": "negotrack.model",
    "Position": "negotrack.model",
    "Problem": "negotrack.model",
    "Proposal": "negotrack.model",
    "RedLine": "negotrack.model",
    "Reliability": "negotrack.model",
    "Round": "negotrack.model",
    "RoundFormat": "negotrack.model",
    "SaveError": "negotrack.files",
    "Scale": "negotrack.model",
    "Side": "negotrack.model",
    "Source": "negotrack.model",
    "SourceKind": "negotrack.model",
    "Stance": "negotrack.model",
    "StanceLevel": "negotrack.model",
    "Statement": "negotrack.model",
    "Term": "negotrack.model",
    "TermStatus": "negotrack.model",
    "TextCounts": "negotrack.model",
    "TextRenderer": "negotrack.report",
    "Table": "negotrack.diff",
    "IssueVerdict": "negotrack.diff",
    "Reading": "negotrack.diff",
    "ReadingKind": "negotrack.diff",
    "issue_verdicts": "negotrack.diff",
    "readings": "negotrack.diff",
    "Timeline": "negotrack.diff",
    "TimelinePoint": "negotrack.diff",
    "Toward": "negotrack.diff",
    "TurningPoint": "negotrack.diff",
    "UnknownIdError": "negotrack.model",
    "Value": "negotrack.model",
    "Revision": "negotrack.diff",
    "Verdict": "negotrack.diff",
    "WeightError": "negotrack.model",
    "chronology": "negotrack.model",
    "compare": "negotrack.diff",
    "compare_versions": "negotrack.diff",
    "count_brackets": "negotrack.model",
    "dump": "negotrack.files",
    "export_decide": "negotrack.interop",
    "export_rows": "negotrack.interop",
    "column_types": "negotrack.interop",
    "import_decide": "negotrack.interop",
    "import_tables": "negotrack.interop",
    "import_actor_table": "negotrack.interop",
    "export_actor_table": "negotrack.interop",
    "import_deu": "negotrack.interop",
    "ImportResult": "negotrack.interop",
    "load": "negotrack.files",
    "loads": "negotrack.files",
    "measure_round": "negotrack.diff",
    "measure_tables": "negotrack.diff",
    "pairwise_gaps": "negotrack.diff",
    "plot_issue": "negotrack.interop",
    "renderer_for": "negotrack.report",
    "save": "negotrack.files",
    "timeline": "negotrack.diff",
    "to_csv": "negotrack.interop",
    "to_frame": "negotrack.interop",
    "to_json": "negotrack.interop",
    "verdict": "negotrack.diff",
    "Backtest": "negotrack.diff",
    "Forecast": "negotrack.diff",
    "ForecastModel": "negotrack.diff",
    "IssueForecast": "negotrack.diff",
    "IssueScore": "negotrack.diff",
    "ModelScore": "negotrack.diff",
    "backtest": "negotrack.diff",
    "forecast": "negotrack.diff",
}

__all__ = [
    "Acceptable",
    "Alternative",
    "Amendment",
    "AmendmentOutcome",
    "ApproxDate",
    "Backtest",
    "Basis",
    "Carried",
    "CategoricalScale",
    "Change",
    "ChangeKind",
    "Condition",
    "Confidence",
    "ContextEvent",
    "Diff",
    "Direction",
    "Draft",
    "Effective",
    "Forecast",
    "ForecastModel",
    "HtmlRenderer",
    "ImportResult",
    "Interval",
    "Issue",
    "IssueForecast",
    "IssueMeasures",
    "IssueScore",
    "IssueTimeline",
    "IssueVerdict",
    "JsonRenderer",
    "LoadError",
    "Mark",
    "MarkdownRenderer",
    "Meaning",
    "Membership",
    "MissingExtraError",
    "ModelScore",
    "Moment",
    "MomentKind",
    "Negotiation",
    "NegotrackError",
    "NotComparableError",
    "NumericScale",
    "Option",
    "OrdinalScale",
    "PartialDate",
    "Party",
    "PartyKind",
    "Person",
    "PersonRole",
    "Position",
    "Precision",
    "Problem",
    "Proposal",
    "Reading",
    "ReadingKind",
    "RedLine",
    "Reliability",
    "Revision",
    "Role",
    "RoleKind",
    "Round",
    "RoundFormat",
    "SaveError",
    "Scale",
    "Side",
    "Source",
    "SourceKind",
    "SpecialPoint",
    "Stance",
    "StanceLevel",
    "Statement",
    "Table",
    "Term",
    "TermStatus",
    "TextCounts",
    "TextRenderer",
    "Timeline",
    "TimelinePoint",
    "Toward",
    "TurningPoint",
    "UnknownIdError",
    "Validation",
    "Value",
    "Verdict",
    "WeightError",
    "backtest",
    "chronology",
    "column_types",
    "compare",
    "compare_versions",
    "count_brackets",
    "dump",
    "export_actor_table",
    "export_decide",
    "export_rows",
    "forecast",
    "import_actor_table",
    "import_decide",
    "import_deu",
    "import_tables",
    "issue_verdicts",
    "load",
    "loads",
    "measure_round",
    "measure_tables",
    "pairwise_gaps",
    "plot_issue",
    "readings",
    "renderer_for",
    "save",
    "timeline",
    "to_csv",
    "to_frame",
    "to_json",
    "validate",
    "verdict",
]


def _notebook_view(value: object, form: str) -> str | None:
    """A value as a notebook shows it; the renderers load only when a notebook asks."""
    from negotrack.report._notebook import view  # noqa: PLC0415

    return view(value, form)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'negotrack' has no attribute {name!r}")
    __import__(module)
    value = getattr(sys.modules[module], name)
    globals()[name] = value
    # every layer imports the model, so setting the notebook view costs nothing now
    from negotrack.model._display import set_view  # noqa: PLC0415

    set_view(_notebook_view)
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:
    # for type checkers: each layer's public names, re-exported (its __all__)
    from negotrack.diff import *  # noqa: F403
    from negotrack.files import *  # noqa: F403
    from negotrack.interop import *  # noqa: F403
    from negotrack.model import *  # noqa: F403
    from negotrack.report import *  # noqa: F403
