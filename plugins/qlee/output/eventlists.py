"""What lists of items show about their events: dates, state, place (no Pelican import).

The home page, "Aktuelles", the category and tag pages list items; an item
with an event shows when it takes place and its state as of the build time
(:class:`Listing`). The course catalogue (the category page named by
``QLEE_CATALOGUE_CATEGORY``) orders its items by the event: running and
upcoming first, by start, then finished ones (:func:`catalogue`). The event
calendar's place filter offers the places of its events (:func:`places`).

Every listing carries the instant its event is over (``ends_at``), which the
templates print as ``data-ende`` so that a script can correct a stale build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..events.model import Event
from ..events.views import Entry
from .eventpages import RegistrationState, registration_state

ONLINE = "online"  # the place name of online events in the place filter


class Phase(enum.Enum):
    """Where an event stands at the build time (the value is for CSS and scripts)."""

    UPCOMING = "kommend"
    RUNNING = "laufend"
    FINISHED = "beendet"


@dataclasses.dataclass(frozen=True)
class Listing:
    """One item's event as a list shows it, as of the build time."""

    entry: Entry
    phase: Phase
    registration: RegistrationState | None

    @property
    def event(self) -> Event:
        return self.entry.event

    @property
    def item(self) -> Any:
        return self.entry.item

    @property
    def ends_at(self) -> dt.datetime:
        return self.entry.ends_at

    @property
    def places(self) -> tuple[str, ...]:
        return event_places(self.entry.event)


@dataclasses.dataclass(frozen=True)
class Catalogue:
    """A category's items ordered by their events; ``current`` and ``finished`` hold listings."""

    current: tuple[Listing, ...]  # running and upcoming, by start
    finished: tuple[Listing, ...]  # most recently ended first
    other: tuple[Any, ...]  # items without an event, in the order given

    def __len__(self) -> int:
        return len(self.current) + len(self.finished) + len(self.other)

    def page(self, start: int, stop: int) -> Catalogue:
        """The part from position ``start`` to ``stop`` (0-based, end excluded) of the whole order,
        so that a paginated category page shows the catalogue page by page."""
        first = len(self.current)
        second = first + len(self.finished)
        return Catalogue(
            current=self.current[start:stop],
            finished=self.finished[max(start - first, 0) : max(stop - first, 0)],
            other=self.other[max(start - second, 0) : max(stop - second, 0)],
        )


def listing(entry: Entry, now: dt.datetime) -> Listing:
    """``entry`` as lists show it at the build time ``now``."""
    if entry.past:
        phase = Phase.FINISHED
    elif entry.event.first_start <= now:
        phase = Phase.RUNNING
    else:
        phase = Phase.UPCOMING
    return Listing(entry=entry, phase=phase, registration=registration_state(entry, now))


def listings(entries: Iterable[Entry], now: dt.datetime) -> dict[str, Listing]:
    """Every entry's listing, keyed by its item's ``source_path`` (as templates look items up)."""
    return {entry.item.source_path: listing(entry, now) for entry in entries}


def catalogue(items: Iterable[Any], by_source: Mapping[str, Listing]) -> Catalogue:
    """``items`` ordered as a catalogue: running and upcoming events by start, then finished ones."""
    current: list[Listing] = []
    finished: list[Listing] = []
    other: list[Any] = []
    for item in items:
        found = by_source.get(item.source_path)
        if found is None:
            other.append(item)
        elif found.phase is Phase.FINISHED:
            finished.append(found)
        else:
            current.append(found)
    current.sort(key=lambda found: (found.event.first_start, str(found.item.title), found.item.url))
    finished.sort(key=lambda found: (found.ends_at, str(found.item.title), found.item.url), reverse=True)
    return Catalogue(tuple(current), tuple(finished), tuple(other))


def event_places(event: Event) -> tuple[str, ...]:
    """Where ``event`` takes place, as the place filter names it: its city, "online", or both."""
    return tuple(
        place for place in (event.location.city if event.location else None, ONLINE if event.online else None) if place
    )


def places(entries: Sequence[Entry]) -> tuple[str, ...]:
    """The places of ``entries``, alphabetically (German: umlauts with their base letter), online last."""
    found = {place for entry in entries for place in event_places(entry.event)}
    cities = sorted(found - {ONLINE}, key=_german_key)
    return (*cities, ONLINE) if ONLINE in found else tuple(cities)


# DIN 5007-1: ä sorts as a, ß as ss (after casefold, which makes ß "ss" already).
_FOLD = str.maketrans("äöü", "aou")


def _german_key(name: str) -> tuple[str, str]:
    return name.casefold().translate(_FOLD), name  # the name itself breaks ties
