"""schema.org Event data: the fields Google reads, and JSON that stays inside its script."""

from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest

from qlee.events.model import Event, EventStatus, Location, Registration, Session
from qlee.events.views import make_entry
from qlee.output import eventpages
from qlee.output.jsonld import MAX_EVENTS, event_jsonld, events_jsonld, script_json

BERLIN = ZoneInfo("Europe/Berlin")
BEFORE = dt.datetime(2024, 1, 1, tzinfo=BERLIN)  # before every event below
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
    arguments = dict(
        name="Kurs", event=event, meeting=Session(event.start, event.end), url="https://qlee.example/kurse/k/", now=BEFORE
    )
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


# --- offers, organizer and one Event per date ------------------------------------------------


def test_no_offer_once_over_or_closed():
    event = make_event(registration=Registration("https://x.example", dt.date(2024, 2, 26)))
    # Open until the end of the deadline day; then no InStock offer, nor after the event.
    assert "offers" in data_for(event, now=dt.datetime(2024, 2, 26, 23, 59, tzinfo=BERLIN))
    assert "offers" not in data_for(event, now=dt.datetime(2024, 2, 27, tzinfo=BERLIN))
    assert "offers" not in data_for(event, now=dt.datetime(2024, 8, 1, tzinfo=BERLIN))


class Item:
    def __init__(self, title: str) -> None:
        self.title, self.url, self.category, self.slug = title, "kurse/k/", "Kurse", "k"


def details_data(event: Event, siteurl: str, now: dt.datetime, site_organizer: str = "QLEE") -> object:
    entry = make_entry(Item("Kurs"), event, now)
    details = eventpages.event_details(
        entry, siteurl=siteurl, now=now, description="", image_url=None, site_organizer=site_organizer
    )
    return json.loads(details.jsonld)


@pytest.mark.parametrize(
    ("organizer", "siteurl", "expected"),
    [
        ("QLEE", "https://qlee.example", {"@type": "Organization", "name": "QLEE", "url": "https://qlee.example/"}),
        # Another organizer: its URL is not known, and the site's would be wrong.
        ("BTU Cottbus-Senftenberg", "https://qlee.example", {"@type": "Organization", "name": "BTU Cottbus-Senftenberg"}),
        ("QLEE", "", {"@type": "Organization", "name": "QLEE"}),
    ],
)
def test_organizer_url_only_when_it_is_the_sites(organizer, siteurl, expected):
    data = details_data(make_event(organizer=organizer), siteurl, BEFORE)
    assert data["organizer"] == expected


def test_one_event_per_date_inside_the_window():
    weekly = make_event(
        start=dt.datetime(2023, 6, 5, 18, tzinfo=BERLIN), end=dt.datetime(2023, 6, 5, 19, tzinfo=BERLIN),
        repeat="FREQ=WEEKLY;COUNT=89", registration=Registration("https://x.example"),
    )  # fmt: skip
    now = dt.datetime(2025, 1, 1, tzinfo=BERLIN)
    data = details_data(weekly, "https://qlee.example", now)
    assert isinstance(data, list)
    starts = [dt.datetime.fromisoformat(item["startDate"]) for item in data]
    # The window of the iCal feeds: twelve months back (25 December 2023 is out), and every later meeting.
    assert (min(starts), max(starts)) == (dt.datetime(2024, 1, 1, 18, tzinfo=BERLIN), weekly.occurrences[-1].start)
    assert len(starts) == 59
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert all(item["@type"] == "Event" and item["name"] == "Kurs" for item in data)
    # Only meetings still to come can be booked; a repeat's meetings one by one.
    booked = [dt.datetime.fromisoformat(item["startDate"]) >= now for item in data]
    assert booked == ["offers" in item for item in data] and any(booked) and not all(booked)
    assert {item["offers"]["availability"] for item in data if "offers" in item} == {"https://schema.org/InStock"}


def test_sessions_each_get_an_event_and_a_daily_repeat_is_capped():
    sessions = (Session(dt.date(2024, 3, 4), dt.date(2024, 3, 5)), Session(dt.date(2024, 4, 8), dt.date(2024, 4, 8)))
    course = make_event(start=dt.date(2024, 3, 4), end=dt.date(2024, 4, 8), sessions=sessions)
    data = details_data(course, "https://qlee.example", BEFORE)
    assert [(item["startDate"], item["endDate"]) for item in data] == [("2024-03-04", "2024-03-05"), ("2024-04-08", "2024-04-08")]
    daily = make_event(start=dt.date(2024, 1, 2), end=dt.date(2024, 1, 2), repeat="FREQ=DAILY;COUNT=300")
    data = details_data(daily, "https://qlee.example", BEFORE)
    assert len(data) == MAX_EVENTS and data[0]["startDate"] == "2024-01-02"


def test_a_single_meeting_is_one_object_and_a_long_past_one_stays():
    event = make_event()
    assert details_data(event, "https://qlee.example", dt.datetime(2030, 1, 1, tzinfo=BERLIN))["startDate"] == "2024-03-04T09:30:00+01:00"


def test_events_jsonld_without_the_page():
    event = make_event(sessions=(Session(dt.date(2024, 3, 4), dt.date(2024, 3, 4)), Session(dt.date(2024, 3, 6), dt.date(2024, 3, 6))))
    data = events_jsonld(name="K", event=event, url="https://q.example/k/", now=BEFORE, past_months=12)
    assert [item["startDate"] for item in data] == ["2024-03-04", "2024-03-06"]
