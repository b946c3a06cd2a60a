"""The built real site as a whole (build date pinned to 2025-01-01, the ``real_site`` fixture).

tests/test_theme.py checks each page type's markup and the three items' texts; this module
checks what holds across the site: every public file of issue 2 exists, every content file
has its page, every article is listed wherever readers look for it, every page links the
legal pages, and every date reads the German way and agrees with its ``datetime``.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from pelican.settings import read_settings

from qlee.content import fields, frontmatter

from html_tree import Element, parse_file

PROJECT = Path(__file__).resolve().parent.parent
CONTENT = PROJECT / "content"
SETTINGS = read_settings(str(PROJECT / "pelicanconf.py"))
CATEGORY_SLUGS = {name: spec["slug"] for name, spec in SETTINGS["QLEE_CATEGORIES"].items()}
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# Public files issue 2 asks for, besides one page per content file (checked below).
REQUIRED_FILES = [
    "index.html", "aktuelles/index.html", "archiv/index.html", "themen/index.html",
    "schlagwoerter/index.html", "404.html", "sitemap.xml", "robots.txt", "feeds/all.atom.xml",
    *(f"{slug}/index.html" for slug in CATEGORY_SLUGS.values()),
    *(f"feeds/{slug}.atom.xml" for slug in CATEGORY_SLUGS.values()),
]
LEGAL_PAGES = ["/impressum/", "/datenschutz/", "/barrierefreiheit/"]

MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
WEEKDAYS_SHORT = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
# The year may be left out at the start of a range ("28. Februar – 3. März 2024").
LONG_DATE = re.compile(r"(?:(?P<weekday>[A-Za-z]+\.?), )?(?P<day>\d{1,2})\. (?P<month>[A-Za-zä]+)(?: (?P<year>\d{4}))?")
NUMERIC_DATE = re.compile(r"(?P<day>\d{2})\.(?P<month>\d{2})\.(?P<year>\d{4})")
MONTH_YEAR = re.compile(r"(?P<month>[A-Za-zä]+) (?P<year>\d{4})")
DAY_ONLY = re.compile(r"(?P<day>\d{1,2})\.?")  # "4" in a month grid, "4." starting "4.–8. März"
TIME = re.compile(r"(?P<hour>\d{2}):(?P<minute>\d{2})(?: Uhr)?")
# English names that differ from the German ones: none may reach a reader.
ENGLISH = re.compile(
    r"\b(January|February|March|May|June|July|October|December|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b"
)


@dataclass(frozen=True)
class Item:
    source: str
    url: str
    title: str
    is_page: bool
    status: str
    category: str | None
    date: dt.datetime | None


def read_items() -> tuple[list[Item], list[str]]:
    """Every valid content file, read with the same validation the build uses, and the errors."""
    items, problems = [], []
    for path in sorted(CONTENT.rglob("*.md")):
        source = path.relative_to(CONTENT).as_posix()
        is_page = source.split("/")[0] in SETTINGS["PAGE_PATHS"]
        matter = frontmatter.split(path.read_text(encoding="utf-8"))
        values, errors = fields.item_metadata(matter, source=source, is_page=is_page, settings=SETTINGS)
        if errors:
            problems += [str(error) for error in errors]
            continue
        status = values.get("status", "published")
        if is_page:
            url = "/" + (values.get("url") or SETTINGS["PAGE_URL"].format(slug=values["slug"]))
        else:
            category = CATEGORY_SLUGS[values["category"]]
            url = "/" + SETTINGS["ARTICLE_URL"].format(category=category, slug=values["slug"])
        items.append(Item(source, url, values["title"], is_page, status, values.get("category"), values.get("date")))
    return items, problems


# Read at collection time (the parameters below); a broken file fails one test, not collection.
ITEMS, CONTENT_ERRORS = read_items()
ARTICLES = [item for item in ITEMS if not item.is_page and item.status == "published"]


def output_file(site: Path, url: str) -> Path:
    path = site / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def links(document: Element) -> set[str]:
    return {a.attrs["href"] for a in document.find_all("a") if "href" in a.attrs}


def list_pages(site: Path, first: str) -> list[Path]:
    """A list page and its further pages (…/seite/2/ and on)."""
    folder = site / first
    return [folder / "index.html", *sorted(folder.glob("seite/*/index.html"))]


def feed_links(path: Path) -> set[str]:
    root = ET.parse(path).getroot()
    return {
        link.get("href")
        for entry in root.iter(f"{ATOM}entry")
        for link in entry.iter(f"{ATOM}link")
        if link.get("rel", "alternate") == "alternate"
    }


def test_the_real_content_is_valid():
    assert not CONTENT_ERRORS, "\n".join(CONTENT_ERRORS)


def test_the_real_content_has_the_items_of_issue_2():
    assert len(ARTICLES) >= 3
    assert {"Nachrichten", "Kurse"} <= {item.category for item in ARTICLES}
    pages = {item.url for item in ITEMS if item.is_page}
    assert {"/ueber-qlee/", *LEGAL_PAGES, "/404.html"} <= pages


@pytest.mark.parametrize("path", REQUIRED_FILES)
def test_required_file_exists(real_site, path):
    assert (real_site / path).is_file()


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.source)
def test_every_content_file_has_its_page_with_its_title(real_site, item):
    page = output_file(real_site, item.url)
    assert page.is_file(), f"{item.source} has no page at {item.url}"
    headings = [h.text().replace("\u00ad", "") for h in parse_file(page).find_all("h1")]  # soft hyphens
    assert headings == [item.title]


@pytest.mark.parametrize("item", ARTICLES, ids=lambda item: item.source)
def test_every_article_is_listed_wherever_readers_look(real_site, item):
    category = CATEGORY_SLUGS[item.category]
    places = {
        "Aktuelles": list_pages(real_site, "aktuelles"),
        "Archiv": [real_site / "archiv/index.html"],
        f"Kategorie {item.category}": list_pages(real_site, category),
    }
    for place, pages in places.items():
        assert any(item.url in links(parse_file(page)) for page in pages), f"{item.url} missing from {place}"
    for feed in ("all", category):
        assert item.url in feed_links(real_site / "feeds" / f"{feed}.atom.xml"), f"{item.url} not in {feed} feed"
    sitemap = ET.parse(real_site / "sitemap.xml").getroot()
    assert item.url in {loc.text for loc in sitemap.iter(f"{SITEMAP}loc")}


@pytest.mark.parametrize("feed", ["all", *CATEGORY_SLUGS.values()])
def test_every_feed_entry_names_an_author(real_site, feed):
    # Atom (RFC 4287, 4.1.2) requires an author; items without `author:` are QLEE's.
    root = ET.parse(real_site / "feeds" / f"{feed}.atom.xml").getroot()
    names = [entry.findtext(f"{ATOM}author/{ATOM}name") for entry in root.iter(f"{ATOM}entry")]
    assert names and all(name and name.strip() for name in names), names


@pytest.mark.parametrize("item", ARTICLES, ids=lambda item: item.source)
def test_article_links_its_category_and_tags_and_they_link_back(real_site, item):
    article = parse_file(output_file(real_site, item.url)).find("article")
    assert article is not None
    hrefs = links(article)
    assert f"/{CATEGORY_SLUGS[item.category]}/" in hrefs
    tag_pages = sorted(href for href in hrefs if href.startswith("/schlagwort/"))
    assert tag_pages, f"{item.url} links no tag page"
    for tag_page in tag_pages:
        listed = any(item.url in links(parse_file(p)) for p in list_pages(real_site, tag_page.strip("/")))
        assert listed, f"{tag_page} does not list {item.url}"


def test_the_newest_article_is_on_the_home_page(real_site):
    newest = max(ARTICLES, key=lambda item: item.date)
    assert newest.url in links(parse_file(real_site / "index.html"))


def test_unlisted_items_stay_out_of_lists_and_feeds(real_site):
    unlisted = [item.url for item in ITEMS if item.status != "published"]
    listed = set()
    for page in list_pages(real_site, "aktuelles") + [real_site / "archiv/index.html", real_site / "index.html"]:
        listed |= links(parse_file(page).find("main"))
    listed |= feed_links(real_site / "feeds/all.atom.xml")
    assert not set(unlisted) & listed


def html_pages(site: Path) -> list[Path]:
    """The site's own pages; not the embeddable lists for partners' iframes (tests/test_partner_feeds.py)."""
    return sorted(page for page in site.rglob("*.html") if not is_embed(site, page))


def is_embed(site: Path, page: Path) -> bool:
    return page.relative_to(site).as_posix().startswith("veranstaltungen/einbetten/")


def test_every_page_links_the_legal_pages_and_home(real_site):
    missing = {}
    for page in html_pages(real_site):
        document = parse_file(page)
        footer_links = set().union(*(links(f) for f in document.find_all("footer")))
        lacking = [url for url in LEGAL_PAGES if url not in footer_links]
        if "/" not in links(document):
            lacking.append("/")
        if lacking:
            missing[page.relative_to(real_site).as_posix()] = lacking
    assert not missing, missing


def german_date(text: str) -> tuple[str, dict[str, int]] | None:
    """(kind, parts) when ``text`` is one of our German date or time forms."""
    if match := NUMERIC_DATE.fullmatch(text):
        return "date", {key: int(value) for key, value in match.groupdict().items()}
    if match := LONG_DATE.fullmatch(text):
        month = match["month"]
        if month not in MONTHS:
            return None
        parts = {"day": int(match["day"]), "month": MONTHS.index(month) + 1}
        if match["year"] is not None:
            parts["year"] = int(match["year"])
        weekday = match["weekday"]
        if weekday is not None:
            names = WEEKDAYS if not weekday.endswith(".") else WEEKDAYS_SHORT
            if weekday not in names:
                return None
            parts["weekday"] = names.index(weekday)
        return "date", parts
    if (match := MONTH_YEAR.fullmatch(text)) and match["month"] in MONTHS:
        return "month", {"month": MONTHS.index(match["month"]) + 1, "year": int(match["year"])}
    if match := DAY_ONLY.fullmatch(text):
        return "day", {"day": int(match["day"])}
    if match := TIME.fullmatch(text):
        return "time", {"hour": int(match["hour"]), "minute": int(match["minute"])}
    return None


def machine_date(value: str) -> dt.date | dt.datetime | tuple[int, int]:
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return int(value[:4]), int(value[5:])
    if "T" in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


def disagreement(text: str, value: str) -> str | None:
    """Why the visible date ``text`` and its ``datetime`` attribute disagree, or None."""
    parsed = german_date(text)
    if parsed is None:
        return "not a German date form we know"
    kind, parts = parsed
    try:
        machine = machine_date(value)
    except ValueError:
        return "datetime attribute is not ISO 8601"
    if isinstance(machine, tuple):
        return None if kind == "month" and (parts["year"], parts["month"]) == machine else "month differs"
    day = machine.date() if isinstance(machine, dt.datetime) else machine
    if kind == "time":
        if not isinstance(machine, dt.datetime) or (machine.hour, machine.minute) != (parts["hour"], parts["minute"]):
            return "time differs"
        return None
    expected = {"day": day.day, "month": day.month, "year": day.year, "weekday": day.weekday()}
    if any(expected[key] != number for key, number in parts.items()):
        return "date differs"
    return None


def test_every_date_reads_the_german_way_and_agrees_with_its_datetime(real_site):
    problems, checked = [], 0
    for page in html_pages(real_site):
        for time in parse_file(page).find_all("time"):
            checked += 1
            text, value = time.text(), time.attrs.get("datetime", "")
            if reason := disagreement(text, value):
                problems.append(f"{page.relative_to(real_site)}:{time.line}: {text!r} / {value!r}: {reason}")
    assert checked >= len(ARTICLES)
    assert not problems, "\n".join(problems)


def test_no_english_month_or_weekday_names(real_site):
    found = {}
    for page in html_pages(real_site):
        if hits := sorted(set(ENGLISH.findall(parse_file(page).text()))):
            found[page.relative_to(real_site).as_posix()] = hits
    assert not found, found


@pytest.mark.parametrize(
    ("text", "value", "ok"),
    [
        ("Freitag, 13. Februar 2026", "2026-02-13T00:00+01:00", True),
        ("Fr., 13. Februar 2026", "2026-02-13", True),
        ("13.02.2026", "2026-02-13T00:00+01:00", True),
        ("Februar 2026", "2026-02", True),
        ("09:30 Uhr", "2024-03-04T09:30+01:00", True),
        ("4.", "2024-03-04", True),
        ("28. Februar", "2024-02-28", True),
        ("28. Februar", "2024-03-28", False),
        ("5.", "2024-03-04", False),
        ("Donnerstag, 13. Februar 2026", "2026-02-13", False),  # wrong weekday
        ("13.02.2026", "2026-02-12", False),
        ("Friday, 13 February 2026", "2026-02-13", False),
        ("13. Februar 2026", "13.02.2026", False),
    ],
)
def test_date_agreement_check(text, value, ok):
    """The check above tells right from wrong."""
    assert (disagreement(text, value) is None) == ok


def test_sitemap_lists_the_calendar_pages(real_site):
    sitemap = ET.parse(real_site / "sitemap.xml").getroot()
    listed = {loc.text for loc in sitemap.iter(f"{SITEMAP}loc")}
    calendar_pages = {
        "/" + str(page.parent.relative_to(real_site)) + "/"
        for page in (real_site / "veranstaltungen").rglob("index.html")
        if not is_embed(real_site, page)  # noindex, shown in partners' iframes
    }
    assert "/veranstaltungen/" in calendar_pages and "/veranstaltungen/2026/02/" in calendar_pages
    assert calendar_pages <= listed, sorted(calendar_pages - listed)


def test_every_page_announces_the_ical_feed(real_site):
    for page in html_pages(real_site):
        head = parse_file(page).find("head")
        feeds = [link.attrs.get("href") for link in head.find_all("link", rel="alternate", type="text/calendar")]
        assert feeds == ["/kalender.ics"], page
