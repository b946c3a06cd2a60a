"""The event model: what an ``event:`` block means once it has been validated.

Frozen dataclasses, no Pelican import. Times are timezone-aware ``datetime``
objects; all-day events use ``date`` objects and an *inclusive* last day, as
editors write them (the iCal writer converts to the exclusive DTEND of
RFC 5545, section 3.6.1).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from zoneinfo import ZoneInfo

When = dt.date | dt.datetime  # a date alone means all-day


def calendar_day(value: When) -> dt.date:
    """The calendar day of ``value`` as written (no time zone conversion)."""
    return value.date() if isinstance(value, dt.datetime) else value


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
    """One meeting of an event. For all-day sessions ``end`` is the last day, inclusive."""

    start: When
    end: When

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


@dataclasses.dataclass(frozen=True)
class Event:
    """A validated ``event:`` block.

    ``start``/``end`` span the whole event (with ``sessions``: the first
    session's start and the last session's end). ``end`` is never ``None``:
    an event without an end lasts one day (all-day) or ends when it starts.
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
    repeat: str | None = None  # RFC 5545 RRULE value, validated by dateutil

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def meetings(self) -> tuple[Session, ...]:
        """The dates to show and to export: the sessions, or the event itself."""
        return self.sessions or (Session(self.start, self.end),)
