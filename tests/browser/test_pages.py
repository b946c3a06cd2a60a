"""Each page type renders in Chromium, fits a phone screen and loads only from localhost."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browsing import LOCAL_HOST, PAGE_TYPES

pytestmark = pytest.mark.browser

# The headings of the pages the issue names; they are the titles in content/.
HEADINGS = {
    "article": "LEAG und IHK Cottbus vereinbaren Zusammenarbeit mit QLEE",
    "page": "Über QLEE",
    "404": "Seite nicht gefunden",
}


@pytest.mark.parametrize("name", ["home", "article", "event article", "page", "404"])
def test_page_renders_with_title_and_one_heading(page, site_url, name):
    response = page.goto(site_url + PAGE_TYPES[name])
    assert response is not None
    assert response.status == (404 if name == "404" else 200)
    assert page.locator("html").get_attribute("lang") == "de"
    heading = page.locator("h1")
    expect(heading).to_have_count(1)
    expect(heading).to_be_visible()
    text = " ".join(heading.inner_text().replace("\u00ad", "").split())  # soft hyphens are no text
    assert text
    if name in HEADINGS:
        assert text == HEADINGS[name]
    title = page.title()
    assert "QLEE" in title
    if name != "home":
        assert text in title, f"<title> {title!r} does not name the page ({text!r})"
    expect(page.locator("main")).to_have_count(1)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_nothing_scrolls_sideways_on_a_narrow_screen(page, site_url, name):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + PAGE_TYPES[name])
    for width in (375, 320):
        page.set_viewport_size({"width": width, "height": 800})
        scroll_width, client_width, wide = page.evaluate(
            """() => {
                const root = document.documentElement;
                const wide = [...document.body.querySelectorAll('*')]
                    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5)
                    .slice(0, 5)
                    .map(e => e.outerHTML.slice(0, 120));
                return [root.scrollWidth, root.clientWidth, wide];
            }"""
        )
        assert client_width <= width
        assert scroll_width <= client_width, (
            f"{PAGE_TYPES[name]} at {width} px: scrollWidth {scroll_width} > clientWidth "
            f"{client_width}; wider elements: {wide}"
        )


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_request_leaves_localhost_and_everything_loads(page, site_url, requests_log, name):
    failed, errors = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "response",
        lambda response: failed.append(f"{response.status} {response.url}")
        if response.status >= 400 and response.request.resource_type != "document"
        else None,
    )
    page.goto(site_url + PAGE_TYPES[name], wait_until="networkidle")
    assert requests_log.urls, "the request log saw nothing: is routing in place?"
    assert not requests_log.foreign(), f"requests to hosts other than {LOCAL_HOST}: {requests_log.foreign()}"
    assert not failed, f"resources that failed to load: {failed}"
    assert not errors, f"script errors: {errors}"


def test_request_log_catches_and_blocks_a_foreign_request(page, requests_log):
    """Guards the test above: a request to another host is seen (and never sent)."""
    page.set_content('<img src="http://example.org/pixel.png" alt="">')
    page.wait_for_load_state("networkidle")
    assert requests_log.foreign() == ["http://example.org/pixel.png"]


def test_dark_color_scheme_changes_the_colours(browser, site_url):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(site_url + "/")
            colours[scheme] = page.evaluate(
                """() => [document.documentElement, document.body].flatMap(element => {
                    const style = getComputedStyle(element);
                    return [style.backgroundColor, style.color];
                })"""
            )
        finally:
            context.close()
    assert colours["light"] != colours["dark"], colours
