"""The iCal feeds (RFC 5545, with the calendar properties of RFC 7986).

Pure: :class:`FeedItem` values in, ``icalendar.Calendar`` objects and bytes
out; no Pelican import. Everything is written with the icalendar library,
which escapes text values (commas, semicolons, line breaks) and folds lines,
so no value can break the structure of a file.

Decisions, for subscribers and for the files to be reproducible:

- UID: ``Event.uid``; an event with ``sessions`` gets one VEVENT per session
  with the UID ``<uid>-<n>`` (n counts from 1 in the order written), so that
  correcting one session's time updates that entry in place.
- ``except:``: a repeat gets EXDATE with the value type (and TZID) of its
  DTSTART, as RFC 5545 (3.8.5.1) wants. A cancelled session's VEVENT is left
  out (the others keep their numbers): subscribed calendars drop an entry
  that is gone from the feed, whereas STATUS:CANCELLED on one VEVENT of a
  series is shown as a normal meeting by several (Outlook, Google's
  subscriptions), which is worse than showing nothing; the event page says
  "entfällt".
- DTSTAMP and LAST-MODIFIED: the item's ``modified``, else its ``date``, in
  UTC; never the wall clock, so identical builds give identical files.
- SEQUENCE: 0 without ``modified``; otherwise the whole minutes from
  2000-01-01T00:00Z to ``modified``. It grows whenever an editor moves
  ``modified`` forward and never changes between builds.
- STATUS: cancelled → CANCELLED (and the entry stays in the feed, so that
  calendars show the cancellation instead of silently dropping the entry);
  postponed → TENTATIVE (the date shown is no longer certain); scheduled
  and full → CONFIRMED. Cancelled, postponed and full entries also say so
  at the start of SUMMARY ("Abgesagt: ..."), since many apps ignore STATUS.
- URL: absolute only (RFC 5545, 3.8.4.6 takes a URI). The base is the
  setting ``QLEE_ICAL_URL_BASE`` (default ``SITEURL``); when it is not an
  absolute http(s) URL, as in development, URL, SOURCE and the link in
  DESCRIPTION are left out rather than written relative.
- ORGANIZER (``CN=<name>:mailto:<address>``) only when the organizer's
  address is configured (``QLEE_ORGANIZER_EMAIL``, the site organizer's own):
  RFC 5545 requires a cal-address, and libical's check of METHOD:PUBLISH
  wants one. Otherwise it is left out. The name is in DESCRIPTION either way.
- Times: DTSTART/DTEND in the event's zone with TZID and a VTIMEZONE from
  :mod:`vtimezone`; all-day events as VALUE=DATE with the exclusive end
  (last day + 1, RFC 5545, 3.6.1). A timed event without an end has no DTEND.
- Feeds always carry the site zone's VTIMEZONE, so an empty feed still has
  the one component RFC 5545 requires and subscribers never get an error.
- The file for a single event (``/veranstaltungen/<slug>.ics``) has no
  NAME, DESCRIPTION or REFRESH-INTERVAL: with a calendar name, some apps
  offer to create a new calendar instead of adding the event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from . import german
from .links import place_text
from ..events.model import Event, EventStatus, Occurrence, is_timed, utc
from .vtimezone import vtimezone

logger = logging.getLogger(__name__)

PRODID = "-//QLEE//Website Veranstaltungskalender//DE"
REFRESH = dt.timedelta(hours=12)
SEQUENCE_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
# RFC 5545, 3.3.11: TEXT excludes control characters but HTAB; strict parsers
# reject the whole file for one of them. Line breaks are kept (icalendar escapes them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.FULL: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.POSTPONED: "TENTATIVE",
}


@dataclasses.dataclass(frozen=True)
class FeedItem:
    """What the feeds need of a content item that carries an event."""

    event: Event
    title: str
    url: str  # relative to the site root, as Pelican gives it: "kurse/wasserstoff-2024/"
    summary: str  # HTML or plain text
    category: str
    date: dt.datetime  # publication, aware
    modified: dt.datetime | None = None
    tags: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class FeedInfo:
    """The calendar-level properties of one feed."""

    name: str
    description: str
    timezone: ZoneInfo  # the site's zone: X-WR-TIMEZONE
    url_base: str = ""  # absolute site URL, or "" (then no URL/SOURCE)
    page: str = ""  # the HTML page of the feed, relative to the site root
    path: str = ""  # the feed itself, relative to the site root


class SharedComponents:
    """The VEVENTs and VTIMEZONEs of one build, each built and serialized once.

    A build puts every event into three files (its own, the site feed and its
    category's feed) and a VTIMEZONE into each of them; building and folding
    them anew for every file was two thirds of the iCal cost. Pass one
    instance as ``shared`` to :func:`feed`, :func:`single` and
    :func:`to_bytes`: the bytes stay exactly ``calendar.to_ical()``
    (tests/test_ical.py compares them). The components must not be changed
    once built, since several calendars hold the same objects.
    """

    def __init__(self) -> None:
        # Keyed by id(); the values keep the keyed objects alive, so no id is reused.
        self._vevents: dict[tuple[int, str], tuple[FeedItem, list[tuple[Occurrence, icalendar.Event]]]] = {}
        self._timezones: dict[tuple[ZoneInfo, int, int], icalendar.Timezone] = {}
        self._bytes: dict[int, tuple[icalendar.Component, bytes]] = {}

    def vevents(self, item: FeedItem, url_base: str) -> list[tuple[Occurrence, icalendar.Event]]:
        key = (id(item), url_base)
        if key not in self._vevents:
            self._vevents[key] = (item, vevents(item, url_base))
        return self._vevents[key][1]

    def vtimezone(self, zone: ZoneInfo, first_year: int, last_year: int) -> icalendar.Timezone:
        key = (zone, first_year, last_year)
        if key not in self._timezones:
            self._timezones[key] = vtimezone(zone, first_year, last_year)
        return self._timezones[key]

    def serialized(self, component: icalendar.Component) -> bytes:
        if id(component) not in self._bytes:
            self._bytes[id(component)] = (component, component.to_ical())
        return self._bytes[id(component)][1]


def feed(
    items: Iterable[FeedItem], info: FeedInfo, *, now: dt.datetime, shared: SharedComponents | None = None
) -> icalendar.Calendar:
    """A subscribable calendar of ``items`` (all of them; :mod:`feedhistory` chooses them).

    ``now`` (the build time) only widens the site zone's VTIMEZONE to the
    current year, for feeds whose events all lie in the past or are absent.
    """
    calendar = _calendar()
    calendar.calendar_name = text(info.name)
    calendar.description = text(info.description)
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", icalendar.vDuration(REFRESH))
    calendar.add("X-WR-TIMEZONE", info.timezone.key)
    if page := absolute(info.url_base, info.page):
        calendar.add("URL", page)
    if source := absolute(info.url_base, info.path):
        calendar.add("SOURCE", source)
    _add_events(calendar, list(items), info.url_base, site_zone=(info.timezone, now.year), shared=shared)
    return calendar


def single(item: FeedItem, *, url_base: str, shared: SharedComponents | None = None) -> icalendar.Calendar:
    """The calendar file of one event, for "In meinen Kalender"."""
    calendar = _calendar()
    _add_events(calendar, [item], url_base, site_zone=None, shared=shared)
    return calendar


def to_bytes(calendar: icalendar.Calendar, shared: SharedComponents | None = None) -> bytes:
    """The file's content: CRLF line ends, lines folded at 75 octets (by icalendar).

    With ``shared``, the subcomponents' bytes come from there: icalendar writes
    a component as its own lines followed by each subcomponent's, so the
    calendar's lines without subcomponents (a shallow copy) and the
    subcomponents' bytes make up the same file.
    """
    if shared is None:
        return calendar.to_ical()
    end = b"END:" + calendar.name.encode("ascii") + b"\r\n"
    head = calendar.copy().to_ical()
    parts = (shared.serialized(component) for component in calendar.subcomponents)
    return head.removesuffix(end) + b"".join(parts) + end


def vevents(item: FeedItem, url_base: str) -> list[tuple[Occurrence, icalendar.Event]]:
    """One VEVENT per session, or one for the event (with RRULE for ``repeat``), each with its meeting."""
    event = item.event
    stamp = utc(item.modified or item.date)
    link = absolute(url_base, item.url)
    pairs = []
    for number, meeting in enumerate(event.meetings, start=1):
        if meeting.cancelled and not event.repeat:
            continue
        component = icalendar.Event()
        component.add("UID", text(f"{event.uid}-{number}" if event.sessions else event.uid))
        component.add("DTSTAMP", stamp)
        component.add("LAST-MODIFIED", stamp)
        component.add("SEQUENCE", sequence(item.modified))
        component.add("SUMMARY", text(_summary(item, number, len(event.sessions))))
        _add_times(component, meeting)
        if event.repeat:
            component.add("RRULE", icalendar.vRecur.from_ical(event.repeat))
            if event.cancelled:
                component.add("EXDATE", [_start_value(cancelled) for cancelled in event.cancelled])
        component.add("DESCRIPTION", text(_description(item, link)))
        if where := place_text(event):
            component.add("LOCATION", text(where))
        if event.location is not None and event.location.geo is not None:
            component.add("GEO", event.location.geo)
        if event.organizer_email:
            component.add("ORGANIZER", _organizer(event))
        component.add("STATUS", _STATUS[event.status])
        component.add("CATEGORIES", _unique(text(name) for name in (item.category, *item.tags)))
        if link:
            component.add("URL", link)
        pairs.append((meeting, component))
    return pairs


def text(value: str) -> str:
    """``value`` fit for a TEXT property: line breaks as LF, other control characters as spaces."""
    return _CONTROL.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))


def sequence(modified: dt.datetime | None) -> int:
    """SEQUENCE (RFC 5545, 3.8.7.4): grows with ``modified``, 0 without it."""
    if modified is None:
        return 0
    return max(0, int((modified - SEQUENCE_EPOCH).total_seconds() // 60))


def absolute(url_base: str, path: str) -> str | None:
    """``path`` (relative to the site root) as an absolute URL, or None without a usable base."""
    parts = urlsplit(url_base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{url_base.rstrip('/')}/{path.lstrip('/')}"


def plain_text(html: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, blocks on their own lines."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _TextParser(HTMLParser):
    _BREAKS = frozenset({"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _calendar() -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    return calendar


def _add_events(
    calendar: icalendar.Calendar,
    items: Sequence[FeedItem],
    url_base: str,
    *,
    site_zone: tuple[ZoneInfo, int] | None,
    shared: SharedComponents | None,
) -> None:
    """VTIMEZONEs first (some parsers read a file in one pass), then the VEVENTs by start."""
    make_vevents = shared.vevents if shared else vevents
    make_vtimezone = shared.vtimezone if shared else vtimezone
    spans: dict[str, tuple[ZoneInfo, int, int]] = {}
    if site_zone is not None:
        zone, year = site_zone
        spans[zone.key] = (zone, year, year)
    entries = []
    for item in items:
        event = item.event
        if not event.all_day:
            first, last = event.first_start.year, event.last_end.year
            _, low, high = spans.get(event.timezone.key, (event.timezone, first, last))
            spans[event.timezone.key] = (event.timezone, min(low, first), max(high, last))
        for meeting, component in make_vevents(item, url_base):
            entries.append((meeting.starts_at, str(component["UID"]), component))
    used = {tzid for _, _, component in entries for tzid in _tzids(component)}
    if site_zone is not None:
        used.add(site_zone[0].key)
    for key in sorted(used):
        zone, low, high = spans[key]
        calendar.add_component(make_vtimezone(zone, low, high))
    for _, _, component in sorted(entries, key=lambda entry: entry[:2]):
        calendar.add_component(component)


def _tzids(component: icalendar.Component) -> set[str]:
    """The TZID parameters in ``component`` (UTC times are written with "Z" and have none)."""
    return {
        str(value.params["TZID"])
        for _, value in component.property_items(sorted=False)
        if hasattr(value, "params") and "TZID" in value.params
    }


def _start_value(meeting: Occurrence) -> dt.date | dt.datetime:
    """DTSTART's value (and EXDATE's): the day of an all-day meeting, else the start in the event's zone."""
    return meeting.first_day if meeting.all_day else meeting.starts_at


