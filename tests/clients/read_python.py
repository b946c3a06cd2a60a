"""Read .ics files with one Python calendar library and print what it read, normalized, as JSON.

    .venv-clients/bin/python tests/clients/read_python.py CLIENT FILE.ics [FILE.ics ...]
    .venv-clients/bin/python tests/clients/read_python.py caldav --server URL FILE.ics [...]

Runs in .venv-clients (requirements-clients.txt), not in the project's .venv: these
libraries require python-dateutil<3. Prints {"FILE.ics": [record, ...]} where a record is
{"uid", "all_day", "start", "end", "occurrences", "status"}: instants in UTC as
"YYYY-MM-DDTHH:MM:SSZ", dates as "YYYY-MM-DD", occurrences (starts) only for events
with RRULE, status as the library gives it (None when it has no such notion).
Everything here reports what the library itself computed; nothing is taken from the file
by other means.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import uuid
from pathlib import Path

UTC = dt.UTC
# Wide enough for every event of the fixture and the real site.
SPAN = (dt.datetime(1990, 1, 1, tzinfo=UTC), dt.datetime(2101, 1, 1, tzinfo=UTC))


def instant(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError(f"floating date-time {value}: the library lost the zone")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def record(uid, start, end, occurrences, status) -> dict:
    all_day = not isinstance(start, dt.datetime)
    if end is None:  # RFC 5545, 3.6.1: no DTEND: a timed event ends at its start, a date lasts the day
        end = start + dt.timedelta(days=1) if all_day else start
    return {
        "uid": str(uid),
        "all_day": all_day,
        "start": instant(start),
        "end": instant(end),
        "occurrences": None if occurrences is None else [instant(value) for value in occurrences],
        "status": None if status is None else str(status).upper(),
    }


def recurring_ical_events_reader(path: Path) -> list[dict]:
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    expanded: dict[str, list] = {}
    for occurrence in recurring_ical_events.of(calendar).between(*SPAN):
        expanded.setdefault(str(occurrence["UID"]), []).append(occurrence.start)
    return [
        record(
            event["UID"],
            event.start,
            event.end if "DTEND" in event else None,
            sorted(expanded[str(event["UID"])], key=instant) if "RRULE" in event else None,
            event.get("STATUS"),
        )
        for event in calendar.walk("VEVENT")
    ]


def vobject_reader(path: Path) -> list[dict]:
    import vobject

    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    records = []
    for event in calendar.vevent_list if hasattr(calendar, "vevent_list") else []:
        start = event.dtstart.value
        end = event.dtend.value if hasattr(event, "dtend") else None
        occurrences = None
        if hasattr(event, "rrule"):
            occurrences = list(event.getrruleset(addRDate=True))
        status = event.status.value if hasattr(event, "status") else None
        records.append(record(event.uid.value, start, end, occurrences, status))
    return records


def icalevents_reader(path: Path) -> list[dict]:
    from icalevents import icalevents

    found = icalevents.events(string_content=path.read_bytes(), start=SPAN[0], end=SPAN[1], sort=True, strict=True)
    by_uid: dict[str, list] = {}
    for event in found:
        by_uid.setdefault(str(event.uid), []).append(event)
    records = []
    for uid, events in by_uid.items():
        first = events[0]
        occurrences = [event.start for event in events] if first.recurring else None
        records.append(record(uid, first.start, first.end, occurrences, first.status))
    return records


def caldav_reader(path: Path, client, principal) -> list[dict]:
    """Upload the file to a new Radicale calendar, then read it back with caldav; repeats expanded by the server."""
    calendar = principal.make_calendar(name=path.name, cal_id=str(uuid.uuid4()))
    # A whole VCALENDAR PUT to the collection: Radicale stores one object per UID.
    client.put(str(calendar.url), path.read_bytes(), {"Content-Type": "text/calendar; charset=utf-8"})
    expanded: dict[str, list] = {}
    for found in calendar.search(start=SPAN[0], end=SPAN[1], event=True, expand=True):
        for component in found.icalendar_instance.walk("VEVENT"):
            expanded.setdefault(str(component["UID"]), []).append(component.start)
    records = []
    for stored in calendar.events():
        for event in stored.icalendar_instance.walk("VEVENT"):
            uid = str(event["UID"])
            occurrences = sorted(expanded[uid], key=instant) if "RRULE" in event else None
            records.append(record(uid, event.start, event.end if "DTEND" in event else None, occurrences, event.get("STATUS")))
    calendar.delete()
    return records


READERS = {
    "recurring-ical-events": recurring_ical_events_reader,
    "vobject": vobject_reader,
    "icalevents": icalevents_reader,
}


def main(argv: list[str]) -> int:
    client, *rest = argv
    if client == "caldav":
        import caldav

        server, files = rest[1], rest[2:]
        dav = caldav.DAVClient(url=server, username="qlee", password="qlee")
        principal = dav.principal()
        output = {name: caldav_reader(Path(name), dav, principal) for name in files}
    else:
        output = {name: READERS[client](Path(name)) for name in rest}
    json.dump(output, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
