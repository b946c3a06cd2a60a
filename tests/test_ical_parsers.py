"""Every generated .ics read back by three independent parsers.

The files: the fixture site tests/fixtures/ical_site built with an absolute and with an
empty SITEURL, and the real site (content/). The parsers:

- icalendar (``Calendar.from_ical``), the library that writes the files;
- Home Assistant's strict ``ical`` package (pydantic models, rejects what RFC 5545 forbids);
- Mozilla's ical.js (Thunderbird's parser) under Node, via tests/js/parse_ics.mjs. It
  computes instants from the VTIMEZONE definitions in the file, so it also checks ours.

Each must read the same events (UIDs), the same start and end instants, the same all-day
flags and, where they expand recurrences, the same occurrences as the event model says:
the expectations come from the front matter through the validator
(fields.item_metadata), not from the files. Node and ical.js are required: run `npm ci`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream
from pelican.settings import read_settings

from qlee.content import fields, frontmatter
from qlee.events.model import Event, Location
from qlee.output import ical
from qlee.output.vtimezone import transitions, vtimezone

from conftest import DEFAULT_EPOCH, FIXTURES, PROJECT, build

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
CONTENT = FIXTURES / "ical_site" / "content"
SCRIPT = PROJECT / "tests" / "js" / "parse_ics.mjs"
SITEURL = "https://qlee.example"
EXTRA_CATEGORY = {"Projekte": {"slug": "projekte", "description": "Projekte ohne Termine."}}


@dataclasses.dataclass(frozen=True)
class Seen:
    """One VEVENT as a parser read it, or as the model expects it (instants in UTC)."""

    uid: str
    all_day: bool
    start: str
    end: str
    occurrences: tuple[str, ...] | None = None  # starts, for recurring events


def instant(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


# --- what the model says -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Site:
    """A content folder, its categories, and its items with events as the validator reads them."""

    categories: dict[str, dict]
    model: dict[str, dict]  # slug -> validated front matter


def read_site(content: Path, extra_categories: dict | None = None) -> Site:
    base = read_settings(str(PROJECT / "pelicanconf.py"), override={"PATH": str(content)})
    settings = {**base, "QLEE_CATEGORIES": {**base["QLEE_CATEGORIES"], **(extra_categories or {})}}
    items = {}
    for path in sorted(content.rglob("*.md")):
        is_page = path.relative_to(content).parts[0] in settings["PAGE_PATHS"]
        matter = frontmatter.split(path.read_text(encoding="utf-8"))
        source = path.relative_to(content).as_posix()
        values, errors = fields.item_metadata(matter, source=source, is_page=is_page, settings=settings)
        assert errors == [], path
        if values.get("event") and values.get("status", "published") == "published":
            items[values["slug"]] = values
    return Site(settings["QLEE_CATEGORIES"], items)


def expected(values: dict) -> list[Seen]:
    event = values["event"]
    if event.sessions:
        return [
            Seen(f"{event.uid}-{n}", session.all_day, instant(session.start), end_instant(session.end))
            for n, session in enumerate(event.sessions, start=1)
        ]
    starts = tuple(instant(meeting.start) for meeting in event.occurrences) if event.repeat else None
    return [Seen(event.uid, event.all_day, instant(event.start), end_instant(event.end), starts)]


def end_instant(value: dt.date) -> str:
    """DTEND as RFC 5545 means it: all-day events end on the day after their last day."""
    return instant(value if isinstance(value, dt.datetime) else value + dt.timedelta(days=1))


def expected_for(path: str, site: Site) -> list[Seen]:
    """What the file at ``path`` (relative to the output) must contain."""
    if path.startswith("veranstaltungen/"):
        chosen = [site.model[Path(path).stem]]
    else:
        categories = {spec["slug"]: name for name, spec in site.categories.items()}
        category = categories[Path(path).stem] if path.startswith("kalender/") else None
        # The feeds are far below QLEE_FEED_MAX_BYTES: every event, past ones too.
        chosen = [v for v in site.model.values() if category in (None, v["category"])]
    return sorted((seen for values in chosen for seen in expected(values)), key=lambda s: s.uid)


# --- the three parsers ---------------------------------------------------------------


def read_icalendar(data: bytes) -> list[Seen]:
    calendar = icalendar.Calendar.from_ical(data)
    problems = [(component.name, component.errors) for component in calendar.walk() if component.errors]
    assert problems == []
    return [
        Seen(str(event["UID"]), not isinstance(event.start, dt.datetime), instant(event.start), instant(event.end))
        for event in calendar.events
    ]


def read_home_assistant(data: bytes) -> list[Seen]:
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    expanded: dict[str, list[str]] = {}
    for occurrence in calendar.timeline_tz(UTC):
        expanded.setdefault(occurrence.uid, []).append(instant(occurrence.start))
    return [
        Seen(
            event.uid,
            not isinstance(event.start, dt.datetime),
            instant(event.start),
            instant(event.end),
            tuple(expanded[event.uid]) if event.rrule else None,
        )
        for event in calendar.events
    ]


def node() -> str:
    executable = shutil.which("node")
    if executable is None:
        pytest.fail("Node.js is not installed; the ical.js parse-back tests need it (Node 20 or newer).")
    package = PROJECT / "node_modules" / "ical.js" / "package.json"
    if not package.exists():
        pytest.fail("node_modules/ical.js is missing: run `npm ci` in the project folder.")
    pinned = json.loads((PROJECT / "package.json").read_text())["dependencies"]["ical.js"]
    assert json.loads(package.read_text())["version"] == pinned, "node_modules is stale: run `npm ci`"
    return executable


def run_icaljs(paths: list[Path]) -> subprocess.CompletedProcess:
    # An exotic local zone: a TZID that ical.js failed to resolve would show up as wrong instants.
    env = {**os.environ, "TZ": "Pacific/Chatham"}
    return subprocess.run([node(), str(SCRIPT), *map(str, paths)], capture_output=True, text=True, env=env, cwd=PROJECT)


def read_icaljs(paths: list[Path]) -> dict[Path, list[Seen]]:
    result = run_icaljs(paths)
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)

    def moment(value: dict) -> str:
        return value["value"] if value["isDate"] else value["value"].replace(".000Z", "Z")

    return {
        Path(path): [
            Seen(
                event["uid"],
                event["start"]["isDate"],
                moment(event["start"]),
                moment(event["end"]),
                tuple(value.replace(".000Z", "Z") for value in event["occurrences"]) if event["recurring"] else None,
            )
            for event in content["events"]
        ]
        for path, content in parsed.items()
    }


# --- the tests ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    """The fixture site built for publishing (absolute SITEURL) and for development (SITEURL "")."""
    built = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
        for name, siteurl in (("published", SITEURL), ("development", "")):
            output = tmp_path_factory.mktemp(name) / "output"
            categories = {**read_settings(str(PROJECT / "pelicanconf.py"))["QLEE_CATEGORIES"], **EXTRA_CATEGORY}
            built[name] = build(CONTENT, output, SITEURL=siteurl, QLEE_CATEGORIES=categories)
    return built


@pytest.fixture(scope="module")
def fixture_site() -> Site:
    return read_site(CONTENT, EXTRA_CATEGORY)


@pytest.fixture(scope="module")
def files(outputs, fixture_site, real_site) -> dict[Path, tuple[str, Site]]:
    """Every .ics of both fixture builds and of the real site -> (path in the output, its site)."""
    found = {
        path: (path.relative_to(output).as_posix(), fixture_site)
        for output in outputs.values()
        for path in sorted(output.rglob("*.ics"))
    }
    assert len(found) == 2 * 13  # 3 feeds, 1 empty category feed, 9 events; twice
    real = read_site(PROJECT / "content")
    found |= {path: (path.relative_to(real_site).as_posix(), real) for path in sorted(real_site.rglob("*.ics"))}
    assert len(found) == 2 * 13 + 3 + len(real.model)
    return found


def test_fixture_covers_the_cases(fixture_site):
    model = fixture_site.model
    events = [values["event"] for values in model.values()]
    assert any(e.sessions for e in events) and any(e.repeat for e in events)
    assert any(e.all_day and e.end > e.start for e in events)
    assert any(e.status.value == "cancelled" for e in events)
    assert any(e.online and e.location is None for e in events)
    assert any(len(values["title"]) == 300 for values in model.values())
    assert any(values["event"].last_end.year == 2023 for values in model.values())  # "alt", in the feeds too


def test_icalendar_reads_what_the_model_says(files):
    for path, (relative, site) in files.items():
        assert sorted(read_icalendar(path.read_bytes()), key=lambda s: s.uid) == [
            dataclasses.replace(seen, occurrences=None) for seen in expected_for(relative, site)
        ], path


def test_home_assistant_reads_what_the_model_says(files):
    for path, (relative, site) in files.items():
        assert sorted(read_home_assistant(path.read_bytes()), key=lambda s: s.uid) == expected_for(relative, site), path


def test_icaljs_reads_what_the_model_says(files):
    parsed = read_icaljs(list(files))
    for path, (relative, site) in files.items():
        assert sorted(parsed[path], key=lambda s: s.uid) == expected_for(relative, site), path


def test_parser_counts(files):
    """One summary line per parser (shown with -s): files and VEVENTs read."""
    counts = {
        "icalendar": sum(len(read_icalendar(p.read_bytes())) for p in files),
        "ical (Home Assistant)": sum(len(read_home_assistant(p.read_bytes())) for p in files),
        "ical.js": sum(len(events) for events in read_icaljs(list(files)).values()),
    }
    wanted = sum(len(expected_for(relative, site)) for relative, site in files.values())
    for parser, count in counts.items():
        print(f"{parser}: {len(files)} files, {count} VEVENTs, 0 errors")
    assert set(counts.values()) == {wanted}


def test_until_written_as_a_date_reads_alike_in_all_three_parsers(tmp_path, source_date_epoch):
    """``UNTIL=2024-11-04`` is the last day in the event's zone: the Monday after the DST change counts."""
    content = tmp_path / "content"
    (content / "kurse").mkdir(parents=True)
    head = "---\ntitle: {title}\ndate: 01.01.2024\ncategory: Kurse\nslug: {slug}\nevent:\n"
    tail = "  online: https://example.org/stream\n---\nText.\n"
    (content / "kurse" / "montags.md").write_text(
        head.format(title="Montags", slug="montags")
        + "  start: 14.10.2024 18:00\n  end: 14.10.2024 19:30\n  repeat: FREQ=WEEKLY;UNTIL=2024-11-04\n" + tail
    )
    (content / "kurse" / "monatlich.md").write_text(
        head.format(title="Monatlich", slug="monatlich")
        + "  start: 04.03.2024\n  end: 05.03.2024\n  repeat: FREQ=MONTHLY;UNTIL=04.06.2024\n" + tail
    )
    output = build(content, tmp_path / "output", SITEURL=SITEURL)
    site = read_site(content)
    assert [len(values["event"].occurrences) for values in site.model.values()] == [4, 4]
    paths = sorted(output.rglob("*.ics"))
    by_icaljs = read_icaljs(paths)
    for path in paths:
        wanted = expected_for(path.relative_to(output).as_posix(), site)
        assert sorted(read_home_assistant(path.read_bytes()), key=lambda s: s.uid) == wanted, path
        assert sorted(by_icaljs[path], key=lambda s: s.uid) == wanted, path
        assert sorted(read_icalendar(path.read_bytes()), key=lambda s: s.uid) == [
            dataclasses.replace(seen, occurrences=None) for seen in wanted
        ], path
    rule = icalendar.Calendar.from_ical((output / "veranstaltungen" / "montags.ics").read_bytes()).events[0]["RRULE"]
    assert rule.to_ical() == b"FREQ=WEEKLY;UNTIL=20241104T225959Z"


