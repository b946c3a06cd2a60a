"""The event model's derived time facts: computed once per event, right across summer time."""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from qlee.events import model, recurrence, views
from qlee.events.model import Event, Location, Session
from qlee.output import ical, links

from conftest import FIXTURES, build

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def make_event(start, end, **kwargs) -> Event:
    return Event(start=start, end=end, timezone=BERLIN, uid="u", organizer="QLEE", location=Location("Zentrum", "Lübbenau"), **kwargs)


def counting(monkeypatch, module) -> collections.Counter:
    """Count the calls of ``module.rrulestr`` by (rule, DTSTART)."""
    calls: collections.Counter = collections.Counter()

    def parse(rule, **kwargs):
        calls[(rule, kwargs.get("dtstart"))] += 1
        return rrulestr(rule, **kwargs)

    monkeypatch.setattr(module, "rrulestr", parse)
    return calls


def test_a_repeat_rule_is_parsed_once_however_often_it_is_read(monkeypatch):
    calls = counting(monkeypatch, model)
    event = make_event(berlin(2024, 10, 14, 18), berlin(2024, 10, 14, 19, 30), repeat="FREQ=WEEKLY;COUNT=4")
    item = ical.FeedItem(event, "Stammtisch", "kurse/s/", "", "Kurse", berlin(2024, 10, 1))
    now = berlin(2024, 10, 20)
    views.build_calendar([(item, event)], now=now, tz=BERLIN)
    ical.to_bytes(ical.feed([item], ical.FeedInfo("K", "", BERLIN), now=now))
    ical.to_bytes(ical.single(item, url_base=""))
    links.add_links(title="Stammtisch", event=event, details="")
    assert len(event.occurrences) == 4 and event.last_end == berlin(2024, 11, 4, 19, 30)
    assert list(calls.values()) == [1]


def test_a_real_build_parses_each_rule_once_in_the_model(tmp_path, monkeypatch, source_date_epoch):
    validated = counting(monkeypatch, recurrence)
    modelled = counting(monkeypatch, model)
    build(FIXTURES / "ical_site" / "content", tmp_path / "output")
    assert validated and set(validated.values()) == {1}
    # Pages, feeds and each event's own file all read the same cached occurrences.
    assert modelled == validated


def test_repeats_keep_the_wall_clock_time_and_move_in_utc_over_the_change_to_winter_time():
    event = make_event(berlin(2024, 10, 21, 18), berlin(2024, 10, 21, 19, 30), repeat="FREQ=WEEKLY;COUNT=3")
    first, second, third = event.occurrences
    assert [meeting.start for meeting in event.occurrences] == [berlin(2024, 10, day, 18) for day in (21, 28)] + [berlin(2024, 11, 4, 18)]
    assert (first.start_utc, first.end_utc) == (dt.datetime(2024, 10, 21, 16, tzinfo=UTC), dt.datetime(2024, 10, 21, 17, 30, tzinfo=UTC))
    assert (second.start_utc, third.start_utc) == (dt.datetime(2024, 10, 28, 17, tzinfo=UTC), dt.datetime(2024, 11, 4, 17, tzinfo=UTC))
    assert second.starts_at.utcoffset() == dt.timedelta(hours=1) and first.starts_at.utcoffset() == dt.timedelta(hours=2)
    assert not first.all_day and (first.first_day, first.last_day) == (dt.date(2024, 10, 21),) * 2
    assert (event.first_start, event.last_end) == (first.starts_at, third.ends_at)


def test_an_all_day_meeting_runs_from_midnight_to_midnight_after_its_last_day():
    # The night summer time ends (27.10.2024) lies inside: 49 hours, not 48.
    (meeting,) = make_event(dt.date(2024, 10, 26), dt.date(2024, 10, 27)).occurrences
    assert meeting.all_day
    assert (meeting.starts_at, meeting.ends_at) == (berlin(2024, 10, 26), berlin(2024, 10, 28))
    assert (meeting.start_utc, meeting.end_utc) == (dt.datetime(2024, 10, 25, 22, tzinfo=UTC), dt.datetime(2024, 10, 27, 23, tzinfo=UTC))
    assert meeting.end_utc - meeting.start_utc == dt.timedelta(hours=49)
    assert (meeting.first_day, meeting.last_day, meeting.day_after) == (dt.date(2024, 10, 26), dt.date(2024, 10, 27), dt.date(2024, 10, 28))


def test_all_day_repeats_keep_their_length():
    event = make_event(dt.date(2024, 3, 4), dt.date(2024, 3, 5), repeat="FREQ=MONTHLY;COUNT=2")
    assert [(m.start, m.end, m.ends_at) for m in event.occurrences] == [
        (dt.date(2024, 3, 4), dt.date(2024, 3, 5), berlin(2024, 3, 6)),
        (dt.date(2024, 4, 4), dt.date(2024, 4, 5), berlin(2024, 4, 6)),
    ]


def test_ending_at_midnight_touches_no_further_day():
    (meeting,) = make_event(berlin(2024, 3, 4, 20), berlin(2024, 3, 5, 0)).occurrences
    assert (meeting.first_day, meeting.last_day) == (dt.date(2024, 3, 4), dt.date(2024, 3, 4))
    (night,) = make_event(berlin(2024, 3, 4, 20), berlin(2024, 3, 5, 2)).occurrences
    assert night.last_day == dt.date(2024, 3, 5)


def test_sessions_are_the_occurrences_and_the_meetings_and_span_the_event():
    sessions = (Session(berlin(2024, 3, 4, 9), berlin(2024, 3, 4, 16)), Session(berlin(2024, 4, 8, 9), berlin(2024, 4, 8, 16)))
    event = make_event(sessions[0].start, sessions[1].end, sessions=sessions)
    assert [(m.start, m.end) for m in event.occurrences] == [(s.start, s.end) for s in sessions]
    assert event.meetings == event.occurrences
    assert (event.span.start, event.span.end, event.span.ends_at) == (sessions[0].start, sessions[1].end, sessions[1].end)


def test_a_repeat_is_written_as_its_first_meeting():
    event = make_event(berlin(2024, 3, 4, 18), berlin(2024, 3, 4, 19), repeat="FREQ=WEEKLY;COUNT=3")
    assert event.meetings == event.occurrences[:1]
    assert (event.span.start, event.span.end) == (berlin(2024, 3, 4, 18), berlin(2024, 3, 18, 19))


def test_facts_are_cached_on_the_frozen_event():
    event = make_event(dt.date(2024, 3, 4), dt.date(2024, 3, 4))
    assert event.occurrences is event.occurrences and event.span is event.occurrences[0]
    assert event.all_day and event.rule is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.start = dt.date(2024, 3, 5)  # type: ignore[misc]
    # A changed copy works its facts out anew.
    moved = dataclasses.replace(event, start=dt.date(2024, 3, 5), end=dt.date(2024, 3, 5))
    assert moved.occurrences[0].start == dt.date(2024, 3, 5) and event.occurrences[0].start == dt.date(2024, 3, 4)
