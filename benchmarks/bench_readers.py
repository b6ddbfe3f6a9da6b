"""Reader benchmark: how fast a dossier can be read into plain data, by each YAML reader at hand.

Run from the repository root::

    python -m benchmarks.bench_readers [--size BYTES] [--repeat N] [--seed N] [--json]

Issue 12 asks `negotrack.load` of a folder to take at most 0.30 x, and of a single file 0.20 x,
``yaml.load(..., Loader=yaml.CSafeLoader)`` of the same files. This script asks what part of
that budget reading alone takes, with PyYAML and with every compiled YAML reader installed
beside it, so that the choice of reader rests on figures measured in one run.

The synthetic dossier (`benchmarks.generate`) is written as a folder, one file per round, and
each reader reads every file from bytes already in memory, the collector paused (as the loader
pauses it). Rows:

(a) ``yaml.load(data, Loader=yaml.CSafeLoader)``, collector on: the reference of issue 12;
(e) `negotrack.files._yaml.fast_build`: the loader's reader, plain dicts, lists, strings;
(p) ``CParser(data).get_event()`` until the stream ends: PyYAML's event objects alone, the
    floor of any reader built on them;
(l) ``CParser(data).raw_parse()``: libyaml alone, no Python object per event (for information);
(r) rapidyaml (``pip install rapidyaml``): ``ryml.parse_in_arena`` alone (for information);
(w) rapidyaml, its tree walked from Python into what (e) gives: the one compiled reader here
    that keeps each scalar's text and style, as the loader needs them;
(j) rapidyaml's tree emitted as JSON by ``ryml.emit_json_malloc`` and read by ``json.loads``;
(y) yaml-rs ``yaml_rs.loads`` (``pip install yaml-rs``); (z) py-yaml12 ``yaml12.parse_yaml``;
(q) ryaml ``ryaml.loads``.

Rows y, z and q resolve plain scalars by the YAML 1.2 core schema (``1.50`` becomes the float
1.5, ``007`` the int 7, plain ``null`` None), so the text an analyst wrote cannot be recovered
from what they give; row j cannot tell plain ``null`` from an empty value and writes ``+1``
as JSON that `json` refuses. Only rows e and w give what the loader needs; the script checks
that w gives exactly what e gives on every file. A reader that is not installed is left out.
"""

from __future__ import annotations

import gc
import importlib
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import yaml

import negotrack
from benchmarks._script import sized_main
from benchmarks.generate import make_dossier, write_folder
from negotrack.files._yaml import Parser, fast_build

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["main", "run", "walk_ryml"]

#: What each row is, in the order printed.
ROWS: Final = {
    "a": "yaml.load CSafeLoader (reference)",
    "e": "negotrack fast_build (the loader's)",
    "p": "PyYAML event objects alone",
    "l": "libyaml raw_parse alone (info)",
    "r": "rapidyaml tree alone (info)",
    "w": "rapidyaml tree walked to plain data",
    "j": "rapidyaml emit_json + json.loads",
    "y": "yaml-rs loads (resolves scalars)",
    "z": "py-yaml12 parse_yaml (resolves scalars)",
    "q": "ryaml loads (resolves scalars)",
}


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def walk_ryml(ryml: Any, data: bytes) -> Any:
    """Read ``data`` with rapidyaml into what `fast_build` gives: dicts, lists, strings, None.

    Every scalar keeps its text; an empty plain value is None, as in the loader. Anchors,
    aliases and tags (which the loader refuses) are not looked for: this measures the walk.
    """
    tree = ryml.parse_in_arena(data)
    kind, first, after, key, val = (
        tree.type,
        tree.first_child,
        tree.next_sibling,
        tree.key,
        tree.val,
    )
    none, is_map, container = ryml.NONE, int(ryml.MAP), int(ryml.MAP | ryml.SEQ)

    def text(node: int) -> str | None:
        value = val(node)
        return None if value is None else bytes(value).decode()

    def build(node: int) -> Any:
        flags = int(kind(node))
        if not flags & container:
            return text(node)
        child = first(node)
        if flags & is_map:
            mapping: dict[str, Any] = {}
            while child != none:
                name = bytes(key(child)).decode()
                mapping[name] = build(child) if int(kind(child)) & container else text(child)
                child = after(child)
            return mapping
        items: list[Any] = []
        while child != none:
            items.append(build(child) if int(kind(child)) & container else text(child))
            child = after(child)
        return items

    root = tree.root_id()
    if tree.is_stream(root):
        root = first(root)
    return build(root)


def _get_events(data: bytes) -> None:
    get = Parser(data).get_event
    while type(get()) is not yaml.StreamEndEvent:
        pass


