"""Validation of the ``event:`` block (docs/content-model.md, "The `event` block").

``parse_event`` checks every key and reports every problem, each at the line
of the offending key, and returns a :class:`model.Event` only when the block
is entirely valid. Dates go through our own parser (:mod:`dates`); only the
RRULE of ``repeat`` is checked with python-dateutil.

Decisions the content model leaves open:

- ``sessions`` must be written in chronological order and must not overlap;
  an out-of-order date is more often a typo (wrong month) than intent.
- All sessions are either all-day or timed, not a mix.
- With ``sessions``, a ``start``/``end`` that is written anyway must agree
  with the first session's start and the last session's end (a date alone
  agrees with a timed session on that day).
- ``repeat`` must end: it needs ``COUNT`` or ``UNTIL`` and may produce at
  most :data:`recurrence.MAX_OCCURRENCES` dates, because every date is listed on the
  site. Its first date must be the event's start (RFC 5545 counts DTSTART
  as the first instance even when it does not match the rule; dateutil does
  not, so the two would disagree).
- ``except`` names days of ``repeat`` or ``sessions`` that do not take
  place (a date: every meeting that day; a date with a time: the meeting
  that begins then). Each must name a meeting, and one meeting at least
  must remain: a cancelled event is ``status: cancelled``.
- Without ``uid``, the UID is a UUID 5 of the source path under content/.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import uuid
from collections.abc import Callable, Mapping

from ..errors import ValidationError
from ..events.model import Event, EventStatus, Location, Registration, Session, When, calendar_day, duration, is_meant
from ..events.recurrence import parse_repeat
from . import fieldspec, typed
from .eventvalues import parse_postal_code, raw, shown
from .fieldspec import (
    EVENT,
    EXAMPLE_BLOCK,
    EXAMPLE_LOCATION,
    EXAMPLE_SESSION,
    EXAMPLE_TIMED,
    LOCATION,
    REGISTRATION,
    SESSION,
)
from .frontmatter import FrontMatter, Value
from .typed import Collector, quote

__all__ = ["default_uid", "parse_event"]

# The keys and their parsers are described in fieldspec; the rules across keys are here.
EVENT_KEYS = EVENT.keys
LOCATION_KEYS = LOCATION.keys
REGISTRATION_KEYS = REGISTRATION.keys
SESSION_KEYS = SESSION.keys

MAX_DURATION = dt.timedelta(days=366)
# Namespace of the default UIDs. Fixed forever: changing it changes every UID.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:qlee:event-uid")


Parse = Callable[[Value], When]


def parse_event(
    matter: FrontMatter, *, source: str, settings: Mapping
) -> tuple[Event | None, list[ValidationError]]:
    """Validate ``matter.data["event"]``; the Event, or ``None`` and every error found.

    ``source`` is the file's path under content/ (``kurse/wasserstoff-2024.md``):
    the default UID derives from it.
    """
    found = Collector(matter)
    block = found.check("event", typed.mapping, matter.data.get("event"), example=EXAMPLE_BLOCK)
    if block is None:
        return None, found.errors
    meant = fieldspec.unknown(found, EVENT, block, "event")

    ctx = fieldspec.Context.from_settings(settings)
    tz = ctx.dates.tz
    if "timezone" in block:
        # A wrong zone is reported; dates are still checked in the site's zone.
        tz = _read(found, EVENT, block, "timezone", ctx) or tz
    ctx = dataclasses.replace(ctx, dates=dataclasses.replace(ctx.dates, tz=tz))

    def parse(value: Value) -> When:
        return fieldspec.event_when(value, ctx)

    sessions = _sessions(found, block, parse) if "sessions" in block else None
    start, end = _span(found, block, "event", parse, required=not ({"sessions", "start"} & (meant | set(block))))
    if sessions:
        start, end = _agree_with_sessions(found, block, start, end, sessions)

    status = EventStatus.SCHEDULED
    if "status" in block:
        chosen = _read(found, EVENT, block, "status", ctx)
        status = EventStatus(chosen) if chosen else status
    uid = default_uid(source)
    if "uid" in block:
        uid = _read(found, EVENT, block, "uid", ctx) or uid
    location = _location(found, block["location"], ctx) if "location" in block else None
    online = _read(found, EVENT, block, "online", ctx) if "online" in block else None
    if not ({"location", "online"} & (meant | set(block))):
        found.add(
            ValidationError(
                "Es fehlt ein Ort („location“) oder ein Online-Link („online“); eine Veranstaltung "
                f"braucht mindestens eins davon. Beispiel: {EXAMPLE_LOCATION}"
            ),
            "event",
        )
    registration = _registration(found, block["registration"], ctx, start) if "registration" in block else None
    fee = _read(found, EVENT, block, "fee", ctx) if "fee" in block else None
    organizer = settings["QLEE_ORGANIZER"]
    if "organizer" in block:
        organizer = _read(found, EVENT, block, "organizer", ctx) or organizer
    # The configured address is the site organizer's; another organizer's is not known.
    organizer_email = settings.get("QLEE_ORGANIZER_EMAIL") if organizer == settings["QLEE_ORGANIZER"] else None
    repeat = None
    if "repeat" in block:
        if "sessions" in block:
            found.add(
                ValidationError(
                    "„repeat“ und „sessions“ schließen einander aus: Geben Sie entweder die "
                    "einzelnen Termine unter „sessions“ an oder eine Regel unter „repeat“ "
                    "(z. B. repeat: FREQ=WEEKLY;COUNT=6), nicht beides.",
                    value=raw(block["repeat"]),
                ),
                "event.repeat",
            )
        elif start is not None:
            repeat = found.check(
                "event.repeat", parse_repeat, block["repeat"], start=start, year_range=ctx.dates.year_range
            )

    exceptions = _exceptions(found, block, parse) if "except" in block else ()

    if found.errors or start is None or end is None:
        return None, found.errors
    event = Event(
        start=start,
        end=end,
        timezone=tz,
        uid=uid,
        organizer=organizer,
        status=status,
        location=location,
        online=online,
        registration=registration,
        fee=fee,
        sessions=tuple(sessions or ()),
        repeat=repeat,
        organizer_email=organizer_email,
        exceptions=exceptions,
    )
    _check_exceptions(found, block, event)
    if found.errors:
        return None, found.errors
    return event, []


def default_uid(source: str) -> str:
    """The UID of an event without ``uid:``: a UUID 5 of its path under content/.

    Never from the title (which editors change) or SITEURL (which differs
    between the development and the published build).
    """
    return str(uuid.uuid5(UID_NAMESPACE, source.replace("\\", "/").lstrip("/")))


def _read(found: Collector, group: fieldspec.Field, block: Mapping[str, Value], key: str, ctx: fieldspec.Context):
    """``key`` of ``block`` through its parser in the description, or ``None`` after its error."""
    return found.check(f"event.{key}", group.child(key).read, block[key], ctx)


# --- start and end ----------------------------------------------------------------------


def _span(
    found: Collector, block: Mapping[str, Value], prefix: str, parse: Parse, *, required: bool
) -> tuple[When | None, When | None]:
    """``start`` and ``end`` of ``block``; a missing end means "ends when (or the day) it starts"."""
    start = end = None
    if "start" in block:
        start = found.check(f"{prefix}.start", parse, block["start"])
    elif required:
        found.add(typed.missing(f"{prefix}.start", EXAMPLE_TIMED))
    if "end" in block:
        end = found.check(f"{prefix}.end", parse, block["end"])
    if start is None:
        return None, end
    if end is None:
        return start, (start if "end" not in block else None)
    problem = check_span(start, end)
    if problem:
        found.add(
            ValidationError(problem.format(start=quote(block["start"]), end=quote(block["end"])), value=raw(block["end"])),
            f"{prefix}.end",
        )
        return start, None
    return start, end


def check_span(start: When, end: When) -> str | None:
    """What is wrong with ``end`` for ``start``, as a template with {start}/{end}, or ``None``."""
    timed = isinstance(start, dt.datetime)
    if timed != isinstance(end, dt.datetime):
        return (
            "Das Ende {end} und der Beginn {start} passen nicht zusammen: entweder beide mit "
            "Uhrzeit (z. B. start: 04.03.2024 09:00 und end: 04.03.2024 16:00) oder beide ohne "
            "(ganztägig, z. B. start: 04.03.2024 und end: 08.03.2024)."
        )
    if timed and end <= start:
        return (
            "Das Ende {end} liegt nicht nach dem Beginn {start}. Beispiel: "
            "start: 04.03.2024 09:00 und end: 04.03.2024 16:00"
        )
    if not timed and end < start:
        return (
            "Der letzte Tag {end} liegt vor dem ersten Tag {start}. Beispiel: "
            "start: 04.03.2024 und end: 08.03.2024 (end ist der letzte Tag)"
        )
    length = duration(start, end) if timed else (duration(start, end) + dt.timedelta(days=1))
    if length > MAX_DURATION:
        return (
            "Vom Beginn {start} bis zum Ende {end} vergehen mehr als 366 Tage; eine "
            "Veranstaltung dauert höchstens ein Jahr. Für eine Reihe von Terminen nutzen Sie "
            "„sessions“ oder „repeat“ (z. B. repeat: FREQ=WEEKLY;COUNT=6)."
        )
    return None


# --- sessions ---------------------------------------------------------------------------


def _sessions(found: Collector, block: Mapping[str, Value], parse: Parse) -> list[Session] | None:
    example = EXAMPLE_SESSION
    items = block["sessions"]
    if not isinstance(items, list) or not items:
        found.add(
            ValidationError(
                f"„sessions“ muss eine Liste von Terminen sein, jeder mit „start“ und „end“; "
                f"gefunden: {quote(items)}. Beispiel: {example}",
                value=raw(items),
            ),
            "event.sessions",
        )
        return None
    sessions: list[tuple[str, Session]] = []
    for index, item in enumerate(items):
        field = f"event.sessions[{index}]"
        meeting = found.check(field, typed.mapping, item, example=example)
        if meeting is None:
            continue
        meant = fieldspec.unknown(found, SESSION, meeting, field)
        start, end = _span(found, meeting, field, parse, required="start" not in meant)
        if start is not None and end is not None:
            sessions.append((field, Session(start, end)))
    if not sessions:
        return None
    first_kind = sessions[0][1].all_day
    for (_, before), (field, after) in itertools.pairwise(sessions):
        if after.all_day != first_kind:
            found.add(
                ValidationError(
                    "Alle Termine unter „sessions“ sind entweder ganztägig (nur Datum) oder haben "
                    "Uhrzeiten; dieser weicht vom ersten ab. Beispiel: start: 11.03.2024 09:00",
                    value=shown(after.start),
                ),
                f"{field}.start",
            )
            return None
        overlaps = after.start <= before.end if after.all_day else after.start < before.end
        if overlaps:
            found.add(
                ValidationError(
                    f"Der Termin beginnt ({shown(after.start)}) vor dem Ende des vorigen "
                    f"({shown(before.end)}). Schreiben Sie die Termine in zeitlicher Reihenfolge "
                    "und ohne Überschneidung.",
                    value=shown(after.start),
                ),
                f"{field}.start",
            )
    return [session for _, session in sessions]


def _agree_with_sessions(
    found: Collector, block: Mapping[str, Value], start: When | None, end: When | None, sessions: list[Session]
) -> tuple[When, When]:
    """The event's span from its sessions; a ``start``/``end`` written as well must agree."""
    first, last = sessions[0].start, sessions[-1].end
    for key, written, derived, which in (("start", start, first, "Beginn des ersten"), ("end", end, last, "Ende des letzten")):
        if key not in block or written is None or _same(written, derived):
            continue
        found.add(
            ValidationError(
                f"{quote(block[key])} stimmt nicht mit dem {which} Termins unter „sessions“ "
                f"überein ({shown(derived)}). Lassen Sie „{key}“ weg; es ergibt sich aus den Terminen.",
                value=raw(block[key]),
            ),
            f"event.{key}",
        )
    return first, last


