"""Validation of the fields every item has (see the shared content model).

``item_metadata`` checks every field and reports every problem at once, each
at the line of its key. The ``event:`` block has its own rules in
``events.py``; this module only hands it over.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from . import images, schema, slugs
from .buildtime import build_date_if_known, build_time_if_known
from .dates import DEFAULT_YEAR_RANGE, parse_when
from .errors import ValidationError
from .frontmatter import FrontMatter, Value
from .images import Image  # noqa: F401  (part of this module's interface)

logger = logging.getLogger(__name__)

ARTICLE_FIELDS = ("title", "date", "modified", "category", "tags", "summary", "author", "slug", "status", "image", "event")
PAGE_FIELDS = ("title", "date", "modified", "tags", "summary", "author", "slug", "status", "image", "save_as", "url", "template")
STATUSES = ("published", "draft", "hidden")
STATUS_ALIASES = {"veröffentlicht": "published", "öffentlich": "published", "entwurf": "draft",
                  "versteckt": "hidden", "verborgen": "hidden", "unsichtbar": "hidden"}

# German (and other likely) words for our keys, so a misspelt key names the right one.
ALIASES = {
    "titel": "title", "überschrift": "title", "name": "title",
    "datum": "date", "veröffentlicht": "date", "published": "date",
    "geändert": "modified", "geaendert": "modified", "aktualisiert": "modified", "updated": "modified",
    "kategorie": "category", "rubrik": "category", "categories": "category",
    "schlagwörter": "tags", "schlagwoerter": "tags", "schlagworte": "tags", "schlagwort": "tags",
    "stichwörter": "tags", "stichworte": "tags", "tag": "tags", "keywords": "tags",
    "zusammenfassung": "summary", "teaser": "summary", "anriss": "summary", "beschreibung": "summary",
    "autor": "author", "autorin": "author", "autoren": "author", "authors": "author", "verfasser": "author",
    "bild": "image", "foto": "image",
    "termin": "event", "veranstaltung": "event",
    "vorlage": "template", "adresse": "slug",
}

TITLE_EXAMPLE = "Neuer Lehrgang zu Wasserstoffanwendungen"


def item_metadata(
    matter: FrontMatter, *, source: str, is_page: bool, settings: Mapping[str, Any]
) -> tuple[dict[str, Any], list[ValidationError]]:
    """Validated values of one item and every problem found.

    ``source`` is the path relative to content/. Values are plain Python
    (str, aware datetime, list[str], Image, Event); errors carry line and field
    but no path (the caller knows how to name the file).
    """
    found = schema.Collector(matter)
    data = matter.data
    tz = ZoneInfo(settings["TIMEZONE"])
    when = _When(tz, tuple(settings.get("QLEE_YEAR_RANGE", DEFAULT_YEAR_RANGE)), build_date_if_known())
    values: dict[str, Any] = {}

    found.extend(_unknown_keys(data, is_page))
    # A misspelt required key (titel:) is one mistake, reported once, at the misspelling.
    others = [key for key in data if key not in ARTICLE_FIELDS + PAGE_FIELDS]
    misspelt = {schema.nearest(key, data_keys(is_page), ALIASES) for key in others}
    required = functools.partial(_required, found, data, misspelt)
    values["title"] = required("title", schema.text, example=TITLE_EXAMPLE)
    if "date" in data or not is_page:
        values["date"] = required("date", when.parse, example="04.03.2024")
    if "modified" in data:
        values["modified"] = found.check("modified", when.parse, data["modified"], example="11.03.2024")
        if values.get("date") and values["modified"]:
            values["modified"] = found.check("modified", _not_before, values["modified"], values["date"], when)
    if not is_page:
        values["category"] = required("category", _category, settings=settings)
    if "tags" in data:
        values["tags"] = found.check("tags", _tags, data["tags"])
    if "summary" in data:
        values["summary"] = found.check("summary", schema.text, data["summary"], example="Ein Satz, worum es geht.", multiline=True)
    if "author" in data:
        values["authors"] = found.check("author", schema.text_list, data["author"], example="Erika Mustermann", comma_separated=False)
    values["slug"] = _slug(found, data, values["title"])
    if "status" in data:
        values["status"] = found.check("status", schema.choice, data["status"], STATUSES, aliases=STATUS_ALIASES)
    if "image" in data:
        values["image"] = images.parse_image(found, data["image"], settings)
    for key in ("save_as", "url", "template"):
        if is_page and key in data:
            values[key] = found.check(key, _PAGE_CHECKS[key], data[key], settings)
    if "event" in data and not is_page:
        values["event"] = _event(found, matter, source, settings)
        if "modified" not in data and "modified" not in misspelt:
            example = _modified_example(values.get("date"), ZoneInfo(settings["TIMEZONE"]))
            found.errors.extend(_change_without_modified(matter, example))
    return {key: value for key, value in values.items() if value is not None}, found.errors


def data_keys(is_page: bool) -> tuple[str, ...]:
    """The keys an item's front matter may have."""
    return PAGE_FIELDS if is_page else ARTICLE_FIELDS


