"""German date filters: Babel's CLDR data, independent of the machine's locale."""

from __future__ import annotations

import datetime as dt
import locale
from zoneinfo import ZoneInfo

import pytest

from qlee.output import german
from qlee.output.iso import iso_minutes

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
HEARING = dt.datetime(2026, 2, 13, 9, 30, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 2, 13), "13.02.2026"),
        (HEARING, "13.02.2026"),
        (dt.date(2024, 3, 4), "04.03.2024"),
        (dt.date(1999, 12, 31), "31.12.1999"),
        # Late evening in New York is already the next day in Berlin: no conversion.
        (dt.datetime(2024, 3, 4, 23, 0, tzinfo=NEW_YORK), "04.03.2024"),
    ],
)
def test_datum(value, expected):
    assert german.datum(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 2, 13), "Freitag, 13. Februar 2026"),
        (HEARING, "Freitag, 13. Februar 2026"),
        (dt.date(2024, 3, 4), "Montag, 4. März 2024"),
        (dt.date(2024, 1, 10), "Mittwoch, 10. Januar 2024"),
        (dt.date(2026, 8, 14), "Freitag, 14. August 2026"),
        (dt.date(2024, 6, 30), "Sonntag, 30. Juni 2024"),
    ],
)
def test_datum_lang(value, expected):
    assert german.datum_lang(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 2, 13), "13. Februar 2026"),
        (dt.date(2024, 3, 4), "4. März 2024"),
    ],
)
def test_datum_ohne_wochentag(value, expected):
    assert german.datum_ohne_wochentag(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 3, 4), "März 2024"),
        (dt.date(2024, 12, 1), "Dezember 2024"),
        (HEARING, "Februar 2026"),
    ],
)
def test_datum_monat(value, expected):
    assert german.datum_monat(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HEARING, "09:30"),
        (dt.datetime(2024, 3, 4, 16, 0, tzinfo=BERLIN), "16:00"),
        (dt.datetime(2024, 3, 4, 0, 5, tzinfo=BERLIN), "00:05"),
        # Shown in the value's own zone, never shifted to UTC or the machine's zone.
        (dt.datetime(2024, 7, 1, 23, 45, tzinfo=NEW_YORK), "23:45"),
        (dt.time(9, 30), "09:30"),
        (dt.time(18, 15, tzinfo=dt.UTC), "18:15"),
    ],
)
def test_uhrzeit(value, expected):
    assert german.uhrzeit(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 3, 4), "2024-03-04"),
        (HEARING, "2026-02-13T09:30+01:00"),
        (dt.datetime(2024, 7, 1, 9, 30, tzinfo=BERLIN), "2024-07-01T09:30+02:00"),
        (dt.datetime(2024, 7, 1, 9, 30, 15, tzinfo=BERLIN), "2024-07-01T09:30:15+02:00"),
        (dt.datetime(2024, 1, 10, tzinfo=BERLIN), "2024-01-10T00:00+01:00"),
    ],
)
def test_iso(value, expected):
    assert iso_minutes(value) == expected


def test_independent_of_process_locale(monkeypatch):
    """An English (or C) locale on the build machine changes nothing."""
    for name in ("C", "en_US.UTF-8", "C.UTF-8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        try:
            assert german.datum_lang(dt.date(2024, 3, 4)) == "Montag, 4. März 2024"
        finally:
            locale.setlocale(locale.LC_TIME, "")


def test_filters_registered_by_name():
    assert set(german.FILTERS) >= {"datum", "datum_lang", "datum_monat", "uhrzeit", "iso"}
    assert german.FILTERS["datum_lang"](dt.date(2026, 2, 13)) == "Freitag, 13. Februar 2026"


def test_monat_kurz_for_date_badges():
    months = [german.monat_kurz(dt.date(2025, month, 1)) for month in range(1, 13)]
    assert months == ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]
    assert german.monat_kurz(dt.datetime(2025, 12, 3, 18, 0)) == "Dez"
