"""Whether a file under content/ is what its name says, and not too large to publish.

A picture or document is published as it is: a file named ``.jpg`` that holds
something else (a renamed Word file, random bytes) would show as a broken
image, and a file of tens of megabytes would make every reader wait. The first
bytes of a file say what it is (its "magic number"); that is all this module
reads. Pure: no Pelican import.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ValidationError

# 10 MB: a photo straight from a camera is 5-8 MB, a long PDF brochure a few MB.
MAX_BYTES = 10_000_000
_HEAD = 512  # enough for every signature below, and for the start of an SVG

_WEBP = re.compile(rb"RIFF....WEBP", re.S)
_SVG = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<svg[\s>]", re.S | re.I
)
# Extension -> (what it is, in German; test of the first bytes).
_KINDS = {
    "png": ("ein PNG-Bild", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("ein JPEG-Bild", lambda head: head.startswith(b"\xff\xd8\xff")),
    "jpeg": ("ein JPEG-Bild", lambda head: head.startswith(b"\xff\xd8\xff")),
    "gif": ("ein GIF-Bild", lambda head: head.startswith((b"GIF87a", b"GIF89a"))),
    "webp": ("ein WebP-Bild", lambda head: bool(_WEBP.match(head))),
    "pdf": ("ein PDF-Dokument", lambda head: head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"%PDF-")),
    "svg": ("eine SVG-Grafik", lambda head: bool(_SVG.match(head))),
}
# What a file really is, by its first bytes, to name it in the message.
_FOUND = (
    (b"\x89PNG", "ein PNG-Bild"), (b"\xff\xd8\xff", "ein JPEG-Bild"), (b"GIF8", "ein GIF-Bild"),
    (b"%PDF-", "ein PDF-Dokument"), (b"PK\x03\x04", "ein ZIP-Archiv oder ein Office-Dokument (.docx, .xlsx)"),
    (b"\xd0\xcf\x11\xe0", "ein altes Office-Dokument (.doc, .xls)"),
)


def problem(path: Path, shown: str) -> ValidationError | None:
    """The error for the static file ``path`` (shown as ``shown``), or None when it is fine."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return None  # unreadable: Pelican reports it when it copies the file
    name = path.name
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    expected, test = _KINDS.get(extension, ("", None))
    if test is None or test(head):
        return _too_large(name, size, shown) if size > MAX_BYTES else None
    found = next((what for signature, what in _FOUND if head.startswith(signature)), None)
    really = f"ist aber {found}" if found else "enthält aber etwas anderes (oder ist beschädigt)"
    return ValidationError(
        f"„{name}“ heißt nach der Endung „.{extension}“ {expected}, {really}. Browser zeigen "
        "so eine Datei nicht an. Speichern Sie die Datei im Bildprogramm (oder als PDF) neu im "
        "passenden Format, statt nur die Endung zu ändern.",
        value=name,
    ).at(path=shown, line=1)


def _too_large(name: str, size: int, shown: str) -> ValidationError:
    megabytes = f"{size / 1_000_000:.1f}".replace(".", ",")
    return ValidationError(
        f"„{name}“ ist {megabytes} MB groß; erlaubt sind höchstens "
        f"{MAX_BYTES // 1_000_000} MB, damit die Seite auch unterwegs schnell lädt. Verkleinern "
        "Sie das Bild (z. B. auf 2000 Pixel Breite) oder das PDF (Export „für das Web“), "
        "dann speichern Sie es erneut.",
        value=name,
    ).at(path=shown, line=1)
