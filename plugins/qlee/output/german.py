"""German date formatting for templates, with Babel (never the machine's locale).

``locale.setlocale`` changes the whole process and depends on which locales the
build machine happens to have; Babel ships the CLDR data, so a build gives the
same German dates everywhere. All functions are pure and take ``date`` or
``datetime`` values. Times are shown as the value's own wall-clock time: the
caller decides the time zone (site or event), nothing is converted here.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from babel.dates import format_date, format_time

from .iso import iso_minutes
from ..events.model import calendar_day

LOCALE = "de_DE"


# A site shows the same days again and again (every list repeats its items'
# dates), and Babel formats in Python: ~40 µs a call, a tenth of that cached.
@functools.lru_cache(maxsize=8192)
def format_day(day: dt.date, pattern: str) -> str:
    """``day`` (a plain date) in a CLDR ``pattern``, in German."""
    return format_date(day, pattern, locale=LOCALE)


def datum(value: dt.date) -> str:
    """Numeric German date: ``13.02.2026``."""
    return format_day(calendar_day(value), "dd.MM.yyyy")


def datum_lang(value: dt.date) -> str:
    """Date with weekday and month name: ``Freitag, 13. Februar 2026``."""
    return format_day(calendar_day(value), "EEEE, d. MMMM y")


def datum_ohne_wochentag(value: dt.date) -> str:
    """Date with month name, no weekday: ``13. Februar 2026``."""
    return format_day(calendar_day(value), "d. MMMM y")


def datum_monat(value: dt.date) -> str:
    """Month and year, as a heading over a month's entries: ``März 2024``."""
    # "LLLL" is the stand-alone month name, the form CLDR uses without a day.
    return format_day(calendar_day(value), "LLLL y")


def monat_kurz(value: dt.date) -> str:
    """Abbreviated stand-alone month, for a date badge: ``Dez``."""
    # CLDR abbreviates with a dot ("Dez."); a badge prints the letters alone.
    return format_day(calendar_day(value), "LLL").rstrip(".")


def uhrzeit(value: dt.datetime | dt.time) -> str:
    """Wall-clock time in 24-hour form: ``09:30``."""
    # The wall time is what we show; Babel would convert an aware value.
    return _clock(value.hour, value.minute)


@functools.lru_cache(maxsize=2048)
def _clock(hour: int, minute: int) -> str:
    return format_time(dt.time(hour, minute), "HH:mm", locale=LOCALE)


FILTERS: dict[str, Callable[..., str]] = {
    "datum": datum,
    "datum_lang": datum_lang,
    "datum_ohne_wochentag": datum_ohne_wochentag,
    "datum_monat": datum_monat,
    "monat_kurz": monat_kurz,
    "uhrzeit": uhrzeit,
    "iso": iso_minutes,
}
