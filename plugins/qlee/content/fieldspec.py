"""The one description of every front-matter field (docs/content-model.md).

Each :class:`Field` gives the key, its kind, whether it is required, the
allowed values, a German label and help text, a valid example and the parser
of a single value. From this description

- ``fields``, ``events`` and :func:`read_group` validate single fields
  (unknown keys with "Meinten Sie …?", required keys, the field's parser);
  rules across fields (end after start, deadline before start, ``sessions``
  against ``repeat``, postal code against country) stay in code beside it;
- :mod:`fieldexport` generates the JSON Schema editors get while they type,
  the reference table of docs/redaktion-referenz.md and the fields of a form-based
  editor (Decap CMS).

An example is written as in the front matter; where a required field is
missing, its example is the one the message shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from ..buildtime import build_date_if_known
from ..events.model import EventStatus, When
from . import dates, eventvalues, images, itemvalues, slugs, typed
from .frontmatter import Value


class Kind(enum.Enum):
    """What an editor writes for a field."""

    TEXT = "text"  # one line of text
    TEXTBLOCK = "textblock"  # text, line breaks allowed
    TEXTS = "texts"  # a list of one-line texts
    DATE = "date"  # a date or a date with time (dates.parse_when)
    CHOICE = "choice"  # exactly one of the allowed values
    URL = "url"  # an http(s) address
    DATES = "dates"  # a list of dates (or one date)
    COORDINATES = "coordinates"  # [latitude, longitude]
    GROUP = "group"  # indented key: value lines (the children)
    GROUPS = "groups"  # a list of groups


@dataclasses.dataclass(frozen=True)
class Dates:
    """The date parser of one item: its zone, the allowed years and the build date."""

    tz: ZoneInfo
    year_range: tuple[int, int]
    today: dt.date | None

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Dates:
        low, high = settings["QLEE_YEAR_RANGE"]
        return cls(ZoneInfo(settings["TIMEZONE"]), (int(low), int(high)), build_date_if_known())

    def when(self, value: Value, *, example: str) -> When:
        """A date, or a date-time in ``tz``; a written offset (``+01:00``) must be ``tz``'s own."""
        text = typed.text(value, example=example)
        when = dates.parse_when(text, tz=self.tz, year_range=self.year_range, today=self.today)
        return when.astimezone(self.tz) if isinstance(when, dt.datetime) else when

    def moment(self, value: Value, *, example: str) -> dt.datetime:
        """An aware datetime; a date alone means midnight in ``tz``."""
        when = self.when(value, example=example)
        if isinstance(when, dt.datetime):
            return when
        return dt.datetime.combine(when, dt.time(), tzinfo=self.tz)


@dataclasses.dataclass(frozen=True)
class Context:
    """What parsers of single values may need besides the value."""

    settings: Mapping[str, Any]
    dates: Dates

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Context:
        return cls(settings, Dates.from_settings(settings))


Parse = Callable[[Value, Context], Any]


