"""Validation of the fields every item has (see docs/content-model.md).

``item_metadata`` checks every field and reports every problem at once, each
at the line of its key. The fields and their parsers are described in
:mod:`fieldspec`; the rules across fields (``modified`` not before ``date``,
the slug from the title, ``modified`` for a cancelled event) are here. The
``event:`` block has its own rules in ``eventblock.py``; this module only hands it
over.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from ..buildtime import build_time_if_known
from ..errors import ValidationError
from . import fieldspec, slugs, typed
from .fieldspec import ALIASES
from .frontmatter import FrontMatter, Value
from .images import Image

logger = logging.getLogger(__name__)

ARTICLE_FIELDS = fieldspec.ARTICLE.keys
PAGE_FIELDS = fieldspec.PAGE.keys


def item_metadata(
    matter: FrontMatter, *, source: str, is_page: bool, settings: Mapping[str, Any]
) -> tuple[dict[str, Any], list[ValidationError]]:
    """Validated values of one item and every problem found.

    ``source`` is the path relative to content/. Values are plain Python
    (str, aware datetime, list[str], Image, Event); errors carry line and field
    but no path (the caller knows how to name the file).
    """
    found = typed.Collector(matter)
    data = matter.data
    ctx = fieldspec.Context.from_settings(settings)
    spec = fieldspec.PAGE if is_page else fieldspec.ARTICLE
    values: dict[str, Any] = {}

    found.extend(_unknown_keys(data, is_page))
    # A misspelt required key (titel:) is one mistake, reported once, at the misspelling.
    others = [key for key in data if key not in ARTICLE_FIELDS + PAGE_FIELDS]
    misspelt = {typed.nearest(key, data_keys(is_page), ALIASES) for key in others}
    for field in spec.children:
        name = field.name
        if name == "slug":
            values["slug"] = _slug(found, data, values.get("title"), field, ctx)
        elif name == "image":
            values["image"] = _image(found, data["image"], ctx) if "image" in data else None
        elif name == "event":
            if "event" in data:
                values["event"] = _event(found, matter, source, settings)
                if "modified" not in data and "modified" not in misspelt:
                    example = _modified_example(values.get("date"), ctx.dates.tz)
                    found.errors.extend(_change_without_modified(matter, example))
        elif name == "modified" and name in data and data[name] in ("", None):
            # The example is now (never before `date`), not the spec's fixed one.
            example = _modified_example(values.get("date"), ctx.dates.tz)
            found.add(ValidationError(
                f"Die Angabe ist leer. Tragen Sie Datum und Uhrzeit der Änderung ein, z. B. modified: {example}",
                value="",
            ), name)
        elif name in data:
            values[_VALUE_NAMES.get(name, name)] = found.check(name, field.read, data[name], ctx)
            if name == "modified" and values.get("date") and values["modified"]:
                values["modified"] = found.check("modified", _not_before, values["modified"], values["date"], ctx.dates.tz)
        elif field.required and name not in misspelt:
            found.add(typed.missing(name, field.example_for(settings)))
            values[name] = None
    return {key: value for key, value in values.items() if value is not None}, found.errors


# The key in the values (Pelican's name) where it differs from the front matter's.
_VALUE_NAMES = {"author": "authors"}


def data_keys(is_page: bool) -> tuple[str, ...]:
    """The keys an item's front matter may have."""
    return PAGE_FIELDS if is_page else ARTICLE_FIELDS


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
    return errors + typed.unknown_keys(others, known, aliases=ALIASES)


def _not_before(modified: dt.datetime, date: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    if modified >= date:
        return modified
    # A bare day on the publication day is fine: it is that day, not its midnight.
    if modified.timetz() == dt.time(tzinfo=tz) and modified.date() == date.date():
        return date
    raise ValidationError(
        f"{typed.quote(_show(modified))} liegt vor dem Veröffentlichungsdatum "
        f"({_show(date)}); eine Änderung kann nicht vor der Veröffentlichung liegen. "
        f"Beispiel: modified: {(date + dt.timedelta(days=7)).strftime('%d.%m.%Y')}",
        value=_show(modified),
    )


def _show(when: dt.datetime) -> str:
    return when.strftime("%d.%m.%Y") if when.timetz() == dt.time(tzinfo=when.tzinfo) else when.strftime("%d.%m.%Y %H:%M")


def _slug(
    found: typed.Collector, data: Mapping[str, Value], title: str | None, field: fieldspec.Field, ctx: fieldspec.Context
) -> str | None:
    if "slug" in data:
        return found.check("slug", field.read, data["slug"], ctx)
    if title is None:
        return None
    slug = slugs.slugify(title)
    if not slug:
        found.add(ValidationError(
            f"Aus dem Titel {typed.quote(title)} lässt sich keine Adresse bilden, er enthält "
            "keine Buchstaben oder Ziffern. Geben Sie eine an, z. B. „slug: neuer-lehrgang“.",
            value=title,
        ), "title")
    return slug or None


def _image(found: typed.Collector, value: Value, ctx: fieldspec.Context) -> Image | None:
    """The validated ``image:`` block, or None after recording its errors in ``found``."""
    parts = fieldspec.read_group(found, fieldspec.IMAGE, value, "image", ctx)
    if parts is None or parts.get("src") is None or parts.get("alt") is None:
        return None
    return Image(**parts)


# Statuses that change an event already in subscribers' calendars.
_CHANGES = {"cancelled": "Absage", "postponed": "Verschiebung"}


def _modified_example(date: dt.datetime | None, zone: ZoneInfo) -> str:
    """A ``modified`` value to suggest: now (the build time), but never before the item's ``date``."""
    moment = build_time_if_known() or dt.datetime.now(dt.UTC)
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


def _event(found: typed.Collector, matter: FrontMatter, source: str, settings: Mapping[str, Any]):
    from .eventblock import parse_event  # the event rules live there; imported when needed

    event, errors = parse_event(matter, source=source, settings=settings)
    found.errors.extend(errors)
    return event

