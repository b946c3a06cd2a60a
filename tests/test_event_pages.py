"""In-process builds of the event fixture sites: calendar pages, event boxes, JSON-LD.

tests/fixtures/events_basic is built as of 1 January 2025 (DEFAULT_EPOCH): one
event in 2024 is past, five are upcoming (one cancelled, one postponed, one
weekly, one with two sessions and a month without events between them, one in
the night summer time starts, with a hostile title).
"""

from __future__ import annotations

import filecmp
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from test_site import disagreement

from qlee.content.eventblock import default_uid
from qlee.errors import ContentInvalid

from conftest import DEFAULT_EPOCH, FIXTURES, build, copy_fixture
from html_tree import Element, parse_file

BASIC = FIXTURES / "events_basic" / "content"
HOSTILE = "Nachtschicht </script><script>alert(1)</script> & Co"
# Months with events, and January 2025 (the build month); no empty months between.
MONTHS = ["2024/11", "2025/01", "2025/02", "2025/03", "2025/04", "2025/06"]


def built(tmp_path_factory, content: Path, epoch: str = DEFAULT_EPOCH, **override) -> Path:
    output = tmp_path_factory.mktemp("site") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        build(content, output, **override)
    return output


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built(tmp_path_factory, BASIC)


def page(site: Path, path: str) -> Element:
    return parse_file(site / path / "index.html")


def main(site: Path, path: str) -> Element:
    found = page(site, path).find("main")
    assert found is not None
    return found


def entries(root: Element) -> list[Element]:
    return root.find_all("li", class_="event")


def entry_titles(root: Element) -> list[str]:
    return [item.find("h3").text() for item in entries(root)]


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


# --- /veranstaltungen/ ------------------------------------------------------------------------


def test_calendar_pages_exist(site):
    for path in ["veranstaltungen", "veranstaltungen/archiv", "veranstaltungen/kurse", "veranstaltungen/nachrichten"]:
        assert (site / path / "index.html").is_file(), path
    written = sorted(p.parent.relative_to(site / "veranstaltungen").as_posix() for p in (site / "veranstaltungen").glob("20*/*/index.html"))
    assert written == MONTHS


def test_upcoming_by_month(site):
    root = main(site, "veranstaltungen")
    months = [section.find("h2").text() for section in root.find_all("section", class_="event-month")]
    assert months == ["Januar 2025", "Februar 2025", "März 2025", "April 2025"]
    assert entry_titles(root) == [
        "Online-Sprechstunde Weiterbildung",
        "Infoabend Wasserstoff & Wärme",
        "Grundkurs Photovoltaik",
        HOSTILE,
        "Aufbaukurs Wasserstoff",
    ]
    march = root.find("section", class_="event-month", **{"aria-labelledby": "monat-2025-03"})
    assert march.find("h2").find("a").attrs["href"] == "/veranstaltungen/2025/03/"
    # The past Fachtag is not listed; the hidden "nothing planned" text is there for termine.js.
    assert "Fachtag 2024" not in root.text()
    assert root.find("p", class_="events-empty").attrs.get("hidden") == ""


@pytest.mark.parametrize(
    ("title", "texts"),
    [
        ("Online-Sprechstunde Weiterbildung", ["Mo., 6. Januar 2025", "16:00–17:00 Uhr", "und 2 weitere Termine", "online"]),
        ("Infoabend Wasserstoff & Wärme", ["abgesagt", "Mi., 12. Februar 2025", "18:00–20:00 Uhr", "Rathaus Muster, Spremberg"]),
        ("Grundkurs Photovoltaik", ["3.–7. März 2025", "Schulungszentrum Muster, Cottbus"]),
        (HOSTILE, ["verschoben", "So., 30. März 2025", "01:30–04:00 Uhr", "Kraftwerk Muster, Jänschwalde und online"]),
        ("Aufbaukurs Wasserstoff", ["Do., 10. April 2025", "09:00–16:00 Uhr", "und 1 weiterer Termin"]),
    ],
)
def test_entry_texts(site, title, texts):
    (item,) = [item for item in entries(main(site, "veranstaltungen")) if item.find("h3").text() == title]
    meta = item.find("p", class_="event__meta").text()
    for text in texts:
        assert text in meta
    assert item.find("h3").find("a").attrs["href"].startswith("/")
    assert item.attrs["data-end"]


