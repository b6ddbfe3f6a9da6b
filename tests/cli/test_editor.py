"""Editors that know the dossier's ids: ``negotrack schema --dossier``, ``init``, the stale note.

The schemas are checked by two outside programs. ``check-jsonschema`` (the test extra) validates
the flagship's files against the flagship's own schemas. The YAML language server (the one the
VS Code YAML extension runs) is installed from npm into a cache folder on first use and spoken
to over stdio: it must flag a misspelt party and offer the dossier's issues. That test is
skipped only when Node.js and npm are not installed; the machines CI runs on have them.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from negotrack.cli._main import main
from negotrack.files._id_schemas import MARK, modeline
from negotrack.files._schema import file_schema_json
from tests.conftest import FLAGSHIP, ROOT

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

#: The YAML language server tested against; 2.x needs Node.js 22.
SERVER_VERSION = "1.25.0"
SCHEMA_LINE = "# yaml-language-server: $schema="


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def talks(tmp_path: Path) -> Path:
    """A copy of the flagship dossier to write schemas into."""
    return Path(shutil.copytree(FLAGSHIP, tmp_path / "talks"))


def _check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the test extra's own tool on files the test wrote
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _misspell_party(path: Path, party: str, wrong: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert f"  - party: {party}\n" in text
    path.write_text(text.replace(f"  - party: {party}\n", f"  - party: {wrong}\n", 1), "utf-8")


# -- negotrack schema --dossier ------------------------------------------------------------


def test_the_flagship_validates_against_its_own_schemas(
    talks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The schemas written for the flagship take its files and refuse a misspelt party."""
    code, out, err = _cli(["schema", "--dossier", str(talks)], capsys)
    assert 0 == code, err
    schemas = talks / "schemas"
    assert [
        f"wrote {schemas / 'negotiation.schema.json'}",
        f"wrote {schemas / 'round.schema.json'}",
    ] == out.splitlines()
    # the flagship points at the bundled schemas, so the command says what to change
    assert f"make the first line of {talks / 'negotiation.yaml'}: {modeline('negotiation')}" in err
    assert f"each of the 7 round files: {modeline('round')}" in err
    rounds = sorted((talks / "rounds").glob("*.yaml"))
    header = _check_jsonschema(schemas / "negotiation.schema.json", talks / "negotiation.yaml")
    assert 0 == header.returncode, header.stdout + header.stderr
    _misspell_party(rounds[2], "ru", "rus")
    checked = _check_jsonschema(schemas / "round.schema.json", *rounds)
    assert 1 == checked.returncode, checked.stderr
    errors = [line.strip() for line in checked.stdout.splitlines() if "::$" in line]
    parties = "['ru', 'ua', 'by', 'tr', 'nato', 'us', 'ca']"
    assert [f"{rounds[2]}::$.positions[0].party: 'rus' is not one of {parties}"] == errors


