"""schema.org ``Event`` data for an event's page (Google's event rich results).

Only what we know goes in: the fee is free text, so no ``price`` is made up
from it; ``validFrom`` is unknown and left out. A cancelled or postponed event
keeps its dates and says so in ``eventStatus`` (Google's advice), and has no
``offers``: its page offers no registration either. A full one has a sold-out
offer; a meeting that is over, or whose registration has closed, has none.
The organizer is an object of its own, with a URL only where one is known.
Google asks for one ``Event`` per date: :func:`events_jsonld` gives one for
every meeting of a repeating or multi-session event inside the iCal feeds'
window. :func:`script_json` makes the JSON safe inside
``<script type="application/ld+json">``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from dateutil.relativedelta import relativedelta

from ..events.model import Event, EventStatus, Location, Occurrence, Registration, Session, end_instant
from .iso import iso_seconds
from .links import is_absolute

SCHEMA = "https://schema.org/"
_STATUS = {
    EventStatus.SCHEDULED: "EventScheduled",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.POSTPONED: "EventPostponed",
    EventStatus.FULL: "EventScheduled",  # still taking place; the offer is sold out
}
# Offer availability by status; no offer for the others.
_AVAILABILITY = {EventStatus.SCHEDULED: "InStock", EventStatus.FULL: "SoldOut"}
# At most this many Event objects on one page (a daily repeat would give 366): the next ones first.
MAX_EVENTS = 60
# Characters that could end the script element or start markup inside it.
_INERT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def events_jsonld(
    *,
    name: str,
    event: Event,
    url: str,
    now: dt.datetime,
    past_months: int,
    description: str = "",
    image: str | None = None,
    organizer_url: str = "",
) -> dict[str, Any] | list[dict[str, Any]]:
    """One schema.org Event per meeting inside the feed window (a single object for a single meeting).

    The window reaches ``past_months`` back from ``now`` (search engines show
    coming events; a year of history is plenty); the meetings not yet over come first if there are
    more than :data:`MAX_EVENTS`. An event wholly outside it keeps its last meeting.
    """
    cutoff = now - relativedelta(months=past_months)
    inside = [meeting for meeting in event.occurrences if meeting.ends_at >= cutoff] or [event.occurrences[-1]]
    coming = [meeting for meeting in inside if meeting.ends_at > now][:MAX_EVENTS]
    over = [meeting for meeting in inside if meeting.ends_at <= now]
    room = MAX_EVENTS - len(coming)
    chosen = over[max(0, len(over) - room) :] + coming if room else coming
    objects = [
        event_jsonld(
            name=name,
            event=event,
            meeting=meeting,
            url=url,
            now=now,
            description=description,
            image=image,
            organizer_url=organizer_url,
        )
        for meeting in chosen
    ]
    return objects[0] if len(objects) == 1 else objects


def event_jsonld(
    *,
    name: str,
    event: Event,
    meeting: Occurrence | Session,
    url: str,
    now: dt.datetime,
    description: str = "",
    image: str | None = None,
    organizer_url: str = "",
) -> dict[str, Any]:
    """The schema.org Event for one ``meeting`` of ``event``, as of ``now``."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "startDate": iso_seconds(meeting.start),
        "endDate": iso_seconds(meeting.end),
        "eventStatus": SCHEMA + _STATUS[event.status],
        "eventAttendanceMode": SCHEMA + _attendance(event),
        "location": _locations(event),
        "organizer": _organization(event.organizer, organizer_url),
        "url": url,
    }
    if description:
        data["description"] = description
    if image:
        data["image"] = [image]
    registration = event.registration
    if registration is not None and event.status in _AVAILABILITY and now < _offer_ends(event, registration, meeting):
        offer: dict[str, Any] = {
            "@type": "Offer",
            "url": registration.url,
            "availability": SCHEMA + _AVAILABILITY[event.status],
        }
        if registration.deadline is not None:
            offer["validThrough"] = iso_seconds(registration.deadline)
        data["offers"] = offer
    return data


def _offer_ends(event: Event, registration: Registration, meeting: Occurrence | Session) -> dt.datetime:
    """When registering for ``meeting`` ends: at its start (a course's: the first), or at the deadline.

    A repeat's meetings can be booked one by one; sessions belong to one course.
    """
    start = event.first_start
    if event.repeat and isinstance(meeting, Occurrence):
        start = meeting.starts_at
    deadline = registration.deadline
    return start if deadline is None else min(start, end_instant(deadline, event.timezone))


def script_json(data: Any) -> str:
    """``data`` as JSON that cannot leave its ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc.: still the same JSON string
    for any parser, but ``</script>`` or ``<!--`` can no longer appear.
    """
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_INERT)


def _attendance(event: Event) -> str:
    if event.location is not None and event.online:
        return "MixedEventAttendanceMode"
    if event.online:
        return "OnlineEventAttendanceMode"
    return "OfflineEventAttendanceMode"


def _locations(event: Event) -> dict[str, Any] | list[dict[str, Any]]:
    places = []
    if event.location is not None:
        places.append(_place(event.location))
    if event.online:
        places.append({"@type": "VirtualLocation", "url": event.online})
    return places[0] if len(places) == 1 else places


def _place(location: Location) -> dict[str, Any]:
    address = {"@type": "PostalAddress", "addressLocality": location.city, "addressCountry": location.country}
    if location.street:
        address["streetAddress"] = location.street
    if location.postal_code:
        address["postalCode"] = location.postal_code
    place: dict[str, Any] = {"@type": "Place", "name": location.name, "address": address}
    if location.geo is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": location.geo[0], "longitude": location.geo[1]}
    return place


def _organization(name: str, url: str) -> dict[str, Any]:
    organization = {"@type": "Organization", "name": name}
    if is_absolute(url):
        organization["url"] = url
    return organization