def times(element: Element) -> list[tuple[str, str]]:
    return [(time.text(), time.attrs["datetime"]) for time in element.find_all("time")]


def test_entry_carries_machine_dates(site):
    listed = entries(main(site, "veranstaltungen"))
    (item,) = [item for item in listed if "Photovoltaik" in item.text()]
    # Start and end of „3.–7. März 2025“, each a <time>.
    assert times(item) == [("3.", "2025-03-03"), ("7. März 2025", "2025-03-07")]
    assert item.attrs["data-end"] == "2025-03-08T00:00:00+01:00"  # after the last day, in Berlin
    (item,) = [item for item in listed if "Sprechstunde" in item.text()]
    assert times(item) == [
        ("Mo., 6. Januar 2025", "2025-01-06"),
        ("16:00", "2025-01-06T16:00+01:00"),
        ("17:00", "2025-01-06T17:00+01:00"),
    ]


def test_every_time_on_the_event_pages_agrees_with_its_datetime(site):
    problems, checked = [], 0
    for path in sorted(site.rglob("*.html")):
        for time in parse_file(path).find_all("time"):
            checked += 1
            if reason := disagreement(time.text(), time.attrs.get("datetime", "")):
                problems.append(f"{path.relative_to(site)}: {time.text()!r} / {time.attrs.get('datetime')!r}: {reason}")
    assert checked > 100
    assert not problems, "\n".join(problems)


def test_category_filter_pages(site):
    kurse = main(site, "veranstaltungen/kurse")
    assert kurse.find("h1").text() == "Veranstaltungen: Kurse"
    assert entry_titles(kurse) == ["Online-Sprechstunde Weiterbildung", "Grundkurs Photovoltaik", "Aufbaukurs Wasserstoff"]
    assert entry_titles(main(site, "veranstaltungen/nachrichten")) == ["Infoabend Wasserstoff & Wärme", HOSTILE]
    nav = kurse.find("nav", class_="event-filter")
    # Categories under their "events" label from QLEE_CATEGORIES (pelicanconf.py).
    assert [(a.text(), a.attrs["href"], "aria-current" in a.attrs) for a in nav.find_all("a")] == [
        ("Alle", "/veranstaltungen/", False),
        ("Weitere Veranstaltungen", "/veranstaltungen/nachrichten/", False),
        ("Kurse", "/veranstaltungen/kurse/", True),
    ]
    assert kurse.find("a", href="/kalender/kurse.ics") is not None


def test_subscribe_box_in_development_has_no_made_up_host(site):
    box = main(site, "veranstaltungen").find("section", class_="subscribe")
    hrefs = [a.attrs["href"] for a in box.find_all("a")]
    assert hrefs == ["/kalender.ics", "/kalender/nachrichten.ics", "/kalender/kurse.ics"]
    assert not any(href.startswith(("webcal:", "https:")) for href in hrefs)
    # Each category's address is there to copy, root-relative.
    rubrics = box.find("ul", class_="subscribe__rubrics").find_all("li")
    assert [li.text() for li in rubrics] == ["Nachrichten: /kalender/nachrichten.ics", "Kurse: /kalender/kurse.ics"]


def calendar_name(ics: Path) -> str:
    (line,) = [line for line in ics.read_text(encoding="utf-8").splitlines() if line.startswith("X-WR-CALNAME:")]
    return line.partition(":")[2]


