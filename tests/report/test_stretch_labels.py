"""A stretch of rounds is labelled by its own span, each end once: ``FIRST to LAST (N rounds)``."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.report._issue_charts import day
from negotrack.report._words import stretch_label

LABEL = re.compile(r"^(?P<first>\S+)(?: to (?P<last>\S+))? \((?P<count>\d+) rounds\)$")
HTML_LABEL = re.compile(r"^(?P<first>.+?)(?: to (?P<last>.+))? \((?P<count>\d+) rounds\)$")


@st.composite
def _rounds(draw: st.DrawFn) -> list[nt.Round]:
    """Rounds in date order, each of one day or of several (start and end)."""
    day_ = dt.date(2023, 3, 10)
    out = []
    for k in range(draw(st.integers(2, 8))):
        day_ += dt.timedelta(days=draw(st.integers(0, 40)))
        if draw(st.booleans()):
            out.append(nt.Round(f"r{k}", f"R{k}", date=day_))
        else:
            end = day_ + dt.timedelta(days=draw(st.integers(1, 5)))
            out.append(nt.Round(f"r{k}", f"R{k}", start=day_, end=end))
    return out


def _dossier(rounds: list[nt.Round]) -> nt.Negotiation:
    return nt.Negotiation("x", "X", rounds=tuple(rounds))


def test_a_stretch_of_multi_day_rounds_names_each_end_once() -> None:
    """The label of issue 12: the ends' own spans made four dates of two."""
    rounds = [
        nt.Round("a", "A", start=dt.date(2023, 3, 10), end=dt.date(2023, 3, 11)),
        *(nt.Round(f"m{k}", "M", date=dt.date(2023, 4, 1 + k)) for k in range(23)),
        nt.Round("z", "Z", start=dt.date(2023, 7, 8), end=dt.date(2023, 7, 9)),
    ]
    n = _dossier(rounds)
    ids = [r.id for r in rounds]
    assert stretch_label(n, ids, range(25)) == "2023-03-10 to 2023-07-09 (25 rounds)"
    assert stretch_label(n, ids, range(25), write=day) == "10 Mar 2023 to 9 Jul 2023 (25 rounds)"
    assert stretch_label(n, ids, range(1)) == "2023-03-10 to 2023-03-11"  # one round: its span
    assert stretch_label(n, ids, range(1), write=day) == "10 Mar 2023"


def test_rounds_on_one_day_name_it_once() -> None:
    rounds = [nt.Round(f"r{k}", "R", date=dt.date(2023, 3, 10)) for k in range(3)]
    assert stretch_label(_dossier(rounds), ["r0", "r1", "r2"], range(3)) == "2023-03-10 (3 rounds)"


@given(_rounds(), st.data())
def test_a_stretch_reads_from_its_first_day_to_its_last(
    rounds: list[nt.Round], data: st.DataObject
) -> None:
    n = _dossier(rounds)
    ids = [r.id for r in rounds]
    start = data.draw(st.integers(0, len(rounds) - 2))
    stop = data.draw(st.integers(start + 2, len(rounds)))
    stretch = range(start, stop)
    first = rounds[start].when
    last = max(r.last_day for r in rounds[start:stop])
    for pattern, write in ((LABEL, dt.date.isoformat), (HTML_LABEL, day)):
        label = stretch_label(n, ids, stretch, write=write)
        assert label.count(" to ") <= 1, label
        found = pattern.match(label)
        assert found is not None, label
        assert found["first"] == write(first)
        assert found["last"] == (None if first == last else write(last))
        assert int(found["count"]) == len(stretch)
