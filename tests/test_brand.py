"""The site's identity on the built real site: wordmark, icons, manifest, share picture, breadcrumbs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from tools import brand

from html_tree import parse_file

ITEM = "nachrichten/qlee-im-landtag/index.html"
COURSE = "kurse/wasserstoff-2024/index.html"


def head_of(site: Path, path: str):
    return parse_file(site / path).find("head")


def meta(head, key: str, value: str) -> list[str]:
    return [m.attrs["content"] for m in head.find_all("meta") if m.attrs.get(key) == value]


def test_the_committed_wordmark_is_the_drawn_one():
    assert brand.SVG_TARGET.read_text(encoding="utf-8") == brand.svg()
    root = ET.fromstring(brand.svg())
    assert root.attrib["role"] == "img" and root.attrib["aria-label"] == "QLEE"


@pytest.mark.parametrize(("name", "size"), [("apple-touch-icon.png", (180, 180)), ("icon-512.png", (512, 512)),
                                            ("og-default.png", (1200, 630))])  # fmt: skip
def test_pictures_have_their_sizes(real_site, name, size):
    with Image.open(real_site / name) as image:
        assert (image.format, image.size) == ("PNG", size)
        assert image.mode == "RGB"  # no transparency: iOS would fill it with black


def test_every_page_has_icons_manifest_and_share_picture(real_site):
    # Not the embeddable lists: shown in partners' iframes, they link nothing (tests/test_partner_feeds.py).
    embed = real_site / "veranstaltungen" / "einbetten"
    for page in sorted(page for page in real_site.rglob("*.html") if embed not in page.parents):
        head = parse_file(page).find("head")
        links = {link.attrs["rel"]: link.attrs["href"] for link in head.find_all("link")}
        where = page.relative_to(real_site).as_posix()
        assert links["apple-touch-icon"] == "/apple-touch-icon.png", where
        assert links["manifest"] == "/site.webmanifest", where
        assert meta(head, "name", "theme-color") == ["#005a66"], where
        assert meta(head, "name", "twitter:card") == ["summary_large_image"], where
        assert meta(head, "property", "og:image") == ["/og-default.png"], where  # no item has a picture


def test_the_manifest(real_site):
    manifest = json.loads((real_site / "site.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "de" and manifest["short_name"] == "QLEE"
    assert manifest["name"] == "QLEE – Qualifizierungsverbund in der Lausitz für Erneuerbare Energien"
    for icon in manifest["icons"]:
        with Image.open(real_site / icon["src"].lstrip("/")) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]


def test_the_header_carries_the_wordmark(real_site):
    brand_link = parse_file(real_site / "index.html").find("a", class_="brand")
    svg = brand_link.find("svg")
    assert svg.attrs["aria-label"] == "QLEE" and "currentColor" in str(brand.svg())


def trail(site: Path, path: str) -> tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]:
    """The breadcrumbs as shown and as JSON-LD: (name, URL) pairs, the current page without URL."""
    document = parse_file(site / path)
    shown = [
        (li.text().strip(), li.find("a").attrs["href"] if li.find("a") else None)
        for li in document.find("nav", class_="breadcrumbs").find_all("li")
    ]
    (data,) = [
        json.loads(script.text())
        for script in document.find_all("script", type="application/ld+json")
        if json.loads(script.text())["@type"] == "BreadcrumbList"
    ]
    items = sorted(data["itemListElement"], key=lambda item: item["position"])
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return shown, [(item["name"], item.get("item")) for item in items]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (ITEM, [("Start", "/"), ("Veranstaltungen", "/veranstaltungen/"),
                ("QLEE stellt sich im Landtag Brandenburg vor", None)]),
        (COURSE, [("Start", "/"), ("Kurse", "/kurse/"),
                  ("Fachexpert:in für Wasserstoffanwendungen: Lehrgang startet am 4. März 2024", None)]),
        ("nachrichten/kooperationsvereinbarung-leag-ihk-cottbus/index.html",
         [("Start", "/"), ("Nachrichten", "/nachrichten/"), ("LEAG und IHK Cottbus vereinbaren Zusammenarbeit mit QLEE", None)]),
        ("ueber-qlee/index.html", [("Start", "/"), ("Über QLEE", None)]),
        ("veranstaltungen/2026/02/index.html", [("Start", "/"), ("Veranstaltungen", "/veranstaltungen/"), ("Februar 2026", None)]),
    ],
)  # fmt: skip
def test_breadcrumbs_shown_and_as_structured_data(real_site, path, expected):
    shown, data = trail(real_site, path)
    assert shown == expected
    assert data == expected


def test_main_navigation_of_an_event_and_a_course(real_site):
    def current(path: str) -> list[str]:
        nav = parse_file(real_site / path).find("nav", aria_label="Hauptnavigation")
        return [a.text() for a in nav.find_all("a") if "aria-current" in a.attrs]

    assert current(ITEM) == ["Veranstaltungen"]  # a news item that is an event
    assert current(COURSE) == ["Kurse"]  # a course is also an event; it stays under Kurse
