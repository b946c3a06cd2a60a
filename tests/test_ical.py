"""The iCal writer (plugins/qlee/output/ical.py, vtimezone.py): unit tests and golden files.

Golden files: tests/golden/ical_site/ holds every .ics that a build of
tests/fixtures/ical_site gives (build date DEFAULT_EPOCH, SITEURL
https://qlee.example, an extra empty category "Projekte"). After a deliberate
change of the output, regenerate them and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_ical.py -k golden
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr
from pelican.settings import read_settings

from qlee.events.model import Event, EventStatus, Location, Registration, Session
from qlee.output import ical
from qlee.output.vtimezone import transitions, vtimezone

from conftest import DEFAULT_EPOCH, FIXTURES, PROJECT, build

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC
GOLDEN = Path(__file__).resolve().parent / "golden" / "ical_site"
SITEURL = "https://qlee.example"
PROJECTS = {"slug": "projekte", "description": "Projekte ohne Termine."}


def build_ics(output: Path, siteurl: str | None = SITEURL, settings_file: str = "pelicanconf.py") -> dict[str, bytes]:
    """Build the iCal fixture site; every .ics file, by path relative to the output.

    ``siteurl`` None keeps the settings file's own SITEURL.
    """
    categories = dict(read_settings(str(PROJECT / "pelicanconf.py"))["QLEE_CATEGORIES"], Projekte=PROJECTS)
    override = {"QLEE_CATEGORIES": categories} | ({} if siteurl is None else {"SITEURL": siteurl})
    build(FIXTURES / "ical_site" / "content", output, settings_file=settings_file, **override)
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in sorted(output.rglob("*.ics"))}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict[str, bytes]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
        return build_ics(tmp_path_factory.mktemp("ical") / "output")


def vevents(data: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


# --- VTIMEZONE ---------------------------------------------------------------


def offsets_agree(zone: ZoneInfo, component: icalendar.Timezone, instants) -> list[dt.datetime]:
    """Instants where the VTIMEZONE (read back by dateutil's tzical) and zoneinfo differ."""
    calendar = icalendar.Calendar()
    calendar.add_component(component)
    parsed = icalendar.Calendar.from_ical(calendar.to_ical()).timezones[0]
    # lookup_tzid=False: build the zone from our rules, not from the TZID's name.
    from_rules = parsed.to_tz(lookup_tzid=False)
    return [moment for moment in instants if moment.astimezone(from_rules).utcoffset() != moment.astimezone(zone).utcoffset()]


def sample_instants(zone: ZoneInfo, first_year: int, last_year: int, step: dt.timedelta) -> list[dt.datetime]:
    """Regular samples plus the seconds and hours around every transition."""
    start, end = dt.datetime(first_year, 1, 1, tzinfo=UTC), dt.datetime(last_year + 1, 1, 1, tzinfo=UTC)
    moments = []
    moment = start
    while moment < end:
        moments.append(moment)
        moment += step
    for change in transitions(zone, start, end):
        for delta in (-3600, -1, 0, 1, 3600):
            moments.append(change.utc + dt.timedelta(seconds=delta))
    return moments


def test_berlin_is_two_yearly_rules_like_google_and_outlook():
    component = vtimezone(BERLIN, 2024, 2025)
    lines = component.to_ical().decode().split("\r\n")
    assert "RDATE" not in component.to_ical().decode()
    assert [c.name for c in component.subcomponents] == ["DAYLIGHT", "STANDARD"]
    daylight, standard = component.subcomponents
    assert str(daylight["RRULE"].to_ical().decode()) == "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert str(standard["RRULE"].to_ical().decode()) == "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    # The onsets of 1970, as in Google's and Apple's VTIMEZONE for Berlin.
    assert "DTSTART:19700329T020000" in lines and "DTSTART:19701025T030000" in lines
    assert (daylight["TZOFFSETFROM"].td, daylight["TZOFFSETTO"].td) == (dt.timedelta(hours=1), dt.timedelta(hours=2))
    assert (standard["TZOFFSETFROM"].td, standard["TZOFFSETTO"].td) == (dt.timedelta(hours=2), dt.timedelta(hours=1))
    assert "UNTIL" not in component.to_ical().decode()


def test_berlin_rules_are_right_from_1990_to_2100():
    # 1990-1995 summer time ended in September, from 1996 in October: two STANDARD rules.
    component = vtimezone(BERLIN, 1990, 2100)
    standard = [c for c in component.subcomponents if c.name == "STANDARD"]
    assert [c["RRULE"]["BYMONTH"] for c in standard] == [[9], [10]]
    assert "UNTIL" in standard[0]["RRULE"] and "UNTIL" not in standard[1]["RRULE"]
    wrong = offsets_agree(BERLIN, component, sample_instants(BERLIN, 1990, 2100, dt.timedelta(hours=241)))
    assert wrong == []


@pytest.mark.parametrize(
    ("key", "first", "last", "components"),
    [
        ("America/New_York", 2000, 2010, 4),  # rules changed in 2007
        ("Australia/Sydney", 2024, 2025, 2),  # southern hemisphere
        ("Asia/Jerusalem", 2010, 2026, None),  # irregular dates before 2013, "Friday from the 23rd" after
        ("Europe/Dublin", 2020, 2030, 2),  # zoneinfo calls winter time "negative DST"
        ("Asia/Tokyo", 2024, 2025, 1),  # no DST: a single STANDARD
    ],
)
def test_rules_match_zoneinfo(key, first, last, components):
    zone = ZoneInfo(key)
    component = vtimezone(zone, first, last)
    if components is not None:
        assert len(component.subcomponents) == components
    wrong = offsets_agree(zone, component, sample_instants(zone, first, last, dt.timedelta(hours=67)))
    assert wrong == []


def test_rule_change_ends_old_rules_with_until_in_utc():
    component = vtimezone(ZoneInfo("America/New_York"), 2000, 2010)
    rules = {(c["DTSTART"].dt.year, c["DTSTART"].dt.month): c["RRULE"] for c in component.subcomponents}
    assert sorted(rules) == [(1970, 4), (1970, 10), (2007, 3), (2007, 11)]
    assert rules[1970, 4]["BYDAY"] == ["1SU"] and rules[1970, 4]["UNTIL"][0] >= dt.datetime(2006, 4, 2, 7, tzinfo=UTC)
    assert rules[1970, 10]["BYDAY"] == ["-1SU"] and rules[1970, 10]["UNTIL"][0] < dt.datetime(2007, 1, 1, tzinfo=UTC)
    assert rules[2007, 3]["BYDAY"] == ["2SU"] and "UNTIL" not in rules[2007, 3]
    assert rules[2007, 11]["BYDAY"] == ["1SU"] and "UNTIL" not in rules[2007, 11]
    for rule in rules.values():
        for until in rule.get("UNTIL", []):
            assert until.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(
    ("key", "first", "last"),
    [("Europe/Berlin", 2026, 2026), ("Europe/Berlin", 2024, 2027), ("America/New_York", 2008, 2012),
     ("Australia/Sydney", 2025, 2026), ("Asia/Jerusalem", 2014, 2026)],
)
def test_rules_stay_right_when_a_client_ignores_each_first_onset(key, first, last):
    """ts-ics skips the first onset of every STANDARD/DAYLIGHT: the rules in force begin in 1970, so that costs nothing.

    (A rule that begins within the events' years, as New York's in 2007, still
    loses its first onset in such a client; Google's VTIMEZONEs share that.)
    """
    zone = ZoneInfo(key)
    component = vtimezone(zone, first, last)
    opening = [c for c in component.subcomponents if c["DTSTART"].dt.year == 1970]
    assert opening and all("RRULE" in c for c in opening)
    for observance in component.subcomponents:
        if "RRULE" in observance:
            rule = rrulestr(observance["RRULE"].to_ical().decode(), dtstart=observance["DTSTART"].dt, ignoretz=True)
            second = list(itertools.islice(rule, 2))[1]
            observance["DTSTART"] = icalendar.vDDDTypes(second)
    wrong = offsets_agree(zone, component, sample_instants(zone, first, last, dt.timedelta(hours=67)))
    assert wrong == []


def test_zone_without_dst_is_one_standard_from_1970():
    component = vtimezone(ZoneInfo("Asia/Tokyo"), 2024, 2024)
    (standard,) = component.subcomponents
    assert standard.name == "STANDARD" and "RRULE" not in standard
    assert standard["DTSTART"].dt == dt.datetime(1970, 1, 1)
    assert standard["TZOFFSETFROM"].td == standard["TZOFFSETTO"].td == dt.timedelta(hours=9)


# --- VEVENTs from hand-made events -----------------------------------------------


def make_item(**event_fields) -> ical.FeedItem:
    fields = {
        "start": dt.datetime(2024, 10, 25, 9, tzinfo=BERLIN),
        "end": dt.datetime(2024, 10, 25, 16, tzinfo=BERLIN),
        "timezone": BERLIN,
        "uid": "7f1c2e9a-4b0d-5c1e-9a3f-2d6b8e0c4a71",
        "organizer": "QLEE",
        "location": Location(name="Technikum", city="Cottbus"),
    }
    item_fields = {key: event_fields.pop(key) for key in ("title", "summary", "modified", "tags") if key in event_fields}
    return ical.FeedItem(
        event=Event(**{**fields, **event_fields}),
        title=item_fields.get("title", "Kurs"),
        url="kurse/kurs/",
        summary=item_fields.get("summary", "<p>Ein Kurs.</p>"),
        category="Kurse",
        date=dt.datetime(2024, 9, 1, tzinfo=BERLIN),
        modified=item_fields.get("modified"),
        tags=item_fields.get("tags", ()),
    )


def single(item: ical.FeedItem, url_base: str = SITEURL) -> bytes:
    return ical.to_bytes(ical.single(item, url_base=url_base))


def test_hostile_text_stays_inside_its_property():
    title = "</script><script>alert(1)</script>\r\nEND:VEVENT"
    where = "Halle 1\r\nBEGIN:VEVENT\r\nUID:boese\rDTSTART:20240101T000000Z\nEND:VEVENT; Raum, 2\x00\x1b"
    item = make_item(title=title, location=Location(name=where, city="Cottbus"), uid="uid\r\nBEGIN:VEVENT")
    data = single(item)
    lines = data.decode().split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    assert not any(line.startswith(("UID:boese", "DTSTART:2024010")) for line in lines)
    assert "\x00" not in data.decode() and "\x1b" not in data.decode()
    (event,) = vevents(data)
    assert str(event["SUMMARY"]) == "</script><script>alert(1)</script>\nEND:VEVENT"
    assert str(event["LOCATION"]).startswith("Halle 1\nBEGIN:VEVENT\nUID:boese\nDTSTART:20240101T000000Z\nEND:VEVENT; Raum, 2")
    assert str(event["UID"]) == "uid\nBEGIN:VEVENT"


def test_all_day_end_is_exclusive_and_has_no_tzid():
    item = make_item(start=dt.date(2024, 3, 4), end=dt.date(2024, 3, 8))
    data = single(item).decode()
    assert "DTSTART;VALUE=DATE:20240304\r\n" in data and "DTEND;VALUE=DATE:20240309\r\n" in data
    assert "VTIMEZONE" not in data and "TZID" not in data


def test_timed_event_uses_its_zone_even_when_given_with_an_offset():
    start = dt.datetime(2024, 10, 27, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    data = single(make_item(start=start, end=start + dt.timedelta(hours=2))).decode()
    assert "DTSTART;TZID=Europe/Berlin:20241027T100000\r\n" in data
    assert "DTEND;TZID=Europe/Berlin:20241027T120000\r\n" in data
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n" in data


def test_timed_event_without_end_has_no_dtend():
    start = dt.datetime(2025, 4, 1, 9, tzinfo=BERLIN)
    (event,) = vevents(single(make_item(start=start, end=start)))
    assert "DTEND" not in event and "DURATION" not in event


def test_sessions_get_one_vevent_each_with_numbered_uids():
    sessions = tuple(
        Session(dt.datetime(2024, 3, day, 9, tzinfo=BERLIN), dt.datetime(2024, 3, day, 16, tzinfo=BERLIN))
        for day in (4, 11, 18)
    )
    item = make_item(start=sessions[0].start, end=sessions[-1].end, sessions=sessions)
    events = vevents(single(item))
    assert [str(e["UID"]) for e in events] == [f"{item.event.uid}-{n}" for n in (1, 2, 3)]
    assert [str(e["SUMMARY"]) for e in events] == [f"Kurs (Termin {n} von 3)" for n in (1, 2, 3)]
    assert [e.start for e in events] == [s.start for s in sessions]


def test_repeat_becomes_rrule():
    (event,) = vevents(single(make_item(repeat="FREQ=WEEKLY;COUNT=6")))
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=6"


@pytest.mark.parametrize(
    ("status", "ical_status", "prefix"),
    [
        (EventStatus.SCHEDULED, "CONFIRMED", ""),
        (EventStatus.FULL, "CONFIRMED", "Ausgebucht: "),
        (EventStatus.POSTPONED, "TENTATIVE", "Verschoben: "),
        (EventStatus.CANCELLED, "CANCELLED", "Abgesagt: "),
    ],
)
def test_status(status, ical_status, prefix):
    (event,) = vevents(single(make_item(status=status)))
    assert str(event["STATUS"]) == ical_status
    assert str(event["SUMMARY"]) == prefix + "Kurs"


def test_stamp_and_sequence_come_from_modified_else_date():
    (plain,) = vevents(single(make_item()))
    assert plain["DTSTAMP"].dt == plain["LAST-MODIFIED"].dt == dt.datetime(2024, 8, 31, 22, tzinfo=UTC)
    assert plain["SEQUENCE"] == 0
    earlier, later = (dt.datetime(2024, 10, day, 8, 15, tzinfo=BERLIN) for day in (1, 2))
    (first,) = vevents(single(make_item(modified=earlier)))
    (second,) = vevents(single(make_item(modified=later)))
    assert first["DTSTAMP"].dt == dt.datetime(2024, 10, 1, 6, 15, tzinfo=UTC)
    assert 0 < first["SEQUENCE"] < second["SEQUENCE"]
    assert b"DTSTAMP:20241001T061500Z\r\n" in single(make_item(modified=earlier))


def test_location_geo_url_and_description():
    location = Location(name="Technikum", street="Siemens-Halske-Ring 13", postal_code="03046", city="Cottbus", geo=(51.7675, 14.3269))
    registration = Registration("https://anmeldung.example/a?b=1&c=2", dt.date(2024, 10, 18))
    item = make_item(location=location, registration=registration, fee="kostenfrei", summary="<p>Ein &bdquo;Kurs&ldquo;<br>mit H<sub>2</sub>.</p>")
    (event,) = vevents(single(item))
    assert str(event["LOCATION"]) == "Technikum, Siemens-Halske-Ring 13, 03046 Cottbus"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (51.7675, 14.3269)
    assert str(event["URL"]) == "https://qlee.example/kurse/kurs/"
    assert str(event["DESCRIPTION"]) == (
        "Ein „Kurs“\nmit H2.\n\n"
        "Anmeldung: https://anmeldung.example/a?b=1&c=2 (Anmeldeschluss: 18.10.2024)\n"
        "Kosten: kostenfrei\nVeranstalter: QLEE\n"
        "Weitere Informationen: https://qlee.example/kurse/kurs/"
    )


def test_online_only_event_has_the_link_as_location():
    (event,) = vevents(single(make_item(location=None, online="https://stream.example/x")))
    assert str(event["LOCATION"]) == "https://stream.example/x"
    assert "GEO" not in event and "Online: https://stream.example/x" in str(event["DESCRIPTION"])


@pytest.mark.parametrize("url_base", ["", "/", "/qlee", "qlee.example", "ftp://qlee.example"])
def test_no_url_without_an_absolute_base(url_base):
    data = single(make_item(), url_base=url_base).decode()
    assert "\r\nURL" not in data and "Weitere Informationen" not in data


def test_empty_feed_still_has_a_component():
    info = ical.FeedInfo(name="QLEE – Veranstaltungen", description="Termine", timezone=BERLIN)
    calendar = ical.feed([], info, now=dt.datetime(2025, 1, 1, tzinfo=UTC))
    calendar.validate()  # raises without any component
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]


def test_shared_components_give_the_same_bytes_and_are_built_once():
    items = [
        make_item(),
        make_item(uid="zwei", start=dt.datetime(2026, 3, 1, 9, tzinfo=BERLIN), end=dt.datetime(2026, 3, 1, 12, tzinfo=BERLIN)),
        make_item(uid="ganztags", start=dt.date(2025, 5, 5), end=dt.date(2025, 5, 6), title="Lang " * 40),
    ]
    info = ical.FeedInfo(name="QLEE", description="Termine", timezone=BERLIN, url_base=SITEURL, page="v/", path="k.ics")
    now = dt.datetime(2025, 1, 1, tzinfo=UTC)
    shared = ical.SharedComponents()
    feeds = [ical.feed(items, info, now=now, shared=shared), ical.feed(items[1:], info, now=now, shared=shared)]
    singles = [ical.single(item, url_base=SITEURL, shared=shared) for item in items]
    for calendar in (*feeds, *singles):
        assert ical.to_bytes(calendar, shared) == calendar.to_ical()
    for plain, reused in zip(
        [ical.feed(items, info, now=now).to_ical(), *(single(item) for item in items)],
        [ical.to_bytes(feeds[0], shared), *(ical.to_bytes(calendar, shared) for calendar in singles)], strict=False,
    ):
        assert reused == plain
    # Each item's VEVENT is one object in its own file and in every feed.
    for _item, calendar in zip(items, singles, strict=False):
        (own,) = calendar.events
        assert any(own is event for event in feeds[0].events)
    assert feeds[0].events[-1] is feeds[1].events[-1]


def test_plain_text():
    assert ical.plain_text("<p>A &amp; B</p>\n<p>C&nbsp;<em>d</em>  e</p>") == "A & B\nC d e"
    assert ical.plain_text("Keine Tags, nur Text") == "Keine Tags, nur Text"


# --- the fixture site --------------------------------------------------------------


def test_golden_files(site):
    if os.environ.get("UPDATE_GOLDEN") == "1":
        for old in GOLDEN.rglob("*.ics"):
            old.unlink()
        for path, data in site.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(data)
    golden = {path.relative_to(GOLDEN).as_posix(): path.read_bytes() for path in sorted(GOLDEN.rglob("*.ics"))}
    assert sorted(site) == sorted(golden)
    for path, data in site.items():
        assert data == golden[path], f"{path} differs from tests/golden/ical_site/{path} (UPDATE_GOLDEN=1 to accept)"


def test_every_configured_category_has_a_feed(site):
    assert {"kalender.ics", "kalender/kurse.ics", "kalender/nachrichten.ics", "kalender/projekte.ics"} <= set(site)
    projects = icalendar.Calendar.from_ical(site["kalender/projekte.ics"])
    assert projects.events == [] and [c.name for c in projects.subcomponents] == ["VTIMEZONE"]


def test_feed_properties(site):
    feed = icalendar.Calendar.from_ical(site["kalender.ics"])
    assert str(feed["VERSION"]) == "2.0" and str(feed["PRODID"]) == ical.PRODID
    assert (str(feed["CALSCALE"]), str(feed["METHOD"])) == ("GREGORIAN", "PUBLISH")
    assert str(feed["NAME"]) == str(feed["X-WR-CALNAME"]) == "QLEE – Veranstaltungen"
    assert str(feed["DESCRIPTION"]) == str(feed["X-WR-CALDESC"])
    assert str(feed["X-WR-TIMEZONE"]) == "Europe/Berlin"
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in site["kalender.ics"]
    assert b"\r\nX-PUBLISHED-TTL:PT12H\r\n" in site["kalender.ics"]
    assert (str(feed["URL"]), str(feed["SOURCE"])) == (f"{SITEURL}/veranstaltungen/", f"{SITEURL}/kalender.ics")


def test_feeds_keep_past_events_within_the_budget_and_the_event_file_always_exists(site):
    uids = {str(e["UID"]) for e in vevents(site["kalender.ics"])}
    (old,) = vevents(site["veranstaltungen/alt.ics"])  # June 2023: the feeds are far below QLEE_FEED_MAX_BYTES
    assert str(old["UID"]) in uids
    (cancelled,) = vevents(site["veranstaltungen/abgesagt.ics"])
    assert str(cancelled["UID"]) in uids and str(cancelled["STATUS"]) == "CANCELLED"
    kurse = {str(e["UID"]) for e in vevents(site["kalender/kurse.ics"])}
    nachrichten = {str(e["UID"]) for e in vevents(site["kalender/nachrichten.ics"])}
    assert kurse | nachrichten == uids and not kurse & nachrichten


def test_dst_week_and_repeat_instants(site):
    by_uid = {str(e["UID"]): e for e in vevents(site["kalender.ics"])}
    sessions = sorted((e for uid, e in by_uid.items() if re.search(r"-[123]$", uid)), key=lambda e: e.start)
    assert [(e.start.astimezone(UTC), e.end.astimezone(UTC)) for e in sessions] == [
        (dt.datetime(2024, 10, 25, 7, tzinfo=UTC), dt.datetime(2024, 10, 25, 14, tzinfo=UTC)),
        (dt.datetime(2024, 10, 26, 20, tzinfo=UTC), dt.datetime(2024, 10, 27, 3, tzinfo=UTC)),  # 7 hours
        (dt.datetime(2024, 10, 28, 8, tzinfo=UTC), dt.datetime(2024, 10, 28, 15, tzinfo=UTC)),
    ]


def test_lines_are_crlf_and_folded(site):
    for path, data in site.items():
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""), path
        assert max(len(line) for line in data.split(b"\r\n")) <= 75, path


def test_same_epoch_same_bytes(site, tmp_path, source_date_epoch):
    assert build_ics(tmp_path / "again") == site


def test_development_and_publish_settings_give_the_same_uids(site, tmp_path, source_date_epoch, monkeypatch):
    development = build_ics(tmp_path / "dev", siteurl=None)  # pelicanconf.py: SITEURL ""
    monkeypatch.setenv("QLEE_SITEURL", "https://www.qlee.example")
    published = build_ics(tmp_path / "publish", siteurl=None, settings_file="publishconf.py")
    assert sorted(development) == sorted(published) == sorted(site)
    for path in site:
        uids = [str(e["UID"]) for e in vevents(site[path])]
        assert [str(e["UID"]) for e in vevents(development[path])] == uids, path
        assert [str(e["UID"]) for e in vevents(published[path])] == uids, path
        # Without an absolute base no URL at all, rather than a relative one.
        assert b"\r\nURL:" not in development[path] and b"\r\nSOURCE:" not in development[path], path
        assert b"qlee.example" not in development[path], path
    assert b"\r\nSOURCE:https://www.qlee.example/kalender.ics\r\n" in published["kalender.ics"]
