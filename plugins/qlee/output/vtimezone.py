"""VTIMEZONE components in the compact, rule-based form (RFC 5545, section 3.6.5).

icalendar's ``Timezone.from_tzid`` lists every transition as an RDATE and
stops in 2037. Google and Outlook describe a zone by its yearly rules instead
(``RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU``), which stay right for every
later year. This module derives such rules from zoneinfo, for any zone:

1. find the zone's transitions in the years the events span (plus one year
   on either side, so that every event date has an onset before it and the
   current rule is seen at least twice);
2. group transitions of the same kind (offsets, name, month, wall-clock time)
   in consecutive years whose dates follow one day rule (last Sunday,
   second Sunday, the 25th, the Friday from the 23rd on, ...);
3. emit one STANDARD or DAYLIGHT per group: DTSTART is the group's first
   onset, the RRULE is open-ended when the group reaches the last year looked
   at (the zone's current rule) and ends with UNTIL otherwise. A transition
   that follows no rule becomes a component of its own, without RRULE.

The rules already in force when the scan begins start in 1970, as Google's,
Apple's and Microsoft's VTIMEZONEs do (:data:`EPOCH_YEAR`): their DTSTART is
the rule's onset in that year. Some clients (ts-ics) ignore each block's first
onset; with onsets that begin only a year before the events, those read
events in the first months an hour off. Dates before the events are never
looked up, so the rule need not be the zone's history there.

A zone without a rule in force then gets a STANDARD (or DAYLIGHT) from 1970
with the offset it has when the scan begins.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import logging
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

logger = logging.getLogger(__name__)

_UTC = dt.timezone.utc
# Transitions are looked for day by day, then pinned down to the second. Two
# changes less than a day apart would go unseen; tzdata has none from 1990 to 2100.
_STEP = dt.timedelta(days=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# The year the first onsets lie in, as in the VTIMEZONEs of Google and Apple.
EPOCH_YEAR = 1970


@dataclasses.dataclass(frozen=True)
class Transition:
    """One change of a zone's offset or name."""

    utc: dt.datetime  # the instant, aware UTC
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str
    dst: bool  # zoneinfo's DST flag after the change

    @property
    def is_daylight(self) -> bool:
        """DAYLIGHT when clocks go forward, as Outlook and vzic label it.

        zoneinfo's own flag would call Dublin's winter time (negative DST)
        daylight time; only a change of name alone falls back to the flag.
        """
        if self.offset_to != self.offset_from:
            return self.offset_to > self.offset_from
        return self.dst

    @property
    def onset(self) -> dt.datetime:
        """Wall-clock time of the change, in the offset before it (RFC 5545 DTSTART)."""
        return (self.utc + self.offset_from).replace(tzinfo=None)


@dataclasses.dataclass(frozen=True)
class _Observance:
    """A group of transitions that one STANDARD or DAYLIGHT describes."""

    transitions: tuple[Transition, ...]
    day_rules: frozenset[str]  # RRULE parts that fit every transition in the group


