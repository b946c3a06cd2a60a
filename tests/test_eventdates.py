"""German texts for when an event takes place (Babel, independent of the machine's locale)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qlee.eventdates import termin, termin_tage, termin_uhrzeit, wochentag, wochentag_kurz
from qlee.model import Session

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


def test_weekday_names():
    week = [d(2024, 1, 1) + dt.timedelta(days=n) for n in range(7)]
    assert [wochentag_kurz(day) for day in week] == ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
    assert [wochentag(day) for day in week] == ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
