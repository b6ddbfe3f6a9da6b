"""Hypothesis strategies for valid dossiers, shared by the property tests."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

import negotrack as nt

#: Ids as the loader accepts them, including ones a careless YAML reader would mangle.
ids = st.one_of(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,7}", fullmatch=True),
    st.sampled_from(["NO", "no", "yes", "on", "012", "1e3", "true", "null", "0x1F", "2022-03-16"]),
)

#: Free text: anything that can be written in UTF-8, including YAML's special characters.
texts = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30),
    st.sampled_from(["NO", "012", "1:30", "~", "null", "", " leading", "a: b", "- x", "#c", "'q'"]),
)
optional_texts = st.none() | texts
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


def _unique_ids(draw: st.DrawFn, count_min: int, count_max: int) -> list[str]:
    return draw(st.lists(ids, min_size=count_min, max_size=count_max, unique=True))


@st.composite
def issues(draw: st.DrawFn, issue_id: str) -> nt.Issue:
    """An issue with an ordinal, categorical or numeric scale and an optional reference."""
    kind = draw(st.sampled_from(["ordinal", "categorical", "numeric"]))
    reference: nt.Value | None = None
    scale: nt.Scale
    if kind == "numeric":
        low = draw(st.integers(-1000, 1000) | st.floats(-1e6, 1e6))
        high = low + draw(st.integers(1, 10**6) | st.floats(0.5, 1e6))
        scale = nt.NumericScale(min=low, max=high, unit=draw(st.none() | texts))
        if draw(st.booleans()):
            reference = draw(st.floats(low, high))
    else:
        option_ids = _unique_ids(draw, 1, 5)
        options = tuple(
            nt.Option(option_id, draw(texts), draw(optional_texts)) for option_id in option_ids
        )
        scale = (
            nt.OrdinalScale(options=options)
            if kind == "ordinal"
            else nt.CategoricalScale(options=options)
        )
        if draw(st.booleans()):
            reference = draw(st.sampled_from(option_ids))
    return nt.Issue(
        issue_id,
        draw(texts),
        scale,
        description=draw(optional_texts),
        tags=tuple(draw(st.lists(texts, max_size=2))),
        reference=reference,
    )


def _value(draw: st.DrawFn, issue: nt.Issue) -> nt.Value:
    scale = issue.scale
    if isinstance(scale, nt.NumericScale):
        return draw(st.floats(scale.min, scale.max) | st.just(scale.min))
    return draw(st.sampled_from(issue.option_ids))


#: Condition texts that recur, so that rounds restate, reword and meet the same conditions.
_CONDITION_TEXTS = st.sampled_from(["guarantees first", "guarantees verified first"])


@st.composite
def positions(  # noqa: PLR0917  (what a position may refer to)
    draw: st.DrawFn,
    party: str,
    issue: nt.Issue,
    issue_ids: list[str],
    statement_ids: list[str],
    table: str | None = None,
    proposal_ids: tuple[str, ...] = (),
) -> nt.Position:
    """A valid position of one party on one issue (at one table, when ``table`` is given)."""
    if draw(st.integers(0, 9)) == 0:
        return nt.Position(party, issue.id, withdrawn=True, table=table)
    preferred = _value(draw, issue) if draw(st.integers(0, 4)) else None
    acceptable: nt.Acceptable | None = None
    red_lines: list[nt.RedLine] = []
    scale = issue.scale
    if isinstance(scale, nt.NumericScale):
        if draw(st.booleans()):
            low = draw(
                st.none()
                | st.floats(
                    scale.min, preferred if isinstance(preferred, float | int) else scale.max
                )
            )
            high = draw(st.none() | st.just(scale.max))
            if low is not None or high is not None:
                acceptable = nt.Interval(low, high)
        if preferred is not None and draw(st.booleans()):
            red_lines.append(nt.RedLine(draw(texts), below=scale.min - 1))
    else:
        if draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(issue.option_ids), unique=True, max_size=4))
            if preferred is not None and preferred not in chosen:
                chosen.append(str(preferred))
            acceptable = tuple(chosen)
        ruled_out = [o for o in issue.option_ids if o != preferred and o not in (acceptable or ())]
        wants_red_line: bool = draw(st.booleans())
        if ruled_out and wants_red_line:
            red_lines.append(
                nt.RedLine(
                    draw(texts),
                    id=draw(st.none() | st.just("line") | ids),  # "line": followed across rounds
                    options=tuple(
                        draw(st.lists(st.sampled_from(ruled_out), min_size=1, unique=True))
                    ),
                )
            )
    others = [i for i in issue_ids if i != issue.id]
    condition_ids = _unique_ids(draw, 0, 2)
    conditions = tuple(
        nt.Condition(
            draw(_CONDITION_TEXTS | texts),
            id=condition_id if draw(st.booleans()) else None,
            linked_issue=draw(st.none() | st.sampled_from(others)) if others else None,
            linked_proposal=draw(st.none() | st.sampled_from(proposal_ids))
            if proposal_ids
            else None,
            linked_package=draw(st.booleans()),
            met=draw(st.booleans()),
        )
        for condition_id in condition_ids
    )
    if len({c.id for c in conditions if c.id}) != len([c for c in conditions if c.id]):
        conditions = ()
    return nt.Position(
        party,
        issue.id,
        preferred=preferred,
        acceptable=acceptable,
        red_lines=tuple(red_lines),
        conditions=conditions,
        salience=draw(st.none() | st.floats(0, 1)),
        basis=draw(st.sampled_from(nt.Basis)),
        confidence=draw(st.none() | st.sampled_from(nt.Confidence)),
        evidence=tuple(draw(st.lists(st.sampled_from(statement_ids), unique=True, max_size=2)))
        if statement_ids
        else (),
        note=draw(optional_texts),
        table=table,
    )


def _at_tables(
    draw: st.DrawFn, pairs: list[tuple[str, nt.Issue]], party_ids: list[str]
) -> list[tuple[str, nt.Issue, str | None]]:
    """Each (party, issue) pair as an overall position, some also at a table with another party.

    The table is the first other party, so that two rounds often restate the same position.
    """
    found: list[tuple[str, nt.Issue, str | None]] = []
    for party, issue in pairs:
        found.append((party, issue, None))
        others = [p for p in party_ids if p != party]
        if others and draw(st.integers(0, 3)) == 0:
            found.append((party, issue, others[0]))
    return found


def _id(item: nt.Proposal) -> str:
    return item.id


def _alternatives(draw: st.DrawFn, issue: nt.Issue) -> tuple[nt.Alternative, ...]:
    """Up to two options within a paragraph, from a few ids so that drafts share them."""
    chosen = draw(st.lists(st.sampled_from(["opt-1", "opt-2", "opt-3"]), unique=True, max_size=2))
    return tuple(
        nt.Alternative(
            alternative, draw(optional_texts), _value(draw, issue) if draw(st.booleans()) else None
        )
        for alternative in chosen
    )


#: Statuses a draft gives its terms (``withdrawn``, the old name of ``dropped``, left out).
_STATUSES = st.sampled_from([s for s in nt.TermStatus if s is not nt.TermStatus.WITHDRAWN])


def _draft(draw: st.DrawFn, proposal: nt.Proposal, issue_list: list[nt.Issue]) -> nt.Draft:
    """A draft of a proposal restating some of its terms, each perhaps moved or reworded."""
    by_id = {issue.id: issue for issue in issue_list}
    restated = (
        draw(st.lists(st.sampled_from(proposal.terms), unique_by=lambda t: t.key))
        if proposal.terms
        else []
    )
    terms = []
    for term in restated:
        issue = by_id[term.issue or ""]
        changed = draw(st.booleans())
        terms.append(
            attrs.evolve(
                term,
                status=draw(_STATUSES),
                value=_value(draw, issue) if changed and draw(st.booleans()) else term.value,
                text=draw(st.just(term.text) | optional_texts),
                alternatives=_alternatives(draw, issue) if changed else term.alternatives,
            )
        )
    count = st.none() | st.integers(0, 60)
    return nt.Draft(
        proposal.id,
        title=draw(optional_texts),
        terms=tuple(terms),
        brackets=draw(count),
        options=draw(count),
        pages=draw(count),
    )


def _amendment(
    draw: st.DrawFn,
    amendment_id: str,
    proposal: nt.Proposal,
    issue_list: list[nt.Issue],
    party_ids: list[str],
) -> nt.Amendment:
    """An amendment to one term of a proposal, by up to two parties."""
    term = draw(st.sampled_from(proposal.terms))
    issue = next(i for i in issue_list if i.id == term.issue)
    return nt.Amendment(
        amendment_id,
        proposal.id,
        term.key,
        by=tuple(draw(st.lists(st.sampled_from(party_ids), unique=True, max_size=2))),
        value=_value(draw, issue) if draw(st.booleans()) else None,
        text=draw(optional_texts),
        outcome=draw(st.sampled_from(nt.AmendmentOutcome)),
    )


@st.composite
def negotiations(draw: st.DrawFn, max_rounds: int = 4) -> nt.Negotiation:
    """A valid dossier: every id unique, every reference resolved, every value on its scale."""
    party_ids = _unique_ids(draw, 1, 4)
    person_ids = _unique_ids(draw, 0, 4)
    parties = []
    for index, party_id in enumerate(party_ids):
        people = tuple(
            nt.Person(person_id, draw(texts), draw(optional_texts))
            for n, person_id in enumerate(person_ids)
            if n % len(party_ids) == index
        )
        members = tuple(
            nt.Membership(other, draw(st.none() | dates), None)
            for other in party_ids
            if other != party_id and draw(st.integers(0, 5)) == 0
        )
        parties.append(
            nt.Party(
                party_id,
                draw(texts),
                draw(st.sampled_from(nt.PartyKind)),
                draw(optional_texts),
                members,
                people,
            )
        )
    party_of = {person.id: party.id for party in parties for person in party.representatives}
    issue_ids = _unique_ids(draw, 1, 4)
    issue_list = [draw(issues(issue_id)) for issue_id in issue_ids]
    source_ids = _unique_ids(draw, 0, 3)
    sources = tuple(
        nt.Source(
            source_id,
            draw(texts),
            outlet=draw(optional_texts),
            kind=draw(st.sampled_from(nt.SourceKind)),
            date=draw(st.none() | dates),
            url=draw(st.none() | st.just("https://example.org/a?b=c#d")),
        )
        for source_id in source_ids
    )
    round_ids = _unique_ids(draw, 0, max_rounds)
    statement_ids = _unique_ids(draw, 0, 6)
    proposal_ids = _unique_ids(draw, 0, 3)
    proposals = []
    for proposal_id in proposal_ids:
        term_issues = draw(
            st.lists(st.sampled_from(issue_list), unique_by=lambda i: i.id, max_size=3)
        )
        proposals.append(
            nt.Proposal(
                proposal_id,
                draw(texts),
                draw(optional_texts),
                terms=tuple(
                    nt.Term(
                        issue.id,
                        _value(draw, issue) if draw(st.booleans()) else None,
                        draw(optional_texts),
                        draw(st.sampled_from(nt.TermStatus)),
                        alternatives=_alternatives(draw, issue),
                    )
                    for issue in term_issues
                ),
                tabled_by=tuple(
                    draw(st.lists(st.sampled_from(party_ids), unique=True, max_size=2))
                ),
                tabled_in=draw(st.none() | st.sampled_from(round_ids)) if round_ids else None,
                supersedes=tuple(
                    o for o in proposal_ids if o != proposal_id and draw(st.booleans())
                ),
            )
        )
    rounds = []
    for index, round_id in enumerate(round_ids):
        round_statements = [s for n, s in enumerate(statement_ids) if n % len(round_ids) == index]
        statements = tuple(
            nt.Statement(
                statement_id,
                draw(dates),
                speaker=(
                    speaker := draw(st.none() | st.sampled_from(person_ids)) if person_ids else None
                ),
                party=party_of.get(speaker or "") or draw(st.sampled_from(party_ids)),
                source=draw(st.sampled_from(source_ids)) if source_ids else None,
                quote=draw(texts),
                summary=draw(optional_texts),
                reliability=draw(st.sampled_from(nt.Reliability)),
                credibility=draw(st.integers(1, 6)),
            )
            for statement_id in round_statements
        )
        pairs = draw(
            st.lists(
                st.tuples(st.sampled_from(party_ids), st.sampled_from(issue_list)),
                unique_by=lambda pair: (pair[0], pair[1].id),
                max_size=6,
            )
        )
        stance_pairs = (
            draw(
                st.lists(
                    st.tuples(st.sampled_from(party_ids), st.sampled_from(proposal_ids)),
                    unique=True,
                    max_size=4,
                )
            )
            if proposal_ids
            else []
        )
        day = draw(dates)
        spans = draw(st.booleans())
        rounds.append(
            nt.Round(
                round_id,
                draw(texts),
                date=None if spans else day,
                start=day if spans else None,
                end=day + dt.timedelta(days=draw(st.integers(0, 3))) if spans else None,
                location=draw(optional_texts),
                format=draw(st.none() | st.sampled_from(nt.RoundFormat)),
                participants=tuple(draw(st.lists(st.sampled_from(party_ids), unique=True))),
                statements=statements,
                positions=tuple(
                    draw(
                        positions(
                            party,
                            issue,
                            issue_ids,
                            statement_ids,
                            table,
                            tuple(proposal_ids),
                        )
                    )
                    for party, issue, table in _at_tables(draw, pairs, party_ids)
                ),
                drafts=tuple(
                    _draft(draw, proposal, issue_list)
                    for proposal in draw(st.lists(st.sampled_from(proposals), unique_by=_id))
                )
                if proposals
                else (),
                amendments=tuple(
                    _amendment(draw, f"am-{index}-{n}", proposal, issue_list, party_ids)
                    for n, proposal in enumerate(proposals)
                    if proposal.terms and draw(st.integers(0, 2)) == 0
                ),
                stances=tuple(
                    nt.Stance(
                        party,
                        proposal,
                        draw(st.sampled_from(nt.StanceLevel)),
                        evidence=tuple(
                            draw(st.lists(st.sampled_from(statement_ids), unique=True, max_size=2))
                        )
                        if statement_ids
                        else (),
                    )
                    for party, proposal in stance_pairs
                ),
            )
        )
    return nt.Negotiation(
        draw(ids),
        draw(texts),
        draw(optional_texts),
        parties=tuple(parties),
        issues=tuple(issue_list),
        proposals=tuple(proposals),
        sources=sources,
        rounds=tuple(rounds),
    )