def _required(found: schema.Collector, data: Mapping[str, Value], misspelt: set, field: str, parse, **kwargs):
    if field in misspelt:
        return None
    if field not in data:
        example = kwargs.get("example") or next(iter(kwargs["settings"]["QLEE_CATEGORIES"]))
        found.add(schema.missing(field, example))
        return None
    return found.check(field, parse, data[field], **kwargs)


def _unknown_keys(data: Mapping[str, Value], is_page: bool) -> list[ValidationError]:
    known = data_keys(is_page)
    errors = []
    for key in data:
        if is_page and key in ("category", "event"):
            what = "keine Kategorie" if key == "category" else "keine Termine"
            errors.append(ValidationError(
                f"Seiten (content/pages/) haben {what}. Löschen Sie die Angabe „{key}“ oder legen "
                "Sie die Datei als Beitrag unter content/nachrichten/ oder content/kurse/ ab.",
                field=key, value=key,
            ))
        elif not is_page and key in ("save_as", "url", "template"):
            errors.append(ValidationError(
                f"„{key}“ gibt es nur bei Seiten (content/pages/); die Adresse eines Beitrags "
                "ergibt sich aus Kategorie und „slug“. Löschen Sie die Angabe.",
                field=key, value=key,
            ))
    others = {key: value for key, value in data.items() if key not in ARTICLE_FIELDS + PAGE_FIELDS}
    return errors + schema.unknown_keys(others, known, aliases=ALIASES)


@dataclasses.dataclass(frozen=True)
class _When:
    tz: ZoneInfo
    year_range: tuple[int, int]
    today: dt.date | None

    def parse(self, value: Value, *, example: str) -> dt.datetime:
        """An aware datetime; a date alone means midnight in the site's time zone."""
        text = schema.text(value, example=example)
        when = parse_when(text, tz=self.tz, year_range=self.year_range, today=self.today)
        if isinstance(when, dt.datetime):
            return when
        return dt.datetime.combine(when, dt.time(), tzinfo=self.tz)


def _not_before(modified: dt.datetime, date: dt.datetime, when: _When) -> dt.datetime:
    if modified >= date:
        return modified
    # A bare day on the publication day is fine: it is that day, not its midnight.
    if modified.timetz() == dt.time(tzinfo=when.tz) and modified.date() == date.date():
        return date
    raise ValidationError(
        f"{schema.quote(_show(modified))} liegt vor dem Veröffentlichungsdatum "
        f"({_show(date)}); eine Änderung kann nicht vor der Veröffentlichung liegen. "
        f"Beispiel: modified: {(date + dt.timedelta(days=7)).strftime('%d.%m.%Y')}",
        value=_show(modified),
    )


def _show(when: dt.datetime) -> str:
    return when.strftime("%d.%m.%Y") if when.timetz() == dt.time(tzinfo=when.tzinfo) else when.strftime("%d.%m.%Y %H:%M")


def _category(value: Value, *, settings: Mapping[str, Any]) -> str:
    names = list(settings["QLEE_CATEGORIES"])
    name = schema.text(value, example=names[0])
    if name in names:
        return name
    guess = schema.nearest(name, names)
    hint = f" Meinten Sie „{guess}“?" if guess else ""
    raise ValidationError(
        f"{schema.quote(value)} ist keine der eingerichteten Kategorien.{hint} Eingerichtet sind: "
        + ", ".join(f"„{option}“" for option in names)
        + " (QLEE_CATEGORIES in pelicanconf.py).",
        value=name,
    )


def _tags(value: Value) -> list[str]:
    tags = schema.text_list(value, example="[Wasserstoff, Weiterbildung]")
    for index, tag in enumerate(tags):
        if not slugs.slugify(tag):
            raise ValidationError(
                f"{schema.quote(tag)} enthält weder Buchstaben noch Ziffern; daraus lässt sich "
                "keine Adresse für die Schlagwortseite bilden. Beispiel: Wasserstoff",
                field=f"[{index}]" if isinstance(value, list) else "", value=tag,
            )
    return list(dict.fromkeys(tags))  # the same tag twice is once


