"""What lists show about events: phase, registration, the catalogue's order, the places."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qlee.events.model import Event, EventStatus, Location, Registration, Session
from qlee.events.views import make_entry
from qlee.output.eventlists import ONLINE, Catalogue, Phase, catalogue, event_places, listing, listings, places
from qlee.output.eventpages import RegistrationState

BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)


@dataclasses.dataclass(frozen=True)
class Item:
    title: str
    source_path: str
    url: str = ""


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def event(*sessions: tuple[dt.datetime, dt.datetime], city=None, online=None, registration=None, status=EventStatus.SCHEDULED) -> Event:
    return Event(
        start=sessions[0][0], end=sessions[-1][1], timezone=BERLIN, uid="u", organizer="QLEE", status=status,
        location=Location(name="Haus", city=city) if city else None, online=online, registration=registration,
        sessions=tuple(Session(start, end) for start, end in sessions) if len(sessions) > 1 else (),
    )  # fmt: skip


PAST = (berlin(2025, 2, 10, 9), berlin(2025, 2, 10, 16))
EARLIER_PAST = (berlin(2024, 11, 12, 9), berlin(2024, 11, 12, 15))
STARTED = (berlin(2025, 5, 12, 9), berlin(2025, 5, 12, 16))
LATER = (berlin(2025, 6, 16, 9), berlin(2025, 6, 16, 16))
SOON = (berlin(2025, 7, 10, 9), berlin(2025, 7, 10, 17))
AUTUMN = (berlin(2025, 9, 1, 10), berlin(2025, 9, 1, 12))


def listed(title: str, ev: Event):
    return listing(make_entry(Item(title, f"{title}.md", f"{title}/"), ev, NOW), NOW)


def test_phase_follows_the_build_time():
    assert listed("a", event(PAST)).phase is Phase.FINISHED
    assert listed("b", event(STARTED, LATER)).phase is Phase.RUNNING  # first meeting over, second to come
    assert listed("c", event(SOON)).phase is Phase.UPCOMING


def test_a_running_event_is_running_during_its_only_meeting():
    during = (berlin(2025, 6, 1, 10), berlin(2025, 6, 1, 18))  # NOW is 14:00 in Berlin
    assert listed("d", event(during)).phase is Phase.RUNNING


def test_registration_state_comes_from_the_event_pages():
    open_ = listed("a", event(SOON, registration=Registration("https://x.example", deadline=dt.date(2025, 7, 1))))
    closed = listed("b", event(SOON, registration=Registration("https://x.example", deadline=dt.date(2025, 5, 1))))
    full = listed("c", event(SOON, registration=Registration("https://x.example"), status=EventStatus.FULL))
    assert [open_.registration, closed.registration, full.registration] == [
        RegistrationState.OPEN, RegistrationState.CLOSED, RegistrationState.FULL,
    ]  # fmt: skip
    assert listed("d", event(SOON)).registration is None


def test_ends_at_is_the_end_of_the_last_meeting():
    assert listed("a", event(STARTED, LATER)).ends_at == LATER[1]


def make_catalogue(*pairs):
    entries = [make_entry(Item(title, f"{title}.md", f"{title}/"), ev, NOW) for title, ev in pairs]
    return listings(entries, NOW)


def test_catalogue_running_and_upcoming_by_start_then_finished_newest_first_then_the_rest():
    by_source = make_catalogue(
        ("Herbst", event(AUTUMN)), ("Alt", event(EARLIER_PAST)), ("Läuft", event(STARTED, LATER)),
        ("Bald", event(SOON)), ("Vorbei", event(PAST)),
    )  # fmt: skip
    items = [Item(title, f"{title}.md") for title in ("Herbst", "Ohne Termin", "Alt", "Läuft", "Bald", "Vorbei")]
    found = catalogue(items, by_source)
    assert [entry.item.title for entry in found.current] == ["Läuft", "Bald", "Herbst"]
    assert [entry.item.title for entry in found.finished] == ["Vorbei", "Alt"]
    assert [item.title for item in found.other] == ["Ohne Termin"]
    assert len(found) == 6


@pytest.mark.parametrize(("start", "stop"), [(0, 2), (2, 4), (4, 6), (0, 6), (1, 5), (5, 10)])
def test_a_page_of_the_catalogue_is_its_share_of_the_whole_order(start, stop):
    whole = Catalogue(current=("c1", "c2", "c3"), finished=("f1", "f2"), other=("o1",))  # type: ignore[arg-type]
    order = [*whole.current, *whole.finished, *whole.other]
    part = whole.page(start, stop)
    assert [*part.current, *part.finished, *part.other] == order[start:stop]


def test_places_of_an_event():
    assert event_places(event(SOON, city="Lübbenau")) == ("Lübbenau",)
    assert event_places(event(SOON, online="https://x.example")) == (ONLINE,)
    assert event_places(event(SOON, city="Cottbus", online="https://x.example")) == ("Cottbus", ONLINE)


def test_places_sorted_the_german_way_with_online_last():
    evs = [
        event(SOON, online="https://x.example"), event(SOON, city="Zossen"), event(SOON, city="Lübbenau"),
        event(SOON, city="Luckau"), event(SOON, city="Cottbus"), event(SOON, city="Cottbus"),
    ]  # fmt: skip
    entries = [make_entry(Item(str(i), f"{i}.md"), ev, NOW) for i, ev in enumerate(evs)]
    # ü sorts as u (DIN 5007-1): Lübbenau before Luckau; each place once.
    assert places(entries) == ("Cottbus", "Lübbenau", "Luckau", "Zossen", ONLINE)
    assert places([]) == ()