@dataclasses.dataclass(frozen=True, eq=False)
class Field:
    """One front-matter key."""

    name: str
    kind: Kind
    label: str  # German, a few words
    help: str  # German, one or two sentences
    example: str  # a valid value as written in the front matter
    required: bool = False
    # Required unless one of these keys stands beside it (the rule and its message are in code).
    unless: tuple[str, ...] = ()
    # When an optional field is required after all (German; the rule is in code).
    note: str = ""
    choices: tuple[str, ...] = ()
    choices_from: str = ""  # a setting whose keys are the choices (QLEE_CATEGORIES)
    pattern: str = ""  # a loose regular expression for the JSON Schema; the parser decides
    max_length: int = 0  # characters of a text, 0: no limit of its own (see read)
    children: tuple[Field, ...] = ()
    # Likely wrong names of the children (German words), for "Meinten Sie …?".
    aliases: Mapping[str, str] = dataclasses.field(default_factory=dict)
    parse: Parse | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(child.name for child in self.children)

    def child(self, name: str) -> Field:
        return next(child for child in self.children if child.name == name)

    def read(self, value: Value, ctx: Context) -> Any:
        """The typed value, or :class:`ValidationError`."""
        if self.parse is None:
            raise TypeError(f"{self.name} is a group; read it with read_group")
        result = self.parse(value, ctx)
        if self.max_length and isinstance(result, str) and len(result) > self.max_length:
            raise typed.too_long(result, self.max_length, example=self.example)
        return result

    def example_for(self, settings: Mapping[str, Any]) -> str:
        """The example, from the settings where they define the choices."""
        if self.choices_from:
            return next(iter(settings[self.choices_from]))
        return self.example

    def choices_for(self, settings: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(settings[self.choices_from]) if self.choices_from else self.choices


# --- walking the description ------------------------------------------------------------


def unknown(found: typed.Collector, group: Field, block: Mapping[str, Value], prefix: str) -> set[str]:
    """Report keys of ``block`` that ``group`` does not know; return the keys they probably meant.

    A misspelt key is one mistake: its error names the right key, and the
    caller does not report that key as missing as well.
    """
    known = group.keys
    found.extend(typed.unknown_keys(block, known, prefix=prefix, aliases=group.aliases))
    return {guess for key in block if key not in known and (guess := typed.nearest(key, known, group.aliases))}


def read_group(
    found: typed.Collector, group: Field, value: Value, prefix: str, ctx: Context, *, skip: tuple[str, ...] = ()
) -> dict[str, Any] | None:
    """The parsed children of a group (``None`` for a child with an error); ``None`` if no group.

    Unknown keys, missing required keys and each child's own parser, in the
    order of the description; ``skip`` names children the caller reads itself
    because their rule depends on another field.
    """
    block = found.check(prefix, typed.mapping, value, example=group.example)
    if block is None:
        return None
    meant = unknown(found, group, block, prefix)
    values: dict[str, Any] = {}
    for field in group.children:
        path = f"{prefix}.{field.name}"
        if field.name in skip:
            continue
        if field.name in block:
            values[field.name] = found.check(path, field.read, block[field.name], ctx)
        elif field.required and not field.unless and field.name not in meant:
            found.add(typed.missing(path, field.example_for(ctx.settings)))
    return values


def paths(group: Field, prefix: str = "") -> list[tuple[str, Field]]:
    """Every field below ``group`` with its dotted path (``event.sessions.start``), depth first."""
    result = []
    for field in group.children:
        path = f"{prefix}{field.name}"
        result.append((path, field))
        result.extend(paths(field, f"{path}."))
    return result


# --- parsers ----------------------------------------------------------------------------


def _text(example: str, *, multiline: bool = False) -> Parse:
    return lambda value, ctx: typed.text(value, example=example, multiline=multiline)


def _line(example: str) -> Parse:
    return lambda value, ctx: eventvalues.line_text(value, example=example)


def _moment(example: str) -> Parse:
    return lambda value, ctx: ctx.dates.moment(value, example=example)


def event_when(value: Value, ctx: Context) -> When:
    """A date of the event block, in the event's zone (``ctx.dates``)."""
    return ctx.dates.when(value, example=EXAMPLE_TIMED)


def _status(value: Value, ctx: Context) -> str:
    return typed.choice(value, STATUSES, aliases=STATUS_ALIASES)


def _event_status(value: Value, ctx: Context) -> str:
    return typed.choice(value, EVENT_STATUSES)


def _authors(value: Value, ctx: Context) -> list[str]:
    return typed.text_list(value, example="Erika Mustermann", comma_separated=False)


# --- the description --------------------------------------------------------------------

TITLE_EXAMPLE = "Neuer Lehrgang zu Wasserstoffanwendungen"
EXAMPLE_TIMED = "04.03.2024 09:00"
EXAMPLE_BLOCK = "event: (eingerückt darunter) start: 04.03.2024"
EXAMPLE_LOCATION = "location: (eingerückt darunter) name: LEAG-Qualifizierungszentrum, city: Lübbenau"
EXAMPLE_URL = "https://qlee.idloom.events/Wasserstoffexperte2024"
EXAMPLE_REGISTRATION = f"registration: (eingerückt darunter) url: {EXAMPLE_URL}"
EXAMPLE_SESSION = "- start: 04.03.2024 09:00 (eingerückt darunter) end: 04.03.2024 16:00"
ALT_EXAMPLE = "Teilnehmende am Elektrolyseur"
IMAGE_EXAMPLE = "„image:“ mit eingerückten Zeilen „src: bilder/foto.jpg“ und „alt: Was auf dem Bild zu sehen ist“"

STATUSES = ("published", "draft", "hidden")
STATUS_ALIASES = {"veröffentlicht": "published", "öffentlich": "published", "entwurf": "draft",
                  "versteckt": "hidden", "verborgen": "hidden", "unsichtbar": "hidden"}
EVENT_STATUSES = tuple(status.value for status in EventStatus)

# Loose patterns for the JSON Schema (both Python's and JavaScript's syntax, no inline flags):
# the shape of a date, not its calendar (dates.parse_when decides).
_DAY = r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})"
DATE_PATTERN = _DAY + r"([ T]\d{1,2}:\d{2}(:\d{2})?( ?Uhr)?([+-]\d{2}:?\d{2}|Z)?)?"

