"""The theme on the real content: every page type exists, in German, with German dates.

Builds ``content/`` once (the ``real_site`` fixture, build date 2025-01-01) and reads the
pages with the standard library's HTML parser (tests/html_tree.py).
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import PROJECT, build
from html_tree import Element, parse_file

LANDTAG = "nachrichten/qlee-im-landtag/index.html"
KOOPERATION = "nachrichten/kooperationsvereinbarung-leag-ihk-cottbus/index.html"
KURS = "kurse/wasserstoff-2024/index.html"
ARTICLES = {LANDTAG, KOOPERATION, KURS}
REGISTRATION = "https://qlee.idloom.events/Wasserstoffexperte2024"

# Every page type of issue 2, with its expected h1.
PAGES = {
    "index.html": "Weiterbildung für erneuerbare Energien und Wasserstoff in der Lausitz",
    "aktuelles/index.html": "Aktuelles",
    LANDTAG: "QLEE stellt sich im Landtag Brandenburg vor",
    KOOPERATION: "LEAG und IHK Cottbus vereinbaren Zusammenarbeit mit QLEE",
    KURS: "Fachexpert:in für Wasserstoffanwendungen: Lehrgang startet am 4. März 2024",
    "nachrichten/index.html": "Nachrichten",
    "kurse/index.html": "Kurse",
    "schlagwort/wasserstoff/index.html": "Schlagwort „Wasserstoff“",
    "archiv/index.html": "Archiv",
    "themen/index.html": "Themen",
    "schlagwoerter/index.html": "Schlagwörter",
    "ueber-qlee/index.html": "Über QLEE",
    "impressum/index.html": "Impressum",
    "datenschutz/index.html": "Datenschutzerklärung",
    "barrierefreiheit/index.html": "Erklärung zur Barrierefreiheit",
    "404.html": "Seite nicht gefunden",
}


def page(site: Path, path: str) -> Element:
    return parse_file(site / path)


def main_of(document: Element) -> Element:
    main = document.find("main")
    assert main is not None, "no <main>"
    return main


def hrefs(element: Element) -> list[str]:
    return [a.attrs.get("href", "") for a in element.find_all("a")]


def times(element: Element) -> dict[str, str]:
    """Text of every <time> in ``element`` -> its datetime attribute."""
    return {t.text(): t.attrs.get("datetime", "") for t in element.find_all("time")}


@pytest.mark.parametrize(("path", "title"), PAGES.items())
def test_page_exists_in_german_with_one_h1(real_site, path, title):
    document = page(real_site, path)
    html = document.find("html")
    assert html.attrs.get("lang") == "de"
    headings = document.find_all("h1")
    assert [h.text().replace("\u00ad", "") for h in headings] == [title]  # soft hyphens are no text
    assert main_of(document).attrs.get("id") == "inhalt"
    skip = document.find("a", class_="skip-link")
    assert skip is not None and skip.attrs["href"] == "#inhalt"
    assert skip.text() == "Zum Inhalt springen"


@pytest.mark.parametrize("path", PAGES)
def test_headings_never_skip_a_level(real_site, path):
    levels = [
        int(element.tag[1])
        for element in page(real_site, path).iter()
        if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}
    ]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} followed by h{after} in {path}"


@pytest.mark.parametrize("path", PAGES)
def test_head_has_description_canonical_and_open_graph(real_site, path):
    document = page(real_site, path)
    metas = {
        m.attrs.get("name") or m.attrs.get("property"): m.attrs.get("content", "")
        for m in document.find_all("meta")
    }
    assert metas["description"]
    assert metas["og:description"] == metas["description"]
    assert metas["og:title"]
    assert metas["og:locale"] == "de_DE"
    assert metas["og:site_name"] == "QLEE"
    assert metas["og:type"] == ("article" if path in ARTICLES else "website")
    feed = document.find("link", rel="alternate", type="application/atom+xml")
    assert feed is not None and feed.attrs["href"] == "/feeds/all.atom.xml"
    canonical = document.find("link", rel="canonical")
    if path == "404.html":
        assert canonical is None  # the 404 page answers any address
    else:
        expected = "/" + path.removesuffix("index.html")
        assert canonical.attrs["href"] == expected
        assert metas["og:url"] == expected


def test_article_description_is_its_summary(real_site):
    metas = {m.attrs.get("name"): m.attrs.get("content") for m in page(real_site, LANDTAG).find_all("meta")}
    assert metas["description"].startswith("Projektleiter Martin Heusler hat QLEE im Sonderausschuss")


def test_landtag_article_dates_author_and_recording(real_site):
    document = page(real_site, LANDTAG)
    article = main_of(document).find("article")
    header = article.find("header")
    assert times(header) == {"Freitag, 13. Februar 2026": "2026-02-13T00:00+01:00"}
    assert "Text: Esther Wegener" in header.text()
    text = article.text()
    assert "14. August 2026" in text and "Mediathek" in text
    assert "http://www.landtag.brandenburg.de" in hrefs(article)
    assert "/nachrichten/" in hrefs(article.find("footer"))


def test_course_article_links_to_registration(real_site):
    article = main_of(page(real_site, KURS)).find("article")
    assert times(article.find("header")) == {"Montag, 4. März 2024": "2024-03-04T00:00+01:00"}
    assert REGISTRATION in hrefs(article.find("div", class_="prose"))
    assert "Lübbenau" in article.text()
    # Links between items resolve to the other item's public URL.
    assert "/nachrichten/kooperationsvereinbarung-leag-ihk-cottbus/" in hrefs(article)


def test_cooperation_article(real_site):
    article = main_of(page(real_site, KOOPERATION)).find("article")
    assert times(article.find("header")) == {"Mittwoch, 10. Januar 2024": "2024-01-10T00:00+01:00"}
    text = article.text()
    for fact in ("Jörg Waniek", "Dr. Wolfgang Krüger", "„DurcH2atmen“", "„MinGenTec“", "15 Teilnehmenden"):
        assert fact in text
    assert article.find("img") is None  # no image file exists for this item
    tags = [a.text() for a in article.find("ul", class_="tags").find_all("a")]
    assert "Wasserstoff" in tags and "IHK Cottbus" in tags


def published(element: Element) -> list[str]:
    """The publication dates of the teasers in ``element``, in order."""
    return [t.text() for meta in element.find_all("p", class_="teaser__meta") for t in meta.find_all("time")]


def event_lines(element: Element) -> list[str]:
    return [" ".join(line.text().split()) for line in element.find_all("p", class_="teaser__event")]


def test_article_lists_are_ordered_newest_first_with_numeric_dates(real_site):
    for path in ("aktuelles/index.html", "index.html"):
        teasers = main_of(page(real_site, path)).find("ol", class_="teasers")
        assert teasers is not None, path
        assert published(teasers) == ["13.02.2026", "04.03.2024", "10.01.2024"]
        assert hrefs(teasers)[0] == "/nachrichten/qlee-im-landtag/"
        # Items with an event say when it takes place, where, and its state at the build (2025-01-01).
        assert event_lines(teasers) == [
            "Termin: Fr., 13. Februar 2026 · online · geplant",
            "Termin: Mo., 4. März 2024 · LEAG-Qualifizierungszentrum, Lübbenau · beendet",
        ]


def test_category_page_lists_only_its_category_and_feed(real_site):
    main = main_of(page(real_site, "kurse/index.html"))
    assert [a.text() for a in main.find_all("h3")] == [
        "Fachexpert:in für Wasserstoffanwendungen: Lehrgang startet am 4. März 2024"
    ]
    assert "/feeds/kurse.atom.xml" in hrefs(main)


def test_tag_page(real_site):
    main = main_of(page(real_site, "schlagwort/landtag-brandenburg/index.html"))
    assert published(main) == ["13.02.2026"]


def test_archive_groups_by_year_newest_first(real_site):
    main = main_of(page(real_site, "archiv/index.html"))
    assert [h.text() for h in main.find_all("h2")] == ["2026", "2024"]
    lists = main.find_all("ol")
    assert [list(times(ol)) for ol in lists] == [["13.02.2026"], ["04.03.2024", "10.01.2024"]]


def test_topics_page_lists_categories_and_tags(real_site):
    main = main_of(page(real_site, "themen/index.html"))
    links = hrefs(main)
    assert "/nachrichten/" in links and "/kurse/" in links
    assert "/schlagwort/wasserstoff/" in links


def test_main_navigation_marks_the_current_section(real_site):
    def current(path: str) -> dict[str, str]:
        nav = page(real_site, path).find("nav", aria_label="Hauptnavigation")
        return {a.text(): a.attrs["aria-current"] for a in nav.find_all("a") if "aria-current" in a.attrs}

    assert current("index.html") == {"Start": "page"}
    assert current("aktuelles/index.html") == {"Aktuelles": "page"}
    assert current(LANDTAG) == {"Veranstaltungen": "true"}  # an event, not a course
    assert current("kurse/index.html") == {"Kurse": "page"}
    assert current(KURS) == {"Kurse": "true"}
    assert current("ueber-qlee/index.html") == {"Über QLEE": "page"}
    assert current("impressum/index.html") == {}


def test_footer_links(real_site):
    footer = page(real_site, "index.html").find("footer", class_="site-footer")
    links = hrefs(footer)
    for target in ("/impressum/", "/datenschutz/", "/barrierefreiheit/", "/archiv/", "/themen/",
                   "/feeds/all.atom.xml", "/feeds/nachrichten.atom.xml", "/feeds/kurse.atom.xml"):
        assert target in links


def test_impressum_marks_unknown_details_as_placeholders(real_site):
    text = main_of(page(real_site, "impressum/index.html")).text()
    placeholders = re.findall(r"\[PLATZHALTER: ([^\]]+)\]", text)
    for unknown in ("Name und Rechtsform", "Postanschrift", "E-Mail-Adresse", "verantwortlichen Person"):
        assert any(unknown in placeholder for placeholder in placeholders), unknown


def test_404_page_links_work_from_any_path(real_site):
    document = page(real_site, "404.html")
    links = hrefs(main_of(document))
    assert {"/", "/aktuelles/", "/veranstaltungen/"} <= set(links)
    # Every link and the stylesheet are root-relative: the page is served for any missing URL.
    assert all(h.startswith(("/", "#", "http")) for h in hrefs(document))
    stylesheet = document.find("link", rel="stylesheet")
    assert stylesheet.attrs["href"] == "/theme/css/style.css"


def test_hidden_404_page_is_not_listed(real_site):
    for path in ("index.html", "sitemap.xml"):
        assert "404" not in (real_site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["all", "nachrichten", "kurse"])
def test_feeds_exist_and_parse(real_site, name):
    feed = ET.parse(real_site / "feeds" / f"{name}.atom.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == {"all": 3, "nachrichten": 2, "kurse": 1}[name]


def test_sitemap_and_robots_use_absolute_urls_when_siteurl_is_set(tmp_path, source_date_epoch):
    site = build(PROJECT / "content", tmp_path / "out", SITEURL="https://qlee.example", FEED_DOMAIN="https://qlee.example")
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [url.findtext(f"{namespace}loc") for url in sitemap.findall(f"{namespace}url")]
    assert all(loc.startswith("https://qlee.example/") for loc in locations)
    for path in ("", "aktuelles/", "nachrichten/qlee-im-landtag/", "kurse/wasserstoff-2024/",
                 "nachrichten/kooperationsvereinbarung-leag-ihk-cottbus/", "ueber-qlee/",
                 "impressum/", "datenschutz/", "barrierefreiheit/"):
        assert f"https://qlee.example/{path}" in locations
    assert "https://qlee.example/404.html" not in locations
    assert len(locations) == len(set(locations))
    robots = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert "Sitemap: https://qlee.example/sitemap.xml" in robots
    canonical = parse_file(site / LANDTAG).find("link", rel="canonical")
    assert canonical.attrs["href"] == "https://qlee.example/nachrichten/qlee-im-landtag/"


def test_sitemap_lastmod_comes_from_content(real_site):
    sitemap = ET.parse(real_site / "sitemap.xml").getroot()
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    lastmod = {
        url.findtext(f"{namespace}loc"): url.findtext(f"{namespace}lastmod")
        for url in sitemap.findall(f"{namespace}url")
    }
    assert lastmod["/nachrichten/qlee-im-landtag/"] == "2026-02-13T00:00+01:00"
    assert lastmod["/"] is None  # lists carry no date, so two builds agree


def test_titles_are_escaped(tmp_path, source_date_epoch):
    """Autoescaping: a title with markup reaches the page as text, never as an element."""
    content = tmp_path / "content"
    (content / "nachrichten").mkdir(parents=True)
    (content / "nachrichten" / "a.md").write_text(
        "---\ntitle: \"</title><script>alert(1)</script> & <b>fett</b>\"\ndate: 01.12.2024\n"
        "category: Nachrichten\nslug: a\nsummary: \"<img src=x onerror=alert(1)>\"\n---\nText.\n",
        encoding="utf-8",
    )
    site = build(content, tmp_path / "out")
    for path in ("nachrichten/a/index.html", "index.html", "aktuelles/index.html", "archiv/index.html"):
        document = parse_file(site / path)
        scripts = document.find_all("script")
        # JSON-LD carries the title as data; it must stay data (no markup, no end tag).
        data = [s for s in scripts if s.attrs.get("type") == "application/ld+json"]
        assert all("<" not in s.text() for s in data), path
        injected = [s for s in scripts if s not in data and "alert" in s.text() + s.attrs.get("src", "")]
        assert injected == [], path
        assert document.find("b") is None and document.find("img") is None, path
    h1 = parse_file(site / "nachrichten/a/index.html").find("h1")
    assert h1.text() == "</title><script>alert(1)</script> & <b>fett</b>"


def test_stylesheet_is_small_and_self_contained():
    css = (PROJECT / "theme/static/css/style.css").read_text(encoding="utf-8")
    assert len(css.encode("utf-8")) < 15 * 1024
    for forbidden in ("@import", "@font-face", "url(", "http:", "https:"):
        assert forbidden not in css
    for required in ("prefers-color-scheme: dark", "@media print", ":focus-visible", "overflow-wrap"):
        assert required in css


def test_pagination_links_between_pages(tmp_path, source_date_epoch):
    site = build(PROJECT / "content", tmp_path / "out", DEFAULT_PAGINATION=1)

    def pagination(path: str) -> dict[str, str]:
        document = parse_file(site / path)
        nav = document.find("nav", class_="pagination")
        assert nav.attrs["aria-label"]
        return {a.text(): a.attrs["href"] for a in nav.find_all("a")}

    assert pagination("aktuelles/index.html") == {"Nächste Seite": "/aktuelles/seite/2/"}
    assert pagination("aktuelles/seite/2/index.html") == {
        "Vorherige Seite": "/aktuelles/",
        "Nächste Seite": "/aktuelles/seite/3/",
    }
    assert pagination("aktuelles/seite/3/index.html") == {"Vorherige Seite": "/aktuelles/seite/2/"}
    assert "Seite 2 von 3" in parse_file(site / "aktuelles/seite/2/index.html").find("nav", class_="pagination").text()
    assert parse_file(site / "aktuelles/seite/2/index.html").find("title").text() == "Aktuelles – Seite 2 – QLEE"
    assert pagination("nachrichten/index.html") == {"Nächste Seite": "/nachrichten/seite/2/"}
    # The home page shows the latest items and is never split into pages.
    assert not (site / "seite").exists()
    assert parse_file(site / "index.html").find("nav", class_="pagination") is None


def test_site_links_in_content_follow_siteurl_below_a_path(tmp_path, source_date_epoch):
    # GitHub project pages live below a path; the 404 page is served at any address.
    base = "https://owner.github.io/qlee"
    site = build(PROJECT / "content", tmp_path / "out", SITEURL=base, FEED_DOMAIN=base)
    main = parse_file(site / "404.html").find("main")
    hrefs = [a.attrs["href"] for a in main.find_all("a")]
    assert f"{base}/veranstaltungen/" in hrefs and f"{base}/ueber-qlee/" in hrefs
    assert not [href for href in hrefs if href.startswith("/")], hrefs


def test_german_quotes_and_apostrophes_in_body_text(tmp_path, source_date_epoch):
    content = tmp_path / "content"
    (content / "nachrichten").mkdir(parents=True)
    (content / "nachrichten" / "zitat.md").write_text(
        '---\ntitle: Zitat\ndate: 10.01.2024\ncategory: Nachrichten\n---\n'
        'Er sagt: "So geht\'s weiter."\n',
        encoding="utf-8",
    )
    site = build(content, tmp_path / "out")
    html = (site / "nachrichten" / "zitat" / "index.html").read_text(encoding="utf-8")
    assert "&bdquo;So geht&rsquo;s weiter.&ldquo;" in html
