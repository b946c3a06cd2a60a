"""The plugin's settings: defaults merged once; templates take the public URLs from one place."""

from pathlib import Path

from qlee.output import eventpages
from qlee.settings import DEFAULTS, merge

THEME = Path(__file__).resolve().parents[1] / "theme" / "templates"


def test_defaults_fill_only_what_is_missing():
    settings = merge({"SITEURL": "https://qlee.example", "QLEE_ORGANIZER": "BTU", "QLEE_YEAR_RANGE": [2000, 2050]})
    assert settings["QLEE_ORGANIZER"] == "BTU"
    assert settings["QLEE_YEAR_RANGE"] == (2000, 2050)
    assert settings["QLEE_FEED_MAX_BYTES"] == DEFAULTS["QLEE_FEED_MAX_BYTES"] == 400_000
    assert settings["QLEE_CATEGORIES"] == {}


def test_ical_url_base_defaults_to_siteurl_but_can_be_set():
    assert merge({"SITEURL": "https://qlee.example"})["QLEE_ICAL_URL_BASE"] == "https://qlee.example"
    given = merge({"SITEURL": "", "QLEE_ICAL_URL_BASE": "https://cal.example"})
    assert given["QLEE_ICAL_URL_BASE"] == "https://cal.example"


def test_templates_get_the_urls_of_the_event_pages():
    settings = merge({"SITEURL": ""})
    assert settings["QLEE_EVENTS_URL"] == eventpages.EVENTS_URL
    assert settings["QLEE_EVENTS_ARCHIVE_URL"] == eventpages.ARCHIVE_URL
    assert settings["QLEE_FEED_URL"] == eventpages.FEED_URL


def test_no_template_writes_a_calendar_url_itself():
    literals = [eventpages.EVENTS_URL, eventpages.FEED_URL]
    found = [
        f"{path.relative_to(THEME)}: {literal}"
        for path in THEME.rglob("*.html")
        for literal in literals
        if f"/{literal}" in path.read_text(encoding="utf-8")
    ]
    assert found == []
