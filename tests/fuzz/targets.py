"""What the fuzzer drives: one input in, and anything but a clean refusal is a failure.

Each target takes the fuzzer's bytes and either returns (the input was loaded, or refused with
a `negotrack.NegotrackError`) or raises something else, which is a bug. The same functions run
every saved input of ``tests/fuzz/corpus`` in the ordinary test suite, so an input that once
failed stays fixed.
"""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Final

import negotrack as nt
from negotrack.files._loading import load_tree

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["FILE_BREAK", "TARGETS", "folder", "loads", "render"]

#: Between the files of a folder dossier in one input: ``negotiation.yaml`` first, then rounds.
FILE_BREAK: Final = b"\n--- next file ---\n"
#: What may never reach an output from analyst text: terminal escapes, a bell, bidi overrides.
_NEVER: Final = ("\x1b", "\x07", "\u202e", "\u2066")


def loads(data: bytes) -> None:
    """A single-file dossier from bytes."""
    with contextlib.suppress(nt.NegotrackError):
        nt.loads(data, filename="fuzz.yaml")


def folder(data: bytes) -> None:
    """A folder dossier: the input cut at `FILE_BREAK` into its header and round files."""
    header, *rounds = data.split(FILE_BREAK)
    files = {"negotiation.yaml": header}
    files.update({f"rounds/r{i}.yaml": text for i, text in enumerate(rounds)})
    with contextlib.suppress(nt.NegotrackError):
        load_tree(files, "fuzz")


def render(data: bytes) -> None:
    """A dossier that loads is rendered in every format: strict JSON, nothing unsafe shown."""
    try:
        n = nt.loads(data, filename="fuzz.yaml")
    except nt.NegotrackError:
        return
    outputs = []
    for kind in ("text", "markdown", "html", "json"):
        renderer = nt.renderer_for(kind)
        outputs.append((kind, renderer.report(n, nt.timeline(n))))
        if len(n.rounds) > 1:
            diff = nt.compare(n, n.rounds[0].id, n.rounds[-1].id)
            outputs.append((kind, renderer.diff(n, diff)))
    for kind, out in outputs:
        out.encode("utf-8")
        if kind == "json":
            json.loads(out, parse_constant=_refuse)
        if any(bad in out for bad in _NEVER):
            raise AssertionError(f"a control character reached the {kind} output")


def _refuse(constant: str) -> float:
    raise AssertionError(f"not strict JSON: {constant}")


TARGETS: Final[dict[str, Callable[[bytes], None]]] = {
    "loads": loads,
    "folder": folder,
    "render": render,
}
