"""The verdict over the run in reports: like for like, from the first round it can be judged."""

from __future__ import annotations

import json

import negotrack as nt
from negotrack.report._reading_words import run_verdicts

LATE = """
id: late
title: A counterpart that comes late
parties:
  - {id: a, name: A}
  - {id: b, name: B}
sides:
  - {id: one, name: One, parties: [a]}
  - {id: two, name: Two, parties: [b]}
issues:
  - id: wage
    title: Wage
    scale: {kind: numeric, min: 0, max: 10}
rounds:
  - id: r1
    title: One
    date: 2024-01-01
    positions:
      - {party: a, issue: wage, preferred: 9}
  - id: r2
    title: Two
    date: 2024-02-01
    positions:
      - {party: b, issue: wage, preferred: 1}
  - id: r3
    title: Three
    date: 2024-03-01
    positions:
      - {party: a, issue: wage, preferred: 6}
      - {party: b, issue: wage, preferred: 3}
"""


def test_an_issue_not_measurable_at_the_start_is_judged_from_the_first_round_it_can_be() -> None:
    n = nt.loads(LATE)
    run = run_verdicts(n, nt.timeline(n))
    # r1 -> r3 has no pair (b holds nothing in r1); r2 -> r3 has one, and it closed
    assert nt.Verdict.CONVERGING is run["wage"].verdict
    assert nt.issue_verdicts(n, "r2", "r3")["wage"] == run["wage"]


def test_every_report_format_gives_the_like_for_like_verdict_and_its_reason() -> None:
    n = nt.loads(LATE)
    t = nt.timeline(n)
    data = json.loads(nt.renderer_for("json").report(n, t))
    assert ("converging", "like-for-like distance fell") == (
        data["issues"]["wage"]["verdict"],
        data["issues"]["wage"]["because"],
    )
    assert ["wage"] == data["converging"]
    markdown = nt.renderer_for("markdown").report(n, t)
    assert "- **Verdict over the run:** converging (like-for-like distance fell)" in markdown
    assert "- **Converging:** Wage (like-for-like distance fell)" in markdown
    assert "verdict over the run: converging (like-for-like distance fell)" in (
        nt.renderer_for("text").report(n, t)
    )
    assert "Wage" in nt.renderer_for("html").report(n, t).split('id="summary"')[1][:400]
