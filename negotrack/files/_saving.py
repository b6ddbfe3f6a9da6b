"""Writing dossiers back as canonical YAML, atomically.

Canonical means: keys in the model's field order, fields at their default left out, block style,
and every string that another YAML reader could take for something else (``NO``, ``012``,
``1:30``, ``~``, ``true``, ``1e3``) quoted, so the file reads the same under YAML 1.1 and 1.2.
A single file is written by `negotrack.files._writing`, a folder by `negotrack.files._commit`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import yaml

from negotrack.files._checks import ID_PATTERN
from negotrack.files._commit import DOSSIER_FILE, ROUNDS_DIR, commit
from negotrack.files._convert import converter
from negotrack.files._restating import minimal_positions
from negotrack.files._writing import SaveError, atomic_write, make_dirs, remove_dirs

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Mapping

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


def _to_yaml(data: Mapping[str, Any], schema: str | None) -> str:
    try:
        text = yaml.dump(
            data,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=100,
            indent=2,
        )
    except UnicodeEncodeError:
        raise SaveError(_unwritable(data, "$") or "text that cannot be written") from None
    return (_SCHEMA_LINE.format(schema) if schema else "") + text


def _in_file(name: str, data: Mapping[str, Any], schema: str | None) -> str:
    """`_to_yaml`, a problem naming the file it is for."""
    try:
        return _to_yaml(data, schema)
    except SaveError as exc:
        raise SaveError(f"{name}: {exc}") from None


def _unwritable(value: Any, path: str) -> str | None:
    """Where the text no file can hold is (a lone surrogate, built through the Python API)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(value[exc.start])
            return f"{path}: the text holds a lone surrogate (U+{code:04X}), which no file can hold"
        return None
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        found = _unwritable(key, path) if isinstance(key, str) else None
        found = found or _unwritable(
            item, f"{path}.{key}" if isinstance(key, str) else f"{path}[{key}]"
        )
        if found:
            return found
    return None


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

    A file is written as ``-o`` writes (see the CLI's output files): atomically, through a
    synced temporary file renamed over it; through a symbolic link to the file it names (the
    link is kept); into a FIFO or a device.

    A folder gets ``negotiation.yaml`` and ``rounds/<round id>.yaml``, all or nothing: a save
    that fails or is killed at any point leaves a folder that loads as the old version or as
    the new one, never a mix. Every other file `load` would read there (round files of rounds
    no longer in the dossier, a ``negotiation.yml``) is removed in the same step; anything else
    in the folder is left alone. Temporary files a killed save left are removed by the next.
    The round ids name the files, so they are checked first as `load` checks them.

    All files are rendered and every target checked before the first is written.

    Args:
        negotiation: The dossier.
        path: Where to write it.
        schema: Schema named in the first line of the dossier file (see `dump`).
        round_schema: Schema named in the first line of each round file.

    Raises:
        SaveError: If a round id cannot name a file, a target is taken by anything but a
            regular file (a folder named ``r1.yaml``), or the files cannot be written; the files
            on disk are then as they were.
    """
    target = Path(path)
    if target.suffix in (".yaml", ".yml") and not target.is_dir():
        text = dump(negotiation, schema=schema)
        _write(target, lambda: atomic_write(target, text))
        return
    _check_round_ids(negotiation, target)
    data = _unstructure(negotiation)
    rounds = data.pop("rounds", [])
    files = {DOSSIER_FILE: _in_file(DOSSIER_FILE, data, schema)}
    for round_data in rounds:
        name = f"{ROUNDS_DIR}/{round_data['id']}.yaml"
        files[name] = _in_file(name, round_data, round_schema)
    _write(target / DOSSIER_FILE, lambda: commit(target, files))


def _write(inside: Path, write: Callable[[], None]) -> None:
    """Make the folder ``inside`` goes in, then write; remove the folders made if that fails."""
    made = make_dirs(inside.parent)
    try:
        write()
    except BaseException:
        remove_dirs(made)
        raise


def _check_round_ids(negotiation: Negotiation, target: Path) -> None:
    """Refuse round ids that `load` refuses: each names a file, so none may reach elsewhere."""
    seen: set[str] = set()
    for round_ in negotiation.rounds:
        if not isinstance(round_.id, str) or not ID_PATTERN.fullmatch(round_.id):
            raise SaveError(
                f"cannot save {target}: invalid round id {round_.id!r}: use letters, digits, "
                "'.', '_' and '-', starting with a letter or digit; nothing was written"
            )
        if round_.id in seen:
            raise SaveError(
                f"cannot save {target}: duplicate round id {round_.id!r}; nothing was written"
            )
        seen.add(round_.id)


def _unstructure(negotiation: Negotiation) -> dict[str, Any]:
    """The dossier as plain data, each restated position written as what changed."""
    data: dict[str, Any] = converter.unstructure(negotiation)
    minimal_positions(negotiation.rounds, data.get("rounds", []), converter.unstructure)
    return data
