// Read .ics files with one Node calendar library and print what it read, normalized, as JSON.
//
//   node tests/js/read_clients.mjs node-ical|ts-ics FILE.ics [FILE.ics ...]
//
// Prints {"FILE.ics": [record, ...]}, records as tests/clients/read_python.py writes them:
// {uid, all_day, start, end, occurrences, status}; instants in UTC ("...Z", no
// milliseconds), dates as YYYY-MM-DD, occurrences (starts) only for events with RRULE.
// Each value is what the library computed, through its public API.
import { readFileSync } from "node:fs";
import ical from "node-ical";
import { convertIcsCalendar, extendByRecurrenceRule } from "ts-ics";

const FROM = new Date("1990-01-01T00:00:00Z");
const TO = new Date("2101-01-01T00:00:00Z");

const utc = (date) => date.toISOString().replace(".000Z", "Z");
const pad = (number) => String(number).padStart(2, "0");
// A date-only value is local midnight in node-ical.
const localDay = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
const utcDay = (date) => date.toISOString().slice(0, 10);

function nodeIcal(text) {
  const parsed = ical.sync.parseICS(text);
  return Object.values(parsed)
    .filter((entry) => entry.type === "VEVENT")
    .map((event) => {
      const allDay = event.datetype === "date" || Boolean(event.start.dateOnly);
      const show = (date) => (allDay ? localDay(date) : utc(date));
      let end = event.end;
      if (!end) {
        end = allDay ? new Date(event.start.getFullYear(), event.start.getMonth(), event.start.getDate() + 1) : event.start;
      }
      const occurrences = event.rrule
        ? ical.expandRecurringEvent(event, { from: FROM, to: TO }).map((instance) => show(instance.start))
        : null;
      return { uid: event.uid, all_day: allDay, start: show(event.start), end: show(end), occurrences, status: event.status ?? null };
    });
}

function tsIcs(text) {
  const calendar = convertIcsCalendar(undefined, text);
  return (calendar.events ?? []).map((event) => {
    const allDay = event.start.type === "DATE";
    // ts-ics keeps a date as UTC midnight of that day.
    const show = (date) => (allDay ? utcDay(date) : utc(date));
    let end = event.end?.date;
    if (!end) {
      end = allDay ? new Date(event.start.date.getTime() + 86400000) : event.start.date;
    }
    // ts-ics expands the rule alone; a client drops the exception dates (EXDATE) itself. By day:
    // after a DST change ts-ics's instances are an hour off (its known bug), so no instant matches.
    const day = (date) => date.toISOString().slice(0, 10);
    const excluded = new Set((event.exceptionDates ?? []).map((exdate) => day(exdate.date)));
    const occurrences = event.recurrenceRule
      ? extendByRecurrenceRule(event.recurrenceRule, { start: event.start.date, end: TO })
          .filter((date) => !excluded.has(day(date)))
          .map(show)
      : null;
    return { uid: event.uid, all_day: allDay, start: show(event.start.date), end: show(end), occurrences, status: event.status ?? null };
  });
}

const CLIENTS = { "node-ical": nodeIcal, "ts-ics": tsIcs };

const [client, ...files] = process.argv.slice(2);
if (!CLIENTS[client] || files.length === 0) {
  process.stderr.write(`usage: node tests/js/read_clients.mjs ${Object.keys(CLIENTS).join("|")} FILE.ics [...]\n`);
  process.exit(2);
}
const output = {};
for (const path of files) {
  output[path] = CLIENTS[client](readFileSync(path, "utf8"));
}
process.stdout.write(JSON.stringify(output) + "\n");
