"""Dates and times as editors write them (see docs/content-model.md).

Accepted: ``2024-03-04``, ``04.03.2024``, ``4.3.2024``; each optionally followed
by `` 09:30`` or ``T09:30`` (seconds optional), then either `` Uhr`` or an ISO
offset (``+01:00``, ``+0100``, ``Z``). Everything else is refused with a
message that says what exactly is wrong and shows a correct value.

A written offset must be the zone's own at that wall time: it only picks one
of the two equal times when summer time ends (``2024-10-27T02:30+01:00`` is
the second 02:30). ``2025-07-04T10:30+01:00`` in Europe/Berlin (+02:00 in
July) is refused rather than shown as 11:30.

A hand-written grammar on purpose: ``dateutil.parser`` guesses (it reads
``13.02.206`` as the year 206 and ``03/04/2024`` as March), and guessing is
what we must not do with dates that go into calendars.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from ..errors import ValidationError
from ..events.model import When, is_timed
from .typed import quote

DEFAULT_YEAR_RANGE = (1990, 2100)

_DATE = r"(?:(?P<iy>[0-9]{4})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2})|(?P<dd>[0-9]{1,2})\.(?P<dm>[0-9]{1,2})\.(?P<dy>[0-9]{4}))"
_TIME = r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
_OFFSET = r"(?P<offset>Z|[+-][0-9]{2}:?[0-9]{2})"
_WHEN = re.compile(rf"{_DATE}(?:(?: +|T){_TIME}(?: *Uhr|{_OFFSET})?)?", re.ASCII)

_EXAMPLES = "04.03.2024, 2024-03-04 oder mit Uhrzeit 04.03.2024 09:30"
_MONTH_NAMES = (
    ("januar", "jan", "january", "jänner"),
    ("februar", "feb", "february"),
    ("märz", "mär", "maerz", "march", "mar", "mrz"),
    ("april", "apr"),
    ("mai", "may"),
    ("juni", "jun", "june"),
    ("juli", "jul", "july"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("oktober", "okt", "october", "oct"),
    ("november", "nov"),
    ("dezember", "dez", "december", "dec"),
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_DIGIT_WORDS = {1: "eine", 2: "zwei", 3: "drei", 5: "fünf", 6: "sechs"}


def parse_when(
    text: str,
    *,
    tz: ZoneInfo,
    year_range: tuple[int, int] = DEFAULT_YEAR_RANGE,
    today: dt.date | None = None,
) -> When:
    """Parse a date (``date``) or a date-time (aware ``datetime`` in ``tz``).

    A date-time is returned in ``tz``; an ISO offset must be ``tz``'s offset at that
    wall time (it chooses between the two equal times when summer time ends).
    ``today`` (the build date) only sharpens messages: for a year with a
    missing digit it lets the message name the likely year.

    Raises ValidationError (message in German, quoting ``text``).
    """
    value = text.strip()
    match = _WHEN.fullmatch(value)
    if match is None:
        raise _diagnose(text, value, year_range, today)
    iso = match["iy"] is not None
    year, month, day = (match["iy"], match["im"], match["id"]) if iso else (match["dy"], match["dm"], match["dd"])
    date = _checked_date(text, int(year), int(month), int(day), iso, year_range)
    if match["hour"] is None:
        return date
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    time = _checked_time(text, date, hour, minute, second, iso)
    naive = dt.datetime.combine(date, time)
    if match["offset"]:
        return _with_offset(text, naive, match["offset"], tz)
    return _localize(text, naive, tz)


def describe_year_range(year_range: tuple[int, int]) -> str:
    """``"1990 bis 2100"``: the allowed years, for messages."""
    return f"{year_range[0]} bis {year_range[1]}"


def check_year_range(text: str, year: int, year_range: tuple[int, int]) -> None:
    """Raise the standard error when ``year`` lies outside ``year_range``."""
    low, high = year_range
    if not low <= year <= high:
        raise ValidationError(
            f"{quote(text)} ist kein zulässiges Datum: das Jahr {year} liegt außerhalb der "
            f"erlaubten Jahre {describe_year_range(year_range)}. "
            f"Beispiel: {_format(dt.date(min(max(2024, low), high), 3, 4), iso=False)}",
            value=text,
        )


def format_when(when: When, *, iso: bool = False) -> str:
    """``when`` written the way :func:`parse_when` reads it back (local wall time)."""
    if is_timed(when):
        return _format(when.date(), iso=iso) + (" " if not iso else "T") + when.strftime("%H:%M")
    return _format(when, iso=iso)


def _checked_date(text: str, year: int, month: int, day: int, iso: bool, year_range) -> dt.date:
    check_year_range(text, year, year_range)
    if not 1 <= month <= 12:
        example = _format(dt.date(year, 12 if month > 12 else 1, min(max(day, 1), 28)), iso=iso)
        raise ValidationError(
            f"{quote(text)} ist kein gültiges Datum: einen Monat {month} gibt es nicht "
            f"(erlaubt sind 1 bis 12). Beispiel: {example}",
            value=text,
        )
    last = _days_in_month(year, month)
    if not 1 <= day <= last:
        name = _MONTH_NAMES[month - 1][0].capitalize()
        problem = f"der {name} {year} hat nur {last} Tage" if day else "einen Tag 0 gibt es nicht"
        raise ValidationError(
            f"{quote(text)} ist kein gültiges Datum: {problem}. "
            f"Beispiel: {_format(dt.date(year, month, last if day > last else 1), iso=iso)}",
            value=text,
        )
    return dt.date(year, month, day)


def _checked_time(text: str, date: dt.date, hour: int, minute: int, second: int, iso: bool) -> dt.time:
    if hour == 24 and minute == 0 and second == 0 and date < dt.date.max:
        nxt = _format(date + dt.timedelta(days=1), iso=iso)
        raise ValidationError(
            f"{quote(text)} ist keine gültige Uhrzeit: 24:00 gibt es nicht, der Tag endet "
            f"um 23:59. Für Mitternacht am Ende des Tages schreiben Sie 00:00 des folgenden "
            f"Tages. Beispiel: {nxt} 00:00",
            value=text,
        )
    if hour > 23:
        problem = f"eine Stunde {hour} gibt es nicht"
    elif minute > 59:
        problem = f"eine Minute {minute} gibt es nicht"
    elif second > 59:
        problem = f"eine Sekunde {second} gibt es nicht"
    else:
        return dt.time(hour, minute, second)
    raise ValidationError(
        f"{quote(text)} ist keine gültige Uhrzeit: {problem}; Uhrzeiten reichen von 00:00 "
        f"bis 23:59. Beispiel: {_format(date, iso=iso)} 09:30",
        value=text,
    )


def _with_offset(text: str, naive: dt.datetime, offset: str, tz: ZoneInfo) -> dt.datetime:
    """``naive`` in ``tz``, where the written offset must be the zone's own at that wall time.

    The offset is there to pick one of the two times of the hour that repeats
    when summer time ends; a different one would silently move the event.
    """
    if offset == "Z":
        delta = dt.timedelta(0)
    else:
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 14 or minutes > 59 or (hours == 14 and minutes):
            raise ValidationError(
                f"{quote(text)} hat keinen gültigen Zeitversatz: „{offset}“ gibt es nicht "
                "(erlaubt sind -12:00 bis +14:00). Beispiel: 2024-03-04T09:30+01:00",
                value=text,
            )
        delta = dt.timedelta(hours=hours, minutes=minutes) * (-1 if offset[0] == "-" else 1)
    _localize(text, naive, tz, repeated_ok=True)  # a skipped time is refused, as without offset
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    for candidate in (first, second):
        if candidate.utcoffset() == delta:
            return candidate
    day = _format(naive.date(), iso=False)
    clock = naive.strftime("%H:%M:%S" if naive.second else "%H:%M")
    iso = f"{naive.date().isoformat()}T{clock}"
    written = f"„{offset}“" + (" (UTC)" if offset == "Z" else "")
    if first.utcoffset() == second.utcoffset():
        right = _show_offset(first)
        problem = (
            f"in der Zeitzone {tz.key} gilt am {day} um {clock} Uhr der Zeitversatz {right}. "
            "Ein Zeitversatz ist nur nötig, um bei der Zeitumstellung eine der beiden gleichen "
            "Uhrzeiten zu wählen"
        )
        example = f"{iso}{right} oder ohne Zeitversatz {day} {clock}"
    else:
        one, other = _show_offset(first), _show_offset(second)
        problem = (
            f"am {day} gibt es {clock} Uhr in der Zeitzone {tz.key} zweimal, mit dem Zeitversatz "
            f"{one} (das erste Mal) und {other} (das zweite Mal)"
        )
        example = f"{iso}{one} oder {iso}{other}"
    raise ValidationError(
        f"{quote(text)} hat den falschen Zeitversatz {written}: {problem}. Beispiel: {example}",
        value=text,
    )


def _localize(text: str, naive: dt.datetime, tz: ZoneInfo, *, repeated_ok: bool = False) -> dt.datetime:
    """``naive`` as a wall time in ``tz``; refuses skipped and (unless ``repeated_ok``) repeated times.

    zoneinfo follows PEP 495: a wall time in a gap does not survive the round
    trip through UTC, and one that occurs twice has different offsets for
    ``fold=0`` and ``fold=1``.
    """
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    try:
        back = first.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None)
    except OverflowError:
        return first
    day = _format(naive.date(), iso=False)
    clock = naive.strftime("%H:%M")
    if back != naive:
        jump_from, jump_to = _gap(first, second, tz)
        raise ValidationError(
            f"{quote(text)} ist keine gültige Zeit: am {day} springt die Uhr in der Zeitzone "
            f"{tz.key} von {jump_from} auf {jump_to} (Zeitumstellung), {clock} Uhr gibt es "
            f"an diesem Tag nicht. Beispiel: {day} {back.strftime('%H:%M')}",
            value=text,
        )
    if first.utcoffset() != second.utcoffset() and not repeated_ok:
        iso = f"{naive.date().isoformat()}T{clock}"
        raise ValidationError(
            f"{quote(text)} ist nicht eindeutig: am {day} gibt es {clock} Uhr in der Zeitzone "
            f"{tz.key} zweimal (Zeitumstellung). Geben Sie den Zeitversatz an: "
            f"{iso}{_show_offset(first)} für das erste Mal oder {iso}{_show_offset(second)} "
            "für das zweite Mal.",
            value=text,
        )
    return first


def _gap(first: dt.datetime, second: dt.datetime, tz: ZoneInfo) -> tuple[str, str]:
    """Wall times before and after the clock jump that skips ``first``."""
    before, after = first.utcoffset(), second.utcoffset()
    assert before is not None and after is not None  # times in a ZoneInfo zone have offsets
    naive = first.replace(tzinfo=None)
    # The transition instant lies in (naive - before - gap, naive - before]; bisect by minute.
    high = naive - before
    low = high - abs(after - before)
    while high - low > dt.timedelta(minutes=1):
        middle = low + (high - low) / 2
        if middle.replace(tzinfo=dt.UTC).astimezone(tz).utcoffset() == before:
            low = middle
        else:
            high = middle
    transition = high.replace(second=0, microsecond=0)
    return (transition + before).strftime("%H:%M"), (transition + after).strftime("%H:%M")


def _show_offset(when: dt.datetime) -> str:
    offset = when.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _diagnose(text: str, value: str, year_range, today: dt.date | None) -> ValidationError:
    """The most specific error for a value that does not match the grammar."""
    def error(problem: str, example: str) -> ValidationError:
        return ValidationError(
            f"{quote(text)} ist kein gültiges Datum: {problem} Beispiel: {example}", value=text
        )

    if not value:
        return ValidationError(f"Die Angabe ist leer. Beispiel: {_EXAMPLES.split(',')[0]}", value=text)
    if match := re.fullmatch(r"([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?( *Uhr)?", value, re.ASCII):
        return error("das Datum fehlt, es steht nur eine Uhrzeit da.", f"04.03.2024 {value}")
    if match := re.match(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\b", value, re.ASCII):
        return error(*_slashed(*(int(part) for part in match.groups())))
    if match := re.match(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})\b", value, re.ASCII):
        return error(
            "Schrägstriche sind nicht erlaubt.", f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
        )
    if named := _month_name(value):
        return error("Monatsnamen werden nicht erkannt, schreiben Sie das Datum in Ziffern.", named)
    match = re.match(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]+)(?![0-9.])", value, re.ASCII)
    if match and len(match[3]) != 4:
            return error(*_year_digits(match[3], f"{match[1]}.{match[2]}.", "", year_range, today))
    if match := re.match(r"([0-9]+)-([0-9]{1,2})-([0-9]{1,2})(?![0-9])", value, re.ASCII):
        if len(match[1]) != 4:
            return error(*_year_digits(match[1], "", f"-{match[2]}-{match[3]}", year_range, today))
        return error(
            "Monat und Tag haben in dieser Schreibweise je zwei Ziffern.",
            f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}",
        )
    if match := re.match(_DATE, value, re.ASCII):
        return _bad_time(text, match[0], value[match.end() :])
    if re.fullmatch(r"[0-9]{1,2}\.[0-9]{1,2}\.?", value, re.ASCII):
        return error("die Jahreszahl fehlt.", f"{value.rstrip('.')}.2024")
    return error(f"erlaubt sind Schreibweisen wie {_EXAMPLES}.", "04.03.2024")


def _slashed(first: int, second: int, year: int) -> tuple[str, str]:
    """Why ``first/second/year`` is refused, and the unambiguous ways to write it."""
    problem = "Schrägstriche sind mehrdeutig (amerikanisch Monat/Tag, britisch Tag/Monat)."
    # (day, month) for the British reading, then the American one.
    readings = [(first, second), (second, first)] if first != second else [(first, second)]
    readings = [
        (day, month)
        for day, month in readings
        if 1 <= month <= 12 and year > 0 and 1 <= day <= _days_in_month(year, month)
    ]
    shown = " oder ".join(
        f"{day:02d}.{month:02d}.{year} ({day}. {_MONTH_NAMES[month - 1][0].capitalize()})"
        for day, month in readings
    )
    return problem + " Schreiben Sie TT.MM.JJJJ.", shown or "04.03.2024"


def _month_name(value: str) -> str | None:
    """``04.03.2024`` for ``4. März 2024``, ``4 March 2024`` or ``March 4, 2024``."""
    patterns = (
        r"(?P<day>[0-9]{1,2})\.? *(?P<name>[^\W\d_]+)\.? *(?P<year>[0-9]{4})",
        r"(?P<name>[^\W\d_]+)\.? *(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?,? *(?P<year>[0-9]{4})",
    )
    for pattern in patterns:
        match = re.match(pattern, value)
        if match and (month := _MONTHS.get(match["name"].casefold())):
            day = int(match["day"])
            return f"{day:02d}.{month:02d}.{match['year']}" if 1 <= day <= 31 else "04.03.2024"
    return None


def _year_digits(year: str, before: str, after: str, year_range, today: dt.date | None) -> tuple[str, str]:
    """A year with too few or too many digits, with the likely year where it is clear."""
    count = len(year)
    word = _DIGIT_WORDS.get(count, str(count))
    problem = f"die Jahreszahl „{year}“ hat {'nur ' if count < 4 else ''}{word} Stelle{'n' if count != 1 else ''}."
    guess = _likely_year(year, year_range, today)
    if guess is None:
        return problem + " Jahreszahlen haben vier Stellen.", "04.03.2024" if not after else "2024-03-04"
    return f"{problem} Gemeint ist wohl {guess}?", f"{before}{guess}{after}"


def _likely_year(year: str, year_range, today: dt.date | None) -> int | None:
    """The one allowed year that differs from ``year`` by a single digit.

    Candidates come from adding (too short) or removing (too long) one digit.
    With ``today`` only years within five years of it count; the guess is made
    only when exactly one candidate is left.
    """
    if len(year) == 3:
        found = {year[:i] + digit + year[i:] for i in range(4) for digit in "0123456789"}
    elif len(year) == 5:
        found = {year[:i] + year[i + 1 :] for i in range(5)}
    elif len(year) == 2:
        found = {"19" + year, "20" + year}
    else:
        return None
    low, high = year_range
    years = {int(c) for c in found if not c.startswith("0") and low <= int(c) <= high}
    if today is not None:
        years = {y for y in years if abs(y - today.year) <= 5}
    return years.pop() if len(years) == 1 else None


def _bad_time(text: str, date: str, rest: str) -> ValidationError:
    """The date is fine, what follows it is not a time we read."""
    def error(problem: str, example: str) -> ValidationError:
        return ValidationError(
            f"{quote(text)} ist keine gültige Uhrzeit: {problem} Beispiel: {example}", value=text
        )

    if match := re.fullmatch(r"(?: +|T)([0-9]{1,2})(?: *Uhr|h)", rest, re.ASCII):
        return error("die Minuten fehlen.", f"{date} {int(match[1]):02d}:00 Uhr")
    if match := re.fullmatch(r"(?: +|T)([0-9]{1,2})\.([0-9]{2})( *Uhr)?", rest, re.ASCII):
        return error(
            "Stunden und Minuten werden mit Doppelpunkt getrennt.",
            f"{date} {int(match[1]):02d}:{match[2]}{match[3] or ''}",
        )
    return error(
        "nach dem Datum wird eine Uhrzeit wie „09:30“ erwartet, gefolgt höchstens von "
        "„Uhr“ oder einem Zeitversatz wie „+01:00“.",
        f"{date} 09:30",
    )


def _format(date: dt.date, *, iso: bool) -> str:
    return date.isoformat() if iso else date.strftime("%d.%m.%Y")


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
