"""What the event templates get: the calendar pages to write and each event's details.

Plain data from the calendar views, the links and the JSON-LD (no Pelican
import); ``wiring.EventCalendar`` only renders it. URLs of the pages (stable,
see docs/content-model.md)::

    veranstaltungen/                    upcoming, by month, with the subscribe box
    veranstaltungen/archiv/             past events, by year
    veranstaltungen/<category-slug>/    upcoming events of one category
    veranstaltungen/YYYY/MM/            month grid
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from typing import Any

from . import jsonld, links
from ..events.views import Calendar, CalendarMonth, Entry
from .links import AddLinks
from ..events.model import EventStatus, end_instant

EVENTS_URL = "veranstaltungen/"
ARCHIVE_URL = "veranstaltungen/archiv/"
CATEGORY_URL = "veranstaltungen/{slug}/"
MONTH_URL = "veranstaltungen/{year:04d}/{month:02d}/"
EVENT_ICS_URL = "veranstaltungen/{slug}.ics"
FEED_URL = "kalender.ics"
CATEGORY_FEED_URL = "kalender/{slug}.ics"
# A Monday-to-Sunday week, for the month grid's column headers.
WEEKDAYS = tuple(dt.date(2024, 1, 1) + dt.timedelta(days=offset) for offset in range(7))


@dataclasses.dataclass(frozen=True)
class Feed:
    """One iCal feed, as the subscribe box offers it."""

    label: str
    name: str  # the calendar's own name, as in the feed (see feed_name)
    url: str  # https (or root-relative in development), to copy
    webcal: str | None  # None without an absolute SITEURL, as are the services' links
    google: str | None
    outlook: str | None


@dataclasses.dataclass(frozen=True)
class CategoryLink:
    name: str
    slug: str
    url: str  # the filter page
    label: str  # in the filter: the category's optional "events" text, else its name


@dataclasses.dataclass(frozen=True)
class OutputPage:
    save_as: str
    url: str
    template: str
    context: Mapping[str, Any]


class RegistrationState(enum.Enum):
    """What an event's page says about registering (its value names the template's text)."""

    OPEN = "open"  # the button, until registration_closes
    CLOSED = "closed"  # past the deadline or the start
    FULL = "full"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


_STATUS_REGISTRATION = {
    EventStatus.FULL: RegistrationState.FULL,
    EventStatus.CANCELLED: RegistrationState.CANCELLED,
    EventStatus.POSTPONED: RegistrationState.POSTPONED,
}


@dataclasses.dataclass(frozen=True)
class EventDetails:
    """Everything an event's own page shows beyond the article."""

    entry: Entry
    add_links: tuple[AddLinks, ...]
    ics_url: str | None  # only listed events have their own .ics
    map_url: str | None
    jsonld: str  # already inert inside <script>
    registration: RegistrationState | None  # at build time; None: nothing to say
    registration_closes: dt.datetime | None  # for the optional script


def feed_name(site: str, category: str | None = None) -> str:
    """The name of a feed's calendar (iCal NAME, and Outlook.com's name for the subscription)."""
    return f"{site} – Veranstaltungen: {category}" if category else f"{site} – Veranstaltungen"


def feed(label: str, path: str, siteurl: str, name: str) -> Feed:
    url = links.site_url(siteurl, path)
    webcal = links.webcal_url(siteurl, path)
    return Feed(
        label=label,
        name=name,
        url=url,
        webcal=webcal,
        google=links.google_subscribe_url(webcal) if webcal else None,
        outlook=links.outlook_subscribe_url(url, name) if webcal else None,
    )


def category_links(categories: Mapping[str, Mapping[str, str]]) -> tuple[CategoryLink, ...]:
    return tuple(
        CategoryLink(name, spec["slug"], CATEGORY_URL.format(slug=spec["slug"]), spec.get("events", name))
        for name, spec in categories.items()
    )


