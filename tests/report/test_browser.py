"""The HTML pages opened in a real headless Chromium: screenshots, and layout measured in the page.

Chromium is Debian's package (``apt-get install chromium``), which ``.ci/run`` installs. Without
it these tests fail, saying so: a browser check that silently skips checks nothing.

Headless Chromium lays a window out at least 500 pixels wide, whatever ``--window-size`` says, so
a phone's 390 pixels are an ``<iframe>`` of that width in a harness page (media queries inside
it see 390). The pages run no script and their CSP allows none; to measure them, the test
writes a copy with a small script injected and the CSP left out (that copy only). The script
lists every element whose box reaches past ``document.documentElement.clientWidth``, the
document's ``scrollWidth``, every resource the page loaded and every error, and posts them to
the harness, which writes them into its DOM for ``--dump-dom``. The page itself, CSP and all,
is opened too with Chromium's log on stderr, which must show no console message.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import zlib
from typing import TYPE_CHECKING

import pytest

import negotrack as nt
from negotrack.report._html import HtmlRenderer
from negotrack.report._site import site_files
from tests.conftest import FLAGSHIP, ROOT
from tests.report.test_many_options import long_scale

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
#: Headless Chromium's narrowest layout, whatever the window size asked for.
MINIMUM_WINDOW = 500


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


PARIS = ROOT / "examples" / "paris-2015"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The flagship and Paris reports and diffs, a scale of 500 options, an empty page, as files."""
    folder = tmp_path_factory.mktemp("pages")
    talks, paris, options = nt.load(FLAGSHIP), nt.load(PARIS), long_scale(500)
    renderer = HtmlRenderer()
    ids = [r.id for r in paris.rounds]
    texts = {
        "report": renderer.report(talks, nt.timeline(talks)),
        "diff": renderer.diff(talks, nt.compare(talks, "2022-03-07", "2022-03-16")),
        "paris-report": renderer.report(paris, nt.timeline(paris)),
        "paris-diff": renderer.diff(paris, nt.compare(paris, ids[-2], ids[-1])),
        "many-options": renderer.report(options, nt.timeline(options)),
        "empty": "<!DOCTYPE html>\n<html lang=en><title>empty</title></html>\n",
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(text, encoding="utf-8")
    for name, text in site_files([talks, paris]).items():  # negotrack site, both dossiers
        target = folder.joinpath("site", *name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    paths["site-index"] = folder / "site" / "index.html"
    return paths


def framed(page: Path, width: int, script: str = "") -> Path:
    """A harness page showing ``page`` in an iframe ``width`` pixels wide, the phone's viewport."""
    harness = page.with_name(f"{page.stem}-in-{width}.html")
    harness.write_text(
        '<!DOCTYPE html>\n<html><body style="margin:0">'
        f'<iframe src="{page.name}" width="{width}" height="2000" '
        'style="border:0;display:block"></iframe>'
        f"{script}</body></html>\n",
        encoding="utf-8",
    )
    return harness


def screenshot(chromium: str, page: Path, size: tuple[int, int], tmp_path: Path) -> Path:
    """Open the page in headless Chromium at a window size and save what it shows as a PNG."""
    png = tmp_path / f"{page.stem}-{size[0]}.png"
    profile = tmp_path / f"profile-{page.stem}-{size[0]}"
    shown = framed(page, size[0]) if size[0] < MINIMUM_WINDOW else page
    command = [
        chromium,
        *FLAGS,
        f"--user-data-dir={profile}",
        f"--screenshot={png}",
        f"--window-size={size[0]},{size[1]}",
        shown.as_uri(),
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


@pytest.mark.parametrize("page", ["report", "diff", "paris-report", "paris-diff"])
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


#: Injected into the measured copy only: what overflows, what was loaded, what went wrong.
MEASURE = """<script>
const errors = [];
addEventListener("error", (e) => errors.push(String(e.message)));
document.addEventListener("securitypolicyviolation", (e) => errors.push("csp " + e.violatedDirective));
const consoleError = console.error;
console.error = (...words) => { errors.push(words.join(" ")); consoleError(...words); };
addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const over = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 0.5) {
      over.push(el.tagName.toLowerCase() + " " + (el.getAttribute("class") || "") + " " + Math.round(box.right));
    }
  }
  parent.postMessage(JSON.stringify({
    width, scrollWidth: document.documentElement.scrollWidth, over, errors,
    resources: performance.getEntriesByType("resource").map((r) => r.name),
  }), "*");
});
</script>"""
#: The harness writes what the page posted into its own DOM, for --dump-dom.
RECEIVE = """<script>
addEventListener("message", (e) => {
  const pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = e.data;
  document.body.appendChild(pre);
});
</script>"""


def measure(chromium: str, page: Path, width: int, tmp_path: Path) -> dict[str, object]:
    """Lay the page out ``width`` pixels wide in Chromium and return what the injected script saw."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', "", text)
    copy = tmp_path / f"{page.stem}-measured.html"
    copy.write_text(text.replace("<head>", "<head>\n" + MEASURE, 1), encoding="utf-8")
    harness = framed(copy, width, RECEIVE)
    command = [
        chromium,
        *FLAGS,
        f"--user-data-dir={tmp_path / f'profile-measure-{width}'}",
        f"--window-size={max(width, MINIMUM_WINDOW) + 20},900",
        "--virtual-time-budget=5000",
        "--dump-dom",
        harness.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)  # noqa: S603 - our own command line
    found = re.search(r'<pre id="measured">(.*?)</pre>', result.stdout, re.DOTALL)
    assert found, (
        f"the page posted no measurement (exit {result.returncode}): {result.stderr[-2000:]}"
    )
    measured: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return measured


def console(chromium: str, page: Path, tmp_path: Path) -> list[str]:
    """The console messages Chromium logs for the page as it is, its CSP in force."""
    command = [
        chromium,
        *FLAGS,
        f"--user-data-dir={tmp_path / 'profile-console'}",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=3000",
        "--dump-dom",
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)  # noqa: S603 - our own command line
    assert "</html>" in result.stdout, f"chromium showed nothing: {result.stderr[-2000:]}"
    return [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


def test_measuring_can_tell(chromium: str, tmp_path: Path) -> None:
    """The measurement sees an element too wide, a resource loaded and an error; the log, too."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'\"></head><body>"
        '<div class="wide" style="width:600px">x</div><img src="http://127.0.0.1:9/pixel.svg">'
        '<script>console.error("boom")</script></body></html>',
        encoding="utf-8",
    )
    measured = measure(chromium, bad, PHONE[0], tmp_path)
    assert PHONE[0] == measured["width"]
    assert any(str(o).startswith("div wide 6") for o in measured["over"])  # type: ignore[attr-defined]
    assert measured["scrollWidth"] > measured["width"]  # type: ignore[operator]
    assert [r for r in measured["resources"] if str(r).endswith("pixel.svg")]  # type: ignore[attr-defined]
    assert "boom" in measured["errors"]  # type: ignore[operator]
    assert console(chromium, bad, tmp_path)  # the CSP refuses the image and the script, and says so


@pytest.mark.parametrize(
    "page", ["report", "diff", "paris-report", "paris-diff", "site-index", "many-options"]
)
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_page_fits_the_viewport(
    chromium: str, pages: dict[str, Path], tmp_path: Path, *, page: str, size: tuple[int, int]
) -> None:
    """Nothing reaches past the viewport, nothing scrolls sideways, nothing loads, nothing fails."""
    measured = measure(chromium, pages[page], size[0], tmp_path)
    assert size[0] == measured["width"]
    assert [] == measured["over"]
    assert measured["scrollWidth"] == measured["width"]
    assert [] == measured["resources"]
    assert [] == measured["errors"]


@pytest.mark.parametrize("page", ["report", "diff", "paris-report", "paris-diff", "site-index"])
def test_page_logs_nothing_to_the_console(
    chromium: str, pages: dict[str, Path], tmp_path: Path, page: str
) -> None:
    """Opened as written, CSP in force, the page gives no console message (no CSP violation)."""
    assert [] == console(chromium, pages[page], tmp_path)