def test_icaljs_gets_berlin_right_from_1990_to_2100(tmp_path):
    """ical.js applies our VTIMEZONE to local times in every year; zoneinfo says what is right."""
    calendar = icalendar.Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", "-//QLEE//Test//DE")
    calendar.add_component(vtimezone(BERLIN, 1990, 2100))
    local_times = [dt.datetime(year, month, 15, 12) for year in range(1990, 2101) for month in range(1, 13)]
    for change in transitions(BERLIN, dt.datetime(1990, 1, 1, tzinfo=UTC), dt.datetime(2101, 1, 1, tzinfo=UTC)):
        local = change.utc.astimezone(BERLIN).replace(tzinfo=None)
        local_times += [local - dt.timedelta(hours=3), local + dt.timedelta(hours=2)]
    for number, local in enumerate(local_times):
        event = icalendar.Event()
        event.add("UID", f"sample-{number}")
        event.add("DTSTAMP", dt.datetime(2025, 1, 1, tzinfo=UTC))
        event.add("DTSTART", local.replace(tzinfo=BERLIN))
        calendar.add_component(event)
    path = tmp_path / "berlin.ics"
    path.write_bytes(calendar.to_ical())
    (events,) = read_icaljs([path]).values()
    got = {seen.uid: seen.start for seen in events}
    wrong = [
        (local, got[f"sample-{n}"])
        for n, local in enumerate(local_times)
        if got[f"sample-{n}"] != instant(local.replace(tzinfo=BERLIN))
    ]
    assert len(got) == len(local_times) > 1700 and wrong == []


