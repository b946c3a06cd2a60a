"""Atom entries of events say when and where; the sitemap has lastmod, tag pages, no empty months.

Both read from real builds of the fixture site events_basic (build date
1 January 2025), parsed as XML.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DEFAULT_EPOCH, FIXTURES, build
from html_tree import parse

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASIC = FIXTURES / "events_basic" / "content"


def built(tmp_path_factory, **override) -> Path:
    output = tmp_path_factory.mktemp("feeds") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
        build(BASIC, output, **override)
    return output


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built(tmp_path_factory)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    return built(tmp_path_factory, SITEURL="https://qlee.example/neu", FEED_DOMAIN="https://qlee.example/neu")


def atom_entries(path: Path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()
    return {entry.find(f"{ATOM}title").text: entry for entry in root.iter(f"{ATOM}entry")}


def first_paragraph(entry: ET.Element, tag: str) -> str:
    """The text of the first paragraph of the entry's summary or content (HTML in the XML)."""
    element = entry.find(f"{ATOM}{tag}")
    assert element is not None and element.attrib.get("type") == "html"
    return parse(element.text).find("p").text()


@pytest.mark.parametrize("fixture", ["site", "published"])
def test_event_entries_begin_with_when_and_where(request, fixture):
    output = request.getfixturevalue(fixture)
    entries = atom_entries(output / "feeds" / "all.atom.xml")
    course = entries["Grundkurs Photovoltaik"]
    line = "Termin: 3.–7. März 2025 · Ort: Schulungszentrum Muster, Musterstraße 1, 03046 Cottbus"
    for tag in ("summary", "content"):
        assert first_paragraph(course, tag) == line
    assert first_paragraph(entries["Infoabend Wasserstoff & Wärme"], "content").startswith(
        "Termin (abgesagt): Mi., 12. Februar 2025, 18:00–20:00 Uhr · Ort: Rathaus Muster, Spremberg"
    )
    weekly = first_paragraph(entries["Online-Sprechstunde Weiterbildung"], "content")
    assert weekly == "Termin: Mo., 6. Januar 2025, 16:00–17:00 Uhr und 2 weitere Termine · Ort: online"
    # The category feed carries the same line; the item's own text follows it.
    kurse = atom_entries(output / "feeds" / "kurse.atom.xml")["Grundkurs Photovoltaik"]
    assert first_paragraph(kurse, "content") == line
    paragraphs = parse(kurse.find(f"{ATOM}content").text).find_all("p")
    assert [p.text() for p in paragraphs] == [line, "Ein Beispielkurs für die Tests."]


def test_entries_without_event_are_unchanged(real_site):
    entries = atom_entries(real_site / "feeds" / "all.atom.xml")
    news = entries["LEAG und IHK Cottbus vereinbaren Zusammenarbeit mit QLEE"]
    assert not first_paragraph(news, "content").startswith("Termin")
    landtag = [entry for title, entry in entries.items() if "Landtag" in title]
    assert landtag and first_paragraph(landtag[0], "content").startswith("Termin: Fr., 13. Februar 2026")


def sitemap(output: Path) -> dict[str, str | None]:
    root = ET.parse(output / "sitemap.xml").getroot()
    found = {}
    for url in root.iter(f"{SITEMAP}url"):
        lastmod = url.find(f"{SITEMAP}lastmod")
        found[url.find(f"{SITEMAP}loc").text] = lastmod.text if lastmod is not None else None
    return found


def test_sitemap_lastmod_and_pages(published):
    urls = sitemap(published)
    base = "https://qlee.example/neu/"
    # Items: modified, else date (the Infoabend was modified on 20 December 2024).
    assert urls[base + "nachrichten/infoabend/"] == "2024-12-20T08:00+01:00"
    # Calendar lists change with the build time: the build's time. A month grid other than the
    # current one: the latest change of its events. Empty months (December, May) are not listed.
    assert urls[base + "veranstaltungen/"] == "2025-01-01T00:00+00:00"
    assert urls[base + "veranstaltungen/2025/01/"] == "2025-01-01T00:00+00:00"
    assert urls[base + "veranstaltungen/2025/02/"] == "2024-12-20T08:00+01:00"
    assert base + "veranstaltungen/2024/12/" not in urls and base + "veranstaltungen/2025/05/" not in urls
    months = sorted(url for url in urls if url.startswith(base + "veranstaltungen/20"))
    written = sorted(
        base + path.parent.relative_to(published).as_posix() + "/"
        for path in (published / "veranstaltungen").glob("20*/*/index.html")
    )
    assert months == written  # every month page that exists has events or is the current month
    # Every lastmod is a W3C date-time.
    for value in urls.values():
        if value is not None:
            dt.datetime.fromisoformat(value)


def test_real_sitemap_lists_tag_pages(real_site):
    urls = sitemap(real_site)
    tags = {"/" + path.parent.relative_to(real_site).as_posix() + "/" for path in (real_site / "schlagwort").glob("*/index.html")}
    assert tags and tags <= set(urls)
