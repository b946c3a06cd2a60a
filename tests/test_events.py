"""The ``event:`` block: what editors may write, and the one line each mistake gets."""

from __future__ import annotations

import datetime as dt
import textwrap
import uuid
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qlee.content import frontmatter
from qlee.content.eventblock import default_uid, parse_event
from qlee.errors import ValidationError
from qlee.events.model import Event, EventStatus, Location, Registration, Session

BERLIN = ZoneInfo("Europe/Berlin")
SETTINGS = {"TIMEZONE": "Europe/Berlin", "QLEE_ORGANIZER": "QLEE", "QLEE_YEAR_RANGE": (1990, 2100)}
PLACE = "location: {name: LEAG-Qualifizierungszentrum, city: Lübbenau}"
# The block starts on line 4: "---", "title", "event:".
FIRST = 4


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def parse(block: str, *, source: str = "kurse/x.md", settings=SETTINGS) -> tuple[Event | None, list[ValidationError]]:
    body = textwrap.indent(textwrap.dedent(block).strip("\n") + "\n", "  ")
    matter = frontmatter.split(f"---\ntitle: Kurs\nevent:\n{body}---\nText\n")
    return parse_event(matter, source=source, settings=settings)


def valid(block: str, **kwargs) -> Event:
    event, errors = parse(block, **kwargs)
    assert errors == [], "\n".join(map(str, errors))
    assert event is not None
    return event


def only_error(block: str) -> ValidationError:
    event, errors = parse(block)
    assert event is None
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


# --- valid blocks ---------------------------------------------------------------------


def test_minimal_all_day_event_gets_defaults():
    event = valid(f"start: 04.03.2024\n{PLACE}")
    assert event == Event(
        start=dt.date(2024, 3, 4),
        end=dt.date(2024, 3, 4),
        timezone=BERLIN,
        uid=default_uid("kurse/x.md"),
        organizer="QLEE",
        location=Location(name="LEAG-Qualifizierungszentrum", city="Lübbenau"),
    )
    assert event.all_day and event.status is EventStatus.SCHEDULED


def test_full_block():
    event = valid(
        """
        start: 04.03.2024 09:30
        end: 2024-03-04T16:00
        timezone: Europe/Berlin
        status: full
        uid: kurs-2024@qlee
        location:
          name: LEAG-Qualifizierungszentrum
          street: Musterstraße 1
          postal_code: "03222"
          city: Lübbenau
          country: de
          geo: [51.87, 13.96]
        online: https://stream.example/live
        registration:
          url: https://qlee.idloom.events/Wasserstoffexperte2024
          deadline: 26.02.2024
        fee: "kostenfrei"
        organizer: LEAG und QLEE
        """
    )
    assert event.start == berlin(2024, 3, 4, 9, 30) and event.end == berlin(2024, 3, 4, 16)
    assert event.status is EventStatus.FULL and event.uid == "kurs-2024@qlee"
    assert event.location == Location("LEAG-Qualifizierungszentrum", "Lübbenau", "Musterstraße 1", "03222", "DE", (51.87, 13.96))
    assert event.online == "https://stream.example/live"
    assert event.registration == Registration("https://qlee.idloom.events/Wasserstoffexperte2024", dt.date(2024, 2, 26))
    assert (event.fee, event.organizer) == ("kostenfrei", "LEAG und QLEE")


def test_online_only_event():
    assert valid("start: 13.02.2026\nonline: http://www.landtag.brandenburg.de").online == "http://www.landtag.brandenburg.de"


