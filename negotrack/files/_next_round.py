"""The next round's file: its header filled in, and what is in force written out as comments.

`next_round_text` is what ``negotrack new-round`` writes. The positions and stances in force
after the last round are written as canonical YAML (as `save` writes them), each line behind
``# ``, so that an analyst uncomments an entry and changes a key. Uncommented unchanged, every
entry restates what is in force: the dossier then reads the same, round for round.
`create_new` writes a file atomically and never over one that exists.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.files._convert import converter
from negotrack.files._saving import _to_yaml
from negotrack.files._writing import stage, sync_directory
from negotrack.model._errors import NegotrackError
from negotrack.model._rounds import Round

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from negotrack.model._negotiation import Negotiation

__all__ = ["NewRoundError", "create_new", "next_round_text", "participants_after"]


class NewRoundError(NegotrackError):
    """A new round cannot be written: a date not after the last round, an id that is taken."""


_COMMENT: Final = "# "

_HOW: Final = """\
# What a round does not restate carries forward: each position and stance below stays in
# force, as it stands, until a round restates it, so an entry left commented changes nothing.
# To record a change, uncomment the `positions:` (or `stances:`) line and the entries that
# changed (remove the leading '# '), then edit them. A restated position needs only party,
# issue (and table, if it has one) and the keys that changed: the keys left out keep the value
# in force. A stance is restated whole. To end a position, write `withdrawn: true` in place of
# preferred and acceptable. Add the statements this round's evidence cites under `statements:`.
"""


def participants_after(last: Round | None) -> tuple[str, ...]:
    """Who is at the table in the round after ``last``: its participants, less those that left."""
    if last is None:
        return ()
    return tuple(party for party in last.participants if party not in last.left)


def next_round_text(
    negotiation: Negotiation,
    *,
    round_id: str,
    day: dt.date,
    title: str | None = None,
    schema: str | None = None,
) -> str:
    """The text of a new round file for the round after the dossier's last.

    Args:
        negotiation: The dossier, as loaded.
        round_id: The new round's id.
        day: The new round's date.
        title: Its title; by default ``Round of YYYY-MM-DD``.
        schema: The schema for the ``# yaml-language-server: $schema=...`` first line, if any.

    Returns:
        The file's text: the round's id, title, date and the participants of the last round
        (less those that left in it), then the positions and stances in force after the last
        round, commented out.
    """
    last = negotiation.rounds[-1] if negotiation.rounds else None
    header = Round(
        round_id,
        title or f"Round of {day.isoformat()}",
        date=day,
        participants=participants_after(last),
    )
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    after = f" after round '{last.id}'" if last is not None else ""
    lines.append(f"# A new round, written by `negotrack new-round`{after}.")
    positions, stances = _in_force(negotiation, last)
    if positions or stances:
        lines.append("#")
        lines.extend(_HOW.splitlines())
    else:
        lines.append("# No position or stance is in force yet: add this round's as `positions:`.")
    text = "\n".join(lines) + "\n" + _to_yaml(converter.unstructure(header), None)
    for key, entries in (("positions", positions), ("stances", stances)):
        if entries:
            text += "\n" + "".join(_commented(key, entries))
    return text


def _in_force(
    negotiation: Negotiation, last: Round | None
) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]]]:
    """The positions and stances in force after ``last``, each with a line on where it stands.

    Positions come issue by issue, then party by party, in the dossier's order; stances
    proposal by proposal. ``raised`` is left out: it belongs to the round that raised a demand.
    """
    if last is None:
        return [], []
    issues = {issue.id: n for n, issue in enumerate(negotiation.issues)}
    parties = {party.id: n for n, party in enumerate(negotiation.parties)}
    proposals = {proposal.id: n for n, proposal in enumerate(negotiation.proposals)}
    held = sorted(
        negotiation.effective_positions(last.id).values(),
        key=lambda e: (issues[e.value.issue], parties[e.value.party], e.value.table or ""),
    )
    positions = []
    for effective in held:
        position = effective.value
        where = f"{position.party} on {position.issue}"
        where += f" (at the table with {position.table})" if position.table else ""
        data = converter.unstructure(attrs.evolve(position, raised=False))
        positions.append((f"{where}, as round '{effective.round}' stated it", data))
    stood = sorted(
        negotiation.effective_stances(last.id).values(),
        key=lambda e: (proposals[e.value.proposal], parties[e.value.party]),
    )
    stances = [
        (
            f"{e.value.party} on {e.value.proposal}, as round '{e.round}' stated it",
            converter.unstructure(e.value),
        )
        for e in stood
    ]
    return positions, stances


def _commented(key: str, entries: list[tuple[str, dict[str, Any]]]) -> list[str]:
    r"""``key:`` and its list entries as comments; uncommented, they are that list in YAML.

    Each entry is led by a line that stays a comment when its own ``# `` is removed. Lines are
    split at ``\n`` only: text may hold other line separators, which the YAML keeps quoted.
    """
    out = [f"{_COMMENT}{key}:\n"]
    for lead, data in entries:
        out.append(f"{_COMMENT}# {lead}\n")
        body = _to_yaml({key: [data]}, None).removesuffix("\n").split("\n")[1:]
        # an empty line (in a quoted text) is a lone '#', which uncomments to the empty line
        out.extend(f"{_COMMENT}{line}\n" if line else "#\n" for line in body)
    return out


def create_new(path: Path, text: str) -> None:
    """Write ``text`` to a new file at ``path`` atomically; never over a file that exists.

    The text goes to a synced temporary file beside ``path``, which is then linked to ``path``,
    an operation that fails if ``path`` exists; where the file system has no hard links, the
    temporary file is renamed instead, after a last check that ``path`` is free.

    Raises:
        FileExistsError: If ``path`` exists; nothing is written then.
        OSError: If the file cannot be written.
    """
    temp = stage(path, text)
    try:
        try:
            os.link(temp, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network and FAT file systems)
            if os.path.lexists(path):
                raise FileExistsError(17, "file exists", str(path)) from None
            temp.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    sync_directory(path.parent)
