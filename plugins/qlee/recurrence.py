"""``repeat:``, an RFC 5545 RRULE (section 3.3.10), checked with python-dateutil.

A rule must end (``COUNT`` or ``UNTIL``) and may give at most
:data:`MAX_OCCURRENCES` dates, because every date is listed on the site. Its
first date must be the event's start: RFC 5545 counts DTSTART as the first
instance even when it does not match the rule, dateutil does not, and the
site and calendar apps would disagree.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from dateutil.rrule import rrulestr

from . import schema
from .errors import ValidationError
from .eventvalues import line_text, raw, shown
from .frontmatter import Value
from .model import Event, Session, When
from .schema import quote

MAX_OCCURRENCES = 366
_RRULE_PARTS = (
    "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
    "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
)  # fmt: skip


def parse_repeat(value: Value, *, start: When) -> str:
    """An RFC 5545 RRULE value (section 3.3.10) that ends, checked against ``start``."""
    example = "FREQ=WEEKLY;COUNT=6"
    rule = line_text(value, example=example).upper().removeprefix("RRULE:")

    def fail(problem: str) -> ValidationError:
        return ValidationError(
            f"{quote(value)} ist keine gültige Wiederholungsregel: {problem} Beispiel: {example}",
            value=raw(value),
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
        raise fail(f"der Beginn ({shown(start)}) ist selbst kein Termin der Regel; passen Sie BYDAY o. Ä. an.")
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