def test_offset_must_be_the_event_zone_s_own():
    event = valid(f"start: 2024-03-04T09:30+01:00\nend: 04.03.2024 16:00\n{PLACE}")
    assert event.start == berlin(2024, 3, 4, 9, 30) and event.start.tzinfo is BERLIN
    # Berlin is +02:00 in July: +01:00 would have shown 11:30 on the page.
    error = only_error(f"start: 2025-07-04T10:30+01:00\n{PLACE}")
    assert (error.field, error.line) == ("event.start", FIRST)
    assert "Beispiel: 2025-07-04T10:30+02:00" in error.message
    # Checked against the event's own zone, not the site's.
    assert valid(f"start: 2025-07-04T10:30-04:00\ntimezone: America/New_York\n{PLACE}").start.hour == 10
    error = only_error(f"start: 2025-07-04T10:30+02:00\ntimezone: America/New_York\n{PLACE}")
    assert "America/New_York" in error.message and "-04:00" in error.message


def test_own_timezone():
    event = valid(f"start: 04.03.2024 09:00\ntimezone: Europe/Warsaw\n{PLACE}")
    assert event.timezone == ZoneInfo("Europe/Warsaw") and event.start.tzinfo == ZoneInfo("Europe/Warsaw")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("04.03.2024", "04.03.2024"),  # one day, written out
        ("04.03.2024", "08.03.2024"),
        ("01.01.2024", "31.12.2024"),  # 366 days in a leap year: the limit
        ("04.03.2024 09:00", "05.03.2024 08:00"),  # over night
        ("30.03.2024 22:00", "31.03.2024 04:00"),  # over the start of summer time
    ],
)
def test_span_accepted(start, end):
    event = valid(f"start: {start}\nend: {end}\n{PLACE}")
    assert event.end >= event.start


def test_sessions_define_the_span():
    event = valid(
        f"""
        {PLACE}
        sessions:
          - start: 04.03.2024 09:00
            end: 04.03.2024 16:00
          - start: 11.03.2024 09:00
            end: 11.03.2024 16:00
        """
    )
    assert event.sessions == (
        Session(berlin(2024, 3, 4, 9), berlin(2024, 3, 4, 16)),
        Session(berlin(2024, 3, 11, 9), berlin(2024, 3, 11, 16)),
    )
    assert (event.start, event.end) == (berlin(2024, 3, 4, 9), berlin(2024, 3, 11, 16))


def test_sessions_with_agreeing_start_date():
    event = valid(
        f"""
        start: 04.03.2024
        {PLACE}
        sessions:
          - start: 04.03.2024 09:00
            end: 04.03.2024 16:00
        """
    )
    assert event.start == berlin(2024, 3, 4, 9)


def test_repeat_expands_with_wall_clock_time_over_dst():
    event = valid(f"start: 25.03.2024 18:00\nend: 25.03.2024 19:30\n{PLACE}\nrepeat: FREQ=WEEKLY;COUNT=3")
    assert event.repeat == "FREQ=WEEKLY;COUNT=3"
    assert tuple(Session(m.start, m.end) for m in event.occurrences) == tuple(
        Session(berlin(2024, 3, day, 18) if day > 20 else berlin(2024, 4, day, 18),
                berlin(2024, 3, day, 19, 30) if day > 20 else berlin(2024, 4, day, 19, 30))
        for day in (25, 1, 8)
    )
    # The same wall-clock time, one hour less between the first two in UTC.
    first, second = event.occurrences[:2]
    assert second.start.astimezone(dt.UTC) - first.start.astimezone(dt.UTC) == dt.timedelta(days=7, hours=-1)


def test_repeat_all_day_with_until_date():
    event = valid(f"start: 04.03.2024\nend: 05.03.2024\n{PLACE}\nrepeat: freq=monthly;until=20240604")
    assert [meeting.start for meeting in event.occurrences] == [dt.date(2024, month, 4) for month in (3, 4, 5, 6)]
    assert event.occurrences[0].end == dt.date(2024, 3, 5)


