"""Saving dossiers: canonical YAML that loads back equal, written atomically."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import pathlib
import shutil
import stat
import subprocess
import sys
import tempfile
import typing
from pathlib import Path

import attrs
import pytest
import yaml
from hypothesis import given, settings

import negotrack as nt
from negotrack.files._saving import SaveError
from negotrack.files._saving import _unstructure as unstructure_minimal
from tests.strategies import negotiations

if typing.TYPE_CHECKING:
    from collections.abc import Iterator

#: Strings a YAML reader (1.1 or 1.2) could take for null, a boolean, a number or a date.
TRICKY = [
    "NO",
    "no",
    "yes",
    "on",
    "off",
    "y",
    "n",
    "Y",
    "N",
    "012",
    "0o17",
    "0x1F",
    "0b11",
    "1_000",
    "1:30",
    "~",
    "true",
    "False",
    "1e3",
    ".5",
    "-.inf",
    ".nan",
    "null",
    "",
    "2022-03-16",
    "=",
    "<<",
]


def _dossier(name: str = "North", rounds: tuple[nt.Round, ...] = ()) -> nt.Negotiation:
    ordinal = nt.OrdinalScale(options=(nt.Option("open", "Open"), nt.Option("closed", "Closed")))
    return nt.Negotiation(
        "talks",
        "Talks",
        parties=(nt.Party("north", name), nt.Party("south", "South")),
        issues=(nt.Issue("border", "Border", ordinal),),
        rounds=rounds,
    )


def _round(round_id: str, day: int, title: str = "A round") -> nt.Round:
    return nt.Round(
        round_id,
        title,
        date=dt.date(2022, 3, day),
        positions=(nt.Position("north", "border", preferred="open"),),
    )


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder``, by relative path, with file contents."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def umask() -> Iterator[int]:
    """Run the test under a known umask, restoring the old one afterwards."""
    old = os.umask(0o027)
    try:
        yield 0o027
    finally:
        os.umask(old)


# -- round trips -------------------------------------------------------------------------------


@settings(deadline=None)
@given(negotiations())
def test_dump_loads_round_trip(negotiation: nt.Negotiation) -> None:
    """Loading the dump of a dossier gives the same dossier."""
    assert negotiation == nt.loads(nt.dump(negotiation))


@settings(deadline=None)
@given(negotiations())
def test_save_load_round_trip(negotiation: nt.Negotiation) -> None:
    """Loading a saved dossier gives the same dossier, as a single file and as a folder."""
    with tempfile.TemporaryDirectory() as tmp:
        single, folder = Path(tmp) / "d.yaml", Path(tmp) / "d"
        nt.save(negotiation, single)
        nt.save(negotiation, folder)
        assert negotiation == nt.load(single)
        assert negotiation == nt.load(folder)


@settings(deadline=None)
@given(negotiations())
def test_dump_reads_the_same_under_yaml_1_1(negotiation: nt.Negotiation) -> None:
    """PyYAML (a YAML 1.1 reader) reads every string of a dump as that same string."""
    expected = unstructure_minimal(negotiation)
    assert _plain(expected) == _plain(yaml.safe_load(nt.dump(negotiation)))


def _plain(value: object) -> object:
    """Normalise what PyYAML builds: numbers as floats, dates as ISO strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# -- strings that look like something else -----------------------------------------------------


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_string_survives_save_and_load(tmp_path: Path, text: str) -> None:
    """A party name that looks like null, a boolean, a number or a date loads back as text."""
    negotiation = _dossier(name=text)
    nt.save(negotiation, tmp_path / "d.yaml")
    assert negotiation == nt.load(tmp_path / "d.yaml")


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_string_is_quoted(text: str) -> None:
    """A string that looks like something else is written quoted, so YAML 1.1 reads it as text."""
    dumped = nt.dump(_dossier(name=text))
    assert f"  name: '{text}'" in dumped.splitlines()
    assert text == yaml.safe_load(dumped)["parties"][0]["name"]


