"""What the tests of the other models' importers share: the day, the problems, the positions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

import negotrack as nt

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = ["DAY", "held", "problems_of"]

#: The date every test import gives its round.
DAY = dt.date(2024, 5, 1)


def problems_of(importer: Callable[..., nt.Negotiation], path: Path) -> list[str]:
    """The problems importing ``path`` with ``importer`` raises, as printed."""
    with pytest.raises(nt.LoadError) as caught:
        importer(path, date=DAY)
    return [str(p) for p in caught.value.problems]


def held(negotiation: nt.Negotiation) -> list[tuple[str, str, nt.Value | None, float | None]]:
    """Party, issue, preferred value and salience of each position of the one round."""
    (round_,) = negotiation.rounds
    return [(p.party, p.issue, p.preferred, p.salience) for p in round_.positions]
