"""Write content/extra/favicon.ico: the mark of theme/static/favicon.svg as a real ICO.

Pages link the SVG; /favicon.ico is for what asks for it by convention (older
Safari, feed readers, a browser showing an .ics). The standard library has no
image module, so the few shapes of the SVG are drawn here directly: 8×8
samples per pixel for smooth edges, PNG images (zlib, RFC 2083) in an ICO
container, 16 and 32 pixels. The output is the same on every run.

    .venv/bin/python -m tools.favicon
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TARGET = PROJECT / "content" / "extra" / "favicon.ico"
SIZES = (16, 32)
SAMPLES = 8  # per pixel and axis
ACCENT = (0x00, 0x5A, 0x66)
WHITE = (0xFF, 0xFF, 0xFF)
# The SVG's shapes, in its 32×32 user units.
CORNER = 6.0
RING_CENTRE, RING_RADIUS, STROKE = (15.0, 15.0), 8.0, 3.5
TAIL = ((18.5, 18.5), (24.5, 24.5))


def in_tile(x: float, y: float) -> bool:
    """Inside the rounded square (rx = CORNER)."""
    cx = min(max(x, CORNER), 32 - CORNER)
    cy = min(max(y, CORNER), 32 - CORNER)
    return 0 <= x <= 32 and 0 <= y <= 32 and math.hypot(x - cx, y - cy) <= CORNER


def in_letter(x: float, y: float) -> bool:
    """On the ring's stroke or the tail's round-capped stroke."""
    if abs(math.hypot(x - RING_CENTRE[0], y - RING_CENTRE[1]) - RING_RADIUS) <= STROKE / 2:
        return True
    (ax, ay), (bx, by) = TAIL
    t = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)
    t = min(max(t, 0.0), 1.0)
    return math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)) <= STROKE / 2


def pixels(size: int) -> list[bytes]:
    """RGBA rows of the mark at ``size`` × ``size`` pixels (straight alpha)."""
    scale = 32 / size
    rows = []
    for row in range(size):
        line = bytearray()
        for column in range(size):
            tile = letter = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (column + (sx + 0.5) / SAMPLES) * scale
                    y = (row + (sy + 0.5) / SAMPLES) * scale
                    if in_tile(x, y):
                        tile += 1
                        letter += in_letter(x, y)
            if not tile:
                line += bytes(4)
                continue
            share = letter / tile
            line += bytes(round(a + (b - a) * share) for a, b in zip(ACCENT, WHITE, strict=False))
            line.append(round(255 * tile / SAMPLES**2))
        rows.append(bytes(line))
    return rows


def png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    raw = b"".join(b"\0" + row for row in pixels(size))  # filter type 0 on every row
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def ico(sizes: tuple[int, ...] = SIZES) -> bytes:
    """An ICO file with one PNG image per size (the form Windows Vista introduced)."""
    images = [png(size) for size in sizes]
    offset = 6 + 16 * len(images)
    directory = struct.pack("<HHH", 0, 1, len(images))
    for size, image in zip(sizes, images, strict=False):
        directory += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return directory + b"".join(images)


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(ico())
    print(f"{TARGET.relative_to(PROJECT)}: {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
    main()
