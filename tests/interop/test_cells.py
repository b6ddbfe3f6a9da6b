"""Cells: text guarded against formulas and given back exactly, .xlsx escapes, JSON cells."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

import negotrack as nt
from negotrack.interop._cells import (
    Kind,
    csv_cell,
    guard,
    json_cell,
    unguard,
    xml_escape,
    xml_unescape,
)

_RISKY = ("=", "+", "-", "@", "\t", "\r")

#: Text that leans on the rules: apostrophes, risky first characters, escapes, anything.
risky_text = st.one_of(
    st.text(),
    st.builds(
        lambda quotes, first, rest: "'" * quotes + first + rest,
        st.integers(0, 3),
        st.sampled_from([*_RISKY, "a", "'", ""]),
        st.text(max_size=5),
    ),
    st.sampled_from(["_x000B_", "_x005F_x0041_", "a_x00e9_b", "\x0b\r\n", "\ufffe", "_x1234\x0b"]),
    st.lists(st.sampled_from(["_", "x", "0", "F", "\x0b", "a"]), max_size=14).map("".join),
)


@given(risky_text)
def test_guard_is_undone_exactly(text: str) -> None:
    """unguard(guard(s)) is s, and a guarded cell never starts with a formula character."""
    assert text == unguard(guard(text))
    assert not guard(text).startswith(_RISKY)


@given(risky_text)
def test_xml_escape_is_undone_exactly(text: str) -> None:
    """What an .xlsx cell holds reads back as the text, and holds no character XML refuses."""
    escaped = xml_escape(text)
    assert text == xml_unescape(escaped)
    assert not any(ord(c) < 32 and c not in "\t\n" for c in escaped)


def test_numbers_and_ids_are_never_guarded() -> None:
    """-5 stays a number in a number column; only text columns get the apostrophe."""
    assert ("-5", "-0.25", "'-5 percent") == (
        csv_cell(-5, Kind.NUMBER),
        csv_cell(-0.25, Kind.VALUE),
        csv_cell("-5 percent", Kind.TEXT),
    )
    assert ("", "true", "'") == (
        csv_cell(None, Kind.TEXT),
        csv_cell(True, Kind.BOOLEAN),
        csv_cell("", Kind.TEXT),
    )


def test_a_json_cell_keeps_every_field_under_its_yaml_key() -> None:
    """A red line's options and bounds, a condition's links, with defaults left out."""
    line = nt.RedLine("never", id="floor", options=("a", "b"))
    condition = nt.Condition("if", linked_issue="x", met=True)
    assert [{"text": "never", "id": "floor", "options": ["a", "b"]}] == json.loads(
        json_cell([line]) or ""
    )
    assert [{"text": "if", "linked_issue": "x", "met": True}] == json.loads(
        json_cell([condition]) or ""
    )
    assert None is json_cell(())
