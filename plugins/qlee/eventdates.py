"""German texts for when an event takes place, with Babel (never the machine's locale).

Template filters for event lists and info boxes; they take a
:class:`model.Session` (one meeting, or an event's whole span) and show
wall-clock times in the event's own zone (the validator stores them there)::

    termin_tage     "Mo., 4. März 2024" | "4.–8. März 2024" | "28. Februar – 3. März 2024"
    termin_uhrzeit  "09:30–16:00 Uhr" | "09:30 Uhr" | "" (all-day)
    termin          both together, for one line: "Mo., 4. März 2024, 09:30–16:00 Uhr"
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from babel.dates import format_date

from .german import LOCALE, uhrzeit
from .model import Session, When


def termin_tage(meeting: Session) -> str:
    """The day or days of ``meeting``; the weekday only for a single day."""
    first, last = _day(meeting.start), _day(meeting.end)
    if first == last:
        return format_date(first, "EEE, d. MMMM y", locale=LOCALE)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}.–{_fmt(last, 'd. MMMM y')}"
    if first.year == last.year:
        return f"{_fmt(first, 'd. MMMM')} – {_fmt(last, 'd. MMMM y')}"
    return f"{_fmt(first, 'd. MMMM y')} – {_fmt(last, 'd. MMMM y')}"


def termin_uhrzeit(meeting: Session) -> str:
    """The time of ``meeting``; empty for all-day meetings.

    A meeting over several days names the day of each time, so the text
    stands on its own next to :func:`termin_tage`.
    """
    start, end = meeting.start, meeting.end
    if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
        return ""
    if start == end:
        return f"{uhrzeit(start)} Uhr"
    if start.date() == end.date():
        return f"{uhrzeit(start)}–{uhrzeit(end)} Uhr"
    return f"{_fmt(start.date(), 'd. MMMM')}, {uhrzeit(start)} Uhr bis {_fmt(end.date(), 'd. MMMM')}, {uhrzeit(end)} Uhr"


def termin(meeting: Session) -> str:
    """Day(s) and time in one line: ``Mo., 4. März 2024, 09:30–16:00 Uhr``."""
    start, end = meeting.start, meeting.end
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and start.date() != end.date():
        day = "EEE, d. MMMM y"
        return f"{_fmt(start.date(), day)}, {uhrzeit(start)} Uhr bis {_fmt(end.date(), day)}, {uhrzeit(end)} Uhr"
    time = termin_uhrzeit(meeting)
    return f"{termin_tage(meeting)}, {time}" if time else termin_tage(meeting)


def wochentag(value: dt.date) -> str:
    """Full weekday name, for ``<abbr title>`` over "Mo": ``Montag``."""
    return format_date(value, "EEEE", locale=LOCALE)


def wochentag_kurz(value: dt.date) -> str:
    """Two-letter weekday, as in German calendars: ``Mo``."""
    # CLDR's short form is "Mo."; calendars print the two letters alone.
    return format_date(value, "EEEEEE", locale=LOCALE).rstrip(".")


def _fmt(value: dt.date, pattern: str) -> str:
    return format_date(value, pattern, locale=LOCALE)


def _day(value: When) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


FILTERS: dict[str, Callable[..., str]] = {
    "termin": termin,
    "termin_tage": termin_tage,
    "termin_uhrzeit": termin_uhrzeit,
    "wochentag": wochentag,
    "wochentag_kurz": wochentag_kurz,
}
