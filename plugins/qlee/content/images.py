"""An item's picture: ``image:`` with ``src``, ``alt`` and ``credit`` (see the content model).

The keys are described in :mod:`fieldspec`; here are the picture and its file's check.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn

from ..errors import ValidationError
from . import typed
from .frontmatter import Value

IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg")


@dataclasses.dataclass(frozen=True)
class Image:
    """An item's picture. ``src`` is relative to content/ (``bilder/landtag.jpg``)."""

    src: str
    alt: str
    credit: str | None = None


def image_src(value: Value, settings: Mapping[str, Any]) -> str:
    """A picture under one of the STATIC_PATHS that exists; the message names the nearest file."""
    src = typed.text(value, example="bilder/foto.jpg")
    static = list(settings.get("STATIC_PATHS", ["bilder"]))
    folder = static[0] if static else "bilder"
    name = PurePosixPath(src).name or "foto.jpg"
    if PurePosixPath(name).suffix.lower() not in IMAGE_TYPES:  # a PDF's name, but as a picture
        name = f"{PurePosixPath(name).stem or 'foto'}.jpg"
    example = f"{folder}/{name}"
    path = PurePosixPath(src)
    if "://" in src or src.startswith("//"):
        problem = "ist eine Internetadresse; Bilder werden nur aus eigenen Dateien unter content/ eingebunden"
    elif path.is_absolute() or ".." in path.parts or src.startswith("content/"):
        problem = "muss ein Pfad innerhalb von content/ sein, ohne „/“ oder „content/“ am Anfang und ohne „..“"
    elif path.suffix.lower() not in IMAGE_TYPES:
        problem = "ist kein Bild im Format " + ", ".join(t.lstrip(".").upper() for t in IMAGE_TYPES)
    elif not any(path.parts[: len(PurePosixPath(p).parts)] == PurePosixPath(p).parts for p in static):
        problem = f"liegt nicht im Bilderordner content/{folder}/ und würde nicht veröffentlicht"
    elif not (Path(settings["PATH"]) / src).is_file():
        return _missing_image(src, static, settings)
    elif path.suffix.lower() != ".svg" and not _decodes(Path(settings["PATH"]) / src):
        problem = (
            "lässt sich nicht als Bild lesen: die Datei ist beschädigt oder nur zum Teil gespeichert. "
            "Speichern oder exportieren Sie das Bild neu (JPEG oder PNG)"
        )
    else:
        return src
    raise ValidationError(f"{typed.quote(src)} {problem}. Beispiel: {example}", value=src)


def _decodes(path: Path) -> bool:
    """Whether Pillow reads the whole picture: the build makes its variants from it."""
    from PIL import Image as Pillow  # only where an item has a picture

    try:
        with Pillow.open(path) as opened:
            opened.load()
    except (OSError, SyntaxError, ValueError, Pillow.DecompressionBombError):
        return False
    return True


def _missing_image(src: str, static: list[str], settings: Mapping[str, Any]) -> NoReturn:
    content = Path(settings["PATH"])
    present = sorted(
        path.relative_to(content).as_posix()
        for folder in static
        for path in (content / folder).rglob("*")
        if path.suffix.lower() in IMAGE_TYPES
    )
    guess = typed.nearest(src, present)
    hint = f"Meinten Sie „{guess}“?" if guess else f"Legen Sie das Bild unter content/{static[0]}/ ab."
    raise ValidationError(
        f"{typed.quote(src)} gibt es nicht: die Datei content/{src} fehlt. {hint}", value=src
    )
