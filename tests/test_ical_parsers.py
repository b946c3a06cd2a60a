"""Every generated .ics read back by the calendar clients subscribers use, each compared with the model.

The files: the fixture site tests/fixtures/ical_site built with an absolute and with an
empty SITEURL, and the real site (content/). The fixture has timed, all-day multi-day,
multi-session, weekly and Monday/Wednesday repeats, cancelled, postponed, online-only,
America/New_York, Europe/London and DST-crossing events.

The clients (CLIENTS below: name -> adapter that reads files and returns normalized
records; adding a client is one entry there):

- icalendar (``Calendar.from_ical``), the library that writes the files;
- Home Assistant's strict ``ical`` package (pydantic models, rejects what RFC 5545 forbids);
- Mozilla's ical.js (Thunderbird's parser) under Node, via tests/js/parse_ics.mjs;
- node-ical and ts-ics under Node, via tests/js/read_clients.mjs;
- recurring-ical-events, vobject, icalevents, and caldav reading back what a Radicale
  CalDAV server (started here on 127.0.0.1) stored and expanded, via
  tests/clients/read_python.py in .venv-clients (requirements-clients.txt; they require
  python-dateutil<3, the build pins 4);
- libical (GNOME Evolution and Calendar) through its GObject bindings, via
  tests/clients/read_libical.py under Debian's /usr/bin/python3 (python3-gi,
  gir1.2-ical-3.0).

Each must read the same events (UIDs), the same start and end instants, the same all-day
flags, the same repeat instances (where it expands repeats) and the same status as the
event model says: the expectations come from the front matter through the validator
(fields.item_metadata), not from the files. A client that is missing is a failure, not a
skip (`python3 run.py setup` installs them all). A client's own bug is listed in
KNOWN_BUGS with its reason; its check is then a strict xfail for exactly the events the
bug concerns, and fails if the bug is gone or if anything else differs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
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
NODE_CLIENTS = PROJECT / "tests" / "js" / "read_clients.mjs"
PYTHON_CLIENTS = PROJECT / "tests" / "clients" / "read_python.py"
LIBICAL = PROJECT / "tests" / "clients" / "read_libical.py"
CLIENTS_PYTHON = PROJECT / ".venv-clients" / "bin" / "python"
DEBIAN_PYTHON = Path("/usr/bin/python3")
# What STATUS each event status is written as (decided in output/ical.py's docstring).
STATUS = {"scheduled": "CONFIRMED", "full": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
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
    status: str | None = None
    # Facts of the model that known client bugs depend on (not compared).
    zone: str = dataclasses.field(default="", compare=False)
    crosses_dst: bool = dataclasses.field(default=False, compare=False)


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
    status = STATUS[event.status.value]
    zone = event.timezone.key
    if event.sessions:
        return [
            Seen(f"{event.uid}-{n}", session.all_day, instant(session.start), end_instant(session.end), None, status, zone)
            for n, (session, meeting) in enumerate(zip(event.sessions, event.schedule, strict=True), start=1)
            if not meeting.cancelled  # a cancelled session has no VEVENT
        ]
    starts = tuple(instant(meeting.start) for meeting in event.occurrences) if event.repeat else None
    offsets = {meeting.start.utcoffset() for meeting in event.occurrences if isinstance(meeting.start, dt.datetime)}
    return [
        Seen(event.uid, event.all_day, instant(event.start), end_instant(event.end), starts, status, zone, len(offsets) > 1)
    ]


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


# --- the clients -----------------------------------------------------------------------


def read_icalendar(data: bytes) -> list[Seen]:
    calendar = icalendar.Calendar.from_ical(data)
    problems = [(component.name, component.errors) for component in calendar.walk() if component.errors]
    assert problems == []
    return [
        Seen(
            str(event["UID"]),
            not isinstance(event.start, dt.datetime),
            instant(event.start),
            instant(event.end),
            status=str(event["STATUS"]) if "STATUS" in event else None,
        )
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
            event.status.value if event.status else None,
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
                event["status"],
            )
            for event in content["events"]
        ]
        for path, content in parsed.items()
    }


def from_json(parsed: dict) -> dict[Path, list[Seen]]:
    """The normalized records that tests/clients/*.py and tests/js/read_clients.mjs print."""
    return {
        Path(path): [
            Seen(
                record["uid"],
                record["all_day"],
                record["start"],
                record["end"],
                None if record["occurrences"] is None else tuple(record["occurrences"]),
                record["status"],
            )
            for record in records
        ]
        for path, records in parsed.items()
    }


def run_reader(command: list[str], paths: list[Path], *, env: dict | None = None) -> dict[Path, list[Seen]]:
    result = subprocess.run(
        [*command, *map(str, paths)], capture_output=True, text=True, cwd=PROJECT, env={**os.environ, **(env or {})}
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return from_json(json.loads(result.stdout))


def clients_python() -> str:
    if not CLIENTS_PYTHON.exists():
        pytest.fail(".venv-clients is missing: run `python3 run.py setup` (it installs requirements-clients.txt).")
    return str(CLIENTS_PYTHON)


def read_python_client(name: str) -> Callable[[list[Path]], dict[Path, list[Seen]]]:
    return lambda paths: run_reader([clients_python(), str(PYTHON_CLIENTS), name], paths)


def read_node_client(name: str) -> Callable[[list[Path]], dict[Path, list[Seen]]]:
    # UTC, as on a server: ts-ics expands repeats in the host's zone (see KNOWN_BUGS).
    return lambda paths: run_reader([node(), str(NODE_CLIENTS), name], paths, env={"TZ": "UTC"})


def read_libical(paths: list[Path]) -> dict[Path, list[Seen]]:
    if not DEBIAN_PYTHON.exists():
        pytest.fail("/usr/bin/python3 is missing: libical is read with Debian's Python (apt-get install python3-gi).")
    probe = subprocess.run(
        [str(DEBIAN_PYTHON), "-c", "import gi; gi.require_version('ICalGLib', '3.0')"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        pytest.fail(f"libical's GObject bindings are missing: apt-get install gir1.2-ical-3.0 python3-gi\n{probe.stderr}")
    # An exotic local zone: a TZID that libical failed to resolve would show up as wrong instants.
    return run_reader([str(DEBIAN_PYTHON), str(LIBICAL)], paths, env={"TZ": "Pacific/Chatham"})


@dataclasses.dataclass(frozen=True)
class Radicale:
    url: str


@pytest.fixture(scope="module")
def radicale(tmp_path_factory) -> Iterator[Radicale]:
    """A Radicale CalDAV server on 127.0.0.1 with an empty store, for the caldav client."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = tmp_path_factory.mktemp("radicale")
    log = (store / "server.log").open("w")
    server = subprocess.Popen(
        [
            clients_python(), "-m", "radicale", "--config", "",
            f"--storage-filesystem-folder={store / 'collections'}",
            f"--server-hosts=127.0.0.1:{port}", "--auth-type=none",
        ],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Radicale did not start: {(store / 'server.log').read_text()}")
                time.sleep(0.2)
        yield Radicale(f"http://127.0.0.1:{port}/")
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@dataclasses.dataclass(frozen=True)
class Client:
    """A calendar client library: how it reads files, and whether it reports repeat instances."""

    read: Callable[..., dict[Path, list[Seen]]]
    expands: bool = True
    needs_server: bool = False


def per_file(read_one: Callable[[bytes], list[Seen]]) -> Callable[[list[Path]], dict[Path, list[Seen]]]:
    return lambda paths: {path: read_one(path.read_bytes()) for path in paths}


# Name -> adapter. Adding a client is one entry here.
CLIENTS: dict[str, Client] = {
    "icalendar": Client(per_file(read_icalendar), expands=False),
    "ical (Home Assistant)": Client(per_file(read_home_assistant)),
    "ical.js": Client(lambda paths: read_icaljs(paths)),
    "node-ical": Client(read_node_client("node-ical")),
    "ts-ics": Client(read_node_client("ts-ics")),
    "recurring-ical-events": Client(read_python_client("recurring-ical-events")),
    "vobject": Client(read_python_client("vobject")),
    "icalevents": Client(read_python_client("icalevents")),
    "caldav + Radicale": Client(
        lambda paths, server: run_reader([clients_python(), str(PYTHON_CLIENTS), "caldav", "--server", server.url], paths),
        needs_server=True,
    ),
    "libical": Client(read_libical),
}


def uids(seen: Seen) -> tuple:
    return (seen.uid,)


def instants(seen: Seen) -> tuple:
    return (seen.uid, seen.start, seen.end)


def all_day(seen: Seen) -> tuple:
    return (seen.uid, seen.all_day)


def repeats(seen: Seen) -> tuple:
    return (seen.uid, seen.occurrences)


def status(seen: Seen) -> tuple:
    return (seen.uid, seen.status)


# Check name -> what of a record it compares.
CHECKS: dict[str, Callable[[Seen], tuple]] = {
    "UIDs": uids,
    "instants in UTC": instants,
    "all-day flags": all_day,
    "repeat instances": repeats,
    "status": status,
}


@dataclasses.dataclass(frozen=True)
class KnownBug:
    """A client's own bug: the events of a check it gets wrong, and why.

    ``explains`` says whether a wrong reading (the model's record, what the client read)
    is what the bug predicts; ``fixed_by``, a change of the file that mends the bug,
    keeps only the readings that the change makes right.
    """

    reason: str
    explains: Callable[[Seen, object], bool] = lambda seen, read: True
    fixed_by: Callable[[bytes], bytes] | None = None


def keeps_first_offset(seen: Seen, read: object) -> bool:
    """Whether the instances read are the first one read plus the model's wall-clock steps, in UTC.

    That is, the client kept the first instance's UTC offset for all of them, across the DST change.
    """
    if not seen.crosses_dst or not isinstance(read, tuple) or not read[1] or seen.occurrences is None:
        return False
    zone = ZoneInfo(seen.zone)

    def wall(value: str) -> dt.datetime:
        return dt.datetime.fromisoformat(value).astimezone(zone).replace(tzinfo=None)

    first = dt.datetime.fromisoformat(read[1][0])
    predicted = tuple(instant(first + (wall(value) - wall(seen.occurrences[0]))) for value in seen.occurrences)
    return read[1] == predicted


KNOWN_BUGS: dict[tuple[str, str], KnownBug] = {
    ("ts-ics", "repeat instances"): KnownBug(
        "ts-ics expands RRULE in the host's zone, not the event's: on a UTC host, instances after a DST change "
        "keep the first instance's UTC offset whatever the feed's VTIMEZONE says",
        explains=keeps_first_offset,
    ),
}


def read_all(name: str, paths: list[Path], request) -> dict[Path, list[Seen]]:
    client = CLIENTS[name]
    if client.needs_server:
        return client.read(paths, request.getfixturevalue("radicale"))
    return client.read(paths)


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
    assert len(found) == 2 * 15  # 3 feeds, 1 empty category feed, 11 events; twice
    real = read_site(PROJECT / "content")
    found |= {path: (path.relative_to(real_site).as_posix(), real) for path in sorted(real_site.rglob("*.ics"))}
    assert len(found) == 2 * 15 + 3 + len(real.model)
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
    assert any(e.repeat and "BYDAY=MO,WE" in e.repeat for e in events)
    zones = {e.timezone.key for e in events}
    assert {"Europe/Berlin", "Europe/London", "America/New_York"} <= zones
    wanted = [seen for values in model.values() for seen in expected(values)]
    assert {seen.zone for seen in wanted if seen.crosses_dst} == {"Europe/Berlin", "Europe/London"}
    assert {seen.status for seen in wanted} == {"CONFIRMED", "CANCELLED", "TENTATIVE"}


@pytest.fixture(scope="module")
def readings(files, request) -> Callable[[str], dict[Path, list[Seen]]]:
    """What each client read of every file, read once per client."""
    cache: dict[str, dict[Path, list[Seen]]] = {}

    def of(name: str) -> dict[Path, list[Seen]]:
        if name not in cache:
            cache[name] = read_all(name, list(files), request)
        return cache[name]

    return of


MATRIX = [(client, check) for client in CLIENTS for check in CHECKS if check != "repeat instances" or CLIENTS[client].expands]


@pytest.mark.parametrize(("client", "check"), MATRIX, ids=[f"{client}-{check}" for client, check in MATRIX])
def test_client_reads_what_the_model_says(client, check, files, readings, request, tmp_path):
    wrong = misread(client, check, files, readings(client))
    bug = KNOWN_BUGS.get((client, check))
    explained = [entry for entry in wrong if bug and entry[1] is not None and bug.explains(entry[1], entry[2])]
    if bug and bug.fixed_by and explained:
        # Only what the change mends is the known bug: read changed copies of the files again.
        copies = {}
        for path in {entry[0] for entry in explained}:
            copies[path] = tmp_path / f"{len(copies)}-{path.name}"
            copies[path].write_bytes(bug.fixed_by(path.read_bytes()))
        mended_reading = read_all(client, list(copies.values()), request)
        still = misread(client, check, {copies[p]: files[p] for p in copies}, mended_reading)
        still_wrong = {(path, entry[1]) for path in copies for entry in still if entry[0] == copies[path]}
        explained = [entry for entry in explained if (entry[0], entry[1]) not in still_wrong]
    unexplained = [entry for entry in wrong if entry not in explained]
    compare = CHECKS[check]
    assert unexplained == [], "\n".join(
        f"{path}: model {compare(seen) if seen else '(UID list)'}, {client} {read}" for path, seen, read in unexplained[:10]
    )
    if bug:
        assert explained, f"{client} now gets '{check}' right: remove its entry from KNOWN_BUGS ({bug.reason})"
        pytest.xfail(f"{client}'s own bug ({len(explained)} readings): {bug.reason}")


def misread(client: str, check: str, files: dict, got: dict[Path, list[Seen]]) -> list[tuple[Path, Seen | None, object]]:
    """file, the model's record (None: the UID list), what the client read; for each disagreement."""
    compare = CHECKS[check]
    wrong: list[tuple[Path, Seen | None, object]] = []
    for path, (relative, site) in files.items():
        wanted = expected_for(relative, site)
        read = got[path]
        if check == "UIDs":
            if sorted(seen.uid for seen in read) != [seen.uid for seen in wanted]:
                wrong.append((path, None, sorted(seen.uid for seen in read)))
            continue
        by_uid = {seen.uid: seen for seen in read}
        wrong += [
            (path, seen, compare(by_uid[seen.uid]) if seen.uid in by_uid else None)
            for seen in wanted
            if seen.uid not in by_uid or compare(by_uid[seen.uid]) != compare(seen)
        ]
    return wrong


def test_client_counts(files, readings):
    """One summary line per client (shown with -s): files and VEVENTs read."""
    wanted = sum(len(expected_for(relative, site)) for relative, site in files.values())
    counts = {name: sum(len(events) for events in readings(name).values()) for name in CLIENTS}
    for name, count in counts.items():
        print(f"{name}: {len(files)} files, {count} VEVENTs")
    assert set(counts.values()) == {wanted}


def test_every_known_bug_names_a_client_and_a_check_of_the_matrix():
    assert set(KNOWN_BUGS) <= set(MATRIX)


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
    assert_three_parsers_read_the_model(output, site)
    rule = icalendar.Calendar.from_ical((output / "veranstaltungen" / "montags.ics").read_bytes()).events[0]["RRULE"]
    assert rule.to_ical() == b"FREQ=WEEKLY;UNTIL=20241104T225959Z"


def assert_three_parsers_read_the_model(output: Path, site) -> None:
    """Every .ics under ``output`` as Home Assistant's ``ical``, ical.js and icalendar read it
    (icalendar does not expand repeats) equals what the model of ``site`` says."""
    paths = sorted(output.rglob("*.ics"))
    by_icaljs = read_icaljs(paths)
    for path in paths:
        wanted = expected_for(path.relative_to(output).as_posix(), site)
        assert sorted(read_home_assistant(path.read_bytes()), key=lambda s: s.uid) == wanted, path
        assert sorted(by_icaljs[path], key=lambda s: s.uid) == wanted, path
        assert sorted(read_icalendar(path.read_bytes()), key=lambda s: s.uid) == [
            dataclasses.replace(seen, occurrences=None) for seen in wanted
        ], path


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
    wanted = [Seen("hostile", False, "2024-10-25T08:00:00Z", "2024-10-25T10:00:00Z", status="CONFIRMED")]
    assert read_icalendar(path.read_bytes()) == wanted
    assert read_home_assistant(path.read_bytes()) == wanted
    assert read_icaljs([path])[path] == wanted
    (summary,) = (e.summary for e in IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8")).events)
    assert summary == "</script><script>alert(1)</script>; a, b"


def test_exceptions_read_alike_in_all_three_parsers(tmp_path, source_date_epoch):
    """``except:``: EXDATE with DTSTART's TZID or VALUE=DATE; the expansions leave out exactly those meetings."""
    content = tmp_path / "content"
    (content / "kurse").mkdir(parents=True)
    head = "---\ntitle: {title}\ndate: 01.01.2024\ncategory: Kurse\nslug: {slug}\nevent:\n"
    tail = "  online: https://example.org/stream\n---\nText.\n"
    files = {
        # Across the change to winter time: the excepted Monday after it keeps 18:00 local.
        "montags": "  start: 14.10.2024 18:00\n  end: 14.10.2024 19:30\n"
        "  repeat: wöchentlich montags und mittwochs bis 06.11.2024\n  except: [16.10.2024, 28.10.2024]\n",
        "ganztags": "  start: 04.03.2024\n  end: 05.03.2024\n  repeat: monatlich 4-mal\n  except: 04.04.2024\n",
        "erster": "  start: 07.10.2024 18:00\n  end: 07.10.2024 20:00\n  repeat: alle 2 Wochen, 4-mal\n"
        "  except: [07.10.2024]\n",
        "block": "  sessions:\n    - start: 04.11.2024 09:00\n      end: 04.11.2024 16:00\n"
        "    - start: 05.11.2024 09:00\n      end: 05.11.2024 16:00\n"
        "    - start: 06.11.2024 09:00\n      end: 06.11.2024 16:00\n  except: 05.11.2024\n",
    }
    for slug, block in files.items():
        (content / "kurse" / f"{slug}.md").write_text(head.format(title=slug.capitalize(), slug=slug) + block + tail)
    output = build(content, tmp_path / "output", SITEURL=SITEURL)
    site = read_site(content)
    assert {slug: len(values["event"].cancelled) for slug, values in site.model.items()} == {
        "montags": 2, "ganztags": 1, "erster": 1, "block": 1,
    }
    assert_three_parsers_read_the_model(output, site)
    montags = icalendar.Calendar.from_ical((output / "veranstaltungen" / "montags.ics").read_bytes()).events[0]
    exdate = montags["EXDATE"]
    assert exdate.params["TZID"] == montags["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [d.dt for d in exdate.dts] == [
        dt.datetime(2024, 10, 16, 18, tzinfo=ZoneInfo("Europe/Berlin")),
        dt.datetime(2024, 10, 28, 18, tzinfo=ZoneInfo("Europe/Berlin")),
    ]
    ganztags = icalendar.Calendar.from_ical((output / "veranstaltungen" / "ganztags.ics").read_bytes()).events[0]
    assert ganztags["EXDATE"].params["VALUE"] == "DATE" and [d.dt for d in ganztags["EXDATE"].dts] == [dt.date(2024, 4, 4)]
    block = icalendar.Calendar.from_ical((output / "veranstaltungen" / "block.ics").read_bytes()).events
    assert sorted(str(e["UID"])[-2:] for e in block) == ["-1", "-3"]