_DATE_HELP = " Formate: 04.03.2024, 2024-03-04, mit Uhrzeit 04.03.2024 09:30."

EVENT_ALIASES = {
    "beginn": "start", "anfang": "start", "ende": "end", "zeitzone": "timezone",
    "ort": "location", "anmeldung": "registration", "kosten": "fee", "gebühr": "fee",
    "preis": "fee", "veranstalter": "organizer", "termine": "sessions",
    "wiederholung": "repeat", "ausnahmen": "except", "ausnahme": "except", "entfällt": "except",
    "entfaellt": "except", "ausfall": "except", "exdate": "except",
}  # fmt: skip

SESSION = Field(
    "sessions", Kind.GROUPS, "Termine",
    "Mehrere Termine, etwa ein Kurs an mehreren Tagen, in zeitlicher Reihenfolge; dann ohne "
    "„start“ und „end“ oben. Nicht zusammen mit „repeat“.",
    EXAMPLE_SESSION,
    children=(
        Field("start", Kind.DATE, "Beginn", "Beginn des Termins." + _DATE_HELP, EXAMPLE_TIMED,
              required=True, pattern=DATE_PATTERN, parse=event_when),
        Field("end", Kind.DATE, "Ende", "Ende des Termins." + _DATE_HELP, "04.03.2024 16:00",
              pattern=DATE_PATTERN, parse=event_when),
    ),
    aliases={"beginn": "start", "ende": "end"},
)

LOCATION = Field(
    "location", Kind.GROUP, "Ort", "Wo die Veranstaltung stattfindet.", EXAMPLE_LOCATION,
    required=True, unless=("online",),
    children=(
        Field("name", Kind.TEXT, "Name des Ortes", "Der Name des Hauses oder Saals.",
              "LEAG-Qualifizierungszentrum", required=True, parse=_line("LEAG-Qualifizierungszentrum")),
        Field("street", Kind.TEXT, "Straße", "Straße und Hausnummer.", "Musterstraße 1",
              parse=_line("Musterstraße 1")),
        Field("postal_code", Kind.TEXT, "Postleitzahl",
              "In Deutschland fünf Ziffern, in Anführungszeichen.", '"03222"',
              pattern=r"[0-9A-Za-z][0-9A-Za-z -]*", parse=_line("03222")),
        # Only the line of text here; the five German digits depend on "country" (eventblock.py).
        Field("city", Kind.TEXT, "Ort (Stadt)", "Die Stadt oder Gemeinde.", "Lübbenau",
              required=True, parse=_line("Lübbenau")),
        Field("country", Kind.TEXT, "Land", "Ländercode nach ISO 3166; Voreinstellung DE.", "DE",
              pattern=r"[A-Za-z]{2}", parse=lambda value, ctx: eventvalues.parse_country(value)),
        Field("geo", Kind.COORDINATES, "Koordinaten",
              "Breite und Länge für die Karte, mit Dezimalpunkt.", "[51.87, 13.96]",
              parse=lambda value, ctx: eventvalues.parse_geo(value)),
    ),
    aliases={
        "straße": "street", "strasse": "street", "plz": "postal_code",
        "postleitzahl": "postal_code", "ort": "city", "stadt": "city", "land": "country",
    },
)

