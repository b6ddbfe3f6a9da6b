"""The domain model: a negotiation and its parts, as frozen, slotted attrs classes.

The lowest layer: it imports nothing else of negotrack. Parties and coalitions
(`negotrack.model._parties`), issues and their scales (`._issues`), proposals and their terms
(`._proposals`), evidence (`._evidence`), positions (`._positions`), stances (`._stances`),
rounds (`._rounds`), the dossier that holds them all (`._negotiation`) and the error family
(`._errors`). `._scales` places values on an issue's line; `._fields` holds the field metadata
every class uses; `._brackets` counts the brackets and options in a pasted draft text;
`._chronology` puts the rounds and the record between them in date order. Needs
attrs only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.model._chronology import Moment, MomentKind, chronology
from negotrack.model._dates import ApproxDate, PartialDate, Precision
from negotrack.model._drafts import Amendment, AmendmentOutcome, Draft
from negotrack.model._errors import (
    LoadError,
    MissingExtraError,
    NegotrackError,
    Problem,
    UnknownIdError,
    WeightError,
)
from negotrack.model._evidence import Basis, Confidence, Reliability, Source, SourceKind, Statement
from negotrack.model._issues import (
    CategoricalScale,
    Issue,
    Mark,
    NumericScale,
    Option,
    OrdinalScale,
    Scale,
    SpecialPoint,
    Value,
)
from negotrack.model._negotiation import Effective, Negotiation
from negotrack.model._parties import (
    Membership,
    Party,
    PartyKind,
    Person,
    PersonRole,
    Role,
    RoleKind,
    Side,
)
from negotrack.model._positions import Acceptable, Condition, Interval, Position, RedLine
from negotrack.model._proposals import Alternative, Proposal, Term, TermStatus
from negotrack.model._rounds import ContextEvent, Round, RoundFormat
from negotrack.model._stances import Stance, StanceLevel

__all__ = [
    "Acceptable",
    "Alternative",
    "Amendment",
    "AmendmentOutcome",
    "ApproxDate",
    "Basis",
    "CategoricalScale",
    "Condition",
    "Confidence",
    "ContextEvent",
    "Draft",
    "Effective",
    "Interval",
    "Issue",
    "LoadError",
    "Mark",
    "Membership",
    "MissingExtraError",
    "Moment",
    "MomentKind",
    "Negotiation",
    "NegotrackError",
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
    "RedLine",
    "Reliability",
    "Role",
    "RoleKind",
    "Round",
    "RoundFormat",
    "Scale",
    "Side",
    "Source",
    "SourceKind",
    "SpecialPoint",
    "Stance",
    "StanceLevel",
    "Statement",
    "Term",
    "TermStatus",
    "TextCounts",
    "UnknownIdError",
    "Value",
    "WeightError",
    "chronology",
    "count_brackets",
]


if TYPE_CHECKING:
    from negotrack.model._brackets import TextCounts, count_brackets


def __getattr__(name: str) -> Any:
    # `._brackets` compiles its patterns when imported: only for a caller that counts brackets
    if name in ("TextCounts", "count_brackets"):
        from negotrack.model import _brackets  # noqa: PLC0415

        return getattr(_brackets, name)
    raise AttributeError(f"module 'negotrack.model' has no attribute {name!r}")
