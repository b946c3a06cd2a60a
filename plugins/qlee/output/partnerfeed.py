"""The upcoming events for partners' sites: ``/veranstaltungen.json`` and the embeddable list.

Pure: :class:`ical.FeedItem` values and the build time in, a JSON document
(``dict``) and bytes out; the fields are documented in docs/partner-feeds.md
and checked by schemas/veranstaltungen.schema.json. The embeddable list
(``/veranstaltungen/einbetten/``) renders the same upcoming entries with
its own template; :func:`upcoming` chooses them for both.

Decisions:

- Which events: those not over at build time (as on ``/veranstaltungen/``),
  soonest first, cancelled and postponed ones included with their status.
- Dates: ISO 8601; date-times with the event zone's UTC offset
  (``2025-03-24T18:00:00+01:00``), all-day dates without time, the end of an
  all-day meeting being its last day (inclusive, as the site shows it).
  A timed meeting without an end has ``"end": null``.
- ``occurrences``: every meeting (each session, each repeat, or the event
  itself), past ones included; ``next`` is the first that is not over.
- URLs absolute when ``SITEURL`` is (published), else root-relative.
- ``version`` grows only when a field changes meaning or goes away; new
  fields may appear without a new version.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from ..events.model import Occurrence
from ..events.views import Entry, build_calendar
from . import eventpages
from .ical import FeedItem, plain_text

VERSION = 1
JSON_URL = "veranstaltungen.json"
EMBED_URL = "veranstaltungen/einbetten/"
EMBED_CATEGORY_URL = "veranstaltungen/einbetten/{slug}/"
# The embeddable list shows this many events at most; the rest are a link away.
EMBED_LIMIT = 10


@dataclasses.dataclass(frozen=True)
class Listed:
    """An item with an event, and its slug (the name of its ``.ics``)."""

    slug: str
    feed: FeedItem

    # What events.views sorts and groups by.
    @property
    def title(self) -> str:
        return self.feed.title

    @property
    def url(self) -> str:
        return self.feed.url

    @property
    def category(self) -> str:
        return self.feed.category


def upcoming(items: Iterable[Listed], *, now: dt.datetime, tz: ZoneInfo) -> tuple[Entry[Listed], ...]:
    """The entries not over at ``now``, soonest first: the order of ``/veranstaltungen/``."""
    calendar = build_calendar(((item, item.feed.event) for item in items), now=now, tz=tz)
    return tuple(entry for group in calendar.upcoming for entry in group.entries)


def link(siteurl: str, path: str) -> str:
    """``path`` (relative to the site root) as partners need it: absolute, or root-relative without SITEURL."""
    return f"{siteurl.rstrip('/')}/{path}" if siteurl else f"/{path}"


def document(
    entries: Sequence[Entry[Listed]],
    *,
    site_name: str,
    siteurl: str,
    tz: ZoneInfo,
    now: dt.datetime,
    categories: dict[str, str],
) -> dict[str, Any]:
    """The JSON feed; ``categories`` maps category names to their slugs."""
    return {
        "version": VERSION,
        "generated": now.astimezone(tz).isoformat(),
        "site": {"name": site_name, "url": link(siteurl, "")},
        "timezone": tz.key,
        "calendar": link(siteurl, eventpages.EVENTS_URL),
        "ical": link(siteurl, eventpages.FEED_URL),
        "events": [event_record(entry, siteurl, categories) for entry in entries],
    }


def event_record(entry: Entry[Listed], siteurl: str, categories: dict[str, str]) -> dict[str, Any]:
    item, event = entry.item.feed, entry.event
    location = event.location
    registration = event.registration
    return {
        "id": event.uid,
        "title": item.title,
        "url": link(siteurl, item.url),
        "category": {"name": item.category, "slug": categories[item.category]},
        "status": event.status.value,
        "status_text": event.status.label or None,
        "summary": plain_text(item.summary),
        "all_day": event.all_day,
        "timezone": event.timezone.key,
        "start": when(event.span.start),
        "end": end_of(event.span),
        "repeat": event.repeat,
        "next": meeting(entry.shown),
        "occurrences": [meeting(occurrence) for occurrence in event.occurrences],
        "location": None
        if location is None
        else {
            "name": location.name,
            "street": location.street,
            "postal_code": location.postal_code,
            "city": location.city,
            "country": location.country,
            "geo": None if location.geo is None else {"lat": location.geo[0], "lon": location.geo[1]},
        },
        "online": event.online,
        "registration": None
        if registration is None
        else {
            "url": registration.url,
            "deadline": None if registration.deadline is None else when(registration.deadline),
        },
        "fee": event.fee,
        "ics": link(siteurl, eventpages.EVENT_ICS_URL.format(slug=entry.item.slug)),
    }


def meeting(occurrence: Occurrence) -> dict[str, Any]:
    return {"start": when(occurrence.start), "end": end_of(occurrence), "all_day": occurrence.all_day}


def when(value: dt.date) -> str:
    return value.isoformat()


def end_of(occurrence: Occurrence) -> str | None:
    """The last day of an all-day meeting; the end of a timed one, None when it has none (ends as it starts)."""
    if occurrence.all_day:
        return when(occurrence.end)
    return None if occurrence.ends_at == occurrence.starts_at else when(occurrence.end)


def to_bytes(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
