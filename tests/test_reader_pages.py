"""The pages "Kalender abonnieren" and "QLEE in Leichter Sprache" in real builds of the real content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DEFAULT_EPOCH, PROJECT, build
from html_tree import parse_file


@pytest.fixture(scope="module")
def absolute_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("absolute") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
        build(PROJECT / "content", output, SITEURL="https://qlee.example", FEED_DOMAIN="https://qlee.example")
    return output


def hrefs(root) -> list[str]:
    return [a.attrs["href"] for a in root.find_all("a")]


def test_subscription_guide_has_the_feed_addresses(absolute_site):
    main = parse_file(absolute_site / "kalender-abonnieren" / "index.html").find("main")
    assert main.find("h1").text() == "Kalender abonnieren"
    links = hrefs(main)
    assert "webcal://qlee.example/kalender.ics" in links and "https://qlee.example/kalender.ics" in links
    assert "webcal://qlee.example/kalender/kurse.ics" in links and "https://qlee.example/kalender/kurse.ics" in links
    headings = [h.text() for h in main.find_all("h2")]
    for name in ("Google Kalender", "Apple Kalender auf dem Mac", "Apple Kalender auf iPhone und iPad", "Outlook", "Thunderbird", "Android"):
        assert name in headings
    # The honest note on Google's refresh interval.
    assert "nur alle 8 bis 24 Stunden" in main.text()


def test_subscription_guide_in_development_has_relative_addresses(real_site):
    main = parse_file(real_site / "kalender-abonnieren" / "index.html").find("main")
    assert "/kalender.ics" in hrefs(main)
    assert not [href for href in hrefs(main) if href.startswith("webcal:")]


def test_subscribe_box_links_the_guide(real_site):
    box = parse_file(real_site / "veranstaltungen" / "index.html").find("section", class_="subscribe")
    assert "/kalender-abonnieren/" in hrefs(box)


def test_easy_language_page_is_linked_from_home_and_every_footer(real_site):
    page = parse_file(real_site / "leichte-sprache" / "index.html").find("main")
    assert page.find("h1").text() == "QLEE in Leichter Sprache"
    assert "/leichte-sprache/" in hrefs(parse_file(real_site / "index.html").find("main"))
    # Not the embeddable lists: shown in partners' iframes, they have no footer (tests/test_partner_feeds.py).
    embed = real_site / "veranstaltungen" / "einbetten"
    pages = [page for page in real_site.rglob("*.html") if embed not in page.parents]
    assert len(pages) > 20
    for path in pages:
        footer = parse_file(path).find("footer", class_="site-footer")
        assert "/leichte-sprache/" in hrefs(footer), path


def test_easy_language_rules(real_site):
    """Short sentences, each on a line of its own; none over 15 words; abbreviations explained."""
    source = (PROJECT / "content" / "pages" / "leichte-sprache.md").read_text(encoding="utf-8")
    body = source.split("---", 2)[2].replace("<br>", "")
    assert [line for line in body.splitlines() if re.search(r"[.?!] +[A-ZÄÖÜ]", line)] == []
    # Each line of a paragraph ends in a line break on the page too.
    html = (real_site / "leichte-sprache" / "index.html").read_text(encoding="utf-8")
    assert "QLEE ist ein Verbund.<br>" in html
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)  # link texts only
    text = re.sub(r"\[PLATZHALTER:[^\]]*\]", "", text)
    sentences = [s for s in re.split(r"[.:?!]\s|\n", text.replace("*", "")) if s.strip(" -#")]
    too_long = [s for s in sentences if len(s.split()) > 15]
    assert too_long == []
    for abbreviation in ("QLEE", "IHK", "BTU"):
        assert f"{abbreviation} ist eine Abkürzung" in body, abbreviation
    assert "LEAG ist der Name von einer Firma" in body