def test_subscribe_box_with_absolute_siteurl(tmp_path_factory):
    output = built(tmp_path_factory, BASIC, SITEURL="https://qlee.example", FEED_DOMAIN="https://qlee.example")
    box = main(output, "veranstaltungen").find("section", class_="subscribe")
    services = [a.attrs["href"] for a in box.find("ul", class_="subscribe__links").find_all("a")]
    webcal, google, outlook = services
    assert webcal == "webcal://qlee.example/kalender.ics"
    assert query(google) == {"cid": "webcal://qlee.example/kalender.ics"}
    assert google.startswith("https://calendar.google.com/calendar/render?")
    # Outlook.com subscribes to the https address, under the feed's own name.
    assert outlook.startswith("https://outlook.live.com/calendar/0/addfromweb?")
    assert query(outlook) == {"url": "https://qlee.example/kalender.ics", "name": calendar_name(output / "kalender.ics")}
    assert query(outlook)["name"] == "QLEE – Veranstaltungen"
    hrefs = [a.attrs["href"] for a in box.find_all("a")]
    assert "https://qlee.example/kalender.ics" in hrefs
    # Every category: a webcal link and the https address to copy.
    rubrics = box.find("ul", class_="subscribe__rubrics").find_all("li")
    assert [[a.attrs["href"] for a in li.find_all("a")] for li in rubrics] == [
        ["webcal://qlee.example/kalender/nachrichten.ics", "https://qlee.example/kalender/nachrichten.ics"],
        ["webcal://qlee.example/kalender/kurse.ics", "https://qlee.example/kalender/kurse.ics"],
    ]
    assert [li.find_all("a")[1].text() for li in rubrics] == [
        "https://qlee.example/kalender/nachrichten.ics",
        "https://qlee.example/kalender/kurse.ics",
    ]
    # The JSON-LD has absolute addresses there.
    data = jsonld(output, "kurse/solar-grundkurs")
    assert data["url"] == "https://qlee.example/kurse/solar-grundkurs/"
    assert data["organizer"]["url"] == "https://qlee.example/"


def test_links_to_feeds_and_ics_exist(site):
    for path in ["kalender.ics", "kalender/kurse.ics", "kalender/nachrichten.ics", "veranstaltungen/solar-grundkurs.ics"]:
        assert (site / path).is_file(), path


# --- archive and month grids -----------------------------------------------------------------


def test_archive_by_year(site):
    root = main(site, "veranstaltungen/archiv")
    (year,) = root.find_all("section", class_="event-year")
    assert year.find("h2").text() == "2024"
    (item,) = entries(year)
    assert item.find("h3").text() == "Fachtag 2024"
    assert "ausgebucht" in item.text() and "Di., 5. November 2024" in item.text()
    assert "data-end" not in item.attrs


def test_month_table_is_accessible(site):
    root = main(site, "veranstaltungen/2025/01")
    table = root.find("table")
    assert table.find("caption").text() == "Januar 2025"
    headers = table.find("thead").find_all("th")
    assert [th.attrs["scope"] for th in headers] == ["col"] * 7
    assert [(th.find("abbr").text(), th.find("abbr").attrs["title"]) for th in headers] == [
        ("Mo", "Montag"), ("Di", "Dienstag"), ("Mi", "Mittwoch"), ("Do", "Donnerstag"),
        ("Fr", "Freitag"), ("Sa", "Samstag"), ("So", "Sonntag"),
    ]  # fmt: skip
    rows = table.find("tbody").find_all("tr")
    assert all(len(row.find_all("td")) == 7 for row in rows)
    first_week = rows[0].find_all("td")
    # 1 January 2025 is a Wednesday, and the build date: marked as today.
    assert [cell.text() for cell in first_week[:3]] == ["", "", "1"]
    assert first_week[2].attrs.get("aria-current") == "date"
    assert len(table.find_all("td", **{"aria-current": "date"})) == 1
    monday = rows[1].find_all("td")[0]
    assert monday.find("time").attrs["datetime"] == "2025-01-06"
    assert monday.find("a").attrs["href"] == "/kurse/online-sprechstunde/"
    nav = root.find("nav", class_="month-nav")
    assert [(a.attrs.get("rel"), a.attrs["href"], a.text()) for a in nav.find_all("a")] == [
        # December 2024 has no events and no page: "previous" skips it.
        ("prev", "/veranstaltungen/2024/11/", "← November 2024"),
        (None, "/veranstaltungen/", "Alle kommenden Veranstaltungen"),
        ("next", "/veranstaltungen/2025/02/", "Februar 2025 →"),
    ]


