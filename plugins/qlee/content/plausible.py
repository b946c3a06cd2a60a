"""Values that are allowed but almost surely typos: notices, not errors.

A date is valid anywhere in ``QLEE_YEAR_RANGE``, but an event more than
:data:`YEARS_AHEAD` years ahead or an item dated in the future is rarely
meant (``2072`` for ``2027``, ``2030`` for ``2023``). ``check`` and the build
print them as "Hinweis" and go on. Pure: no Pelican import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..errors import Notice

YEARS_AHEAD = 3


def notices(values: Mapping[str, Any], lines: Mapping[str, int], now: dt.datetime | None) -> list[Notice]:
    """Notices for the validated ``values`` of one item at the build time ``now`` (None: unknown)."""
    if now is None:
        return []
    found = []
    date = values.get("date")
    if isinstance(date, dt.datetime) and date > now:
        found.append(Notice(
            f"Das Datum {date:%d.%m.%Y} liegt in der Zukunft. Der Beitrag erscheint trotzdem sofort, "
            "aber mit diesem Datum. Ist das gewollt? Sonst: das Datum der Veröffentlichung, "
            f"z. B. date: {now:%d.%m.%Y}",
            field="date", value=f"{date:%d.%m.%Y}",
        ).at(line=lines.get("date")))
    event = values.get("event")
    start = getattr(event, "first_start", None)
    limit = now + dt.timedelta(days=round(365.25 * YEARS_AHEAD))
    if isinstance(start, dt.datetime) and start > limit:
        found.append(Notice(
            f"Die Veranstaltung beginnt am {start:%d.%m.%Y}, mehr als {YEARS_AHEAD} Jahre im Voraus. "
            "Ist die Jahreszahl richtig?",
            field="event.start", value=f"{start:%d.%m.%Y}",
        ).at(line=lines.get("event.start", lines.get("event"))))
    return found
