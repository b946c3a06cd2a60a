"""Lighthouse on the built site: home page, an article, /veranstaltungen/, a month page, /kurse/
and the search page with results.

Usage: ``python -m benchmarks.audit [--site DIR]`` (or ``invoke audit``). Without
``--site`` the real content is built with the publish settings (absolute URLs,
as published) with SITEURL set to the local server's address, so canonical
links and feeds point where the pages are served from. The site is served on
127.0.0.1; Lighthouse (npm package, see package.json) drives Debian's Chromium
headless and the four category scores are printed per page, with every audit
that kept a score below 100.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class AuditError(RuntimeError):
    pass


def pages_to_audit(site: Path) -> dict[str, str]:
    """Label -> path on the site, picked from what the build wrote."""
    articles = sorted(p for p in site.glob("*/*/index.html") if _is_article(p, site))
    months = sorted(site.glob("veranstaltungen/[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html"))
    if not articles or not months or not (site / "veranstaltungen" / "index.html").is_file():
        raise AuditError(f"{site} lacks an article, the calendar or a month page; is it a full build?")
    return {
        "home page": "/",
        "article": "/" + articles[0].parent.relative_to(site).as_posix() + "/",
        "events": "/veranstaltungen/",
        "month page": "/" + months[-1].parent.relative_to(site).as_posix() + "/",
        "courses": "/kurse/",
        "search": "/suche/",
        "search results": "/suche/?q=Wasserstoff",
    }


def _is_article(page: Path, site: Path) -> bool:
    """An article page (/<category>/<slug>/), not a list, tag, pagination or calendar page."""
    first, second = page.parent.relative_to(site).parts
    return first not in {"veranstaltungen", "schlagwort", "aktuelles", "theme"} and second != "seite" and \
        'property="og:type" content="article"' in page.read_text(encoding="utf-8")


def build_site(output: Path, siteurl: str) -> None:
    """The real content with the publish settings, published at ``siteurl``."""
    command = [sys.executable, "-m", "pelican", "content", "--settings", "publishconf.py",
               "--output", str(output), "--log-handler", "plain", "--quiet"]
    env = dict(os.environ, QLEE_SITEURL=siteurl)
    if subprocess.run(command, cwd=ROOT, env=env).returncode:
        raise AuditError("the site did not build")


def serve(site: Path) -> ThreadingHTTPServer:
    """A static server for ``site`` on 127.0.0.1, on a free port, in a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _QuietHandler(SimpleHTTPRequestHandler):
    """Logs only failed requests (a missing file is what Lighthouse's console check sees)."""

    def log_request(self, code="-", size="-"):
        if str(code).isdigit() and int(code) >= 400:
            print(f"  server: {code} {self.path}", file=sys.stderr, flush=True)

    def log_message(self, format, *args):
        pass


def lighthouse(url: str, report: Path) -> dict:
    if not LIGHTHOUSE.exists():
        raise AuditError("Lighthouse is not installed: run `python3 run.py setup` (npm ci) first.")
    if not Path(CHROME).exists():
        raise AuditError(f"{CHROME} is missing: apt-get install chromium")
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = dict(os.environ, CHROME_PATH=CHROME)
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode or not report.exists():
        raise AuditError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise AuditError(f"Lighthouse could not load {url}: {data['runtimeError']}")
    return data


def scores(data: dict) -> dict[str, int]:
    return {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}


def shortfalls(data: dict) -> list[str]:
    """Audits that count towards a category and scored below 100."""
    weighted = {ref["id"] for name in CATEGORIES for ref in data["categories"][name]["auditRefs"] if ref["weight"]}
    found = []
    for audit_id in sorted(weighted):
        audit = data["audits"][audit_id]
        if audit.get("score") is not None and audit["score"] < 1:
            title = " ".join(audit["title"].split())
            items = (audit.get("details") or {}).get("items") or []
            what = "; ".join(str(i.get("description") or i.get("url") or "")[:120] for i in items[:3] if isinstance(i, dict))
            found.append(f"{audit_id} ({round(audit['score'] * 100)}): {title}" + (f" [{what}]" if what.strip("; ") else ""))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build content/ now)")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="qlee-audit-"))
    try:
        site = args.site or workdir / "output"
        site.mkdir(exist_ok=True)
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        results = {}
        try:
            if args.site is None:
                build_site(site, base)
            pages = pages_to_audit(site)
            for label, path in pages.items():
                print(f"Lighthouse: {label} {path}", file=sys.stderr, flush=True)
                results[label] = lighthouse(base + path, workdir / f"{len(results)}.json")
        finally:
            server.shutdown()
    except AuditError as error:
        print(f"audit failed: {error}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    version = next(iter(results.values()))["lighthouseVersion"]
    print(f"Lighthouse {version}, Chromium {CHROME} (headless, mobile emulation with simulated throttling)")
    print(f"  {'page':<12} {'path':<42}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for label, data in results.items():
        print(f"  {label:<12} {pages[label]:<42}" + "".join(f"{value:>16}" for value in scores(data).values()))
    for label, data in results.items():
        for line in shortfalls(data):
            print(f"  below 100 on {label}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
