"""Search on the real site in Chromium: Pagefind's index, written by the build itself.

The real site is built once per session (tests/conftest.py, real_site); every query
runs through the German interface on /suche/ as a reader would type it.
"""

from __future__ import annotations

import pytest

from browsing import AXE, violations_report

pytestmark = pytest.mark.browser

# Results, not their sub-results (which link to headings of the same page).
RESULT_LINKS = ".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title > a"
COURSE = "/kurse/wasserstoff-2024/"
LANDTAG = "/nachrichten/qlee-im-landtag/"
AGREEMENT = "/nachrichten/kooperationsvereinbarung-leag-ihk-cottbus/"


def results(page, site_url: str, query: str) -> list[str]:
    """The paths of the results /suche/?q=<query> lists, in order (the first page of them)."""
    page.goto(f"{site_url}/suche/?q={query}")
    # Done when the message names the number of results and that many (at most the first
    # five, the interface's page) are rendered with their links.
    page.wait_for_function(
        """selector => {
            const message = document.querySelector('.pagefind-ui__message');
            const count = message && message.textContent.match(/^(\\d+) |^Keine/);
            if (!count) return false;
            const expected = count[1] ? Math.min(Number(count[1]), 5) : 0;
            const links = [...document.querySelectorAll(selector)];
            return links.length === expected && links.every(link => link.getAttribute('href'));
        }""",
        arg=RESULT_LINKS,
    )
    return page.eval_on_selector_all(RESULT_LINKS, "links => links.map(link => link.getAttribute('href'))")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Wasserstoff", COURSE),
        ("Lübbenau", COURSE),  # the course's place, with an umlaut
        ("Wasserstoffanwendungen", COURSE),
        ("Landtag", LANDTAG),
        ("Kooperationsvereinbarung", AGREEMENT),
    ],
)
def test_a_query_finds_what_a_reader_expects(page, site_url, query, expected):
    assert expected in results(page, site_url, query)


def test_the_landtag_item_comes_first_for_landtag(page, site_url):
    assert results(page, site_url, "Landtag")[0] == LANDTAG


def test_german_stemming_finds_other_forms_of_a_word(page, site_url):
    # The texts say "Qualifizierungsverbund"; the plural with its umlaut is nowhere on the site.
    found = results(page, site_url, "Qualifizierungsverbünde")
    assert "/ueber-qlee/" in found


def test_lists_and_calendar_pages_are_not_indexed(page, site_url):
    found = results(page, site_url, "Wasserstoff")
    assert found, "no results"
    assert not [path for path in found if path in ("/", "/aktuelles/", "/kurse/", "/veranstaltungen/", "/archiv/")]
    assert len(found) == len(set(found)), "a page listed twice"


def test_the_interface_speaks_german(page, site_url):
    page.goto(f"{site_url}/suche/")
    field = page.wait_for_selector(".pagefind-ui__search-input")
    assert field.get_attribute("placeholder") == "Suche"
    page.fill(".pagefind-ui__search-input", "Lübbenau")
    message = page.wait_for_selector(".pagefind-ui__message")
    page.wait_for_function("document.querySelector('.pagefind-ui__message').textContent.includes('Ergebnis')")
    assert "Lübbenau" in message.text_content()


def test_the_filters_offer_category_kind_and_place(page, site_url):
    results(page, site_url, "Wasserstoff")
    # The interface adds the filters as their index files arrive.
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__filter-name').length >= 3")
    names = page.eval_on_selector_all(
        ".pagefind-ui__filter-name", "names => names.map(name => name.textContent.trim())"
    )
    assert sorted(names) == ["Art", "Ort", "Rubrik"]


def test_the_header_field_sends_the_query_to_the_search_page_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/")
        page.fill("#suchbegriff", "Lübbenau")
        page.press("#suchbegriff", "Enter")
        page.wait_for_url("**/suche/?q=*")
        assert page.url == f"{site_url}/suche/?q=L%C3%BCbbenau"
        assert "braucht JavaScript" in page.text_content("main")
    finally:
        context.close()


def test_the_header_field_leads_to_results_with_javascript(page, site_url):
    page.goto(f"{site_url}/ueber-qlee/")
    page.fill("#suchbegriff", "Landtag")
    page.press("#suchbegriff", "Enter")
    page.wait_for_selector(RESULT_LINKS)
    assert page.input_value(".pagefind-ui__search-input") == "Landtag"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_page_with_results_has_no_wcag_violations(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    results(page, site_url, "Wasserstoff")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })).violations"""
    )
    assert found == [], violations_report(found)


def test_only_the_search_page_loads_the_search_bundle(page, site_url, requests_log):
    page.goto(f"{site_url}/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests_log.urls if "/pagefind/" in url]