@pytest.mark.parametrize("party_id", ["NO", "yes", "012", "1e3", "true", "null", "0x1F"])
def test_tricky_id_survives_save_and_load(tmp_path: Path, party_id: str) -> None:
    """An id that looks like a boolean, a number or null loads back as the same id."""
    negotiation = nt.Negotiation(
        "talks",
        "Talks",
        parties=(nt.Party(party_id, "A party"),),
        issues=(nt.Issue("i", "I", nt.NumericScale(min=0, max=10)),),
        rounds=(
            nt.Round(
                "r1",
                "R",
                date=dt.date(2022, 3, 1),
                participants=(party_id,),
                positions=(nt.Position(party_id, "i", preferred=5),),
            ),
        ),
    )
    nt.save(negotiation, tmp_path / "d")
    assert negotiation == nt.load(tmp_path / "d")
    assert party_id == yaml.safe_load(nt.dump(negotiation))["parties"][0]["id"]


# -- schema line ---------------------------------------------------------------------------------


def test_dump_names_the_schema_on_the_first_line() -> None:
    """``dump(schema=...)`` starts with a yaml-language-server schema comment."""
    dumped = nt.dump(_dossier(), schema="x.json")
    assert "# yaml-language-server: $schema=x.json" == dumped.splitlines()[0]
    assert _dossier() == nt.loads(dumped)


def test_dump_without_schema_has_no_comment() -> None:
    """Without a schema the dump starts with the first key."""
    assert nt.dump(_dossier()).startswith("id: talks\n")


def test_save_folder_names_both_schemas(tmp_path: Path) -> None:
    """A folder save names ``schema`` in negotiation.yaml and ``round_schema`` in each round."""
    nt.save(_dossier(rounds=(_round("r1", 1),)), tmp_path, schema="n.json", round_schema="r.json")
    header = (tmp_path / "negotiation.yaml").read_text(encoding="utf-8")
    round_file = (tmp_path / "rounds" / "r1.yaml").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=n.json" == header.splitlines()[0]
    assert "# yaml-language-server: $schema=r.json" == round_file.splitlines()[0]


# -- folder layout -------------------------------------------------------------------------------


def test_folder_layout(tmp_path: Path) -> None:
    """A folder save writes negotiation.yaml without rounds and one rounds/<id>.yaml per round."""
    negotiation = _dossier(rounds=(_round("r2", 2), _round("r1", 1)))
    nt.save(negotiation, tmp_path / "d")
    assert ["negotiation.yaml", "rounds", "rounds/r1.yaml", "rounds/r2.yaml"] == list(
        _snapshot(tmp_path / "d")
    )
    header = yaml.safe_load((tmp_path / "d" / "negotiation.yaml").read_text(encoding="utf-8"))
    assert "rounds" not in header
    round_file = (tmp_path / "d" / "rounds" / "r2.yaml").read_text(encoding="utf-8")
    assert "r2" == yaml.safe_load(round_file)["id"]


def test_yaml_suffix_is_a_single_file(tmp_path: Path) -> None:
    """A path ending in .yml is written as one file holding the rounds."""
    negotiation = _dossier(rounds=(_round("r1", 1),))
    nt.save(negotiation, tmp_path / "d.yml")
    assert ["d.yml"] == [p.name for p in tmp_path.iterdir()]
    assert nt.dump(negotiation) == (tmp_path / "d.yml").read_text(encoding="utf-8")


def test_removed_round_file_is_deleted(tmp_path: Path) -> None:
    """A round dropped from the model loses its file on the next save; other files stay."""
    folder = tmp_path / "d"
    nt.save(_dossier(rounds=(_round("r1", 1), _round("r2", 2))), folder)
    (folder / "rounds" / "notes.txt").write_text("keep me", encoding="utf-8")
    smaller = _dossier(rounds=(_round("r1", 1),))
    nt.save(smaller, folder)
    assert ["notes.txt", "r1.yaml"] == sorted(p.name for p in (folder / "rounds").iterdir())
    assert "keep me" == (folder / "rounds" / "notes.txt").read_text(encoding="utf-8")
    assert smaller == nt.load(folder)


