"""The calendar views: upcoming and past, grouping, month grids (pure, no Pelican)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest

from qlee.events.model import Event, EventStatus, Session, end_instant
from qlee.events.views import build_calendar

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC


@dataclasses.dataclass(frozen=True)
class Item:
    title: str
    url: str
    category: str = "Kurse"


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def event(start=None, end=None, *, status=EventStatus.SCHEDULED, sessions=(), repeat=None, tz=BERLIN) -> Event:
    if sessions:
        start, end = sessions[0].start, sessions[-1].end
    return Event(
        start=start, end=end or start, timezone=tz, uid="u", organizer="QLEE",
        status=status, online="https://x.example", sessions=tuple(sessions), repeat=repeat,
    )  # fmt: skip


def written(meeting) -> Session:
    """A listed meeting as the Session it was written as."""
    return Session(meeting.start, meeting.end)


def pair(title: str, *args, category: str = "Kurse", **kwargs) -> tuple[Item, Event]:
    return Item(title, f"{title.lower()}/", category), event(*args, **kwargs)


def titles(entries) -> list[str]:
    return [entry.item.title for entry in entries]


# --- upcoming or past ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "past"),
    [
        (dt.datetime(2024, 3, 4, 14, 59, 59, tzinfo=UTC), False),
        (dt.datetime(2024, 3, 4, 15, 0, 0, tzinfo=UTC), True),  # 16:00 in Berlin: over
    ],
)
def test_timed_event_is_past_once_its_end_has_passed(now, past):
    calendar = build_calendar([pair("A", berlin(2024, 3, 4, 9), berlin(2024, 3, 4, 16))], now=now, tz=BERLIN)
    assert bool(calendar.past) is past and bool(calendar.upcoming) is not past


@pytest.mark.parametrize(
    ("tz", "last_moment"),
    [
        (BERLIN, dt.datetime(2024, 3, 8, 22, 59, 59, tzinfo=UTC)),  # 23:59:59 on 8 March in Berlin
        (ZoneInfo("America/New_York"), dt.datetime(2024, 3, 9, 4, 59, 59, tzinfo=UTC)),
    ],
)
def test_all_day_event_lasts_to_the_end_of_its_last_day_in_its_zone(tz, last_moment):
    items = [pair("A", dt.date(2024, 3, 4), dt.date(2024, 3, 8), tz=tz)]
    assert build_calendar(items, now=last_moment, tz=BERLIN).upcoming
    after = last_moment + dt.timedelta(seconds=1)
    assert not build_calendar(items, now=after, tz=BERLIN).upcoming
    assert titles(build_calendar(items, now=after, tz=BERLIN).past[0].entries) == ["A"]


def test_running_event_is_still_upcoming():
    items = [pair("A", dt.date(2024, 3, 4), dt.date(2024, 3, 8))]
    calendar = build_calendar(items, now=berlin(2024, 3, 6, 12), tz=BERLIN)
    assert titles(calendar.next_events()) == ["A"]


def test_sessions_show_the_next_meeting_and_group_by_its_month():
    sessions = [Session(berlin(2024, 3, 4, 9), berlin(2024, 3, 4, 16)), Session(berlin(2024, 4, 8, 9), berlin(2024, 4, 8, 16))]
    items = [pair("Kurs", sessions=sessions)]
    before = build_calendar(items, now=berlin(2024, 3, 1), tz=BERLIN)
    assert before.upcoming[0].first_day == dt.date(2024, 3, 1)
    assert written(before.upcoming[0].entries[0].shown) == sessions[0] and before.upcoming[0].entries[0].remaining == 2
    between = build_calendar(items, now=berlin(2024, 3, 5), tz=BERLIN)
    assert between.upcoming[0].first_day == dt.date(2024, 4, 1)
    assert written(between.upcoming[0].entries[0].shown) == sessions[1] and between.upcoming[0].entries[0].remaining == 1
    assert written(between.upcoming[0].entries[0].span) == Session(sessions[0].start, sessions[1].end)
    after = build_calendar(items, now=berlin(2024, 4, 8, 16), tz=BERLIN)
    assert not after.upcoming and written(after.past[0].entries[0].shown) == sessions[1]


def test_repeat_stays_upcoming_until_its_last_occurrence_ends():
    items = [pair("Woche", berlin(2024, 3, 4, 18), berlin(2024, 3, 4, 19), repeat="FREQ=WEEKLY;COUNT=3")]
    calendar = build_calendar(items, now=berlin(2024, 3, 12), tz=BERLIN)
    (entry,) = calendar.next_events()
    assert entry.shown.start == berlin(2024, 3, 18, 18) and entry.remaining == 1
    assert entry.ends_at == berlin(2024, 3, 18, 19)
    assert not build_calendar(items, now=berlin(2024, 3, 18, 19), tz=BERLIN).upcoming


# --- grouping -------------------------------------------------------------------------------


def test_upcoming_by_month_soonest_first_cancelled_included():
    items = [
        pair("April", dt.date(2024, 4, 2)),
        pair("März spät", berlin(2024, 3, 28, 10), berlin(2024, 3, 28, 12)),
        pair("Abgesagt", dt.date(2024, 3, 5), status=EventStatus.CANCELLED),
        pair("März früh", dt.date(2024, 3, 4)),
        pair("Vorbei", dt.date(2024, 2, 1)),
    ]
    calendar = build_calendar(items, now=berlin(2024, 3, 1), tz=BERLIN)
    assert [group.first_day for group in calendar.upcoming] == [dt.date(2024, 3, 1), dt.date(2024, 4, 1)]
    assert [titles(group.entries) for group in calendar.upcoming] == [["März früh", "Abgesagt", "März spät"], ["April"]]
    assert calendar.upcoming[0].entries[1].event.status.label == "abgesagt"
    assert titles(calendar.next_events(3)) == ["März früh", "Abgesagt", "März spät"]
    assert titles(calendar.next_events(10)) == ["März früh", "Abgesagt", "März spät", "April"]


def test_same_start_is_ordered_by_title():
    items = [pair("B", dt.date(2024, 3, 4)), pair("A", dt.date(2024, 3, 4))]
    assert titles(build_calendar(items, now=berlin(2024, 1, 1), tz=BERLIN).next_events()) == ["A", "B"]


def test_past_by_year_newest_first():
    items = [
        pair("2022", dt.date(2022, 6, 1)),
        pair("2023 früh", dt.date(2023, 1, 10)),
        pair("2023 spät", dt.date(2023, 11, 10), status=EventStatus.FULL),
        pair("kommt", dt.date(2024, 6, 1)),
    ]
    calendar = build_calendar(items, now=berlin(2024, 1, 1), tz=BERLIN)
    assert [(group.year, titles(group.entries)) for group in calendar.past] == [
        (2023, ["2023 spät", "2023 früh"]),
        (2022, ["2022"]),
    ]


def test_upcoming_per_category():
    items = [
        pair("Kurs", dt.date(2024, 3, 4)),
        pair("Meldung", dt.date(2024, 3, 5), category="Nachrichten"),
        pair("Alter Kurs", dt.date(2023, 3, 5)),
    ]
    calendar = build_calendar(items, now=berlin(2024, 1, 1), tz=BERLIN)
    assert [titles(group.entries) for group in calendar.category("Kurse")] == [["Kurs"]]
    assert [titles(group.entries) for group in calendar.category("Nachrichten")] == [["Meldung"]]
    assert calendar.category("Unbekannt") == ()


def test_empty_calendar():
    calendar = build_calendar([], now=berlin(2024, 1, 1), tz=BERLIN)
    assert (calendar.upcoming, calendar.past, calendar.next_events()) == ((), (), ())
    # The current month always has a grid, so "Monatsübersicht" has a page to open.
    assert [m.first_day for m in calendar.months] == [dt.date(2024, 1, 1)]
    assert calendar.current_month.first_day == dt.date(2024, 1, 1) and not calendar.current_month.has_events


# --- month grids ----------------------------------------------------------------------------


def test_month_grids_skip_empty_months_but_keep_the_current_one():
    items = [pair("Nov", dt.date(2023, 11, 20)), pair("Feb", dt.date(2024, 2, 14)), pair("Jun", dt.date(2024, 6, 3))]
    calendar = build_calendar(items, now=berlin(2024, 1, 1), tz=BERLIN)
    months = calendar.months
    assert [m.first_day for m in months] == [dt.date(2023, 11, 1), dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 6, 1)]
    assert [m.has_events for m in months] == [True, False, True, True]
    # Paging skips December and March to May: each link goes to the nearest month with a grid.
    assert [(m.previous, m.next) for m in months] == [
        (None, dt.date(2024, 1, 1)),
        (dt.date(2023, 11, 1), dt.date(2024, 2, 1)),
        (dt.date(2024, 1, 1), dt.date(2024, 6, 1)),
        (dt.date(2024, 2, 1), None),
    ]
    assert calendar.current_month.first_day == dt.date(2024, 1, 1)


def test_the_current_month_is_not_doubled_when_it_has_events():
    calendar = build_calendar([pair("A", dt.date(2024, 3, 4))], now=berlin(2024, 3, 15, 12), tz=BERLIN)
    assert [m.first_day for m in calendar.months] == [dt.date(2024, 3, 1)]
    assert calendar.current_month.has_events


def test_years_without_meetings_get_no_month_pages():
    # Before, a rule reaching into the year 9330 wrote a page for every month up to it.
    items = [pair("Früh", dt.date(2024, 11, 20)), pair("Spät", dt.date(2090, 2, 14))]
    months = build_calendar(items, now=berlin(2024, 1, 1), tz=BERLIN).months
    # Only the current month and the months with a meeting: no years in between.
    assert [m.first_day for m in months] == [dt.date(2024, 1, 1), dt.date(2024, 11, 1), dt.date(2090, 2, 1)]
    assert (months[1].next, months[2].previous) == (dt.date(2090, 2, 1), dt.date(2024, 11, 1))


def test_month_grid_weeks_run_monday_to_sunday():
    (march,) = build_calendar([pair("A", dt.date(2024, 3, 4))], now=berlin(2024, 3, 15, 12), tz=BERLIN).months
    # 1 March 2024 is a Friday; 31 March a Sunday.
    assert len(march.weeks) == 5 and all(len(week) == 7 for week in march.weeks)
    assert march.weeks[0][:4] == (None,) * 4 and march.weeks[0][4].date == dt.date(2024, 3, 1)
    assert march.weeks[-1][-1].date == dt.date(2024, 3, 31)
    days = [day for week in march.weeks for day in week if day]
    assert [day.date.day for day in days] == list(range(1, 32))
    assert all(day.date.weekday() == column for week in march.weeks for column, day in enumerate(week) if day)
    assert [day.date for day in days if day.today] == [dt.date(2024, 3, 15)]
    assert [day.date for day in days if day.entries] == [dt.date(2024, 3, 4)]


def test_today_follows_the_site_zone():
    # 23:30 UTC on 14 March is already 15 March in Berlin.
    now = dt.datetime(2024, 3, 14, 23, 30, tzinfo=UTC)
    (march,) = build_calendar([pair("A", dt.date(2024, 3, 4))], now=now, tz=BERLIN).months
    assert [day.date for week in march.weeks for day in week if day and day.today] == [dt.date(2024, 3, 15)]


def test_dst_week_days():
    items = [
        pair("Nacht", berlin(2024, 3, 31, 1, 30), berlin(2024, 3, 31, 4, 0)),  # over the change to summer time
        pair("Mitternacht", berlin(2024, 3, 29, 20), berlin(2024, 3, 30, 0, 0)),  # ends at midnight
        pair("Woche", dt.date(2024, 3, 25), dt.date(2024, 3, 27)),
        pair("Über Nacht", berlin(2024, 3, 30, 22), berlin(2024, 4, 1, 2)),
    ]
    months = build_calendar(items, now=berlin(2024, 3, 1), tz=BERLIN).months
    by_day = {day.date: titles(day.entries) for month in months for week in month.weeks for day in week if day and day.entries}
    assert by_day == {
        dt.date(2024, 3, 25): ["Woche"],
        dt.date(2024, 3, 26): ["Woche"],
        dt.date(2024, 3, 27): ["Woche"],
        dt.date(2024, 3, 29): ["Mitternacht"],
        dt.date(2024, 3, 30): ["Über Nacht"],
        dt.date(2024, 3, 31): ["Über Nacht", "Nacht"],  # by start
        dt.date(2024, 4, 1): ["Über Nacht"],
    }
    # The DST week is a normal Monday-to-Sunday row.
    (week,) = [week for week in months[0].weeks if week[0] and week[0].date == dt.date(2024, 3, 25)]
    assert [day.date for day in week] == [dt.date(2024, 3, 25) + dt.timedelta(days=n) for n in range(7)]


def test_sessions_and_repeats_fill_every_meeting_day_once():
    sessions = [Session(dt.date(2024, 3, 4), dt.date(2024, 3, 5)), Session(dt.date(2024, 3, 11), dt.date(2024, 3, 11))]
    items = [pair("Kurs", sessions=sessions), pair("Woche", berlin(2024, 3, 6, 9), berlin(2024, 3, 6, 10), repeat="FREQ=WEEKLY;COUNT=2")]
    (march,) = build_calendar(items, now=berlin(2024, 3, 1), tz=BERLIN).months
    busy = {day.date.day: titles(day.entries) for week in march.weeks for day in week if day and day.entries}
    assert busy == {4: ["Kurs"], 5: ["Kurs"], 6: ["Woche"], 11: ["Kurs"], 13: ["Woche"]}


def test_end_instant():
    meeting = Session(dt.date(2024, 10, 26), dt.date(2024, 10, 27))  # the night summer time ends
    assert end_instant(meeting.end, event(dt.date(2024, 10, 26)).timezone) == dt.datetime(2024, 10, 27, 23, 0, tzinfo=UTC)


# --- scale ----------------------------------------------------------------------------------


def test_five_thousand_events_are_fast():
    start = dt.date(2020, 1, 1)
    items = [
        pair(f"E{n:04d}", start + dt.timedelta(days=n % 1500), start + dt.timedelta(days=n % 1500 + n % 3), category=("Kurse", "Nachrichten")[n % 2])
        for n in range(5000)
    ]
    began = time.perf_counter()
    calendar = build_calendar(items, now=berlin(2022, 1, 1), tz=BERLIN)
    elapsed = time.perf_counter() - began
    assert sum(len(g.entries) for g in calendar.upcoming) + sum(len(g.entries) for g in calendar.past) == 5000
    assert len(calendar.months) == 50  # January 2020 to February 2024: every month has an event
    # Linear work takes well under a second here; a quadratic scan would take minutes.
    assert elapsed < 3, elapsed
