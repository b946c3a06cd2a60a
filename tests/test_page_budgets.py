"""Page weight budgets on the real site (issue 5): pages stay light without any build step.

Budgets in KiB (1,024 bytes), as Lighthouse counts transfer sizes: every HTML
page ≤ 40 KiB, the stylesheet ≤ 15 KiB, any script, in a file or inline, ≤ 2 KiB.
The search bundle Pagefind writes (pagefind/) is outside these budgets: it is
loaded by the search page alone, and only there is its weight worth it.
"""

from __future__ import annotations

import re
from pathlib import Path

KIB = 1024
HTML_BUDGET = 40 * KIB
CSS_BUDGET = 15 * KIB
SCRIPT_BUDGET = 2 * KIB
# Script elements that run; JSON-LD and other data blocks are not scripts.
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""type\s*=\s*["']?application/(ld\+)?json""", re.I)


SEARCH_BUNDLE = "pagefind"
SEARCH_PAGE = "suche/index.html"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def ours(site: Path, pattern: str) -> list[Path]:
    """Files matching ``pattern``, without the search bundle."""
    return sorted(p for p in site.rglob(pattern) if p.relative_to(site).parts[0] != SEARCH_BUNDLE)


def test_every_html_page_fits_the_budget(real_site):
    pages = html_pages(real_site)
    assert len(pages) > 20  # the real site: home, lists, articles, pages, calendar
    too_big = {p.relative_to(real_site).as_posix(): p.stat().st_size for p in pages if p.stat().st_size > HTML_BUDGET}
    assert too_big == {}


def test_the_stylesheet_fits_the_budget(real_site):
    sheets = ours(real_site, "*.css")
    assert sheets, "no stylesheet in the output"
    assert {s.relative_to(real_site).as_posix(): s.stat().st_size for s in sheets if s.stat().st_size > CSS_BUDGET} == {}


def test_every_script_fits_the_budget(real_site):
    files = {p.relative_to(real_site).as_posix(): p.stat().st_size for p in ours(real_site, "*.js")}
    inline = {}
    for page in html_pages(real_site):
        for match in _INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            if not _DATA_TYPE.search(match["attrs"]) and match["code"].strip():
                key = page.relative_to(real_site).as_posix()
                inline[key] = max(inline.get(key, 0), len(match["code"].encode("utf-8")))
    assert {name: size for name, size in files.items() if size > SCRIPT_BUDGET} == {}
    assert {name: size for name, size in inline.items() if size > SCRIPT_BUDGET} == {}


def test_only_the_search_page_loads_the_search_bundle(real_site):
    assert (real_site / SEARCH_BUNDLE / "pagefind-ui.js").is_file()
    loading = [
        page.relative_to(real_site).as_posix()
        for page in html_pages(real_site)
        if f"/{SEARCH_BUNDLE}/" in page.read_text(encoding="utf-8")
    ]
    assert loading == [SEARCH_PAGE]