def test_stale_yml_round_file_is_deleted(tmp_path: Path) -> None:
    """A round file with the .yml suffix that no round owns is removed too."""
    folder = tmp_path / "d"
    nt.save(_dossier(rounds=(_round("r1", 1),)), folder)
    (folder / "rounds" / "old.yml").write_text("id: old\n", encoding="utf-8")
    nt.save(_dossier(rounds=(_round("r1", 1),)), folder)
    assert ["r1.yaml"] == sorted(p.name for p in (folder / "rounds").iterdir())


# -- atomicity -------------------------------------------------------------------------------------


def _failing(*_: object, **__: object) -> typing.NoReturn:
    raise OSError(errno.EIO, "input/output error")


@pytest.mark.parametrize("name", ["d.yaml", "d"])
@pytest.mark.parametrize(("target", "attribute"), [(os, "fsync"), (pathlib.Path, "replace")])
def test_failed_write_leaves_the_old_dossier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, target: object, attribute: str
) -> None:
    """A write failing midway raises SaveError and leaves the old files whole, with no temp file."""
    nt.save(_dossier(rounds=(_round("r1", 1),)), tmp_path / name)
    before = _snapshot(tmp_path)
    monkeypatch.setattr(target, attribute, _failing)
    with pytest.raises(SaveError) as caught:
        nt.save(_dossier(name="Renamed", rounds=(_round("r1", 1, "Retitled"),)), tmp_path / name)
    monkeypatch.undo()
    assert before == _snapshot(tmp_path)
    assert isinstance(caught.value, nt.NegotrackError)
    assert isinstance(caught.value, OSError)


def test_failed_write_of_a_later_file_leaves_the_whole_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When writing the second file of a folder fails, no file of the folder has changed."""
    folder = tmp_path / "d"
    nt.save(_dossier(rounds=(_round("r1", 1),)), folder)
    before = _snapshot(tmp_path)
    real_fsync = os.fsync
    files_synced = 0

    def fsync_failing_on_second_file(fd: int) -> None:
        nonlocal files_synced
        if stat.S_ISREG(os.fstat(fd).st_mode):
            files_synced += 1
            if files_synced == 2:
                _failing()
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_failing_on_second_file)
    with pytest.raises(SaveError):
        nt.save(_dossier(name="Renamed", rounds=(_round("r1", 1, "Retitled"),)), folder)
    monkeypatch.undo()
    assert before == _snapshot(tmp_path)


def test_new_file_write_failure_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first save that fails leaves no file and no temporary file behind."""
    monkeypatch.setattr(pathlib.Path, "replace", _failing)
    with pytest.raises(SaveError):
        nt.save(_dossier(), tmp_path / "d.yaml")
    monkeypatch.undo()
    assert {} == _snapshot(tmp_path)


@pytest.mark.parametrize("name", ["d.yaml", "d"])
def test_render_failure_writes_nothing(tmp_path: Path, name: str) -> None:
    """When a later round cannot be rendered, not even the files before it are written."""
    unrenderable = attrs.evolve(_round("r2", 2), title=typing.cast("str", object()))
    with pytest.raises(yaml.YAMLError):
        nt.save(_dossier(rounds=(_round("r1", 1), unrenderable)), tmp_path / name)
    assert {} == _snapshot(tmp_path)


def test_render_failure_leaves_an_existing_folder(tmp_path: Path) -> None:
    """A save that cannot render leaves an existing folder dossier exactly as it was."""
    nt.save(_dossier(rounds=(_round("r1", 1), _round("r2", 2))), tmp_path)
    before = _snapshot(tmp_path)
    unrenderable = attrs.evolve(_round("r3", 3), title=typing.cast("str", object()))
    with pytest.raises(yaml.YAMLError):
        nt.save(_dossier(name="Renamed", rounds=(_round("r1", 1), unrenderable)), tmp_path)
    assert before == _snapshot(tmp_path)


