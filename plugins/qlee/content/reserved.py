"""The top-level folders and files the site writes itself, which a page's ``save_as`` or ``url`` may not enter.

Pelican writes a page wherever ``save_as`` says: into ``veranstaltungen/`` it
would overwrite a calendar page or be overwritten by one, silently. The names
come from the settings and from :mod:`output.eventpages`, so they follow any
change there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..output import eventpages

# Settings that name output paths (Pelican's and ours), with what is written there (German).
_PATH_SETTINGS = {
    "FEED_ALL_ATOM": "die Feeds", "CATEGORY_FEED_ATOM": "die Feeds", "FEED_ALL_RSS": "die Feeds",
    "CATEGORY_FEED_RSS": "die Feeds", "TAG_SAVE_AS": "die Schlagwortseiten", "DRAFT_SAVE_AS": "die Entwürfe",
    "DRAFT_PAGE_SAVE_AS": "die Entwürfe",
}  # fmt: skip


def folders(settings: Mapping[str, Any]) -> dict[str, str]:
    """First path parts the site uses -> what it writes there (German)."""
    taken = {
        _first(eventpages.EVENTS_URL): "den Veranstaltungskalender",
        _first(eventpages.FEED_URL): "den iCal-Kalender",
        _first(eventpages.CATEGORY_FEED_URL): "die iCal-Kalender der Kategorien",
        settings.get("THEME_STATIC_DIR", "theme"): "die Dateien des Designs",
    }
    for name, what in _PATH_SETTINGS.items():
        if settings.get(name):
            taken.setdefault(_first(settings[name]), what)
    for template in settings.get("DIRECT_TEMPLATES", ()):
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        if save_as:
            taken.setdefault(_first(save_as), f"die Übersichtsseite „{template}“")
    pattern = settings.get("CATEGORY_SAVE_AS", "category/{slug}.html")  # Pelican's default
    for name, category in settings.get("QLEE_CATEGORIES", {}).items():
        taken.setdefault(_first(pattern.format(slug=category["slug"])), f"die Beiträge der Kategorie „{name}“")
    for path in settings.get("STATIC_PATHS", ()):
        taken.setdefault(_first(path), "Bilder und andere Dateien")
    taken.pop("", None)
    return {folder: what for folder, what in taken.items() if "{" not in folder}


def _first(path: str) -> str:
    return path.strip("/").split("/", 1)[0]
