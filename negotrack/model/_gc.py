"""Pausing Python's cyclic garbage collector around work that builds many objects and no cycles.

Loading a dossier, walking a timeline and diffing rounds each create tens of thousands of small
objects at once; every few hundred of them the collector would otherwise scan the whole heap.
"""

from __future__ import annotations

import contextlib
import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block, then restore it as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
