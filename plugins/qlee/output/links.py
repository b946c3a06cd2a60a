"""Links from an event to other services: calendars, maps, subscriptions.

Plain functions of validated values (no Pelican import). Every query string
is built with ``urllib.parse.urlencode``, so titles with ``&``, ``#`` or
umlauts arrive intact. None of these links loads anything from a third party
until the reader clicks it.

Absolute addresses need an absolute SITEURL: in a development build
(``SITEURL = ""``) the feed link is root-relative and there is no
``webcal://`` link, rather than a made-up host.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode, urlsplit

from ..events.model import Event, Location, Occurrence

GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
OUTLOOK_COMPOSE = "https://outlook.live.com/calendar/0/action/compose"
OUTLOOK_SUBSCRIBE = "https://outlook.live.com/calendar/0/addfromweb"
OSM = "https://www.openstreetmap.org/"
# Calendar services cut long links; the event page itself has the full text.
MAX_DETAILS = 600


@dataclasses.dataclass(frozen=True)
class AddLinks:
    """"Add to my calendar" links for one meeting (``outlook`` is None for repeats)."""

    meeting: Occurrence
    google: str
    outlook: str | None


def location_text(location: Location) -> str:
    """One line for a calendar's location field: ``Name, Straße, PLZ Ort[, Land]``."""
    town = " ".join(part for part in (location.postal_code, location.city) if part)
    parts = [location.name, location.street, town]
    if location.country != "DE":
        parts.append(location.country)
    return ", ".join(part for part in parts if part)


def place_text(event: Event) -> str:
    """Where the event is, for calendars: the location, else the online address."""
    if event.location is not None:
        return location_text(event.location)
    return event.online or ""


def osm_url(location: Location) -> str:
    """OpenStreetMap at the coordinates, or a search for the address when there are none."""
    if location.geo is not None:
        lat, lon = (_number(value) for value in location.geo)
        return f"{OSM}?{urlencode({'mlat': lat, 'mlon': lon})}#map=17/{lat}/{lon}"
    return f"{OSM}search?{urlencode({'query': location_text(location)})}"


def google_calendar_url(*, title: str, meeting: Occurrence, details: str, location: str, repeat: str | None = None) -> str:
    """Google Calendar's "create event" template link, times in UTC."""
    start, end = _ical_range(meeting)
    query = {"action": "TEMPLATE", "text": title, "dates": f"{start}/{end}", "details": _cut(details), "location": location}
    if repeat:
        query["recur"] = f"RRULE:{repeat}"
    return f"{GOOGLE_CALENDAR}?{urlencode(query)}"


def outlook_url(*, title: str, meeting: Occurrence, details: str, location: str) -> str:
    """Outlook.com's compose link; all-day meetings with the exclusive end day."""
    if meeting.all_day:
        start, end, all_day = meeting.first_day.isoformat(), meeting.day_after.isoformat(), "true"
    else:
        start, end, all_day = f"{meeting.start_utc:%Y-%m-%dT%H:%M:%SZ}", f"{meeting.end_utc:%Y-%m-%dT%H:%M:%SZ}", "false"
    query = {
        "subject": title,
        "startdt": start,
        "enddt": end,
        "allday": all_day,
        "body": _cut(details),
        "location": location,
    }
    return f"{OUTLOOK_COMPOSE}?{urlencode(query)}"


def add_links(*, title: str, event: Event, details: str) -> tuple[AddLinks, ...]:
    """One set of links per session, or one for the event (with its repeat rule for Google).

    Outlook's link cannot carry a repeat rule, so repeating events get none:
    a single date there would silently lose the others (the ``.ics`` has them all).
    Nor can Google's carry the dates under ``except:``: a repeat with them gets
    no links (the ``.ics`` has EXDATE), and cancelled sessions get none.
    """
    if event.repeat and event.cancelled:
        return ()
    location = place_text(event)
    return tuple(
        AddLinks(
            meeting,
            google_calendar_url(title=title, meeting=meeting, details=details, location=location, repeat=event.repeat),
            None if event.repeat else outlook_url(title=title, meeting=meeting, details=details, location=location),
        )
        for meeting in event.meetings
        if not meeting.cancelled
    )


def is_absolute(siteurl: str) -> bool:
    parts = urlsplit(siteurl)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def site_url(siteurl: str, path: str) -> str:
    """``path`` under the site: absolute with an absolute SITEURL, else root-relative."""
    return f"{siteurl.rstrip('/')}/{path.lstrip('/')}"


def webcal_url(siteurl: str, path: str) -> str | None:
    """The ``webcal://`` subscribe link for a feed; ``None`` without an absolute SITEURL."""
    if not is_absolute(siteurl):
        return None
    return "webcal://" + site_url(siteurl, path).partition("://")[2]


def google_subscribe_url(webcal: str) -> str:
    """Google Calendar's "add calendar by URL" link for a ``webcal://`` address."""
    return f"{GOOGLE_CALENDAR}?{urlencode({'cid': webcal})}"


def outlook_subscribe_url(url: str, name: str) -> str:
    """Outlook.com's "add calendar from the web" link: the feed's http(s) address and a name."""
    return f"{OUTLOOK_SUBSCRIBE}?{urlencode({'url': url, 'name': name})}"


def _ical_range(meeting: Occurrence) -> tuple[str, str]:
    if meeting.all_day:
        return f"{meeting.first_day:%Y%m%d}", f"{meeting.day_after:%Y%m%d}"
    return f"{meeting.start_utc:%Y%m%dT%H%M%SZ}", f"{meeting.end_utc:%Y%m%dT%H%M%SZ}"


def _number(value: float) -> str:
    return repr(round(value, 6))


def _cut(text: str) -> str:
    return text if len(text) <= MAX_DETAILS else text[: MAX_DETAILS - 1].rstrip() + "…"
