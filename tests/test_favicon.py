"""The favicon: the SVG every page links, and /favicon.ico as a real ICO drawn by tools/favicon.py."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

from tools import favicon

from html_tree import parse_file

SVG = favicon.PROJECT / "theme" / "static" / "favicon.svg"
SVG_NS = "{http://www.w3.org/2000/svg}"


def images(data: bytes) -> list[tuple[int, bytes]]:
    """(size, PNG data) of every image in an ICO file, checking the directory on the way."""
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1) and count >= 1
    found = []
    for index in range(count):
        width, height, colours, _, planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert (width, colours, planes, bits) == (height, 0, 1, 32)
        assert offset + length <= len(data)
        found.append((width or 256, data[offset : offset + length]))
    return found


def rgba(image: bytes) -> tuple[int, list[bytes]]:
    """Size and RGBA rows of one of our PNGs (8-bit RGBA, filter 0), read with zlib alone."""
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    position, chunks = 8, {}
    while position < len(image):
        (length,) = struct.unpack_from(">I", image, position)
        kind = image[position + 4 : position + 8]
        body = image[position + 8 : position + 8 + length]
        assert struct.unpack_from(">I", image, position + 8 + length)[0] == zlib.crc32(kind + body)
        chunks[kind] = chunks.get(kind, b"") + body
        position += 12 + length
    width, height, depth, colour_type, *_ = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (width, depth, colour_type) == (height, 8, 6) and b"IEND" in chunks
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 1 + 4 * width
    assert len(raw) == stride * height and all(raw[row * stride] == 0 for row in range(height))
    return width, [raw[row * stride + 1 : (row + 1) * stride] for row in range(height)]


def test_the_committed_ico_is_what_the_tool_draws():
    assert favicon.TARGET.read_bytes() == favicon.ico(), "run .venv/bin/python -m tools.favicon"


def test_ico_holds_16_and_32_pixel_images_of_the_mark():
    data = favicon.TARGET.read_bytes()
    assert len(data) < 2048
    found = images(data)
    assert [size for size, _ in found] == [16, 32]
    for size, image in found:
        width, rows = rgba(image)
        assert width == size

        def pixel(x: int, y: int, rows=rows) -> tuple[int, ...]:
            return tuple(rows[y][4 * x : 4 * x + 4])

        assert pixel(0, 0)[3] < 32  # (nearly) outside the rounded corner
        assert pixel(size - 1, size // 2)[3] == 255  # inside at the right edge
        assert pixel(1, size // 2) == (0x00, 0x5A, 0x66, 255)  # the accent colour at the left edge
        assert pixel(15 * size // 32, 7 * size // 32) == (255, 255, 255, 255)  # the top of the ring


def test_svg_is_self_contained_in_the_accent_colour():
    root = ET.parse(SVG).getroot()
    assert root.tag == f"{SVG_NS}svg" and root.attrib["viewBox"] == "0 0 32 32"
    colours = {element.attrib[key] for element in root.iter() for key in ("fill", "stroke") if key in element.attrib}
    assert colours == {"#005a66", "#fff", "none"}
    style = (favicon.PROJECT / "theme" / "static" / "css" / "style.css").read_text(encoding="utf-8")
    assert "--accent: #005a66;" in style.split("@media", 1)[0]  # the light scheme's accent
    text = SVG.read_text(encoding="utf-8")
    assert "href" not in text and "<image" not in text and "<text" not in text


@pytest.fixture(scope="module")
def pages(real_site) -> list[Path]:
    # Not the embeddable lists: shown in partners' iframes, they link nothing (tests/test_partner_feeds.py).
    embed = real_site / "veranstaltungen" / "einbetten"
    return sorted(page for page in real_site.rglob("*.html") if embed not in page.parents)


def test_every_page_links_the_svg_icon(real_site, pages):
    assert len(pages) > 20
    for page in pages:
        icons = [link.attrs for link in parse_file(page).find("head").find_all("link", rel="icon")]
        assert icons == [{"rel": "icon", "href": "/theme/favicon.svg", "type": "image/svg+xml"}], page
    assert (real_site / "theme" / "favicon.svg").read_bytes() == SVG.read_bytes()


def test_favicon_ico_at_the_site_root(real_site):
    assert (real_site / "favicon.ico").read_bytes() == favicon.TARGET.read_bytes()
    assert not (real_site / "extra").exists()