def _add_times(component: icalendar.Event, meeting: Occurrence) -> None:
    component.add("DTSTART", _start_value(meeting))
    if meeting.all_day:
        component.add("DTEND", meeting.day_after)
        return
    if meeting.ends_at != meeting.starts_at:
        component.add("DTEND", meeting.ends_at)


def _organizer(event: Event) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{event.organizer_email}")
    address.params["CN"] = text(event.organizer)
    return address


def _summary(item: FeedItem, number: int, sessions: int) -> str:
    title = item.title
    if item.event.status is not EventStatus.SCHEDULED:
        title = f"{item.event.status.label.capitalize()}: {title}"
    if sessions > 1:
        title += f" (Termin {number} von {sessions})"
    return title


def _description(item: FeedItem, link: str | None) -> str:
    event = item.event
    details = []
    if event.online:
        details.append(f"Online: {event.online}")
    if event.registration is not None:
        line = f"Anmeldung: {event.registration.url}"
        if event.registration.deadline is not None:
            line += f" (Anmeldeschluss: {_when(event.registration.deadline)})"
        details.append(line)
    if event.fee:
        details.append(f"Kosten: {event.fee}")
    if event.organizer:
        details.append(f"Veranstalter: {event.organizer}")
    if link:
        details.append(f"Weitere Informationen: {link}")
    blocks = [plain_text(item.summary), "\n".join(details)]
    return "\n\n".join(block for block in blocks if block)


def _when(value: dt.date) -> str:
    if is_timed(value):
        return f"{german.datum(value)}, {german.uhrzeit(value)} Uhr"
    return german.datum(value)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))
