"""Per-issue measures of a round: the gap between the parties, their zone of agreement, the centre.

All distances are normalised to 0-1: a value's place on the issue's line
(`negotrack.model._scales.point`: the option index, or the number) minus the line's lower end, over
the line's `width`. On a categorical issue two preferred values are 0 apart when they are the same
option and 1 otherwise.

Counterparts follow the issue's sides in the round (`Negotiation.sides_for`), as
`negotrack.diff._footing.Facing` reads them: with no sides, every pair of parties; with sides,
pairs across sides, and a party on no side paired with every party on one (so one side alone
faces everyone not on it). Never a coalition and one of its members (`Party.members`), with
sides or without: the readings never set a party against its own coalition, and a coalition
declared is already a side of its own (`coalition_ties`).
"""

from __future__ import annotations

import enum
import functools
import itertools
import math
import operator
from typing import TYPE_CHECKING, NamedTuple, cast

import attrs

from negotrack.diff._footing import coalition_ties
from negotrack.diff._pairs import (
    groups,
    line_within,
    options_within,
    tied_pairs,
    widest,
    widest_untied,
)
from negotrack.model._display import Shown
from negotrack.model._errors import WeightError
from negotrack.model._issues import NumericScale
from negotrack.model._positions import Acceptable, Interval, Position
from negotrack.model._scales import is_linear, point, span, width

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from collections.abc import Set as AbstractSet

    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Effective, Negotiation
    from negotrack.model._parties import Side

__all__ = ["IssueMeasures", "Verdict", "measure_issue", "measure_round", "pairwise_gaps", "verdict"]


class Verdict(enum.Enum):
    """Whether the parties came closer on an issue between two rounds."""

    CONVERGING = "converging"
    DIVERGING = "diverging"
    UNCHANGED = "unchanged"


@attrs.frozen(kw_only=True, repr=False)
class IssueMeasures(Shown):
    """How far apart the parties are on one issue in one round.

    Attributes:
        issue: Id of the issue.
        round: Id of the round.
        parties: The parties with a preferred value, sorted.
        gap: Mean normalised distance between the preferred values of counterpart pairs; None
            when no pair of counterparts both state a preferred value.
        max_gap: The largest such distance; None when ``gap`` is.
        zone: The zone of possible agreement: the intersection of the acceptable sets of every
            party whose position states an acceptable set or a preferred value (a party with no
            acceptable set counts as accepting its preferred value only; on a numeric issue the
            interval ``[x, x]``). Option ids in scale order, or an `Interval` whose open ends
            (None) run to the scale's ends. None unless ``zone_exists``.
        zone_exists: Whether those sets intersect; None when fewer than two parties state one.
        zone_extent: Size of the zone as a share (0-1) of the scale
            (`negotrack.model._scales.span`); 0.0 when the sets do not intersect; None when
            ``zone_exists`` is None.
        centre: The salience-weighted centre of the preferred values on the issue's line (option
            index, or the number): ``sum(s_i * w_i * x_i) / sum(s_i * w_i)``, where ``s_i`` is
            party i's salience (1 when not stated) and ``w_i`` its weight (capability; 1 when not
            given). When every ``s_i * w_i`` is 0, all parties weigh the same. None on a
            categorical issue or when no party states a preferred value.
        dispersion: The weighted standard deviation of the normalised preferred values ``y_i``
            around the normalised centre ``c``, same weights:
            ``sqrt(sum(s_i * w_i * (y_i - c) ** 2) / sum(s_i * w_i))``. None when ``centre`` is.
    """

    issue: str
    round: str
    parties: tuple[str, ...] = ()
    gap: float | None = None
    max_gap: float | None = None
    zone: Acceptable | None = None
    zone_exists: bool | None = None
    zone_extent: float | None = None
    centre: float | None = None
    dispersion: float | None = None

    def __repr__(self) -> str:
        gap = "no gap" if self.gap is None else f"gap {self.gap:.2f}"
        zone = {None: "zone not stated", True: "a zone", False: "no zone"}[self.zone_exists]
        parties = ", ".join(self.parties) or "no parties"
        return f"<IssueMeasures {self.issue!r} in {self.round!r}: {parties}; {gap}, {zone}>"

    @property
    def measurable(self) -> bool:
        """Whether at least two parties state something the measures can compare."""
        return len(self.parties) >= 2 or self.zone_exists is not None


