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
  most :data:`MAX_OCCURRENCES` dates, because every date is listed on the
  site. Its first date must be the event's start (RFC 5545 counts DTSTART
  as the first instance even when it does not match the rule; dateutil does
  not, so the two would disagree).
- Without ``uid``, the UID is a UUID 5 of the source path under content/.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
import uuid
import zoneinfo
from collections.abc import Callable, Mapping
from functools import partial

from dateutil.rrule import rrulestr

from . import dates, schema
from .errors import ValidationError
from .frontmatter import FrontMatter, Value
from .model import Event, EventStatus, Location, Registration, Session, When
from .schema import Collector, quote

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
MAX_OCCURRENCES = 366
# Namespace of the default UIDs. Fixed forever: changing it changes every UID.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:qlee:event-uid")
UID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,199}")

EXAMPLE_TIMED = "04.03.2024 09:00"
EXAMPLE_BLOCK = "event: (eingerückt darunter) start: 04.03.2024"
EXAMPLE_LOCATION = "location: (eingerückt darunter) name: LEAG-Qualifizierungszentrum, city: Lübbenau"

_RRULE_PARTS = (
    "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
    "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
)  # fmt: skip
_NUMBER = re.compile(r"-?\d{1,3}(\.\d+)?")

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
    parse: Parse = partial(_parse_when, tz=tz, year_range=(int(low), int(high)))

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
                    value=_raw(block["repeat"]),
                ),
                "event.repeat",
            )
        elif start is not None:
            repeat = found.check("event.repeat", parse_repeat, block["repeat"], start=start)

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


# --- single values --------------------------------------------------------------------


def line_text(value: Value, *, example: str) -> str:
    """One line of plain text, without control characters."""
    result = schema.text(value, example=example)
    for char in result:
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            raise ValidationError(
                f"{quote(value)} enthält ein unsichtbares Steuerzeichen (U+{ord(char):04X}); "
                f"erlaubt ist nur Text in einer Zeile. Beispiel: {example}",
                value=value,
            )
    return result


def http_url(value: Value) -> str:
    """An absolute ``http://`` or ``https://`` address, nothing else (no ``javascript:``)."""
    example = "https://qlee.idloom.events/Wasserstoffexperte2024"
    url = schema.text(value, example=example)
    scheme, _, rest = url.partition(":")
    if (
        scheme.lower() not in ("http", "https")
        or not rest.startswith("//")
        or len(rest) < 3
        or rest[2] in "/?#"
        or any(char.isspace() or unicodedata.category(char) == "Cc" for char in url)
    ):
        raise ValidationError(
            f"{quote(value)} ist keine gültige Internetadresse: erlaubt sind nur Adressen, "
            f"die mit „https://“ oder „http://“ beginnen, ohne Leerzeichen. Beispiel: {example}",
            value=url,
        )
    return url


def parse_timezone(value: Value) -> zoneinfo.ZoneInfo:
    """An IANA time zone name such as ``Europe/Berlin``."""
    name = schema.text(value, example="Europe/Berlin")
    try:
        if name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)  # a file path, not a zone name
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        guess = schema.nearest(name, sorted(zoneinfo.available_timezones()))
        hint = f" Meinten Sie „{guess}“?" if guess else ""
        raise ValidationError(
            f"{quote(value)} ist keine bekannte Zeitzone.{hint} Beispiel: Europe/Berlin",
            value=name,
        ) from None


def parse_uid(value: Value) -> str:
    """A UID editors may write: letters, digits, ``-``, ``_``, ``.``, ``@``; at most 200 characters."""
    uid = schema.text(value, example="7f1c2e9a-4b0d-5c1e-9a3f-2d6b8e0c4a71")
    if not UID_PATTERN.fullmatch(uid):
        raise ValidationError(
            f"{quote(value)} ist keine gültige UID: erlaubt sind höchstens 200 Buchstaben "
            "(ohne Umlaute), Ziffern und die Zeichen - _ . @, beginnend mit einem Buchstaben "
            "oder einer Ziffer. Beispiel: 7f1c2e9a-4b0d-5c1e-9a3f-2d6b8e0c4a71",
            value=uid,
        )
    return uid