def _slug(found: schema.Collector, data: Mapping[str, Value], title: str | None) -> str | None:
    if "slug" not in data:
        if title is None:
            return None
        slug = slugs.slugify(title)
        if not slug:
            found.add(ValidationError(
                f"Aus dem Titel {schema.quote(title)} lässt sich keine Adresse bilden, er enthält "
                "keine Buchstaben oder Ziffern. Geben Sie eine an, z. B. „slug: neuer-lehrgang“.",
                value=title,
            ), "title")
        return slug or None
    return found.check("slug", _given_slug, data["slug"])


def _given_slug(value: Value) -> str:
    slug = schema.text(value, example="neuer-lehrgang")
    if slugs.is_slug(slug):
        return slug
    better = slugs.slugify(slug) or "neuer-lehrgang"
    raise ValidationError(
        f"{schema.quote(value)} ist als Adresse nicht erlaubt: nur Kleinbuchstaben a–z, Ziffern "
        f"und einzelne Bindestriche, ohne Umlaute und Leerzeichen. Beispiel: {better}",
        value=slug,
    )


def _save_as(value: Value, settings: Mapping[str, Any]) -> str:
    target = schema.text(value, example="404.html")
    path = PurePosixPath(target)
    if path.is_absolute() or ".." in path.parts or not target.endswith(".html"):
        raise ValidationError(
            f"{schema.quote(target)} ist kein erlaubter Speicherort: eine HTML-Datei innerhalb der "
            "Website, ohne „/“ am Anfang und ohne „..“. Beispiel: 404.html",
            value=target,
        )
    return target


def _url(value: Value, settings: Mapping[str, Any]) -> str:
    url = schema.text(value, example="ueber-qlee/")
    if url.startswith("/") or "://" in url or ".." in PurePosixPath(url).parts or " " in url:
        raise ValidationError(
            f"{schema.quote(url)} ist keine erlaubte Adresse: relativ zur Website, ohne „/“ am "
            "Anfang und ohne Leerzeichen. Beispiel: ueber-qlee/",
            value=url,
        )
    return url


def _template(value: Value, settings: Mapping[str, Any]) -> str:
    name = schema.text(value, example="page")
    folder = Path(settings.get("THEME", "theme")) / "templates"
    available = sorted(p.stem for p in folder.glob("*.html"))
    if name in available:
        return name
    guess = schema.nearest(name, available)
    hint = f" Meinten Sie „{guess}“?" if guess else ""
    raise ValidationError(
        f"{schema.quote(name)} ist keine Vorlage des Themes (theme/templates/{name}.html fehlt).{hint}",
        value=name,
    )


_PAGE_CHECKS = {"save_as": _save_as, "url": _url, "template": _template}


# Statuses that change an event already in subscribers' calendars.
_CHANGES = {"cancelled": "Absage", "postponed": "Verschiebung"}


def _modified_example(date: dt.datetime | None, zone: ZoneInfo) -> str:
    """A ``modified`` value to suggest: now (the build time), but never before the item's ``date``."""
    moment = build_time_if_known() or dt.datetime.now(dt.timezone.utc)
    if date is not None and date > moment:
        moment = date
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M")


def _change_without_modified(matter: FrontMatter, example: str) -> list[ValidationError]:
    """A cancelled or postponed event needs ``modified``.

    ``modified`` raises SEQUENCE and DTSTAMP in the iCal feeds; with the old
    values, calendar apps may keep the old entry. Checked on the written status,
    so the error shows even when the event block has other mistakes.
    """
    block = matter.data.get("event")
    status = block.get("status") if isinstance(block, dict) else None
    if not isinstance(status, str) or status.strip() not in _CHANGES:
        return []
    return [ValidationError(
        f"Bei einer {_CHANGES[status.strip()]} (status: {status.strip()}) bitte „modified“ mit dem "
        f"Datum der Änderung angeben, z. B. modified: {example} (als eigene Zeile unter "
        "„date“, nicht im Block „event“). Ohne neues Änderungsdatum übernehmen Kalender-Apps die "
        "Änderung nicht und zeigen weiter den alten Termin.",
        field="modified",
    ).at(line=matter.line_of("event.status"))]


def _event(found: schema.Collector, matter: FrontMatter, source: str, settings: Mapping[str, Any]):
    from .events import parse_event  # the event rules live there; imported when needed

    event, errors = parse_event(matter, source=source, settings=settings)
    found.errors.extend(errors)
    return event

