"""Which past events a subscribable feed keeps: as many as fit a size budget.

Subscribers keep an event in their calendar only while the feed carries it, so
the feeds keep past events for as long as the file stays under
``QLEE_FEED_MAX_BYTES``, dropping the oldest first (by the end of their last
occurrence). Upcoming events (not ended at build time) are never dropped: if
they alone exceed the budget, the feed carries them all and :func:`trim` says
so, for the build to warn. No time window besides: a small site keeps its whole
history, a large one as much of it as the budget allows.

Pure: items in, items out; the caller passes the function that serializes a
candidate feed, so the budget counts the bytes actually written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from .ical import FeedItem


@dataclasses.dataclass(frozen=True)
class Trimmed:
    """The items a feed keeps (in the order given), its bytes, and what was left out."""

    items: tuple[FeedItem, ...]
    data: bytes
    dropped: int  # past events left out for the budget
    over_budget: bool  # the upcoming events alone exceed it


def trim(
    items: Iterable[FeedItem], *, now: dt.datetime, max_bytes: int, serialize: Callable[[Sequence[FeedItem]], bytes]
) -> Trimmed:
    """The upcoming items and the most recent past ones whose feed stays within ``max_bytes``.

    Adding an older event never makes a feed smaller, so a binary search over
    the number of past events kept finds the largest that fits with about
    log2(n) serializations.
    """
    given = list(items)
    upcoming = [item for item in given if item.event.last_end >= now]
    # Newest first; ties by URL, so the choice does not depend on reading order.
    past = sorted(
        (item for item in given if item.event.last_end < now),
        key=lambda item: (item.event.last_end, item.url),
        reverse=True,
    )

    def keeping(count: int) -> list[FeedItem]:
        chosen = {id(item) for item in upcoming + past[:count]}
        return [item for item in given if id(item) in chosen]

    smallest = serialize(keeping(0))
    if len(smallest) > max_bytes:
        return Trimmed(tuple(keeping(0)), smallest, len(past), over_budget=True)
    whole = serialize(given) if past else smallest
    if len(whole) <= max_bytes:
        return Trimmed(tuple(given), whole, 0, over_budget=False)
    low, high, best = 0, len(past), smallest  # keeping `low` fits, keeping `high` does not
    while high - low > 1:
        middle = (low + high) // 2
        data = serialize(keeping(middle))
        if len(data) <= max_bytes:
            low, best = middle, data
        else:
            high = middle
    return Trimmed(tuple(keeping(low)), best, len(past) - low, over_budget=False)
