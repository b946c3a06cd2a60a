"""The look on phones and in print, measured in Chromium: no word split inside, the month as
an agenda below 600 px, a title larger than headings, print shows where links lead, axe at 375 px.

The event fixture site events_basic (several events a month, a registration button, a
place with a map link) is built as of 1 January 2025; the real site for the page types.
"""

from __future__ import annotations

import datetime as dt

import pytest

from browsing import AXE, PAGE_TYPES, serving, violations_report
from conftest import DEFAULT_EPOCH, FIXTURES, build

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}

# Every word (split at spaces, hyphens and soft hyphens, where a break is proper) of the
# matched elements whose pieces lie on more than one line: a word broken inside.
BROKEN_WORDS = """(selector) => {
  const line = (node, i) => {  // the line (bottom edge) of one character
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    return rects.length ? Math.round(rects[rects.length - 1].bottom) : null;
  };
  const broken = [];
  for (const element of document.querySelectorAll(selector)) {
    if (!element.getClientRects().length) continue;  // not displayed
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-\\u2013\\u2014\\u00ad\\/]+/g)) {
        if (!/^[\\p{L}\\p{N}.,:;!?()\u201e\u201c"'\u2019]+$/u.test(match[0])) continue;  // words, not code
        // After a soft hyphen, Chromium counts the hyphen's box to the first letter: skip that letter.
        const first = match.index + (node.data[match.index - 1] === "\\u00ad" ? 1 : 0);
        const lines = new Set();
        for (let i = first; i < match.index + match[0].length; i++) lines.add(line(node, i));
        lines.delete(null);
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""
TITLES = "h1, h2, h3, .month li, .event__meta, .event-box dd, .breadcrumbs a, .main-nav a"
RUN_AXE = """async () => await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    resultTypes: ['violations'],
})"""


@pytest.fixture(scope="module")
def events_url(tmp_path_factory):
    output = tmp_path_factory.mktemp("look") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
        build(FIXTURES / "events_basic" / "content", output)
    with serving(output) as url:
        yield url


@pytest.fixture
def phone(browser, requests_log):
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    context.route("**/*", requests_log.handle)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_check_finds_a_broken_word(phone):
    """Guards the tests below: a word forced to break is found."""
    phone.set_content('<p style="width:40px;overflow-wrap:anywhere">Netzwerktreffen</p>')
    assert phone.evaluate(BROKEN_WORDS, "p") == ["Netzwerktreffen"]


@pytest.mark.parametrize("path", ["/veranstaltungen/2025/03/", "/veranstaltungen/", "/kurse/solar-grundkurs/", "/"])
def test_no_word_is_broken_on_a_phone(phone, events_url, path):
    phone.goto(events_url + path)
    assert phone.evaluate(BROKEN_WORDS, TITLES) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("name", ["home", "course", "event article", "events", "events month", "page"])
def test_no_word_is_broken_on_the_real_site(phone, site_url, name):
    phone.goto(site_url + PAGE_TYPES[name])
    assert phone.evaluate(BROKEN_WORDS, TITLES) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_month_is_an_agenda_on_a_phone(phone, events_url):
    phone.goto(events_url + "/veranstaltungen/2025/03/")
    busy, quiet = phone.locator("td.month__busy"), phone.locator("td:not(.month__busy)")
    assert busy.count() > 3 and all(cell.is_visible() for cell in busy.all())
    assert not any(cell.is_visible() for cell in quiet.all())
    # Each busy day names its weekday and month; times stand beside the titles.
    assert busy.first.locator(".month__date").inner_text().startswith("Mo, 3. März 2025")
    timed = phone.locator(".month li:has(.month__time)").first
    time, title = timed.locator(".month__time").bounding_box(), timed.locator("a").bounding_box()
    assert abs(time["y"] - title["y"]) < 4 and time["x"] + time["width"] <= title["x"]
    # The table is still a table to assistive technology: its header row stays in the DOM.
    assert phone.locator("thead th").count() == 7


def test_the_month_is_a_grid_on_a_wide_screen(page, events_url):
    page.goto(events_url + "/veranstaltungen/2025/03/")
    assert page.locator("thead").is_visible()
    assert page.locator("td:not(.month__busy)").first.is_visible()
    assert not page.locator(".month__agenda").first.is_visible()


@pytest.mark.parametrize("name", ["home", "course", "page", "event article"])
def test_the_title_is_clearly_larger_than_headings_on_a_phone(phone, site_url, name):
    phone.goto(site_url + PAGE_TYPES[name])
    size = "(s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)"
    h1, h2 = phone.evaluate(size, "h1"), phone.evaluate(size, "main h2")
    assert h1 >= 1.3 * h2, (h1, h2)


def test_print_shows_where_registration_and_map_lead(page, events_url):
    page.clock.set_fixed_time(dt.datetime(2025, 1, 2, 12, tzinfo=dt.UTC))  # registration still open
    page.goto(events_url + "/kurse/solar-grundkurs/")
    page.emulate_media(media="print")
    after = "(s) => getComputedStyle(document.querySelector(s), '::after').content"
    registration = page.locator(".event-box__registration")
    assert registration.is_visible() and "Jetzt anmelden" in registration.inner_text()
    assert page.locator(".event-box__registration a").is_visible()
    assert "anmeldung.example/solar" in page.evaluate(after, ".event-box__registration a")
    assert "openstreetmap.org" in page.evaluate(after, ".event-box a[href*='openstreetmap']")


def test_an_event_page_leads_back_to_the_calendar(page, events_url):
    page.goto(events_url + "/nachrichten/infoabend/")
    assert page.locator('.main-nav a[aria-current]').inner_text() == "Veranstaltungen"
    assert page.locator(".breadcrumbs a").all_inner_texts() == ["Start", "Veranstaltungen"]
    page.locator(".event-box__back a").first.click()
    page.wait_for_url("**/veranstaltungen/20*/*/")
    assert page.locator("a[href='/nachrichten/infoabend/']").count() >= 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "course", "event article", "events", "events month"])
def test_no_wcag_violations_on_a_phone(phone, site_url, name, scheme):
    phone.emulate_media(color_scheme=scheme)
    phone.goto(site_url + PAGE_TYPES[name])
    phone.add_script_tag(path=str(AXE))
    violations = phone.evaluate(RUN_AXE)["violations"]
    assert not violations, f"{name} ({scheme}, 375 px):\n{violations_report(violations)}"


def test_no_wcag_violations_in_the_agenda(phone, events_url):
    phone.goto(events_url + "/veranstaltungen/2025/03/")
    phone.add_script_tag(path=str(AXE))
    violations = phone.evaluate(RUN_AXE)["violations"]
    assert not violations, violations_report(violations)