def test_default_uid_is_uuid5_of_the_source_path_only():
    first = valid(f"start: 04.03.2024\n{PLACE}", source="kurse/a.md")
    again = valid(f"start: 05.03.2024\n{PLACE}", source="kurse/a.md")
    other = valid(f"start: 04.03.2024\n{PLACE}", source="kurse/b.md")
    assert first.uid == again.uid != other.uid
    assert uuid.UUID(first.uid).version == 5
    assert default_uid("kurse\\a.md") == default_uid("/kurse/a.md") == first.uid
    # Golden value: calendars keep events by UID, so the derivation must never change.
    assert default_uid("kurse/wasserstoff-2024.md") == "6d6e8b55-bb56-58e5-9f0f-a91db3ebc975"


# --- one error per mistake, at the right line and field ---------------------------------


@pytest.mark.parametrize(
    ("block", "field", "line", "expected"),
    [
        ("start: 13.02.206\n" + PLACE, "event.start", FIRST, "drei Stellen"),
        ("start: 30.02.2024\n" + PLACE, "event.start", FIRST, "Februar 2024 hat nur 29 Tage"),
        ("start: 03/04/2024\n" + PLACE, "event.start", FIRST, "Schrägstriche"),
        ("start: 04.03.2024 25:00\n" + PLACE, "event.start", FIRST, "Stunde 25"),
        ("start: 31.03.2024 02:30\n" + PLACE, "event.start", FIRST, "02:30 Uhr gibt es an diesem Tag nicht"),
        ("start: 04.03.2024 10:00\nend: 04.03.2024 09:00\n" + PLACE, "event.end", FIRST + 1, "liegt nicht nach dem Beginn"),
        ("start: 04.03.2024 10:00\nend: 04.03.2024 10:00\n" + PLACE, "event.end", FIRST + 1, "liegt nicht nach dem Beginn"),
        ("start: 08.03.2024\nend: 04.03.2024\n" + PLACE, "event.end", FIRST + 1, "liegt vor dem ersten Tag"),
        ("start: 04.03.2024\nend: 04.03.2024 16:00\n" + PLACE, "event.end", FIRST + 1, "passen nicht zusammen"),
        ("start: 04.03.2024 09:00\nend: 05.03.2024\n" + PLACE, "event.end", FIRST + 1, "passen nicht zusammen"),
        ("start: 01.01.2024\nend: 01.01.2025\n" + PLACE, "event.end", FIRST + 1, "mehr als 366 Tage"),
        ("start: 01.01.2024 09:00\nend: 02.01.2025 09:00\n" + PLACE, "event.end", FIRST + 1, "mehr als 366 Tage"),
        ("strat: 04.03.2024\n" + PLACE, "event.strat", FIRST, "Meinten Sie „start“?"),
        ("start: 04.03.2024", "event", 3, "Es fehlt ein Ort („location“) oder ein Online-Link („online“)"),
        (PLACE, "event.start", 3, "„start“ fehlt"),
        ("start: 04.03.2024\nonline: javascript:alert(1)", "event.online", FIRST + 1, "nur Adressen, die mit „https://“"),
        ("start: 04.03.2024\nonline: JAVASCRIPT://x%0aalert(1)", "event.online", FIRST + 1, "nur Adressen"),
        ("start: 04.03.2024\nonline: ftp://example.org", "event.online", FIRST + 1, "nur Adressen"),
        ("start: 04.03.2024\nonline: www.example.org", "event.online", FIRST + 1, "nur Adressen"),
        ("start: 04.03.2024\nonline: https:///pfad", "event.online", FIRST + 1, "muss der Name der Website folgen"),
        ("start: 04.03.2024\nonline: https://example.org/a b", "event.online", FIRST + 1, "ohne Leerzeichen"),
        ("start: 04.03.2024\n" + PLACE + "\nregistration: {url: 'javascript:alert(1)'}", "event.registration.url", FIRST + 2, "nur Adressen"),
        ("start: 04.03.2024\n" + PLACE + "\nregistration: {deadline: 01.03.2024}", "event.registration.url", FIRST + 2, "„url“ fehlt"),
        ("start: 04.03.2024\n" + PLACE + "\nregistration: https://x.example", "event.registration", FIRST + 2, "Gruppe eingerückter Angaben"),
        ("start: 04.03.2024 09:00\n" + PLACE + "\nregistration:\n  url: https://x.example\n  deadline: 05.03.2024", "event.registration.deadline", FIRST + 4, "liegt nach dem Beginn"),
        ("start: 04.03.2024\n" + PLACE + "\nregistration:\n  url: https://x.example\n  deadline: 05.03.2024 00:00", "event.registration.deadline", FIRST + 4, "liegt nach dem Beginn"),
        ("start: 04.03.2024 09:00\n" + PLACE + "\nregistration:\n  url: https://x.example\n  deadline: 04.03.2024 09:01", "event.registration.deadline", FIRST + 4, "liegt nach dem Beginn"),
        ("start: 04.03.2024\n" + PLACE + "\nregistration:\n  link: https://x.example", "event.registration.link", FIRST + 3, "Meinten Sie „url“?"),
        ("start: 04.03.2024\n" + PLACE + "\ntimezone: Europe/Berln", "event.timezone", FIRST + 2, "Meinten Sie „Europe/Berlin“?"),
        ("start: 04.03.2024\n" + PLACE + "\ntimezone: ../../etc/passwd", "event.timezone", FIRST + 2, "keine bekannte Zeitzone"),
        ("start: 04.03.2024\n" + PLACE + "\nstatus: abgesagt", "event.status", FIRST + 2, "Erlaubt sind: „scheduled“, „cancelled“, „postponed“, „full“"),
        ("start: 04.03.2024\n" + PLACE + "\nstatus: canceled", "event.status", FIRST + 2, "Meinten Sie „cancelled“?"),
        ("start: 04.03.2024\n" + PLACE + "\nuid: 'a b'", "event.uid", FIRST + 2, "keine gültige UID"),
        ("start: 04.03.2024\n" + PLACE + "\nuid: 'x\\u00e4'", "event.uid", FIRST + 2, "keine gültige UID"),
        ("start: 04.03.2024\n" + PLACE + "\nfee: \"10 €\\r\\nBEGIN:VEVENT\"", "event.fee", FIRST + 2, "Zeilenumbruch"),
        ("start: 04.03.2024\n" + PLACE + "\norganizer: \"QLEE\\u0007\"", "event.organizer", FIRST + 2, "Steuerzeichen (U+0007)"),
        ("start: 04.03.2024\n" + PLACE + "\norganizer: \"QLEE\\u2028x\"", "event.organizer", FIRST + 2, "Steuerzeichen (U+2028)"),
        ("start: 04.03.2024\n" + PLACE + "\nfee: [10, 20]", "event.fee", FIRST + 2, "muss aber ein Text sein"),
        ("start: 04.03.2024\nlocation: Lübbenau", "event.location", FIRST + 1, "Gruppe eingerückter Angaben"),
        ("start: 04.03.2024\nlocation: {city: Lübbenau}", "event.location.name", FIRST + 1, "„name“ fehlt"),
        ("start: 04.03.2024\nlocation: {name: LEAG}", "event.location.city", FIRST + 1, "„city“ fehlt"),
        ("start: 04.03.2024\nlocation:\n  name: LEAG\n  stadt: Lübbenau", "event.location.stadt", FIRST + 3, "Meinten Sie „city“?"),
        ("start: 04.03.2024\nlocation:\n  name: LEAG\n  city: Lübbenau\n  plz: '03222'", "event.location.plz", FIRST + 4, "Meinten Sie „postal_code“?"),
        ("start: 04.03.2024\nlocation:\n  name: \"LEAG\\r\\nBEGIN:VEVENT\"\n  city: Lübbenau", "event.location.name", FIRST + 2, "Zeilenumbruch"),
        ("start: 04.03.2024\nlocation:\n  name: \"LEAG\\tx\"\n  city: Lübbenau", "event.location.name", FIRST + 2, "Steuerzeichen (U+0009)"),
        ("start: 04.03.2024\nlocation:\n  name: LEAG\n  city: Lübbenau\n  postal_code: '3222'", "event.location.postal_code", FIRST + 4, "fünf Ziffern"),
        ("start: 04.03.2024\nlocation:\n  name: LEAG\n  city: Lübbenau\n  country: Deutschland", "event.location.country", FIRST + 4, "zwei Buchstaben"),
        ("start: 04.03.2024\nlocation:\n  name: LEAG\n  city: Lübbenau\n  geo: [51,87, 13,96]", "event.location.geo", FIRST + 4, "Dezimalpunkt"),
        ("start: 04.03.2024\nlocation:\n  name: LEAG\n  city: Lübbenau\n  geo: [91.0, 13.96]", "event.location.geo", FIRST + 4, "zwischen -90 und 90"),
        ("start: 04.03.2024\nlocation:\n  name: LEAG\n  city: Lübbenau\n  geo: [51.8, 181]", "event.location.geo", FIRST + 4, "zwischen -180 und 180"),
        ("start: 04.03.2024\nlocation:\n  name: LEAG\n  city: Lübbenau\n  geo: [nan, inf]", "event.location.geo", FIRST + 4, "keine Zahl"),
        ("start: 04.03.2024\n" + PLACE + "\nrepeat: FREQ=WEEKLY", "event.repeat", FIRST + 2, "genau eins von COUNT"),
        ("start: 04.03.2024\n" + PLACE + "\nrepeat: FREQ=WEEKLY;COUNT=3;UNTIL=20240601", "event.repeat", FIRST + 2, "genau eins von COUNT"),
        ("start: 04.03.2024\n" + PLACE + "\nrepeat: FREQ=WEEKLY;CONT=3", "event.repeat", FIRST + 2, "meinten Sie „COUNT“?"),
        ("start: 04.03.2024\n" + PLACE + "\nrepeat: COUNT=3", "event.repeat", FIRST + 2, "FREQ fehlt"),
        ("start: 04.03.2024\n" + PLACE + "\nrepeat: FREQ=WEEKLY;BYDAY=XX;COUNT=3", "event.repeat", FIRST + 2, "„BYDAY“ ist ungültig"),
        ("start: 04.03.2024\n" + PLACE + "\nrepeat: FREQ=DAILY;COUNT=400", "event.repeat", FIRST + 2, "mehr als 366 Termine"),
        ("start: 04.03.2024\n" + PLACE + "\nrepeat: FREQ=DAILY;COUNT=0", "event.repeat", FIRST + 2, "keinen einzigen Termin"),
        ("start: 04.03.2024\n" + PLACE + "\nrepeat: FREQ=WEEKLY;BYDAY=TU;COUNT=3", "event.repeat", FIRST + 2, "selbst kein Termin der Regel"),
        ("start: 04.03.2024\n" + PLACE + "\nrepeat: FREQ=WEEKLY;UNTIL=20240401T000000Z", "event.repeat", FIRST + 2, "ein Datum ohne Uhrzeit, z. B. UNTIL=2024-04-15"),
        ("start: 04.03.2024 09:00\n" + PLACE + "\nrepeat: FREQ=WEEKLY;UNTIL=20240401T000000", "event.repeat", FIRST + 2, "muss in UTC stehen"),
        ("start: 04.03.2024 09:00\n" + PLACE + "\nrepeat: FREQ=HOURLY;COUNT=3", "event.repeat", FIRST + 2, "FREQ=HOURLY (jede Stunde ein Termin) wird nicht unterstützt"),
        ("start: 04.03.2024\n" + PLACE + "\nrepeat: FREQ=WEEKLX;COUNT=3", "event.repeat", FIRST + 2, "Meinten Sie „FREQ=WEEKLY“?"),
        (PLACE + "\nsessions:\n  - start: 04.03.2024\nrepeat: FREQ=WEEKLY;COUNT=3", "event.repeat", FIRST + 3, "schließen einander aus"),
        (PLACE + "\nsessions: []", "event.sessions", FIRST + 1, "Liste von Terminen"),
        (PLACE + "\nsessions: 04.03.2024", "event.sessions", FIRST + 1, "Liste von Terminen"),
        (PLACE + "\nsessions:\n  - 04.03.2024", "event.sessions[0]", FIRST + 2, "Gruppe eingerückter Angaben"),
        (PLACE + "\nsessions:\n  - strat: 04.03.2024", "event.sessions[0].strat", FIRST + 2, "Meinten Sie „start“?"),
        (PLACE + "\nsessions:\n  - end: 04.03.2024", "event.sessions[0].start", FIRST + 2, "„start“ fehlt"),
        (PLACE + "\nsessions:\n  - start: 04.03.2024 10:00\n    end: 04.03.2024 09:00", "event.sessions[0].end", FIRST + 3, "liegt nicht nach dem Beginn"),
        (PLACE + "\nsessions:\n  - start: 11.03.2024\n  - start: 04.03.2024", "event.sessions[1].start", FIRST + 3, "in zeitlicher Reihenfolge"),
        (PLACE + "\nsessions:\n  - start: 04.03.2024\n    end: 06.03.2024\n  - start: 06.03.2024", "event.sessions[1].start", FIRST + 4, "ohne Überschneidung"),
        (PLACE + "\nsessions:\n  - start: 04.03.2024 09:00\n    end: 04.03.2024 12:00\n  - start: 04.03.2024 11:00\n    end: 04.03.2024 13:00", "event.sessions[1].start", FIRST + 4, "ohne Überschneidung"),
        (PLACE + "\nsessions:\n  - start: 04.03.2024\n  - start: 11.03.2024 09:00", "event.sessions[1].start", FIRST + 3, "entweder ganztägig"),
        ("start: 05.03.2024\n" + PLACE + "\nsessions:\n  - start: 04.03.2024 09:00\n    end: 04.03.2024 16:00", "event.start", FIRST, "stimmt nicht mit dem Beginn des ersten Termins"),
        ("end: 05.03.2024\n" + PLACE + "\nsessions:\n  - start: 04.03.2024 09:00\n    end: 04.03.2024 16:00", "event.end", FIRST, "stimmt nicht mit dem Ende des letzten Termins"),
        ("beginn: 04.03.2024\n" + PLACE, "event.beginn", FIRST, "Meinten Sie „start“?"),
        ("start: ''\n" + PLACE, "event.start", FIRST, "leer"),
        ("start: [04.03.2024]\n" + PLACE, "event.start", FIRST, "muss aber ein Text sein"),
    ],
)
def test_each_mistake_is_one_located_error(block, field, line, expected):
    error = only_error(block)
    assert error.field == field
    assert error.line == line
    assert expected in error.message


