"""The JSON renderer: diffs and reports as versioned, deterministic JSON for programs.

A diff is written as `negotrack.report._serialise.diff_data` gives it (``"format":
"negotrack-diff/1"``), a report or a timeline as `negotrack.report._serialise.timeline_data` gives
it (``"format": "negotrack-report/2"``). ``schemas/diff.schema.json`` and
``schemas/report.schema.json`` describe the two shapes. The same input always gives the same bytes:
keys come in a fixed order, floats are rounded, and text is left as UTF-8 rather than escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.model._gc import gc_paused
from negotrack.report._json_text import dumps
from negotrack.report._plain import encodable
from negotrack.report._serialise import diff_data, timeline_data

if TYPE_CHECKING:
    from negotrack.diff._changes import Diff
    from negotrack.diff._timeline import Timeline
    from negotrack.model._negotiation import Negotiation

__all__ = ["JsonRenderer"]


class JsonRenderer:
    """Renders diffs, reports and timelines as indented JSON ending in a newline.

    It needs no configuration: ``JsonRenderer().diff(negotiation, diff)``.
    """

    def diff(self, negotiation: Negotiation, diff: Diff) -> str:
        """The diff as a ``negotrack-diff/1`` document."""
        return _dumps(diff_data(diff, negotiation))

    def report(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """The whole story as a ``negotrack-report/2`` document."""
        with gc_paused():  # a long run's report is millions of small dicts, and no cycles
            return _dumps(timeline_data(negotiation, timeline))

    def timeline(self, negotiation: Negotiation, timeline: Timeline) -> str:
        """The timeline as a ``negotrack-report/2`` document: the same data as the report."""
        with gc_paused():
            return _dumps(timeline_data(negotiation, timeline))


def _dumps(data: Any) -> str:
    """Strict JSON (no NaN or Infinity, which a valid dossier cannot produce), UTF-8 writable."""
    return encodable(dumps(data)) + "\n"
