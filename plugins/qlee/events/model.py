"""The event model: what an ``event:`` block means once it has been validated.

Frozen dataclasses, no Pelican import. Times are timezone-aware ``datetime``
objects; all-day events use ``date`` objects and an *inclusive* last day, as
editors write them (the iCal writer converts to the exclusive DTEND of
RFC 5545, section 3.6.1).

The facts about an event's time are worked out here, once per event, and
cached on it (:class:`Event` is frozen, so they never go stale): its
schedule (the sessions, the repeats, or the event itself, each flagged when
``except:`` cancels it), the occurrences that take place, the instants
each one begins and ends, in the event's zone and in UTC, and whether it is
all-day. Calendar pages, event box, links, JSON-LD and iCal read them from here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import itertools
from typing import TypeGuard
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

When = dt.date | dt.datetime  # a date alone means all-day

# Every occurrence is listed on the site; recurrence.parse_repeat refuses rules that give more.
MAX_OCCURRENCES = 366
ONE_DAY = dt.timedelta(days=1)
UTC = dt.UTC


def is_timed(value: When) -> TypeGuard[dt.datetime]:
    """Whether ``value`` has a time of day; a date alone means all-day."""
    return isinstance(value, dt.datetime)


def calendar_day(value: When) -> dt.date:
    """The calendar day of ``value`` as written (no time zone conversion)."""
    return value.date() if is_timed(value) else value


def start_instant(value: When, zone: dt.tzinfo) -> dt.datetime:
    """When ``value`` begins, in ``zone``: a time is that instant, a day begins at its midnight."""
    if is_timed(value):
        return value.astimezone(zone)
    return dt.datetime.combine(value, dt.time(), tzinfo=zone)


def end_instant(value: When, zone: dt.tzinfo) -> dt.datetime:
    """When ``value`` is over, in ``zone``: a time is that instant, a (last) day ends at the midnight after it."""
    if is_timed(value):
        return value.astimezone(zone)
    return start_instant(value + ONE_DAY, zone)


def duration(start: When, end: When) -> dt.timedelta:
    """``end - start`` for two times or two days; a time and a day raise TypeError, as ``-`` does."""
    # Spelled out so that the type checker sees both operands of one kind.
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        return end - start
    if not isinstance(start, dt.datetime) and not isinstance(end, dt.datetime):
        return end - start
    raise TypeError(f"cannot subtract {type(start).__name__} from {type(end).__name__}")


def utc(moment: dt.datetime) -> dt.datetime:
    """The instant ``moment`` (aware) in UTC."""
    return moment.astimezone(UTC)


def rule_start(start: When) -> dt.datetime:
    """DTSTART for dateutil's RRULE: the start itself, or a naive midnight for an all-day event."""
    return start if is_timed(start) else dt.datetime.combine(start, dt.time())


def is_meant(start: When, exception: When) -> bool:
    """Whether ``exception`` (from ``except:``) names the meeting that begins at ``start``.

    A date names every meeting that begins on that day; a date with a time,
    only the meeting that begins then.
    """
    if is_timed(exception):
        return is_timed(start) and start == exception
    return calendar_day(start) == exception


class EventStatus(enum.Enum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"
    FULL = "full"

    @property
    def label(self) -> str:
        """German badge text; empty for the normal case."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    EventStatus.SCHEDULED: "",
    EventStatus.CANCELLED: "abgesagt",
    EventStatus.POSTPONED: "verschoben",
    EventStatus.FULL: "ausgebucht",
}


@dataclasses.dataclass(frozen=True)
class Location:
    name: str
    city: str
    street: str | None = None
    postal_code: str | None = None
    country: str = "DE"
    geo: tuple[float, float] | None = None  # (latitude, longitude)


@dataclasses.dataclass(frozen=True)
class Registration:
    url: str  # http(s) only, checked by the validator
    deadline: When | None = None


@dataclasses.dataclass(frozen=True)
class Session:
    """One meeting as written under ``sessions``. For all-day sessions ``end`` is the last day, inclusive."""

    start: When
    end: When

    @property
    def all_day(self) -> bool:
        return not is_timed(self.start)


@dataclasses.dataclass(frozen=True)
class Occurrence:
    """One meeting of an event as listed and exported, with the instants it begins and ends.

    ``start``/``end`` are what the site shows: the days of an all-day meeting
    (``end`` the last day, inclusive), else its wall-clock times in the event's
    zone. ``starts_at``/``ends_at`` are the instants in the event's zone (an
    all-day meeting from midnight of its first day to midnight after its last),
    ``start_utc``/``end_utc`` the same instants in UTC. ``first_day`` to
    ``last_day`` are the calendar days it touches (ending at midnight touches
    no more day).
    """

    start: When
    end: When
    all_day: bool
    starts_at: dt.datetime
    ends_at: dt.datetime
    start_utc: dt.datetime
    end_utc: dt.datetime
    first_day: dt.date
    last_day: dt.date
    cancelled: bool = False  # named under ``except:``: listed as "entfällt", nowhere else

    @classmethod
    def of(cls, start: When, end: When, zone: ZoneInfo, *, cancelled: bool = False) -> Occurrence:
        starts_at, ends_at = start_instant(start, zone), end_instant(end, zone)
        first, last = calendar_day(start), calendar_day(end)
        if is_timed(end) and end.time() == dt.time() and last > first:
            last -= ONE_DAY
        return cls(
            start=start,
            end=end,
            all_day=not is_timed(start),
            starts_at=starts_at,
            ends_at=ends_at,
            start_utc=utc(starts_at),
            end_utc=utc(ends_at),
            first_day=first,
            last_day=last,
            cancelled=cancelled,
        )

    @property
    def day_after(self) -> dt.date:
        """The first day after the meeting: an all-day meeting's exclusive end (RFC 5545, 3.6.1)."""
        return self.last_day + ONE_DAY


