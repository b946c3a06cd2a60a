"""Create a new content file with complete front matter (`invoke new`).

Three kinds, decided with the content model:

- ``news``: a news item in ``content/nachrichten/`` (category Nachrichten).
- ``course``: a course announcement in ``content/kurse/`` (category Kurse),
  with an ``event:`` block, because a course has dates.
- ``event``: a news item with an ``event:`` block in ``content/nachrichten/``
  (category Nachrichten): an event is announced like news and stays news.

The preview shows the file as it is, with a "Hinweis" for what is still to be
filled in; ``invoke check`` (and so the commit hook and publishing) refuses it
until then (plugins/qlee/content/unfinished.py): the sample body, and sample
dates whose comment still carries their mark. What only the editor knows (the
date and place of an event) is filled with values marked ``[PLATZHALTER``.
Every optional field of the content model is there too, commented out, with a
German note and an example that is valid once the ``# `` is removed; each
sample value keeps the mark :data:`SAMPLE_MARK` in its note, so that ``check``
refuses it until the editor has put in the real value and deleted the note.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

from .checking import PROJECT, plugins_importable
from .publish import PLACEHOLDER_MARK

plugins_importable()
from qlee.content.unfinished import BODY_EVENT, BODY_NEWS, SAMPLE_MARK  # noqa: E402

TIMEZONE = ZoneInfo("Europe/Berlin")
# The provisional start of a new event: the same weekday this many days ahead, at this hour.
# Far enough ahead that the preview lists it as upcoming (today 09:00 would already be past
# in the evening), and a whole number of weeks, so the weekday stays the one of today.
PROVISIONAL_START_DAYS = 28
PROVISIONAL_START_HOUR = 10


@dataclasses.dataclass(frozen=True)
class Kind:
    folder: str
    category: str
    has_event: bool


KINDS = {
    "news": Kind("nachrichten", "Nachrichten", has_event=False),
    "course": Kind("kurse", "Kurse", has_event=True),
    "event": Kind("nachrichten", "Nachrichten", has_event=True),
}


class ScaffoldRefused(Exception):
    """The file was not created; the message is for editors."""

    exitcode = 1


def new_item(
    project: Path,
    title: str,
    kind: str,
    *,
    now: dt.datetime | None = None,
    uid: str | None = None,
) -> Path:
    """Write ``content/<folder>/<slug>.md`` for ``title`` and return its path.

    Never overwrites: an existing file is an error, so is a title that gives
    no usable slug.
    """
    if kind not in KINDS:
        raise ScaffoldRefused(
            f"Unbekannte Art „{kind}“. Möglich sind: {', '.join(KINDS)} "
            "(news = Nachricht, course = Kursankündigung, event = Veranstaltung)."
        )
    title = " ".join(title.split())
    if not title:
        raise ScaffoldRefused('Der Titel fehlt. Beispiel: invoke new "Tag der offenen Tür" --type event')
    slug = make_slug(title)
    if not slug:
        raise ScaffoldRefused(
            f"Aus dem Titel „{title}“ lässt sich kein Dateiname bilden. "
            "Verwenden Sie Buchstaben oder Ziffern im Titel."
        )
    spec = KINDS[kind]
    now = (now or dt.datetime.now(TIMEZONE)).astimezone(TIMEZONE)
    path = project / "content" / spec.folder / f"{slug}.md"
    text = render(title, slug, spec, now=now, uid=uid or str(uuid.uuid4()))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldRefused(
            f"Die Datei {path.relative_to(project).as_posix()} gibt es schon; sie wird nicht "
            "überschrieben. Öffnen Sie diese Datei, oder wählen Sie einen anderen Titel."
        ) from None
    return path


def make_slug(title: str) -> str:
    """The slug the build derives from the title (German transliteration)."""
    plugins_importable()
    from qlee.content.slugs import slugify

    return slugify(title)


def render(title: str, slug: str, spec: Kind, *, now: dt.datetime, uid: str) -> str:
    """The file's text: front matter with German comments, then a body to replace.

    The slug is written out, so that the address stays when the title is
    edited after publication (links and calendar entries keep working).
    """
    lines = [
        "---",
        f"title: {_quoted(title)}",
        _note(f"slug: {slug}", "Teil der Adresse; nach dem Veröffentlichen nicht mehr ändern"),
        f"date: {now:%d.%m.%Y %H:%M}",
        f"category: {spec.category}",
        "# Die folgenden Angaben sind freiwillig. Zum Verwenden das „# “ davor löschen (Einrückung bleibt).",
        _note("# tags: [Wasserstoff, Weiterbildung]", "Schlagwörter"),
        _note('# summary: "Ein Satz für Übersichten."', f"{SAMPLE_MARK} sonst der erste Absatz"),
        _note("# author: Vorname Nachname", f"{SAMPLE_MARK} mehrere: [Name Eins, Name Zwei]"),
        # No sample time here: uncommented weeks later (say, on a cancellation) it would be stale.
        _note("# modified:", "Datum und Uhrzeit der letzten wesentlichen Änderung eintragen"),
        _note("# status: draft", "draft = Entwurf, hidden = nur über den Link"),
        _note("# image:", "ein Bild zum Beitrag"),
        _note("#   src: bilder/foto.jpg", f"{SAMPLE_MARK} Datei in content/bilder/"),
        _note('#   alt: "Was auf dem Bild zu sehen ist"', f"{SAMPLE_MARK} Pflicht, wenn es ein Bild gibt"),
        _note('#   credit: "© Name"', f"{SAMPLE_MARK} Urheberin oder Urheber"),
    ]
    if spec.has_event:
        lines += _event_lines(now, uid)
    lines += ["---", "", _body(spec), ""]
    return "\n".join(lines)


def provisional_start(now: dt.datetime) -> dt.datetime:
    """A clearly provisional start for a new event: same weekday four weeks ahead, 10:00."""
    day = now.astimezone(TIMEZONE).date() + dt.timedelta(days=PROVISIONAL_START_DAYS)
    # 10:00 exists on every day in Europe/Berlin (the clocks change at 02:00/03:00).
    return dt.datetime.combine(day, dt.time(PROVISIONAL_START_HOUR), tzinfo=TIMEZONE)


def _event_lines(now: dt.datetime, uid: str) -> list[str]:
    start = provisional_start(now)
    week = dt.timedelta(days=7)
    day, hour = f"{start:%d.%m.%Y}", f"{start:%H:%M}"
    return [
        "event:",
        # Why the start is what it is; the marker on the start line itself keeps publish from
        # going ahead until the editor has put in the real start and deleted the marker.
        "  # Beginn: vorläufig heute in vier Wochen, 10 Uhr, damit die Vorschau den Termin",
        "  # als bevorstehend zeigt. Nur ein Datum ohne Uhrzeit bedeutet ganztägig.",
        _note(f"  start: {day} {hour}", f"{PLACEHOLDER_MARK}] Beginn eintragen, dann diese Anmerkung löschen"),
        _note(f"  # end: {day} 12:00", f"{SAMPLE_MARK} Ende; ganztägig: der letzte Tag"),
        _note("  # timezone: Europe/Berlin", "nur für einen Ort in einer anderen Zeitzone"),
        _note("  status: scheduled", "abgesagt: cancelled, verschoben: postponed, ausgebucht: full"),
        _note(f"  uid: {uid}", "nie ändern oder löschen"),
        _note("  location:", "Ort; oder nur online, dann location löschen"),
        '    name: "[PLATZHALTER: Veranstaltungsort]"',
        '    city: "[PLATZHALTER: Ort]"',
        _note('    # street: "Musterstraße 1"', f"{SAMPLE_MARK} Straße und Hausnummer"),
        _note('    # postal_code: "12345"', f"{SAMPLE_MARK} in Anführungszeichen"),
        _note("    # country: DE", "Ländercode; Voreinstellung DE"),
        _note("    # geo: [51.87, 13.96]", f"{SAMPLE_MARK} Breite, Länge"),
        _note("  # online: https://example.org/stream", f"{SAMPLE_MARK} Livestream; statt oder zusätzlich zum Ort"),
        _note("  # registration:", "Anmeldung"),
        _note("  #   url: https://example.org/anmeldung", f"{SAMPLE_MARK} Link zur Anmeldung"),
        _note(f"  #   deadline: {start - week:%d.%m.%Y}", f"{SAMPLE_MARK} Anmeldeschluss, nicht nach dem Beginn"),
        _note('  # fee: "kostenfrei"', "Kosten, als Text"),
        _note('  # organizer: "Beispielverein e. V."', f"{SAMPLE_MARK} nur wenn nicht QLEE veranstaltet"),
        _note("  # sessions:", "mehrere Termine; dann start/end oben löschen; nicht mit repeat"),
        _note(f"  #   - start: {day} {hour}", SAMPLE_MARK),
        _note(f"  #     end: {day} 12:00", SAMPLE_MARK),
        _note(f"  #   - start: {start + week:%d.%m.%Y} {hour}", SAMPLE_MARK),
        _note(f"  #     end: {start + week:%d.%m.%Y} 12:00", SAMPLE_MARK),
        _note("  # repeat: wöchentlich, 6-mal", "Wiederholung; nicht mit sessions"),
        _note(f"  # except: [{start + week:%d.%m.%Y}]", f"{SAMPLE_MARK} entfällt an diesen Tagen; nur mit repeat/sessions"),
    ]


def _note(code: str, comment: str, column: int = 46) -> str:
    """``code`` with a YAML comment, aligned so the comments form a column."""
    return f"{code.ljust(column - 2)}  # {comment}"


def _body(spec: Kind) -> str:
    return BODY_EVENT if spec.has_event else BODY_NEWS


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: safe for „:“, „#“ and quotes.
    return json.dumps(text, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="new")
    parser.add_argument("title")
    # No argparse `choices`: an unknown type gets new_item's German message, not argparse's English one.
    parser.add_argument("--type", dest="kind", default="news", metavar="|".join(KINDS))
    parser.add_argument("--project", type=Path, default=PROJECT)
    args = parser.parse_args(argv)
    try:
        path = new_item(args.project, args.title, args.kind)
    except ScaffoldRefused as error:
        print(error, file=sys.stderr)
        return error.exitcode
    print(path.relative_to(args.project).as_posix())
    return 0


if __name__ == "__main__":
    sys.exit(main())