def _same(written: When, derived: When) -> bool:
    if isinstance(written, dt.datetime):
        return isinstance(derived, dt.datetime) and written == derived
    return calendar_day(derived) == written


# --- except -----------------------------------------------------------------------------

EXAMPLE_EXCEPT = "except: [06.04.2026, 25.05.2026]"


def _exceptions(found: Collector, block: Mapping[str, Value], parse: Parse) -> tuple[When, ...]:
    """The dates under ``except`` (a list, or one date), each checked where it stands."""
    if "repeat" not in block and "sessions" not in block:
        found.add(
            ValidationError(
                "„except“ nennt Tage, an denen ein Termin einer Wiederholung („repeat“) oder unter "
                "„sessions“ entfällt. Fällt eine einzelne Veranstaltung aus, schreiben Sie stattdessen "
                "status: cancelled.",
                value=raw(block["except"]),
            ),
            "event.except",
        )
        return ()
    written = block["except"]
    items = written if isinstance(written, list) else [written]
    if not items or any(isinstance(item, (list, dict)) for item in items):
        found.add(
            ValidationError(
                f"„except“ ist eine Liste von Tagen; gefunden: {quote(written)}. Beispiel: {EXAMPLE_EXCEPT}",
                value=raw(written),
            ),
            "event.except",
        )
        return ()
    days: list[When] = []
    for index, item in enumerate(items):
        field = f"event.except[{index}]" if isinstance(written, list) else "event.except"
        day = found.check(field, parse, item)
        if day is None:
            continue
        if day in days:
            found.add(ValidationError(f"{quote(item)} steht zweimal unter „except“.", value=raw(item)), field)
            continue
        days.append(day)
    return tuple(days)


