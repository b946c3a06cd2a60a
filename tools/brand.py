"""Draw QLEE's wordmark and the pictures made from it; this file is their one source.

Writes
- theme/templates/includes/wordmark.svg: the wordmark, inlined in every page's header
  (letters in ``currentColor``, so it follows the theme's colours in light and dark mode);
- content/extra/apple-touch-icon.png (180×180) and content/extra/icon-512.png (web manifest);
- content/extra/og-default.png (1200×630): the share picture of pages without their own.

The letters are straight strokes (Q is a ring with a tail in the sun colour), so the
SVG and the pictures are drawn from the same few numbers. Pillow draws at four times
the size and scales down for smooth edges; the output is the same on every run.

    .venv/bin/python -m tools.brand
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PROJECT = Path(__file__).resolve().parent.parent
SVG_TARGET = PROJECT / "theme" / "templates" / "includes" / "wordmark.svg"
EXTRA = PROJECT / "content" / "extra"

ACCENT = "#005a66"  # --accent in style.css (light)
SUN = "#e39a0b"  # --sun in style.css (light)
WHITE = "#ffffff"
LONG_NAME = ("Qualifizierungsverbund in der Lausitz", "für Erneuerbare Energien")

# The wordmark in its own units (viewBox 0 0 WIDTH HEIGHT).
WIDTH, HEIGHT = 92, 32
STROKE = 4.5
RING = (14.0, 16.0, 9.75)  # centre x, centre y, radius of the Q
TAIL = ((19.5, 21.5), (25.5, 27.5))  # the Q's tail, round caps, in the sun colour
# Each letter a polyline of horizontal and vertical strokes (butt ends, mitred corners).
LETTERS = (
    ((33.5, 4.0), (33.5, 25.75), (47.0, 25.75)),  # L
    ((68.0, 6.25), (54.5, 6.25), (54.5, 25.75), (68.0, 25.75)),  # E
    ((54.5, 16.0), (65.0, 16.0)),
    ((89.0, 6.25), (75.5, 6.25), (75.5, 25.75), (89.0, 25.75)),  # E
    ((75.5, 16.0), (86.0, 16.0)),
)


def _number(value: float) -> str:
    return f"{value:g}"


def svg() -> str:
    """The wordmark as inline SVG: named "QLEE" for assistive technology."""
    paths = "".join(
        '<path d="M' + " ".join(f"{_number(x)} {_number(y)}" for x, y in letter) + '"/>' for letter in LETTERS
    )
    (ax, ay), (bx, by) = TAIL
    cx, cy, r = RING
    return (
        f'<svg class="brand__mark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="QLEE">'
        f'<g fill="none" stroke="currentColor" stroke-width="{_number(STROKE)}" stroke-linejoin="miter">'
        f'<circle cx="{_number(cx)}" cy="{_number(cy)}" r="{_number(r)}"/>{paths}'
        f'<path class="brand__sun" d="M{_number(ax)} {_number(ay)} {_number(bx)} {_number(by)}"'
        f' stroke="{SUN}" stroke-linecap="round"/></g></svg>\n'
    )


def draw_wordmark(draw: ImageDraw.ImageDraw, left: float, top: float, scale: float, colour: str) -> None:
    """The wordmark at (left, top), ``scale`` pixels per unit."""

    def at(x: float, y: float) -> tuple[float, float]:
        return left + x * scale, top + y * scale

    half = STROKE / 2
    cx, cy, r = RING
    draw.ellipse([*at(cx - r - half, cy - r - half), *at(cx + r + half, cy + r + half)], outline=colour,
                 width=round(STROKE * scale))  # fmt: skip
    for letter in LETTERS:
        last = len(letter) - 2
        for index, ((x0, y0), (x1, y1)) in enumerate(itertools.pairwise(letter)):
            # A stroke's rectangle; at a corner it runs on by half the stroke (the mitre).
            start = half if index > 0 else 0.0
            end = half if index < last else 0.0
            if y0 == y1:
                lo, hi = (x0 - start, x1 + end) if x1 > x0 else (x1 - end, x0 + start)
                box = (lo, y0 - half, hi, y0 + half)
            else:
                lo, hi = (y0 - start, y1 + end) if y1 > y0 else (y1 - end, y0 + start)
                box = (x0 - half, lo, x0 + half, hi)
            draw.rectangle([*at(box[0], box[1]), *at(box[2], box[3])], fill=colour)
    (ax, ay), (bx, by) = TAIL
    draw.line([at(ax, ay), at(bx, by)], fill=SUN, width=round(STROKE * scale))
    for x, y in TAIL:
        draw.ellipse([*at(x - half, y - half), *at(x + half, y + half)], fill=SUN)


# Debian's fonts-dejavu-core (Pillow's own font has no "ü"); the pictures are committed,
# so only redrawing them needs it.
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


def _png(image: Image.Image, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    image.resize(size, Image.Resampling.LANCZOS).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def icon(size: int) -> bytes:
    """The wordmark's Q on the accent colour, filling the square (iOS rounds the corners itself)."""
    big = size * 4
    image = Image.new("RGB", (big, big), ACCENT)
    draw = ImageDraw.Draw(image)
    # The Q alone: its ring and tail, centred.
    scale = big / 40
    cx, cy, _ = RING
    left, top = big / 2 - (cx + 2) * scale, big / 2 - (cy + 1) * scale
    half = STROKE / 2
    r = RING[2]
    draw.ellipse([left + (cx - r - half) * scale, top + (cy - r - half) * scale,
                  left + (cx + r + half) * scale, top + (cy + r + half) * scale],
                 outline=WHITE, width=round(STROKE * scale))  # fmt: skip
    (ax, ay), (bx, by) = TAIL
    draw.line([(left + ax * scale, top + ay * scale), (left + bx * scale, top + by * scale)], fill=SUN,
              width=round(STROKE * scale))  # fmt: skip
    for x, y in TAIL:
        draw.ellipse([left + (x - half) * scale, top + (y - half) * scale,
                      left + (x + half) * scale, top + (y + half) * scale], fill=SUN)  # fmt: skip
    return _png(image, (size, size))


def share_image() -> bytes:
    """1200×630: the wordmark in white on the accent colour, the long name beneath, a sun-coloured rule."""
    factor = 2
    width, height = 1200 * factor, 630 * factor
    image = Image.new("RGB", (width, height), ACCENT)
    draw = ImageDraw.Draw(image)
    margin = 96 * factor
    draw_wordmark(draw, margin, 120 * factor, 7.0 * factor, WHITE)
    rule_top = 120 * factor + HEIGHT * 7.0 * factor + 40 * factor
    draw.rectangle([margin, rule_top, margin + 160 * factor, rule_top + 10 * factor], fill=SUN)
    font = _font(46 * factor)
    for index, line in enumerate(LONG_NAME):
        draw.text((margin, rule_top + (50 + index * 66) * factor), line, fill=WHITE, font=font)
    return _png(image, (1200, 630))


def outputs() -> dict[Path, bytes]:
    """Every file this tool writes, with its content."""
    return {
        SVG_TARGET: svg().encode("utf-8"),
        EXTRA / "apple-touch-icon.png": icon(180),
        EXTRA / "icon-512.png": icon(512),
        EXTRA / "og-default.png": share_image(),
    }


def main() -> None:
    for path, data in outputs().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path.relative_to(PROJECT)}: {len(data)} bytes")


if __name__ == "__main__":
    main()
