"""German texts for when an event takes place (Babel, independent of the machine's locale)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from markupsafe import Markup

from qlee.events.model import Session
from qlee.output.eventdates import (
    termin,
    termin_html,
    termin_tage,
    termin_tage_html,
    termin_uhrzeit,
    termin_uhrzeit_html,
    wochentag,
    wochentag_kurz,
)

BERLIN = ZoneInfo("Europe/Berlin")
d = dt.date


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("meeting", "days", "time", "line"),
    [
        (Session(d(2024, 3, 4), d(2024, 3, 4)), "Mo., 4. März 2024", "", "Mo., 4. März 2024"),
        (Session(d(2024, 3, 4), d(2024, 3, 8)), "4.–8. März 2024", "", "4.–8. März 2024"),
        (Session(d(2024, 2, 28), d(2024, 3, 3)), "28. Februar – 3. März 2024", "", "28. Februar – 3. März 2024"),
        (Session(d(2024, 12, 30), d(2025, 1, 2)), "30. Dezember 2024 – 2. Januar 2025", "", "30. Dezember 2024 – 2. Januar 2025"),
        (
            Session(berlin(2024, 3, 4, 9, 30), berlin(2024, 3, 4, 16)),
            "Mo., 4. März 2024", "09:30–16:00 Uhr", "Mo., 4. März 2024, 09:30–16:00 Uhr",
        ),
        (Session(berlin(2026, 2, 13, 10), berlin(2026, 2, 13, 10)), "Fr., 13. Februar 2026", "10:00 Uhr", "Fr., 13. Februar 2026, 10:00 Uhr"),
        (
            Session(berlin(2024, 3, 4, 9, 30), berlin(2024, 3, 5, 16)),
            "4.–5. März 2024",
            "4. März, 09:30 Uhr bis 5. März, 16:00 Uhr",
            "Mo., 4. März 2024, 09:30 Uhr bis Di., 5. März 2024, 16:00 Uhr",
        ),
        # Wall-clock time on the night summer time starts.
        (Session(berlin(2024, 3, 31, 1, 30), berlin(2024, 3, 31, 4)), "So., 31. März 2024", "01:30–04:00 Uhr", "So., 31. März 2024, 01:30–04:00 Uhr"),
    ],
)
def test_meeting_texts(meeting, days, time, line):
    assert (termin_tage(meeting), termin_uhrzeit(meeting), termin(meeting)) == (days, time, line)
    # The HTML forms read exactly the same.
    for html, text in ((termin_tage_html, days), (termin_uhrzeit_html, time), (termin_html, line)):
        assert isinstance(html(meeting), Markup)
        assert html(meeting).striptags() == text


T = '<time datetime="{}">{}</time>'


@pytest.mark.parametrize(
    ("meeting", "days", "time", "line"),
    [
        (Session(d(2024, 3, 4), d(2024, 3, 4)), T.format("2024-03-04", "Mo., 4. März 2024"), "", None),
        # The end is machine-readable too: one <time> per end of the range.
        (Session(d(2024, 3, 4), d(2024, 3, 8)), T.format("2024-03-04", "4.") + "–" + T.format("2024-03-08", "8. März 2024"), "", None),
        (
            Session(d(2024, 2, 28), d(2024, 3, 3)),
            T.format("2024-02-28", "28. Februar") + " – " + T.format("2024-03-03", "3. März 2024"), "", None,
        ),
        (
            Session(berlin(2024, 3, 4, 9, 30), berlin(2024, 3, 4, 16)),
            T.format("2024-03-04", "Mo., 4. März 2024"),
            T.format("2024-03-04T09:30+01:00", "09:30") + "–" + T.format("2024-03-04T16:00+01:00", "16:00") + " Uhr",
            T.format("2024-03-04", "Mo., 4. März 2024") + ", "
            + T.format("2024-03-04T09:30+01:00", "09:30") + "–" + T.format("2024-03-04T16:00+01:00", "16:00") + " Uhr",
        ),
        (
            Session(berlin(2026, 2, 13, 10), berlin(2026, 2, 13, 10)),
            T.format("2026-02-13", "Fr., 13. Februar 2026"), T.format("2026-02-13T10:00+01:00", "10:00") + " Uhr", None,
        ),
        (
            Session(berlin(2024, 3, 30, 9, 30), berlin(2024, 3, 31, 16)),  # over the change to summer time
            T.format("2024-03-30", "30.") + "–" + T.format("2024-03-31", "31. März 2024"),
            "30. März, " + T.format("2024-03-30T09:30+01:00", "09:30") + " Uhr bis 31. März, "
            + T.format("2024-03-31T16:00+02:00", "16:00") + " Uhr",
            T.format("2024-03-30", "Sa., 30. März 2024") + ", " + T.format("2024-03-30T09:30+01:00", "09:30")
            + " Uhr bis " + T.format("2024-03-31", "So., 31. März 2024") + ", " + T.format("2024-03-31T16:00+02:00", "16:00") + " Uhr",
        ),
    ],
)  # fmt: skip
def test_meeting_html_marks_start_and_end(meeting, days, time, line):
    assert termin_tage_html(meeting) == days
    assert termin_uhrzeit_html(meeting) == time
    assert termin_html(meeting) == (line if line is not None else (f"{days}, {time}" if time else days))


def test_weekday_names():
    week = [d(2024, 1, 1) + dt.timedelta(days=n) for n in range(7)]
    assert [wochentag_kurz(day) for day in week] == ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
    assert [wochentag(day) for day in week] == ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
