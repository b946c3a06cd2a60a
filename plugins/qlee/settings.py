"""The plugin's settings, their defaults and the URLs the templates use, merged once.

Pure Python, no Pelican import. :func:`merge` runs once per build (on Pelican's
``initialized`` signal) and once per ``invoke check``; everything else reads
``settings["QLEE_…"]`` directly and never repeats a default.

The ``QLEE_*_URL`` values are the public addresses of the calendar pages and
feeds (docs/content-model.md, "Public URLs"); templates print them, so a URL is
written in one place only (``output/eventpages.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from typing import Any

from .content import dates
from .output import eventpages, partnerfeed, searchindex

DEFAULTS: Mapping[str, Any] = {
    # Category name -> {"slug": URL part, "description": shown on its page}; pelicanconf.py sets them.
    "QLEE_CATEGORIES": {},
    # The category whose page lists its items as a catalogue of events (None: none does).
    "QLEE_CATALOGUE_CATEGORY": None,
    # Who organises an event without `organizer:` (iCal ORGANIZER, JSON-LD organizer).
    "QLEE_ORGANIZER": "",
    # The organizer's e-mail address: with it, iCal entries of that organizer carry ORGANIZER
    # (mailto:, RFC 5545 3.8.4.3), which strict readers of METHOD:PUBLISH want; None: left out.
    "QLEE_ORGANIZER_EMAIL": None,
    # The years a date may have; anything outside is a typo (`13.02.206`).
    "QLEE_YEAR_RANGE": dates.DEFAULT_YEAR_RANGE,
    # Past events stay in the iCal feeds while a feed stays this small, oldest dropped first
    # (output/feedhistory.py); Google Calendar stops reading at about 1 MB.
    "QLEE_FEED_MAX_BYTES": 400_000,
    # Where the iCal feeds' own URLs point; None: SITEURL.
    "QLEE_ICAL_URL_BASE": None,
    # Sample values of `invoke new` left in a file (content/unfinished.py): an error that stops
    # the build, or (for the preview, pelicanconf.py) a notice. `invoke check` always refuses them.
    "QLEE_UNFINISHED_IS_ERROR": True,
    # Whether the build runs Pagefind over the output (the search at /suche/ needs it).
    "QLEE_SEARCH_INDEX": True,
    # Where bundles made before are kept for reuse (reproducible builds); None: the user's cache.
    "QLEE_SEARCH_CACHE": None,
}

# One address, nothing that could end the iCal value or add a parameter.
_EMAIL = re.compile(r"[^@\s:;,<>\"]+@[^@\s:;,<>\"]+\.[^@\s:;,<>\"]+")

TEMPLATE_URLS: Mapping[str, str] = {
    "QLEE_EVENTS_URL": eventpages.EVENTS_URL,
    "QLEE_EVENTS_ARCHIVE_URL": eventpages.ARCHIVE_URL,
    "QLEE_MONTH_URL": eventpages.MONTH_URL,  # a format string: year, month
    "QLEE_FEED_URL": eventpages.FEED_URL,
    "QLEE_EVENTS_JSON_URL": partnerfeed.JSON_URL,
    "QLEE_EMBED_URL": partnerfeed.EMBED_URL,
    "QLEE_SEARCH_BUNDLE": searchindex.BUNDLE_DIR,
}


def merge(settings: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Fill in the defaults of every plugin setting and the template URLs, in place; returns ``settings``."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    if settings["QLEE_ICAL_URL_BASE"] is None:
        settings["QLEE_ICAL_URL_BASE"] = settings.get("SITEURL", "")
    settings["QLEE_YEAR_RANGE"] = tuple(settings["QLEE_YEAR_RANGE"])
    email = settings["QLEE_ORGANIZER_EMAIL"]
    if email is not None and not _EMAIL.fullmatch(email):
        raise ValueError(f"QLEE_ORGANIZER_EMAIL is not an e-mail address: {email!r}")
    settings.update(TEMPLATE_URLS)
    return settings
