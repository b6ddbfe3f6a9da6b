"""Loading dossiers: a folder (negotiation.yaml + rounds/*.yaml) or a single file.

The happy path parses with the fast builder, structures and checks, keeping no line numbers;
only files with problems are read again, to place each. The header comes first (it says which
issues are numeric); each round is structured once parsed, so its tree is freed early. A
folder's files are those `negotrack.files._commit` lists (it sees through a killed save).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from negotrack.files._checks import Located, PlacedRound, check
from negotrack.files._commit import (
    ALT_DOSSIER_FILE,
    DOSSIER_FILE,
    ROUNDS_DIR,
    dossier_files,
    is_dossier_name,
)
from negotrack.files._convert import converter
from negotrack.files._field_problems import field_problems
from negotrack.files._numbers import (
    convert_numbers,
    convert_round_numbers,
    numeric_issues,
    term_issues,
)
from negotrack.files._parse import parse
from negotrack.files._placing import place
from negotrack.files._restating import fill_restatements
from negotrack.files._reuse import keeping_restated
from negotrack.files._scalars import shape_of
from negotrack.files._yaml import PathKey, read_file
from negotrack.model._errors import LoadError, NegotrackError, Problem
from negotrack.model._gc import gc_paused
from negotrack.model._negotiation import Negotiation
from negotrack.model._rounds import Round

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Mapping

#: Where a dossier's own schemas are (`negotrack.files._id_schemas.SCHEMA_DIR`).
SCHEMA_DIR: Final = "schemas"

__all__ = [
    "DOSSIER_FILE",
    "ROUNDS_DIR",
    "SCHEMA_DIR",
    "Validation",
    "load",
    "load_tree",
    "loads",
    "loads_parsed",
    "validate",
    "validate_bytes",
]

#: A file of a folder dossier: the name it is shown by, and how to read its bytes.
_Source = tuple[str, "Callable[[], bytes]"]


@attrs.define
class _Document:
    file: str
    data: bytes
    problems: list[Located] = attrs.Factory(list)
    at_key: set[tuple[PathKey, ...]] = attrs.Factory(set)
    hidden: int = 0  # problems counted, not listed (see `FieldProblem`)
    round_ids: list[object] | None = None  # a single file's, to locate problems by round


@attrs.frozen
class Validation:
    """A dossier that loaded, with the notes its checks left: things to look at, not errors.

    Attributes:
        negotiation: The dossier, as `load` returns it.
        notes: Each note with file, line, column and YAML path, as a `Problem`.
    """

    negotiation: Negotiation
    notes: tuple[Problem, ...]


def load(path: str | os.PathLike[str]) -> Negotiation:
    """Load a dossier from a folder (``negotiation.yaml`` and ``rounds/*.yaml``) or one file.

    Raises:
        LoadError: listing every problem found, each with file, line, column and YAML path.
    """
    return _load(Path(path), None)


def validate(path: str | os.PathLike[str]) -> Validation:
    """Load a dossier as `load` does, and also return the notes of its checks, located.

    Notes say what an analyst should see that is not an error: evidence dated after the round
    that cites it, more than two bargaining parties with no sides to say who faces whom, or a
    dossier schema (``negotrack schema --dossier``) whose ids are no longer the dossier's.

    Raises:
        LoadError: listing every problem found, as `load` does.
    """
    notes: list[Problem] = []
    target = Path(path)
    negotiation = _load(target, notes)
    # with no schemas folder there is no schema to be stale: the schema layer is not imported
    if (target if target.is_dir() else target.parent).joinpath(SCHEMA_DIR).is_dir():
        from negotrack.files._stale_schemas import stale_notes  # noqa: PLC0415 - only here

        notes += stale_notes(target, negotiation, str(path))
    return Validation(negotiation, tuple(notes))


def validate_bytes(data: bytes, filename: str) -> Validation:
    """`validate` of a single-file dossier given as bytes (standard input, for the CLI's ``-``)."""
    notes: list[Problem] = []
    return Validation(_loads(data, filename, notes), tuple(notes))


def _load(target: Path, notes: list[Problem] | None) -> Negotiation:
    if target.is_dir():
        return _guarded(str(target), "file", lambda: _load_folder(*_on_disk(target), notes))
    return _guarded(str(target), "file", lambda: _load_single(_read(target, str(target)), notes))


def _on_disk(folder: Path) -> tuple[str, dict[str, _Source]]:
    """A folder dossier's files as `dossier_files` lists them, each read when it is needed."""
    files: dict[str, _Source] = {}
    root = folder.resolve()
    for name, path in dossier_files(folder).items():
        shown = str(folder.joinpath(*name.split("/")))
        files[name] = (shown, functools.partial(_read_inside, root, path, shown))
    return str(folder), files


def _read_inside(root: Path, path: Path, shown: str) -> bytes:
    """A dossier file's bytes; a symbolic link that leads out of the dossier's folder is refused.

    A link inside the folder is read as the file it names. One that leaves it is a problem and
    is never read, so a dossier cannot put another file's content (``/etc/passwd``) into a
    message, a log or a report.
    """
    if path.is_symlink() and not path.resolve().is_relative_to(root):
        message = "a symbolic link to a file outside the dossier's folder; it is not read"
        raise LoadError([Problem(shown, None, None, "$", message)])
    return read_file(path, shown)


def load_tree(files: Mapping[str, bytes], where: str) -> Negotiation:
    """Load a folder dossier held in memory, such as the files of a git tree.

    ``files`` maps each file's ``/``-separated path inside the folder (``negotiation.yaml``,
    ``rounds/2024-03-01.yaml``) to its bytes; paths that are no dossier file are ignored, so no
    name can reach outside the folder. Problems name each file ``where/<path>``.

    Raises:
        LoadError: listing every problem found, as `load` does.
    """
    sources = {
        name: (f"{where}/{name}", lambda data=data: data)
        for name, data in files.items()
        if is_dossier_name(name)
    }
    return _guarded(where, "file", lambda: _load_folder(where, sources, None))


def _guarded(file: str, what: str, build: Callable[[], Negotiation]) -> Negotiation:
    """One load: collector paused, restatements shared (`_reuse`), problems as a LoadError."""
    with gc_paused(), keeping_restated():
        try:
            return build()
        except NegotrackError:
            raise
        except RecursionError:
            raise _fatal(file, f"the {what} is nested too deeply to read") from None
        except Exception as exc:  # pragma: no cover - a bug; still never a raw traceback
            raise _fatal(file, f"internal error while loading ({exc!r}); please report it") from exc


def loads(text: str | bytes, *, filename: str = "<string>") -> Negotiation:
    """Load a single-file dossier from a string; ``filename`` is used in problem reports.

    Raises:
        LoadError: listing every problem found.
    """
    return _loads(_encoded(text, filename), filename, None)


def _encoded(text: str | bytes, filename: str) -> bytes:
    """The text's bytes; a lone surrogate, which no file can hold, is a problem at its place."""
    if isinstance(text, bytes):
        return text
    try:
        return text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        column = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        message = f"the text holds a lone surrogate (U+{ord(text[exc.start]):04X}), which is not "
        message += "Unicode text; write the character itself"
        raise LoadError([Problem(filename, line, column, "$", message)]) from None


def _loads(data: bytes, filename: str, notes: list[Problem] | None) -> Negotiation:
    return _guarded(filename, "text", lambda: _load_single(_Document(filename, data), notes))


def _fatal(file: str, message: str) -> LoadError:
    return LoadError([Problem(file, None, None, "$", message)])


def _read(path: Path, shown: str) -> _Document:
    return _Document(shown, read_file(path, shown))


def _parse(doc: _Document, what: str) -> dict[str, Any]:
    try:
        root = parse(doc.data, doc.file)
    except LoadError as exc:
        raise _CollectedError(exc.problems) from None
    if type(root) is not dict:
        got = "nothing (the file is empty)" if root is None else shape_of(root)
        raise _CollectedError(
            [Problem(doc.file, 1, 1, "$", f"expected a mapping with {what}, got {got}")]
        )
    return root


class _CollectedError(Exception):
    def __init__(self, problems: Any) -> None:
        self.problems = list(problems)


def loads_parsed(raw: dict[str, Any], text: bytes, *, filename: str) -> Negotiation:
    """Load a single-file dossier from its parsed form, as `loads` of ``text`` would.

    ``raw`` is what `negotrack.files._parse.parse` makes of ``text``, and is consumed; ``text``
    is read only to place problems (for importers).

    Raises:
        LoadError: listing every problem found.
    """
    doc = _Document(filename, text)
    return _guarded(filename, "text", lambda: _assemble_single(doc, raw, None))


def _load_single(doc: _Document, notes: list[Problem] | None) -> Negotiation:
    try:
        raw = _parse(doc, "id, title, parties, issues and rounds")
    except _CollectedError as exc:
        raise LoadError(exc.problems) from None
    return _assemble_single(doc, raw, notes)


def _assemble_single(
    doc: _Document, raw: dict[str, Any], notes: list[Problem] | None
) -> Negotiation:
    raw_rounds = raw.pop("rounds", [])
    if type(raw_rounds) is not list and raw_rounds is not None:
        doc.problems.append(Located(doc.file, ("rounds",), "expected a list of rounds"))
    assembly = _Assembly(doc, raw)
    if type(raw_rounds) is list:
        doc.round_ids = [r.get("id") if type(r) is dict else None for r in raw_rounds]
        for index, raw_round in enumerate(raw_rounds):
            raw_rounds[index] = None  # each round's tree is freed once it is structured
            assembly.add_round(doc, ("rounds", index), raw_round)
    return assembly.finish([doc], [], notes)


def _load_folder(
    folder: str, files: Mapping[str, _Source], notes: list[Problem] | None
) -> Negotiation:
    problems: list[Problem] = []
    header = next((name for name in (DOSSIER_FILE, ALT_DOSSIER_FILE) if name in files), None)
    if header is None:
        raise LoadError(
            [Problem(folder, None, None, "$", f"not a dossier: no {DOSSIER_FILE} in this folder")]
        )
    docs: list[_Document] = []
    header_doc = _Document(files[header][0], files[header][1]())
    header_raw: dict[str, Any] = {}
    try:
        header_raw = _parse(header_doc, "id, title, parties and issues")
    except _CollectedError as exc:
        problems.extend(exc.problems)
    docs.append(header_doc)
    if "rounds" in header_raw:
        header_doc.problems.append(
            Located(
                header_doc.file,
                ("rounds",),
                f"in a folder dossier each round is a file in {ROUNDS_DIR}/",
            )
        )
        del header_raw["rounds"]
    # the header first: values on numeric issues are read as numbers in every round
    assembly = _Assembly(header_doc, header_raw)
    del header_raw
    for name in sorted(n for n in files if n.startswith(f"{ROUNDS_DIR}/")):
        shown, read = files[name]
        try:
            doc = _Document(shown, read())
        except LoadError as exc:
            problems.extend(exc.problems)
            continue
        docs.append(doc)
        try:
            raw = _parse(doc, "id, title, date and positions")
        except _CollectedError as exc:
            problems.extend(exc.problems)
            continue
        # structured straight away, so that only one round's tree is alive at a time
        assembly.add_round(doc, (), raw)
        del raw
    return assembly.finish(docs, problems, notes)


class _Assembly:
    """The header structured, then each round as it comes, then the checks and the places."""

    def __init__(self, header_doc: _Document, header_raw: dict[str, Any]) -> None:
        self.header_doc = header_doc
        self.numeric = numeric_issues(header_raw)
        self.term_issues = term_issues(header_raw)
        convert_numbers(header_raw, self.numeric)
        self.header: Negotiation | None = _structure(header_doc, (), header_raw, Negotiation)
        self.rounds: list[PlacedRound] = []
        self.notes: list[Located] = []
        self.given: list[tuple[frozenset[str], ...]] = []

    def add_round(self, doc: _Document, path: tuple[PathKey, ...], raw: Any) -> None:
        given: tuple[frozenset[str], ...] = ()
        if type(raw) is dict:
            convert_round_numbers(raw, self.numeric, self.term_issues)
            positions = raw.get("positions")
            if type(positions) is list:
                given = tuple(frozenset(p) if type(p) is dict else frozenset() for p in positions)
        structured = _structure(doc, path, raw, Round)
        if structured is not None:
            self.rounds.append(PlacedRound(structured, doc.file, path))
            self.given.append(given)

    def finish(
        self, docs: list[_Document], problems: list[Problem], notes: list[Problem] | None
    ) -> Negotiation:
        header, header_doc, rounds = self.header, self.header_doc, self.rounds
        clean = not problems and all(not d.problems and not d.hidden for d in docs)
        filled: list[Round] = []
        if clean and header is not None:
            # checked as written, then each restated position completed from the one it restates
            filled = fill_restatements([r.round for r in rounds], self.given)
            found, self.notes = check(
                header, header_doc.file, rounds, filled, notes=notes is not None
            )
            by_file = {d.file: d for d in docs}
            for located in found:
                by_file[located.file].problems.append(located)
        by_round = {d.file: d.round_ids for d in docs if d.round_ids is not None}
        problems.extend(
            place(
                [(d.file, d.data, d.problems, d.at_key, d.hidden) for d in docs],
                "problems",
                by_round,
            )
        )
        if problems:
            raise LoadError(problems)
        if header is None:  # pragma: no cover - a header that failed has problems
            raise LoadError([Problem(header_doc.file, None, None, "$", "invalid dossier")])
        negotiation: Negotiation = attrs.evolve(header, rounds=tuple(filled))
        if notes is not None:
            noted: dict[str, list[Located]] = {d.file: [] for d in docs}
            for note in self.notes:
                noted[note.file].append(note)
            notes += place(
                [(d.file, d.data, noted[d.file], (), 0) for d in docs], "notes", by_round
            )
        return negotiation


def _structure(doc: _Document, path: tuple[PathKey, ...], raw: Any, cls: type[Any]) -> Any:
    try:
        return converter.structure(raw, cls)
    except Exception as exc:  # noqa: BLE001  (translated into problems)
        found, at_key, file = doc.problems, doc.at_key, doc.file
        for where, message, is_key, hidden in field_problems(exc, path, raw):
            if hidden:
                doc.hidden += hidden
                continue
            found.append(Located(file, where, message))
            if is_key:
                at_key.add(where)
        return None
