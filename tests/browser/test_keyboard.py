"""The main navigation works by keyboard alone, with a visible focus."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.browser

# What the element that has the keyboard focus looks like, read in the page.
FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const nav = document.querySelector('header nav') || document.querySelector('nav');
    const main = document.querySelector('main');
    return {
        tag: element.tagName.toLowerCase(),
        href: element.getAttribute('href'),
        text: element.textContent.trim().replace(/\\s+/g, ' '),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        inNav: !!(nav && nav.contains(element)),
        inMain: !!(main && main.contains(element)),
    };
}"""
# The links of the main navigation: the <nav> in the page header (else the first <nav>).
NAV_LINKS = """() => {
    const nav = document.querySelector('header nav') || document.querySelector('nav');
    return nav ? [...nav.querySelectorAll('a[href]')].map(a => a.getAttribute('href')) : [];
}"""


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def assert_focus_visible(focused: dict) -> None:
    assert focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0, (
        f"no visible focus outline on <{focused['tag']} href={focused['href']!r}>: "
        f"outline {focused['outlineStyle']} {focused['outlineWidth']}px"
    )


def test_tab_reaches_the_skip_link_first_then_the_navigation_in_order(page, site_url):
    page.goto(site_url + "/")
    nav_links = page.evaluate(NAV_LINKS)
    assert len(nav_links) >= 3, f"main navigation has too few links: {nav_links}"

    first = tab(page)
    assert first["tag"] == "a" and (first["href"] or "").startswith("#"), (
        f"the first Tab stop is not a skip link: {first}"
    )
    assert_focus_visible(first)

    reached = []
    for _ in range(len(nav_links) + 5):  # a few header links (logo) may come first
        focused = tab(page)
        assert not focused["inMain"], f"Tab reached the main content before the navigation: {reached}"
        if focused["inNav"]:
            assert_focus_visible(focused)
            reached.append(focused["href"])
            if len(reached) == len(nav_links):
                break
    assert reached == nav_links


def test_skip_link_moves_the_keyboard_to_the_main_content(page, site_url):
    page.goto(site_url + "/aktuelles/")
    skip = tab(page)
    target = (skip["href"] or "#")[1:]
    assert target and page.locator(f"#{target}").count() == 1, f"skip link target missing: {skip}"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == f"#{target}"
    after = tab(page)
    assert not after["inNav"], f"after the skip link, Tab went back to the navigation: {after}"
    inside = page.evaluate(
        """(id) => {
            const target = document.getElementById(id);
            const element = document.activeElement;
            return target.contains(element)
                || !!(target.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""",
        target,
    )
    assert inside, f"focus after the skip link is not in or after #{target}: {after}"


def test_enter_on_a_navigation_link_follows_it(page, site_url):
    page.goto(site_url + "/")
    nav_links = page.evaluate(NAV_LINKS)
    # The first navigation link that leads away from the home page.
    wanted = next(href for href in nav_links if urlsplit(urljoin(site_url + "/", href)).path != "/")
    for _ in range(len(nav_links) + 6):
        focused = tab(page)
        if focused["inNav"] and focused["href"] == wanted:
            break
    else:
        pytest.fail(f"Tab never reached the navigation link {wanted}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expected = urljoin(site_url + "/", wanted)
    assert page.url == expected
    heading = page.locator("h1")
    assert heading.count() == 1 and heading.inner_text().strip()
    current = page.locator('[aria-current="page"]')
    assert current.count() >= 1, f"no aria-current=page on {expected}"