def vtimezone(zone: ZoneInfo, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for ``zone`` that is right from ``first_year`` to ``last_year`` and after."""
    start = dt.datetime(first_year - 1, 1, 1, tzinfo=_UTC)
    end = dt.datetime(last_year + 2, 1, 1, tzinfo=_UTC)
    found = _known_transitions(zone, start, end)
    groups = _group(found)
    # The yearly rules that begin in the first year scanned were in force before it: from 1970.
    in_force = dt.datetime(first_year, 1, 1, tzinfo=_UTC)
    opening = [group for group in groups if len(group.transitions) > 1 and group.transitions[0].utc < in_force]
    component = Timezone()
    component.add("TZID", zone.key)
    if not opening:
        component.add_component(_initial(zone, start))
    for observance in groups:
        component.add_component(
            _observance(observance, last_scanned_year=last_year + 1, from_epoch=observance in opening)
        )
    return component


# Every event's own .ics needs a VTIMEZONE, nearly always for the same zone and
# years; the day-by-day scan took ~1 s of a 1,000-article build. A bounded memo
# of a pure function: immutable arguments in, a tuple of frozen values out.
@functools.lru_cache(maxsize=64)
def _known_transitions(zone: ZoneInfo, start: dt.datetime, end: dt.datetime) -> tuple[Transition, ...]:
    return tuple(transitions(zone, start, end))


def transitions(zone: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[Transition]:
    """All changes of offset or name between ``start`` and ``end`` (aware)."""
    found = []
    moment = start.astimezone(_UTC)
    state = _state(zone, moment)
    while moment < end:
        later = min(moment + _STEP, end)
        if _state(zone, later) != state:
            change = _first_change(zone, moment, later, state)
            new_state = _state(zone, change)
            found.append(Transition(change, state[0], new_state[0], new_state[1], _is_dst(zone, change)))
            moment, state = change, new_state
        else:
            moment = later
    return found


def _state(zone: ZoneInfo, moment: dt.datetime) -> tuple[dt.timedelta, str]:
    local = moment.astimezone(zone)
    offset = local.utcoffset()
    assert offset is not None  # a time in a ZoneInfo zone always has an offset
    return offset, local.tzname() or ""


def _is_dst(zone: ZoneInfo, moment: dt.datetime) -> bool:
    dst = moment.astimezone(zone).dst()
    assert dst is not None  # a time in a ZoneInfo zone always has a DST offset (maybe zero)
    return dst > dt.timedelta(0)


def _first_change(zone: ZoneInfo, before: dt.datetime, after: dt.datetime, state) -> dt.datetime:
    """The first second in (before, after] whose state differs from ``state`` (bisection)."""
    low, high = int(before.timestamp()), int(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if _state(zone, dt.datetime.fromtimestamp(middle, _UTC)) == state:
            low = middle
        else:
            high = middle
    return dt.datetime.fromtimestamp(high, _UTC)


def _group(found: Iterable[Transition]) -> list[_Observance]:
    """Group transitions into yearly rules, in order of their first onset."""
    closed: list[_Observance] = []
    open_groups: dict[tuple, _Observance] = {}
    for transition in found:
        key = _kind(transition)
        rules = _day_rules(transition.onset.date())
        group = open_groups.get(key)
        if group is not None:
            common = group.day_rules & rules
            previous = group.transitions[-1].onset.year
            if common and previous == transition.onset.year - 1:
                open_groups[key] = _Observance(group.transitions + (transition,), common)
                continue
            closed.append(group)
        open_groups[key] = _Observance((transition,), rules)
    return sorted(closed + list(open_groups.values()), key=lambda g: g.transitions[0].utc)


def _kind(transition: Transition) -> tuple:
    onset = transition.onset
    return (
        transition.offset_from,
        transition.offset_to,
        transition.is_daylight,
        transition.name,
        onset.month,
        onset.time(),
    )


def _day_rules(day: dt.date) -> frozenset[str]:
    """Every RRULE day rule (within BYMONTH) that ``day`` satisfies."""
    weekday = _WEEKDAYS[day.weekday()]
    length = calendar.monthrange(day.year, day.month)[1]
    rules = {f"BYMONTHDAY={day.day}"}
    if day.day + 7 > length:
        rules.add(f"BYDAY=-1{weekday}")
    if day.day <= 28:
        rules.add(f"BYDAY={(day.day - 1) // 7 + 1}{weekday}")
    # "The Friday on or after the 23rd": a weekday within seven given days.
    for first in range(max(1, day.day - 6), day.day + 1):
        if first + 6 <= 31:
            days = ",".join(str(d) for d in range(first, first + 7))
            rules.add(f"BYDAY={weekday};BYMONTHDAY={days}")
    return frozenset(rules)


def _preferred(rules: frozenset[str]) -> str:
    """The simplest of equivalent day rules: last/nth weekday, then a fixed day."""

    def rank(rule: str) -> tuple:
        if rule.startswith("BYDAY=-1"):
            return (0, rule)
        if rule.startswith("BYDAY=") and ";" not in rule:
            return (1, rule)
        if rule.startswith("BYMONTHDAY="):
            return (2, rule)
        return (3, len(rule), rule)

    return min(rules, key=rank)


def _observance(group: _Observance, *, last_scanned_year: int, from_epoch: bool = False):
    first = group.transitions[0]
    last = group.transitions[-1]
    component = TimezoneDaylight() if first.is_daylight else TimezoneStandard()
    parts = f"FREQ=YEARLY;BYMONTH={first.onset.month};{_preferred(group.day_rules)}"
    component.DTSTART = _epoch_onset(parts, first.onset) if from_epoch else first.onset
    component.TZOFFSETFROM = first.offset_from
    component.TZOFFSETTO = first.offset_to
    component.add("TZNAME", first.name)
    if len(group.transitions) > 1:
        ongoing = last.onset.year >= last_scanned_year
        if not ongoing:
            parts += f";UNTIL={_until(last):%Y%m%dT%H%M%SZ}"
        component.add("RRULE", vRecur.from_ical(parts))
    return component


def _epoch_onset(parts: str, onset: dt.datetime) -> dt.datetime:
    """The first onset of the yearly rule ``parts`` in :data:`EPOCH_YEAR`, at ``onset``'s wall-clock time."""
    if onset.year <= EPOCH_YEAR:
        return onset
    since = dt.datetime.combine(dt.date(EPOCH_YEAR, 1, 1), onset.time())
    return next(iter(rrulestr(parts, dtstart=since)))


def _until(last: Transition) -> dt.datetime:
    """UNTIL for a rule whose last onset is ``last`` (a UTC date-time, RFC 5545, 3.3.10).

    The later of the onset's UTC time and its wall-clock time read as UTC: the
    same onsets either way, and parsers that take UNTIL for local time
    (dateutil's ``tzical``) still include the last one.
    """
    return max(last.utc, last.onset.replace(tzinfo=_UTC))


def _initial(zone: ZoneInfo, start: dt.datetime):
    """The observance in force at ``start``, from 1970, for zones without a yearly rule then."""
    offset, name = _state(zone, start)
    component = TimezoneDaylight() if _is_dst(zone, start) else TimezoneStandard()
    component.DTSTART = dt.datetime(EPOCH_YEAR, 1, 1)
    component.TZOFFSETFROM = offset
    component.TZOFFSETTO = offset
    component.add("TZNAME", name)
    return component
