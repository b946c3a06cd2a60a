"""For partners' sites: /veranstaltungen.json against its JSON Schema and the model, and the embeddable lists."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
from pelican.settings import read_settings

from qlee.content import fields, frontmatter
from qlee.output import partnerfeed

from conftest import DEFAULT_EPOCH, FIXTURES, PROJECT, build
from html_tree import parse_file

CONTENT = FIXTURES / "ical_site" / "content"
SITEURL = "https://qlee.example"
NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
SCHEMA = json.loads((PROJECT / "docs" / "partner-feeds.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    built = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
        for name, siteurl in (("published", SITEURL), ("development", "")):
            built[name] = build(CONTENT, tmp_path_factory.mktemp(name) / "output", SITEURL=siteurl)
    return built


@pytest.fixture(scope="module")
def model() -> dict[str, dict]:
    """slug -> validated front matter of the fixture's published items with an event."""
    settings = read_settings(str(PROJECT / "pelicanconf.py"), override={"PATH": str(CONTENT)})
    found = {}
    for path in sorted(CONTENT.rglob("*.md")):
        source = path.relative_to(CONTENT).as_posix()
        values, errors = fields.item_metadata(
            frontmatter.split(path.read_text(encoding="utf-8")), source=source, is_page=False, settings=settings
        )
        assert errors == []
        if values.get("event"):
            found[values["slug"]] = values
    return found


def feed(output: Path) -> dict:
    return json.loads((output / partnerfeed.JSON_URL).read_text(encoding="utf-8"))


def instant(value: str | None) -> dt.datetime | dt.date | None:
    if value is None:
        return None
    return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)


def test_the_feed_follows_its_schema(outputs, real_site):
    for output in (*outputs.values(), real_site):
        errors = [f"{list(error.path)}: {error.message}" for error in VALIDATOR.iter_errors(feed(output))]
        assert errors == [], output


@pytest.mark.parametrize(
    "break_it",
    [
        lambda doc: doc.pop("version"),
        lambda doc: doc.update(version=2),
        lambda doc: doc["events"][0].update(start="15.01.2025 10:00"),
        lambda doc: doc["events"][0].update(start="2025-01-15T10:00:00"),  # no offset
        lambda doc: doc["events"][0].update(status="abgesagt"),
        lambda doc: doc["events"][0].update(extra="x"),
        lambda doc: doc["events"][0]["occurrences"].clear(),
    ],
)
def test_the_schema_rejects_what_partners_could_not_rely_on(outputs, break_it):
    doc = copy.deepcopy(feed(outputs["published"]))
    break_it(doc)
    assert list(VALIDATOR.iter_errors(doc))


def test_the_feed_lists_the_upcoming_events_as_the_model_says(outputs, model):
    doc = feed(outputs["published"])
    assert doc["version"] == partnerfeed.VERSION == 1
    assert doc["generated"] == "2025-01-01T01:00:00+01:00" and doc["timezone"] == "Europe/Berlin"
    upcoming = {slug: values for slug, values in model.items() if values["event"].last_end >= NOW}
    by_id = {event["id"]: event for event in doc["events"]}
    assert sorted(by_id) == sorted(values["event"].uid for values in upcoming.values())
    assert "alt" in model and model["alt"]["event"].uid not in by_id  # over before the build
    for slug, values in upcoming.items():
        event, record = values["event"], by_id[values["event"].uid]
        assert record["url"] == f"{SITEURL}/{values['category'].lower()}/{slug}/"
        assert record["ics"] == f"{SITEURL}/veranstaltungen/{slug}.ics"
        assert record["status"] == event.status.value and record["all_day"] == event.all_day
        assert record["repeat"] == event.repeat
        meetings = [(instant(o["start"]), instant(o["end"])) for o in record["occurrences"]]
        wanted = [
            (o.start, None if not o.all_day and o.ends_at == o.starts_at else o.end) for o in event.occurrences
        ]
        assert meetings == wanted, slug
        if not event.all_day:
            # The written offset is the event zone's at that instant: across DST changes too.
            offsets = {instant(o["start"]).utcoffset() for o in record["occurrences"]}
            assert offsets == {o.starts_at.utcoffset() for o in event.occurrences}
        assert (record["location"] or {}).get("city") == (event.location.city if event.location else None)


