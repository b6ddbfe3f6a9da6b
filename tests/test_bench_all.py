"""benchmarks/bench_all collates the scripts' reports into one table (no timing asserted)."""

from __future__ import annotations

from benchmarks.bench_all import Result, collate, render

_DIFF = {
    "runs": [
        {
            "input": {"positions_per_round": 10_000},
            "times": [
                {"key": "a", "seconds": 0.02},
                {"key": "f", "seconds": 0.016},
                {"key": "c", "seconds": 3.0},
                {"key": "c'", "seconds": 2.5},
            ],
            "target": {"measured": 125.0},
            "floor": {"measured": 1.25},
        }
    ]
}
_LOAD = {
    "times": [
        {"key": "a", "layout": "folder", "seconds": 0.3, "ratio": 1.0},
        {"key": "b", "layout": "folder", "seconds": 0.09, "ratio": 0.3},
        {"key": "a", "layout": "single", "seconds": 0.5, "ratio": 1.0},
        {"key": "c", "layout": "single", "seconds": 0.15, "ratio": 0.3},
        {"key": "d", "layout": "single", "seconds": 0.1, "ratio": 0.2},
        {"key": "f", "layout": "single", "seconds": 0.2, "ratio": 0.4},
    ]
}
_SCALING = {
    "runs": [
        {"rounds": 100, "seconds": {"b": 0.010}},
        {"rounds": 1000, "seconds": {"b": 0.011, "c": 0.2, "f": 6.0}, "bytes": {"f": 4_000_000}},
    ],
    "targets": [{"label": "HTML diff at 1,000 rounds <= 0.3 s", "pass": True, "measured": "0.2 s"}],
}
_STARTUP_TEXT = """best of 5 runs, each in a fresh process
  python -c pass (reference)          20.0 ms   1.00 x ref
  negotrack --help                    50.0 ms   2.50 x ref
target: negotrack --help < 100 ms: PASS
"""


def _rows() -> dict[str, tuple[float | None, bool | None]]:
    results = {
        "bench_diff": Result(_DIFF, "", 0, 1.0),
        "bench_load": Result(_LOAD, "", 0, 1.0),
        "bench_scaling": Result(_SCALING, "", 0, 1.0),
        "bench_startup": Result(None, _STARTUP_TEXT, 0, 1.0),
    }
    issue, stated = collate(results)
    assert any("HTML diff at 1,000 rounds" in r.work for r in stated)
    assert any("negotrack --help < 100 ms" in r.work and r.verdict for r in stated)
    assert render(issue, stated)
    return {row.work: (row.ratio, row.verdict) for row in issue}


def test_ratios_and_verdicts_come_from_the_reports() -> None:
    rows = _rows()
    assert rows["diff, 10,000 positions, against DeepDiff"] == (125.0, True)
    assert rows["diff, 10,000 positions, against the plain-dict floor"] == (1.25, False)
    assert rows["load, folder"] == (0.3, True)
    assert rows["load, single file"] == (0.3, False)
    # the bad-reference row (f) is the one judged, not the unknown-key row (d)
    assert rows["load with one bad reference, single file"] == (0.4, False)
    assert rows["compare of the last two rounds, 1000 rounds"][1] is True
    assert rows["HTML diff, 1,000 rounds"][1] is True
    assert rows["report -f html, 1,000 rounds"][1] is False
    assert rows["HTML report size, 1,000 rounds"][1] is True
    ratio, verdict = rows["negotrack --help, over a bare interpreter"]
    assert verdict is True
    assert ratio is not None
    assert abs(ratio - 30 / 40) < 1e-9


def test_a_missing_key_or_script_is_not_available_never_a_crash() -> None:
    broken = {"runs": [{"input": {}, "times": "not a list"}], "target": None}
    issue, _ = collate({"bench_diff": Result(broken, "", 1, 0.0), "bench_load": None})
    rows = {row.work: row for row in issue}
    assert rows["diff, against DeepDiff"].verdict is None
    assert rows["load, folder"].ratio is None
    assert rows["validate of a small dossier"].figure == "n/a"
    assert "n/a" in render(issue, [])


def test_start_up_figures_from_the_scripts_json() -> None:
    """bench_startup's JSON lists its times; the worst validate is judged against --help."""
    report = {
        "times": [
            {"what": "python -c pass (reference)", "seconds": 0.020},
            {"what": "negotrack --help", "seconds": 0.050},
            {"what": "negotrack validate examples/minimal", "seconds": 0.090},
            {"what": "negotrack validate examples/ukraine-russia-2022", "seconds": 0.120},
        ]
    }
    issue, _ = collate({"bench_startup": Result(report, "", 0, 1.0)})
    rows = {row.work: row for row in issue}
    over = rows["negotrack --help, over a bare interpreter"]
    assert over.ratio is not None
    assert abs(over.ratio - 30 / 40) < 1e-9
    validate = rows["validate of a small dossier"]
    assert validate.ratio is not None
    assert abs(validate.ratio - 0.120 / 0.050) < 1e-9
    assert validate.verdict is False


def test_floors_are_shown_and_judged_against_nothing() -> None:
    """bench_readers' event floor and bench_startup's import floor are info rows, not verdicts."""
    readers = {
        "seconds": {"a": 0.2, "p": 0.05, "w": 0.12},
        "ratios": {"a": 1.0, "p": 0.25, "w": 0.6},
    }
    startup = {
        "times": [
            {"what": "python -c pass (reference)", "seconds": 0.02},
            {"what": "negotrack --help", "seconds": 0.04},
            {"what": "python -c 'import attrs, cattrs, yaml' (info)", "seconds": 0.1},
            {"what": "negotrack validate examples/minimal", "seconds": 0.16},
        ]
    }
    issue, _ = collate(
        {
            "bench_readers": Result(readers, "", 0, 1.0),
            "bench_startup": Result(startup, "", 0, 1.0),
        }
    )
    rows = {row.work: row for row in issue}
    events = rows["read a folder: PyYAML's event objects alone"]
    assert (events.ratio, events.target, events.verdict) == (0.25, "info", None)
    imports = rows["import attrs, cattrs, yaml alone"]
    assert imports.ratio == 2.5
    assert imports.verdict is None
    assert rows["validate of a small dossier"].ratio == 4.0
    assert "info" in render(issue, [])
