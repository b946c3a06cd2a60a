"""``repeat:``, an RFC 5545 RRULE (section 3.3.10), checked with python-dateutil.

Editors may write the rule in words instead (:mod:`repeatphrase`:
``wöchentlich montags bis 30.06.2026``); the words become an RRULE first.

A rule must end (``COUNT`` or ``UNTIL``) and may give at most
:data:`MAX_OCCURRENCES` dates, because every date is listed on the site; for
the same reason ``FREQ`` is DAILY, WEEKLY, MONTHLY or YEARLY, never by the
hour or finer. Its first date must be the event's start: RFC 5545 counts
DTSTART as the first instance even when it does not match the rule, dateutil
does not, and the site and calendar apps would disagree.

``UNTIL`` may be written as editors write a date (``UNTIL=2024-04-15``,
``UNTIL=15.04.2024``, ``UNTIL=20240415``): the last day, in the event's zone.
The rule is kept in RFC form, which calendar apps read: a date for all-day
events, the last second of that day in UTC for timed ones.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from ..content import dates, typed
from ..content.eventvalues import line_text, raw, shown
from ..content.frontmatter import Value
from ..content.typed import quote
from ..errors import ValidationError
from . import repeatphrase
from .model import MAX_OCCURRENCES, When, end_instant, is_timed, rule_start, utc

_RRULE_PARTS = (
    "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
    "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
)  # fmt: skip
# Every meeting is listed on the site: no rules by the hour or finer. German words for messages.
FREQUENCIES = {"DAILY": "täglich", "WEEKLY": "wöchentlich", "MONTHLY": "monatlich", "YEARLY": "jährlich"}
_TOO_OFTEN = {"SECONDLY": "jede Sekunde", "MINUTELY": "jede Minute", "HOURLY": "jede Stunde"}
EXAMPLE = "FREQ=WEEKLY;COUNT=6"
EXAMPLE_UNTIL = "FREQ=WEEKLY;UNTIL=2024-04-15"
_UTC = ZoneInfo("UTC")  # only for reading a date; its wall time is never used


def parse_repeat(
    value: Value, *, start: When, year_range: tuple[int, int] = dates.DEFAULT_YEAR_RANGE
) -> str:
    """An RFC 5545 RRULE value (section 3.3.10) that ends, checked against ``start``.

    ``UNTIL`` may also be written as editors write dates (``2024-04-15``,
    ``15.04.2024``, ``20240415``): the last day, in the event's zone. The rule
    comes back in RFC form, with UNTIL in UTC (``20240415T215959Z``) for a
    timed event and as a date (``20240415``) for an all-day one.
    """
    rule = line_text(value, example=EXAMPLE).strip()
    # Words are answered with an example in words, a rule with a rule.
    usual = EXAMPLE
    if repeatphrase.is_phrase(rule):
        rule, usual = repeatphrase.to_rrule(value, rule, start=start, year_range=year_range), repeatphrase.EXAMPLE
    rule = rule.upper().removeprefix("RRULE:")

    def fail(problem: str, example: str | None = None) -> ValidationError:
        return ValidationError(
            f"{quote(value)} ist keine gültige Wiederholungsregel: {problem} Beispiel: {example or usual}",
            value=raw(value),
        )

    parts: dict[str, str] = {}
    for part in rule.split(";"):
        name, equals, setting = (piece.strip() for piece in part.partition("="))
        if not equals or not setting:
            raise fail(f"„{part}“ hat nicht die Form NAME=WERT.")
        if name not in _RRULE_PARTS:
            guess = typed.nearest(name, _RRULE_PARTS)
            raise fail(f"„{name}“ gibt es nicht" + (f" (meinten Sie „{guess}“?)." if guess else "."))
        if name in parts:
            raise fail(f"„{name}“ steht zweimal darin.")
        parts[name] = setting
    allowed = ", ".join(f"{name} ({word})" for name, word in FREQUENCIES.items())
    if "FREQ" not in parts:
        raise fail(f"FREQ fehlt; erlaubt sind {allowed}.")
    if parts["FREQ"] in _TOO_OFTEN:
        raise fail(
            f"FREQ={parts['FREQ']} ({_TOO_OFTEN[parts['FREQ']]} ein Termin) wird nicht unterstützt, "
            f"denn jeder Termin steht einzeln auf der Website. Erlaubt sind {allowed}."
        )
    if parts["FREQ"] not in FREQUENCIES:
        guess = typed.nearest(parts["FREQ"], FREQUENCIES)
        hint = f" Meinten Sie „FREQ={guess}“?" if guess else ""
        raise fail(f"„FREQ={parts['FREQ']}“ gibt es nicht; erlaubt sind {allowed}.{hint}")
    if ("COUNT" in parts) == ("UNTIL" in parts):
        raise fail("sie braucht genau eins von COUNT (Anzahl der Termine) oder UNTIL (letzter Tag).")
    timed = is_timed(start)
    if "UNTIL" in parts:
        parts["UNTIL"] = _until(parts["UNTIL"], start, year_range, fail)
    rule = ";".join(f"{name}={setting}" for name, setting in parts.items())
    first = rule_start(start)
    if "UNTIL" in parts and parts["UNTIL"] < _rfc(first, timed):
        raise fail(f"UNTIL (der letzte Tag) liegt vor dem Beginn ({shown(start)}).", EXAMPLE_UNTIL)
    try:
        recurrence = rrulestr(rule, dtstart=first)
    except (ValueError, TypeError) as error:
        named = re.search(r"'([A-Z]+)'", str(error))
        raise fail(f"der Teil „{named.group(1)}“ ist ungültig." if named else "sie ist nicht RFC 5545 gemäß.") from None
    if not _any_day(parts):
        raise fail("sie ergibt keinen einzigen Termin.")
    dates_: list[dt.datetime] = []
    try:
        # Stops at the last allowed year: dateutil alone would go on to the year 9999.
        for when in itertools.islice(recurrence, MAX_OCCURRENCES + 1):
            if when.year > year_range[1]:
                raise fail(
                    f"der {len(dates_) + 1}. Termin läge im Jahr {when.year}, nach {year_range[1]}. "
                    "Verringern Sie COUNT oder INTERVAL."
                )
            dates_.append(when)
    except OverflowError:  # past the year 9999
        raise fail(
            f"ihre Termine reichen über das Jahr {year_range[1]} hinaus. Verringern Sie COUNT oder INTERVAL."
        ) from None
    if not dates_:
        raise fail("sie ergibt keinen einzigen Termin.")
    if len(dates_) > MAX_OCCURRENCES:
        raise fail(f"sie ergibt mehr als {MAX_OCCURRENCES} Termine.")
    if dates_[0] != first:
        raise fail(f"der Beginn ({shown(start)}) ist selbst kein Termin der Regel; passen Sie BYDAY o. Ä. an.")
    return rule


# Parts that only pick days; BYDAY with a number (2MO) means something else per FREQ.
_DAY_FILTERS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY", "WKST")
# The Gregorian calendar repeats every 400 years, weekdays and week numbers included.
_CYCLE_START = dt.datetime(9599, 1, 1)


def _any_day(parts: dict[str, str]) -> bool:
    """Whether the rule's day filters match any day at all (``BYMONTH=2;BYMONTHDAY=30`` never does).

    dateutil searches for a matching day up to the year 9999, seconds for a daily
    rule; one year at a time over one 400-year cycle takes a few hundredths.
    """
    chosen = {name: parts[name] for name in _DAY_FILTERS if name in parts}
    if re.search(r"\d", chosen.get("BYDAY", "")):
        del chosen["BYDAY"]
    if len(chosen) - ("WKST" in chosen) < 2:
        return True  # a single filter always matches some day (dateutil checks the values)
    rule = ";".join(["FREQ=YEARLY", "COUNT=1", *(f"{name}={value}" for name, value in chosen.items())])
    try:
        return any(True for _ in rrulestr(rule, dtstart=_CYCLE_START))
    except (ValueError, TypeError, OverflowError):
        return True  # the rule itself is checked (and explained) by the caller


def _rfc(moment: dt.datetime, timed: bool) -> str:
    """``moment`` as UNTIL would write it (UTC for timed events), for comparing."""
    if timed:
        return utc(moment).strftime("%Y%m%dT%H%M%SZ")
    return moment.strftime("%Y%m%d")


def _until(written: str, start: When, year_range: tuple[int, int], fail) -> str:
    """UNTIL in RFC form: a date for all-day events, the end of the last day in UTC for timed ones.

    RFC 5545 (3.3.10) wants UNTIL in UTC when DTSTART has a time zone; editors
    think of the last day in the event's own zone, so that day's last second
    there is converted (``2024-04-15`` in Berlin: ``20240415T215959Z``).
    """
    timed = is_timed(start)
    if re.fullmatch(r"\d{8}T\d{6}Z", written):
        if not timed:
            raise fail(
                "UNTIL ist bei einer ganztägigen Veranstaltung ein Datum ohne Uhrzeit, z. B. UNTIL=2024-04-15.",
                EXAMPLE_UNTIL,
            )
        return written
    if re.fullmatch(r"\d{8}T\d{6}", written):
        raise fail(
            "UNTIL mit Uhrzeit muss in UTC stehen (mit „Z“ am Ende); einfacher ist der letzte Tag "
            "als Datum, z. B. UNTIL=2024-04-15.",
            EXAMPLE_UNTIL,
        )
    text = f"{written[:4]}-{written[4:6]}-{written[6:]}" if re.fullmatch(r"\d{8}", written) else written
    try:
        last = dates.parse_when(text, tz=_UTC, year_range=year_range)
    except ValidationError:
        last = None
    if last is None or is_timed(last):
        raise fail(
            f"UNTIL={written} ist kein gültiges Datum. Schreiben Sie den letzten Tag der Wiederholung, "
            "z. B. UNTIL=2024-04-15 oder UNTIL=15.04.2024.",
            EXAMPLE_UNTIL,
        )
    if not is_timed(start):
        return last.strftime("%Y%m%d")
    assert start.tzinfo is not None  # parse_when gives every time a zone
    last_second = utc(end_instant(last, start.tzinfo)) - dt.timedelta(seconds=1)
    return last_second.strftime("%Y%m%dT%H%M%SZ")