def _readers() -> dict[str, Callable[[bytes], object]]:
    readers: dict[str, Callable[[bytes], object]] = {
        "a": lambda data: yaml.load(data, Loader=yaml.CSafeLoader),
        "e": fast_build,
        "p": _get_events,
        "l": lambda data: Parser(data).raw_parse(),
    }
    ryml = _optional("ryml")
    if ryml is not None:
        readers["r"] = ryml.parse_in_arena
        readers["w"] = lambda data: walk_ryml(ryml, data)

        def via_json(data: bytes) -> object:
            tree = ryml.parse_in_arena(data)
            return json.loads(ryml.emit_json_malloc(tree, tree.root_id()))

        readers["j"] = via_json
    for row, module, function in (
        ("y", "yaml_rs", "loads"),
        ("z", "yaml12", "parse_yaml"),
        ("q", "ryaml", "loads"),
    ):
        found = _optional(module)
        if found is not None:
            readers[row] = _on_text(getattr(found, function))
    return readers


def _on_text(call: Callable[[str], object]) -> Callable[[bytes], object]:
    """A reader of text as a reader of bytes (the bytes decoded inside the timed call)."""

    def read(data: bytes) -> object:
        return call(data.decode("utf-8"))

    return read


def _best(
    read: Callable[[bytes], object], files: list[bytes], repeat: int, *, gc_on: bool
) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        if not gc_on:
            gc.disable()
        try:
            start = time.perf_counter()
            for data in files:
                read(data)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def run(size: int, repeat: int, seed: int) -> dict[str, Any]:
    """Write the dossier, time every reader available on its files; the figures as plain data."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "folder"
        write_folder(make_dossier(target_bytes=size, seed=seed), folder)
        files = [path.read_bytes() for path in sorted(folder.rglob("*.yaml"))]
    readers = _readers()
    same: bool | None = None
    if "w" in readers:
        same = all(readers["w"](data) == fast_build(data) for data in files)
    seconds: dict[str, float] = {}
    failed: dict[str, str] = {}
    for _ in range(2):  # in turns, twice, so that a burst elsewhere hits every reader alike
        for row, read in readers.items():
            if row in failed:
                continue
            try:
                took = _best(read, files, max(repeat // 2, 1), gc_on=row == "a")
            except Exception as exc:  # noqa: BLE001 - a reader that fails is reported, not fatal
                failed[row] = f"{type(exc).__name__}: {str(exc)[:120]}"
                continue
            seconds[row] = min(seconds.get(row, float("inf")), took)
    return {
        "environment": {
            "negotrack": negotrack.__version__,
            "python": platform.python_version(),
            "pyyaml": yaml.__version__,
            "readers": {name: _version(name) for name in ("ryml", "yaml_rs", "yaml12", "ryaml")},
        },
        "files": len(files),
        "bytes": sum(map(len, files)),
        "repeat": repeat,
        "seconds": seconds,
        "ratios": {row: took / seconds["a"] for row, took in seconds.items()},
        "failed": failed,
        "walk_equals_fast_build": same,
    }


def _version(name: str) -> str | None:
    module = sys.modules.get(name)
    if module is None:
        return None
    return str(getattr(module, "__version__", getattr(module, "version", "?")))


def render(report: dict[str, Any]) -> str:
    """The report as the table the script prints."""
    env = report["environment"]
    found = ", ".join(f"{n} {v}" for n, v in env["readers"].items() if v) or "none"
    lines = [
        (
            f"negotrack {env['negotrack']}, Python {env['python']}, PyYAML {env['pyyaml']}; "
            f"compiled readers: {found}"
        ),
        f"folder of {report['files']} files, {report['bytes']:,} bytes; best of {report['repeat']}",
        "",
        f"    {'what':42}{'time':>10}{'x ref':>8}",
    ]
    for row, what in ROWS.items():
        if row in report["seconds"]:
            took, ratio = report["seconds"][row] * 1000, report["ratios"][row]
            lines.append(f"{row:4}{what:42}{took:>8.1f}ms{ratio:>8.2f}")
        elif row in report["failed"]:
            lines.append(f"{row:4}{what:42}  failed: {report['failed'][row]}")
    same = report["walk_equals_fast_build"]
    if same is not None:
        lines.append("")
        lines.append(f"rapidyaml walk gives what fast_build gives on every file: {same}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run from the command line; print the table (or JSON with ``--json``)."""
    return sized_main(
        argv,
        prog="python -m benchmarks.bench_readers",
        doc=__doc__ or "",
        size_help="bytes of the synthetic folder dossier (default 1,000,000)",
        run=run,
        render=render,
    )


if __name__ == "__main__":
    sys.exit(main())
