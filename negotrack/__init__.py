"""negotrack: what each party to a negotiation wants, round by round, and what moved.

Load a dossier with `load`, look things up on the `Negotiation` it returns, and write it back
with `save`. Every error negotrack raises on purpose is a `NegotrackError`.
"""

# The public names are imported on first use, so that ``import negotrack`` (and the command
# line's start-up) stays fast: cattrs, PyYAML and the checks load only when a dossier does.

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Acceptable": "negotrack._rounds",
    "Basis": "negotrack._model",
    "Carried": "negotrack._changes",
    "CategoricalScale": "negotrack._model",
    "Change": "negotrack._changes",
    "ChangeKind": "negotrack._changes",
    "Condition": "negotrack._rounds",
    "Confidence": "negotrack._model",
    "ContextEvent": "negotrack._rounds",
    "Diff": "negotrack._changes",
    "Direction": "negotrack._changes",
    "Effective": "negotrack._negotiation",
    "HtmlRenderer": "negotrack._render_html",
    "Interval": "negotrack._rounds",
    "Issue": "negotrack._model",
    "IssueMeasures": "negotrack._measures",
    "IssueTimeline": "negotrack._timeline",
    "JsonRenderer": "negotrack._render_json",
    "LoadError": "negotrack._errors",
    "MarkdownRenderer": "negotrack._render_markdown",
    "Meaning": "negotrack._changes",
    "Membership": "negotrack._model",
    "MissingExtraError": "negotrack._render",
    "Negotiation": "negotrack._negotiation",
    "NegotrackError": "negotrack._errors",
    "NotComparableError": "negotrack._versions",
    "NumericScale": "negotrack._model",
    "Option": "negotrack._model",
    "OrdinalScale": "negotrack._model",
    "Party": "negotrack._model",
    "PartyKind": "negotrack._model",
    "Person": "negotrack._model",
    "Position": "negotrack._rounds",
    "Problem": "negotrack._errors",
    "Proposal": "negotrack._model",
    "RedLine": "negotrack._rounds",
    "Reliability": "negotrack._model",
    "Round": "negotrack._rounds",
    "RoundFormat": "negotrack._rounds",
    "SaveError": "negotrack._saving",
    "Scale": "negotrack._model",
    "Side": "negotrack._model",
    "Source": "negotrack._model",
    "SourceKind": "negotrack._model",
    "Stance": "negotrack._rounds",
    "StanceLevel": "negotrack._rounds",
    "Statement": "negotrack._model",
    "Term": "negotrack._model",
    "TermStatus": "negotrack._model",
    "TextRenderer": "negotrack._render_text",
    "Timeline": "negotrack._timeline",
    "TimelinePoint": "negotrack._timeline",
    "Toward": "negotrack._changes",
    "TurningPoint": "negotrack._timeline",
    "UnknownIdError": "negotrack._errors",
    "Value": "negotrack._model",
    "Verdict": "negotrack._measures",
    "compare": "negotrack._compare",
    "compare_versions": "negotrack._versions",
    "dump": "negotrack._saving",
    "export_rows": "negotrack._export",
    "load": "negotrack._loading",
    "loads": "negotrack._loading",
    "measure_round": "negotrack._measures",
    "pairwise_gaps": "negotrack._measures",
    "plot_issue": "negotrack._plot",
    "renderer_for": "negotrack._render",
    "save": "negotrack._saving",
    "timeline": "negotrack._timeline",
    "to_csv": "negotrack._export",
    "to_frame": "negotrack._frame",
    "to_json": "negotrack._export",
    "verdict": "negotrack._measures",
}

