"""What the browser tests share: the page types, the local server, the request log, axe output."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# No sandbox (CI runs as root); no background traffic to Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOST = "127.0.0.1"

# One URL per page type of the built site (build date pinned to 2025-01-01).
PAGE_TYPES = {
    "home": "/",
    "article": "/nachrichten/kooperationsvereinbarung-leag-ihk-cottbus/",
    "event article": "/nachrichten/qlee-im-landtag/",
    "course": "/kurse/wasserstoff-2024/",
    "page": "/ueber-qlee/",
    "category": "/nachrichten/",
    "tag": "/schlagwort/wasserstoff/",
    "archive": "/archiv/",
    "news list": "/aktuelles/",
    "404": "/gibt-es-nicht/",
    "events": "/veranstaltungen/",
    "events month": "/veranstaltungen/2026/02/",
    "search": "/suche/",
}


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the output folder like a static host: unknown paths get 404.html with status 404."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar; charset=utf-8",
        ".xml": "application/xml",
    }

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class RequestLog:
    """Every URL the page asked for; requests to any other host are recorded and aborted."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def handle(self, route) -> None:
        url = route.request.url
        self.urls.append(url)
        if urlsplit(url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            route.abort()

    def foreign(self) -> list[str]:
        return [url for url in self.urls if urlsplit(url).hostname != LOCAL_HOST]


@contextlib.contextmanager
def serving(site: Path | type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve a built site (or any handler) from a thread on a free loopback port.

    Yields the base URL, without a trailing slash; the server stops when the block ends.
    """
    handler = functools.partial(SiteHandler, directory=str(site)) if isinstance(site, Path) else site
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def violations_report(violations: list[dict]) -> str:
    """axe-core's violations, one rule per block with the elements it found."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)