@dataclasses.dataclass(frozen=True)
class Event:
    """A validated ``event:`` block.

    ``start``/``end`` span the whole event (with ``sessions``: the first
    session's start and the last session's end). ``end`` is never ``None``:
    an event without an end lasts one day (all-day) or ends when it starts.
    The cached properties below are the derived facts every consumer reads.
    """

    start: When
    end: When
    timezone: ZoneInfo
    uid: str
    organizer: str
    status: EventStatus = EventStatus.SCHEDULED
    location: Location | None = None
    online: str | None = None
    registration: Registration | None = None
    fee: str | None = None
    sessions: tuple[Session, ...] = ()
    repeat: str | None = None  # RFC 5545 RRULE value, validated by recurrence.parse_repeat
    organizer_email: str | None = None  # the organizer's address, if one is configured (iCal ORGANIZER)
    # ``except:``: days (or starts) of the repeats or sessions that do not take place.
    exceptions: tuple[When, ...] = ()

    @functools.cached_property
    def all_day(self) -> bool:
        return not is_timed(self.start)

    @functools.cached_property
    def rule(self) -> rrule | None:
        """``repeat`` parsed by dateutil, from the first start (a naive midnight for all-day events)."""
        if not self.repeat:
            return None
        return rrulestr(self.repeat, dtstart=rule_start(self.start))

    @functools.cached_property
    def schedule(self) -> tuple[Occurrence, ...]:
        """Every planned meeting: the sessions, the repeats, or the event itself; those under ``except:`` flagged.

        Repeats keep the wall-clock time and length of the first meeting.
        """
        if self.rule is None:
            written = self.sessions or (Session(self.start, self.end),)
            planned = [(session.start, session.end) for session in written]
        else:
            length = duration(self.start, self.end)
            starts = itertools.islice(self.rule, MAX_OCCURRENCES)
            if self.all_day:
                planned = [(day.date(), day.date() + length) for day in starts]
            else:
                planned = [(moment, moment + length) for moment in starts]
        return tuple(
            Occurrence.of(start, end, self.timezone, cancelled=any(is_meant(start, day) for day in self.exceptions))
            for start, end in planned
        )

    @functools.cached_property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """The meetings that take place: the schedule without those under ``except:``."""
        return tuple(meeting for meeting in self.schedule if not meeting.cancelled)

    @property
    def cancelled(self) -> tuple[Occurrence, ...]:
        """The meetings under ``except:`` ("entfällt")."""
        return tuple(meeting for meeting in self.schedule if meeting.cancelled)

    @property
    def meetings(self) -> tuple[Occurrence, ...]:
        """The meetings as written: the sessions (cancelled ones flagged), or a repeat's first, which carries the rule."""
        return self.schedule[:1] if self.repeat else self.schedule

    @functools.cached_property
    def span(self) -> Occurrence:
        """From the first meeting's start to the last one's end."""
        first, last = self.occurrences[0], self.occurrences[-1]
        return first if first is last else Occurrence.of(first.start, last.end, self.timezone)

    @property
    def first_start(self) -> dt.datetime:
        """The instant the first meeting begins (in the event's zone)."""
        return self.occurrences[0].starts_at

    @property
    def last_end(self) -> dt.datetime:
        """The instant the last meeting is over (in the event's zone)."""
        return self.occurrences[-1].ends_at