def measure_issue(
    negotiation: Negotiation,
    issue: Issue,
    round_id: str,
    positions: Mapping[str, Position],
    weights: Mapping[str, float] | None = None,
) -> IssueMeasures:
    """Measure one issue in one round from the positions in force, keyed by party id.

    ``positions`` holds only positions on ``issue``, withdrawn ones left out (as
    `Negotiation.effective_positions` gives them). ``weights`` gives an optional non-negative
    weight per party id, such as capability, for the centre and the dispersion.

    Runs in O(n log n) for n parties; see `IssueMeasures` for the formulas.
    """
    held = [_held(issue, party, p, weights) for party, p in positions.items()]
    sides = _sides(negotiation, issue.id, round_id)
    return _measure(issue, round_id, held, sides, coalition_ties(negotiation))


def measure_round(
    negotiation: Negotiation,
    round_id: str,
    weights: Mapping[str, float] | None = None,
    *,
    positions: Mapping[tuple[str, str], Effective[Position]] | None = None,
) -> dict[str, IssueMeasures]:
    """Measure every issue of the dossier in one round, keyed by issue id in dossier order.

    ``positions``, when given, are the positions in force in the round (as
    `Negotiation.effective_positions` gives them), saving a walk through the rounds. Positions
    held at one table (`Position.table`) are left out: each party counts once per issue, by
    its overall position. So are the positions of parties holding a role (a chair, a mediator)
    in the round: a chair is never a counterpart, in gaps, zones or centres.

    Raises:
        UnknownIdError: If the round does not exist.
    """
    by_issue: dict[str, list[_Held]] = {issue.id: [] for issue in negotiation.issues}
    if positions is None:
        positions = negotiation.effective_positions(round_id)
    chairs = negotiation.roles_in(round_id)
    for (party, issue_id), effective in positions.items():
        if effective.value.table is not None or party in chairs:
            continue
        issue = negotiation.issue(issue_id)
        by_issue[issue_id].append(_held(issue, party, effective.value, weights))
    ties = coalition_ties(negotiation)
    return {
        i.id: _measure(i, round_id, by_issue[i.id], _sides(negotiation, i.id, round_id), ties)
        for i in negotiation.issues
    }


def verdict(before: IssueMeasures, after: IssueMeasures, tolerance: float = 1e-9) -> Verdict:
    """Whether the parties converged on an issue from ``before`` to ``after``.

    The measures are consulted in turn, each only when it is given on both sides and the ones
    before it did not decide (missing on a side, or equal within ``tolerance``):

    1. the gap: smaller is converging, larger diverging;
    2. the dispersion around the centre: likewise;
    3. the zone of possible agreement: one that opens is converging, one that closes diverging,
       else a wider zone (``zone_extent``) is converging and a narrower one diverging.

    When none decides, the verdict is unchanged; so it is when the issue is not `measurable`
    in one of the two rounds (fewer than two parties to compare: a first position stated is not
    a divergence). Swapping the two sides swaps converging and diverging.
    """
    if not (before.measurable and after.measurable):
        return Verdict.UNCHANGED
    for old, new in ((before.gap, after.gap), (before.dispersion, after.dispersion)):
        if old is not None and new is not None and abs(new - old) > tolerance:
            return Verdict.CONVERGING if new < old else Verdict.DIVERGING
    if before.zone_exists is not None and after.zone_exists is not None:
        if before.zone_exists != after.zone_exists:
            return Verdict.CONVERGING if after.zone_exists else Verdict.DIVERGING
        old, new = before.zone_extent, after.zone_extent
        if old is not None and new is not None and abs(new - old) > tolerance:
            return Verdict.CONVERGING if new > old else Verdict.DIVERGING
    return Verdict.UNCHANGED


