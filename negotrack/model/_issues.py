"""Issues and their scales: ordinal and categorical options, numeric ranges, values on them."""

from __future__ import annotations

import functools
from typing import Literal

import attrs

from negotrack.model._fields import describe

__all__ = [
    "CategoricalScale",
    "Issue",
    "Mark",
    "NumericScale",
    "Option",
    "OrdinalScale",
    "Scale",
    "SpecialPoint",
    "Value",
]


#: A position's value on an issue: an option id on ordinal and categorical scales, a number on
#: numeric ones.
Value = str | float


@attrs.frozen
class Option:
    """One value on an ordinal or categorical scale."""

    id: str = attrs.field(metadata=describe("Stable id, unique within the issue."))
    label: str = attrs.field(metadata=describe("Short label shown in reports."))
    description: str | None = attrs.field(
        default=None, metadata=describe("What choosing this option means.")
    )


@attrs.frozen(kw_only=True)
class OrdinalScale:
    """Ordered options, pole to pole: movement along it has a direction and a size."""

    kind: Literal["ordinal"] = attrs.field(
        default="ordinal", metadata=describe("Always 'ordinal' for an ordered scale.")
    )
    options: tuple[Option, ...] = attrs.field(
        metadata=describe("The options in order, from one pole to the other.")
    )


@attrs.frozen(kw_only=True)
class CategoricalScale:
    """Unordered options: positions change as sets, with no direction of movement."""

    kind: Literal["categorical"] = attrs.field(
        default="categorical", metadata=describe("Always 'categorical' for unordered options.")
    )
    options: tuple[Option, ...] = attrs.field(metadata=describe("The options, in no order."))


@attrs.frozen
class SpecialPoint:
    """A named value beyond a numeric scale's end, such as "no expiry" or "unlimited"."""

    id: str = attrs.field(metadata=describe("Stable id, used as a value on the issue."))
    label: str = attrs.field(metadata=describe("Short label shown in reports."))
    beyond: Literal["max", "min"] = attrs.field(
        default="max", metadata=describe("Which end it lies beyond: 'max' (default) or 'min'.")
    )


@attrs.frozen
class Mark:
    """A labelled value on a numeric scale: what a place on the line means ("status quo", "ban").

    Positions are not limited to marks; a mark says what a number stands for, as the meanings
    of a Decide input file or an expert-coded scale's end points do (docs/decide.md).
    """

    value: float = attrs.field(metadata=describe("Where on the scale, between min and max."))
    label: str = attrs.field(metadata=describe("Short label shown in reports."))
    description: str | None = attrs.field(
        default=None, metadata=describe("What a position at this value means.")
    )


@attrs.frozen(kw_only=True)
class NumericScale:
    """A number between a minimum and a maximum, in a unit."""

    kind: Literal["numeric"] = attrs.field(
        default="numeric", metadata=describe("Always 'numeric' for a number scale.")
    )
    min: float = attrs.field(metadata=describe("Lowest value on the scale."))
    max: float = attrs.field(metadata=describe("Highest value on the scale."))
    unit: str | None = attrs.field(
        default=None, metadata=describe("Unit of the values: personnel, percent, tonnes.")
    )
    points: tuple[SpecialPoint, ...] = attrs.field(
        default=(),
        metadata=describe('Named values beyond the ends ("no expiry"), usable as values.'),
    )
    marks: tuple[Mark, ...] = attrs.field(
        default=(),
        metadata=describe("Labelled values on the scale, in order: what a number means."),
    )

    def point(self, point_id: str) -> SpecialPoint | None:
        """The special point with this id, or None."""
        return next((p for p in self.points if p.id == point_id), None)

    def value_of(self, value: float | str) -> float:
        """A value as a number for arithmetic: a special point stands at the end it lies beyond.

        Raises:
            KeyError: If ``value`` is text naming no special point.
        """
        if isinstance(value, str):
            special = self.point(value)
            if special is None:
                raise KeyError(value)
            return self.max if special.beyond == "max" else self.min
        return value

    def normalise(self, value: float) -> float:
        """Return ``value`` mapped onto 0-1 between ``min`` and ``max``."""
        return (value - self.min) / (self.max - self.min)


#: The scale of an issue.
Scale = OrdinalScale | CategoricalScale | NumericScale


@attrs.frozen
class Issue:
    """One question on the table, with the scale its positions are measured on."""

    id: str = attrs.field(metadata=describe("Stable id, unique among issues."))
    title: str = attrs.field(metadata=describe("Short title shown in reports."))
    scale: Scale = attrs.field(
        metadata=describe("How positions on the issue are measured: ordinal, numeric, categorical.")
    )
    description: str | None = attrs.field(
        default=None, metadata=describe("What the issue is about.")
    )
    tags: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Free labels, such as a peace-agreement provision code.")
    )
    reference: Value | None = attrs.field(
        default=None,
        metadata=describe(
            "Reference point (status quo): an option id, or a number on a numeric scale.",
            refers="option",
        ),
    )
    outcome: Value | None = attrs.field(
        default=None,
        metadata=describe(
            "The outcome the negotiation reached, when known: an option id, or a number on a "
            "numeric scale. What `negotrack backtest` checks forecasts against.",
            refers="option",
        ),
    )

    @functools.cached_property
    def option_ids(self) -> tuple[str, ...]:
        """The ids of the scale's options in order (empty on a numeric scale)."""
        if isinstance(self.scale, NumericScale):
            return ()
        return tuple(option.id for option in self.scale.options)

    @functools.cached_property
    def option_index(self) -> dict[str, int]:
        """The place of each option on the scale, from 0, by option id (empty when numeric)."""
        return {option_id: index for index, option_id in enumerate(self.option_ids)}

    @functools.cached_property
    def option_labels(self) -> dict[str, str]:
        """Each option's label by option id (empty on a numeric scale)."""
        if isinstance(self.scale, NumericScale):
            return {}
        return {option.id: option.label for option in self.scale.options}