def calendar_pages(
    calendar: Calendar, categories: Mapping[str, Mapping[str, str]], siteurl: str, *, site_name: str
) -> list[OutputPage]:
    """Every calendar page, with the variables its template needs."""
    filters = category_links(categories)
    feeds = (feed("Alle Veranstaltungen", FEED_URL, siteurl, feed_name(site_name)),) + tuple(
        feed(link.name, CATEGORY_FEED_URL.format(slug=link.slug), siteurl, feed_name(site_name, link.name))
        for link in filters
    )
    common = {
        "event_calendar": calendar,
        "event_categories": filters,
        "event_feeds": feeds,
        "event_month_url": month_url,
        "event_weekdays": WEEKDAYS,
    }
    pages = [
        _page(EVENTS_URL, "events/upcoming", common, months=calendar.upcoming, current_category=None),
        _page(ARCHIVE_URL, "events/archive", common, years=calendar.past),
    ]
    pages += [
        _page(link.url, "events/category", common, months=calendar.category(link.name), current_category=link)
        for link in filters
    ]
    pages += [_page(month_url(month), "events/month", common, month=month) for month in calendar.months]
    return pages


def month_url(month: CalendarMonth | dt.date) -> str:
    first = month.first_day if isinstance(month, CalendarMonth) else month
    return MONTH_URL.format(year=first.year, month=first.month)


def event_details(
    entry: Entry,
    *,
    siteurl: str,
    now: dt.datetime,
    description: str,
    image_url: str | None,
    listed: bool = True,
) -> EventDetails:
    """The details of one event's page, as of the build time ``now``."""
    item, event = entry.item, entry.event
    page_url = links.site_url(siteurl, item.url)
    details = f"{description}\n\n{page_url}" if description else page_url
    closes = registration_closes(entry)
    data = jsonld.event_jsonld(
        name=item.title,
        event=event,
        meeting=entry.shown if event.repeat else event.span,
        url=page_url,
        description=description,
        image=image_url,
        organizer_url=links.site_url(siteurl, "") if links.is_absolute(siteurl) else "",
    )
    return EventDetails(
        entry=entry,
        # A cancelled event is not to be put into anyone's calendar; its .ics
        # (STATUS:CANCELLED) stays, so those who have it see the cancellation.
        # Nor is a past one: the page offers the services' links only before it ends.
        add_links=()
        if event.status is EventStatus.CANCELLED or entry.past
        else links.add_links(title=item.title, event=event, details=details),
        ics_url=EVENT_ICS_URL.format(slug=item.slug) if listed else None,
        map_url=links.osm_url(event.location) if event.location is not None else None,
        jsonld=jsonld.script_json(data),
        registration=registration_state(entry, now),
        registration_closes=closes,
    )


def registration_state(entry: Entry, now: dt.datetime) -> RegistrationState | None:
    """Whether one can register as of ``now``, and if not, why.

    None without a registration link, and once the event is over (then the
    page says it has taken place). The status comes before the dates: no
    button for an event that is cancelled, postponed or full.
    """
    if entry.event.registration is None or entry.past:
        return None
    if entry.event.status in _STATUS_REGISTRATION:
        return _STATUS_REGISTRATION[entry.event.status]
    closes = registration_closes(entry)
    return RegistrationState.OPEN if closes is not None and now < closes else RegistrationState.CLOSED


def registration_closes(entry: Entry) -> dt.datetime | None:
    """When the registration button goes: at the (first) start, or after the deadline if sooner.

    A deadline without a time lasts to the end of its day.
    """
    event = entry.event
    if event.registration is None:
        return None
    deadline = event.registration.deadline
    if deadline is None:
        return event.first_start
    return min(event.first_start, end_instant(deadline, event.timezone))


def all_urls(pages: Sequence[OutputPage]) -> tuple[str, ...]:
    """The URLs of the calendar pages, for the sitemap."""
    return tuple(page.url for page in pages)


def _page(url: str, template: str, common: Mapping[str, Any], **extra: Any) -> OutputPage:
    return OutputPage(save_as=f"{url}index.html", url=url, template=template, context={**common, **extra})