def test_month_grid_marks_today_in_the_sites_zone(tmp_path_factory):
    # 31 January 2025, 23:30 UTC is already 1 February in Berlin.
    output = built(tmp_path_factory, BASIC, epoch="1738366200")
    today = [
        (month, cell.find("time").attrs["datetime"])
        for month in ("2025/01", "2025/02")
        for cell in main(output, f"veranstaltungen/{month}").find("table").find_all("td", **{"aria-current": "date"})
    ]
    assert today == [("2025/02", "2025-02-01")]


def test_month_grid_days_and_badges(site):
    march = main(site, "veranstaltungen/2025/03").find("table")
    busy = {cell.find("time").text(): cell.text() for cell in march.find_all("td", class_="month__busy")}
    assert sorted(busy, key=int) == ["3", "4", "5", "6", "7", "30"]
    assert HOSTILE + " (verschoben)" in busy["30"]  # the night summer time starts
    assert not march.find_all("td", **{"aria-current": "date"})


def test_empty_months_are_skipped_and_the_ends(site):
    assert not (site / "veranstaltungen" / "2025" / "05").exists()
    april = main(site, "veranstaltungen/2025/04").find("nav", class_="month-nav")
    assert april.find("a", rel="next").attrs["href"] == "/veranstaltungen/2025/06/"
    first = main(site, "veranstaltungen/2024/11").find("nav", class_="month-nav")
    last = main(site, "veranstaltungen/2025/06").find("nav", class_="month-nav")
    assert [a.attrs.get("rel") for a in first.find_all("a")] == [None, "next"]
    assert [a.attrs.get("rel") for a in last.find_all("a")] == ["prev", None]


def test_monatsuebersicht_opens_the_current_month(site):
    (link,) = [a for a in main(site, "veranstaltungen").find_all("a") if a.text() == "Monatsübersicht"]
    assert link.attrs["href"] == "/veranstaltungen/2025/01/"  # the build month


# --- the home page box ------------------------------------------------------------------------


def test_home_page_shows_the_next_three(site):
    box = main(site, "").find("section", class_="home-events")
    assert box.find("h2").text() == "Nächste Termine"
    shown = [item for item in entries(box) if "hidden" not in item.attrs]
    assert [item.find("h3").text() for item in shown] == ["Online-Sprechstunde Weiterbildung", "Infoabend Wasserstoff & Wärme", "Grundkurs Photovoltaik"]
    # Two spares, hidden, for termine.js to show when some of the three have ended.
    assert len(entries(box)) == 5 and box.find("ol").attrs["data-show"] == "3"
    assert box.find("script").attrs["src"] == "/theme/js/termine.js"
    assert "defer" in box.find("script").attrs


def test_home_page_without_events(tmp_path_factory):
    output = built(tmp_path_factory, FIXTURES / "events_empty" / "content")
    box = main(output, "").find("section", class_="home-events")
    empty = box.find("p", class_="events-empty")
    assert "hidden" not in empty.attrs
    assert empty.text().startswith("Derzeit sind keine Termine geplant.")
    assert empty.find("a").attrs["href"] == "/veranstaltungen/archiv/"
    assert not entries(box)
    upcoming = main(output, "veranstaltungen")
    assert "Derzeit sind keine Termine geplant." in upcoming.text()
    # Only the build month has a grid, empty, and "Monatsübersicht" opens it.
    assert [p.parent.relative_to(output / "veranstaltungen").as_posix() for p in (output / "veranstaltungen").glob("20*/*/index.html")] == ["2025/01"]
    assert main(output, "veranstaltungen/2025/01").find("caption").text() == "Januar 2025: keine Termine"
    (link,) = [a for a in upcoming.find_all("a") if a.text() == "Monatsübersicht"]
    assert link.attrs["href"] == "/veranstaltungen/2025/01/"


