"""Validation of the ``event:`` block (shared content model, "The event block").

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
- Without ``uid``, the UID is a UUID 5 of the source path under content/.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
import zoneinfo
from collections.abc import Callable, Mapping
from functools import partial

from . import dates, schema
from .buildtime import build_date_if_known
from .errors import ValidationError
from .eventvalues import (
    http_url,
    line_text,
    parse_country,
    parse_geo,
    parse_postal_code,
    parse_timezone,
    parse_uid,
    raw,
    shown,
)
from .frontmatter import FrontMatter, Value
from .model import Event, EventStatus, Location, Registration, Session, When, calendar_day
from .recurrence import parse_repeat
from .schema import Collector, quote

__all__ = ["default_uid", "parse_event"]

EVENT_KEYS = (
    "start", "end", "timezone", "status", "uid", "location", "online",
    "registration", "fee", "organizer", "sessions", "repeat",
)  # fmt: skip
LOCATION_KEYS = ("name", "street", "postal_code", "city", "country", "geo")
REGISTRATION_KEYS = ("url", "deadline")
SESSION_KEYS = ("start", "end")

# German words editors are likely to write for our English keys.
EVENT_ALIASES = {
    "beginn": "start", "anfang": "start", "ende": "end", "zeitzone": "timezone",
    "ort": "location", "anmeldung": "registration", "kosten": "fee", "gebühr": "fee",
    "preis": "fee", "veranstalter": "organizer", "termine": "sessions",
    "wiederholung": "repeat",
}  # fmt: skip
LOCATION_ALIASES = {
    "straße": "street", "strasse": "street", "plz": "postal_code",
    "postleitzahl": "postal_code", "ort": "city", "stadt": "city", "land": "country",
}  # fmt: skip
REGISTRATION_ALIASES = {"link": "url", "frist": "deadline", "anmeldeschluss": "deadline"}
SESSION_ALIASES = {"beginn": "start", "ende": "end"}

MAX_DURATION = dt.timedelta(days=366)
# Namespace of the default UIDs. Fixed forever: changing it changes every UID.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:qlee:event-uid")

EXAMPLE_TIMED = "04.03.2024 09:00"
EXAMPLE_BLOCK = "event: (eingerückt darunter) start: 04.03.2024"
EXAMPLE_LOCATION = "location: (eingerückt darunter) name: LEAG-Qualifizierungszentrum, city: Lübbenau"


Parse = Callable[[Value], When]


def parse_event(
    matter: FrontMatter, *, source: str, settings: Mapping
) -> tuple[Event | None, list[ValidationError]]:
    """Validate ``matter.data["event"]``; the Event, or ``None`` and every error found.

    ``source`` is the file's path under content/ (``kurse/wasserstoff-2024.md``):
    the default UID derives from it.
    """
    found = Collector(matter)
    block = found.check("event", schema.mapping, matter.data.get("event"), example=EXAMPLE_BLOCK)
    if block is None:
        return None, found.errors
    meant = _unknown(found, block, EVENT_KEYS, "event", EVENT_ALIASES)

    tz = zoneinfo.ZoneInfo(settings["TIMEZONE"])
    if "timezone" in block:
        # A wrong zone is reported; dates are still checked in the site's zone.
        tz = found.check("event.timezone", parse_timezone, block["timezone"]) or tz
    low, high = settings.get("QLEE_YEAR_RANGE", (1990, 2100))
    parse: Parse = partial(
        _parse_when, tz=tz, year_range=(int(low), int(high)), today=build_date_if_known()
    )

    sessions = _sessions(found, block, parse) if "sessions" in block else None
    start, end = _span(found, block, "event", parse, required=not ({"sessions", "start"} & (meant | set(block))))
    if sessions:
        start, end = _agree_with_sessions(found, block, start, end, sessions)

    status = EventStatus.SCHEDULED
    if "status" in block:
        chosen = found.check("event.status", schema.choice, block["status"], [s.value for s in EventStatus])
        status = EventStatus(chosen) if chosen else status
    uid = default_uid(source)
    if "uid" in block:
        uid = found.check("event.uid", parse_uid, block["uid"]) or uid
    location = _location(found, block["location"]) if "location" in block else None
    online = found.check("event.online", http_url, block["online"]) if "online" in block else None
    if not ({"location", "online"} & (meant | set(block))):
        found.add(
            ValidationError(
                "Es fehlt ein Ort („location“) oder ein Online-Link („online“); eine Veranstaltung "
                f"braucht mindestens eins davon. Beispiel: {EXAMPLE_LOCATION}"
            ),
            "event",
        )
    registration = _registration(found, block["registration"], parse, start) if "registration" in block else None
    fee = found.check("event.fee", line_text, block["fee"], example="kostenfrei") if "fee" in block else None
    organizer = settings.get("QLEE_ORGANIZER", "")
    if "organizer" in block:
        organizer = found.check("event.organizer", line_text, block["organizer"], example="QLEE") or organizer
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
                "event.repeat", parse_repeat, block["repeat"], start=start, year_range=(int(low), int(high))
            )

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
    )
    return event, []


def default_uid(source: str) -> str:
    """The UID of an event without ``uid:``: a UUID 5 of its path under content/.

    Never from the title (which editors change) or SITEURL (which differs
    between the development and the published build).
    """
    return str(uuid.uuid5(UID_NAMESPACE, source.replace("\\", "/").lstrip("/")))


def _parse_when(
    value: Value, *, tz: zoneinfo.ZoneInfo, year_range: tuple[int, int], today: dt.date | None
) -> When:
    """A date or date-time in ``tz``; a written offset (``+01:00``) must be ``tz``'s own."""
    text = schema.text(value, example=EXAMPLE_TIMED)
    when = dates.parse_when(text, tz=tz, year_range=year_range, today=today)
    return when.astimezone(tz) if isinstance(when, dt.datetime) else when