# -- permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["d.yaml", "d"])
def test_existing_permissions_are_kept(tmp_path: Path, name: str) -> None:
    """Saving over a file keeps its permission bits."""
    path = tmp_path / name
    nt.save(_dossier(rounds=(_round("r1", 1),)), path)
    written = [path] if path.is_file() else [path / "negotiation.yaml", path / "rounds/r1.yaml"]
    for file_path in written:
        file_path.chmod(0o640)
    nt.save(_dossier(name="Renamed", rounds=(_round("r1", 1, "Retitled"),)), path)
    assert [0o640] * len(written) == [stat.S_IMODE(p.stat().st_mode) for p in written]


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("name", ["d.yaml", "d"])
def test_new_file_gets_umask_permissions(tmp_path: Path, name: str) -> None:
    """A new file gets 0o666 less the umask, not the 0o600 of a temporary file."""
    path = tmp_path / name
    nt.save(_dossier(rounds=(_round("r1", 1),)), path)
    written = [path] if path.is_file() else [path / "negotiation.yaml", path / "rounds/r1.yaml"]
    assert [0o640] * len(written) == [stat.S_IMODE(p.stat().st_mode) for p in written]


# -- unwritable places -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["d.yaml", "d"])
def test_save_under_a_regular_file_fails(tmp_path: Path, name: str) -> None:
    """Saving where a folder cannot be created raises SaveError and leaves nothing."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(SaveError) as caught:
        nt.save(_dossier(rounds=(_round("r1", 1),)), blocker / "sub" / name)
    assert {"file": b"not a folder"} == _snapshot(tmp_path)
    assert isinstance(caught.value, nt.NegotrackError)


def test_shared_values_are_written_out_not_aliased() -> None:
    """A value shared by several objects (one date object) is written in full each time, never as an alias."""
    day = dt.date(2024, 3, 1)
    statements = tuple(nt.Statement(f"s{i}", day, party="a", quote="q") for i in range(3))
    n = nt.Negotiation(
        "shared",
        "Shared",
        parties=(nt.Party("a", "A"),),
        rounds=(nt.Round("r1", "R1", date=day, statements=statements),),
    )
    text = nt.dump(n)
    assert "&" not in text
    assert "*" not in text
    assert n == nt.loads(text)


# -- ids that name files (issue 12, item 3) ------------------------------------------------------


@pytest.mark.parametrize(
    "round_id", ["../../x", "../x", "/abs/x", "", "sub/dir", "..", ".hidden", "a b", "r1\\x"]
)
def test_save_refuses_a_round_id_that_load_refuses(tmp_path: Path, round_id: str) -> None:
    """A round id from the Python API that could leave the folder, or never load back, is refused first."""
    folder = tmp_path / "deep" / "er" / "d"
    nt.save(_dossier(rounds=(_round("r1", 1),)), folder)
    before = _snapshot(tmp_path)
    with pytest.raises(SaveError, match="invalid round id"):
        nt.save(_dossier(rounds=(_round("r1", 1), _round(round_id, 2))), folder)
    assert before == _snapshot(tmp_path)
    with pytest.raises(SaveError, match="invalid round id"):
        nt.save(_dossier(rounds=(_round(round_id, 2),)), tmp_path / "new")
    assert before == _snapshot(tmp_path)


def test_save_refuses_two_rounds_with_one_id(tmp_path: Path) -> None:
    """Two rounds with one id would share a file, and a round would be lost on reload."""
    with pytest.raises(SaveError, match="duplicate round id 'r1'"):
        nt.save(_dossier(rounds=(_round("r1", 1), _round("r1", 2, "Other"))), tmp_path / "d")
    assert {} == _snapshot(tmp_path)


# -- what is in the way (issue 12, item 5) ---------------------------------------------------------


def test_a_folder_named_like_a_round_file_is_refused_before_anything_changes(
    tmp_path: Path,
) -> None:
    """rounds/r2.yaml being a folder: a clean SaveError, and no file replaced before it."""
    folder = tmp_path / "d"
    nt.save(_dossier(rounds=(_round("r1", 1),)), folder)
    (folder / "rounds" / "r2.yaml").mkdir()
    before = _snapshot(tmp_path)
    with pytest.raises(SaveError, match=r"r2\.yaml: not a regular file"):
        nt.save(_dossier(name="Renamed", rounds=(_round("r1", 1, "New"), _round("r2", 2))), folder)
    assert before == _snapshot(tmp_path)


def test_a_folder_named_yaml_that_load_ignores_is_left_alone(tmp_path: Path) -> None:
    """rounds/old.yaml as a folder is nothing load reads: a save neither trips on it nor removes it."""
    folder = tmp_path / "d"
    nt.save(_dossier(rounds=(_round("r1", 1),)), folder)
    (folder / "rounds" / "old.yaml").mkdir()
    (folder / "rounds" / "old.yaml" / "inside.txt").write_text("kept", encoding="utf-8")
    smaller = _dossier(name="Renamed", rounds=(_round("r1", 1, "New"),))
    nt.save(smaller, folder)
    assert smaller == nt.load(folder)
    assert "kept" == (folder / "rounds" / "old.yaml" / "inside.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("both", [True, False])
def test_a_negotiation_yml_load_would_read_is_removed(tmp_path: Path, both: bool) -> None:
    """A save writes negotiation.yaml and removes negotiation.yml, which load reads when alone."""
    folder = tmp_path / "d"
    nt.save(_dossier(rounds=(_round("r1", 1),)), folder)
    if not both:
        (folder / "negotiation.yaml").rename(folder / "negotiation.yml")
    else:
        (folder / "negotiation.yml").write_text("id: stale\ntitle: Stale\n", encoding="utf-8")
    renamed = _dossier(name="Renamed", rounds=(_round("r1", 1),))
    nt.save(renamed, folder)
    assert ["negotiation.yaml", "rounds", "rounds/r1.yaml"] == list(_snapshot(folder))
    assert renamed == nt.load(folder)


def test_a_symlinked_round_file_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    """A folder save writes only regular files: a round file that is a link stops it, unchanged."""
    folder = tmp_path / "d"
    nt.save(_dossier(rounds=(_round("r1", 1),)), folder)
    elsewhere = tmp_path / "elsewhere.yaml"
    (folder / "rounds" / "r1.yaml").rename(elsewhere)
    (folder / "rounds" / "r1.yaml").symlink_to(elsewhere)
    before = _snapshot(tmp_path)
    with pytest.raises(SaveError, match="not a regular file"):
        nt.save(_dossier(name="Renamed", rounds=(_round("r1", 1, "New"),)), folder)
    assert before == _snapshot(tmp_path)


def test_save_into_a_file_where_the_folder_goes_is_refused(tmp_path: Path) -> None:
    (tmp_path / "d").write_text("a file", encoding="utf-8")
    with pytest.raises(SaveError, match="not a folder"):
        nt.save(_dossier(), tmp_path / "d")
    assert {"d": b"a file"} == _snapshot(tmp_path)


# -- temporary files and the journal (issue 12, item 4) ---------------------------------------------


def _dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(child.stdout)


@pytest.mark.parametrize("name", ["d.yaml", "d"])
def test_the_next_save_removes_temporary_files_of_dead_writers_only(
    tmp_path: Path, name: str
) -> None:
    """Temporaries a killed save left (this version's, an earlier version's) go; a live one stays."""
    path = tmp_path / name
    nt.save(_dossier(rounds=(_round("r1", 1),)), path)
    where = tmp_path if name == "d.yaml" else path / "rounds"
    target = "d.yaml" if name == "d.yaml" else "r1.yaml"
    dead = where / f".{target}.negotrack-{_dead_pid()}-abc123.tmp"
    legacy = where / f".{target}.k2x9_q0z.tmp"
    live = where / f".{target}.negotrack-{os.getpid()}-def456.tmp"
    unrelated = where / f".notes.txt.negotrack-{_dead_pid()}-abc123.tmp"
    for leftover in (dead, legacy, live, unrelated):
        leftover.write_text("half a file", encoding="utf-8")
    nt.save(_dossier(name="Renamed", rounds=(_round("r1", 1),)), path)
    assert not dead.exists()
    assert not legacy.exists()
    assert live.exists()  # its process runs: it may be a write in flight
    assert unrelated.exists()  # staged for a file that is no dossier file: not the save's to remove


def _journal(folder: Path, renames: list[list[str]], removals: list[str]) -> None:
    data = {"negotrack-save": 1, "rename": renames, "remove": removals}
    (folder / ".negotrack-save.json").write_text(json.dumps(data), encoding="utf-8")


def test_a_save_killed_after_its_commit_loads_new_and_the_next_save_finishes_it(
    tmp_path: Path,
) -> None:
    """The state a kill between the commit point and the last rename leaves: load sees the new version."""
    folder = tmp_path / "d"
    old = _dossier(rounds=(_round("r1", 1), _round("r2", 2)))
    new = _dossier(name="Renamed", rounds=(_round("r1", 1, "Retitled"), _round("r3", 3)))
    nt.save(old, folder)
    other = tmp_path / "other"
    nt.save(new, other)
    pid = _dead_pid()
    staged = {
        "negotiation.yaml": f".negotiation.yaml.negotrack-{pid}-aaa.tmp",
        "rounds/r1.yaml": f"rounds/.r1.yaml.negotrack-{pid}-bbb.tmp",
        "rounds/r3.yaml": f"rounds/.r3.yaml.negotrack-{pid}-ccc.tmp",
    }
    for final, temp in staged.items():
        shutil.copy(other / final, folder / temp)
    # killed after removing r2.yaml and renaming the header into place
    (folder / "rounds" / "r2.yaml").unlink()
    (folder / staged["negotiation.yaml"]).replace(folder / "negotiation.yaml")
    _journal(folder, [[t, f] for f, t in staged.items()], ["rounds/r2.yaml"])
    assert new == nt.load(folder)
    nt.save(new, folder)
    assert ["negotiation.yaml", "rounds", "rounds/r1.yaml", "rounds/r3.yaml"] == list(
        _snapshot(folder)
    )
    assert new == nt.load(folder)


@pytest.mark.parametrize(
    ("renames", "removals"),
    [
        ([], ["rounds/r1.yaml"]),  # no staged file left: the save it tells of is over
        ([[".negotiation.yaml.negotrack-1-aaa.tmp", "../outside.yaml"]], ["rounds/r1.yaml"]),
        ([["../.x.yaml.negotrack-1-aaa.tmp", "negotiation.yaml"]], []),
        ([], ["../outside.yaml"]),
    ],
)
def test_a_stale_or_crafted_journal_is_ignored_and_removed(
    tmp_path: Path, renames: list[list[str]], removals: list[str]
) -> None:
    """A journal whose staged files are gone, or naming files outside the dossier, does nothing."""
    folder = tmp_path / "d"
    dossier = _dossier(rounds=(_round("r1", 1),))
    nt.save(dossier, folder)
    (tmp_path / "outside.yaml").write_text("keep", encoding="utf-8")
    (folder / ".negotiation.yaml.negotrack-1-aaa.tmp").write_text("id: x\n", encoding="utf-8")
    _journal(folder, renames, removals)
    assert dossier == nt.load(folder)
    nt.save(dossier, folder)
    assert dossier == nt.load(folder)
    assert not (folder / ".negotrack-save.json").exists()
    assert "keep" == (tmp_path / "outside.yaml").read_text(encoding="utf-8")
