"""Links to calendars, maps and subscriptions: parsed back, not compared as strings."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from qlee.events.model import Event, Location, Occurrence, Session
from qlee.output import links

BERLIN = ZoneInfo("Europe/Berlin")
TITLE = "Wasserstoff & Wärme #1: Grundlagen?"
PLACE = Location(name="LEAG-Qualifizierungszentrum", city="Lübbenau")


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def query(url: str) -> dict[str, str]:
    parts = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in parts.values())
    return {key: values[0] for key, values in parts.items()}


def meeting(start, end) -> Occurrence:
    return Occurrence.of(start, end, BERLIN)


def make_event(**kwargs) -> Event:
    values = dict(start=berlin(2024, 3, 4, 9, 30), end=berlin(2024, 3, 4, 16), timezone=BERLIN, uid="u", organizer="QLEE", location=PLACE)
    return Event(**{**values, **kwargs})


def test_google_calendar_timed_in_utc():
    url = links.google_calendar_url(
        title=TITLE, meeting=meeting(berlin(2024, 3, 4, 9, 30), berlin(2024, 3, 4, 16)), details="Mehr: https://x/?a=1&b=2", location="Lübbenau"
    )
    assert url.startswith("https://calendar.google.com/calendar/render?")
    assert query(url) == {
        "action": "TEMPLATE",
        "text": TITLE,
        "dates": "20240304T083000Z/20240304T150000Z",
        "details": "Mehr: https://x/?a=1&b=2",
        "location": "Lübbenau",
    }
    assert " " not in url and "ä" not in url and "#" not in url


def test_google_calendar_all_day_has_exclusive_end_and_summer_time():
    all_day = links.google_calendar_url(title="A", meeting=meeting(dt.date(2024, 3, 4), dt.date(2024, 3, 8)), details="", location="")
    assert query(all_day)["dates"] == "20240304/20240309"
    summer = links.google_calendar_url(title="A", meeting=meeting(berlin(2024, 7, 1, 9), berlin(2024, 7, 1, 10)), details="", location="")
    assert query(summer)["dates"] == "20240701T070000Z/20240701T080000Z"


def test_outlook_compose_link():
    timed = links.outlook_url(title=TITLE, meeting=meeting(berlin(2024, 3, 4, 9, 30), berlin(2024, 3, 4, 16)), details="d", location="L")
    assert timed.startswith("https://outlook.live.com/calendar/0/action/compose?")
    assert query(timed) == {
        "subject": TITLE, "startdt": "2024-03-04T08:30:00Z", "enddt": "2024-03-04T15:00:00Z",
        "allday": "false", "body": "d", "location": "L",
    }  # fmt: skip
    all_day = links.outlook_url(title="A", meeting=meeting(dt.date(2024, 3, 4), dt.date(2024, 3, 8)), details="", location="")
    assert (query(all_day)["startdt"], query(all_day)["enddt"], query(all_day)["allday"]) == ("2024-03-04", "2024-03-09", "true")


def test_long_details_are_cut():
    url = links.google_calendar_url(title="A", meeting=meeting(dt.date(2024, 3, 4), dt.date(2024, 3, 4)), details="x" * 5000, location="")
    assert len(query(url)["details"]) == links.MAX_DETAILS and query(url)["details"].endswith("…")


def test_add_links_one_per_session():
    sessions = (Session(berlin(2024, 3, 4, 9), berlin(2024, 3, 4, 16)), Session(berlin(2024, 3, 11, 9), berlin(2024, 3, 11, 16)))
    added = links.add_links(title="Kurs", event=make_event(start=sessions[0].start, end=sessions[1].end, sessions=sessions), details="")
    assert [query(a.google)["dates"] for a in added] == ["20240304T080000Z/20240304T150000Z", "20240311T080000Z/20240311T150000Z"]
    assert [query(a.outlook)["startdt"] for a in added] == ["2024-03-04T08:00:00Z", "2024-03-11T08:00:00Z"]
    assert all(query(a.google)["location"] == "LEAG-Qualifizierungszentrum, Lübbenau" for a in added)


def test_add_links_for_a_repeat_carry_the_rule_to_google_only():
    (added,) = links.add_links(title="Woche", event=make_event(repeat="FREQ=WEEKLY;COUNT=6"), details="")
    assert query(added.google)["recur"] == "RRULE:FREQ=WEEKLY;COUNT=6"
    assert added.outlook is None


def test_online_event_uses_its_address_as_location():
    (added,) = links.add_links(title="A", event=make_event(location=None, online="https://stream.example/x"), details="")
    assert query(added.google)["location"] == "https://stream.example/x"


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (PLACE, "LEAG-Qualifizierungszentrum, Lübbenau"),
        (Location("Zentrum", "Cottbus", "Musterstraße 1", "03046"), "Zentrum, Musterstraße 1, 03046 Cottbus"),
        (Location("Centrum", "Zielona Góra", country="PL"), "Centrum, Zielona Góra, PL"),
    ],
)
def test_location_text(location, expected):
    assert links.location_text(location) == expected


def test_openstreetmap_with_coordinates():
    url = links.osm_url(Location("Zentrum", "Lübbenau", geo=(51.87, 13.96)))
    assert url == "https://www.openstreetmap.org/?mlat=51.87&mlon=13.96#map=17/51.87/13.96"


def test_openstreetmap_search_without_coordinates():
    url = links.osm_url(Location("Zentrum & Co", "Lübbenau", "Musterstraße 1"))
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.openstreetmap.org", "/search")
    assert query(url) == {"query": "Zentrum & Co, Musterstraße 1, Lübbenau"}


@pytest.mark.parametrize(
    ("siteurl", "https", "webcal"),
    [
        ("", "/kalender.ics", None),  # development: nothing made up
        ("https://qlee.example", "https://qlee.example/kalender.ics", "webcal://qlee.example/kalender.ics"),
        ("https://qlee.example/", "https://qlee.example/kalender.ics", "webcal://qlee.example/kalender.ics"),
        ("http://localhost:8000/site", "http://localhost:8000/site/kalender.ics", "webcal://localhost:8000/site/kalender.ics"),
        ("/unterordner", "/unterordner/kalender.ics", None),
    ],
)
def test_feed_addresses(siteurl, https, webcal):
    assert links.site_url(siteurl, "kalender.ics") == https
    assert links.webcal_url(siteurl, "kalender.ics") == webcal


def test_google_add_by_url():
    url = links.google_subscribe_url("webcal://qlee.example/kalender.ics")
    assert url.startswith("https://calendar.google.com/calendar/render?")
    assert query(url) == {"cid": "webcal://qlee.example/kalender.ics"}


def test_outlook_add_from_web():
    url = links.outlook_subscribe_url("https://qlee.example/kalender.ics?a=1&b=2", "QLEE – Veranstaltungen & mehr")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "outlook.live.com", "/calendar/0/addfromweb")
    assert query(url) == {"url": "https://qlee.example/kalender.ics?a=1&b=2", "name": "QLEE – Veranstaltungen & mehr"}
