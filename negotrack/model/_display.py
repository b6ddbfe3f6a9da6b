"""How a notebook shows negotrack's values: short reprs, and the report inline.

Jupyter asks an object for ``_repr_html_`` and ``_repr_markdown_``. `Shown` gives the model's
and the diff's values both, but neither layer may import the report layer that renders them
(the layers run one way: model, files, diff, report; a function-level import counts too). So
the values ask a view that the package's face sets (`set_view`, called from
``negotrack/__init__.py``, which belongs to no layer, the first time a public name such as
``negotrack.load`` is looked up); the view imports the renderers only when a notebook asks.
Until a view is set (a script that imports only private modules) a notebook shows the short
repr. This module imports nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sized

__all__ = ["Shown", "counted", "set_view"]

#: The view the package set: a value and ``"html"`` or ``"markdown"`` give its rendering.
_VIEW: list[Callable[[object, str], str | None]] = []


def set_view(view: Callable[[object, str], str | None]) -> None:
    """Set the function that renders a value for a notebook (None: show the plain repr)."""
    _VIEW[:] = [view]


class Shown:
    """A value a notebook shows as its report: HTML in Jupyter, Markdown where HTML is not."""

    __slots__ = ()

    def _repr_html_(self) -> str | None:
        return _VIEW[0](self, "html") if _VIEW else None

    def _repr_markdown_(self) -> str | None:
        return _VIEW[0](self, "markdown") if _VIEW else None


def counted(items: tuple[Sized, ...], words: tuple[str, ...]) -> str:
    """``2 parties, 1 issue``: how many of each, each plural word made singular for one."""
    said = []
    for found, many in zip(items, words, strict=True):
        one = many[:-3] + "y" if many.endswith("ies") else many[:-1]
        said.append(f"{len(found)} {one if len(found) == 1 else many}")
    return ", ".join(said)
