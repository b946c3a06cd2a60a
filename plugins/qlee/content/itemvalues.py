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
from . import slugs, typed
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


def save_as(value: Value) -> str:
    """An HTML file inside the output folder (a page's ``save_as``)."""
    target = typed.text(value, example="404.html")
    path = PurePosixPath(target)
    if path.is_absolute() or ".." in path.parts or not target.endswith(".html"):
        raise ValidationError(
            f"{typed.quote(target)} ist kein erlaubter Speicherort: eine HTML-Datei innerhalb der "
            "Website, ohne „/“ am Anfang und ohne „..“. Beispiel: 404.html",
            value=target,
        )
    return target


def url(value: Value) -> str:
    """An address relative to the site (a page's ``url``)."""
    written = typed.text(value, example="ueber-qlee/")
    if written.startswith("/") or "://" in written or ".." in PurePosixPath(written).parts or " " in written:
        raise ValidationError(
            f"{typed.quote(written)} ist keine erlaubte Adresse: relativ zur Website, ohne „/“ am "
            "Anfang und ohne Leerzeichen. Beispiel: ueber-qlee/",
            value=written,
        )
    return written


def template(value: Value, settings: Mapping[str, Any]) -> str:
    """The name of one of the theme's templates (a page's ``template``)."""
    name = typed.text(value, example="page")
    folder = Path(settings.get("THEME", "theme")) / "templates"
    available = sorted(p.stem for p in folder.glob("*.html"))
    if name in available:
        return name
    guess = typed.nearest(name, available)
    hint = f" Meinten Sie „{guess}“?" if guess else ""
    raise ValidationError(
        f"{typed.quote(name)} ist keine Vorlage des Themes (theme/templates/{name}.html fehlt).{hint}",
        value=name,
    )
