"""Responsive variants of an item's picture: WebP and a JPEG or PNG fallback in a few widths.

Editors write one ``image:``; the build writes ``bilder/foto.800w.webp`` and
``bilder/foto.800w.jpg`` (and the other widths) next to the copied original, and the
templates list them in a ``<picture>`` with the size of the picture, so the browser
reserves its place and loads the smallest file that is sharp enough.

A variant is written once: an existing file newer than the original is kept, so a
rebuild costs nothing. SVG and GIF pictures are used as they are (no variants).
"""

from __future__ import annotations

import dataclasses
import functools
import os
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps

# Widths in CSS pixels times device pixels: a phone, a column, a column on a sharp screen.
WIDTHS = (480, 800, 1280)
WEBP_QUALITY = 78
JPEG_QUALITY = 82
# What the browser needs to pick a width: the article column (42rem) or the viewport less its margins.
SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"
AS_IS = (".svg", ".gif")


@dataclasses.dataclass(frozen=True)
class Variant:
    src: str  # below the site root, like the original's ``src``
    width: int


@dataclasses.dataclass(frozen=True)
class Picture:
    """What a template needs: the fallback ``<img>`` and the modern sources."""

    src: str  # the largest fallback variant (or the original, for SVG and GIF)
    width: int | None  # the largest variant's size; None for SVG
    height: int | None
    fallback: tuple[Variant, ...] = ()  # JPEG or PNG, smallest first
    webp: tuple[Variant, ...] = ()
    fallback_type: str = "image/jpeg"

    sizes: str = SIZES


def widths_for(width: int) -> tuple[int, ...]:
    """The variant widths of a picture ``width`` pixels wide: never wider than it is."""
    largest = min(width, WIDTHS[-1])
    return tuple(w for w in WIDTHS if w < largest) + (largest,)


def picture(src: str, content: Path, output: Path) -> Picture:
    """The variants of ``content/src``, written below ``output`` if they are missing or older."""
    source = content.resolve() / src
    # The file's time is part of the key: a replaced picture (preview) gets new variants.
    return _picture(src, source, output.resolve(), os.stat(source).st_mtime)


@functools.lru_cache(maxsize=256)
def _picture(src: str, source: Path, output: Path, mtime: float) -> Picture:
    path = PurePosixPath(src)
    if path.suffix.lower() in AS_IS:
        if path.suffix.lower() == ".svg":
            return Picture(src=src, width=None, height=None)
        with Image.open(source) as gif:
            return Picture(src=src, width=gif.width, height=gif.height)
    with Image.open(source) as opened:
        upright: Image.Image = ImageOps.exif_transpose(opened)  # a phone's portrait photo stays upright
        alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
        image = upright.convert("RGBA" if alpha else "RGB")
    ext, kind = (".png", "image/png") if alpha else (".jpg", "image/jpeg")
    fallback: list[Variant] = []
    webp: list[Variant] = []
    size = (image.width, image.height)
    for width in widths_for(image.width):
        height = round(image.height * width / image.width)
        resized: Image.Image | None = image if width == image.width else None
        for suffix, bucket in ((ext, fallback), (".webp", webp)):
            name = str(path.with_name(f"{path.stem}.{width}w{suffix}"))
            target = output / name
            if not (target.is_file() and target.stat().st_mtime >= mtime):
                if resized is None:
                    resized = image.resize((width, height), Image.Resampling.LANCZOS)
                _save(resized, target, suffix)
            bucket.append(Variant(name, width))
        size = (width, height)
    return Picture(
        src=fallback[-1].src,
        width=size[0],
        height=size[1],
        fallback=tuple(fallback),
        webp=tuple(webp),
        fallback_type=kind,
    )


def _save(image: Image.Image, target: Path, suffix: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".webp":
        image.save(target, "WEBP", quality=WEBP_QUALITY)
    elif suffix == ".jpg":
        image.save(target, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        image.save(target, "PNG", optimize=True)
