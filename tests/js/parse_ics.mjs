// Parse .ics files with Mozilla's ical.js (Thunderbird's parser) and print what it read as JSON.
//
//   node tests/js/parse_ics.mjs FILE.ics [FILE.ics ...]
//
// Prints {"FILE.ics": {"timezones": [...], "events": [...]}, ...}. Date-times are UTC
// instants computed by ical.js from the VTIMEZONE definitions in the file itself (a TZID
// without one is an error, not a silent floating time); dates stay dates. Recurring
// events list their occurrences' starts. Any parse problem exits with status 1.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const MAX_OCCURRENCES = 1000;

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function when(time, property) {
  if (time.isDate) {
    return { isDate: true, value: time.toString() };
  }
  const tzid = property ? property.getParameter("tzid") : null;
  if (tzid) {
    // ical.js falls back to floating time when it cannot resolve a TZID.
    if (!time.zone || time.zone.tzid !== tzid || !time.zone.component) {
      fail(`TZID ${tzid} is not defined by a VTIMEZONE in the file`);
    }
  } else if (time.zone !== ICAL.Timezone.utcTimezone) {
    fail(`floating date-time ${time.toString()}`);
  }
  return { isDate: false, value: time.toJSDate().toISOString(), tzid };
}

function parseFile(path) {
  const text = readFileSync(path, "utf8");
  const jcal = ICAL.parse(text);
  if (Array.isArray(jcal[0])) {
    fail(`${path}: more than one VCALENDAR`);
  }
  const root = new ICAL.Component(jcal);
  if (root.name !== "vcalendar") {
    fail(`${path}: not a VCALENDAR but ${root.name}`);
  }
  const events = root.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const result = {
      uid: event.uid,
      summary: event.summary,
      status: component.getFirstPropertyValue("status"),
      location: event.location,
      start: when(event.startDate, component.getFirstProperty("dtstart")),
      // Without DTEND, ical.js derives the end from DTSTART, in DTSTART's zone.
      end: when(event.endDate, component.getFirstProperty("dtend") || component.getFirstProperty("dtstart")),
      hasEnd: component.hasProperty("dtend"),
      recurring: event.isRecurring(),
    };
    if (event.isRecurring()) {
      const starts = [];
      const iterator = event.iterator();
      for (let next = iterator.next(); next && starts.length < MAX_OCCURRENCES; next = iterator.next()) {
        starts.push(when(next, component.getFirstProperty("dtstart")).value);
      }
      result.occurrences = starts;
    }
    return result;
  });
  const timezones = root
    .getAllSubcomponents("vtimezone")
    .map((zone) => zone.getFirstPropertyValue("tzid"));
  return { timezones, events };
}

const files = process.argv.slice(2);
if (files.length === 0) {
  fail("usage: node tests/js/parse_ics.mjs FILE.ics [FILE.ics ...]");
}
const output = {};
for (const path of files) {
  try {
    output[path] = parseFile(path);
  } catch (error) {
    fail(`${path}: ${error.message}`);
  }
}
process.stdout.write(JSON.stringify(output, null, 1) + "\n");
