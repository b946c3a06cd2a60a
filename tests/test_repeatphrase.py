"""``repeat:`` in words (plugins/qlee/events/repeatphrase.py): the RRULE it means, and its messages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from test_events import PLACE, only_error, valid

from qlee.errors import ValidationError
from qlee.events.recurrence import parse_repeat

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("words", "rule"),
    [
        ("wöchentlich montags und mittwochs bis 30.06.2026", "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=2026-06-30"),
        ("Wöchentlich am Montag, Mittwoch bis 2026-06-30", "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=2026-06-30"),
        ("jeden Montag bis 15.12.2026", "FREQ=WEEKLY;BYDAY=MO;UNTIL=2026-12-15"),
        ("Mo und Do, 6-mal", "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6"),
        ("alle 2 Wochen, 6-mal", "FREQ=WEEKLY;INTERVAL=2;COUNT=6"),
        ("alle zwei Wochen montags 4 mal", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=4"),
        ("täglich bis 08.03.2026", "FREQ=DAILY;UNTIL=2026-03-08"),
        ("taeglich 5mal", "FREQ=DAILY;COUNT=5"),
        ("jeden Tag, insgesamt 5 Termine", "FREQ=DAILY;COUNT=5"),
        ("monatlich 6-mal", "FREQ=MONTHLY;COUNT=6"),
        ("monatlich am ersten Montag, 10-mal", "FREQ=MONTHLY;BYDAY=1MO;COUNT=10"),
        ("alle 3 Monate bis 31.12.2027", "FREQ=MONTHLY;INTERVAL=3;UNTIL=2027-12-31"),
        ("jährlich 3-mal", "FREQ=YEARLY;COUNT=3"),
    ],
)
def test_words_give_the_rule_an_editor_could_have_written(words, rule):
    """The same RRULE, the same dates: the words are only another way to write it."""
    assert parse_repeat(words, start=MONDAY) == parse_repeat(rule, start=MONDAY)
    dates = list(rrulestr(parse_repeat(words, start=MONDAY), dtstart=MONDAY))
    assert dates == list(rrulestr(parse_repeat(rule, start=MONDAY), dtstart=MONDAY))
    assert dates[0] == MONDAY


def test_the_last_monday_of_a_month():
    start = dt.datetime(2026, 3, 30, 18, tzinfo=BERLIN)
    rule = parse_repeat("monatlich am letzten Montag, 3-mal", start=start)
    assert [d.date() for d in rrulestr(rule, dtstart=start)] == [dt.date(2026, 3, 30), dt.date(2026, 4, 27), dt.date(2026, 5, 25)]


def test_an_event_with_words_lists_every_meeting():
    event = valid(f"start: 02.03.2026 18:00\nend: 02.03.2026 19:30\n{PLACE}\nrepeat: wöchentlich montags und mittwochs bis 11.03.2026")
    assert [o.start for o in event.occurrences] == [
        dt.datetime(2026, 3, d, 18, tzinfo=BERLIN) for d in (2, 4, 9, 11)
    ]
    assert event.repeat == "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260311T225959Z"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("wöchentlich", "es fehlt, wie lange: „bis“ mit dem letzten Tag"),
        ("bis 30.06.2026", "es fehlt, wie oft: „täglich“, „wöchentlich“"),
        ("wochentlich 3-mal", "das Wort „wochentlich“ passt hier nicht. Meinten Sie „wöchentlich“?"),
        ("wöchentlich dienstags bis 30.06.2026", "der Beginn (Montag, 02.03.2026) ist kein Dienstag"),
        ("wöchentlich dienstags und freitags 3-mal", "ist kein Dienstag oder Freitag"),
        ("wöchentlich bis 01.01.2026", "der letzte Tag (01.01.2026) liegt vor dem Beginn (02.03.2026)"),
        ("wöchentlich bis 31.02.2026", "„31.02.2026“ ist kein gültiges Datum"),
        ("wöchentlich bis", "nach „bis“ fehlt der letzte Tag"),
        ("wöchentlich bis 30.06.2026 6-mal", "nicht beides"),
        ("alle 0 Wochen 3-mal", "hier steht eine Zahl ab 1"),
        ("alle 2 Stunden 3-mal", "erlaubt sind Tage, Wochen, Monate oder Jahre"),
        ("monatlich montags 3-mal", "bei „monatlich“ nur mit der Woche im Monat"),
        ("monatlich am letzten Montag 3-mal", "ist nicht der letzte Montag des Monats"),
        ("wöchentlich montags montags 3-mal", "der Wochentag „montags“ steht zweimal darin"),
        ("jede Woche 0-mal", "mindestens 1"),
        ("täglich 400-mal", "mehr als 366 Termine"),
    ],
)
def test_every_mistake_names_what_is_wrong_and_shows_words(words, expected):
    with pytest.raises(ValidationError) as caught:
        parse_repeat(words, start=MONDAY)
    message = str(caught.value)
    assert expected in message
    assert f"„{words}“" in message or f'"{words}"' in message
    assert message.endswith("Beispiel: wöchentlich montags und mittwochs bis 30.06.2026")


def test_an_error_in_words_is_located_at_repeat():
    error = only_error(f"start: 02.03.2026 18:00\n{PLACE}\nrepeat: wöchentlich dienstags 3-mal")
    assert error.field == "event.repeat" and "kein Dienstag" in str(error)


def test_rrule_strings_stay_rrules():
    assert parse_repeat("FREQ=WEEKLY;COUNT=3", start=MONDAY) == "FREQ=WEEKLY;COUNT=3"
    with pytest.raises(ValidationError, match="Beispiel: FREQ=WEEKLY;COUNT=6"):
        parse_repeat("FREQ=WEEKLY", start=MONDAY)
