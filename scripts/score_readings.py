"""Score negotrack's readings against the expert reading sets in tests/data/readings/.

Usage: ``python scripts/score_readings.py [-q]``. Prints the agreement rate per set and overall,
then every disagreement (expected, found, and the expert's reason beside negotrack's), unless
``-q``. An item is a party's reading on an issue, an issue's verdict, or a party's reading of its
stance on a proposal, for each pair of consecutive rounds the set lists. Items the tool reads
that the expert did not list (and the reverse) count as disagreements: "none" stands for no
reading.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import negotrack as nt

ROOT = Path(__file__).resolve().parent.parent / "tests" / "data" / "readings"


@dataclass
class Score:
    """Agreement of one reading set (or of all of them)."""

    name: str
    agreed: int = 0
    total: int = 0
    disagreements: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """The share of items on which negotrack agrees with the expert."""
        return self.agreed / self.total if self.total else 1.0


def _item(  # noqa: PLR0917 - one scored item
    score: Score, where: str, expected: str, found: str, why: str, because: str = ""
) -> None:
    score.total += 1
    if expected == found:
        score.agreed += 1
    else:
        score.disagreements.append(
            f"{score.name} {where}: expected {expected}, found {found}\n"
            f"    expert: {why.strip()}\n    negotrack: {because}"
        )


def score_set(folder: Path) -> Score:
    """Compare one set's readings.yaml with what negotrack reads from its dossier."""
    expected = yaml.safe_load((folder / "readings.yaml").read_text(encoding="utf-8"))
    negotiation = nt.load(folder)
    score = Score(folder.name)
    for diff in expected["diffs"]:
        a, b = str(diff["from"]), str(diff["to"])
        found = nt.readings(negotiation, a, b)
        verdicts = nt.issue_verdicts(negotiation, a, b)
        _compare(score, f"{a}->{b}", diff, found, verdicts)
    return score


def _compare(
    score: Score,
    span: str,
    diff: dict[str, Any],
    found: tuple[nt.Reading, ...],
    verdicts: dict[str, nt.IssueVerdict],
) -> None:
    positions = {(r.party, r.issue): r for r in found if r.issue is not None}
    stances = {(r.party, r.proposal): r for r in found if r.proposal is not None}
    _readings(score, span, "", "issue", diff.get("readings") or (), positions)
    _readings(score, span, "proposal ", "proposal", diff.get("stances") or (), stances)
    for e in diff.get("verdicts") or ():
        v = verdicts.get(e["issue"])
        _item(
            score,
            f"{span} verdict on {e['issue']}",
            e["verdict"],
            v.verdict.value if v else "none",
            e.get("why", ""),
            v.because if v else "(no verdict)",
        )


def _readings(  # noqa: PLR0917 - one kind of item of one diff
    score: Score,
    span: str,
    label: str,
    subject: str,
    expected: Any,
    found: dict[tuple[str, str], nt.Reading],
) -> None:
    """Score the expected readings of one kind (on issues, or on proposals) against the found."""
    wanted = {(e["party"], e[subject]): e for e in expected}
    for key in sorted(wanted.keys() | found.keys()):
        e, r = wanted.get(key), found.get(key)
        _item(
            score,
            f"{span} {key[0]} on {label}{key[1]}",
            e["reading"] if e else "none",
            r.reading.value if r else "none",
            e.get("why", "") if e else "(no reading expected)",
            r.because if r else "(no reading)",
        )


def score_all(root: Path = ROOT) -> tuple[Score, list[Score]]:
    """Every set under ``root``, and their total."""
    sets = [score_set(f) for f in sorted(root.iterdir()) if (f / "readings.yaml").is_file()]
    total = Score("all")
    for s in sets:
        total.agreed += s.agreed
        total.total += s.total
        total.disagreements += s.disagreements
    return total, sets


def main(argv: list[str]) -> int:
    """Print the rates, then the disagreements unless ``-q``."""
    total, sets = score_all()
    for s in [*sets, total]:
        print(f"{s.name}: {s.agreed}/{s.total} = {s.rate:.1%}")
    if "-q" not in argv:
        for line in total.disagreements:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
