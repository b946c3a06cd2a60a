"""The calendar views of the site, computed once per build (no Pelican import).

From the validated events and the build time this module decides what is
upcoming and what is past, groups upcoming events by month, past events by
year and upcoming ones by category, and lays out month grids. An event is
past once its last meeting has ended; an all-day meeting ends at midnight
after its last day, in the event's own time zone.

Everything is linear in the number of meetings: one sort, then buckets in
dicts; no view scans all events per event or per day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from typing import Generic, Protocol, TypeVar
from zoneinfo import ZoneInfo

from .model import ONE_DAY, Event, Occurrence, calendar_day


class Listed(Protocol):
    """What the views need of a content item that carries an event."""

    @property
    def title(self) -> str: ...

    @property
    def url(self) -> str: ...

    @property
    def category(self) -> object: ...  # str() gives its name (Pelican's Category does)


Item = TypeVar("Item", bound=Listed)


@dataclasses.dataclass(frozen=True)
class Entry(Generic[Item]):
    """One event of one item, as listed: the meeting to show next, and whether it is all over."""

    item: Item
    event: Event
    shown: Occurrence  # the first meeting not yet over; the last one once the event is past
    past: bool

    @property
    def meetings(self) -> tuple[Occurrence, ...]:
        return self.event.occurrences

    @property
    def span(self) -> Occurrence:
        """From the first meeting's start to the last one's end."""
        return self.event.span

    @property
    def starts_at(self) -> dt.datetime:
        """The instant ``shown`` begins, for sorting."""
        return self.shown.starts_at

    @property
    def ends_at(self) -> dt.datetime:
        """The instant the last meeting is over."""
        return self.event.last_end

    @property
    def remaining(self) -> int:
        """How many meetings are still to come (including ``shown``), for "4 Termine"."""
        return len(self.meetings) - self.meetings.index(self.shown) if not self.past else 0


@dataclasses.dataclass(frozen=True)
class MonthGroup(Generic[Item]):
    first_day: dt.date  # the 1st of the month: heading "März 2024"
    entries: tuple[Entry[Item], ...]


@dataclasses.dataclass(frozen=True)
class YearGroup(Generic[Item]):
    year: int
    entries: tuple[Entry[Item], ...]  # newest first


@dataclasses.dataclass(frozen=True)
class CalendarDay(Generic[Item]):
    date: dt.date
    entries: tuple[Entry[Item], ...]
    today: bool


@dataclasses.dataclass(frozen=True)
class CalendarMonth(Generic[Item]):
    """A month grid: weeks from Monday to Sunday; ``None`` pads days of other months."""

    first_day: dt.date
    weeks: tuple[tuple[CalendarDay[Item] | None, ...], ...]
    previous: dt.date | None  # first day of the previous grid month, if there is one
    next: dt.date | None

    @property
    def year(self) -> int:
        return self.first_day.year

    @property
    def month(self) -> int:
        return self.first_day.month

    @property
    def has_events(self) -> bool:
        return any(day is not None and day.entries for week in self.weeks for day in week)


@dataclasses.dataclass(frozen=True)
class Calendar(Generic[Item]):
    upcoming: tuple[MonthGroup[Item], ...]
    past: tuple[YearGroup[Item], ...]  # newest year first
    by_category: Mapping[str, tuple[MonthGroup[Item], ...]]  # upcoming only, by category name
    months: tuple[CalendarMonth[Item], ...]  # oldest first, no gaps
    today: dt.date  # the build date in the site's time zone
    entries: tuple[Entry[Item], ...]  # every event, upcoming (soonest first) then past (newest first)

    def next_events(self, n: int = 3) -> tuple[Entry[Item], ...]:
        """The next ``n`` upcoming events, soonest first (for the home page)."""
        entries = (entry for group in self.upcoming for entry in group.entries)
        return tuple(itertools.islice(entries, n))

    def category(self, name: str) -> tuple[MonthGroup[Item], ...]:
        """The upcoming events of one category, by month; empty if it has none."""
        return self.by_category.get(name, ())


def build_calendar(pairs: Iterable[tuple[Item, Event]], *, now: dt.datetime, tz: ZoneInfo) -> Calendar[Item]:
    """All views for the events in ``pairs`` as of ``now`` (aware), with "today" in ``tz``."""
    entries = [make_entry(item, event, now) for item, event in pairs]
    upcoming = sorted((e for e in entries if not e.past), key=_upcoming_order)
    past = sorted((e for e in entries if e.past), key=_past_order, reverse=True)
    today = now.astimezone(tz).date()

    by_category: dict[str, list[Entry[Item]]] = {}
    for entry in upcoming:
        by_category.setdefault(str(entry.item.category), []).append(entry)
    by_year: dict[int, list[Entry[Item]]] = {}
    for entry in past:
        by_year.setdefault(calendar_day(entry.shown.end).year, []).append(entry)
    return Calendar(
        upcoming=group_by_month(upcoming),
        past=tuple(YearGroup(year, tuple(group)) for year, group in by_year.items()),
        by_category={key: group_by_month(group) for key, group in by_category.items()},
        months=month_grids(entries, today),
        today=today,
        entries=tuple(upcoming + past),
    )


def make_entry(item: Item, event: Event, now: dt.datetime) -> Entry[Item]:
    for meeting in event.occurrences:
        if meeting.ends_at > now:
            return Entry(item=item, event=event, shown=meeting, past=False)
    return Entry(item=item, event=event, shown=event.occurrences[-1], past=True)


def group_by_month(entries: Iterable[Entry[Item]]) -> tuple[MonthGroup[Item], ...]:
    """Consecutive months of ``entries`` (already sorted), keyed by the shown meeting's start."""
    groups: dict[dt.date, list[Entry[Item]]] = {}
    for entry in entries:
        groups.setdefault(entry.shown.first_day.replace(day=1), []).append(entry)
    return tuple(MonthGroup(first, tuple(group)) for first, group in groups.items())


