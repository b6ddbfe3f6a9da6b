"""Numbers on numeric issues, read before structuring.

Values are option ids on most issues and numbers on numeric ones; only the issue knows. Before
structuring, values on numeric issues are read as numbers; what does not read as a number is
left as text for the checks to report with its path.
"""

from __future__ import annotations

from typing import Any

from negotrack.files._scalars import InvalidValueError, parse_number

__all__ = ["convert_numbers", "convert_round_numbers", "numeric_issues", "term_issues"]


def numeric_issues(header_raw: dict[str, Any]) -> set[str]:
    issues = header_raw.get("issues")
    if type(issues) is not list:
        return set()
    return {
        issue["id"]
        for issue in issues
        if type(issue) is dict
        and type(issue.get("scale")) is dict
        and issue["scale"].get("kind") == "numeric"
        and type(issue.get("id")) is str
    }


def _as_number(mapping: dict[str, Any], key: str) -> None:
    value = mapping.get(key)
    if type(value) is str:
        try:
            mapping[key] = parse_number(value)
        except InvalidValueError:
            return  # left as text: the checks report it with its path


def convert_numbers(header_raw: dict[str, Any], numeric: set[str]) -> None:
    if not numeric:
        return
    for issue in header_raw.get("issues") or ():
        if type(issue) is dict and _is_in(issue.get("id"), numeric):
            _as_number(issue, "reference")
            _as_number(issue, "outcome")
    for proposal in header_raw.get("proposals") or ():
        if type(proposal) is dict:
            _convert_terms(proposal.get("terms"), numeric)


def _convert_terms(terms: Any, numeric: set[str]) -> None:
    """Values of terms (and their alternatives) on numeric issues, read as numbers."""
    if type(terms) is not list:
        return
    for term in terms:
        if type(term) is dict and _is_in(term.get("issue"), numeric):
            _as_number(term, "value")
            for alternative in _dicts(term.get("alternatives")):
                _as_number(alternative, "value")


def convert_round_numbers(
    raw: dict[str, Any], numeric: set[str], term_issues: dict[tuple[str, str], str]
) -> None:
    if not numeric:
        return
    for position in _dicts(raw.get("positions")):
        if _is_in(position.get("issue"), numeric):
            _as_number(position, "preferred")
    for draft in _dicts(raw.get("drafts")):
        _convert_terms(draft.get("terms"), numeric)
    for amendment in _dicts(raw.get("amendments")):
        proposal, term = amendment.get("proposal"), amendment.get("term")
        issue = term_issues.get((proposal, term)) if type(proposal) is type(term) is str else None
        if _is_in(issue, numeric):
            _as_number(amendment, "value")


def _dicts(items: Any) -> list[dict[str, Any]]:
    """The mappings of a parsed list; nothing when it is not a list."""
    return [item for item in items if type(item) is dict] if type(items) is list else []


def term_issues(header_raw: dict[str, Any]) -> dict[tuple[str, str], str]:
    """The issue of each term, by (proposal id, term id or issue), as the header writes them."""
    found: dict[tuple[str, str], str] = {}
    for proposal in _dicts(header_raw.get("proposals")):
        for term in _dicts(proposal.get("terms")):
            key, issue = term.get("id") or term.get("issue"), term.get("issue")
            if type(proposal.get("id")) is str and type(key) is str and type(issue) is str:
                found[proposal["id"], key] = issue
    return found


def _is_in(value: Any, ids: set[str]) -> bool:
    """Whether a parsed value is one of ``ids``; a list or mapping (unhashable) never is."""
    return type(value) is str and value in ids
