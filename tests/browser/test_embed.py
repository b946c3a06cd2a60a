"""The embeddable event list in an iframe on a partner's page, in Chromium.

The partner's page, served from another origin (127.0.0.1 on another port: a page the
browser answers itself counts as public, and Chromium's local network access checks
then block the iframe, which real partners do not meet), styles everything loudly; the list must keep its own look, load nothing but itself, and open
links in the whole window.
"""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest

from browsing import serving

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Partner</title>
<style>* {{ font-family: "Comic Sans MS", cursive !important; color: #f0f !important; background: #ff0 !important; }}
a {{ color: #0f0 !important; }}</style></head>
<body><h1>Partner</h1><iframe src="{src}" title="Termine von QLEE" width="100%" height="480" style="border:0"></iframe></body></html>"""


@pytest.fixture(scope="module")
def partner(site_url):
    """The URL of the partner's page, which embeds the list."""
    body = HOST_PAGE.format(src=f"{site_url}/veranstaltungen/einbetten/").encode()

    class Partner(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    with serving(Partner) as url:
        yield url + "/"


def test_the_list_keeps_its_own_look_and_loads_nothing_but_itself(page, partner, site_url, requests_log):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(partner, wait_until="networkidle")
    frame = page.frame_locator("iframe")
    link = frame.locator("a.title").first
    assert link.count() == 1
    style = link.evaluate(
        "a => [getComputedStyle(a).color, getComputedStyle(a).fontFamily, getComputedStyle(document.body).backgroundColor]"
    )
    assert style[0] == "rgb(0, 79, 124)" and "Comic" not in style[1] and style[2] == "rgba(0, 0, 0, 0)"
    assert requests_log.urls == [partner, f"{site_url}/veranstaltungen/einbetten/"]
    assert errors == []


def test_a_link_opens_the_site_in_the_whole_window(page, partner, site_url):
    page.goto(partner, wait_until="networkidle")
    link = page.frame_locator("iframe").locator("a.title").first
    href = link.get_attribute("href")
    with page.expect_navigation():
        link.click()
    assert page.url == f"{site_url}{href}"
    assert page.main_frame.child_frames == []
