"""``repeat:``: which rules are accepted, how UNTIL is read, and what each mistake is told."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from qlee.errors import ValidationError
from qlee.events.model import Event
from qlee.events.recurrence import parse_repeat

BERLIN = ZoneInfo("Europe/Berlin")
# A Monday before the end of summer time (27.10.2024).
EVENING = dt.datetime(2024, 10, 14, 18, 0, tzinfo=BERLIN)
DAY = dt.date(2024, 3, 4)


def refused(rule: str, start=EVENING) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_repeat(rule, start=start)
    assert caught.value.value == rule
    return caught.value.message


def event(start, rule: str) -> Event:
    end = start + dt.timedelta(hours=1, minutes=30) if isinstance(start, dt.datetime) else start
    return Event(start=start, end=end, timezone=BERLIN, uid="x", organizer="QLEE", repeat=rule)


@pytest.mark.parametrize("until", ["2024-11-04", "04.11.2024", "4.11.2024", "20241104", " 2024-11-04 "])
def test_until_as_editors_write_it_is_the_last_day_in_the_event_zone(until):
    # The last day, 4 November, is in winter time: its end is 22:59:59 UTC.
    rule = parse_repeat(f"FREQ=WEEKLY;UNTIL={until.strip()}", start=EVENING)
    assert rule == "FREQ=WEEKLY;UNTIL=20241104T225959Z"
    starts = [meeting.start for meeting in event(EVENING, rule).occurrences]
    # Every Monday up to and including the last day, at 18:00 wall-clock time.
    assert [(s.day, s.hour) for s in starts] == [(14, 18), (21, 18), (28, 18), (4, 18)]


def test_until_in_summer_time_and_in_another_zone():
    assert parse_repeat("FREQ=DAILY;UNTIL=2024-07-05", start=dt.datetime(2024, 7, 1, 9, tzinfo=BERLIN)) == (
        "FREQ=DAILY;UNTIL=20240705T215959Z"
    )
    new_york = dt.datetime(2024, 7, 1, 9, tzinfo=ZoneInfo("America/New_York"))
    assert parse_repeat("FREQ=DAILY;UNTIL=2024-07-05", start=new_york) == "FREQ=DAILY;UNTIL=20240706T035959Z"


@pytest.mark.parametrize("until", ["2024-06-04", "04.06.2024", "20240604"])
def test_until_of_an_all_day_event_stays_a_date(until):
    rule = parse_repeat(f"freq=monthly;until={until}", start=DAY)
    assert rule == "FREQ=MONTHLY;UNTIL=20240604"
    assert [m.start for m in event(DAY, rule).occurrences] == [dt.date(2024, month, 4) for month in (3, 4, 5, 6)]


def test_rfc_forms_are_kept():
    assert parse_repeat("RRULE:FREQ=WEEKLY;UNTIL=20241104T225959Z", start=EVENING) == "FREQ=WEEKLY;UNTIL=20241104T225959Z"
    assert parse_repeat("FREQ=WEEKLY;COUNT=6", start=EVENING) == "FREQ=WEEKLY;COUNT=6"
    assert parse_repeat("FREQ=WEEKLY; INTERVAL=2; COUNT=3", start=EVENING) == "FREQ=WEEKLY;INTERVAL=2;COUNT=3"


@pytest.mark.parametrize("rule", ["FREQ=DAILY;COUNT=3", "FREQ=WEEKLY;COUNT=3", "FREQ=MONTHLY;COUNT=3", "FREQ=YEARLY;COUNT=3"])
def test_the_four_frequencies(rule):
    assert parse_repeat(rule, start=EVENING) == rule


def test_the_stored_rule_is_what_dateutil_and_rfc_5545_read():
    rule = parse_repeat("FREQ=WEEKLY;UNTIL=2024-11-04", start=EVENING)
    # dateutil refuses a floating UNTIL with a zoned DTSTART; the converted one it takes.
    assert len(list(rrulestr(rule, dtstart=EVENING))) == 4
    with pytest.raises(ValueError):
        list(rrulestr("FREQ=WEEKLY;UNTIL=20241104", dtstart=EVENING))


@pytest.mark.parametrize(
    ("rule", "start", "fragments"),
    [
        ("FREQ=HOURLY;COUNT=3", EVENING, ["FREQ=HOURLY (jede Stunde ein Termin) wird nicht unterstützt",
                                          "Erlaubt sind DAILY (täglich), WEEKLY (wöchentlich), MONTHLY (monatlich), YEARLY (jährlich)"]),
        ("FREQ=MINUTELY;COUNT=3", EVENING, ["FREQ=MINUTELY (jede Minute ein Termin)"]),
        ("FREQ=SECONDLY;UNTIL=2024-11-04", EVENING, ["FREQ=SECONDLY (jede Sekunde ein Termin)"]),
        # An unknown FREQ is told about FREQ, also when COUNT and UNTIL are missing as well.
        ("FREQ=WEEKLX", EVENING, ["„FREQ=WEEKLX“ gibt es nicht", "Meinten Sie „FREQ=WEEKLY“?"]),
        ("FREQ=FORTNIGHTLY;COUNT=2", EVENING, ["„FREQ=FORTNIGHTLY“ gibt es nicht", "erlaubt sind DAILY"]),
        ("FREQ=;COUNT=2", EVENING, ["hat nicht die Form NAME=WERT"]),
        ("COUNT=3", EVENING, ["FREQ fehlt; erlaubt sind DAILY"]),
        ("FREQ=WEEKLY", EVENING, ["genau eins von COUNT"]),
        # UNTIL
        ("FREQ=WEEKLY;UNTIL=2024-02-30", EVENING, ["UNTIL=2024-02-30 ist kein gültiges Datum", "Beispiel: FREQ=WEEKLY;UNTIL=2024-04-15"]),
        ("FREQ=WEEKLY;UNTIL=20241304", EVENING, ["UNTIL=20241304 ist kein gültiges Datum"]),
        ("FREQ=WEEKLY;UNTIL=04.11.24", EVENING, ["UNTIL=04.11.24 ist kein gültiges Datum"]),
        ("FREQ=WEEKLY;UNTIL=2024-11-04 18:00", EVENING, ["kein gültiges Datum", "den letzten Tag"]),
        ("FREQ=WEEKLY;UNTIL=01.01.2200", EVENING, ["UNTIL=01.01.2200 ist kein gültiges Datum"]),
        ("FREQ=WEEKLY;UNTIL=20241104T180000", EVENING, ["muss in UTC stehen"]),
        ("FREQ=WEEKLY;UNTIL=20240401T000000Z", DAY, ["bei einer ganztägigen Veranstaltung ein Datum ohne Uhrzeit"]),
        ("FREQ=WEEKLY;UNTIL=2024-10-13", EVENING, ["UNTIL (der letzte Tag) liegt vor dem Beginn (14.10.2024 18:00)"]),
        ("FREQ=WEEKLY;UNTIL=2024-03-03", DAY, ["liegt vor dem Beginn (04.03.2024)"]),
    ],
)
def test_refused_with_what_is_wrong(rule, start, fragments):
    message = refused(rule, start)
    for fragment in fragments:
        assert fragment in message
    assert "Beispiel: FREQ=WEEKLY;" in message
    if "FREQ" in fragments[0]:
        assert "COUNT (Anzahl" not in message


@pytest.mark.parametrize(
    ("rule", "start", "fragment"),
    [
        # The 80th date would be past the year 9999: dateutil raised OverflowError.
        ("FREQ=YEARLY;INTERVAL=100;COUNT=80", dt.date(2099, 12, 31), "der 2. Termin läge im Jahr 2199, nach 2100"),
        # 366 dates up to the year 9330 wrote 87,715 month pages.
        ("FREQ=YEARLY;INTERVAL=20;COUNT=366", dt.date(2024, 1, 1), "der 5. Termin läge im Jahr 2104"),
        ("FREQ=DAILY;COUNT=367", dt.date(2024, 1, 1), "mehr als 366 Termine"),
    ],
)
def test_every_date_of_a_rule_lies_inside_the_years_allowed(rule, start, fragment):
    assert fragment in refused(rule, start)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3",
        "FREQ=DAILY;BYWEEKNO=1;BYMONTH=6;COUNT=3",
        "FREQ=WEEKLY;BYDAY=MO;BYMONTHDAY=31;BYMONTH=4;UNTIL=2025-01-01",
    ],
)
def test_a_rule_that_matches_no_day_is_refused_quickly(rule):
    started = time.perf_counter()
    assert "keinen einzigen Termin" in refused(rule, dt.date(2024, 1, 1))
    assert time.perf_counter() - started < 0.5  # it took 2.6 s searching up to the year 9999


def test_a_rare_but_possible_rule_is_kept():
    assert parse_repeat("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3", start=dt.date(2024, 2, 29)) == (
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3"
    )
