"""negotrack: what each party to a negotiation wants, round by round, and what moved.

Load a dossier with `load`, look things up on the `Negotiation` it returns, and write it back
with `save`. Every error negotrack raises on purpose is a `NegotrackError`.
"""

from negotrack._errors import LoadError, NegotrackError, Problem, UnknownIdError
from negotrack._loading import load, loads
from negotrack._model import (
    Basis,
    CategoricalScale,
    Confidence,
    Issue,
    Membership,
    NumericScale,
    Option,
    OrdinalScale,
    Party,
    PartyKind,
    Person,
    Proposal,
    Reliability,
    Scale,
    Side,
    Source,
    SourceKind,
    Statement,
    Term,
    TermStatus,
    Value,
)
from negotrack._negotiation import Effective, Negotiation
from negotrack._rounds import (
    Acceptable,
    Condition,
    ContextEvent,
    Interval,
    Position,
    RedLine,
    Round,
    RoundFormat,
    Stance,
    StanceLevel,
)
from negotrack._saving import dump, save

__version__ = "0.1.0"

__all__ = [
    "Acceptable",
    "Basis",
    "CategoricalScale",
    "Condition",
    "Confidence",
    "ContextEvent",
    "Effective",
    "Interval",
    "Issue",
    "LoadError",
    "Membership",
    "Negotiation",
    "NegotrackError",
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
    "Scale",
    "Side",
    "Source",
    "SourceKind",
    "Stance",
    "StanceLevel",
    "Statement",
    "Term",
    "TermStatus",
    "UnknownIdError",
    "Value",
    "dump",
    "load",
    "loads",
    "save",
]
