"""Browser tests: the built real site, served on 127.0.0.1, in Debian's Chromium via Playwright.

Playwright never downloads a browser here: it drives /usr/bin/chromium. When Chromium is
missing, the ``browser`` fixture fails and every browser test errors (never skips).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from browsing import CHROMIUM, CHROMIUM_ARGS, RequestLog, serving


@pytest.fixture(scope="session")
def site_url(real_site: Path):
    """Base URL (no trailing slash) of the real site served from a thread on a free port."""
    with serving(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def requests_log() -> RequestLog:
    return RequestLog()


@pytest.fixture
def context(browser, requests_log):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    context.route("**/*", requests_log.handle)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context):
    return context.new_page()