def test_event_must_be_a_block():
    matter = frontmatter.split("---\ntitle: Kurs\nevent: 04.03.2024\n---\n")
    event, errors = parse_event(matter, source="kurse/x.md", settings=SETTINGS)
    assert event is None and [(e.field, e.line) for e in errors] == [("event", 3)]


def test_all_problems_are_reported_not_the_first_only():
    event, errors = parse(
        """
        strat: 04.03.2024
        end: 30.02.2024
        timezone: Mars/Olympus
        status: vielleicht
        online: javascript:alert(1)
        registration:
          url: javascript:alert(2)
          deadlin: 01.03.2024
        fee: "a\\nb"
        """
    )
    assert event is None
    assert [(e.field, e.line) for e in errors] == [
        ("event.strat", 4),
        ("event.timezone", 6),
        ("event.end", 5),
        ("event.status", 7),
        ("event.online", 8),
        ("event.registration.deadlin", 11),
        ("event.registration.url", 10),
        ("event.fee", 12),
    ]


def test_every_error_carries_the_value_and_an_example():
    _event, errors = parse("start: 13.02.206\nend: 31.03.2024 02:30\nonline: javascript:alert(1)")
    assert [e.value for e in errors] == ["13.02.206", "31.03.2024 02:30", "javascript:alert(1)"]
    assert all("Beispiel" in e.message for e in errors)


