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
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..events.model import EventStatus, end_instant
from ..events.views import Calendar, CalendarMonth, Entry
from . import jsonld, links
from .links import AddLinks

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


def feeds(categories: Mapping[str, Mapping[str, str]], siteurl: str, *, site_name: str) -> tuple[Feed, ...]:
    """The site's feed first, then one per category (the subscribe box and the subscription guide)."""
    return (feed("Alle Veranstaltungen", FEED_URL, siteurl, feed_name(site_name)),) + tuple(
        feed(link.name, CATEGORY_FEED_URL.format(slug=link.slug), siteurl, feed_name(site_name, link.name))
        for link in category_links(categories)
    )


def calendar_pages(
    calendar: Calendar, categories: Mapping[str, Mapping[str, str]], siteurl: str, *, site_name: str
) -> list[OutputPage]:
    """Every calendar page, with the variables its template needs."""
    filters = category_links(categories)
    common = {
        "event_calendar": calendar,
        "event_categories": filters,
        "event_feeds": feeds(categories, siteurl, site_name=site_name),
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
    site_organizer: str = "",
    past_months: int = 12,
) -> EventDetails:
    """The details of one event's page, as of the build time ``now``.

    The organizer's URL in the JSON-LD is the site's only when the organizer is
    the site's own (``site_organizer``, the QLEE_ORGANIZER setting); others have none.
    """
    item, event = entry.item, entry.event
    page_url = links.site_url(siteurl, item.url)
    details = f"{description}\n\n{page_url}" if description else page_url
    closes = registration_closes(entry)
    own = bool(site_organizer) and event.organizer == site_organizer and links.is_absolute(siteurl)
    data = jsonld.events_jsonld(
        name=item.title,
        event=event,
        url=page_url,
        now=now,
        past_months=past_months,
        description=description,
        image=image_url,
        organizer_url=links.site_url(siteurl, "") if own else "",
    )
    return EventDetails(
        entry=entry,
        # A cancelled event is not to be put into anyone's calendar; its .ics
        # (STATUS:CANCELLED) stays, so those who have it see the cancellation.
        # Nor is a postponed one (its date is the old one), nor a past one: the
        # page offers the services' links only before it ends.
        add_links=()
        if event.status in (EventStatus.CANCELLED, EventStatus.POSTPONED) or entry.past
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


@dataclasses.dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: dt.datetime


def sitemap_entries(
    pages: Sequence[OutputPage], *, built: dt.datetime, changed: Callable[[Any], dt.datetime]
) -> tuple[SitemapEntry, ...]:
    """The calendar pages for the sitemap, each with the time it last changed; no empty month grids.

    Lists and the current month's grid change with the build time itself (what
    is upcoming, which day is today): their time is the build's. Any other
    month grid changes only with its events: the latest ``changed(item)``.
    """
    entries = []
    for page in pages:
        month: CalendarMonth | None = page.context.get("month")
        if month is None or _shows_today(month):
            entries.append(SitemapEntry(page.url, built))
        elif month.has_events:
            items = (entry.item for week in month.weeks for day in week if day for entry in day.entries)
            entries.append(SitemapEntry(page.url, max(changed(item) for item in items)))
    return tuple(entries)


def _shows_today(month: CalendarMonth) -> bool:
    return any(day is not None and day.today for week in month.weeks for day in week)


def _page(url: str, template: str, common: Mapping[str, Any], **extra: Any) -> OutputPage:
    return OutputPage(save_as=f"{url}index.html", url=url, template=template, context={**common, **extra})
