"""ISO 8601 text of dates and times, in the two forms the site writes.

A date stays a date (``2024-03-04``) in both; a date-time keeps its own
offset (no conversion). :func:`iso_minutes` is HTML's date or global
date-and-time string for ``<time datetime>`` and the ``iso`` template filter:
seconds only when there are any (``2026-02-13T09:30+01:00``).
:func:`iso_seconds` always has them (``2026-02-13T09:30:00+01:00``), the form
of the schema.org data.
"""

from __future__ import annotations

import datetime as dt

from ..events.model import is_timed


def iso_minutes(value: dt.date) -> str:
    """``2024-03-04``, or ``2026-02-13T09:30+01:00`` (``…T09:30:15+01:00`` with seconds)."""
    if not is_timed(value):
        return value.isoformat()
    exact = value.second or value.microsecond
    return value.isoformat(timespec="seconds" if exact else "minutes")


def iso_seconds(value: dt.date) -> str:
    """``2024-03-04``, or ``2026-02-13T09:30:00+01:00``."""
    if not is_timed(value):
        return value.isoformat()
    return value.isoformat(timespec="seconds")