def _check_exceptions(found: Collector, block: Mapping[str, Value], event: Event) -> None:
    """Each exception names a meeting of the event, and one meeting at least remains."""
    if not event.exceptions:
        return
    written = block["except"]
    for index, day in enumerate(event.exceptions):
        if any(is_meant(meeting.start, day) for meeting in event.schedule):
            continue
        nearest = min(event.schedule, key=lambda meeting: abs(calendar_day(meeting.start) - calendar_day(day)))
        found.add(
            ValidationError(
                f"Am {shown(day)} ist kein Termin dieser Veranstaltung, der entfallen könnte; "
                f"der nächstgelegene ist am {_weekday(nearest.start)}, {shown(nearest.start)}. "
                "Unter „except“ stehen nur Tage, an denen sonst ein Termin wäre.",
                value=shown(day),
            ),
            f"event.except[{index}]" if isinstance(written, list) else "event.except",
        )
    if not found.errors and not event.occurrences:
        found.add(
            ValidationError(
                "Unter „except“ stehen alle Termine; es fände keiner statt. Ist die Veranstaltung "
                "abgesagt, schreiben Sie stattdessen status: cancelled.",
                value=raw(written),
            ),
            "event.except",
        )


_WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def _weekday(value: When) -> str:
    return _WEEKDAYS[calendar_day(value).weekday()]