REGISTRATION = Field(
    "registration", Kind.GROUP, "Anmeldung", "Der Link zur Anmeldung und der Anmeldeschluss.",
    EXAMPLE_REGISTRATION,
    children=(
        Field("url", Kind.URL, "Link zur Anmeldung", "Eine Adresse mit https:// oder http://.",
              EXAMPLE_URL, required=True, parse=lambda value, ctx: eventvalues.http_url(value)),
        Field("deadline", Kind.DATE, "Anmeldeschluss",
              "Bis wann man sich anmelden kann; nicht nach dem Beginn." + _DATE_HELP, "26.02.2024",
              pattern=DATE_PATTERN, parse=event_when),
    ),
    aliases={"link": "url", "frist": "deadline", "anmeldeschluss": "deadline"},
)

EVENT = Field(
    "event", Kind.GROUP, "Veranstaltung",
    "Macht den Beitrag zu einer Veranstaltung mit Termin im Kalender.", EXAMPLE_BLOCK,
    children=(
        Field("start", Kind.DATE, "Beginn",
              "Beginn der Veranstaltung; ein Datum ohne Uhrzeit heißt ganztägig." + _DATE_HELP,
              EXAMPLE_TIMED, required=True, unless=("sessions",), pattern=DATE_PATTERN, parse=event_when),
        Field("end", Kind.DATE, "Ende",
              "Ende, nach dem Beginn; bei ganztägigen Veranstaltungen der letzte Tag." + _DATE_HELP,
              "04.03.2024 16:00", pattern=DATE_PATTERN, parse=event_when),
        Field("timezone", Kind.TEXT, "Zeitzone",
              "Nur für Veranstaltungen in einer anderen Zeitzone; Voreinstellung Europe/Berlin.",
              "Europe/Berlin", pattern=r"[A-Za-z_]+(/[A-Za-z0-9_+-]+)*",
              parse=lambda value, ctx: eventvalues.parse_timezone(value)),
        Field("status", Kind.CHOICE, "Status der Veranstaltung",
              "scheduled (findet statt), cancelled (abgesagt), postponed (verschoben), full (ausgebucht).",
              "scheduled", choices=EVENT_STATUSES, parse=_event_status),
        Field("uid", Kind.TEXT, "Kennung (UID)",
              "Die dauerhafte Kennung in den Kalendern; nie ändern, nie in eine andere Datei kopieren.",
              "7f1c2e9a-4b0d-5c1e-9a3f-2d6b8e0c4a71", pattern=eventvalues.UID_PATTERN.pattern,
              parse=lambda value, ctx: eventvalues.parse_uid(value)),
        LOCATION,
        Field("online", Kind.URL, "Online-Link", "Der Link zu einem Livestream oder einer Online-Veranstaltung.",
              "https://example.org/stream", required=True, unless=("location",),
              parse=lambda value, ctx: eventvalues.http_url(value)),
        REGISTRATION,
        Field("fee", Kind.TEXT, "Kosten", "Die Kosten als Text.", "kostenfrei", parse=_line("kostenfrei")),
        Field("organizer", Kind.TEXT, "Veranstalter", "Der Veranstalter, wenn es nicht QLEE ist.",
              "Beispielverein e. V.", parse=_line("QLEE")),
        SESSION,
        Field("repeat", Kind.TEXT, "Wiederholung",
              "In Worten: wie oft, auf Wunsch die Wochentage, dann „bis“ mit dem letzten Tag oder die Anzahl "
              "(„alle 2 Wochen, 6-mal“, „monatlich am ersten Montag bis 31.12.2026“); oder eine Kalenderregel "
              "(RRULE, z. B. FREQ=WEEKLY;COUNT=6). Der erste Termin ist der Beginn. Nicht zusammen mit „sessions“.",
              "wöchentlich montags und mittwochs bis 30.06.2026", pattern=r"[^\n\r]+"),
        Field("except", Kind.DATES, "Entfällt am",
              "Die Tage, an denen ein Termin der Wiederholung oder unter „sessions“ nicht stattfindet, "
              "z. B. Feiertage; sie stehen als „entfällt“ auf der Seite." + _DATE_HELP,
              "[06.04.2026, 25.05.2026]", pattern=DATE_PATTERN),
        # repeat and except have no parser of their own here: both need the start (eventblock.parse_event).
    ),
    aliases=EVENT_ALIASES,
)

