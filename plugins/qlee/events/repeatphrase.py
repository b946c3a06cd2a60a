"""``repeat:`` in words: a short German phrase that becomes an RRULE.

Editors write how often, optionally on which days, and until when or how
many times, in one line::

    wöchentlich montags und mittwochs bis 30.06.2026
    alle 2 Wochen, 6-mal
    täglich bis 08.03.2024
    monatlich am ersten Montag, 10-mal
    jeden Dienstag bis 15.12.2026

A phrase rather than a YAML mapping: one line is what a form field (Decap
CMS) and the JSON Schema already offer for ``repeat``, and each word can be
checked and named in a message. The phrase becomes the same RRULE an editor
could have written (``FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=2026-06-30``);
:func:`recurrence.parse_repeat` checks that like any other rule. What only
the phrase knows (a weekday the start is not on, ``bis`` before the start) is
checked here, so that the message speaks of the words written.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from zoneinfo import ZoneInfo

from ..content import dates, typed
from ..content.frontmatter import Value
from ..content.typed import quote
from ..errors import ValidationError
from .model import When, calendar_day

_UTC = ZoneInfo("UTC")  # only for reading a date; its wall time is never used
EXAMPLE = "wöchentlich montags und mittwochs bis 30.06.2026"

# How often: one word, "jede(n/s) <unit>" or "alle <n> <units>".
_ADVERBS = {"täglich": "DAILY", "wöchentlich": "WEEKLY", "monatlich": "MONTHLY", "jährlich": "YEARLY"}
_UNITS = {
    "tag": "DAILY", "tage": "DAILY", "woche": "WEEKLY", "wochen": "WEEKLY",
    "monat": "MONTHLY", "monate": "MONTHLY", "jahr": "YEARLY", "jahre": "YEARLY",
}  # fmt: skip
_EACH = ("jede", "jeden", "jedes")
_NUMBERS = {"eins": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
            "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12}  # fmt: skip
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_DAY_WORDS = {
    word: index
    for index, name in enumerate(_DAY_NAMES)
    for word in (name.lower(), name.lower() + "s", name[:2].lower(), name[:2].lower() + ".")
}
_ORDINALS = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "letzten": -1,
             "1.": 1, "2.": 2, "3.": 3, "4.": 4}  # fmt: skip
_FILLERS = {"und", "sowie", "am", "an", "immer"}
_TIMES = {"mal", "-mal", "termine", "male"}
# Every word the phrase knows, for "Meinten Sie …?".
_VOCABULARY = sorted(
    {*_ADVERBS, *_UNITS, *_EACH, "alle", *_NUMBERS, *_DAY_WORDS, *_ORDINALS, *_FILLERS, *_TIMES, "bis"}
)
_SPELLINGS = {"taeglich": "täglich", "woechentlich": "wöchentlich", "jaehrlich": "jährlich", "zwoelf": "zwölf",
              "fuenf": "fünf"}  # fmt: skip


def is_phrase(text: str) -> bool:
    """Whether ``text`` is meant as words rather than an RRULE (which always has ``=``)."""
    return "=" not in text and not text.strip().upper().startswith(("RRULE", "FREQ"))


def to_rrule(value: Value, text: str, *, start: When, year_range: tuple[int, int]) -> str:
    """The RRULE of the phrase ``text`` (written as ``value``), with UNTIL as the date written."""

    def fail(problem: str) -> ValidationError:
        return ValidationError(
            f"{quote(value)} ist keine gültige Wiederholung: {problem} Beispiel: {EXAMPLE}",
            value=text,
        )

    words = _words(text)
    freq, interval, rest = _frequency(words, fail)
    days, ordinal, rest = _weekdays(rest, fail)
    count, until, rest = _end(rest, year_range, fail)
    if rest:
        raise fail(_unexpected(rest[0]))
    if freq is None:
        if not days:
            raise fail(
                "es fehlt, wie oft: „täglich“, „wöchentlich“, „monatlich“, „jährlich“, „alle 2 Wochen“ "
                "oder ein Wochentag wie „jeden Montag“."
            )
        freq = "MONTHLY" if ordinal else "WEEKLY"
    if count is None and until is None:
        raise fail(
            "es fehlt, wie lange: „bis“ mit dem letzten Tag (z. B. „bis 30.06.2026“) oder die Anzahl "
            "der Termine (z. B. „6-mal“)."
        )
    if days and (freq not in ("WEEKLY", "MONTHLY") or (freq == "MONTHLY" and not ordinal)):
        raise fail(
            "Wochentage passen zu „wöchentlich“ oder „alle 2 Wochen“, bei „monatlich“ nur mit der Woche "
            "im Monat (z. B. „monatlich am ersten Montag“)."
        )
    if ordinal and (freq != "MONTHLY" or len(days) != 1):
        raise fail("„am ersten (zweiten, …, letzten) Montag“ geht nur mit „monatlich“ und einem Wochentag.")
    day = calendar_day(start)
    if days and not ordinal and day.weekday() not in days:
        raise fail(
            f"der Beginn ({_DAY_NAMES[day.weekday()]}, {day:%d.%m.%Y}) ist kein {_listed(days)}; "
            "der erste Termin ist immer der Beginn. Ändern Sie den Beginn oder die Wochentage."
        )
    if ordinal and not _is_nth_weekday(day, days[0], ordinal):
        raise fail(
            f"der Beginn ({_DAY_NAMES[day.weekday()]}, {day:%d.%m.%Y}) ist nicht der "
            f"{_ordinal_word(ordinal)} {_DAY_NAMES[days[0]]} des Monats; der erste Termin ist immer der Beginn."
        )
    if until is not None and until < day:
        raise fail(f"der letzte Tag ({until:%d.%m.%Y}) liegt vor dem Beginn ({day:%d.%m.%Y}).")
    parts = [f"FREQ={freq}"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if days:
        prefix = str(ordinal) if ordinal else ""
        parts.append("BYDAY=" + ",".join(prefix + _DAYS[index] for index in sorted(days)))
    parts.append(f"COUNT={count}" if count is not None else f"UNTIL={until:%Y-%m-%d}")
    return ";".join(parts)


def _words(text: str) -> list[str]:
    spaced = re.sub(r"(\d)-?(mal)\b", r"\1 \2", text.lower().replace(",", " "))
    return [_SPELLINGS.get(word, word) for word in spaced.split()]


def _frequency(words: list[str], fail) -> tuple[str | None, int, list[str]]:
    if not words:
        return None, 1, words
    first = words[0]
    if first in _ADVERBS:
        return _ADVERBS[first], 1, words[1:]
    if first in _EACH and len(words) > 1 and words[1] in _UNITS:
        return _UNITS[words[1]], 1, words[2:]
    if first == "alle":
        if len(words) < 3:
            raise fail("nach „alle“ folgen eine Zahl und Tage, Wochen, Monate oder Jahre, z. B. „alle 2 Wochen“.")
        interval = _number(words[1])
        if interval is None or interval < 1:
            raise fail(f"„alle {words[1]}“: hier steht eine Zahl ab 1, z. B. „alle 2 Wochen“.")
        if words[2] not in _UNITS:
            raise fail(f"„alle {words[1]} {words[2]}“: erlaubt sind Tage, Wochen, Monate oder Jahre.")
        return _UNITS[words[2]], interval, words[3:]
    return None, 1, words


def _weekdays(words: list[str], fail) -> tuple[list[int], int, list[str]]:
    days: list[int] = []
    ordinal = 0
    rest = list(words)
    while rest:
        word = rest[0]
        if word in _FILLERS or word in _EACH:
            rest.pop(0)
        elif word in _ORDINALS and not days:
            ordinal = _ORDINALS[word]
            rest.pop(0)
        elif word in _DAY_WORDS:
            if _DAY_WORDS[word] in days:
                raise fail(f"der Wochentag „{word}“ steht zweimal darin.")
            days.append(_DAY_WORDS[word])
            rest.pop(0)
        else:
            break
    return days, ordinal, rest


def _end(words: list[str], year_range: tuple[int, int], fail) -> tuple[int | None, dt.date | None, list[str]]:
    count = until = None
    rest = list(words)
    while rest:
        if rest[0] == "bis":
            if len(rest) < 2:
                raise fail("nach „bis“ fehlt der letzte Tag, z. B. „bis 30.06.2026“.")
            if until is not None:
                raise fail("„bis“ steht zweimal darin.")
            until = _date(rest[1], year_range, fail)
            rest = rest[2:]
        elif len(rest) >= 2 and rest[1] in _TIMES and _number(rest[0]) is not None:
            if count is not None:
                raise fail("die Anzahl der Termine steht zweimal darin.")
            count = _number(rest[0])
            if not count:
                raise fail("die Anzahl der Termine muss mindestens 1 sein, z. B. „6-mal“.")
            rest = rest[2:]
        elif rest[0] in ("insgesamt", "und"):
            rest.pop(0)
        else:
            break
    if count is not None and until is not None:
        raise fail("nennen Sie entweder den letzten Tag („bis 30.06.2026“) oder die Anzahl („6-mal“), nicht beides.")
    return count, until, rest


def _date(word: str, year_range: tuple[int, int], fail) -> dt.date:
    try:
        day = dates.parse_when(word, tz=_UTC, year_range=year_range)
    except ValidationError:
        day = None
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise fail(
            f"„bis {word}“: „{word}“ ist kein gültiges Datum; schreiben Sie den letzten Tag, z. B. „bis 30.06.2026“."
        )
    return day


def _number(word: str) -> int | None:
    if word.isdigit() and len(word) <= 4:
        return int(word)
    return _NUMBERS.get(word)


def _unexpected(word: str) -> str:
    guess = typed.nearest(word, _VOCABULARY)
    hint = f" Meinten Sie „{guess}“?" if guess else ""
    return (
        f"das Wort „{word}“ passt hier nicht.{hint} Eine Wiederholung nennt, wie oft (z. B. „wöchentlich“), "
        "auf Wunsch die Wochentage und dann „bis“ mit dem letzten Tag oder die Anzahl (z. B. „6-mal“)."
    )


def _listed(days: list[int]) -> str:
    names = [_DAY_NAMES[index] for index in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " oder " + names[-1]


def _ordinal_word(ordinal: int) -> str:
    return {1: "erste", 2: "zweite", 3: "dritte", 4: "vierte", -1: "letzte"}[ordinal]


def _is_nth_weekday(day: dt.date, weekday: int, ordinal: int) -> bool:
    if day.weekday() != weekday:
        return False
    if ordinal == -1:
        return day.day + 7 > calendar.monthrange(day.year, day.month)[1]
    return (day.day - 1) // 7 + 1 == ordinal