def test_nothing_is_written_for_a_dossier_that_does_not_load(
    talks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A dossier with a problem gets its problems, exit 2 and no schemas."""
    _misspell_party(talks / "rounds" / "2022-03-07.yaml", "ru", "rus")
    code, out, err = _cli(["schema", "--dossier", str(talks)], capsys)
    assert (2, "") == (code, out)
    assert "$.positions[0].party: unknown party 'rus'" in err
    assert not (talks / "schemas").exists()


def test_a_file_negotrack_did_not_write_is_left_alone(
    talks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A schema of the user's own, or a link, in the way: refused, and nothing is written."""
    (talks / "schemas").mkdir()
    mine = talks / "schemas" / "round.schema.json"
    mine.write_text('{"title": "my own"}', encoding="utf-8")
    code, _, err = _cli(["schema", "--dossier", str(talks)], capsys)
    assert 2 == code
    assert f"negotrack: {mine} is not a schema negotrack wrote; move it away first" in err
    assert not (talks / "schemas" / "negotiation.schema.json").exists()
    mine.unlink()
    mine.symlink_to(talks / "negotiation.yaml")
    code, _, err = _cli(["schema", "--dossier", str(talks)], capsys)
    assert (2, f"negotrack: {mine}: not a regular file; nothing was written\n") == (code, err)
    mine.unlink()
    mine.write_text(file_schema_json("round"), encoding="utf-8")  # a bundled copy is replaced
    assert 0 == _cli(["schema", "--dossier", str(talks)], capsys)[0]
    assert MARK in json.loads(mine.read_text(encoding="utf-8"))


def test_a_single_file_dossier_gets_a_schema_named_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """talks.yaml gets schemas/talks.schema.json; NAME with --dossier prints instead."""
    from tests.files.test_schema import GOOD  # noqa: PLC0415

    single = tmp_path / "talks.yaml"
    single.write_text(GOOD.replace(GOOD.splitlines()[0], modeline("dossier", "talks")), "utf-8")
    code, out, err = _cli(["schema", "--dossier", str(single)], capsys)
    assert (0, f"wrote {tmp_path / 'schemas' / 'talks.schema.json'}\n", "") == (code, out, err)
    code, out, _ = _cli(["schema", "round", "--dossier", str(single)], capsys)
    assert 0 == code
    assert ["north", "south", "league"] == json.loads(out)["definitions"]["PartyId"]["enum"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["schema", "diff", "--dossier", "x"], "not in 'diff'"),
        (["schema", "rounds", "--dossier", "x"], "not in 'rounds' (did you mean 'round'?)"),
        (["schema", "--dossier", "-"], "standard input has no folder to write schemas into"),
    ],
)
def test_schema_dossier_usage(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """What --dossier cannot do is one line and exit 2."""
    code, out, err = _cli(argv, capsys)
    assert (2, "") == (code, out)
    assert 1 == len(err.splitlines())
    assert message in err


# -- init, and the note when the schemas are out of date -----------------------------------


def test_init_points_each_file_at_the_dossier_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each scaffolded file's first line names a dossier schema that knows the scaffold's ids."""
    folder = tmp_path / "new"
    assert 0 == main(["init", str(folder)])
    for path in [folder / "negotiation.yaml", *sorted((folder / "rounds").glob("*.yaml"))]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(SCHEMA_LINE)
        schema = json.loads((path.parent / first.removeprefix(SCHEMA_LINE)).read_text("utf-8"))
        assert MARK in schema
        assert ["party-a", "party-b"] == schema["definitions"]["PartyId"]["enum"]
    capsys.readouterr()
    code, out, err = _cli(["validate", str(folder)], capsys)
    assert (0, "") == (code, err)
    assert "note" not in out


def test_validate_notes_a_stale_schema_and_the_command_refreshes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """New and gone ids are named in one note with the command; after it, no note."""
    folder = tmp_path / "new"
    assert 0 == main(["init", str(folder)])
    header = folder / "negotiation.yaml"
    text = header.read_text(encoding="utf-8")
    text = text.replace(
        "  - id: party-b\n    name: Party B\n", "  - id: party-c\n    name: Party C\n"
    )
    header.write_text(text.replace("[party-a, party-b]", "[party-a, party-c]"), encoding="utf-8")
    round_file = next((folder / "rounds").glob("*.yaml"))
    round_file.write_text(round_file.read_text("utf-8").replace("party-b", "party-c"), "utf-8")
    capsys.readouterr()
    code, _, err = _cli(["validate", str(folder)], capsys)
    assert 0 == code
    note = (
        f"{folder / 'schemas' / 'negotiation.schema.json'}: note: the dossier schema is out of date "
        "(new party 'party-c', no party 'party-b' any more) (so is round.schema.json); "
        f"refresh with: negotrack schema --dossier {folder}"
    )
    assert [note] == err.splitlines()
    code, out, _ = _cli(["validate", "--format", "json", str(folder)], capsys)
    (note,) = json.loads(out)["dossiers"][0]["notes"]
    assert note["message"].startswith("the dossier schema is out of date")
    assert 0 == _cli(["schema", "--dossier", str(folder)], capsys)[0]
    assert (0, "") == _cli(["validate", str(folder)], capsys)[::2]


def test_no_note_for_a_bundled_copy_and_one_for_a_damaged_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy of a bundled schema is not the dossier's own: no note. A broken one is noted."""
    folder = tmp_path / "new"
    assert 0 == main(["init", str(folder)])
    (folder / "schemas" / "round.schema.json").write_text(file_schema_json("round"), "utf-8")
    capsys.readouterr()
    assert (0, "") == _cli(["validate", str(folder)], capsys)[::2]
    (folder / "schemas" / "negotiation.schema.json").write_text(
        '{"x-negotrack-dossier": 1', "utf-8"
    )
    err = _cli(["validate", str(folder)], capsys)[2]
    assert (
        "note: the dossier schema was written by another version of negotrack or is damaged" in err
    )


# -- the YAML language server --------------------------------------------------------------


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path``, so that two test processes install the server once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def language_server() -> list[str]:
    """The command that runs the YAML language server, installed from npm on first use."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("Node.js and npm are not installed: the YAML language server cannot run")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "negotrack-tests"
    folder = cache / f"yaml-language-server-{SERVER_VERSION}"
    server = folder / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    with _locked(cache / "install.lock"):
        if not server.is_file():
            staging = Path(tempfile.mkdtemp(prefix="install-", dir=cache))
            done = subprocess.run(  # noqa: S603 - npm installing one pinned package
                [
                    npm,
                    "install",
                    "--prefix",
                    str(staging),
                    "--no-audit",
                    "--no-fund",
                    "--loglevel=error",
                    f"yaml-language-server@{SERVER_VERSION}",
                ],
                capture_output=True,
                text=True,
                check=False,
                timeout=300,
            )
            if done.returncode != 0:
                shutil.rmtree(staging, ignore_errors=True)
                pytest.fail(f"npm could not install yaml-language-server: {done.stderr[-2000:]}")
            shutil.rmtree(folder, ignore_errors=True)
            staging.rename(folder)
    return [node, str(server), "--stdio"]


class _Client:
    """Just enough of a language client: requests, notifications, and answers to the server."""

    def __init__(self, command: list[str], log: Path) -> None:
        self._log = log.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 - the server the fixture installed
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.settings = {
            "yaml": {"validate": True, "completion": True, "schemaStore": {"enable": False}}
        }
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while line := stream.readline().strip():
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not length:
                self.messages.put(None)  # the server has gone
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self._next += 1
        wanted = self._next
        self.send({"id": wanted, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == wanted and "method" not in m)["result"]

    def wait(
        self, matches: Callable[[dict[str, Any]], bool], seconds: float = 30
    ) -> dict[str, Any]:
        """The next message that ``matches``; the server's own requests are answered meanwhile."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                break
            assert message is not None, "the YAML language server stopped"
            if "method" in message and "id" in message:
                asked = (
                    message["params"].get("items", [])
                    if message["method"] == "workspace/configuration"
                    else None
                )
                result = (
                    None
                    if asked is None
                    else [self.settings.get(i.get("section", ""), None) for i in asked]
                )
                self.send({"id": message["id"], "result": result})
            elif matches(message):
                return message
        pytest.fail("the YAML language server did not answer in time")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.request("shutdown", {})
            self.send({"method": "exit"})
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        self._log.close()


def _items(result: Any) -> list[str]:
    items = result["items"] if isinstance(result, dict) else result
    return [item["label"] for item in items]


def test_the_yaml_language_server_knows_the_dossier(
    language_server: list[str], talks: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelt party is flagged, issue ids are offered, and a position's options are its issue's."""
    assert 0 == _cli(["schema", "--dossier", str(talks)], capsys)[0]
    path = talks / "rounds" / "2022-03-07.yaml"
    body = path.read_text(encoding="utf-8").split("\n", 1)[1]
    text = f"{modeline('round')}\n" + body.replace("  - party: ru\n", "  - party: rus\n", 1)
    lines = text.splitlines()
    client = _Client(language_server, tmp_path / "server.log")
    try:
        client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": talks.as_uri(),
                "capabilities": {"workspace": {"configuration": True}},
            },
        )
        client.send({"method": "initialized", "params": {}})
        client.send(
            {"method": "workspace/didChangeConfiguration", "params": {"settings": client.settings}}
        )
        uri = path.as_uri()
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
        published = client.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and bool(m["params"]["diagnostics"])
            )
        )
        (problem,) = published["params"]["diagnostics"]
        start, end = problem["range"]["start"], problem["range"]["end"]
        assert "rus" == lines[start["line"]][start["character"] : end["character"]]
        assert problem["message"].startswith('Value is not accepted. Valid values: "ru", "ua"')

        at = next(n for n, line in enumerate(lines) if line == "    issue: alignment")
        offered = client.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": at, "character": len(lines[at])}},
        )
        assert {"alignment", "crimea", "donbas", "eu-accession"} <= set(_items(offered))
        at += 1
        assert lines[at].startswith("    preferred: ")
        offered = client.request(
            "textDocument/completion",
            {
                "textDocument": {"uri": uri},
                "position": {"line": at, "character": len("    preferred: ")},
            },
        )
        options = [
            "nato_membership",
            "guarantees_short_of_nato",
            "armed_neutrality",
            "neutral_demilitarised",
        ]
        assert options == [label for label in _items(offered) if label != "null"]
    finally:
        client.close()


def test_the_editors_page_quotes_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command output and the note shown in docs/editors.md are what negotrack prints."""
    page = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert 0 == main(["init", "talks"])
    capsys.readouterr()
    code, out, err = _cli(["schema", "--dossier", "talks"], capsys)
    assert (0, "") == (code, err)
    assert "\n".join(f"   {line}" for line in out.splitlines()) in page
    header = Path("talks", "negotiation.yaml")
    text = header.read_text(encoding="utf-8")
    header.write_text(text.replace("parties:\n", "parties:\n  - {id: un, name: UN}\n"), "utf-8")
    code, _, err = _cli(["validate", "talks"], capsys)
    assert 0 == code
    (note,) = err.splitlines()
    assert f"\n{note}\n" in page
