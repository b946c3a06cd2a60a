"""A build a week old, read in Chromium with JavaScript on: nothing vanishes, nothing stays stale.

The fixture site events_basic is built as of Wednesday, 5 February 2025, 12:00
in Berlin; the browser's clock is then fixed a week later, Wednesday,
12 February 2025, 21:00, after the (cancelled) evening event of that day has ended.
"""

from __future__ import annotations

import datetime as dt

import pytest

from browsing import serving
from conftest import FIXTURES, build

pytestmark = pytest.mark.browser

BERLIN = dt.timezone(dt.timedelta(hours=1))
BUILT = "1738753200"  # 2025-02-05 11:00 UTC
A_WEEK_LATER = dt.datetime(2025, 2, 12, 21, 0, tzinfo=BERLIN)


@pytest.fixture(scope="module")
def stale_url(tmp_path_factory):
    output = tmp_path_factory.mktemp("stale") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILT)
        build(FIXTURES / "events_basic" / "content", output)
    with serving(output) as url:
        yield url


def visit(page, url: str, when: dt.datetime = A_WEEK_LATER):
    page.clock.set_fixed_time(when)
    page.goto(url)
    page.wait_for_load_state("load")  # deferred scripts have run


def visible_titles(page, css: str) -> list[str]:
    return page.locator(f"{css} li.event:visible h3").all_inner_texts()


def test_home_page_still_shows_three(page, stale_url, requests_log):
    visit(page, stale_url + "/", dt.datetime(2025, 2, 5, 12, 30, tzinfo=BERLIN))
    first = ["Infoabend Wasserstoff & Wärme", "Grundkurs Photovoltaik", "Nachtschicht </script><script>alert(1)</script> & Co"]
    assert visible_titles(page, ".home-events") == first
    visit(page, stale_url + "/")
    # The evening has ended: the spare behind the three moves up.
    assert visible_titles(page, ".home-events") == first[1:] + ["Aufbaukurs Wasserstoff"]
    assert page.locator(".home-events .events-empty").is_hidden()
    assert all(url.startswith(stale_url) for url in requests_log.urls)  # nothing leaves the site


def test_ended_event_moves_on_the_events_page(page, stale_url):
    visit(page, stale_url + "/veranstaltungen/")
    assert "Infoabend Wasserstoff & Wärme" not in visible_titles(page, "section.event-month")
    ended = page.locator("section.events-ended")
    assert ended.is_visible()
    assert visible_titles(page, "section.events-ended") == ["Infoabend Wasserstoff & Wärme"]
    assert ended.locator(".badge", has_text="hat stattgefunden").is_visible()
    # The February heading goes with its only entry.
    assert page.locator("section.event-month h2").all_inner_texts() == ["März 2025", "April 2025"]


def test_today_follows_the_readers_clock(page, stale_url):
    visit(page, stale_url + "/veranstaltungen/2025/02/")
    today = page.locator("td[aria-current=date]")
    assert today.count() == 1 and today.locator("time.month__day").get_attribute("datetime") == "2025-02-12"
    # Just after midnight in Berlin (23:00 UTC the day before) it is already the 13th.
    visit(page, stale_url + "/veranstaltungen/2025/02/", dt.datetime(2025, 2, 12, 23, 0, 30, tzinfo=dt.UTC))
    assert page.locator("td[aria-current=date] time").get_attribute("datetime") == "2025-02-13"


def test_event_page_says_it_has_taken_place(page, stale_url):
    path = "/kurse/solar-grundkurs/"  # 3 to 7 March 2025, registration open at the build
    visit(page, stale_url + path, dt.datetime(2025, 2, 5, 12, 30, tzinfo=BERLIN))
    box = page.locator(".event-box")
    assert box.get_by_role("link", name="Jetzt anmelden").is_visible()
    assert box.get_by_role("link", name="Google Kalender").is_visible()
    assert not box.get_by_text("hat bereits stattgefunden").is_visible()
    visit(page, stale_url + path, dt.datetime(2025, 3, 8, 9, 0, tzinfo=BERLIN))
    assert box.get_by_text("Diese Veranstaltung hat bereits stattgefunden.").is_visible()
    # No registration and no services' links any more; the .ics stays, as a later build would have it.
    assert box.locator("dt", has_text="Anmeldung").count() == 0
    assert box.get_by_role("link", name="Jetzt anmelden").count() == 0
    assert box.get_by_role("link", name="Google Kalender").count() == 0
    assert box.get_by_role("link", name="Outlook.com").count() == 0
    assert box.get_by_role("link", name="Kalenderdatei (.ics)", exact=False).is_visible()


def test_repeating_event_keeps_its_link_until_its_last_date(page, stale_url):
    # The weekly hour: 6, 13 and 20 January 2025; the build of 5 February already knows it is over.
    visit(page, stale_url + "/kurse/online-sprechstunde/")
    assert page.get_by_text("Diese Veranstaltung hat bereits stattgefunden.").is_visible()


def test_postponed_event_shows_its_old_date_struck_through(page, stale_url):
    visit(page, stale_url + "/nachrichten/nachtschicht/", dt.datetime(2025, 2, 5, 12, 30, tzinfo=BERLIN))
    box = page.locator(".event-box")
    assert box.locator(".badge").inner_text() == "verschoben"
    assert "ein neuer Termin folgt" in box.locator(".event-box__notice").first.inner_text()
    old = box.locator("dd s")
    assert old.is_visible() and "30. März 2025" in old.inner_text()
    assert old.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    # No way to put the old date into a calendar.
    assert box.locator(".event-box__add").count() == 0
    assert box.get_by_role("link", name="Google Kalender").count() == 0
    # In the lists too: labelled and struck through.
    visit(page, stale_url + "/veranstaltungen/", dt.datetime(2025, 2, 5, 12, 30, tzinfo=BERLIN))
    entry = page.locator("li.event", has_text="Nachtschicht")
    assert entry.locator(".badge").inner_text() == "verschoben"
    assert "30. März 2025" in entry.locator("s").first.inner_text()
