"""schema.org ``Event`` data for an event's page (Google's event rich results).

Only what we know goes in: the fee is free text, so no ``price`` is made up
from it; ``validFrom`` is unknown and left out. A cancelled or postponed event
keeps its dates and says so in ``eventStatus`` (Google's advice), and has no
``offers``: its page offers no registration either. A full one has a sold-out
offer. :func:`script_json` makes the JSON safe inside
``<script type="application/ld+json">``.
"""

from __future__ import annotations

import json
from typing import Any

from .iso import iso_seconds
from .links import is_absolute
from ..events.model import Event, EventStatus, Location, Occurrence, Session

SCHEMA = "https://schema.org/"
_STATUS = {
    EventStatus.SCHEDULED: "EventScheduled",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.POSTPONED: "EventPostponed",
    EventStatus.FULL: "EventScheduled",  # still taking place; the offer is sold out
}
# Offer availability by status; no offer for the others.
_AVAILABILITY = {EventStatus.SCHEDULED: "InStock", EventStatus.FULL: "SoldOut"}
# Characters that could end the script element or start markup inside it.
_INERT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def event_jsonld(
    *,
    name: str,
    event: Event,
    meeting: Occurrence | Session,
    url: str,
    description: str = "",
    image: str | None = None,
    organizer_url: str = "",
) -> dict[str, Any]:
    """The schema.org Event for ``meeting`` (the event's span, or its next repeat)."""
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
    if event.registration is not None and event.status in _AVAILABILITY:
        offer: dict[str, Any] = {
            "@type": "Offer",
            "url": event.registration.url,
            "availability": SCHEMA + _AVAILABILITY[event.status],
        }
        if event.registration.deadline is not None:
            offer["validThrough"] = iso_seconds(event.registration.deadline)
        data["offers"] = offer
    return data


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