def test_icaljs_script_fails_on_a_tzid_without_vtimezone(tmp_path):
    path = tmp_path / "broken.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20250101T000000Z\r\n"
        b"DTSTART;TZID=Europe/Berlin:20250101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = run_icaljs([path])
    assert result.returncode == 1 and "not defined by a VTIMEZONE" in result.stderr


def feed_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), data.count(b"\r\nBEGIN:VEVENT\r\n")


def test_feed_size_per_event(outputs, real_site):
    size, count = feed_size(outputs["published"] / "kalender.ics")
    print(f"iCal feed size, fixture: {size} bytes, {count} VEVENTs, {size / count:.0f} bytes per event")
    real_size, real_count = feed_size(real_site / "kalender.ics")
    per_event = f"{real_size / real_count:.0f} bytes per event" if real_count else "no events"
    print(f"iCal feed size, real site: {real_size} bytes, {real_count} VEVENTs, {per_event}")
    # Google stops at about 1 MB: the fixture's events (300-character title, long
    # descriptions) must leave room for hundreds of them.
    assert size < 50_000 and size / count < 2_000
    assert real_size < 1_000_000


def test_hostile_text_is_one_event_for_every_parser(tmp_path):
    berlin_ten = dt.datetime(2024, 10, 25, 10, tzinfo=BERLIN)
    event = Event(
        start=berlin_ten,
        end=berlin_ten + dt.timedelta(hours=2),
        timezone=BERLIN,
        uid="hostile",
        organizer="QLEE",
        location=Location(name="Halle\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:boese\x00\x0b", city="Cottbus"),
    )
    item = ical.FeedItem(
        event=event, title="</script><script>alert(1)</script>; a, b", url="x/", summary="", category="Kurse", date=berlin_ten
    )
    path = tmp_path / "hostile.ics"
    path.write_bytes(ical.to_bytes(ical.single(item, url_base="")))
    wanted = [Seen("hostile", False, "2024-10-25T08:00:00Z", "2024-10-25T10:00:00Z")]
    assert read_icalendar(path.read_bytes()) == wanted
    assert read_home_assistant(path.read_bytes()) == wanted
    assert read_icaljs([path])[path] == wanted
    (summary,) = (e.summary for e in IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8")).events)
    assert summary == "</script><script>alert(1)</script>; a, b"
