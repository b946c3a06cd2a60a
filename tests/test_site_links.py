"""Link check of the built real site: every internal link resolves, nothing loads from elsewhere.

Internal means: a relative URL, a root-relative URL, or an absolute one on the site's own
host. Every such href/src/srcset in the HTML, every url() in the CSS and every relative link
in the feeds and the sitemap must name a file in the output (a folder URL needs its trailing
slash and an index.html), and a #fragment must name an id on the target page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from html_tree import parse_file

# The host the built pages are imagined at while resolving relative links.
BASE = "http://site.invalid/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Attributes that hold a URL, per element: a browser navigates to or loads from them.
URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "form": ("action",),
    "img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",),
    "iframe": ("src",), "audio": ("src",), "video": ("src", "poster"), "track": ("src",),
    "embed": ("src",), "object": ("data",), "input": ("src",),
}
# Elements whose URL the browser loads by itself when the page opens (not on a click).
LOADING = {"link", "img", "source", "script", "iframe", "audio", "video", "track", "embed", "object", "input"}
# <link rel> values that are navigation, not loading; they may point anywhere.
NAVIGATION_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search", "me"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""")


def page_url(output: Path, file: Path) -> str:
    """The URL a file is served at; index.html is served as its folder."""
    relative = file.relative_to(output).as_posix()
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return BASE + relative


def srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def links_in_html(output: Path, file: Path):
    """(element, attribute, url, line) for every URL attribute in one HTML file."""
    for element in parse_file(file).iter():
        for attribute in URL_ATTRIBUTES.get(element.tag, ()):
            value = element.attrs.get(attribute)
            if value is None:
                continue
            urls = srcset_urls(value) if attribute == "srcset" else [value.strip()]
            for url in urls:
                yield element, attribute, url, element.line


def is_internal(absolute: str) -> bool:
    parts = urlsplit(absolute)
    return parts.scheme in {"http", "https"} and parts.netloc == urlsplit(BASE).netloc


class SiteIndex:
    """The files of the built site and the ids on each HTML page (read once, on demand)."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self._ids: dict[Path, set[str]] = {}

    def resolve(self, absolute: str) -> tuple[Path | None, str]:
        """The file an internal URL names, or None with the reason."""
        path = unquote(urlsplit(absolute).path)
        target = self.output / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        elif target.is_dir():
            return None, "a folder without its trailing slash"
        if not target.is_file():
            return None, "no such file in the output"
        return target, ""

    def ids(self, file: Path) -> set[str]:
        if file not in self._ids:
            tree = parse_file(file)
            self._ids[file] = {
                element.attrs[key]
                for element in tree.iter()
                for key in ("id", "name")
                if key in element.attrs and (key == "id" or element.tag == "a")
            }
        return self._ids[file]

    def broken(self, base: str, url: str) -> str | None:
        """Why ``url`` (found on the page at ``base``) is broken, or None when it resolves."""
        if not url:
            return "empty URL"
        absolute = urljoin(base, url)
        if not is_internal(absolute):
            return None
        target, reason = self.resolve(absolute)
        if target is None:
            return reason
        fragment = unquote(urlsplit(absolute).fragment)
        if fragment and target.suffix == ".html" and fragment not in self.ids(target):
            return f"no element with id \"{fragment}\" on the target page"
        return None


@pytest.fixture(scope="module")
def site(real_site: Path) -> SiteIndex:
    return SiteIndex(real_site)


@pytest.fixture(scope="module")
def html_files(real_site: Path) -> list[Path]:
    files = sorted(real_site.rglob("*.html"))
    assert files, f"no HTML files in {real_site}"
    return files


def test_every_internal_link_in_the_html_resolves(site, html_files, capsys):
    broken, checked = [], 0
    for file in html_files:
        base = page_url(site.output, file)
        for element, attribute, url, line in links_in_html(site.output, file):
            checked += 1
            reason = site.broken(base, url)
            if reason:
                where = file.relative_to(site.output)
                broken.append(f"{where}:{line}: <{element.tag} {attribute}=\"{url}\">: {reason}")
    with capsys.disabled():
        print(f"\nlink check: {checked} links in {len(html_files)} HTML files, {len(broken)} broken")
    assert checked > len(html_files), "suspiciously few links: is the parser reading the pages?"
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_nothing_loads_from_another_host(site, html_files):
    external = []
    for file in html_files:
        base = page_url(site.output, file)
        for element, attribute, url, line in links_in_html(site.output, file):
            if element.tag not in LOADING:
                continue
            if element.tag == "link" and set(element.attrs.get("rel", "").split()) <= NAVIGATION_RELS:
                continue
            absolute = urljoin(base, url)
            if urlsplit(absolute).scheme in {"data", "blob"}:
                continue
            if not is_internal(absolute):
                where = file.relative_to(site.output)
                external.append(f"{where}:{line}: <{element.tag} {attribute}=\"{url}\">")
    assert not external, "resources loaded from other hosts:\n" + "\n".join(external)


def test_stylesheets_load_nothing_from_elsewhere_and_their_urls_resolve(site):
    stylesheets = sorted(site.output.rglob("*.css"))
    assert stylesheets, "no stylesheet in the output"
    problems = []
    for file in stylesheets:
        base = page_url(site.output, file)
        for match in CSS_URL.finditer(file.read_text(encoding="utf-8")):
            url = match.group(2) or match.group(4)
            if url.startswith("data:") or url.startswith("#"):
                continue
            where = file.relative_to(site.output)
            if not is_internal(urljoin(base, url)):
                problems.append(f"{where}: url({url}) loads from another host")
            elif reason := site.broken(base, url):
                problems.append(f"{where}: url({url}): {reason}")
    assert not problems, "\n".join(problems)


def test_relative_links_in_feeds_and_sitemap_resolve(site):
    documents = sorted((site.output / "feeds").glob("*.xml")) + [site.output / "sitemap.xml"]
    missing = [d.relative_to(site.output).as_posix() for d in documents if not d.is_file()]
    assert not missing, f"missing: {missing}"
    broken, checked = [], 0
    for file in documents:
        root = ET.parse(file).getroot()
        urls = [link.get("href", "") for link in root.iter(f"{ATOM}link")]
        urls += [(loc.text or "").strip() for loc in root.iter(f"{SITEMAP}loc")]
        for url in urls:
            # Absolute URLs name the published host; only relative ones can be checked here.
            if urlsplit(url).scheme:
                continue
            checked += 1
            if reason := site.broken(BASE, url):
                broken.append(f"{file.relative_to(site.output)}: {url}: {reason}")
    # The development build has no SITEURL, so its feeds link relatively and are checkable.
    assert checked, "the feeds and the sitemap hold no relative link to check"
    assert not broken, "\n".join(broken)
