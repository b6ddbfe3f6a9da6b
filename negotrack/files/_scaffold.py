"""``negotrack init``: a new dossier folder with commented files that already validate."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Final

from negotrack.files._id_schemas import SCHEMA_DIR, dossier_schema, modeline
from negotrack.files._loading import DOSSIER_FILE, ROUNDS_DIR, load_tree
from negotrack.files._schema import schema_text
from negotrack.files._writing import write_files
from negotrack.model._errors import NegotrackError

if TYPE_CHECKING:
    from pathlib import Path

    from negotrack.model._negotiation import Negotiation

__all__ = ["ScaffoldError", "scaffold"]


class ScaffoldError(NegotrackError):
    """The folder to start a dossier in is not empty."""


_NEGOTIATION: Final = """\
{modeline}
# The negotiation: who takes part, what is on the table, and where statements come from.
# Every key is documented in the schema, so an editor with the YAML extension completes and
# checks it. Ids are letters, digits, '.', '_' and '-'; everything is matched by id.
id: {id}
title: {title}
description: What the talks are about, in a sentence or two.

parties:
  # kind: state, alliance, organisation, faction, mediator or other
  - id: party-a
    name: Party A
    representatives:
      - {{id: envoy-a, name: Envoy of A, role: chief negotiator}}
  - id: party-b
    name: Party B

issues:
  # An ordinal scale runs from one pole to the other; moves along it have a direction.
  # Other scales: {{kind: numeric, min: 0, max: 100, unit: percent}}, or kind: categorical.
  - id: first-issue
    title: The first issue
    scale:
      kind: ordinal
      options:
        - {{id: low, label: Low}}
        - {{id: middle, label: Middle}}
        - {{id: high, label: High}}

sources:
  - {{id: first-source, title: Where a statement was published, outlet: The outlet}}
"""

_ROUND: Final = """\
{modeline}
# One round of talks. Positions not restated in a later round carry forward.
id: {date}
title: First round
date: {date}
participants: [party-a, party-b]

statements:
  # Grade each statement with the Admiralty code: reliability A-F, credibility 1-6.
  - id: envoy-a-opening
    date: {date}
    speaker: envoy-a
    source: first-source
    quote: The exact words, as published.
    reliability: B
    credibility: 2

positions:
  - party: party-a
    issue: first-issue
    preferred: high
    acceptable: [middle, high]
    salience: 0.8
    evidence: [envoy-a-opening]
"""


def scaffold(directory: Path, *, title: str, today: dt.date | None = None) -> list[Path]:
    """Write a starter dossier into ``directory`` (new or empty); return the files written.

    Besides ``negotiation.yaml`` and a first round, it writes the dossier's own schemas
    (`negotrack.files._id_schemas`), which know its ids, and each YAML file's first line points
    an editor at its schema.

    Raises:
        ScaffoldError: If the directory exists and is not empty; nothing is written then.
        SaveError: If the files cannot be written (a full disk): every file and folder made is
            removed again, so that the same call can be tried again.
    """
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ScaffoldError(f"{directory} already exists and is not empty; nothing was written")
    day = (today or dt.date.today()).isoformat()
    slug = "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())
    quoted_title = json.dumps(title, ensure_ascii=False)  # a JSON string is a YAML string
    dossier = {
        DOSSIER_FILE: _NEGOTIATION.format(
            modeline=modeline("negotiation"),
            id=slug if slug.isascii() and slug else "negotiation",
            title=quoted_title,
        ),
        f"{ROUNDS_DIR}/{day}.yaml": _ROUND.format(modeline=modeline("round"), date=day),
    }
    files = {directory.joinpath(*name.split("/")): text for name, text in dossier.items()}
    negotiation = _loaded(dossier)
    for name in ("negotiation", "round"):
        schema = dossier_schema(name, negotiation)
        files[directory / SCHEMA_DIR / f"{name}.schema.json"] = schema_text(schema)
    write_files(files)
    return list(files)


def _loaded(dossier: dict[str, str]) -> Negotiation:
    """The starter dossier as it loads from its files, read in memory."""
    return load_tree({name: text.encode() for name, text in dossier.items()}, "init")
