"""The date parser: what editors may write, and what each mistake is told."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qlee.content.dates import check_year_range, describe_year_range, format_when, parse_when
from qlee.errors import ValidationError

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = dt.date(2025, 1, 1)


def berlin(*args: int, fold: int = 0) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN, fold=fold)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-04", dt.date(2024, 3, 4)),
        ("04.03.2024", dt.date(2024, 3, 4)),
        ("4.3.2024", dt.date(2024, 3, 4)),
        ("  04.03.2024  ", dt.date(2024, 3, 4)),
        ("29.02.2024", dt.date(2024, 2, 29)),
        ("04.03.2024 09:30", berlin(2024, 3, 4, 9, 30)),
        ("04.03.2024T09:30", berlin(2024, 3, 4, 9, 30)),
        ("2024-03-04T09:30", berlin(2024, 3, 4, 9, 30)),
        ("2024-03-04 09:30", berlin(2024, 3, 4, 9, 30)),
        ("2024-03-04T09:30:15", berlin(2024, 3, 4, 9, 30, 15)),
        ("4.3.2024 9:30 Uhr", berlin(2024, 3, 4, 9, 30)),
        ("04.03.2024 09:30:00 Uhr", berlin(2024, 3, 4, 9, 30)),
        ("04.03.2024 00:00", berlin(2024, 3, 4, 0, 0)),
        ("04.03.2024 23:59", berlin(2024, 3, 4, 23, 59)),
        ("2024-07-01T09:30", berlin(2024, 7, 1, 9, 30)),
        # An offset that is the zone's own at that wall time.
        ("2024-03-04T09:30+01:00", berlin(2024, 3, 4, 9, 30)),
        ("2024-03-04T09:30+0100", berlin(2024, 3, 4, 9, 30)),
        ("2024-07-01T09:30+02:00", berlin(2024, 7, 1, 9, 30)),
        ("04.07.2025 10:30+02:00", berlin(2025, 7, 4, 10, 30)),
        # The repeated hour at the end of summer time, made unique by the offset.
        ("2024-10-27T02:30+02:00", berlin(2024, 10, 27, 2, 30, fold=0)),
        ("2024-10-27T02:30+01:00", berlin(2024, 10, 27, 2, 30, fold=1)),
        ("27.10.2024 02:30+01:00", berlin(2024, 10, 27, 2, 30, fold=1)),
        ("01.01.1990", dt.date(1990, 1, 1)),
        ("31.12.2100", dt.date(2100, 12, 31)),
    ],
)
def test_accepted_forms(text, expected):
    result = parse_when(text, tz=BERLIN)
    assert result == expected
    assert type(result) is type(expected)
    if isinstance(expected, dt.datetime):
        assert result.tzinfo is BERLIN
        assert result.fold == expected.fold
        assert result.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("text", "zone", "offset"),
    [
        ("2024-03-04T08:30Z", "UTC", "+00:00"),
        ("2024-03-04T08:30+00:00", "Europe/London", "+00:00"),
        ("2024-07-04T08:30+01:00", "Europe/London", "+01:00"),
        ("2024-03-31T02:30-04:00", "America/New_York", "-04:00"),
        ("2024-07-04T10:30+05:30", "Asia/Kolkata", "+05:30"),
    ],
)
def test_offset_is_checked_against_the_given_zone(text, zone, offset):
    result = parse_when(text, tz=ZoneInfo(zone))
    assert result.tzinfo == ZoneInfo(zone)
    assert result.isoformat().endswith(offset)
    assert result.strftime("%H:%M") == text[11:16]  # the wall time as written, never shifted


def test_offsets_distinguish_the_repeated_hour():
    first = parse_when("2024-10-27T02:30+02:00", tz=BERLIN)
    second = parse_when("2024-10-27T02:30+01:00", tz=BERLIN)
    assert second - first == dt.timedelta(0)  # same wall time, naive arithmetic in one zone
    assert second.timestamp() - first.timestamp() == 3600


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("13.02.206", ["„206“ hat nur drei Stellen", "Gemeint ist wohl 2026?", "Beispiel: 13.02.2026"]),
        ("206-02-13", ["„206“ hat nur drei Stellen", "Beispiel: 2026-02-13"]),
        ("04.03.24", ["„24“ hat nur zwei Stellen", "Gemeint ist wohl 2024?", "Beispiel: 04.03.2024"]),
        ("04.03.20244", ["„20244“ hat fünf Stellen", "Gemeint ist wohl 2024?"]),
        ("30.02.2024", ["Februar 2024 hat nur 29 Tage", "Beispiel: 29.02.2024"]),
        ("2023-02-29", ["Februar 2023 hat nur 28 Tage", "Beispiel: 2023-02-28"]),
        ("31.04.2024", ["April 2024 hat nur 30 Tage"]),
        ("00.03.2024", ["Tag 0 gibt es nicht"]),
        ("04.13.2024", ["Monat 13 gibt es nicht"]),
        ("2024-00-10", ["Monat 0 gibt es nicht"]),
        ("03/04/2024", ["mehrdeutig", "03.04.2024 (3. April)", "04.03.2024 (4. März)"]),
        ("13/04/2024", ["mehrdeutig", "13.04.2024 (13. April)"]),
        ("2024/03/04", ["Schrägstriche", "Beispiel: 2024-03-04"]),
        ("04.03.2024 25:00", ["Stunde 25 gibt es nicht", "Beispiel: 04.03.2024 09:30"]),
        ("04.03.2024 24:00", ["24:00 gibt es nicht", "Beispiel: 05.03.2024 00:00"]),
        ("31.12.2024 24:00", ["Beispiel: 01.01.2025 00:00"]),
        ("04.03.2024 09:60", ["Minute 60 gibt es nicht"]),
        ("04.03.2024 09:30:61", ["Sekunde 61 gibt es nicht"]),
        ("4 March 2024", ["Monatsnamen", "Beispiel: 04.03.2024"]),
        ("4. März 2024", ["Monatsnamen", "Beispiel: 04.03.2024"]),
        ("March 4, 2024", ["Monatsnamen", "Beispiel: 04.03.2024"]),
        ("01.01.1899", ["Jahr 1899", "1990 bis 2100"]),
        ("01.01.2101", ["Jahr 2101", "1990 bis 2100"]),
        ("10:30", ["das Datum fehlt", "Beispiel: 04.03.2024 10:30"]),
        ("04.03.", ["Jahreszahl fehlt"]),
        ("2024-3-4", ["je zwei Ziffern", "Beispiel: 2024-03-04"]),
        ("04.03.2024 9 Uhr", ["Minuten fehlen", "Beispiel: 04.03.2024 09:00 Uhr"]),
        ("04.03.2024 9.30", ["Doppelpunkt", "Beispiel: 04.03.2024 09:30"]),
        ("04.03.2024 morgens", ["Uhrzeit wie „09:30“"]),
        ("2024-03-04T09:30+15:00", ["Zeitversatz", "„+15:00“"]),
        # A written offset must be the zone's own at that wall time, never a silent shift.
        (
            "2025-07-04T10:30+01:00",
            ["falschen Zeitversatz „+01:00“", "gilt am 04.07.2025 um 10:30 Uhr der Zeitversatz +02:00",
             "Beispiel: 2025-07-04T10:30+02:00 oder ohne Zeitversatz 04.07.2025 10:30"],
        ),
        ("2024-03-04T08:30Z", ["falschen Zeitversatz „Z“ (UTC)", "Zeitversatz +01:00", "Beispiel: 2024-03-04T08:30+01:00"]),
        ("2024-01-10T09:30+02:00", ["Zeitversatz +01:00", "Beispiel: 2024-01-10T09:30+01:00"]),
        ("04.03.2024 09:30:15-0100", ["„-0100“", "um 09:30:15 Uhr", "Beispiel: 2024-03-04T09:30:15+01:00"]),
        (
            "2024-10-27T02:30+03:00",
            ["zweimal", "+02:00 (das erste Mal) und +01:00 (das zweite Mal)",
             "Beispiel: 2024-10-27T02:30+02:00 oder 2024-10-27T02:30+01:00"],
        ),
        # A time that does not exist does not exist with an offset either.
        ("2024-03-31T02:30+01:00", ["von 02:00 auf 03:00", "02:30 Uhr gibt es", "Beispiel: 31.03.2024 03:30"]),
        ("2024-03-31T02:30+02:00", ["von 02:00 auf 03:00"]),
        ("nächsten Montag", ["Schreibweisen wie 04.03.2024"]),
        ("", ["leer"]),
        # Summer time starts: 02:00 jumps to 03:00, 02:30 does not exist.
        ("31.03.2024 02:30", ["von 02:00 auf 03:00", "02:30 Uhr gibt es", "Beispiel: 31.03.2024 03:30"]),
        # Summer time ends: 02:30 happens twice and needs an offset.
        (
            "27.10.2024 02:30",
            ["zweimal", "2024-10-27T02:30+02:00 für das erste Mal", "2024-10-27T02:30+01:00 für das zweite Mal"],
        ),
    ],
)
def test_refused_forms_say_what_is_wrong(text, fragments):
    with pytest.raises(ValidationError) as caught:
        parse_when(text, tz=BERLIN, today=TODAY)
    error = caught.value
    assert error.value == text
    if text:
        assert error.message.startswith(f'"{text}" ')
    for fragment in fragments:
        assert fragment in error.message
    assert "\n" not in error.message


def test_three_digit_year_without_build_date_guesses_nothing():
    with pytest.raises(ValidationError) as caught:
        parse_when("13.02.206", tz=BERLIN)
    assert "„206“ hat nur drei Stellen" in caught.value.message
    assert "2026" not in caught.value.message


def test_three_digit_year_far_from_build_date_guesses_nothing():
    # In 2060, "206" could be 2060..2069 or 2056: no single likely year.
    with pytest.raises(ValidationError) as caught:
        parse_when("13.02.206", tz=BERLIN, today=dt.date(2063, 1, 1))
    assert "Gemeint" not in caught.value.message


def test_year_range_is_configurable():
    assert parse_when("01.01.1950", tz=BERLIN, year_range=(1900, 2000)) == dt.date(1950, 1, 1)
    with pytest.raises(ValidationError, match="1900 bis 2000"):
        parse_when("01.01.2024", tz=BERLIN, year_range=(1900, 2000))


def test_year_range_helpers():
    assert describe_year_range((1990, 2100)) == "1990 bis 2100"
    check_year_range("2024", 2024, (1990, 2100))
    with pytest.raises(ValidationError, match="Jahr 3000"):
        check_year_range("3000", 3000, (1990, 2100))


def test_other_time_zones_have_their_own_gaps():
    new_york = ZoneInfo("America/New_York")
    with pytest.raises(ValidationError, match="America/New_York"):
        parse_when("10.03.2024 02:30", tz=new_york)
    assert parse_when("31.03.2024 02:30", tz=new_york) == dt.datetime(2024, 3, 31, 2, 30, tzinfo=new_york)


@given(st.text())
def test_any_text_parses_or_is_refused(text):
    try:
        result = parse_when(text, tz=BERLIN, today=TODAY)
    except ValidationError as error:
        assert error.message
        assert "\n" not in error.message
    else:
        assert isinstance(result, dt.date)


_parts = st.one_of(
    st.sampled_from(["-", ".", ":", " ", "T", "Z", "+", "/", "Uhr", " Uhr", "+01:00", "24", "00"]),
    st.integers(0, 99999).map(str),
    st.integers(0, 9).map(lambda n: f"0{n}"),
)


@given(st.lists(_parts, max_size=12).map("".join))
def test_date_like_text_parses_or_is_refused(text):
    try:
        result = parse_when(text, tz=BERLIN, today=TODAY)
    except ValidationError as error:
        assert error.message
    else:
        assert 1990 <= result.year <= 2101  # an offset may carry 31.12.2100 into 2101


@given(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)), st.booleans())
def test_dates_round_trip(day, iso):
    assert parse_when(format_when(day, iso=iso), tz=BERLIN) == day
    assert parse_when(f"{day.day}.{day.month}.{day.year}", tz=BERLIN) == day


@given(st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2100, 12, 31, 23, 59)), st.booleans())
def test_wall_times_round_trip_or_are_refused_at_dst_changes(naive, iso):
    naive = naive.replace(second=0, microsecond=0)
    text = format_when(naive, iso=iso)
    try:
        result = parse_when(text, tz=BERLIN)
    except ValidationError as error:
        # Only wall times that do not exist or exist twice are refused.
        assert "Zeitumstellung" in error.message
        shifted = naive.replace(tzinfo=BERLIN).astimezone(dt.UTC).astimezone(BERLIN)
        repeated = naive.replace(tzinfo=BERLIN, fold=1).utcoffset() != naive.replace(tzinfo=BERLIN).utcoffset()
        assert shifted.replace(tzinfo=None) != naive or repeated
    else:
        assert result.replace(tzinfo=None) == naive


@given(
    st.datetimes(dt.datetime(1990, 1, 2), dt.datetime(2100, 12, 30), timezones=st.just(dt.UTC)),
    st.integers(-12 * 60, 14 * 60),
)
def test_instants_with_offset_round_trip(instant, minutes):
    """Any instant written as Berlin wall time with Berlin's offset comes back; any other offset is refused."""
    local = instant.replace(second=0, microsecond=0).astimezone(BERLIN)
    own = local.strftime("%z")
    written = local.strftime("%Y-%m-%dT%H:%M") + own[:3] + ":" + own[3:]
    result = parse_when(written, tz=BERLIN)
    assert result.timestamp() == local.timestamp() and result.tzinfo is BERLIN
    other = dt.timedelta(minutes=minutes)
    if other in (local.replace(fold=0).utcoffset(), local.replace(fold=1).utcoffset()):
        return
    sign, value = ("-" if minutes < 0 else "+"), abs(minutes)
    wrong = local.strftime("%Y-%m-%dT%H:%M") + f"{sign}{value // 60:02d}:{value % 60:02d}"
    with pytest.raises(ValidationError) as caught:
        parse_when(wrong, tz=BERLIN)
    assert f"Beispiel: {written}" in caught.value.message or "zweimal" in caught.value.message
