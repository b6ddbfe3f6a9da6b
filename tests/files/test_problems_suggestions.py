"""Did-you-mean: only a likely typo is suggested, and looking one up is indexed, not quadratic."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.model import _errors
from negotrack.model._errors import Suggester, closest, did_you_mean, edit_distance, edit_limit
from negotrack.model._parties import PartyKind
from negotrack.model._proposals import TermStatus

LETTERS = "abcdefghijklmnopqrstuvwxyz"
names = st.text(alphabet=LETTERS + "-_0123456789", min_size=1, max_size=14)
words = st.text(alphabet=LETTERS, min_size=6, max_size=14)


def reference_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, the textbook table, without any shortcut."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        table[i][0] = i
    for j in range(len(b) + 1):
        table[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            table[i][j] = min(
                table[i - 1][j] + 1,
                table[i][j - 1] + 1,
                table[i - 1][j - 1] + (a[i - 1] != b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[len(a)][len(b)]


@given(names, names, st.integers(0, 3))
def test_edit_distance_is_the_textbook_one_up_to_its_limit(a: str, b: str, limit: int) -> None:
    """The bounded distance is exact within its limit, and limit + 1 past it."""
    assert min(reference_distance(a, b), limit + 1) == edit_distance(a, b, limit)


@given(names, st.lists(names, max_size=30))
@example("coalition", [k.value for k in PartyKind])
@example("dropped", ["proposed", "bracketed"])
def test_a_suggestion_is_always_a_likely_typo(wanted: str, known: list[str]) -> None:
    """What is suggested is known, not the name itself, within `edit_limit` edits scaled by the
    name's length, and not a name that differs only in digits."""
    found = closest(wanted, known)
    if found is None:
        return
    assert found in known
    assert found != wanted
    a, b = wanted.casefold(), found.casefold()
    assert reference_distance(a, b) <= edit_limit(len(wanted))
    digits_only = len(a) == len(b) and all(
        x == y or (x.isdigit() and y.isdigit()) for x, y in zip(a, b, strict=True)
    )
    assert a == b or not digits_only


def _one_edit(data: st.DataObject, word: str) -> str:
    """The word with one letter inserted, deleted, replaced, or two neighbours swapped, past its
    first letter."""
    at = data.draw(st.integers(1, len(word) - 1))
    letter = data.draw(st.sampled_from(LETTERS))
    edit = data.draw(st.sampled_from(["insert", "delete", "replace", "swap"]))
    if edit == "insert":
        return word[:at] + letter + word[at:]
    if edit == "delete":
        return word[:at] + word[at + 1 :]
    if edit == "replace":
        return word[:at] + letter + word[at + 1 :]
    at = min(at, len(word) - 2)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


@given(st.data(), words, st.lists(words, max_size=30))
def test_a_name_one_edit_away_is_always_suggested(
    data: st.DataObject, word: str, others: list[str]
) -> None:
    """A typo one edit from a known name (of letters, six or more) always gets a suggestion
    at most one edit away, however many other names there are."""
    wanted = _one_edit(data, word)
    known = [*others, word]
    if wanted in known:
        return
    for found in (closest(wanted, known), Suggester(known).closest(wanted)):
        assert found is not None
        assert reference_distance(wanted, found) <= 1


@given(names, st.lists(names, max_size=40))
@example("st-r001-01x", ["st-r001-01", "st-r001-02"])
def test_the_index_agrees_with_the_plain_search(wanted: str, known: list[str]) -> None:
    """`Suggester`'s indexed lookup gives what looking at every name gives."""
    assert closest(wanted, known) == Suggester(known).closest(wanted)


@pytest.mark.parametrize(
    ("wanted", "known", "expected"),
    [
        ("prefered", ["preferred", "party"], "preferred"),
        ("lcoation", ["location"], "location"),
        ("stat", ["state", "alliance"], "state"),
        ("sout", ["north", "south"], "south"),
        ("UA", ["ua", "us"], "ua"),
        ("organization", ["organisation"], "organisation"),
        ("2023-8-01", ["2023-08-01", "2023-09-01"], "2023-08-01"),  # a digit left out
        ("coalition", [k.value for k in PartyKind], None),  # not 'organisation'
        ("dropped", [s.value for s in TermStatus if s.value != "dropped"], None),  # not 'proposed'
        ("2023-08-02", ["2023-08-01", "2023-09-01"], None),  # another day, not a typo
        ("2023-08-10", ["2023-08-01"], None),
        ("r12", ["r13", "r21"], None),
        ("uk", ["ua", "us"], None),  # two characters: too short to guess
        ("ev-0001", ["st-0001"], None),
    ],
)
def test_suggestions(wanted: str, known: list[str], expected: str | None) -> None:
    """A typo gets its name; another day, round or kind does not."""
    assert expected == closest(wanted, known)
    assert (f" (did you mean {expected!r}?)" if expected else "") == did_you_mean(wanted, known)


def test_a_suggester_looks_each_name_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Among 2,000 statement ids, a wanted id is compared with a few dozen, and only once."""
    calls = 0
    real = _errors.edit_distance

    def counted(a: str, b: str, limit: int) -> int:
        nonlocal calls
        calls += 1
        return real(a, b, limit)

    monkeypatch.setattr(_errors, "edit_distance", counted)
    suggester = Suggester(f"st-{i:04d}" for i in range(2000))
    assert "st-0042" == suggester.closest("st-0042x")
    assert suggester.closest("ev-0042") is None
    first = calls
    assert first < 200  # of 4,000 for the two without an index
    assert "st-0042" == suggester.closest("st-0042x")
    assert first == calls


def test_two_thousand_bad_references_cost_no_more_than_two_hundred_lookups(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """2,000 distinct unknown statement ids among 2,000 statements: one problem each, the first
    200 listed, and only those looked up (this took minutes when every one was compared with
    every statement)."""
    statements = "".join(
        f"  - {{id: st-{i:04d}, date: 2024-01-01, party: north, summary: s}}\n" for i in range(2000)
    )
    evidence = "".join(f"          - ev-{i:04d}\n" for i in range(2000))
    text = (
        "id: t\ntitle: T\nparties: [{id: north, name: North}]\n"
        "issues: [{id: border, title: B, scale: {kind: ordinal, options: [{id: o, label: O}]}}]\n"
        f"statements:\n{statements}"
        "rounds:\n  - id: r1\n    title: R\n    date: 2024-01-02\n    positions:\n"
        f"      - party: north\n        issue: border\n        preferred: o\n        evidence:\n{evidence}"
    )
    calls = 0
    real = Suggester.closest

    def counted(self: Suggester, wanted: str) -> str | None:
        nonlocal calls
        calls += 1
        return real(self, wanted)

    monkeypatch.setattr(Suggester, "closest", counted)
    with pytest.raises(nt.LoadError) as caught:
        nt.loads(text, filename="d.yaml")
    problems = caught.value.problems
    assert 201 == len(problems)
    assert "... and 1,800 more problems in this file" == problems[-1].message
    assert "unknown statement 'ev-0000'" == problems[0].message
    assert 200 == calls
