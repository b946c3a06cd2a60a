"""The event fixture site in Chromium: axe, keyboard, and termine.js.

The fixture site events_basic (badges, sessions, a registration button, month
grids with links) is built as of 1 January 2025. For termine.js the browser's
clock is then set to later dates, as if a reader came back to a stale build.
"""

from __future__ import annotations

import datetime as dt

import pytest

from browsing import AXE, PROJECT, serving, violations_report
from conftest import DEFAULT_EPOCH, FIXTURES, build

pytestmark = pytest.mark.browser

BERLIN = dt.timezone(dt.timedelta(hours=1))
SCRIPT = PROJECT / "theme" / "static" / "js" / "termine.js"


@pytest.fixture(scope="module")
def events_url(tmp_path_factory):
    output = tmp_path_factory.mktemp("termine-js") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
        build(FIXTURES / "events_basic" / "content", output)
    with serving(output) as url:
        yield url


PAGES = [
    "/veranstaltungen/",
    "/veranstaltungen/kurse/",
    "/veranstaltungen/archiv/",
    "/veranstaltungen/2025/01/",
    "/veranstaltungen/2025/03/",
    "/kurse/solar-grundkurs/",
    "/kurse/wasserstoff-aufbau/",
    "/nachrichten/infoabend/",
    "/nachrichten/fachtag-2024/",
    "/",
]
RUN_AXE = """async () => await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    resultTypes: ['violations'],
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violations(page, events_url, path, scheme):
    page.emulate_media(color_scheme=scheme)
    response = page.goto(events_url + path)
    assert response is not None and response.status == 200
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE)["violations"]
    assert not violations, f"{path} ({scheme}):\n{violations_report(violations)}"


def test_month_grid_by_keyboard(page, events_url):
    page.goto(events_url + "/veranstaltungen/2025/03/")
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.getAttribute('href')"))
        if reached[-1] == "/veranstaltungen/2025/04/":
            break
    # Month navigation first, then the event links of the grid, day by day.
    assert reached[-3:] == ["/veranstaltungen/2025/02/", "/veranstaltungen/", "/veranstaltungen/2025/04/"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/veranstaltungen/2025/04/")
    assert page.locator("caption").inner_text() == "April 2025"
    for _ in range(3):
        page.keyboard.press("Tab")
    links = []
    for _ in range(40):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.getAttribute('href')")
        links.append(href)
        if href == "/kurse/wasserstoff-aufbau/":
            break
    assert links[-1] == "/kurse/wasserstoff-aufbau/"
    page.keyboard.press("Enter")
    page.wait_for_url("**/kurse/wasserstoff-aufbau/")


def visit(page, url: str, when: dt.datetime):
    page.clock.set_fixed_time(when)
    page.goto(url)
    page.wait_for_load_state("load")  # deferred scripts have run


def titles(page) -> list[str]:
    return page.locator("li.event h3").all_inner_texts()


def test_script_is_small_and_has_no_library():
    assert SCRIPT.stat().st_size < 2048
    assert "import" not in SCRIPT.read_text(encoding="utf-8")


def test_nothing_changes_at_build_time(page, events_url):
    visit(page, events_url + "/veranstaltungen/", dt.datetime(2025, 1, 1, 12, tzinfo=BERLIN))
    assert len(titles(page)) == 5
    assert page.locator(".events-empty").is_hidden()


def test_ended_events_move_to_the_ended_section(page, events_url):
    # The weekly hour ended on 20 January, the evening event on 12 February at 20:00.
    visit(page, events_url + "/veranstaltungen/", dt.datetime(2025, 2, 12, 20, 0, 1, tzinfo=BERLIN))
    upcoming = page.locator("section.event-month li.event h3").all_inner_texts()
    assert upcoming[0] == "Grundkurs Photovoltaik" and len(upcoming) == 3
    assert page.locator("section.event-month h2").all_inner_texts() == ["März 2025", "April 2025"]
    # They do not vanish: they stay on the page, marked, under their own heading.
    ended = page.locator("section.events-ended")
    assert ended.is_visible() and ended.locator("h2").inner_text() == "Inzwischen beendet"
    assert ended.locator("li.event h3").all_inner_texts() == ["Online-Sprechstunde Weiterbildung", "Infoabend Wasserstoff & Wärme"]
    assert ended.locator(".badge", has_text="hat stattgefunden").count() == 2
    assert page.locator(".events-empty").is_hidden()


def test_running_event_stays(page, events_url):
    visit(page, events_url + "/veranstaltungen/kurse/", dt.datetime(2025, 3, 7, 23, 59, tzinfo=BERLIN))
    assert page.locator("section.event-month li.event h3").all_inner_texts() == ["Grundkurs Photovoltaik", "Aufbaukurs Wasserstoff"]


def test_empty_lists_say_so(page, events_url):
    visit(page, events_url + "/", dt.datetime(2025, 7, 1, tzinfo=BERLIN))
    assert titles(page) == []
    empty = page.locator(".home-events .events-empty")
    assert empty.is_visible() and empty.inner_text().startswith("Derzeit sind keine Termine geplant.")
    visit(page, events_url + "/veranstaltungen/", dt.datetime(2025, 7, 1, tzinfo=BERLIN))
    assert page.locator("section.event-month").count() == 0
    assert page.locator(".events-empty").is_visible()
    assert page.locator("section.events-ended li.event").count() == 5


@pytest.mark.parametrize(("day", "shown"), [(24, True), (25, False)])
def test_registration_goes_after_the_deadline(page, events_url, day, shown):
    visit(page, events_url + "/kurse/solar-grundkurs/", dt.datetime(2025, 2, day, 0, 0, 1, tzinfo=BERLIN))
    assert page.get_by_role("link", name="Jetzt anmelden").count() == (1 if shown else 0)
    # The row stays and says why there is no button, as a build after the deadline would.
    assert page.locator(".event-box dt", has_text="Anmeldung").is_visible()
    registration = page.locator(".event-box__registration")
    if shown:
        assert "Anmeldeschluss: Montag, 24. Februar 2025" in registration.inner_text()
    else:
        assert registration.inner_text() == "Die Anmeldung ist geschlossen."


def test_everything_is_there_without_javascript(browser, events_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(events_url + "/veranstaltungen/")
        assert len(titles(page)) == 5
        page.goto(events_url + "/kurse/solar-grundkurs/")
        assert page.get_by_role("link", name="Jetzt anmelden").is_visible()
    finally:
        context.close()
