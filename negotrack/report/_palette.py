"""One palette for every chart: the HTML report's SVG charts and the matplotlib plot share it.

A party keeps the same colour and marker shape everywhere: parties are given styles in the
dossier's order (those that hold any position), and the colours are Paul Tol's muted scheme,
which stays apart for colour-blind readers; the shape is a second cue so that colour is never
the only one. Options run the same way on both: an ordinal scale from its first option at the
bottom to its last at the top, a categorical one from its first option at the top, as read.
This module imports nothing heavy, so the HTML side never loads matplotlib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation

__all__ = [
    "AXIS",
    "COLOURS",
    "EVENT",
    "GRID",
    "INK",
    "MARKERS",
    "SHAPES",
    "TURNING",
    "ZONE",
    "colour",
    "party_styles",
    "top_down",
]

#: Party colours, in the order parties are given them (Paul Tol's muted scheme).
COLOURS: Final = ("#332288", "#117733", "#AA4499", "#44AA99", "#882255", "#999933", "#CC6677")
#: Marker shapes for SVG: corners (0 for a circle) and turn in degrees.
SHAPES: Final = ((0, 0), (4, 45), (3, -90), (4, 0), (3, 90), (5, -90))
#: The same shapes as matplotlib markers: circle, square, triangle up, diamond, down, pentagon.
MARKERS: Final = ("o", "s", "^", "D", "v", "p")
#: The zone of agreement, turning points, context events, grid, axes and text.
ZONE: Final = "#117733"
TURNING: Final = "#F0E442"
EVENT: Final = "#6B6B6B"
GRID: Final = "#DDDDDD"
AXIS: Final = "#999999"
INK: Final = "#333333"


def colour(style: int) -> str:
    """The colour of a party's style index."""
    return COLOURS[style % len(COLOURS)]


def party_styles(negotiation: Negotiation) -> dict[str, int]:
    """A style index per party that holds any position, in the dossier's party order."""
    holding = {p.party for r in negotiation.rounds for p in r.positions}
    ordered = [p.id for p in negotiation.parties if p.id in holding]
    return {party: index for index, party in enumerate(ordered)}


def top_down(issue: Issue) -> bool:
    """Whether the issue's options are drawn from the top down (categorical: unordered, as read)."""
    return issue.scale.kind == "categorical"