# --- location and registration ----------------------------------------------------------


def _location(found: Collector, value: Value, ctx: fieldspec.Context) -> Location | None:
    before = len(found.errors)
    parts = fieldspec.read_group(found, LOCATION, value, "event.location", ctx, skip=("postal_code",))
    if parts is None:
        return None
    assert isinstance(value, dict)  # read_group gives None for anything but a mapping
    country = parts.pop("country", None) or "DE"
    if "postal_code" in value:
        # Five digits in Germany: the rule depends on the country.
        parts["postal_code"] = found.check(
            "event.location.postal_code", parse_postal_code, value["postal_code"], country=country
        )
    if len(found.errors) > before:
        return None
    return Location(country=country, **parts)


def _registration(found: Collector, value: Value, ctx: fieldspec.Context, start: When | None) -> Registration | None:
    before = len(found.errors)
    parts = fieldspec.read_group(found, REGISTRATION, value, "event.registration", ctx)
    if parts is None:
        return None
    assert isinstance(value, dict)  # read_group gives None for anything but a mapping
    deadline = parts.get("deadline")
    if deadline is not None and start is not None and _after(deadline, start):
        found.add(
            ValidationError(
                f"Der Anmeldeschluss {quote(value['deadline'])} liegt nach dem Beginn "
                f"({shown(start)}); {_deadline_rule(deadline, start)} "
                f"Beispiel: deadline: {calendar_day(start) - dt.timedelta(days=7):%d.%m.%Y}",
                value=raw(value["deadline"]),
            ),
            "event.registration.deadline",
        )
    if len(found.errors) > before or parts.get("url") is None:
        return None
    return Registration(url=parts["url"], deadline=deadline)


def _deadline_rule(deadline: When, start: When) -> str:
    """The rule a late deadline breaks: on the start's own day it must be before the start's time."""
    if isinstance(start, dt.datetime) and calendar_day(deadline) == calendar_day(start):
        return "am Tag des Beginns muss er vor der Uhrzeit des Beginns liegen."
    return "er darf spätestens am Tag des Beginns sein."


def _after(deadline: When, start: When) -> bool:
    """Whether ``deadline`` is after ``start``; a date alone compares as that whole day."""
    if isinstance(deadline, dt.datetime) and isinstance(start, dt.datetime):
        return deadline > start
    return calendar_day(deadline) > calendar_day(start)
