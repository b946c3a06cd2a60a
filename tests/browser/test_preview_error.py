"""The preview in Chromium: while the last save broke the build, every page says so (file, line, fix).

The real preview server (tools/preview.py, with live reload) runs on a free port; the
browser stays on a page while the content breaks and is fixed again.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browsing import PROJECT

GOOD = "---\ntitle: Erste Nachricht\ndate: 10.01.2024 10:00\ncategory: Nachrichten\n---\n\nErste Nachricht steht im Text.\n"
BROKEN = "---\ntitle: Kaputt\ndate: 30.02.2024\ncategory: Nachrichten\n---\n\nText.\n"
SCREENSHOTS = Path(os.environ.get("QLEE_SCREENSHOTS", "")) if os.environ.get("QLEE_SCREENSHOTS") else None


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = time.time() + 2  # seen by mtime polling even within one clock tick
    os.utime(path, (stamp, stamp))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    content = tmp_path / "content"
    (content / "nachrichten").mkdir(parents=True)
    (content / "pages").mkdir()
    _write(content / "nachrichten" / "erste.md", GOOD)
    port = _free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "tools.preview", "--content", str(content),
               "--output", str(tmp_path / "output"), "--port", str(port)]
    with log.open("w") as sink:
        server = subprocess.Popen(command, cwd=PROJECT, stdout=sink, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while "Vorschau unter" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.2)
        yield content, f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _shown_after_reload(page, banner, state: str) -> None:
    """Wait for live reload to bring ``state``; else reload by hand once the server has it.

    A save can trigger more than one rebuild (livereload polls), and a reload that comes
    while the page is still loading from the one before is lost; what the server serves counts.
    """
    try:
        banner.wait_for(state=state, timeout=30_000)
    except PlaywrightTimeout:
        page.reload()
        banner.wait_for(state=state, timeout=30_000)


def test_the_browser_shows_the_error_until_it_is_fixed(preview, context):
    content, base = preview
    page = context.new_page()
    with page.expect_websocket() as connecting:  # live reload's connection, before anything changes
        page.goto(f"{base}/nachrichten/erste-nachricht/")
    connecting.value.wait_for_event("framereceived")  # its handshake: from now on, reloads arrive
    assert page.locator("#vorschau-fehler").count() == 0

    _write(content / "nachrichten" / "kaputt.md", BROKEN)
    # Live reload brings the banner into the open page, without the editor doing anything.
    banner = page.locator("#vorschau-fehler")
    _shown_after_reload(page, banner, "visible")
    text = banner.inner_text()
    assert "Die Vorschau zeigt nicht den neuesten Stand" in text
    assert 'content/nachrichten/kaputt.md:3: date: "30.02.2024" ist kein gültiges Datum' in text
    assert "Beispiel: 29.02.2024" in text
    assert banner.bounding_box()["y"] == 0  # at the very top, above the site's header
    assert page.get_by_role("alert").count() >= 1
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        box = banner.bounding_box()
        assert box["width"] <= width and page.evaluate("document.documentElement.scrollWidth") <= width
        if SCREENSHOTS:
            page.screenshot(path=str(SCREENSHOTS / f"preview-error-{width}.png"))

    _write(content / "nachrichten" / "kaputt.md", BROKEN.replace("30.02.2024", "28.02.2024"))
    _shown_after_reload(page, banner, "detached")
    assert "Erste Nachricht steht im Text." in page.inner_text("main")