def month_grids(entries: Iterable[Entry[Item]], today: dt.date) -> tuple[CalendarMonth[Item], ...]:
    """A grid for every month from the first meeting to the last, in the years that have meetings."""
    by_day: dict[dt.date, list[Entry[Item]]] = {}
    for entry in sorted(entries, key=_upcoming_order):
        for meeting in entry.meetings:
            for day in _days(meeting):
                bucket = by_day.setdefault(day, [])
                if not bucket or bucket[-1] is not entry:  # one link per event and day
                    bucket.append(entry)
    if not by_day:
        return ()
    # Every month of every year with a meeting: years between events get no empty pages,
    # so the pages written grow with the events, not with the years they span.
    years = sorted({day.year for day in by_day})
    months = [dt.date(year, month, 1) for year in years for month in range(1, 13)]
    first, last = min(by_day).replace(day=1), max(by_day).replace(day=1)
    months = [month for month in months if first <= month <= last]
    return tuple(
        _grid(month, by_day, today, months[index - 1] if index else None, months[index + 1] if index + 1 < len(months) else None)
        for index, month in enumerate(months)
    )


def _grid(
    first: dt.date,
    by_day: Mapping[dt.date, list[Entry[Item]]],
    today: dt.date,
    previous: dt.date | None,
    following: dt.date | None,
) -> CalendarMonth[Item]:
    cells: list[CalendarDay[Item] | None] = [None] * first.weekday()  # Monday = 0
    day = first
    while day.month == first.month:
        cells.append(CalendarDay(day, tuple(by_day.get(day, ())), day == today))
        day += ONE_DAY
    cells += [None] * (-len(cells) % 7)
    weeks = tuple(tuple(cells[i : i + 7]) for i in range(0, len(cells), 7))
    return CalendarMonth(first_day=first, weeks=weeks, previous=previous, next=following)


def _days(meeting: Occurrence) -> Iterable[dt.date]:
    """The calendar days a meeting touches, by its own wall-clock dates."""
    day = meeting.first_day
    while day <= meeting.last_day:
        yield day
        day += ONE_DAY


def _upcoming_order(entry: Entry) -> tuple[dt.datetime, str, str]:
    return (entry.starts_at, entry.item.title, entry.item.url)


def _past_order(entry: Entry) -> tuple[dt.datetime, str, str]:
    return (entry.ends_at, entry.item.title, entry.item.url)