def test_everything_past_after_the_last_event(tmp_path_factory):
    # 12 June 2025, 16:00 in Berlin: the last session of the last event has just ended.
    output = built(tmp_path_factory, BASIC, epoch="1749736800")
    assert not entries(main(output, "veranstaltungen"))
    years = main(output, "veranstaltungen/archiv").find_all("section", class_="event-year")
    assert [year.find("h2").text() for year in years] == ["2025", "2024"]
    assert entry_titles(years[0])[0] == "Aufbaukurs Wasserstoff"
    assert "Die Anmeldung" not in main(output, "kurse/wasserstoff-aufbau").text()


# --- an event's own page ---------------------------------------------------------------------


def event_box(site: Path, path: str) -> Element:
    box = main(site, path).find("section", class_="event-box")
    assert box is not None
    return box


def facts(box: Element) -> dict[str, Element]:
    dl = box.find("dl")
    terms = dl.find_all("dt")
    values = dl.find_all("dd")
    return {term.text(): value for term, value in zip(terms, values, strict=True)}


def test_event_box_all_facts(site):
    box = event_box(site, "kurse/solar-grundkurs")
    found = facts(box)
    assert list(found) == ["Wann", "Wo", "Kosten", "Veranstalter", "Anmeldung"]
    assert times(found["Wann"]) == [("3.", "2025-03-03"), ("7. März 2025", "2025-03-07")]
    assert found["Wann"].text() == "3.–7. März 2025"
    place = [child.strip() for child in found["Wo"].children if isinstance(child, str) and child.strip()]
    assert place == ["Schulungszentrum Muster", "Musterstraße 1", "03046 Cottbus"]
    osm = found["Wo"].find("a").attrs["href"]
    assert osm == "https://www.openstreetmap.org/?mlat=51.7563&mlon=14.3329#map=17/51.7563/14.3329"
    assert found["Kosten"].text() == "kostenfrei"
    registration = found["Anmeldung"]
    assert registration.find("a", class_="button").attrs["href"] == "https://anmeldung.example/solar?kurs=1&jahr=2025"
    assert "Anmeldeschluss: Montag, 24. Februar 2025" in registration.text()
    assert registration.attrs["data-until"] == "2025-02-25T00:00:00+01:00"  # after the deadline's day
    assert not box.find_all("iframe")


def test_add_to_calendar_links(site):
    box = event_box(site, "kurse/solar-grundkurs")
    links = {a.text(): a.attrs["href"] for a in box.find("div", class_="event-box__add").find_all("a")}
    ics, google, outlook = links.values()
    assert ics == "/veranstaltungen/solar-grundkurs.ics"
    # No download attribute: iOS Safari offers "add to calendar" only for a file it opens.
    assert not [a for a in box.find_all("a") if "download" in a.attrs]
    assert query(google) == {
        "action": "TEMPLATE",
        "text": "Grundkurs Photovoltaik",
        "dates": "20250303/20250308",
        "details": "Fünf Tage Grundlagen der Photovoltaik für Fachkräfte.\n\n/kurse/solar-grundkurs/",
        "location": "Schulungszentrum Muster, Musterstraße 1, 03046 Cottbus",
    }
    assert (query(outlook)["startdt"], query(outlook)["enddt"], query(outlook)["allday"]) == ("2025-03-03", "2025-03-08", "true")


def test_sessions_are_listed_with_their_own_links(site):
    box = event_box(site, "kurse/wasserstoff-aufbau")
    when = facts(box)["Wann"]
    assert [li.text() for li in when.find_all("li")] == [
        "Do., 10. April 2025, 09:00–16:00 Uhr",
        "Do., 12. Juni 2025, 09:30–16:00 Uhr",
    ]
    assert [value for _, value in times(when.find_all("li")[1])] == ["2025-06-12", "2025-06-12T09:30+02:00", "2025-06-12T16:00+02:00"]
    labels = [a.text() for a in box.find("div", class_="event-box__add").find_all("a")]
    assert "Google Kalender für den Do., 12. Juni 2025, 09:30–16:00 Uhr" in labels
    assert facts(box)["Anmeldung"].attrs["data-until"] == "2025-04-10T09:00:00+02:00"


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("kurse/solar-grundkurs", '<h2 id="veranstaltung">Veranstaltung</h2>'),
        ("nachrichten/infoabend", '<h2 id="veranstaltung">Veranstaltung <span class="badge badge--cancelled">abgesagt</span></h2>'),
    ],
)
def test_event_box_heading_has_no_stray_space(site, path, heading):
    assert heading in (site / path / "index.html").read_text(encoding="utf-8")


