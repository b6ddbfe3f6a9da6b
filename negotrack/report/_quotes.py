"""Evidence for the page: a statement as a quote with who said it, when, where from and its grade.

Every renderer that quotes the record shows the same things: the words (or the analyst's
summary), the speaker or the parties of a joint statement, the date as written, the source, its
address (a link only when `safe_url` allows one) and the grade.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from negotrack.model._errors import UnknownIdError
from negotrack.report._issue_charts import day
from negotrack.report._labels import QUOTE_LIMIT, clipped, party_name, who_said

if TYPE_CHECKING:
    from negotrack.model._negotiation import Negotiation

__all__ = ["LINK_SCHEMES", "quote_data", "safe_url"]

#: Address schemes that become links; anything else is shown as plain text.
LINK_SCHEMES: Final = ("http://", "https://", "mailto:")


#: Whitespace (what `str.isspace` calls whitespace, as `\s` does) and control characters.
_UNSAFE: Final = re.compile(r"[\s\x00-\x1f\x7f]")


def safe_url(url: str | None) -> str | None:
    """The address if it may be a link (http, https or mailto, no spaces or controls), else None."""
    if not url or _UNSAFE.search(url):
        return None
    return url if url.lower().startswith(LINK_SCHEMES) else None


def quote_data(
    negotiation: Negotiation, statement_id: str, limit: int = QUOTE_LIMIT
) -> dict[str, Any]:
    """A statement as a quote: words, who said it, when, where from, and its grading.

    Words past ``limit`` characters are cut, with a marker saying how many are left out.
    """
    try:
        s = negotiation.statement(statement_id)
    except UnknownIdError:
        return {"id": statement_id, "missing": True}
    speaker = role = None
    party = s.party
    if s.speaker is not None:
        try:
            person = negotiation.person(s.speaker)
            speaker, role = person.name, person.role
            party = party or negotiation.party_of(s.speaker).id
        except UnknownIdError:
            speaker = s.speaker
    if s.speakers or s.parties:  # a joint statement names everyone on it
        speaker, role, party = who_said(negotiation, s), None, None
    source = negotiation._sources.get(s.source or "")
    url = s.url or (source.url if source else None)
    return {
        "id": s.id,
        "missing": False,
        "text": clipped(s.quote or s.summary or "", limit),
        "summary": s.quote is None,
        "speaker": speaker,
        "role": role,
        "party": party_name(negotiation, party) if party else None,
        "date": day(s.date),
        "source": source,
        "url": url,
        "link": safe_url(url),
        "grade": f"{s.reliability.value}{s.credibility}",
        "translation": s.translation_note,
    }
