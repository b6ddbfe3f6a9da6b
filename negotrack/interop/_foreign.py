"""Other negotiation tools' files: which formats, read as text, problems placed by row and column.

The exchange model's input files (`negotrack.interop._decide`), actor tables in the Bueno de
Mesquita style (`negotrack.interop._actors`) and expert-coded wide tables in the DEU style
(`negotrack.interop._deu`) all code the same things: actors with a weight, issues on a numeric
scale, and each actor's position and salience on each issue. Each importer reads its format
into `negotrack.interop._coded.Coded`, which makes the dossier. Every problem of a file is found
before any is raised, each at its row and column (`Problems`), at most `PROBLEMS_SHOWN` of them;
`import_into` writes the dossier only when the whole file is read.

`read_text` reads any of those files: UTF-8 (a byte order mark allowed) or UTF-16 with its byte
order mark (as spreadsheets save "Unicode text"); anything else, an empty file, a binary file
or one over `MAX_BYTES`, is a problem named at its place.
"""

from __future__ import annotations

import codecs
import importlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from negotrack.model._errors import LoadError, Problem

if TYPE_CHECKING:
    import datetime as dt
    import os
    from collections.abc import Callable

    from negotrack.model._negotiation import Negotiation

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "PROBLEMS_SHOWN",
    "ForeignUsageError",
    "Problems",
    "exporter",
    "import_into",
    "importer",
    "read_text",
    "split_lines",
]

#: The largest file an importer reads: 64 MiB, far beyond any coded data set.
MAX_BYTES: Final = 64 * 1024 * 1024

#: At most this many problems are listed for one file; the rest are counted.
PROBLEMS_SHOWN: Final = 200

#: Each format's module, its importer and its exporter (None: import only), by CLI name.
FORMATS: Final[dict[str, tuple[str, str, str | None]]] = {
    "decide": ("negotrack.interop._decide", "import_decide", "export_decide"),
    "bdm": ("negotrack.interop._actors", "import_actor_table", "export_actor_table"),
    "deu": ("negotrack.interop._deu", "import_deu", None),
}

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")


def importer(name: str) -> Callable[..., Negotiation]:
    """The import function of the format ``name`` (a key of `FORMATS`), imported now."""
    module, function, _ = FORMATS[name]
    found: Callable[..., Negotiation] = getattr(importlib.import_module(module), function)
    return found


def exporter(name: str) -> Callable[..., str]:
    """The export function of the format ``name``.

    Raises:
        KeyError: If the format has no exporter.
    """
    module, _, function = FORMATS[name]
    if function is None:
        raise KeyError(name)
    found: Callable[..., str] = getattr(importlib.import_module(module), function)
    return found


@attrs.define
class Problems:
    """The problems of one file, collected in order and raised together."""

    file: str
    found: list[Problem] = attrs.field(factory=list)
    hidden: int = 0

    def add(self, line: int | None, column: int | None, where: str, message: str) -> None:
        """A problem at ``line`` and ``column`` (1-based), ``where`` in words (``row 3``)."""
        if len(self.found) < PROBLEMS_SHOWN:
            self.found.append(Problem(self.file, line, column, where, message))
        else:
            self.hidden += 1

    def check(self) -> None:
        """Raise every problem found, if there is one.

        Raises:
            LoadError: listing the problems, and how many more were not listed.
        """
        if not self.found:
            return
        if self.hidden:
            self.found.append(
                Problem(self.file, None, None, "$", f"and {self.hidden} more problems not listed")
            )
        raise LoadError(self.found)


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of a file to import, its line breaks as written.

    Raises:
        LoadError: If the file cannot be read, is empty, over `MAX_BYTES`, binary, or neither
            UTF-8 nor UTF-16 with a byte order mark; the problem names its place.
    """
    target = Path(path)
    name = str(path)

    def refuse(message: str, line: int | None = None, column: int | None = None) -> LoadError:
        return LoadError([Problem(name, line, column, "$", message)])

    limit = f"import reads files of at most {MAX_BYTES / (1024 * 1024):g} MiB"
    try:
        size = target.stat().st_size
        if size > MAX_BYTES:
            raise refuse(f"a file of {size / 1e6:,.1f} MB: {limit}")
        # a device or a pipe tells no size: what it gives is read no further than the limit
        with target.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise refuse("a folder, not a file") from None
    except OSError as exc:
        raise refuse(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise refuse(f"more than {MAX_BYTES:,} bytes: {limit}")
    text = _decoded(data, refuse)
    nul = text.find("\0")
    if nul >= 0:  # behind a byte order mark
        line, column = _text_place(text, nul)
        raise refuse("a binary file (a NUL byte), not a text table", line, column)
    if not text.strip():
        raise refuse("the file is empty")
    return text


def _decoded(data: bytes, refuse: Callable[..., LoadError]) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise refuse(f"not {encoding.upper()} past byte {exc.start}") from None
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _place(data, nul)
        if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
            raise refuse(
                "UTF-16 without a byte order mark: save it as UTF-8, or as UTF-16 with one",
                line,
                column,
            )
        raise refuse("a binary file (a NUL byte), not a text table", line, column)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _place(data, exc.start)
        raise refuse(
            f"byte 0x{data[exc.start]:02X} is not UTF-8 (Latin-1 or Windows-1252, perhaps): "
            "save the file as UTF-8",
            line,
            column,
        ) from None


def _place(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based, in characters as far as they decode) of a byte offset."""
    text = data[:offset].decode("utf-8", errors="replace")
    return _text_place(text, len(text))


def _text_place(text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of a character offset in ``text``."""
    lines = _LINE_BREAK.split(text[:offset])
    return len(lines), len(lines[-1]) + 1


def split_lines(text: str) -> list[str]:
    """The lines of ``text``, broken at CR LF, LF or a lone CR (old Mac files) alone.

    Unlike `str.splitlines`, a form feed or a line separator inside a cell is no line break.
    A break at the very end makes no empty last line.
    """
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


class ForeignUsageError(ValueError):
    """An import of another tool's file that was asked for in a way that cannot be done."""


def import_into(
    fmt: str,
    file: str | os.PathLike[str],
    into: str | os.PathLike[str],
    *,
    date: dt.date | None = None,
    force: bool = False,
) -> Negotiation:
    """Import ``file`` in the format ``fmt`` as the dossier ``into`` (a folder, or a ``.yaml``).

    The file is read and checked whole before anything is written; the dossier is then saved as
    `negotrack.save` saves, all or nothing.

    Raises:
        LoadError: listing the file's problems; nothing is written.
        ForeignUsageError: If ``into`` holds a dossier already and ``force`` is not given.
        SaveError: If the dossier cannot be written; the files on disk are then as they were.
    """
    from negotrack.files._saving import save  # noqa: PLC0415

    target = Path(into)
    taken = (
        target.exists()
        if target.suffix in (".yaml", ".yml")
        else any((target / name).exists() for name in ("negotiation.yaml", "negotiation.yml"))
    )
    if taken and not force:
        raise ForeignUsageError(
            f"{target} holds a dossier already: --force replaces it with the imported one"
        )
    negotiation = importer(fmt)(file, date=date)
    save(negotiation, target)
    return negotiation