def test_printed_lines():
    _, errors = parse(f"strat: 04.03.2024\n{PLACE}")
    (strat,) = errors
    assert str(strat.at(path="content/kurse/x.md")) == (
        'content/kurse/x.md:4: event.strat: "strat" ist keine bekannte Angabe. Meinten Sie „start“? '
        "Erlaubt sind: start, end, timezone, status, uid, location, online, registration, fee, "
        "organizer, sessions, repeat, except."
    )
    gap = only_error(f"start: 31.03.2024 02:30\n{PLACE}")
    assert str(gap.at(path="content/kurse/x.md")).startswith(
        'content/kurse/x.md:4: event.start: "31.03.2024 02:30" ist keine gültige Zeit: am 31.03.2024 '
        "springt die Uhr in der Zeitzone Europe/Berlin von 02:00 auf 03:00"
    )


def test_bad_timezone_still_checks_dates_in_the_site_zone():
    _, errors = parse(f"start: 31.03.2024 02:30\ntimezone: Europe/Berln\n{PLACE}")
    assert [e.field for e in errors] == ["event.timezone", "event.start"]


def test_dst_gap_depends_on_the_event_zone():
    # 02:30 on 31.03.2024 exists in New York (DST began there on 10 March).
    event = valid(f"start: 31.03.2024 02:30\ntimezone: America/New_York\n{PLACE}")
    assert event.start.utcoffset() == dt.timedelta(hours=-4)