IMAGE = Field(
    "image", Kind.GROUP, "Bild", "Ein Bild zum Beitrag; die Datei liegt in content/bilder/.",
    IMAGE_EXAMPLE,
    children=(
        Field("src", Kind.TEXT, "Bilddatei", "Der Pfad der Bilddatei unter content/.", "bilder/foto.jpg",
              required=True, pattern=r"[^/].*\.(jpe?g|png|webp|avif|gif|svg|JPE?G|PNG|WEBP|AVIF|GIF|SVG)",
              parse=lambda value, ctx: images.image_src(value, ctx.settings)),
        Field("alt", Kind.TEXT, "Bildbeschreibung",
              "Was auf dem Bild zu sehen ist, für blinde Menschen und Suchmaschinen.", ALT_EXAMPLE,
              required=True, parse=_text(ALT_EXAMPLE)),
        Field("credit", Kind.TEXT, "Bildnachweis", "Wer das Bild gemacht hat.", "© LEAG", parse=_text("© LEAG")),
    ),
    aliases={"datei": "src", "pfad": "src", "path": "src", "alt-text": "alt", "alttext": "alt",
             "beschreibung": "alt", "quelle": "credit", "copyright": "credit", "bildnachweis": "credit",
             "fotograf": "credit"},
)

# German (and other likely) words for our keys, so a misspelt key names the right one.
ALIASES = {
    "titel": "title", "überschrift": "title", "name": "title",
    "datum": "date", "veröffentlicht": "date", "published": "date",
    "geändert": "modified", "geaendert": "modified", "aktualisiert": "modified", "updated": "modified",
    "kategorie": "category", "rubrik": "category", "categories": "category",
    "schlagwörter": "tags", "schlagwoerter": "tags", "schlagworte": "tags", "schlagwort": "tags",
    "stichwörter": "tags", "stichworte": "tags", "tag": "tags", "keywords": "tags",
    "zusammenfassung": "summary", "teaser": "summary", "anriss": "summary", "beschreibung": "summary",
    "autor": "author", "autorin": "author", "autoren": "author", "authors": "author", "verfasser": "author",
    "bild": "image", "foto": "image",
    "termin": "event", "veranstaltung": "event",
    "vorlage": "template", "adresse": "slug",
}

# A title never becomes a file name (slugs made from it are cut at 80 characters); the limit
# bounds headings, feeds and calendar entries. A conference title with its subtitle fits.
MAX_TITLE = 300
# Slugs are folder and file names (``<slug>/index.html``, ``<slug>.ics``): file systems allow
# 255 bytes per name; a slug is ASCII, and 80 is also where slugs made from titles are cut.
MAX_SLUG = slugs.MAX_LENGTH