def test_cancelled_event_page(site):
    box = event_box(site, "nachrichten/infoabend")
    assert box.find("span", class_="badge").text() == "abgesagt"
    assert "Diese Veranstaltung ist abgesagt." in box.text()


@pytest.mark.parametrize(
    ("path", "note"),
    [
        ("nachrichten/infoabend", "Keine Anmeldung – die Veranstaltung ist abgesagt."),
        ("nachrichten/nachtschicht", "Derzeit keine Anmeldung – die Veranstaltung ist verschoben."),
    ],
)
def test_no_registration_while_cancelled_or_postponed(site, path, note):
    # Both have a registration link and lie in the future: the status alone takes the button away.
    box = event_box(site, path)
    registration = facts(box)["Anmeldung"]
    assert registration.text() == note
    assert not box.find_all("a", class_="button") and "Jetzt anmelden" not in box.text()
    assert "data-until" not in registration.attrs  # nothing for termine.js to close
    assert "offers" not in jsonld(site, path)


def test_full_event_takes_no_registrations(tmp_path_factory):
    content = copy_fixture("events_basic", tmp_path_factory.mktemp("full")) / "content"
    source = content / "kurse" / "solar-grundkurs.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("  fee: kostenfrei\n", "  fee: kostenfrei\n  status: full\n"), encoding="utf-8")
    output = built(tmp_path_factory, content)
    box = event_box(output, "kurse/solar-grundkurs")
    assert box.find("span", class_="badge").text() == "ausgebucht"
    registration = facts(box)["Anmeldung"]
    assert registration.text() == "Ausgebucht – eine Anmeldung ist nicht mehr möglich."
    assert not box.find_all("a", class_="button") and "data-until" not in registration.attrs
    assert jsonld(output, "kurse/solar-grundkurs")["offers"] == {
        "@type": "Offer",
        "url": "https://anmeldung.example/solar?kurs=1&jahr=2025",
        "availability": "https://schema.org/SoldOut",
        "validThrough": "2025-02-24",
    }


def test_registration_closed_after_the_deadline(tmp_path_factory):
    # 25 February 2025, 12:00 in Berlin: the deadline (24th) has passed, the course starts on 3 March.
    output = built(tmp_path_factory, BASIC, epoch="1740481200")
    registration = facts(event_box(output, "kurse/solar-grundkurs"))["Anmeldung"]
    assert registration.text() == "Die Anmeldung ist geschlossen."
    assert registration.find("a") is None


def test_past_event_page_has_no_registration(site):
    box = event_box(site, "nachrichten/fachtag-2024")
    assert "Diese Veranstaltung hat bereits stattgefunden." in box.text()
    assert "Anmeldung" not in facts(box)
    # The event's own .ics stays linked (it is still written); no Google or Outlook links.
    (link,) = box.find("div", class_="event-box__add").find_all("a")
    assert link.attrs["href"] == "/veranstaltungen/fachtag-2024.ics"
    assert (site / "veranstaltungen" / "fachtag-2024.ics").is_file()


def jsonld(site: Path, path: str) -> dict:
    """The page's event data (the breadcrumb trail is JSON-LD of its own)."""
    scripts = page(site, path).find_all("script", type="application/ld+json")
    found = [json.loads(text) for script in scripts for text in script.children]
    # One Event, or a list of them (one per meeting of a repeat).
    events = [data for data in found if isinstance(data, list) or data["@type"] != "BreadcrumbList"]
    assert len(events) == 1 and len(found) == 2
    return events[0]


