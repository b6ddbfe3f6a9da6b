"""Dates as precise as the record: a year, a month or a day, kept as written.

A statement known only to the month (``2013-03``) is a `PartialDate`: a `datetime.date` on the
first day of its period, so it sorts and compares as dates do, that remembers its precision
and prints as it was written (``str(d) == d.isoformat() == "2013-03"``).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Self

__all__ = ["ApproxDate", "PartialDate", "Precision"]


class Precision(enum.Enum):
    """How much of a date the record gives."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class PartialDate(dt.date):
    """A date known to the year or the month, standing on the first day of that period."""

    __slots__ = ("_precision",)

    _precision: Precision

    def __new__(cls, year: int, month: int = 1, day: int = 1, *, precision: Precision) -> Self:
        if precision is Precision.YEAR and (month, day) != (1, 1):
            raise ValueError("a date known to the year stands on 1 January")
        if precision is Precision.MONTH and day != 1:
            raise ValueError("a date known to the month stands on its first day")
        self = super().__new__(cls, year, month, day)
        self._precision = precision
        return self

    @property
    def precision(self) -> Precision:
        """Year, month or day."""
        return self._precision

    def isoformat(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as the record gives it."""
        if self._precision is Precision.YEAR:
            return f"{self.year:04d}"
        if self._precision is Precision.MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return super().isoformat()

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def __reduce__(self) -> Any:
        return (_rebuild, (self.year, self.month, self.day, self._precision.value))

    @classmethod
    def parse(cls, text: str) -> dt.date:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a full date comes back a plain date.

        Raises:
            ValueError: If the text is none of these, or not a real date.
        """
        parts = text.split("-")
        if len(parts) == 3:
            return dt.date.fromisoformat(text)
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            return cls(int(parts[0]), int(parts[1]), precision=Precision.MONTH)
        if len(parts) == 1 and len(text) == 4 and text.isdigit():
            return cls(int(text), precision=Precision.YEAR)
        raise ValueError(f"not a date: {text!r}")


def _rebuild(year: int, month: int, day: int, precision: str) -> PartialDate:
    return PartialDate(year, month, day, precision=Precision(precision))


#: A date that may be known only to the year or month (statements, events): in the files
#: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
ApproxDate = dt.date | PartialDate
