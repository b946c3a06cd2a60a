"""Read .ics files with libical (GNOME Evolution, GNOME Calendar) and print what it read as JSON.

    /usr/bin/python3 tests/clients/read_libical.py FILE.ics [FILE.ics ...]

Runs with Debian's Python, which has the GObject bindings (python3-gi) and libical's
introspection data (gir1.2-ical-3.0); the project's .venv has neither. Output as
tests/clients/read_python.py writes it. Zones come from the VTIMEZONEs in the file:
libical looks up a TZID in the calendar the event belongs to.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

UTC_ZONE = ICalGLib.Timezone.get_utc_timezone()
LAST = dt.datetime(2101, 1, 1, tzinfo=dt.UTC)
STATUS = {
    ICalGLib.PropertyStatus.CONFIRMED: "CONFIRMED",
    ICalGLib.PropertyStatus.TENTATIVE: "TENTATIVE",
    ICalGLib.PropertyStatus.CANCELLED: "CANCELLED",
}


def show(time) -> str:
    if time.is_date():
        return f"{time.get_year():04d}-{time.get_month():02d}-{time.get_day():02d}"
    zone = UTC_ZONE if time.is_utc() else time.get_timezone()
    if zone is None:
        raise ValueError(f"floating date-time {time.as_ical_string()}: libical did not resolve the TZID")
    seconds = time.as_timet_with_zone(zone)  # the zone the time is written in
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def events(path: Path) -> list[dict]:
    calendar = ICalGLib.Component.new_from_string(path.read_text(encoding="utf-8"))
    if calendar is None or calendar.isa() != ICalGLib.ComponentKind.VCALENDAR_COMPONENT:
        raise ValueError(f"{path}: libical found no VCALENDAR")
    records = []
    event = calendar.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    while event is not None:
        start = event.get_dtstart()
        has_end = event.get_first_property(ICalGLib.PropertyKind.DTEND_PROPERTY) is not None
        end = event.get_dtend() if has_end else None
        if end is None:  # RFC 5545, 3.6.1: a timed event ends at its start, a date lasts the day
            end = start.clone()
            if start.is_date():
                end.adjust(1, 0, 0, 0)
        occurrences = None
        rule = event.get_first_property(ICalGLib.PropertyKind.RRULE_PROPERTY)
        if rule is not None:
            iterator = ICalGLib.RecurIterator.new(rule.get_rrule(), start)
            # The iterator expands the rule alone; a client drops the EXDATEs, as Evolution does.
            excluded = set()
            exdate = event.get_first_property(ICalGLib.PropertyKind.EXDATE_PROPERTY)
            while exdate is not None:
                excluded.add(show(exdate.get_exdate()))
                exdate = event.get_next_property(ICalGLib.PropertyKind.EXDATE_PROPERTY)
            occurrences = []
            instance = iterator.next()
            while instance is not None and not instance.is_null_time() and len(occurrences) < 1000:
                if show(instance) not in excluded:
                    occurrences.append(show(instance))
                instance = iterator.next()
        status = event.get_status()
        records.append(
            {
                "uid": event.get_uid(),
                "all_day": start.is_date(),
                "start": show(start),
                "end": show(end),
                "occurrences": occurrences,
                "status": STATUS.get(status, str(status) if status != ICalGLib.PropertyStatus.NONE else None),
            }
        )
        event = calendar.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    return records


if __name__ == "__main__":
    json.dump({name: events(Path(name)) for name in sys.argv[1:]}, sys.stdout)