def _parse_when(value: Value, *, tz: zoneinfo.ZoneInfo, year_range: tuple[int, int]) -> When:
    """A date or date-time; a written offset (``+01:00``) is kept as the instant, in ``tz``."""
    when = dates.parse_when(schema.text(value, example=EXAMPLE_TIMED), tz=tz, year_range=year_range)
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
                value=_raw(items),
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
                    value=_shown(after.start),
                ),
                f"{field}.start",
            )
            return None
        overlaps = after.start <= before.end if after.all_day else after.start < before.end
        if overlaps:
            found.add(
                ValidationError(
                    f"Der Termin beginnt ({_shown(after.start)}) vor dem Ende des vorigen "
                    f"({_shown(before.end)}). Schreiben Sie die Termine in zeitlicher Reihenfolge "
                    "und ohne Überschneidung.",
                    value=_shown(after.start),
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
                f"überein ({_shown(derived)}). Lassen Sie „{key}“ weg; es ergibt sich aus den Terminen.",
                value=_raw(block[key]),
            ),
            f"event.{key}",
        )
    return first, last


def _same(written: When, derived: When) -> bool:
    if isinstance(written, dt.datetime):
        return isinstance(derived, dt.datetime) and written == derived
    return _day(derived) == written


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


def parse_country(value: Value) -> str:
    """A two-letter ISO 3166 country code (``DE``); lower case is accepted."""
    code = schema.text(value, example="DE")
    if not re.fullmatch(r"[A-Za-z]{2}", code):
        raise ValidationError(
            f"{quote(value)} ist kein Ländercode: erwartet werden zwei Buchstaben nach ISO 3166, "
            "z. B. DE für Deutschland oder PL für Polen.",
            value=code,
        )
    return code.upper()


def parse_postal_code(value: Value, *, country: str) -> str:
    """A postal code; in Germany exactly five digits."""
    code = line_text(value, example="03222")
    if country == "DE" and not re.fullmatch(r"\d{5}", code):
        raise ValidationError(
            f"{quote(value)} ist keine deutsche Postleitzahl: erwartet werden fünf Ziffern, "
            'in Anführungszeichen, z. B. postal_code: "03222".',
            value=code,
        )
    return code


def parse_geo(value: Value) -> tuple[float, float]:
    """``[latitude, longitude]`` in decimal degrees, with a decimal point."""
    example = "geo: [51.87, 13.96]"
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise ValidationError(
            f"{quote(value)} ist keine Koordinate: erwartet werden Breite und Länge als zwei "
            f"Zahlen mit Dezimalpunkt (nicht Komma). Beispiel: {example}",
            value=_raw(value),
        )
    numbers = []
    for number, limit, name in ((value[0].strip(), 90, "Breite"), (value[1].strip(), 180, "Länge")):
        if not _NUMBER.fullmatch(number) or abs(float(number)) > limit:
            raise ValidationError(
                f"{quote(value)}: die {name} „{number}“ ist keine Zahl zwischen -{limit} und "
                f"{limit} mit Dezimalpunkt. Beispiel: {example}",
                value=_raw(value),
            )
        numbers.append(float(number))
    return numbers[0], numbers[1]


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
                    f"({_shown(start)}); er darf spätestens am Tag des Beginns sein. "
                    "Beispiel: deadline: 26.02.2024",
                    value=_raw(block["deadline"]),
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
    return _day(deadline) > _day(start)


# --- repeat -----------------------------------------------------------------------------