_TITLE = Field("title", Kind.TEXT, "Titel", "Die Überschrift, als reiner Text.", TITLE_EXAMPLE,
               required=True, max_length=MAX_TITLE, parse=_text(TITLE_EXAMPLE))
_DATE = Field("date", Kind.DATE, "Veröffentlicht am",
              "Wann der Beitrag erscheint; Beiträge werden danach sortiert." + _DATE_HELP, "04.03.2024",
              required=True, pattern=DATE_PATTERN, parse=_moment("04.03.2024"))
_MODIFIED = Field("modified", Kind.DATE, "Geändert am",
                  "Wann der Beitrag zuletzt wesentlich geändert wurde, nicht vor „date“." + _DATE_HELP,
                  "11.03.2024", note="bei abgesagter oder verschobener Veranstaltung",
                  pattern=DATE_PATTERN, parse=_moment("11.03.2024"))
_CATEGORY = Field("category", Kind.CHOICE, "Kategorie", "Die Rubrik, genau so geschrieben.", "Nachrichten",
                  required=True, choices_from="QLEE_CATEGORIES",
                  parse=lambda value, ctx: itemvalues.category(value, ctx.settings))
_COMMON = (
    Field("tags", Kind.TEXTS, "Schlagwörter", "Schlagwörter; zu jedem gibt es eine Seite mit allen Beiträgen dazu.",
          "[Wasserstoff, Weiterbildung]", parse=lambda value, ctx: itemvalues.tags(value)),
    Field("summary", Kind.TEXTBLOCK, "Anreißer",
          "Ein kurzer Text für Übersichten, Feeds und Suchmaschinen; ohne ihn der erste Absatz.",
          "Ein Satz, worum es geht.", parse=_text("Ein Satz, worum es geht.", multiline=True)),
    Field("author", Kind.TEXTS, "Autorin oder Autor", "Ein Name oder mehrere in eckigen Klammern.",
          "Erika Mustermann", parse=_authors),
    Field("slug", Kind.TEXT, "Adresse (slug)",
          "Der letzte Teil der Adresse: Kleinbuchstaben a–z, Ziffern, Bindestriche; ohne ihn aus dem Titel.",
          "neuer-lehrgang", pattern=r"[a-z0-9]+(-[a-z0-9]+)*", max_length=MAX_SLUG,
          parse=lambda value, ctx: itemvalues.slug(value)),
    Field("status", Kind.CHOICE, "Status",
          "published (veröffentlicht), draft (Entwurf) oder hidden (nur über den Link erreichbar).",
          "published", choices=STATUSES, parse=_status),
    IMAGE,
)

ARTICLE = Field(
    "article", Kind.GROUP, "Beitrag", "Eine Nachricht oder Kursankündigung (content/nachrichten/, content/kurse/).",
    "", children=(_TITLE, _DATE, _MODIFIED, _CATEGORY, *_COMMON, EVENT), aliases=ALIASES,
)
PAGE = Field(
    "page", Kind.GROUP, "Seite", "Eine feste Seite wie das Impressum (content/pages/).", "",
    children=(
        _TITLE, dataclasses.replace(_DATE, required=False), _MODIFIED, *_COMMON,
        Field("save_as", Kind.TEXT, "Speicherort", "Nur für die Technik: die HTML-Datei der Seite.", "404.html",
              max_length=200, parse=lambda value, ctx: itemvalues.save_as(value, ctx.settings)),
        Field("url", Kind.TEXT, "Adresse", "Nur für die Technik: die Adresse der Seite.", "ueber-qlee/",
              max_length=200, parse=lambda value, ctx: itemvalues.url(value, ctx.settings)),
        Field("template", Kind.CHOICE, "Vorlage", "Nur für die Technik: die Vorlage des Themes.", "page",
              choices=itemvalues.PAGE_TEMPLATES,
              parse=lambda value, ctx: itemvalues.template(value, ctx.settings)),
    ),
    aliases=ALIASES,
)
