"""``negotrack new-round``: the next round file, with what is in force commented out."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotrack
from negotrack.cli._main import main
from negotrack.diff._compare import compare
from tests import strategies
from tests.conftest import FLAGSHIP, MINIMAL

_BLOCK = re.compile(r"^# (positions|stances):$", re.MULTILINE)


def uncomment(text: str) -> str:
    """The file with every entry uncommented: each line from ``# positions:`` on loses ``# ``."""
    found = _BLOCK.search(text)
    if found is None:
        return text
    head, block = text[: found.start()], text[found.start() :]
    return head + "\n".join(re.sub(r"^# ?", "", line) for line in block.split("\n"))


@pytest.fixture
def flagship(tmp_path: Path) -> Path:
    target = tmp_path / "talks"
    shutil.copytree(FLAGSHIP, target)
    return target


def test_the_new_round_loads_and_holds_what_was_in_force(
    flagship: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Written as is, the file loads; the new round carries every position of the last one."""
    assert 0 == main(["new-round", str(flagship), "--date", "2022-05-01"])
    written = flagship / "rounds" / "2022-05-01.yaml"
    out = capsys.readouterr().out
    assert f"wrote {written}: 20 positions and 8 stances in force, commented out\n" in out
    text = written.read_text(encoding="utf-8")
    modeline = (flagship / "rounds" / "2022-04-15.yaml").read_text(encoding="utf-8")
    assert text.split("\n")[0] == modeline.split("\n")[0]
    assert "What a round does not restate carries forward" in text
    dossier = negotrack.load(flagship)
    last, new = dossier.rounds[-2], dossier.rounds[-1]
    assert ("2022-05-01", dt.date(2022, 5, 1)) == (new.id, new.date)
    assert last.participants == new.participants
    assert () == new.positions
    assert [e.value for e in dossier.effective_positions(last.id).values()] == [
        e.value for e in dossier.effective_positions(new.id).values()
    ]
    assert () == compare(dossier, last.id, new.id).changes


def test_uncommented_unchanged_it_restates_what_was_in_force(
    flagship: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every entry uncommented: 20 positions and 8 stances restated, and no change at all."""
    assert 0 == main(["new-round", str(flagship), "--date", "2022-05-01"])
    written = flagship / "rounds" / "2022-05-01.yaml"
    written.write_text(uncomment(written.read_text(encoding="utf-8")), encoding="utf-8")
    dossier = negotrack.load(flagship)
    new = dossier.rounds[-1]
    assert (20, 8) == (len(new.positions), len(new.stances))
    assert () == compare(dossier, dossier.rounds[-2].id, new.id).changes
    capsys.readouterr()
    assert 0 == main(["diff", str(flagship), "--exit-code"])
    assert "No changes." in capsys.readouterr().out


def test_an_analyst_uncomments_one_entry_and_changes_one_key(
    flagship: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Uncommenting party, issue and a changed salience restates one position: one change."""
    assert 0 == main(["new-round", str(flagship), "--date", "2022-05-01"])
    written = flagship / "rounds" / "2022-05-01.yaml"
    lines = written.read_text(encoding="utf-8").split("\n")
    start = lines.index("# positions:")
    entry = lines[start + 2 : start + 4]  # after its lead line: party and issue
    assert ["# - party: ru", "#   issue: alignment"] == entry
    lines[start : start + 4] = [
        "positions:",
        lines[start + 1],
        *(line.removeprefix("# ") for line in entry),
        "  salience: 0.5",
    ]
    written.write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()
    changes = compare(negotrack.load(flagship), "2022-04-15", "2022-05-01").changes
    assert [("ru", "alignment", "salience_lowered")] == [
        (c.party, c.issue, c.kind.value) for c in changes
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "2022-04-15"], "--date 2022-04-15: not after the last round, '2022-04-15'"),
        (["--date", "2022-03-01"], "not after the last round"),
        (["--date", "2022-05-01", "--id", "2022-03-29"], "round '2022-03-29' exists already"),
        (["--date", "2022-05-01", "--id", "late"], "late.yaml exists already"),
        (["--date", "2022-5-1"], "'2022-5-1' is not a date; write YYYY-MM-DD"),
        (["--date", "2022-02-30"], "'2022-02-30' is not a date"),
        (["--date", "2022-05-01", "--id", "../x"], "'../x' is not an id"),
    ],
)
def test_what_new_round_refuses(
    flagship: Path, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A date not after the last round, an id or a file taken, a bad date or id: 2, no file."""
    if "late" in extra:  # a round file named otherwise than its round takes the name
        (flagship / "rounds" / "2022-04-15.yaml").rename(flagship / "rounds" / "late.yaml")
    before = sorted(p.name for p in (flagship / "rounds").iterdir())
    assert 2 == main(["new-round", str(flagship), *extra])
    out, err = capsys.readouterr()
    assert "" == out
    assert message in err
    assert "Traceback" not in err
    assert before == sorted(p.name for p in (flagship / "rounds").iterdir())


def test_a_dossier_that_does_not_load_is_refused(
    flagship: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its problems are printed as validate prints them, exit 2, and nothing is written."""
    round_file = flagship / "rounds" / "2022-03-29.yaml"
    text = round_file.read_text(encoding="utf-8")
    round_file.write_text(text.replace("preferred:", "prefered:", 1), encoding="utf-8")
    assert 2 == main(["new-round", str(flagship), "--date", "2022-05-01"])
    assert (
        "unknown key 'prefered' on a position (did you mean 'preferred'?)"
        in capsys.readouterr().err
    )
    assert not (flagship / "rounds" / "2022-05-01.yaml").exists()


def test_a_single_file_dossier_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    single = tmp_path / "talks.yaml"
    single.write_text(negotrack.dump(negotrack.load(MINIMAL)), encoding="utf-8")
    assert 2 == main(["new-round", str(single), "--date", "2030-01-01"])
    assert "is a single-file dossier: add the round to its `rounds:` list" in (
        capsys.readouterr().err
    )
    assert [single] == list(tmp_path.iterdir())


def test_the_schema_line_follows_the_dossier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """init's dossier: its schemas/; a dossier whose files name no schema: no schema line."""
    started = tmp_path / "started"
    assert 0 == main(["init", str(started)])
    first = next((started / "rounds").iterdir())
    first.write_text(first.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    assert 0 == main(["new-round", str(started), "--date", "2099-01-01", "--title", "Next"])
    written = (started / "rounds" / "2099-01-01.yaml").read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=../schemas/round.schema.json\n")
    assert "title: Next\n" in written
    plain = tmp_path / "plain"
    negotrack.save(negotrack.load(MINIMAL), plain)
    assert 0 == main(["new-round", str(plain), "--date", "2099-01-01", "--id", "r3"])
    written = (plain / "rounds" / "r3.yaml").read_text(encoding="utf-8")
    assert written.startswith("# A new round, written by `negotrack new-round` after round")
    assert "r3" == negotrack.load(plain).rounds[-1].id
    capsys.readouterr()


def test_a_party_that_left_is_not_at_the_next_table(flagship: Path) -> None:
    """The participants are the last round's, less those that left in it."""
    last = flagship / "rounds" / "2022-04-15.yaml"
    text = last.read_text(encoding="utf-8")
    assert "participants: [ru, ua]\n" in text
    last.write_text(
        text.replace("participants: [ru, ua]\n", "participants: [ru, ua]\nleft: [ua]\n")
    )
    assert 0 == main(["new-round", str(flagship), "--date", "2022-05-01"])
    assert ("ru",) == negotrack.load(flagship).rounds[-1].participants


@settings(max_examples=25, deadline=None)
@given(strategies.negotiations(max_rounds=3), st.integers(1, 30))
def test_uncommenting_gives_back_what_is_in_force(
    negotiation: negotrack.Negotiation, days: int
) -> None:
    """For any dossier: commented, the round carries all; uncommented, it restates all, as was."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "talks"
        negotrack.save(negotiation, target)
        saved = negotrack.load(target)
        last = saved.rounds[-1] if saved.rounds else None
        day = (last.last_day if last else dt.date(2000, 1, 1)) + dt.timedelta(days=days)
        assert 0 == main(["new-round", str(target), "--date", str(day), "--id", "zz-new-round"])
        commented = negotrack.load(target)
        new = commented.rounds[-1]
        assert ("zz-new-round", (), ()) == (new.id, new.positions, new.stances)
        if last is None:
            return
        held = saved.effective_positions(last.id)
        stood = saved.effective_stances(last.id)
        assert {k: e.value for k, e in held.items()} == {
            k: e.value for k, e in commented.effective_positions(new.id).items()
        }
        written = target / "rounds" / "zz-new-round.yaml"
        written.write_text(uncomment(written.read_text(encoding="utf-8")), encoding="utf-8")
        restated = negotrack.load(target)
        new = restated.rounds[-1]
        assert {k: attrs.evolve(e.value, raised=False) for k, e in held.items()} == {
            p.key: p for p in new.positions
        }
        assert {k: e.value for k, e in stood.items()} == {s.key: s for s in new.stances}
        assert () == compare(restated, last.id, new.id).changes


def test_long_texts_and_raised_demands_come_back_as_they_were(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note broken over lines with empty ones survives; ``raised`` is not restated."""
    dossier = negotrack.load(MINIMAL)
    last = dossier.rounds[-1]
    note = ("word " * 40).strip() + "\n\n" + ("next paragraph " * 10).strip() + "\n\n\nthird"
    first = attrs.evolve(last.positions[0], note=note, raised=True)
    second = attrs.evolve(last.positions[1], note="a line\u2028and another\x85" * 8)
    dossier = attrs.evolve(
        dossier,
        rounds=(
            *dossier.rounds[:-1],
            attrs.evolve(last, positions=(first, second, *last.positions[2:])),
        ),
    )
    target = tmp_path / "talks"
    negotrack.save(dossier, target)
    assert 0 == main(["new-round", str(target), "--date", "2099-01-01", "--id", "next"])
    written = target / "rounds" / "next.yaml"
    text = written.read_text(encoding="utf-8")
    assert "\n#\n" in text[text.index("# positions:") :]  # the note's empty lines, commented
    assert "raised" not in text
    written.write_text(uncomment(text), encoding="utf-8")
    restated = {p.key: p for p in negotrack.load(target).rounds[-1].positions}
    assert attrs.evolve(first, raised=False) == restated[first.key]
    assert second == restated[second.key]
    capsys.readouterr()
