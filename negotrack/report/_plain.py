"""Analyst text made plain for the renderers: `negotrack.model._plain`, under the report's roof."""

from __future__ import annotations

from negotrack.model._plain import encodable, plain

__all__ = ["encodable", "plain"]