def pairwise_gaps(
    negotiation: Negotiation,
    issue: Issue,
    positions: Mapping[str, Position],
    round_id: str | None = None,
) -> dict[tuple[str, str], float]:
    """The normalised distance between the preferred values of every pair of counterparts.

    Keys are sorted ``(party, party)`` pairs of counterparts under the issue's sides in the round
    (by default, the dossier's sides), a coalition and its members never paired: the pairs
    `measure_issue` averages. Quadratic in the number of parties: `measure_issue` does not use
    it.
    """
    values: dict[str, float | str] = {}
    for party, position in positions.items():
        held = _held(issue, party, position, None)
        value = held.normalised if held.option is None else held.option
        if value is not None:
            values[party] = value
    side_of = _sides(negotiation, issue.id, round_id)
    ties = coalition_ties(negotiation)
    gaps: dict[tuple[str, str], float] = {}
    for (party, value), (other, theirs) in itertools.combinations(sorted(values.items()), 2):
        if side_of and side_of.get(party, "") == side_of.get(other, ""):
            continue  # on one side, or both on none
        if other in ties.get(party, ()):
            continue  # a coalition and one of its members
        if isinstance(value, str) or isinstance(theirs, str):
            gaps[party, other] = 0.0 if value == theirs else 1.0
        else:
            gaps[party, other] = abs(value - theirs)
    return gaps


class _Held(NamedTuple):
    """A party's position on an issue as the measures read it (worked out once per position)."""

    party: str
    position: Position
    point: float | None  # the preferred value's place on the line
    normalised: float | None  # the same as a share (0-1) of the line
    option: str | None  # the preferred option on a categorical issue
    accepted: Interval | frozenset[str] | None  # what it accepts, for the zone
    factor: float  # s_i * w_i, for the centre


_PARTY, _POINT, _NORMALISED, _OPTION, _ACCEPTED, _FACTOR = (
    operator.itemgetter(i) for i in (0, 2, 3, 4, 5, 6)
)
_MIN, _MAX = operator.attrgetter("min"), operator.attrgetter("max")
_GIVEN = functools.partial(operator.is_not, None)


def _held(
    issue: Issue,
    party: str,
    position: Position,
    weights: Mapping[str, float] | None,
) -> _Held:
    """The measures' view of a position: preferred value, acceptable set, weight ``s_i * w_i``."""
    preferred, accepted = position.preferred, position.acceptable
    linear, numeric = is_linear(issue), isinstance(issue.scale, NumericScale)
    x = point(issue, preferred) if linear else None
    normalised = None if x is None else (x - _origin(issue)) / width(issue)
    option = None if linear or preferred not in issue.option_index else str(preferred)
    if accepted is None and (x is not None or option is not None):
        accepted = Interval(x, x) if numeric else (str(preferred),)
    zone: Interval | frozenset[str] | None = None
    if numeric and isinstance(accepted, Interval):
        zone = accepted
    elif not numeric and isinstance(accepted, tuple):
        zone = frozenset(accepted)
    weight = 1.0 if weights is None else weights.get(party, 1.0)
    if weight < 0:
        raise WeightError(f"weight of party {party!r} must not be negative, got {weight!r}")
    salience = 1.0 if position.salience is None else position.salience
    return _Held(party, position, x, normalised, option, zone, salience * weight)


def _sides(negotiation: Negotiation, issue_id: str, round_id: str | None) -> dict[str, str]:
    """Side id per party on the issue in the round (`Negotiation.sides_for`; empty: no sides)."""
    return side_map(negotiation.sides_for(issue_id, round_id))


def side_map(sides: Iterable[Side]) -> dict[str, str]:
    """Side id per party of the given sides."""
    return {party: side.id for side in sides for party in side.parties}


def _origin(issue: Issue) -> float:
    """The lower end of the issue's line: the scale's minimum, or option 0."""
    return float(issue.scale.min) if isinstance(issue.scale, NumericScale) else 0.0