def test_jsonld_parsed_back_from_the_page(site):
    data = jsonld(site, "kurse/solar-grundkurs")
    assert data["@type"] == "Event" and data["name"] == "Grundkurs Photovoltaik"
    assert (data["startDate"], data["endDate"]) == ("2025-03-03", "2025-03-07")
    assert data["location"]["address"]["postalCode"] == "03046"
    assert data["offers"]["url"] == "https://anmeldung.example/solar?kurs=1&jahr=2025"
    assert data["description"] == "Fünf Tage Grundlagen der Photovoltaik für Fachkräfte."
    # A weekly repeat: one Event per date (Google's guidelines), not just the next one.
    online = jsonld(site, "kurse/online-sprechstunde")
    assert [item["startDate"] for item in online] == [
        "2025-01-06T16:00:00+01:00", "2025-01-13T16:00:00+01:00", "2025-01-20T16:00:00+01:00",
    ]  # fmt: skip
    assert {item["eventAttendanceMode"] for item in online} == {"https://schema.org/OnlineEventAttendanceMode"}
    assert all(item["@type"] == "Event" and item["url"] == online[0]["url"] for item in online)


def test_hostile_title_stays_inert(site):
    html = (site / "nachrichten" / "nachtschicht" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "</script><script>" not in html
    data = jsonld(site, "nachrichten/nachtschicht")
    assert data["name"] == HOSTILE
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    # The summary is plain text: what the editor typed, never markup.
    assert data["description"] == "Über die Zeitumstellung hinweg <b>fett</b>?"
    assert "<b>" not in html
    # Every page that lists it escapes it too.
    for path in ["veranstaltungen", "veranstaltungen/nachrichten", "veranstaltungen/2025/03"]:
        assert "<script>alert(1)" not in (site / path / "index.html").read_text(encoding="utf-8")
    assert HOSTILE in entry_titles(main(site, "veranstaltungen"))


# --- invalid events stop the build -------------------------------------------------------------


def test_invalid_events_stop_the_build_with_every_error(tmp_path, capsys, source_date_epoch):
    content = tmp_path / "content"
    (content / "kurse").mkdir(parents=True)
    (content / "kurse" / "kaputt.md").write_text(
        "---\ntitle: Kaputt\ndate: 01.01.2025\ncategory: Kurse\nevent:\n"
        "  strat: 13.02.206\n  end: 31.03.2024 02:30\n  online: javascript:alert(1)\n---\n",
        encoding="utf-8",
    )
    (content / "kurse" / "gut.md").write_text(
        "---\ntitle: Gut\ndate: 01.01.2025\ncategory: Kurse\nevent:\n  start: 04.03.2025\n  online: https://x.example\n---\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    with pytest.raises(ContentInvalid) as failure:
        build(content, output)
    lines = [str(error) for error in failure.value.errors]
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["content/kurse/kaputt.md:6", "event.strat"],
        ["content/kurse/kaputt.md:7", "event.end"],
        ["content/kurse/kaputt.md:8", "event.online"],
    ], lines
    assert "Meinten Sie „start“?" in lines[0]
    assert "02:30 Uhr gibt es an diesem Tag nicht" in lines[1]
    assert not (output / "veranstaltungen").exists() and not (output / "index.html").exists()
    assert "kaputt.md:6: event.strat" in capsys.readouterr().err


# --- reproducible -------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(site, tmp_path_factory):
    again = built(tmp_path_factory, BASIC)
    first = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    _, mismatch, errors = filecmp.cmpfiles(site, again, [str(p) for p in first], shallow=False)
    assert (mismatch, errors) == ([], [])


def test_uids_do_not_depend_on_siteurl(site, tmp_path_factory):
    published = built(tmp_path_factory, BASIC, SITEURL="https://qlee.example", FEED_DOMAIN="https://qlee.example")
    uid = f"UID:{default_uid('kurse/solar-grundkurs.md')}"
    for output in (site, published):
        assert uid in (output / "veranstaltungen" / "solar-grundkurs.ics").read_text(encoding="utf-8")


def test_cancelled_event_offers_only_its_ics(site):
    box = event_box(site, "nachrichten/infoabend")
    adds = box.find("div", class_="event-box__add")
    hrefs = [a.attrs["href"] for a in adds.find_all("a")]
    assert hrefs == ["/veranstaltungen/infoabend.ics"], hrefs
