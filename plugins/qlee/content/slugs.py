"""URL slugs from German titles: ``Über QLEE`` → ``ueber-qlee``.

German transliteration first (ä→ae, ß→ss, as German readers expect), then
other accents are dropped (é→e), everything else that is not a letter or a
digit becomes a hyphen.
"""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
# Long titles make long URLs and, past 255 bytes, folder names the file system refuses.
MAX_LENGTH = 80

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"})


def slugify(text: str, *, max_length: int = MAX_LENGTH) -> str:
    """The slug for ``text``; empty when ``text`` has no letters or digits we can write in ASCII."""
    text = unicodedata.normalize("NFC", text).translate(_GERMAN)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1].rpartition("-")[0] or slug[:max_length]
        slug = cut.strip("-")
    return slug


def is_slug(text: str) -> bool:
    """Whether ``text`` is a valid slug: lower-case ASCII letters and digits joined by single hyphens."""
    return SLUG_PATTERN.fullmatch(text) is not None
