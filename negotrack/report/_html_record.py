"""The record on the HTML report: positions in full, proposals' stories, and their evidence.

`record_context` gives the report page's template what it shows beyond the charts: each position's
acceptable set, red lines and conditions (`position_details`), each proposal's stances, drafts
(with a bar per draft for the brackets left and the terms agreed), terms and amendments, and the
statements all of these rest on, numbered once and quoted with `negotrack.report._quotes`, as the
diff page quotes them. Every word is the analyst's text or ours, escaped by the template.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from negotrack.report._dossier_parts import (
    amendment_words,
    condition_words,
    position_details,
    proposal_lines,
    proposal_records,
    round_labels,
    status_words,
    term_lines,
)
from negotrack.report._labels import QUOTE_LIMIT, party_name
from negotrack.report._plain import plain
from negotrack.report._quotes import quote_data
from negotrack.report._shown import shown_points, shown_statements
from negotrack.report._stance_parts import stance_parties, stance_table
from negotrack.report._words import TABLE_ROWS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from negotrack.diff._timeline import Timeline
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Position
    from negotrack.report._dossier_parts import HeldStance, ProposalRecord

__all__ = ["EXCERPT", "inert", "record_context"]

#: The most characters of a statement's words a long run's page quotes (the rest are counted).
EXCERPT: Final = 100


def inert(value: Any) -> Any:
    """What a template prints, before escaping: text with its control characters replaced.

    The same helper as terminal text uses (`negotrack.report._text.plain`), so no analyst text
    carries a control sequence into a page; markup we made (charts, macros) passes as it is.
    """
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return plain(value)
    return value


def record_context(
    negotiation: Negotiation, timeline: Timeline, *, full: bool, most: int = TABLE_ROWS
) -> dict[str, Any]:
    """What the report page shows of the record, by the names its template uses.

    With ``full`` false (the timeline page), only the details of each position: no proposals
    and no evidence. ``most`` is the number of rows of a long run's tables (`table_stretches`).
    """
    n = negotiation
    long = most < TABLE_ROWS  # a long run's page: the aggregate
    details = _details(n, brief=long)
    if not full:
        return {"details": details, "proposals": [], "evidence": [], "cites": lambda ids: []}
    # what the page cites: the statements behind what its tables show as stated (in a long
    # run, only each row's), not every statement of the run
    cited: dict[str, None] = {}
    for track in timeline.issues.values():
        for point in shown_points(track, timeline.rounds, most):
            cited.update(dict.fromkeys(point.position.evidence))
    records = proposal_records(n, timeline, rows_only=True, most=most)
    labels = round_labels(n, timeline.rounds)
    proposals = [_proposal(n, record, labels, most) for record in records]
    for record in records:
        cited.update(dict.fromkeys(_proposal_evidence(record, timeline.rounds, most)))
    order = [s.id for s in n.all_statements if s.id in cited]
    known = set(order)
    order += [s for s in cited if s not in known]  # an id the dossier does not know, last
    numbers = {s: i for i, s in enumerate(order, start=1)}
    limit = EXCERPT if long else QUOTE_LIMIT
    evidence = [(numbers[s], quote_data(n, s, limit)) for s in order]
    return {
        "details": details,
        "proposals": proposals,
        "evidence": evidence,
        "cites": lambda ids: sorted({numbers[s] for s in ids if s in numbers}),
    }


def _details(
    negotiation: Negotiation, *, brief: bool = False
) -> Callable[[str, Position, bool], list[str]]:
    """A position's details for its table cell: only what it accepts when it is carried.

    ``brief`` (a long run's aggregate): only what it accepts, carried or not; its red lines and
    conditions are in the text, Markdown and JSON reports.
    """

    def details(issue_id: str, position: Position, carried: bool) -> list[str]:
        words = position_details(negotiation, issue_id, position)
        short = carried or brief
        return words[:1] if short and position.acceptable is not None else [] if short else words

    return details


def _proposal_evidence(record: ProposalRecord, rounds: Sequence[str], most: int) -> Iterable[str]:
    yield from record.proposal.evidence
    for stance in shown_statements(record.stances, rounds, _stance, most):
        yield from stance.stance.evidence
    for version in record.versions:
        if version.draft is not None:
            yield from version.draft.evidence
    for _, amendment, _ in record.amendments:
        yield from amendment.evidence


def _stance(held: HeldStance) -> object:
    return held.stance


def _stance_cell(
    negotiation: Negotiation, cell: tuple[HeldStance, bool] | None, *, brief: bool = False
) -> Any:
    """A stance table's cell: the level, and when stated there its conditions and evidence.

    ``brief`` (a long run's aggregate): the conditions are left to the other formats.
    """
    if cell is None:
        return None
    held, carried = cell
    return {
        "level": status_words(held.stance.stance),
        "carried": carried,
        "conditions": []
        if carried or brief
        else [condition_words(negotiation, c) for c in held.stance.conditions],
        "evidence": () if carried else held.stance.evidence,
    }


def _bar(share: float) -> int:
    """A share as the width of a bar of 100, at least 1 when the share is above zero."""
    return max(round(share * 100), 1) if share > 0 else 0


def _proposal(
    negotiation: Negotiation, record: ProposalRecord, labels: dict[str, str], most: int
) -> Any:
    """One proposal for the page: its lines, stances by round, drafts with bars, terms."""
    n = negotiation
    parties = stance_parties(n, record)
    stances = [
        (label, [_stance_cell(n, cells.get(p), brief=most < TABLE_ROWS) for p in parties])
        for label, cells in stance_table(n, record, list(labels), most)
    ]
    drafts = [v for v in record.versions if v.draft is not None and v.round is not None]
    most = max((v.draft.bracket_count or 0 for v in drafts if v.draft is not None), default=0)
    rows = []
    for version in drafts:
        assert version.draft is not None  # noqa: S101 - drafts only
        live = [t for t in version.terms if t.status.rank is not None]
        agreed = sum(t.status.settled for t in live)
        brackets = version.draft.bracket_count
        rows.append(
            {
                "round": labels.get(version.round or "", version.round),
                "title": version.title,
                "brackets": brackets,
                "bracket_bar": _bar((brackets or 0) / most) if most else 0,
                "options": version.draft.option_count,
                "agreed": agreed,
                "live": len(live),
                "agreed_bar": _bar(agreed / len(live)) if live else 0,
                "evidence": version.draft.evidence,
            }
        )
    return {
        "proposal": record.proposal,
        "lines": proposal_lines(n, record),
        "parties": [party_name(n, p) for p in parties],
        "stances": stances,
        "drafts": rows,
        "terms": term_lines(n, record),
        "amendments": [
            (amendment_words(n, record, entry, labels), entry[1].evidence)
            for entry in record.amendments
        ],
    }
