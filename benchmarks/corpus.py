"""A synthetic German corpus in the shape of the content model, deterministic from a seed.

``generate(target, n, seed=...)`` writes ``target/content/`` with N articles
(about 70 % plain news items and course announcements, 30 % with an ``event:``
block: timed, all-day, multi-day, with sessions, repeating, cancelled,
postponed, full, online-only, with registration and deadline), the four pages
and a few images. Values are written the ways the content model allows (ISO
and German dates, with and without quotes, flow and block lists), so the
benchmark reads what the real site reads. Same seed, same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import struct
import uuid
import zlib
from pathlib import Path
from zoneinfo import ZoneInfo

from . import prose

DEFAULT_N = 1000
DEFAULT_SEED = 20240304
# The build date the corpus is spread around, and that benchmark builds pin (2025-01-01 00:00 UTC).
DEFAULT_EPOCH = 1735689600
EVENT_SHARE = 0.3
TIMEZONE = ZoneInfo("Europe/Berlin")
# Category name (pelicanconf.QLEE_CATEGORIES) -> content folder.
FOLDERS = {"Nachrichten": "nachrichten", "Kurse": "kurse"}
TAGS = (
    "Wasserstoff", "Photovoltaik", "Windenergie", "Weiterbildung", "Strukturwandel",
    "Elektrolyse", "KMU", "Fachkräfte", "Energiespeicher", "Ausbildung", "Förderung", "Lausitz",
)
AUTHORS = ("Redaktion", "Projektbüro", "Team Weiterbildung")
VENUE_KINDS = ("Bildungszentrum", "Technologiezentrum", "Volkshochschule", "Stadthalle", "Lehrwerkstatt")
STREETS = ("Bahnhofstraße", "Am Markt", "Schulstraße", "Hauptstraße", "Gartenweg", "Industriestraße")
PAGES = (
    ("ueber-qlee", "Über QLEE"),
    ("impressum", "Impressum"),
    ("datenschutz", "Datenschutzerklärung"),
    ("barrierefreiheit", "Erklärung zur Barrierefreiheit"),
)
IMAGES = 4
BODY_WORDS = (540, 660)


@dataclasses.dataclass(frozen=True)
class Corpus:
    """What ``generate`` wrote: the content folder and what it holds."""

    content: Path
    articles: int
    events: int
    pages: int
    touch: Path  # a typical article, for the "editor saved one file" rebuild

    @property
    def files(self) -> int:
        return self.articles + self.pages


def generate(
    target: Path,
    n: int = DEFAULT_N,
    *,
    seed: int = DEFAULT_SEED,
    epoch: int = DEFAULT_EPOCH,
    event_share: float = EVENT_SHARE,
) -> Corpus:
    """Write ``n`` articles (about ``event_share`` of them with an event), the pages and the images.

    Into ``target/content``; the default share gives the same bytes as before the parameter existed.
    """
    rng = random.Random(seed)
    now = dt.datetime.fromtimestamp(epoch, TIMEZONE)
    content = Path(target) / "content"
    for folder in (*FOLDERS.values(), "pages", "bilder"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    for number in range(1, IMAGES + 1):
        (content / "bilder" / f"beispiel-{number}.png").write_bytes(_png(rng.randrange(1 << 24)))
    used: set[str] = set()
    written = []
    events = 0
    for _ in range(n):
        is_event = rng.random() < event_share
        events += is_event
        relative, text = _article(rng, now, used, is_event)
        path = content / relative
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for slug, title in PAGES:
        (content / "pages" / f"{slug}.md").write_text(_page(rng, now, slug, title), encoding="utf-8")
    return Corpus(content, articles=n, events=events, pages=len(PAGES), touch=written[len(written) // 2])


def _article(rng: random.Random, now: dt.datetime, used: set[str], is_event: bool) -> tuple[str, str]:
    """One article file: (path under content/, text)."""
    latest = now.date() - dt.timedelta(days=1)
    if is_event:
        start_day = now.date() + dt.timedelta(days=rng.randint(-3 * 365, 540))
        day = min(start_day - dt.timedelta(days=rng.randint(7, 90)), latest - dt.timedelta(days=rng.randint(0, 20)))
        category = "Kurse" if rng.random() < 0.65 else "Nachrichten"
    else:
        start_day = None
        day = latest - dt.timedelta(days=rng.randint(0, 4 * 365))
        category = "Nachrichten" if rng.random() < 0.6 else "Kurse"
    published = _daytime(rng, day)
    status = rng.choices(("scheduled", "cancelled", "postponed", "full"), (85, 6, 4, 5))[0] if is_event else None
    fill = prose.slots(rng, published.year)
    title, slug = _unique_title(rng, fill, used)
    lines = ["---", f"title: {_quoted(title)}", f"date: {_when(rng, published, rng.random() < 0.7)}"]
    # A cancelled or postponed event needs `modified` (so calendars take the change).
    if status in ("cancelled", "postponed") or rng.random() < 0.2:
        modified = _daytime(rng, day + dt.timedelta(days=rng.randint(1, 120)))
        lines.append(f"modified: {_when(rng, modified, True)}")
    lines.append(f"category: {category}")
    lines += _tags(rng)
    if rng.random() < 0.3:
        names = rng.sample(AUTHORS, rng.choice((1, 1, 2)))
        lines.append(f"author: {names[0]}" if len(names) == 1 else f"author: [{', '.join(names)}]")
    if rng.random() < 0.5:
        lines.append(f"summary: {_quoted(prose.summary(rng, fill))}")
    if rng.random() < 0.25:
        lines.append(f"slug: {slug}")
    if rng.random() < 0.05:
        lines.append("status: published")
    if rng.random() < 0.05:
        number = rng.randint(1, IMAGES)
        lines += [
            "image:",
            f"  src: bilder/beispiel-{number}.png",
            f"  alt: {_quoted('Teilnehmende bei der Arbeit an ' + fill['topic_dat'])}",
            "  credit: \"© Beispiel\"",
        ]
    if start_day is not None:
        lines += _event(rng, start_day, slug, fill, status)
    lines.append("---")
    text = "\n".join(lines) + "\n\n" + prose.body(rng, fill, rng.randint(*BODY_WORDS))
    return f"{FOLDERS[category]}/{slug}.md", text


def _unique_title(rng: random.Random, fill: dict[str, str], used: set[str]) -> tuple[str, str]:
    """A title whose slug no other item has (the check refuses items that overwrite each other)."""
    for attempt in range(40):
        title = prose.title(rng, fill)
        if attempt >= 20:
            title += f" ({attempt - 19}. Termin)"
        slug = prose.ascii_slug(title)
        # Longer slugs are cut at a hyphen by the reader, which could make two items clash.
        if len(slug) <= 80 and slug not in used:
            used.add(slug)
            return title, slug
        if attempt % 4 == 3:
            fill.update(prose.slots(rng, int(fill["year"])))
    raise RuntimeError("no unique title found")  # pragma: no cover - 40 attempts always suffice


def _event(rng: random.Random, day: dt.date, slug: str, fill: dict[str, str], status: str) -> list[str]:
    kind = rng.choices(
        ("timed", "all-day", "multi-day", "sessions", "timed-multi-day", "repeat"), (30, 15, 20, 20, 10, 5)
    )[0]
    lines = ["event:"]
    start = dt.time(rng.choice((8, 9, 10, 13, 17)), rng.choice((0, 0, 15, 30)))
    begin = dt.datetime.combine(day, start, TIMEZONE)
    if kind in ("timed", "repeat"):
        lines.append(f"  start: {_when(rng, begin, True)}")
        if rng.random() < 0.9:
            lines.append(f"  end: {_when(rng, begin + dt.timedelta(hours=rng.randint(1, 3), minutes=rng.choice((0, 30))), True)}")
        if kind == "repeat":
            lines.append(f"  repeat: {rng.choice(('FREQ=WEEKLY;COUNT=6', 'FREQ=MONTHLY;COUNT=3', 'FREQ=WEEKLY;INTERVAL=2;COUNT=4'))}")
    elif kind == "all-day":
        lines.append(f"  start: {_when(rng, begin, False)}")
    elif kind == "multi-day":
        lines.append(f"  start: {_when(rng, begin, False)}")
        lines.append(f"  end: {_when(rng, begin + dt.timedelta(days=rng.randint(1, 6)), False)}")
    elif kind == "timed-multi-day":
        begin = begin.replace(hour=9, minute=0)
        end = (begin + dt.timedelta(days=rng.randint(1, 3))).replace(hour=16)
        lines += [f"  start: {_when(rng, begin, True)}", f"  end: {_when(rng, end, True)}"]
    else:
        lines.append("  sessions:")
        gap = rng.choice((1, 7, 14))
        for number in range(rng.randint(2, 6)):
            session = begin + dt.timedelta(days=gap * number)
            lines.append(f"    - start: {_when(rng, session, True)}")
            hours = 3 if begin.hour >= 13 else rng.choice((3, 6, 7))
            lines.append(f"      end: {_when(rng, session + dt.timedelta(hours=hours), True)}")
    if rng.random() < 0.05:
        lines.append("  timezone: Europe/Berlin")
    if status != "scheduled" or rng.random() < 0.2:
        lines.append(f"  status: {status}")
    if rng.random() < 0.5:
        lines.append(f"  uid: {uuid.UUID(int=rng.getrandbits(128), version=4)}")
    where = rng.choices(("location", "online", "hybrid"), (70, 15, 15))[0]
    if where != "online":
        lines += _location(rng, fill["city"])
    if where != "location":
        lines.append(f"  online: https://example.org/live/{slug}")
    if rng.random() < 0.5:
        lines += ["  registration:", f"    url: https://example.org/anmeldung/{slug}"]
        if rng.random() < 0.6:
            deadline = begin - dt.timedelta(days=rng.randint(3, 21))
            lines.append(f"    deadline: {_when(rng, deadline, False)}")
    if rng.random() < 0.4:
        lines.append(f"  fee: {_quoted(rng.choice(('kostenfrei', 'siehe Anmeldeseite', 'gefördert')))}")
    if rng.random() < 0.1:
        lines.append("  organizer: QLEE")
    return lines


def _location(rng: random.Random, city: str) -> list[str]:
    lines = ["  location:", f"    name: {_quoted(rng.choice(VENUE_KINDS) + ' ' + city)}"]
    if rng.random() < 0.6:
        lines.append(f"    street: {_quoted(rng.choice(STREETS) + ' ' + str(rng.randint(1, 80)))}")
        lines.append(f"    postal_code: \"0{rng.randint(1000, 3999)}\"")
    lines.append(f"    city: {_quoted(city)}")
    if rng.random() < 0.1:
        lines.append("    country: DE")
    if rng.random() < 0.3:
        lines.append(f"    geo: [{rng.uniform(51.3, 51.9):.4f}, {rng.uniform(13.7, 14.7):.4f}]")
    return lines


def _daytime(rng: random.Random, day: dt.date) -> dt.datetime:
    """Office hours only: never in the hour a DST change skips or repeats."""
    return dt.datetime.combine(day, dt.time(rng.randint(7, 18), rng.randrange(0, 60, 5)), TIMEZONE)


def _tags(rng: random.Random) -> list[str]:
    tags = rng.sample(TAGS, rng.choice((0, 1, 2, 2, 3)))
    if not tags:
        return []
    if rng.random() < 0.6:
        return [f"tags: [{', '.join(tags)}]"]
    return ["tags:", *(f"  - {tag}" for tag in tags)]


def _when(rng: random.Random, moment: dt.datetime, timed: bool) -> str:
    """``moment`` in one of the content model's spellings (a date alone unless ``timed``)."""
    style = rng.choice(("iso", "german", "short"))
    day = {
        "iso": moment.strftime("%Y-%m-%d"),
        "german": moment.strftime("%d.%m.%Y"),
        "short": f"{moment.day}.{moment.month}.{moment.year}",
    }[style]
    if timed:
        variant = rng.random()
        if style == "iso" and variant < 0.15:
            offset = moment.strftime("%z")
            day += moment.strftime("T%H:%M") + offset[:3] + ":" + offset[3:]
        elif style == "iso" and variant < 0.4:
            day += moment.strftime("T%H:%M")
        elif variant < 0.55:
            day += moment.strftime(" %H:%M") + " Uhr"
        elif variant < 0.6:
            day += moment.strftime(" %H:%M:%S")
        else:
            day += moment.strftime(" %H:%M")
    return f'"{day}"' if rng.random() < 0.2 else day


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _page(rng: random.Random, now: dt.datetime, slug: str, title: str) -> str:
    fill = prose.slots(rng, now.year)
    lines = ["---", f"title: {_quoted(title)}", f"slug: {slug}", "---"]
    return "\n".join(lines) + "\n\n" + prose.body(rng, fill, rng.randint(250, 400))


def _png(color: int) -> bytes:
    """A valid 16x16 single-colour PNG (a few dozen bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + color.to_bytes(3, "big") * 16
    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * 16, 9)) + chunk(b"IEND", b"")
