"""Synthetic, realistic negotiation dossiers of a chosen size, for the benchmarks.

`make_dossier` builds a `negotrack.Negotiation` with the shape of real peace talks: a dozen or so
parties (states, blocs with members, organisations, mediators, a faction) with their negotiators,
issues on ordinal, numeric and categorical scales, proposals with terms, sources, and many rounds
of graded statements, positions that drift from round to round, stances and context events.
Everything it builds passes negotrack's checks, so it loads cleanly.

The same seed and target size always give the same dossier: every random choice comes from a
`random.Random` seeded from ``seed`` (per round, so earlier rounds do not depend on how many
rounds follow).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Final

import attrs

import negotrack
from negotrack import (
    Basis,
    CategoricalScale,
    Condition,
    Confidence,
    ContextEvent,
    Interval,
    Issue,
    Membership,
    NumericScale,
    Option,
    OrdinalScale,
    Party,
    PartyKind,
    Person,
    Position,
    Proposal,
    RedLine,
    Reliability,
    Round,
    RoundFormat,
    Side,
    Source,
    SourceKind,
    Stance,
    StanceLevel,
    Statement,
    Term,
    TermStatus,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

_Options = tuple[tuple[str, str], ...]

__all__ = [
    "dumped_size",
    "make_dossier",
    "make_rounds",
    "write_dossier",
    "write_folder",
    "write_single",
]

_START: Final = dt.date(2022, 2, 28)
_ROUND_STEP_DAYS: Final = 5
_PROPOSALS: Final = 24
_MIN_STATEMENTS: Final = 8

# -- vocabulary --------------------------------------------------------------------------------

# (id, name, kind, members): "NO" is Norway's code, which YAML 1.1 would read as false.
_PARTIES: Final = (
    ("ua", "Ukraine", PartyKind.STATE, ()),
    ("ru", "Russian Federation", PartyKind.STATE, ()),
    ("by", "Belarus", PartyKind.STATE, ()),
    ("tr", "Türkiye", PartyKind.MEDIATOR, ()),
    ("us", "United States", PartyKind.STATE, ()),
    ("gb", "United Kingdom", PartyKind.STATE, ()),
    ("fr", "France", PartyKind.STATE, ()),
    ("de", "Germany", PartyKind.STATE, ()),
    ("NO", "Norway", PartyKind.STATE, ()),
    ("cn", "China", PartyKind.STATE, ()),
    ("eu", "European Union", PartyKind.ALLIANCE, ("fr", "de")),
    ("nato", "NATO", PartyKind.ALLIANCE, ("us", "gb", "fr", "de", "NO", "tr")),
    ("un", "United Nations", PartyKind.ORGANISATION, ()),
    ("icrc", "International Committee of the Red Cross", PartyKind.ORGANISATION, ()),
    ("dpr", "Donetsk separatist authorities", PartyKind.FACTION, ()),
    ("va", "Holy See", PartyKind.MEDIATOR, ()),
)
_SIDES: Final = (
    ("side-ua", "Ukraine and supporters", ("ua", "us", "gb", "eu", "nato")),
    ("side-ru", "Russia and allies", ("ru", "by", "dpr")),
)
_MAIN: Final = ("ua", "ru")

_FIRST: Final = (
    "Olena", "Mykhailo", "Sergei", "Vladimir", "Dmitry", "Anna", "Rustem", "David", "Ibrahim",
    "Mevlüt", "Antony", "Catherine", "Jean-Yves", "Annalena", "Anniken", "Wang", "Josep", "Maria",
    "Oleksii", "Vladimir", "Leonid", "Pietro", "Rosemary", "Martin", "Kateryna", "Yuriy",
)  # fmt: skip
_LAST: Final = (
    "Podolyak", "Medinsky", "Arakhamia", "Kalin", "Cavusoglu", "Lavrov", "Umerov", "Makei",
    "Blinken", "Colonna", "Baerbock", "Huitfeldt", "Borrell", "Guterres", "Griffiths", "Parolin",
    "Kuleba", "Reznikov", "Slutsky", "Galuzin", "Fomin", "Stoltenberg", "Maurer", "Pasechnik",
    "Шевченко", "Коваленко",
)  # fmt: skip
_ROLES: Final = (
    "head of delegation", "foreign minister", "deputy foreign minister", "presidential adviser",
    "spokesperson", "defence minister", "chief negotiator", "special envoy",
    "parliamentary faction leader", "legal adviser", "ambassador", None,
)  # fmt: skip

_OUTLETS: Final = (
    ("Reuters", "en"), ("Interfax", "ru"), ("TASS", "ru"), ("Ukrainska Pravda", "uk"),
    ("Financial Times", "en"), ("Anadolu Agency", "tr"), ("Kyiv Independent", "en"),
    ("RIA Novosti", "ru"), ("Le Monde", "fr"), ("Der Spiegel", "de"), ("NRK", "no"),
    ("Xinhua", "zh"), ("Office of the President of Ukraine", "uk"), ("Kremlin.ru", "ru"),
)  # fmt: skip
_LOCATIONS: Final = (
    "Istanbul, Dolmabahçe Palace", "Gomel region, Belarus", "Brest region, Belarus",
    "Antalya", "videoconference", "Vatican City", "Geneva", "Minsk",
)  # fmt: skip

_SUBJECTS: Final = (
    "The delegation", "Our side", "Kyiv", "Moscow", "The mediators", "The working group",
    "The president", "The guarantor states", "Nobody at the table", "The other side",
)  # fmt: skip
_VERBS: Final = (
    "will never accept", "is ready to discuss", "insists on", "has tabled", "rejects outright",
    "could consider", "wants written guarantees on", "will put to a referendum",
    "sees progress on", "refuses to link",
)  # fmt: skip
_OBJECTS: Final = (
    "neutral status", "security guarantees modelled on Article 5", "the status of Crimea",
    "a ceasefire along the current line of contact", "humanitarian corridors",
    "the size of the armed forces", "sanctions relief", "the withdrawal of troops",
    "the protection of the Russian language", "an exchange of prisoners, all for all",
    "control of the Zaporizhzhia nuclear plant", "a fifteen-year consultation period",
    "the return to the lines of 23 February", "international monitoring",
)  # fmt: skip
_TAILS: Final = (
    "", "", "", " before any meeting of the presidents", " without preconditions",
    " as a package, not piece by piece", ": that is our red line", " under UN supervision",
    " if the guarantors sign first", " within thirty days",
)  # fmt: skip
_NATIVE_QUOTES: Final = (
    "Мы готовы обсуждать нейтральный статус, но не под давлением.",
    "Ми не погодимося на жодні територіальні поступки.",
    "Это не переговоры, а затягивание времени.",  # noqa: RUF001 - Russian
    "Гарантії безпеки мають бути юридично зобов'язуючими.",
    "Görüşmeler yapıcı bir havada geçti.",  # noqa: RUF001 - Turkish
    "Nous restons disponibles pour une médiation.",
)

# -- issues ------------------------------------------------------------------------------------

_ORDINAL: Final[tuple[tuple[str, str, _Options], ...]] = (
    (
        "alignment",
        "Military-political alignment of Ukraine",
        (
            ("nato_membership", "NATO membership"),
            ("eu_membership_only", "EU membership, no military alliance"),
            ("guaranteed_neutrality", "Neutrality with binding guarantees"),
            ("armed_neutrality", "Armed neutrality, Austrian/Swedish style"),
            ("neutral_demilitarised", "Neutral and demilitarised"),
        ),
    ),
    (
        "crimea",
        "Status of Crimea",
        (
            ("return_now", "Return to Ukraine now"),
            ("return_negotiated", "Return after negotiations"),
            ("frozen_15_years", "Status frozen; talks over 15 years"),
            ("de_facto_russian", "Russian de facto, not recognised"),
            ("recognised_russian", "Recognised as Russian"),
        ),
    ),
    (
        "donbas",
        "Status of the Donetsk and Luhansk regions",
        (
            ("full_return", "Full return to Ukraine"),
            ("special_status", "Special status within Ukraine"),
            ("separate_talks", "Left to separate talks between presidents"),
            ("independent", "Recognised as independent"),
            ("annexed", "Annexed by Russia"),
        ),
    ),
    (
        "sanctions",
        "Sanctions relief",
        (
            ("none", "No relief"),
            ("staged", "Staged relief tied to withdrawal"),
            ("partial", "Partial relief on signature"),
            ("full", "Full lifting on signature"),
        ),
    ),
    (
        "language",
        "Status of the Russian language",
        (
            ("no_change", "No change to language law"),
            ("minority_rights", "Minority-language rights under the Council of Europe charter"),
            ("regional_official", "Regional official language"),
            ("second_state", "Second state language"),
        ),
    ),
    (
        "guarantee_format",
        "Form of the security guarantees",
        (
            ("treaty_article5", "Treaty with an Article 5-style clause"),
            ("treaty_consult", "Treaty with consultation only"),
            ("political_declaration", "Political declaration"),
            ("none", "No guarantees"),
        ),
    ),
    (
        "ceasefire",
        "Ceasefire arrangements",
        (
            ("withdrawal_first", "Withdrawal to 23 February lines first"),
            ("ceasefire_then_withdrawal", "Ceasefire, then phased withdrawal"),
            ("ceasefire_in_place", "Ceasefire in place"),
            ("no_ceasefire", "No ceasefire before a settlement"),
        ),
    ),
)
_NUMERIC: Final = (
    ("troop_ceiling", "Ceiling on Ukraine's armed forces", 0.0, 300000.0, "personnel", 1000.0),
    ("withdrawal_days", "Deadline for troop withdrawal", 0.0, 365.0, "days", 1.0),
    ("reparations", "Reconstruction fund and reparations", 0.0, 1000.0, "billion EUR", 0.5),
    ("buffer_zone", "Width of the demilitarised buffer zone", 0.0, 100.0, "km", 0.5),
    ("tank_ceiling", "Ceiling on main battle tanks", 0.0, 2000.0, "tanks", 10.0),
)
_CATEGORICAL: Final[tuple[tuple[str, str, _Options], ...]] = (
    (
        "guarantors",
        "Lead guarantor",
        (
            ("us", "United States"),
            ("gb", "United Kingdom"),
            ("tr", "Türkiye"),
            ("cn", "China"),
            ("fr", "France"),
            ("un_sc", "UN Security Council permanent members"),
        ),
    ),
    (
        "venue",
        "Venue of the presidents' meeting",
        (
            ("istanbul", "Istanbul"),
            ("jerusalem", "Jerusalem"),
            ("vatican", "Vatican City"),
            ("geneva", "Geneva"),
            ("minsk", "Minsk"),
        ),
    ),
    (
        "monitoring",
        "Ceasefire monitoring mission",
        (
            ("osce", "OSCE mission"),
            ("un", "UN peacekeeping mission"),
            ("eu", "EU civilian mission"),
            ("joint", "Joint commission of the parties"),
            ("none", "No monitoring"),
        ),
    ),
    (
        "referendum",
        "Ratification route",
        (
            ("referendum", "National referendum"),
            ("parliament", "Parliamentary ratification"),
            ("both", "Referendum and parliament"),
            ("guarantors_first", "Guarantors ratify first"),
        ),
    ),
)


# -- the builder -------------------------------------------------------------------------------


class _Text:
    """Plausible analyst prose and quotes, drawn from a `random.Random`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        r = self.rng
        return f"{r.choice(_SUBJECTS)} {r.choice(_VERBS)} {r.choice(_OBJECTS)}{r.choice(_TAILS)}."

    def prose(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def quote(self) -> str:
        if self.rng.random() < 0.2:
            return f"{self.rng.choice(_NATIVE_QUOTES)} {self.prose(0, 2)}".strip()
        return f'"{self.sentence()}" {self.prose(1, 3)}'.strip()


@attrs.define
class _State:
    """What a party last said on an issue, so positions drift instead of jumping."""

    preferred: float
    width: float
    salience: float


class _Builder:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(f"negotrack-bench:{seed}:header")
        self.text = _Text(self.rng)
        self.parties = self._parties()
        self.people = {p.id: [x.id for x in p.representatives] for p in self.parties}
        self.issues = self._issues()
        self.issue_by_id = {i.id: i for i in self.issues}
        self.sources: list[Source] = []
        self.state: dict[tuple[str, str], _State] = {}

    # -- header --------------------------------------------------------------------------------

    def _parties(self) -> list[Party]:
        r = self.rng
        parties = []
        for party_id, name, kind, members in _PARTIES:
            people = []
            for j in range(r.randint(2, 5)):
                first, last = r.choice(_FIRST), r.choice(_LAST)
                people.append(
                    Person(
                        id=f"{party_id.lower()}-{j + 1}",
                        name=f"{first} {last}",
                        role=r.choice(_ROLES),
                    )
                )
            parties.append(
                Party(
                    id=party_id,
                    name=name,
                    kind=kind,
                    description=self.text.prose(0, 2) or None,
                    members=tuple(
                        Membership(m, since=dt.date(r.randint(1949, 2004), 1, 1))
                        if r.random() < 0.5
                        else Membership(m)
                        for m in members
                    ),
                    representatives=tuple(people),
                )
            )
        return parties

    def _issues(self) -> list[Issue]:
        r = self.rng
        issues: list[Issue] = []
        for issue_id, title, options in _ORDINAL:
            issues.append(
                Issue(
                    id=issue_id,
                    title=title,
                    scale=OrdinalScale(options=self._options(options)),
                    description=self.text.prose(1, 2),
                    tags=tuple(r.sample(("security", "territory", "GUAR", "SEC-2", "TERR"), 2)),
                    reference=options[r.randrange(len(options))][0],
                )
            )
        for issue_id, title, low, high, unit, _ in _NUMERIC:
            issues.append(
                Issue(
                    id=issue_id,
                    title=title,
                    scale=NumericScale(min=low, max=high, unit=unit),
                    description=self.text.prose(1, 2),
                    reference=float(round(r.uniform(low, high))),
                )
            )
        for issue_id, title, options in _CATEGORICAL:
            issues.append(
                Issue(
                    id=issue_id,
                    title=title,
                    scale=CategoricalScale(options=self._options(options)),
                    description=self.text.prose(1, 2),
                )
            )
        return issues

    def _options(self, options: Sequence[tuple[str, str]]) -> tuple[Option, ...]:
        return tuple(
            Option(
                id=o,
                label=label,
                description=self.text.sentence() if self.rng.random() < 0.5 else None,
            )
            for o, label in options
        )

    def _proposals(self, rounds: Sequence[Round]) -> tuple[Proposal, ...]:
        r = self.rng
        proposals = []
        for index in range(_PROPOSALS):
            round_ = rounds[tabled_round(index, len(rounds))]
            issues = r.sample(self.issues, r.randint(3, 6))
            terms = []
            for issue in issues:
                option_ids = issue.option_ids
                value = r.choice(option_ids) if option_ids else self._number(issue, r.random())
                terms.append(
                    Term(
                        issue=issue.id,
                        value=value,
                        text=self.text.sentence() if r.random() < 0.7 else None,
                        status=r.choice(list(TermStatus)),
                    )
                )
            withdrawn = None
            later = [x.id for x in rounds if x.when > round_.when]
            if later and r.random() < 0.2:
                withdrawn = r.choice(later)
            proposals.append(
                Proposal(
                    id=f"p{index + 1:02d}",
                    title=f"{r.choice(_OBJECTS).capitalize()} (draft {index + 1})",
                    description=self.text.prose(1, 3),
                    terms=tuple(terms),
                    tabled_by=tuple(r.sample((*_MAIN, "tr", "un"), r.randint(1, 2))),
                    tabled_in=round_.id,
                    withdrawn_in=withdrawn,
                    supersedes=(f"p{index:02d}",) if index and r.random() < 0.3 else (),
                    evidence=tuple(
                        s.id for s in r.sample(round_.statements, min(2, len(round_.statements)))
                    ),
                )
            )
        return tuple(proposals)

    # -- rounds --------------------------------------------------------------------------------

    def round(self, index: int, total: int) -> Round:
        r = random.Random(f"negotrack-bench:{self.seed}:round:{index}")
        text = _Text(r)
        round_id = f"r{index + 1:03d}"
        day = _START + dt.timedelta(days=_ROUND_STEP_DAYS * index)
        multi_day = index % 4 == 3
        participants = [*_MAIN, *r.sample([p.id for p in self.parties[2:]], r.randint(2, 6))]
        sources = self._round_sources(r, text, round_id, day)
        statements = [
            self._statement(
                r,
                text,
                statement_id=f"st-{round_id}-{j + 1:02d}",
                day=day,
                participants=participants,
                sources=sources,
            )
            for j in range(r.randint(_MIN_STATEMENTS, 22))
        ]
        evidence_ids = [s.id for s in statements]
        positions = [
            self._position(r, text, party, issue, evidence_ids)
            for party in participants
            for issue in r.sample(self.issues, r.randint(3, 8))
        ]
        on_table = [f"p{i + 1:02d}" for i in range(_PROPOSALS) if tabled_round(i, total) <= index]
        stances = [
            self._stance(r, text, party, proposal, evidence_ids)
            for party in participants
            for proposal in r.sample(on_table, min(len(on_table), r.randint(0, 3)))
        ]
        events = [
            ContextEvent(
                id=f"ev-{round_id}-{j + 1}",
                date=day - dt.timedelta(days=r.randint(0, 3)),
                title=text.sentence(),
                description=text.prose(1, 3) if r.random() < 0.6 else None,
                evidence=tuple(r.sample(evidence_ids, r.randint(0, 2))),
                sources=tuple(s.id for s in r.sample(sources, r.randint(1, 2))),
            )
            for j in range(r.randint(0, 3))
        ]
        return Round(
            id=round_id,
            title=f"Round {index + 1}: {r.choice(_OBJECTS)}",
            date=None if multi_day else day,
            start=day if multi_day else None,
            end=day + dt.timedelta(days=r.randint(1, 2)) if multi_day else None,
            location=r.choice(_LOCATIONS),
            format=r.choice(list(RoundFormat)),
            description=text.prose(2, 5),
            participants=tuple(participants),
            statements=tuple(statements),
            positions=tuple(positions),
            stances=tuple(stances),
            events=tuple(events),
        )

    def _round_sources(
        self, r: random.Random, text: _Text, round_id: str, day: dt.date
    ) -> list[Source]:
        made = []
        for j in range(r.randint(3, 8)):
            outlet, language = r.choice(_OUTLETS)
            source_id = f"src-{round_id}-{j + 1}"
            made.append(
                Source(
                    id=source_id,
                    title=text.sentence(),
                    outlet=outlet,
                    kind=r.choice(list(SourceKind)),
                    date=day + dt.timedelta(days=r.randint(0, 2)),
                    url=f"https://news.example.org/{day.isoformat()}/{source_id}",
                    file=f"sources/{source_id}.pdf" if r.random() < 0.2 else None,
                    language=language,
                )
            )
        self.sources.extend(made)
        return made

    def _statement(
        self,
        r: random.Random,
        text: _Text,
        *,
        statement_id: str,
        day: dt.date,
        participants: Sequence[str],
        sources: Sequence[Source],
    ) -> Statement:
        party = r.choice(participants)
        speaker = r.choice(self.people[party]) if r.random() < 0.8 else None
        source = r.choice(sources)
        quoted = r.random() < 0.85
        return Statement(
            id=statement_id,
            date=day + dt.timedelta(days=r.randint(-2, 2)),
            speaker=speaker,
            party=party if speaker is None or r.random() < 0.5 else None,
            source=source.id,
            quote=text.quote() if quoted else None,
            summary=None if quoted and r.random() < 0.6 else text.prose(1, 2),
            translation_note=(
                f"Translated from {source.language} by the analyst."
                if source.language != "en" and r.random() < 0.6
                else None
            ),
            url=f"https://example.org/statements/{statement_id}" if r.random() < 0.3 else None,
            reliability=r.choice(list(Reliability)),
            credibility=r.randint(1, 6),
        )

    def _position(
        self, r: random.Random, text: _Text, party: str, issue: Issue, evidence_ids: list[str]
    ) -> Position:
        key = (party, issue.id)
        state = self.state.get(key)
        if state is None:
            state = _State(r.random(), r.uniform(0.1, 0.5), round(r.random(), 2))
        else:  # drift: a small concession or hardening, and a change of emphasis
            state.preferred = min(1.0, max(0.0, state.preferred + r.gauss(0, 0.08)))
            state.width = min(0.8, max(0.05, state.width + r.gauss(0, 0.05)))
            state.salience = round(min(1.0, max(0.0, state.salience + r.gauss(0, 0.05))), 2)
        self.state[key] = state
        base = Position(
            party=party,
            issue=issue.id,
            salience=state.salience if r.random() < 0.9 else None,
            basis=r.choice(list(Basis)),
            confidence=r.choice([*Confidence, None]),
            evidence=tuple(r.sample(evidence_ids, r.randint(1, 3))),
            note=text.prose(1, 2) if r.random() < 0.4 else None,
            conditions=self._conditions(r, text, issue.id),
        )
        if r.random() < 0.02:
            return attrs.evolve(base, withdrawn=True)
        scale = issue.scale
        if isinstance(scale, NumericScale):
            preferred = self._number(issue, state.preferred)
            low = self._number(issue, max(0.0, state.preferred - state.width / 2))
            high = self._number(issue, min(1.0, state.preferred + state.width / 2))
            red_lines = []
            if low > scale.min and r.random() < 0.5:
                red_lines.append(RedLine(text=text.sentence(), below=low, id=f"rl-{party}-low"))
            if high < scale.max and r.random() < 0.5:
                red_lines.append(RedLine(text=text.sentence(), above=high))
            return attrs.evolve(
                base,
                preferred=preferred,
                acceptable=Interval(min=low, max=high),
                red_lines=tuple(red_lines),
            )
        ids = list(issue.option_ids)
        at = min(len(ids) - 1, int(state.preferred * len(ids)))
        if isinstance(scale, OrdinalScale):
            reach = max(0, round(state.width * len(ids) / 2))
            acceptable = ids[max(0, at - reach) : at + reach + 1]
        else:
            others = [o for o in ids if o != ids[at]]
            acceptable = [ids[at], *r.sample(others, r.randint(0, min(2, len(others))))]
        excluded = [o for o in ids if o not in acceptable]
        red_lines = []
        if excluded and r.random() < 0.6:
            ruled_out = tuple(r.sample(excluded, r.randint(1, min(2, len(excluded)))))
            red_lines.append(RedLine(text=text.sentence(), options=ruled_out))
        return attrs.evolve(
            base,
            preferred=ids[at],
            acceptable=tuple(acceptable),
            red_lines=tuple(red_lines),
        )

    def _conditions(self, r: random.Random, text: _Text, own: str) -> tuple[Condition, ...]:
        conditions = []
        for j in range(r.choices((0, 1, 2, 3), weights=(5, 3, 2, 1))[0]):
            linked = r.choice([i.id for i in self.issues if i.id != own])
            conditions.append(
                Condition(
                    text=text.sentence(),
                    id=f"c{j + 1}" if r.random() < 0.5 else None,
                    linked_issue=linked if r.random() < 0.5 else None,
                )
            )
        return tuple(conditions)

    def _stance(
        self, r: random.Random, text: _Text, party: str, proposal: str, evidence_ids: list[str]
    ) -> Stance:
        return Stance(
            party=party,
            proposal=proposal,
            stance=r.choice(list(StanceLevel)),
            conditions=self._conditions(r, text, ""),
            basis=r.choice(list(Basis)),
            confidence=r.choice([*Confidence, None]),
            evidence=tuple(r.sample(evidence_ids, r.randint(1, 2))),
            note=text.sentence() if r.random() < 0.3 else None,
        )

    def _number(self, issue: Issue, fraction: float) -> float:
        """A round value at ``fraction`` of the way along a numeric issue's scale."""
        scale = issue.scale
        assert isinstance(scale, NumericScale)
        step = next(n[5] for n in _NUMERIC if n[0] == issue.id)
        value = scale.min + fraction * (scale.max - scale.min)
        return float(min(scale.max, max(scale.min, round(value / step) * step)))

    # -- the whole dossier -----------------------------------------------------------------

    def build(self, n_rounds: int) -> negotrack.Negotiation:
        rounds = [self.round(i, n_rounds) for i in range(n_rounds)]
        r = self.rng
        header_events = tuple(
            ContextEvent(
                id=f"ev-{j + 1}",
                date=_START - dt.timedelta(days=r.randint(1, 30)),
                title=self.text.sentence(),
                description=self.text.prose(1, 3),
                sources=(r.choice(self.sources).id,),
            )
            for j in range(4)
        )
        return negotrack.Negotiation(
            id="synthetic-talks",
            title="Synthetic peace talks (benchmark dossier)",
            description=self.text.prose(3, 6),
            parties=tuple(self.parties),
            sides=tuple(Side(id=s, name=n, parties=p) for s, n, p in _SIDES),
            issues=tuple(self.issues),
            proposals=self._proposals(rounds),
            sources=tuple(self.sources),
            events=header_events,
            rounds=tuple(rounds),
        )


def tabled_round(proposal_index: int, n_rounds: int) -> int:
    """The index of the round in which a proposal is tabled: spread over the first half."""
    return (proposal_index * max(1, n_rounds // 2)) // _PROPOSALS


def dumped_size(negotiation: negotrack.Negotiation) -> int:
    """Size in bytes of the single-file YAML of a dossier."""
    return len(negotrack.dump(negotiation).encode("utf-8"))


def make_rounds(n_rounds: int, seed: int = 0) -> negotrack.Negotiation:
    """Build a synthetic dossier of exactly ``n_rounds`` rounds, shaped as `make_dossier`'s.

    Every round has the same make-up whatever the count (16 parties, 3-8 positions per
    participant, 8-22 statements); the proposals are tabled over the first half of the rounds.
    """
    if n_rounds <= 0:
        raise ValueError("n_rounds must be positive")
    return _Builder(seed).build(n_rounds)


def make_dossier(target_bytes: int = 1_000_000, seed: int = 0) -> negotrack.Negotiation:
    """Build a synthetic dossier whose single-file YAML is about ``target_bytes`` long.

    The number of rounds is chosen from the measured size of small dossiers (a few per cent off
    the target at worst); everything else scales with it.
    """
    if target_bytes <= 0:
        raise ValueError("target_bytes must be positive")
    small, large = 2, 6
    size_small = dumped_size(_Builder(seed).build(small))
    size_large = dumped_size(_Builder(seed).build(large))
    per_round = (size_large - size_small) / (large - small)
    fixed = size_small - small * per_round
    n_rounds = max(1, round((target_bytes - fixed) / per_round))
    negotiation = _Builder(seed).build(n_rounds)
    # one correction step: rounds vary in size, so re-estimate from the real per-round size
    actual = dumped_size(negotiation)
    per_round = (actual - fixed) / n_rounds
    corrected = max(1, round((target_bytes - fixed) / per_round))
    if corrected != n_rounds:
        negotiation = _Builder(seed).build(corrected)
    return negotiation


def write_folder(negotiation: negotrack.Negotiation, folder: Path) -> list[Path]:
    """Save a dossier as a folder (``negotiation.yaml`` + ``rounds/*.yaml``); return its files."""
    negotrack.save(negotiation, folder)
    return [folder / "negotiation.yaml", *sorted((folder / "rounds").glob("*.yaml"))]


def write_single(negotiation: negotrack.Negotiation, path: Path) -> Path:
    """Save a dossier as one YAML file (``path`` must end in ``.yaml``); return ``path``."""
    if path.suffix not in (".yaml", ".yml"):
        raise ValueError(f"a single-file dossier is a .yaml file, got {path}")
    negotrack.save(negotiation, path)
    return path


def write_dossier(
    directory: Path, target_bytes: int = 1_000_000, seed: int = 0
) -> tuple[negotrack.Negotiation, Path, Path]:
    """Build a dossier and write it both ways under ``directory``.

    Returns:
        The dossier, the folder (``directory/folder``) and the single file
        (``directory/single.yaml``).
    """
    negotiation = make_dossier(target_bytes, seed)
    folder = directory / "folder"
    write_folder(negotiation, folder)
    single = write_single(negotiation, directory / "single.yaml")
    return negotiation, folder, single
