"""schema.org Event data: the fields Google reads, and JSON that stays inside its script."""

from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest

from qlee.events.model import Event, EventStatus, Location, Registration, Session
from qlee.output.jsonld import event_jsonld, script_json

BERLIN = ZoneInfo("Europe/Berlin")
HOSTILE = "Nachtschicht </script><script>alert(1)</script> & <!-- Co"


def make_event(**kwargs) -> Event:
    values = dict(
        start=dt.datetime(2024, 3, 4, 9, 30, tzinfo=BERLIN),
        end=dt.datetime(2024, 7, 4, 16, tzinfo=BERLIN),
        timezone=BERLIN, uid="u", organizer="QLEE",
        location=Location("LEAG-Qualifizierungszentrum", "Lübbenau", "Musterstraße 1", "03222", geo=(51.87, 13.96)),
    )  # fmt: skip
    return Event(**{**values, **kwargs})


def data_for(event: Event, **kwargs) -> dict:
    arguments = dict(name="Kurs", event=event, meeting=Session(event.start, event.end), url="https://qlee.example/kurse/k/")
    return event_jsonld(**{**arguments, **kwargs})


def test_full_event():
    event = make_event(registration=Registration("https://anmeldung.example/k", dt.date(2024, 2, 26)), fee="kostenfrei")
    data = data_for(event, description="Worum es geht.", image="https://qlee.example/bilder/k.jpg", organizer_url="https://qlee.example/")
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Kurs",
        "startDate": "2024-03-04T09:30:00+01:00",
        "endDate": "2024-07-04T16:00:00+02:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": "LEAG-Qualifizierungszentrum",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Musterstraße 1",
                "postalCode": "03222",
                "addressLocality": "Lübbenau",
                "addressCountry": "DE",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": 51.87, "longitude": 13.96},
        },
        "organizer": {"@type": "Organization", "name": "QLEE", "url": "https://qlee.example/"},
        "url": "https://qlee.example/kurse/k/",
        "description": "Worum es geht.",
        "image": ["https://qlee.example/bilder/k.jpg"],
        "offers": {
            "@type": "Offer",
            "url": "https://anmeldung.example/k",
            "availability": "https://schema.org/InStock",
            "validThrough": "2024-02-26",
        },
    }
    # The fee is free text: no price is made up from it.
    assert "price" not in json.dumps(data)


@pytest.mark.parametrize(
    ("status", "event_status", "availability"),
    [
        (EventStatus.SCHEDULED, "EventScheduled", "InStock"),
        # Google: a cancelled or postponed event keeps its dates and says so in eventStatus;
        # the page offers no registration then, so neither does the data.
        (EventStatus.CANCELLED, "EventCancelled", None),
        (EventStatus.POSTPONED, "EventPostponed", None),
        (EventStatus.FULL, "EventScheduled", "SoldOut"),
    ],
)
def test_status(status, event_status, availability):
    data = data_for(make_event(status=status, registration=Registration("https://x.example")))
    assert data["eventStatus"] == "https://schema.org/" + event_status
    assert data["startDate"] == "2024-03-04T09:30:00+01:00"
    if availability is None:
        assert "offers" not in data
    else:
        assert data["offers"] == {"@type": "Offer", "url": "https://x.example", "availability": "https://schema.org/" + availability}


def test_all_day_dates_and_optional_parts_left_out():
    data = data_for(make_event(start=dt.date(2024, 3, 4), end=dt.date(2024, 3, 8), location=Location("Zentrum", "Cottbus")))
    assert (data["startDate"], data["endDate"]) == ("2024-03-04", "2024-03-08")
    assert data["location"]["address"] == {"@type": "PostalAddress", "addressLocality": "Cottbus", "addressCountry": "DE"}
    assert "geo" not in data["location"]
    assert not {"offers", "image", "description"} & set(data)
    # Without an absolute site address the organizer has no url.
    assert data["organizer"] == {"@type": "Organization", "name": "QLEE"}


@pytest.mark.parametrize(
    ("location", "online", "mode", "types"),
    [
        (Location("Zentrum", "Cottbus"), None, "Offline", ["Place"]),
        (None, "https://stream.example", "Online", ["VirtualLocation"]),
        (Location("Zentrum", "Cottbus"), "https://stream.example", "Mixed", ["Place", "VirtualLocation"]),
    ],
)
def test_attendance_mode_and_locations(location, online, mode, types):
    data = data_for(make_event(location=location, online=online))
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
    places = data["location"] if isinstance(data["location"], list) else [data["location"]]
    assert [place["@type"] for place in places] == types
    if online:
        assert places[-1]["url"] == online


def test_script_json_is_inert_and_parses_back():
    data = data_for(make_event(), name=HOSTILE, description="a\u2028b </SCRIPT >")
    text = script_json(data)
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == data
    assert json.loads(text)["name"] == HOSTILE