def test_year_range_comes_from_settings():
    settings = {**SETTINGS, "QLEE_YEAR_RANGE": (2020, 2030)}
    _, errors = parse(f"start: 04.03.2031\n{PLACE}", settings=settings)
    assert [e.field for e in errors] == ["event.start"]


@pytest.mark.parametrize("url", ["https://example.org", "http://example.org/a?b=c&d=e#f", "HTTPS://EXAMPLE.ORG/"])
def test_http_urls_accepted(url):
    assert valid(f"start: 04.03.2024\nonline: '{url}'").online == url


@pytest.mark.parametrize("deadline", ["04.03.2024", "04.03.2024 12:00", "03.03.2024 23:59"])
def test_deadline_on_the_day_of_an_all_day_start(deadline):
    # An all-day event has no start time: a deadline on its first day is accepted.
    event = valid(f"start: 04.03.2024\n{PLACE}\nregistration:\n  url: https://x.example\n  deadline: {deadline}")
    assert event.registration is not None and event.registration.deadline is not None


# --- whatever editors write: an Event or our errors, never a crash -----------------------

_KEYS = st.sampled_from(["start", "end", "timezone", "status", "uid", "location", "online", "registration",
                         "fee", "organizer", "sessions", "repeat", "name", "city", "geo", "url", "deadline", "x"])
_SCALARS = st.one_of(
    st.sampled_from(["04.03.2024", "04.03.2024 09:00", "2024-03-04T09:00+01:00", "31.03.2024 02:30",
                     "Europe/Berlin", "full", "https://x.example", "FREQ=DAILY;COUNT=2", "[51.8, 13.9]", ""]),
    st.text(max_size=30),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=8))
def test_any_block_gives_an_event_or_validation_errors(block):
    matter = frontmatter.FrontMatter(data={"title": "T", "event": block}, lines={}, body="", body_line=3)
    event, errors = parse_event(matter, source="kurse/x.md", settings=SETTINGS)
    assert (event is None) == bool(errors)
    assert all(isinstance(error, ValidationError) and error.field.startswith("event") for error in errors)
