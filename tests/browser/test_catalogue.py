"""The course catalogue and the calendar's place filter in Chromium (fixture course_catalogue,
built as of 1 June 2025: see tests/test_catalogue.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from browsing import AXE, serving, violations_report
from conftest import FIXTURES, build

pytestmark = pytest.mark.browser

JUNE_2025 = "1748736000"


@pytest.fixture(scope="module")
def catalogue_url(tmp_path_factory):
    output = tmp_path_factory.mktemp("catalogue-browser") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", JUNE_2025)
        build(FIXTURES / "course_catalogue" / "content", output)
    with serving(output) as url:
        yield url


def visible_titles(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, "items => items.filter(item => item.offsetParent !== null).map(item => item.textContent.trim())"
    )


def test_the_catalogue_reads_in_order(page, catalogue_url):
    page.goto(f"{catalogue_url}/kurse/")
    headings = page.eval_on_selector_all("main h2, main h3", "hs => hs.map(h => h.tagName + ' ' + h.textContent.trim())")
    assert headings == [
        "H2 Laufende und kommende Kurse",
        "H3 Sicherheit im Umgang mit Wasserstoff",
        "H3 Speichertechnik kompakt",
        "H3 Photovoltaik für Betriebe",
        "H2 Abgeschlossene Kurse",
        "H3 Grundlagen der Elektrolyse",
        "H3 Archivkurs 2024",
        "H2 Weitere Beiträge",
        "H3 Neue Lehrgänge in Planung",
    ]
    running = page.locator("li.course", has_text="Sicherheit im Umgang mit Wasserstoff")
    assert "läuft" in running.inner_text() and "400 Euro" in running.inner_text()


def test_the_place_filter_shows_only_events_at_that_place(page, catalogue_url):
    page.clock.set_fixed_time(dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC))  # the build's day: termine.js keeps all
    page.goto(f"{catalogue_url}/veranstaltungen/")
    select = page.locator("#ort")
    assert select.is_visible()
    everything = visible_titles(page, "li.event h3")
    assert len(everything) == 4
    select.select_option("online")
    assert visible_titles(page, "li.event h3") == ["Photovoltaik für Betriebe"]
    assert visible_titles(page, ".event-month h2") == ["September 2025"]  # empty months go too
    assert page.url.endswith("/veranstaltungen/?ort=online")
    page.reload()  # the choice is kept in the address
    assert page.locator("#ort").input_value() == "online"
    assert visible_titles(page, "li.event h3") == ["Photovoltaik für Betriebe"]
    page.locator("#ort").select_option("")
    assert visible_titles(page, "li.event h3") == everything
    assert page.url.endswith("/veranstaltungen/")


def test_without_javascript_the_place_filter_does_not_show(browser, catalogue_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{catalogue_url}/veranstaltungen/")
        assert not page.locator("#ort").is_visible()
        assert len(visible_titles(page, "li.event h3")) == 4
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/kurse/", "/veranstaltungen/", "/aktuelles/", "/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations(page, catalogue_url, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{catalogue_url}{path}")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })).violations"""
    )
    assert found == [], violations_report(found)
