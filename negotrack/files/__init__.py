"""Reading and writing dossier files: YAML in, the model out, and back.

Above the model, below everything else. libyaml's event stream is read by a fast builder
(`negotrack.files._yaml`, `._parse`) and, only when something is wrong, by a careful one that
locates problems (`._locate`); `._convert`, `._scalars` and `._field_problems` structure the
result with cattrs, `._hints` saying what an unknown key or value meant; `._checks` (with
`._check_context` and `._round_checks`) checks references and scales; `._placing` puts each
problem at its line, one per cause, at most 200 a file; `._loading` puts these together.
`._saving` writes canonical YAML atomically, `._schema` generates the dossier files' JSON
Schemas, `._scaffold` starts a new dossier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from negotrack.files._loading import Validation, load, loads, validate

if TYPE_CHECKING:
    from negotrack.files._saving import SaveError, dump, save

__all__ = [
    "SaveError",
    "Validation",
    "dump",
    "load",
    "loads",
    "save",
    "validate",
]


def __getattr__(name: str) -> Any:
    # `._saving` (PyYAML's emitter, temporary files) only for a caller that writes
    if name in ("SaveError", "dump", "save"):
        from negotrack.files import _saving  # noqa: PLC0415

        return getattr(_saving, name)
    raise AttributeError(f"module 'negotrack.files' has no attribute {name!r}")