__all__ = [
    "Acceptable",
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
    "Effective",
    "HtmlRenderer",
    "Interval",
    "Issue",
    "IssueMeasures",
    "IssueTimeline",
    "JsonRenderer",
    "LoadError",
    "MarkdownRenderer",
    "Meaning",
    "Membership",
    "MissingExtraError",
    "Negotiation",
    "NegotrackError",
    "NotComparableError",
    "NumericScale",
    "Option",
    "OrdinalScale",
    "Party",
    "PartyKind",
    "Person",
    "Position",
    "Problem",
    "Proposal",
    "RedLine",
    "Reliability",
    "Round",
    "RoundFormat",
    "SaveError",
    "Scale",
    "Side",
    "Source",
    "SourceKind",
    "Stance",
    "StanceLevel",
    "Statement",
    "Term",
    "TermStatus",
    "TextRenderer",
    "Timeline",
    "TimelinePoint",
    "Toward",
    "TurningPoint",
    "UnknownIdError",
    "Value",
    "Verdict",
    "compare",
    "compare_versions",
    "dump",
    "export_rows",
    "load",
    "loads",
    "measure_round",
    "pairwise_gaps",
    "plot_issue",
    "renderer_for",
    "save",
    "timeline",
    "to_csv",
    "to_frame",
    "to_json",
    "verdict",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'negotrack' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:
    from negotrack._changes import (
        Carried as Carried,
    )
    from negotrack._changes import (
        Change as Change,
    )
    from negotrack._changes import (
        ChangeKind as ChangeKind,
    )
    from negotrack._changes import (
        Diff as Diff,
    )
    from negotrack._changes import (
        Direction as Direction,
    )
    from negotrack._changes import (
        Meaning as Meaning,
    )
    from negotrack._changes import (
        Toward as Toward,
    )
    from negotrack._compare import (
        compare as compare,
    )
    from negotrack._errors import (
        LoadError as LoadError,
    )
    from negotrack._errors import (
        NegotrackError as NegotrackError,
    )
    from negotrack._errors import (
        Problem as Problem,
    )
    from negotrack._errors import (
        UnknownIdError as UnknownIdError,
    )
    from negotrack._export import (
        export_rows as export_rows,
    )
    from negotrack._export import (
        to_csv as to_csv,
    )
    from negotrack._export import (
        to_json as to_json,
    )
    from negotrack._frame import (
        to_frame as to_frame,
    )
    from negotrack._loading import (
        load as load,
    )
    from negotrack._loading import (
        loads as loads,
    )
    from negotrack._measures import (
        IssueMeasures as IssueMeasures,
    )
    from negotrack._measures import (
        Verdict as Verdict,
    )
    from negotrack._measures import (
        measure_round as measure_round,
    )
    from negotrack._measures import (
        pairwise_gaps as pairwise_gaps,
    )
    from negotrack._measures import (
        verdict as verdict,
    )
    from negotrack._model import (
        Basis as Basis,
    )
    from negotrack._model import (
        CategoricalScale as CategoricalScale,
    )
    from negotrack._model import (
        Confidence as Confidence,
    )
    from negotrack._model import (
        Issue as Issue,
    )
    from negotrack._model import (
        Membership as Membership,
    )
    from negotrack._model import (
        NumericScale as NumericScale,
    )
    from negotrack._model import (
        Option as Option,
    )
    from negotrack._model import (
        OrdinalScale as OrdinalScale,
    )
    from negotrack._model import (
        Party as Party,
    )
    from negotrack._model import (
        PartyKind as PartyKind,
    )
    from negotrack._model import (
        Person as Person,
    )
    from negotrack._model import (
        Proposal as Proposal,
    )
    from negotrack._model import (
        Reliability as Reliability,
    )
    from negotrack._model import (
        Scale as Scale,
    )
    from negotrack._model import (
        Side as Side,
    )
    from negotrack._model import (
        Source as Source,
    )
    from negotrack._model import (
        SourceKind as SourceKind,
    )
    from negotrack._model import (
        Statement as Statement,
    )
    from negotrack._model import (
        Term as Term,
    )
    from negotrack._model import (
        TermStatus as TermStatus,
    )
    from negotrack._model import (
        Value as Value,
    )
    from negotrack._negotiation import (
        Effective as Effective,
    )
    from negotrack._negotiation import (
        Negotiation as Negotiation,
    )
    from negotrack._plot import (
        plot_issue as plot_issue,
    )
    from negotrack._render import (
        MissingExtraError as MissingExtraError,
    )
    from negotrack._render import (
        renderer_for as renderer_for,
    )
    from negotrack._render_html import (
        HtmlRenderer as HtmlRenderer,
    )
    from negotrack._render_json import (
        JsonRenderer as JsonRenderer,
    )
    from negotrack._render_markdown import (
        MarkdownRenderer as MarkdownRenderer,
    )
    from negotrack._render_text import (
        TextRenderer as TextRenderer,
    )
    from negotrack._rounds import (
        Acceptable as Acceptable,
    )
    from negotrack._rounds import (
        Condition as Condition,
    )
    from negotrack._rounds import (
        ContextEvent as ContextEvent,
    )
    from negotrack._rounds import (
        Interval as Interval,
    )
    from negotrack._rounds import (
        Position as Position,
    )
    from negotrack._rounds import (
        RedLine as RedLine,
    )
    from negotrack._rounds import (
        Round as Round,
    )
    from negotrack._rounds import (
        RoundFormat as RoundFormat,
    )
    from negotrack._rounds import (
        Stance as Stance,
    )
    from negotrack._rounds import (
        StanceLevel as StanceLevel,
    )
    from negotrack._saving import (
        SaveError as SaveError,
    )
    from negotrack._saving import (
        dump as dump,
    )
    from negotrack._saving import (
        save as save,
    )
    from negotrack._timeline import (
        IssueTimeline as IssueTimeline,
    )
    from negotrack._timeline import (
        Timeline as Timeline,
    )
    from negotrack._timeline import (
        TimelinePoint as TimelinePoint,
    )
    from negotrack._timeline import (
        TurningPoint as TurningPoint,
    )
    from negotrack._timeline import (
        timeline as timeline,
    )
    from negotrack._versions import (
        NotComparableError as NotComparableError,
    )
    from negotrack._versions import (
        compare_versions as compare_versions,
    )
