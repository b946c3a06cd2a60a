"""Single values of every item: category, tags, slug, and the page-only keys.

Each parser takes the plain front-matter value (and the settings where the
allowed values come from them) and returns the typed value or raises
:class:`ValidationError` with a German message that quotes the value and shows
a correct one; the description in :mod:`fieldspec` names them, ``fields``
locates the errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ValidationError
from . import reserved, slugs, typed
from .frontmatter import Value


def category(value: Value, settings: Mapping[str, Any]) -> str:
    """One of the categories of ``QLEE_CATEGORIES``; the message names the nearest."""
    names = list(settings["QLEE_CATEGORIES"])
    name = typed.text(value, example=names[0])
    if name in names:
        return name
    guess = typed.nearest(name, names)
    hint = f" Meinten Sie „{guess}“?" if guess else ""
    raise ValidationError(
        f"{typed.quote(value)} ist keine der eingerichteten Kategorien.{hint} Eingerichtet sind: "
        + ", ".join(f"„{option}“" for option in names)
        + " (QLEE_CATEGORIES in pelicanconf.py).",
        value=name,
    )


def tags(value: Value) -> list[str]:
    """Tags, each with a letter or digit (its page needs an address); the same tag twice is once."""
    found = typed.text_list(value, example="[Wasserstoff, Weiterbildung]")
    for index, tag in enumerate(found):
        if not slugs.slugify(tag):
            raise ValidationError(
                f"{typed.quote(tag)} enthält weder Buchstaben noch Ziffern; daraus lässt sich "
                "keine Adresse für die Schlagwortseite bilden. Beispiel: Wasserstoff",
                field=f"[{index}]" if isinstance(value, list) else "", value=tag,
            )
    return list(dict.fromkeys(found))


def slug(value: Value) -> str:
    """A slug as written: lower-case a–z, digits and single hyphens."""
    written = typed.text(value, example="neuer-lehrgang")
    if slugs.is_slug(written):
        return written
    better = slugs.slugify(written) or "neuer-lehrgang"
    raise ValidationError(
        f"{typed.quote(value)} ist als Adresse nicht erlaubt: nur Kleinbuchstaben a–z, Ziffern "
        f"und einzelne Bindestriche, ohne Umlaute und Leerzeichen. Beispiel: {better}",
        value=written,
    )


def save_as(value: Value, settings: Mapping[str, Any]) -> str:
    """An HTML file inside the output folder (a page's ``save_as``), outside the site's own folders."""
    target = typed.text(value, example="404.html")
    path = PurePosixPath(target)
    if path.is_absolute() or ".." in path.parts or not target.endswith(".html"):
        raise ValidationError(
            f"{typed.quote(target)} ist kein erlaubter Speicherort: eine HTML-Datei innerhalb der "
            "Website, ohne „/“ am Anfang und ohne „..“. Beispiel: 404.html",
            value=target,
        )
    _outside_reserved(target, settings, example="ueber-qlee/index.html")
    return target


def url(value: Value, settings: Mapping[str, Any]) -> str:
    """An address relative to the site (a page's ``url``), outside the site's own folders."""
    written = typed.text(value, example="ueber-qlee/")
    if written.startswith("/") or "://" in written or ".." in PurePosixPath(written).parts or " " in written:
        raise ValidationError(
            f"{typed.quote(written)} ist keine erlaubte Adresse: relativ zur Website, ohne „/“ am "
            "Anfang und ohne Leerzeichen. Beispiel: ueber-qlee/",
            value=written,
        )
    _outside_reserved(written, settings, example="ueber-qlee/")
    return written


# File systems allow 255 bytes per file or folder name.
MAX_NAME_BYTES = 255


def _outside_reserved(path: str, settings: Mapping[str, Any], *, example: str) -> None:
    first = path.split("/", 1)[0]
    taken = reserved.folders(settings)
    if first in taken:
        where = f"„{first}/“" if "/" in path else f"„{first}“"
        raise ValidationError(
            f"{typed.quote(path)} liegt in {where}; dort schreibt die Website {taken[first]}, und "
            f"eine Seite würde sie überschreiben oder von ihnen überschrieben. Beispiel: {example}",
            value=path,
        )
    if any(len(part.encode()) > MAX_NAME_BYTES for part in path.split("/")):
        raise ValidationError(
            f"{typed.quote(path)} enthält einen Namen mit mehr als {MAX_NAME_BYTES} Bytes; so lange "
            f"Datei- und Ordnernamen lehnt das Dateisystem ab. Beispiel: {example}",
            value=path,
        )


# Templates that show a page's own text; the theme's others show lists and would drop it.
# "page", and pages that show the page's text with more around it (the calendar guide).
PAGE_TEMPLATES = ("page", "calendar_guide")


def template(value: Value, settings: Mapping[str, Any]) -> str:
    """The template of a page: one of :data:`PAGE_TEMPLATES` that the theme has."""
    name = typed.text(value, example="page")
    folder = Path(settings.get("THEME", "theme")) / "templates"
    if name in PAGE_TEMPLATES and (folder / f"{name}.html").is_file():
        return name
    allowed = ", ".join(f"„{option}“" for option in PAGE_TEMPLATES)
    guess = typed.nearest(name, PAGE_TEMPLATES)
    hint = f" Meinten Sie „{guess}“?" if guess else ""
    raise ValidationError(
        f"{typed.quote(name)} ist keine Vorlage für Seiten.{hint} Erlaubt ist {allowed}. Andere Vorlagen "
        "zeigen Listen, der Text der Seite stünde nirgends. Löschen Sie die Angabe am besten.",
        value=name,
    )
