"""The line an Atom entry of an event begins with: when and where (no Pelican import).

Feed readers show an entry's summary or content, not the event box of its
page; without this line an event's entry said neither its date nor its place.
"""

from __future__ import annotations

from markupsafe import Markup

from ..events.model import Event
from .eventdates import termin
from .links import location_text


def when_and_where(event: Event) -> str:
    """``Termin: Mo., 4. März 2024, 09:30–16:00 Uhr · Ort: Zentrum, Cottbus``, with the status and further dates."""
    first = event.occurrences[0]
    more = len(event.occurrences) - 1
    status = f" ({event.status.label})" if event.status.label else ""
    when = termin(first if more else event.span)
    if more:
        when += f" und {more} weitere{'r Termin' if more == 1 else ' Termine'}"
    return f"Termin{status}: {when} · Ort: {_place(event)}"


def entry_html(event: Event, html: str) -> str:
    """``html`` (an entry's summary or content) with :func:`when_and_where` as its first paragraph."""
    return str(Markup("<p>{}</p>\n").format(when_and_where(event)) + Markup(html))


def _place(event: Event) -> str:
    if event.location is None:
        return "online"
    return location_text(event.location) + (" und online" if event.online else "")
