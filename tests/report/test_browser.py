"""The flagship HTML pages opened in a real headless Chromium: screenshots of the right size, not blank.

Chromium is Debian's package (``apt-get install chromium``), which ``.ci/run`` installs. Without
it these tests fail, saying so: a browser check that silently skips checks nothing.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from typing import TYPE_CHECKING

import pytest

import negotrack as nt
from negotrack.report._html import HtmlRenderer
from tests.conftest import FLAGSHIP

if TYPE_CHECKING:
    from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
DESKTOP = (1280, 2000)
PHONE = (390, 844)


@pytest.fixture(scope="module")
def chromium() -> str:
    """The Chromium executable; its absence fails the test with the fix."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail(
            "headless Chromium is needed for the browser tests and was not found: "
            "apt-get install -y chromium (.ci/run installs it)"
        )
    return found


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The flagship report and diff, and an empty page, written to files."""
    folder = tmp_path_factory.mktemp("pages")
    talks = nt.load(FLAGSHIP)
    renderer = HtmlRenderer()
    texts = {
        "report": renderer.report(talks, nt.timeline(talks)),
        "diff": renderer.diff(talks, nt.compare(talks, "2022-03-07", "2022-03-16")),
        "empty": "<!DOCTYPE html>\n<html lang=en><title>empty</title></html>\n",
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def screenshot(chromium: str, page: Path, size: tuple[int, int], tmp_path: Path) -> Path:
    """Open the page in headless Chromium at a window size and save what it shows as a PNG."""
    png = tmp_path / f"{page.stem}-{size[0]}.png"
    profile = tmp_path / f"profile-{page.stem}-{size[0]}"
    command = [
        chromium,
        *FLAGS,
        f"--user-data-dir={profile}",
        f"--screenshot={png}",
        f"--window-size={size[0]},{size[1]}",
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)  # noqa: S603 - our own command line
    assert png.exists(), (
        f"chromium wrote no screenshot (exit {result.returncode}): {result.stderr[-2000:]}"
    )
    return png


def read_png(path: Path) -> tuple[int, int, set[bytes]]:
    """Width, height and a sample of the colours (every 7th row, every 5th pixel) of an 8-bit PNG."""
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n"), "not a PNG"
    chunks: dict[bytes, list[bytes]] = {}
    at = 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        chunks.setdefault(kind, []).append(data[at + 8 : at + 8 + length])
        at += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
    assert (depth, interlace) == (8, 0), "the decoder reads 8-bit, non-interlaced images only"
    size = {2: 3, 6: 4}[colour]  # bytes per pixel: RGB or RGBA
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    stride = width * size
    previous = bytearray(stride)
    colours: set[bytes] = set()
    for y in range(height):
        start = y * (stride + 1)
        row = unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, size)
        if y % 7 == 0:
            colours.update(bytes(row[i : i + size]) for i in range(0, stride, size * 5))
        previous = row
    return width, height, colours


def unfilter(kind: int, row: bytearray, previous: bytearray, size: int) -> bytearray:
    """Undo one scanline's PNG filter (None, Sub, Up, Average, Paeth)."""
    if kind == 2:  # Up: add bytewise, without carries, on whole rows as integers
        low, high = bytes([0x7F]) * len(row), bytes([0x80]) * len(row)
        a, b = int.from_bytes(row, "big"), int.from_bytes(previous, "big")
        mask7, mask8 = int.from_bytes(low, "big"), int.from_bytes(high, "big")
        total = ((a & mask7) + (b & mask7)) ^ ((a ^ b) & mask8)
        return bytearray(total.to_bytes(len(row), "big"))
    for i in range(len(row) if kind else 0):
        left = row[i - size] if i >= size else 0
        up = previous[i]
        corner = previous[i - size] if i >= size else 0
        if kind == 1:
            guess = left
        elif kind == 3:
            guess = (left + up) // 2
        else:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
        row[i] = (row[i] + guess) & 0xFF
    return row


@pytest.fixture(scope="module")
def blanks(
    chromium: str, pages: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[int, int], Path]:
    """Screenshots of the empty page at both sizes, to compare the pages with."""
    folder = tmp_path_factory.mktemp("blank")
    return {size: screenshot(chromium, pages["empty"], size, folder) for size in (DESKTOP, PHONE)}


def test_png_decoder_knows_a_blank_page(blanks: dict[tuple[int, int], Path]) -> None:
    """The checks below can tell: an empty page's screenshot is one colour, white."""
    width, height, colours = read_png(blanks[PHONE])
    assert PHONE == (width, height)
    assert {b"\xff\xff\xff"} == {c[:3] for c in colours}


@pytest.mark.parametrize("page", ["report", "diff"])
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_page_renders_in_chromium(
    chromium: str,
    pages: dict[str, Path],
    blanks: dict[tuple[int, int], Path],
    tmp_path: Path,
    *,
    page: str,
    size: tuple[int, int],
) -> None:
    """The page opens in Chromium and shows something: right size, many colours, not blank."""
    png = screenshot(chromium, pages[page], size, tmp_path)
    assert png.stat().st_size > 4 * blanks[size].stat().st_size
    width, height, colours = read_png(png)
    assert size == (width, height)
    assert len(colours) > 20, f"only {len(colours)} colours: is the page blank?"
