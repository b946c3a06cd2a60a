"""German texts for when an event takes place, with Babel (never the machine's locale).

Template filters for event lists and info boxes; they take a
:class:`model.Occurrence` (one meeting, or an event's whole span) and show
wall-clock times in the event's own zone (the validator stores them there)::

    termin_tage     "Mo., 4. März 2024" | "4.–8. März 2024" | "28. Februar – 3. März 2024"
    termin_uhrzeit  "09:30–16:00 Uhr" | "09:30 Uhr" | "" (all-day)
    termin          both together, for one line: "Mo., 4. März 2024, 09:30–16:00 Uhr"

Each has an ``_html`` twin that reads the same and puts every date and time
it shows in a ``<time datetime>``: the start *and* the end of a range, e.g.
``<time datetime="2024-03-04">4.</time>–<time datetime="2024-03-08">8. März 2024</time>``.
Days carry a date, clock times the full instant with its offset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from .german import format_day, uhrzeit
from .iso import iso_minutes
from ..events.model import Occurrence, Session, When, calendar_day, is_timed

# A piece of text, and the date or instant it shows (None: plain text between them).
Part = tuple[str, When | None]
# What the filters take: a meeting of the model, or an event's whole span.
Meeting = Occurrence | Session


def termin_tage(meeting: Meeting) -> str:
    """The day or days of ``meeting``; the weekday only for a single day."""
    return _text(_day_parts(meeting))


def termin_uhrzeit(meeting: Meeting) -> str:
    """The time of ``meeting``; empty for all-day meetings.

    A meeting over several days names the day of each time, so the text
    stands on its own next to :func:`termin_tage`.
    """
    return _text(_time_parts(meeting))


def termin(meeting: Meeting) -> str:
    """Day(s) and time in one line: ``Mo., 4. März 2024, 09:30–16:00 Uhr``."""
    return _text(_line_parts(meeting))


def termin_tage_html(meeting: Meeting) -> Markup:
    return _html(_day_parts(meeting))


def termin_uhrzeit_html(meeting: Meeting) -> Markup:
    return _html(_time_parts(meeting))


def termin_html(meeting: Meeting) -> Markup:
    return _html(_line_parts(meeting))


def wochentag(value: dt.date) -> str:
    """Full weekday name, for ``<abbr title>`` over "Mo": ``Montag``."""
    return format_day(calendar_day(value), "EEEE")


def wochentag_kurz(value: dt.date) -> str:
    """Two-letter weekday, as in German calendars: ``Mo``."""
    # CLDR's short form is "Mo."; calendars print the two letters alone.
    return format_day(calendar_day(value), "EEEEEE").rstrip(".")


def _day_parts(meeting: Meeting) -> list[Part]:
    first, last = calendar_day(meeting.start), calendar_day(meeting.end)
    if first == last:
        return [(format_day(first, "EEE, d. MMMM y"), first)]
    if (first.year, first.month) == (last.year, last.month):
        return [(f"{first.day}.", first), ("–", None), (format_day(last, "d. MMMM y"), last)]
    start = format_day(first, "d. MMMM" if first.year == last.year else "d. MMMM y")
    return [(start, first), (" – ", None), (format_day(last, "d. MMMM y"), last)]


def _time_parts(meeting: Meeting) -> list[Part]:
    start, end = meeting.start, meeting.end
    if not (is_timed(start) and is_timed(end)):  # all-day
        return []
    if start == end:
        return [(uhrzeit(start), start), (" Uhr", None)]
    if start.date() == end.date():
        return [(uhrzeit(start), start), ("–", None), (uhrzeit(end), end), (" Uhr", None)]
    return [
        (f"{format_day(start.date(), 'd. MMMM')}, ", None), (uhrzeit(start), start), (" Uhr bis ", None),
        (f"{format_day(end.date(), 'd. MMMM')}, ", None), (uhrzeit(end), end), (" Uhr", None),
    ]  # fmt: skip


def _line_parts(meeting: Meeting) -> list[Part]:
    start, end = meeting.start, meeting.end
    if is_timed(start) and is_timed(end) and start.date() != end.date():
        day = "EEE, d. MMMM y"
        return [
            (format_day(start.date(), day), start.date()), (", ", None), (uhrzeit(start), start), (" Uhr bis ", None),
            (format_day(end.date(), day), end.date()), (", ", None), (uhrzeit(end), end), (" Uhr", None),
        ]  # fmt: skip
    time = _time_parts(meeting)
    return [*_day_parts(meeting), (", ", None), *time] if time else _day_parts(meeting)


def _text(parts: Sequence[Part]) -> str:
    return "".join(text for text, _ in parts)


def _html(parts: Sequence[Part]) -> Markup:
    return Markup("").join(
        escape(text) if value is None else Markup('<time datetime="{}">{}</time>').format(iso_minutes(value), text)
        for text, value in parts
    )


FILTERS: dict[str, Callable[..., str]] = {
    "termin": termin,
    "termin_html": termin_html,
    "termin_tage": termin_tage,
    "termin_tage_html": termin_tage_html,
    "termin_uhrzeit": termin_uhrzeit,
    "termin_uhrzeit_html": termin_uhrzeit_html,
    "wochentag": wochentag,
    "wochentag_kurz": wochentag_kurz,
}
