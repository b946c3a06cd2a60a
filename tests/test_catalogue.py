"""The course catalogue, the event lines of lists and the calendar's filters, in real builds.

tests/fixtures/course_catalogue is built as of 1 June 2025: one course is running
(first of two days over), two are upcoming (one full, one online with open
registration), two are finished, one item of "Kurse" has no event; the news
category has one item with an event and one without.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, build
from html_tree import Element, parse_file

CONTENT = FIXTURES / "course_catalogue" / "content"
JUNE_2025 = "1748736000"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("catalogue") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", JUNE_2025)
        build(CONTENT, output)
    return output


def main(site: Path, path: str) -> Element:
    found = parse_file(site / path / "index.html").find("main")
    assert found is not None
    return found


def section(root: Element, heading_id: str) -> Element:
    (found,) = [s for s in root.find_all("section") if s.attrs.get("aria-labelledby") == heading_id]
    return found


def titles(root: Element) -> list[str]:
    return [h.text() for h in root.find_all("h3")]


def facts(course: Element) -> dict[str, str]:
    dl = course.find("dl")
    return {dt.text(): " ".join(dd.text().split()) for dt, dd in zip(dl.find_all("dt"), dl.find_all("dd"), strict=True)}


def test_running_and_upcoming_courses_first_by_start(site):
    current = section(main(site, "kurse"), "aktuelle-kurse")
    assert current.find("h2").text() == "Laufende und kommende Kurse"
    assert titles(current) == ["Sicherheit im Umgang mit Wasserstoff", "Speichertechnik kompakt", "Photovoltaik für Betriebe"]


def test_finished_courses_below_most_recent_first(site):
    finished = section(main(site, "kurse"), "beendete-kurse")
    assert finished.find("h2").text() == "Abgeschlossene Kurse"
    assert titles(finished) == ["Grundlagen der Elektrolyse", "Archivkurs 2024"]


def test_items_without_an_event_come_last(site):
    root = main(site, "kurse")
    assert [s.attrs["aria-labelledby"] for s in root.find_all("section")] == [
        "aktuelle-kurse", "beendete-kurse", "weitere-beitraege",
    ]  # fmt: skip
    assert titles(section(root, "weitere-beitraege")) == ["Neue Lehrgänge in Planung"]


def test_each_course_shows_dates_place_fee_status_and_deadline(site):
    courses = {c.find("h3").text(): c for c in main(site, "kurse").find_all("li", class_="course")}
    assert facts(courses["Sicherheit im Umgang mit Wasserstoff"]) == {
        "Termin": "12. Mai – 16. Juni 2025 (2 Termine)",
        "Ort": "Technikum Muster, Senftenberg",
        "Kosten": "400 Euro",
        "Status": "läuft",
        "Anmeldeschluss": "30. April 2025",
    }
    assert facts(courses["Speichertechnik kompakt"])["Status"] == "ausgebucht"
    online = facts(courses["Photovoltaik für Betriebe"])
    assert (online["Ort"], online["Status"], online["Anmeldeschluss"]) == ("online", "Anmeldung offen", "15. August 2025")
    assert facts(courses["Archivkurs 2024"])["Status"] == "beendet"
    assert facts(courses["Archivkurs 2024"])["Kosten"] == "keine Angabe"


def test_each_course_carries_its_end_and_phase_for_scripts(site):
    courses = main(site, "kurse").find_all("li", class_="course")
    marks = {c.find("h3").text(): (c.attrs["data-ende"], c.attrs["data-phase"]) for c in courses}
    assert marks["Sicherheit im Umgang mit Wasserstoff"] == ("2025-06-16T16:00:00+02:00", "laufend")
    assert marks["Grundlagen der Elektrolyse"] == ("2025-02-15T00:00:00+01:00", "beendet")  # all-day: to midnight


def test_other_categories_keep_the_newest_first_list(site):
    root = main(site, "nachrichten")
    assert not root.find_all("li", class_="course")
    assert [h.text() for h in root.find_all("h2")] == ["Eine Meldung ohne Termin", "Fachtag Strukturwandel"]


def test_lists_say_when_and_where_an_event_takes_place(site):
    for path in ("aktuelles", "", "nachrichten"):
        teasers = {t.find("a").text(): t for t in main(site, path).find("ol", class_="teasers").find_all("li", class_="teaser")}
        fachtag = teasers["Fachtag Strukturwandel"]
        line = fachtag.find("p", class_="teaser__event")
        assert " ".join(line.text().split()) == "Termin: Fr., 20. Juni 2025 · Stadthalle Muster, Cottbus · geplant", path
        assert fachtag.attrs["data-ende"] == "2025-06-20T15:00:00+02:00"
        plain = teasers["Eine Meldung ohne Termin"]
        assert plain.find("p", class_="teaser__event") is None and "data-ende" not in plain.attrs


def test_event_filter_offers_categories_with_events_and_their_places(site):
    root = main(site, "veranstaltungen")
    nav = root.find("nav", class_="event-filter")
    assert [a.text() for a in nav.find_all("a")] == ["Alle", "Weitere Veranstaltungen", "Kurse"]
    options = [o.attrs["value"] for o in root.find("select", id="ort").find_all("option")]
    assert options == ["", "Cottbus", "Lübbenau", "Senftenberg", "online"]
    assert "hidden" in root.find("p", class_="place-filter").attrs  # shown by ort.js only
    places = [li.attrs["data-orte"] for li in root.find_all("li", class_="event")]
    assert places == ["Senftenberg", "Cottbus", "Lübbenau", "online"]


def test_a_category_without_upcoming_events_is_not_offered(tmp_path, source_date_epoch):
    source = tmp_path / "content"
    (source / "kurse").mkdir(parents=True)
    for name in ("speichertechnik.md", "photovoltaik-online.md"):
        (source / "kurse" / name).write_text((CONTENT / "kurse" / name).read_text(encoding="utf-8"), encoding="utf-8")
    output = build(source, tmp_path / "output")
    root = main(output, "veranstaltungen")
    assert [a.text() for a in root.find("nav", class_="event-filter").find_all("a")] == ["Alle", "Kurse"]
    # Its page stays (a stable URL), and names itself in its filter.
    nachrichten = main(output, "veranstaltungen/nachrichten")
    assert [a.text() for a in nachrichten.find("nav", class_="event-filter").find_all("a")] == [
        "Alle", "Weitere Veranstaltungen", "Kurse",
    ]  # fmt: skip


def test_only_published_items_and_pages_are_indexed_for_search(site):
    bodies = sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("index.html")
        if "data-pagefind-body" in path.read_text(encoding="utf-8")
    )
    assert bodies == [
        "kurse/archivkurs-2024/index.html", "kurse/elektrolyse-grundlagen/index.html",
        "kurse/lehrgaenge-in-planung/index.html", "kurse/photovoltaik-online/index.html",
        "kurse/speichertechnik/index.html", "kurse/wasserstoff-sicherheit/index.html",
        "nachrichten/fachtag/index.html", "nachrichten/meldung/index.html",
    ]  # fmt: skip
