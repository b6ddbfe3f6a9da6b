"""Writing dossiers back as canonical YAML, atomically.

Canonical means: keys in the model's field order, fields at their default left out, block style,
and every string that another YAML reader could take for something else (``NO``, ``012``,
``1:30``, ``~``, ``true``, ``1e3``) quoted, so the file reads the same under YAML 1.1 and 1.2.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import yaml

from negotrack.files._convert import converter
from negotrack.files._loading import DOSSIER_FILE, ROUNDS_DIR
from negotrack.files._restating import minimal_positions
from negotrack.model._errors import NegotrackError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from negotrack.model._negotiation import Negotiation

__all__ = ["SaveError", "atomic_write", "dump", "save"]

_SCHEMA_LINE: Final = "# yaml-language-server: $schema={}\n"

# What YAML 1.2's core schema reads as null, a boolean or a number, and the one-letter booleans
# of YAML 1.1 that PyYAML itself leaves plain.
_CORE_NON_STRING: Final = re.compile(
    r"""~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|n|N
    |[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+
    |[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN""",
    re.VERBOSE,
)

_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc]
    """PyYAML's safe dumper, quoting strings YAML 1.2 would read as something else.

    It never writes anchors and aliases (which the loader refuses), even for a value shared by
    several objects, such as one date object used by many statements.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: Any, data: str) -> Any:
    if not data or _CORE_NON_STRING.fullmatch(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="'")
    return dumper.represent_str(data)


def _represent_none(dumper: Any, _: None) -> Any:
    # an empty value, which the loader reads as None (it keeps a plain `null` as text)
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(type(None), _represent_none)


class SaveError(NegotrackError, OSError):
    """A dossier could not be written; the files on disk were left as they were.

    (A folder save that fails among its final renames, after every file is written, can leave
    some files new and some old; see `save`.)
    """


def _to_yaml(data: Mapping[str, Any], schema: str | None) -> str:
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    return (_SCHEMA_LINE.format(schema) if schema else "") + text


def dump(negotiation: Negotiation, *, schema: str | None = None) -> str:
    """Return a dossier as one canonical YAML document (the single-file layout).

    Args:
        negotiation: The dossier.
        schema: If given, the path or URL of the JSON Schema to name in a
            ``# yaml-language-server: $schema=...`` first line.
    """
    return _to_yaml(_unstructure(negotiation), schema)


def save(
    negotiation: Negotiation,
    path: str | os.PathLike[str],
    *,
    schema: str | None = None,
    round_schema: str | None = None,
) -> None:
    """Write a dossier to a file (``*.yaml``, ``*.yml``) or a folder (anything else).

    A folder gets ``negotiation.yaml`` and ``rounds/<round id>.yaml``; round files that no longer
    match a round are removed once the new ones are written. Every file is written atomically:
    to a temporary file beside it, flushed to disk, then renamed over the old one, so a failure
    leaves the old file whole. All files are rendered before the first is written.

    Args:
        negotiation: The dossier.
        path: Where to write it.
        schema: Schema named in the first line of the dossier file (see `dump`).
        round_schema: Schema named in the first line of each round file.

    Raises:
        SaveError: If the files cannot be written.
    """
    target = Path(path)
    if target.suffix in (".yaml", ".yml") and not target.is_dir():
        _write_all({target: dump(negotiation, schema=schema)})
        return
    data = _unstructure(negotiation)
    rounds = data.pop("rounds", [])
    files = {target / DOSSIER_FILE: _to_yaml(data, schema)}
    for round_data in rounds:
        files[target / ROUNDS_DIR / f"{round_data['id']}.yaml"] = _to_yaml(round_data, round_schema)
    _write_all(files)
    rounds_dir = target / ROUNDS_DIR
    if rounds_dir.is_dir():
        for stale in rounds_dir.iterdir():
            if stale.suffix in (".yaml", ".yml") and stale not in files:
                stale.unlink()


def _unstructure(negotiation: Negotiation) -> dict[str, Any]:
    """The dossier as plain data, each restated position written as what changed."""
    data: dict[str, Any] = converter.unstructure(negotiation)
    minimal_positions(negotiation.rounds, data.get("rounds", []), converter.unstructure)
    return data


def _write_all(files: Mapping[Path, str]) -> None:
    """Write several files as nearly at once as a file system allows.

    Every new file is written and synced to a temporary file first; only when all are safely on
    disk are they renamed over the old ones. A failure before that changes nothing; a failure
    among the renames themselves (after all data is written) can leave some files renamed.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for file_path, text in files.items():
            file_path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_stage(file_path, text), file_path))
        for temp, file_path in staged:
            temp.replace(file_path)
    except OSError as exc:
        for temp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        raise SaveError(
            f"cannot write {exc.filename or 'the dossier'}: {exc.strerror or exc}"
        ) from exc
    for directory in {file_path.parent for file_path in files}:
        _sync_directory(directory)


def _stage(path: Path, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) to a synced temporary file beside ``path``.

    The temporary file gets ``path``'s permissions, or the usual ones for a new file.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        temp.chmod(mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    return temp


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` through a synced temporary file and a rename.

    The new file keeps the old one's permissions, or gets the usual ones for a new file; on any
    failure the old file is left as it was and the temporary file is removed.
    """
    temp = _stage(path, text)
    try:
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _sync_directory(path.parent)