def _measure(
    issue: Issue,
    round_id: str,
    held: list[_Held],
    side_of: Mapping[str, str],
    ties: Mapping[str, AbstractSet[str]] | None = None,
) -> IssueMeasures:
    """`measure_issue` from the parties' `_Held` positions and their sides (empty: none).

    Counterpart pairs are counted without visiting them: with sides, the pairs across sides and
    those of parties on no side with parties on one are all pairs, less the pairs within each
    side and within the parties on no side. Sums of distances are taken the same way. Then the
    pairs of a coalition and one of its members (``ties``, `coalition_ties`) still counted are
    taken off one by one: there are few. Parties are taken in id order, so that the same
    positions always give the same floats.
    """
    held = sorted(held, key=_PARTY)
    zone_exists, zone = _zone(issue, held)
    linear = is_linear(issue)
    get = _NORMALISED if linear else _OPTION
    values = list(map(get, held))
    if None in values:
        held = [h for h in held if get(h) is not None]
        values = list(map(get, held))
    within = line_within if linear else options_within
    count, total = within(values)
    low, high = (min(values), max(values)) if linear and values else (0.0, 0.0)
    top = high - low
    if side_of:

        def side(h: _Held) -> str:
            return side_of.get(h.party, "")

        parts = [list(map(get, g)) for _, g in itertools.groupby(sorted(held, key=side), side)]
        for part in parts:
            pairs, distance = within(part)
            count, total = count - pairs, total - distance
        top = widest(parts) if linear else 0.0
    tied = tied_pairs(held, ties, side_of) if ties else []
    if tied:
        for i, j in tied:
            a, b = values[i], values[j]
            count -= 1
            total -= abs(a - b) if linear else float(a != b)
        if linear:
            top = widest_untied(values, groups(held, side_of), set(tied))
    if not linear:
        top = 1.0 if total > 0 else 0.0
    centre = dispersion = None
    if linear and values:
        centre, dispersion = _centre(values, list(map(_FACTOR, held)), low, high)
        xs = list(map(_POINT, held))  # given wherever the normalised value is
        centre = min(max(_origin(issue) + centre * width(issue), min(xs)), max(xs))
    return IssueMeasures(
        issue=issue.id,
        round=round_id,
        parties=tuple(map(_PARTY, held)),
        gap=min(max(total / count, 0.0), top) if count else None,  # sums round; top is exact
        max_gap=top if count else None,
        zone=zone,
        zone_exists=zone_exists,
        zone_extent=None if zone_exists is None else span(issue, zone) if zone_exists else 0.0,
        centre=centre,
        dispersion=dispersion,
    )


def _zone(issue: Issue, held: list[_Held]) -> tuple[bool | None, Acceptable | None]:
    """Whether the acceptable sets intersect, and the intersection (see `IssueMeasures.zone`)."""
    accepted = list(filter(_GIVEN, map(_ACCEPTED, held)))
    if len(accepted) < 2:
        return None, None
    if isinstance(issue.scale, NumericScale):  # then every set is an Interval
        low = max(filter(_GIVEN, map(_MIN, accepted)), default=None)
        high = min(filter(_GIVEN, map(_MAX, accepted)), default=None)
        if low is not None and high is not None and low > high:
            return False, None
        return True, Interval(low, high)
    common = frozenset.intersection(*cast("list[frozenset[str]]", accepted))
    zone = tuple(option for option in issue.option_ids if option in common)
    return (True, zone) if zone else (False, None)


def _centre(
    values: list[float], factors: list[float], low: float, high: float
) -> tuple[float, float]:
    """Weighted mean and standard deviation of values in [low, high]; equal weights if all are 0."""
    total = sum(factors)
    if total <= 0:
        factors, total = [1.0] * len(values), float(len(values))
    centre = sum(map(operator.mul, factors, values)) / total
    centre = min(max(centre, low), high)  # rounding must not leave the range
    deviations = list(map(operator.sub, values, itertools.repeat(centre)))
    spread = sum(map(operator.mul, factors, map(operator.mul, deviations, deviations)))
    return centre, math.sqrt(spread / total)