def test_repeats_and_sessions_list_every_meeting_with_its_own_offset(outputs, model):
    by_id = {event["id"]: event for event in feed(outputs["published"])["events"]}
    london = by_id[model["london"]["event"].uid]
    assert [o["start"] for o in london["occurrences"]] == [
        "2025-03-23T17:00:00+00:00",
        "2025-03-30T17:00:00+01:00",
        "2025-04-06T17:00:00+01:00",
    ]
    twice_weekly = by_id[model["montag-mittwoch"]["event"].uid]
    # Wednesday 2 April is under except: it is not a meeting any more.
    assert [instant(o["start"]).strftime("%a %d. %H:%M%z") for o in twice_weekly["occurrences"]] == [
        "Mon 24. 18:00+0100", "Wed 26. 18:00+0100", "Mon 31. 18:00+0200", "Mon 07. 18:00+0200", "Wed 09. 18:00+0200",
    ]  # fmt: skip
    cancelled = by_id[model["abgesagt"]["event"].uid]
    assert (cancelled["status"], cancelled["status_text"]) == ("cancelled", "abgesagt")
    open_end = by_id[model["ohne-ende"]["event"].uid]
    assert open_end["end"] is None and open_end["occurrences"][0]["end"] is None


def test_without_an_absolute_siteurl_the_urls_are_root_relative(outputs):
    doc = feed(outputs["development"])
    urls = [doc["site"]["url"], doc["calendar"], doc["ical"], *(e["url"] for e in doc["events"])]
    assert all(url.startswith("/") and not url.startswith("//") for url in urls)


# --- the embeddable lists ----------------------------------------------------------


def embed_pages(output: Path) -> list[Path]:
    return sorted((output / "veranstaltungen" / "einbetten").rglob("index.html"))


def test_every_category_has_an_embeddable_list(outputs):
    for output in outputs.values():
        pages = [page.parent.relative_to(output).as_posix() + "/" for page in embed_pages(output)]
        assert pages == [partnerfeed.EMBED_URL, *(partnerfeed.EMBED_CATEGORY_URL.format(slug=s) for s in ("kurse", "nachrichten"))]


def test_the_embeddable_list_runs_nothing_loads_nothing_and_opens_links_in_the_whole_window(outputs, real_site):
    for output in (*outputs.values(), real_site):
        for page in embed_pages(output):
            text = page.read_text(encoding="utf-8")
            document = parse_file(page)
            assert not list(document.iter("script")) and not list(document.iter("link")), page
            loading = ("src", "srcset", "action", "poster", "data")
            assert not any(name in element.attrs for element in document.iter() for name in loading), page
            assert not re.search(r"url\(|@import|\son[a-z]+=", text), page
            policy = [m.attrs["content"] for m in document.iter("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
            assert policy == ["default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"]
            anchors = list(document.iter("a"))
            assert anchors and all(a.attrs.get("target") == "_top" for a in anchors), page
            assert all(a.attrs["href"].startswith((SITEURL + "/", "/")) for a in anchors), page


def test_the_embeddable_lists_show_the_upcoming_events_of_their_category(outputs, model):
    output = outputs["published"]

    def titles(path: str) -> list[str]:
        document = parse_file(output / path / "index.html")
        return [a.text().strip() for a in document.iter("a") if "title" in a.attrs.get("class", "")]

    by_uid = {values["event"].uid: values for values in model.values()}
    ordered = [by_uid[e["id"]] for e in feed(output)["events"]]  # the JSON feed's order: soonest first
    assert titles(partnerfeed.EMBED_URL) == [values["title"] for values in ordered][: partnerfeed.EMBED_LIMIT]
    assert titles(partnerfeed.EMBED_CATEGORY_URL.format(slug="kurse")) == [
        values["title"] for values in ordered if values["category"] == "Kurse"
    ]
    cancelled = parse_file(output / partnerfeed.EMBED_URL / "index.html").text()
    assert "abgesagt" in cancelled and "Alle Veranstaltungen bei QLEE" in cancelled


def test_the_events_page_shows_the_code_to_copy(outputs):
    page = parse_file(outputs["published"] / "veranstaltungen" / "index.html")
    (section,) = [s for s in page.iter("section") if s.attrs.get("aria-labelledby") == "einbinden"]
    (code,) = section.iter("code")
    assert code.text() == (
        f'<iframe src="{SITEURL}/veranstaltungen/einbetten/" title="Termine von QLEE" width="100%" height="480" '
        'style="border:0" loading="lazy"></iframe>'
    )
    hrefs = [a.attrs["href"] for a in section.iter("a")]
    assert f"{SITEURL}/veranstaltungen/einbetten/kurse/" in hrefs and f"{SITEURL}/veranstaltungen.json" in hrefs