def parse_repeat(value: Value, *, start: When) -> str:
    """An RFC 5545 RRULE value (section 3.3.10) that ends, checked against ``start``."""
    example = "FREQ=WEEKLY;COUNT=6"
    rule = line_text(value, example=example).upper().removeprefix("RRULE:")

    def fail(problem: str) -> ValidationError:
        return ValidationError(
            f"{quote(value)} ist keine gültige Wiederholungsregel: {problem} Beispiel: {example}",
            value=_raw(value),
        )

    parts: dict[str, str] = {}
    for part in rule.split(";"):
        name, equals, setting = part.partition("=")
        if not equals or not setting:
            raise fail(f"„{part}“ hat nicht die Form NAME=WERT.")
        if name not in _RRULE_PARTS:
            guess = schema.nearest(name, _RRULE_PARTS)
            raise fail(f"„{name}“ gibt es nicht" + (f" (meinten Sie „{guess}“?)." if guess else "."))
        if name in parts:
            raise fail(f"„{name}“ steht zweimal darin.")
        parts[name] = setting
    if "FREQ" not in parts:
        raise fail("FREQ fehlt (DAILY, WEEKLY, MONTHLY oder YEARLY).")
    if ("COUNT" in parts) == ("UNTIL" in parts):
        raise fail("sie braucht genau eins von COUNT (Anzahl der Termine) oder UNTIL (letzter Tag).")
    timed = isinstance(start, dt.datetime)
    if "UNTIL" in parts:
        until_form = r"\d{8}T\d{6}Z" if timed else r"\d{8}"
        if not re.fullmatch(until_form, parts["UNTIL"]):
            shape = "in UTC wie UNTIL=20240415T220000Z" if timed else "als Datum wie UNTIL=20240415"
            raise fail(f"UNTIL muss bei einer Veranstaltung {'mit' if timed else 'ohne'} Uhrzeit {shape} geschrieben werden.")
    first = start if timed else dt.datetime.combine(start, dt.time())
    try:
        recurrence = rrulestr(rule, dtstart=first)
    except (ValueError, TypeError) as error:
        named = re.search(r"'([A-Z]+)'", str(error))
        raise fail(f"der Teil „{named.group(1)}“ ist ungültig." if named else "sie ist nicht RFC 5545 gemäß.") from None
    dates_ = list(itertools.islice(recurrence, MAX_OCCURRENCES + 1))
    if not dates_:
        raise fail("sie ergibt keinen einzigen Termin.")
    if len(dates_) > MAX_OCCURRENCES:
        raise fail(f"sie ergibt mehr als {MAX_OCCURRENCES} Termine.")
    if dates_[0] != first:
        raise fail(f"der Beginn ({_shown(start)}) ist selbst kein Termin der Regel; passen Sie BYDAY o. Ä. an.")
    return rule


def occurrences(event: Event) -> tuple[Session, ...]:
    """Every meeting of ``event``: its sessions, its repeats, or the event itself.

    Repeats keep the wall-clock time and length of the first meeting.
    """
    if not event.repeat:
        return event.meetings
    first = event.start if not event.all_day else dt.datetime.combine(event.start, dt.time())
    length = event.end - event.start
    starts = itertools.islice(rrulestr(event.repeat, dtstart=first), MAX_OCCURRENCES)
    if event.all_day:
        return tuple(Session(day.date(), day.date() + length) for day in starts)
    return tuple(Session(moment, moment + length) for moment in starts)


def _unknown(
    found: Collector, block: Mapping[str, Value], known: tuple[str, ...], prefix: str, aliases: Mapping[str, str]
) -> set[str]:
    """Report unknown keys; return the known keys they probably meant.

    A misspelt key is one mistake: its error names the right key, and the
    caller does not report that key as missing as well.
    """
    found.extend(schema.unknown_keys(block, known, prefix=prefix, aliases=aliases))
    return {guess for key in block if key not in known and (guess := schema.nearest(key, known, aliases))}


def _raw(value: Value) -> str | None:
    """The value as one text for ``ValidationError.value``."""
    return value if value is None or isinstance(value, str) else quote(value)[1:-1]


def _day(value: When) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _shown(value: When) -> str:
    """A date as editors write it, for messages."""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")
