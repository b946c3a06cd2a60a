"""Chromium decodes both icons of the real site: the linked SVG and /favicon.ico."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LOAD_ICONS = """async () => {
    const size = src => new Promise(resolve => {
        const image = new Image();
        image.onload = () => resolve([image.naturalWidth, image.naturalHeight]);
        image.onerror = () => resolve(null);
        image.src = src;
    });
    const linked = document.querySelector('link[rel="icon"]').href;
    return {linked: linked, svg: await size(linked), ico: await size('/favicon.ico')};
}"""


def test_both_icons_load_and_decode(browser, site_url):
    # A context without the request log: with routing on, requests for /favicon.ico fail here
    # before any route handler sees them.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "/nachrichten/qlee-im-landtag/")
        icons = page.evaluate(LOAD_ICONS)
    finally:
        context.close()
    assert icons["linked"] == site_url + "/theme/favicon.svg"
    assert icons["svg"] == [32, 32]
    assert icons["ico"] is not None and icons["ico"][0] == icons["ico"][1] >= 16