# --- start and end ----------------------------------------------------------------------


def _span(
    found: Collector, block: Mapping[str, Value], prefix: str, parse: Parse, *, required: bool
) -> tuple[When | None, When | None]:
    """``start`` and ``end`` of ``block``; a missing end means "ends when (or the day) it starts"."""
    start = end = None
    if "start" in block:
        start = found.check(f"{prefix}.start", parse, block["start"])
    elif required:
        found.add(schema.missing(f"{prefix}.start", EXAMPLE_TIMED))
    if "end" in block:
        end = found.check(f"{prefix}.end", parse, block["end"])
    if start is None:
        return None, end
    if end is None:
        return start, (start if "end" not in block else None)
    problem = check_span(start, end)
    if problem:
        found.add(
            ValidationError(problem.format(start=quote(block["start"]), end=quote(block["end"])), value=block["end"]),
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
    length = (end - start) if timed else (end - start + dt.timedelta(days=1))
    if length > MAX_DURATION:
        return (
            "Vom Beginn {start} bis zum Ende {end} vergehen mehr als 366 Tage; eine "
            "Veranstaltung dauert höchstens ein Jahr. Für eine Reihe von Terminen nutzen Sie "
            "„sessions“ oder „repeat“ (z. B. repeat: FREQ=WEEKLY;COUNT=6)."
        )
    return None


# --- sessions ---------------------------------------------------------------------------


def _sessions(found: Collector, block: Mapping[str, Value], parse: Parse) -> list[Session] | None:
    example = "- start: 04.03.2024 09:00 (eingerückt darunter) end: 04.03.2024 16:00"
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
        meeting = found.check(field, schema.mapping, item, example=example)
        if meeting is None:
            continue
        meant = _unknown(found, meeting, SESSION_KEYS, field, SESSION_ALIASES)
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


# --- location and registration ----------------------------------------------------------


def _location(found: Collector, value: Value) -> Location | None:
    block = found.check("event.location", schema.mapping, value, example=EXAMPLE_LOCATION)
    if block is None:
        return None
    before = len(found.errors)
    meant = _unknown(found, block, LOCATION_KEYS, "event.location", LOCATION_ALIASES)
    parts: dict[str, str | None] = {}
    for key, example, required in (
        ("name", "LEAG-Qualifizierungszentrum", True),
        ("city", "Lübbenau", True),
        ("street", "Musterstraße 1", False),
    ):
        if key in block:
            parts[key] = found.check(f"event.location.{key}", line_text, block[key], example=example)
        elif required and key not in meant:
            found.add(schema.missing(f"event.location.{key}", example))
    country = "DE"
    if "country" in block:
        country = found.check("event.location.country", parse_country, block["country"]) or country
    if "postal_code" in block:
        parts["postal_code"] = found.check(
            "event.location.postal_code", parse_postal_code, block["postal_code"], country=country
        )
    geo = found.check("event.location.geo", parse_geo, block["geo"]) if "geo" in block else None
    if len(found.errors) > before:
        return None
    return Location(country=country, geo=geo, **parts)  # type: ignore[arg-type]


def _registration(found: Collector, value: Value, parse: Parse, start: When | None) -> Registration | None:
    example = "registration: (eingerückt darunter) url: https://qlee.idloom.events/Wasserstoffexperte2024"
    block = found.check("event.registration", schema.mapping, value, example=example)
    if block is None:
        return None
    before = len(found.errors)
    meant = _unknown(found, block, REGISTRATION_KEYS, "event.registration", REGISTRATION_ALIASES)
    url = None
    if "url" in block:
        url = found.check("event.registration.url", http_url, block["url"])
    elif "url" not in meant:
        found.add(schema.missing("event.registration.url", "https://qlee.idloom.events/Wasserstoffexperte2024"))
    deadline = None
    if "deadline" in block:
        deadline = found.check("event.registration.deadline", parse, block["deadline"])
        if deadline is not None and start is not None and _after(deadline, start):
            found.add(
                ValidationError(
                    f"Der Anmeldeschluss {quote(block['deadline'])} liegt nach dem Beginn "
                    f"({shown(start)}); er darf spätestens am Tag des Beginns sein. "
                    "Beispiel: deadline: 26.02.2024",
                    value=raw(block["deadline"]),
                ),
                "event.registration.deadline",
            )
    if len(found.errors) > before or url is None:
        return None
    return Registration(url=url, deadline=deadline)


def _after(deadline: When, start: When) -> bool:
    """Whether ``deadline`` is after ``start``; a date alone compares as that whole day."""
    if isinstance(deadline, dt.datetime) and isinstance(start, dt.datetime):
        return deadline > start
    return calendar_day(deadline) > calendar_day(start)


def _unknown(
    found: Collector, block: Mapping[str, Value], known: tuple[str, ...], prefix: str, aliases: Mapping[str, str]
) -> set[str]:
    """Report unknown keys; return the known keys they probably meant.

    A misspelt key is one mistake: its error names the right key, and the
    caller does not report that key as missing as well.
    """
    found.extend(schema.unknown_keys(block, known, prefix=prefix, aliases=aliases))
    return {guess for key in block if key not in known and (guess := schema.nearest(key, known, aliases))}
