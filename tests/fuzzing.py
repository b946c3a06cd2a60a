"""Hostile content files and the invariants every build must keep, for tests/test_fuzz.py and `invoke fuzz`.

A generated site holds a few mutations of valid files: any field replaced by a
hostile value (control characters, long texts, HTML, script URLs, YAML tags and
aliases, random dates and repeat rules), line ends changed, hostile Markdown
and HTML appended to the body. :func:`verdict` checks it with ``invoke check``
and builds it with Pelican in this process, then returns every invariant that
did not hold (an empty list when all did).
"""

from __future__ import annotations

import collections
import html.parser
import json
import re
import shutil
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from hypothesis import strategies as st
from icalendar import Calendar

from qlee import cli
from qlee.content import crossfile, fields, frontmatter
from qlee.errors import ContentInvalid

from conftest import PROJECT, TINY_JPEG, build

# Per generated file: more would mean the output grows with something other than the content.
MAX_SECONDS_PER_FILE = 10
MAX_BYTES_PER_FILE = 5_000_000
MAX_OUTPUT_FILES = 400  # the empty site writes about 30; a file may add month pages of one year or two

INVARIANTS = (
    "no traceback from check",
    "no traceback from the build",
    "check and build name the same files",
    "every valid file is in the output",
    "no script-capable markup in the output",
    "Atom well-formed",
    "iCal readable",
    "bounded time and output",
)
STATS: collections.Counter[str] = collections.Counter()

ARTICLE = """---
title: Infoabend Wasserstoff
date: 02.12.2024
category: Nachrichten
tags: [Wasserstoff, IHK]
summary: Ein Abend zu Elektrolyse.
slug: infoabend
image:
  src: bilder/foto.jpg
  alt: Ein Elektrolyseur
event:
  start: 03.03.2025 18:00
  end: 03.03.2025 20:00
  location:
    name: Stadthalle
    city: Cottbus
  registration:
    url: https://anmeldung.example/x
    deadline: 24.02.2025
  repeat: FREQ=WEEKLY;COUNT=3
---
Ein Text mit [Link](https://example.org/) und **fett**.
"""

PAGE = """---
title: Über uns
slug: ueber-uns
---
Ein Text über uns.
"""

FIELDS = [
    "title", "date", "modified", "category", "tags", "summary", "slug", "status", "author",
    "image.src", "image.alt", "event.start", "event.end", "event.status", "event.location.name",
    "event.location.city", "event.location.postal_code", "event.online", "event.registration.url",
    "event.registration.deadline", "event.repeat", "event.fee", "event.uid", "event.timezone",
    "save_as", "url", "template",
]  # fmt: skip

_HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", '"><svg onload=alert(1)>',
    "https://example.org/\"onmouseover=\"alert(1)", "x" * 300, "ä" * 200, "a-" * 150,
    "\x00", "\x0b", "\ufffe", "\uffff", "\U0010ffff", "\x85", "\u2028", "\r\n", "{{ 7*7 }}", "{% raw %}",
    "!!python/object/apply:os.system ['true']", "&a [1, 2]", "*a", "!binary aGk=", "~", "null", "[]", "{}",
    "31.12.2099", "29.02.2023", "01.01.0001", "9999-12-31 23:59", "2024-13-01", "24:00", "12.12.1989",
    "FREQ=YEARLY;INTERVAL=100;COUNT=80", "FREQ=YEARLY;INTERVAL=20;COUNT=366", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3",
    "FREQ=DAILY;COUNT=400", "FREQ=MONTHLY;BYDAY=5FR;COUNT=5", "FREQ=WEEKLY;UNTIL=2099-12-31", "FREQ=SECONDLY;COUNT=2",
    "FREQ=WEEKLY;BYSETPOS=9;BYDAY=MO;COUNT=2", "tags", "page", "kalender/x.html", "veranstaltungen/", "../x.html",
    "Europe/Berlin", "Mars/Olympus", "cancelled", "draft", "hidden",
]  # fmt: skip

_BODY_HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>", "<!--\n\n| a | b |\n|---|---|\n| <script>x</script> | 1 |\n",
    "<iframe src=https://evil.example/></iframe>", "<svg><script>alert(1)</script></svg>",
    "![x](https://evil.example/t.png)", "<style>body{background:url(https://evil.example/)}</style>",
    "<p onclick=alert(1)>x</p>", "<form action=https://evil.example/><input></form>", "\x00", "\ufffe",
    "[x]: javascript:alert(1)\n\n[y][x]", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "> " * 30 + "x",
    "[" * 60, "```\n<script>alert(1)</script>\n```", "<base href=https://evil.example/>",
    "[Link]({filename}/nachrichten/fehlt.md)", "{: onclick=alert(1) }",
]  # fmt: skip

values = st.one_of(
    st.sampled_from(_HOSTILE),
    st.text(max_size=40),
    st.builds("".join, st.lists(st.sampled_from(_HOSTILE + ["x", " ", "-", ":"]), max_size=4)),
)


@st.composite
def content_file(draw) -> tuple[str, str]:
    """(path under content/, text): a valid file with a few hostile changes."""
    page = draw(st.integers(0, 3)) == 0
    text = PAGE if page else ARTICLE
    for _ in range(draw(st.integers(0, 3))):
        text = _replace(text, draw(st.sampled_from(FIELDS)), draw(values), draw(st.sampled_from(["raw", "json"])))
    for _ in range(draw(st.integers(0, 2))):
        text += "\n" + draw(st.one_of(st.sampled_from(_BODY_HOSTILE), st.text(max_size=30))) + "\n"
    ending = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text = text.replace("\n", ending)
    folder = "pages" if page else draw(st.sampled_from(["nachrichten", "kurse"]))
    return f"{folder}/datei-{draw(st.integers(0, 99))}.md", text


sites = st.lists(content_file(), min_size=1, max_size=3, unique_by=lambda pair: pair[0]).map(dict)


def _replace(text: str, field: str, value: str, style: str) -> str:
    """``text`` with ``field`` (dotted) set to ``value``: written as is, or JSON-quoted (YAML reads JSON strings)."""
    written = json.dumps(value) if style == "json" else value
    name = field.rsplit(".", 1)[-1]
    depth = field.count(".")
    pattern = re.compile(rf"^({'  ' * depth}{re.escape(name)}:)[^\n]*$", re.M)
    if pattern.search(text):
        return pattern.sub(lambda match: f"{match[1]} {written}", text, count=1)
    closing = text.index("\n---", 3)  # a field the file lacks goes to the end of the front matter
    return f"{text[:closing]}\n{name}: {written}{text[closing:]}"


def verdict(site: dict[str, str], root: Path) -> list[str]:
    """Writes ``site`` under ``root``, checks and builds it; the invariants that did not hold."""
    shutil.rmtree(root, ignore_errors=True)
    content = root / "content"
    (content / "bilder").mkdir(parents=True)
    (content / "bilder" / "foto.jpg").write_bytes(TINY_JPEG)
    for path, text in site.items():
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_bytes(text.encode("utf-8", "surrogatepass"))
    STATS["files tried"] += len(site)
    failed: list[str] = []
    settings = cli.load_settings(PROJECT / "pelicanconf.py", content)
    try:
        checked = {error.path for error in crossfile.check_content(content, settings)}
    except Exception as error:
        failed.append(f"no traceback from check: {error!r}")
        checked = None
    output = root / "output"
    started = time.perf_counter()
    try:
        build(content, output)
        built: set[str] = set()
    except ContentInvalid as invalid:
        built = {error.path for error in invalid.errors}
    except Exception as error:
        failed.append(f"no traceback from the build: {error!r}")
        built = None  # type: ignore[assignment]
    seconds = time.perf_counter() - started
    if checked is not None and built is not None and checked != built:
        failed.append(f"check and build name the same files: check {sorted(checked)}, build {sorted(built)}")
    if built == set():
        STATS["sites built"] += 1
        failed += _output_problems(content, output, settings, site)
    written = [path for path in output.rglob("*") if path.is_file()] if output.exists() else []
    size = sum(path.stat().st_size for path in written)
    if seconds > MAX_SECONDS_PER_FILE * len(site) or size > MAX_BYTES_PER_FILE * len(site) or len(written) > MAX_OUTPUT_FILES:
        failed.append(f"bounded time and output: {seconds:.1f} s, {len(written)} files, {size} bytes")
    for problem in failed:
        STATS[problem.split(":", 1)[0]] += 1
    return failed


def _output_problems(content: Path, output: Path, settings, site: dict[str, str]) -> list[str]:
    problems = []
    for path, text in site.items():
        matter = frontmatter.split(text)
        kind = crossfile.kind_of(path, settings)
        values, _ = fields.item_metadata(matter, source=path, is_page=kind == "page", settings=settings)
        placed = crossfile.place(f"content/{path}", kind, values, matter.lines, settings)
        if not (output / placed.save_as).is_file():
            problems.append(f"every valid file is in the output: {path} -> {placed.save_as} missing")
    for page in output.rglob("*.html"):
        problems += [f"no script-capable markup in the output: {page.relative_to(output)}: {found}" for found in _scripting(page.read_text())]
    for feed in output.rglob("*.atom.xml"):
        try:
            tree = ElementTree.parse(feed)
        except ElementTree.ParseError as error:
            problems.append(f"Atom well-formed: {feed.name}: {error}")
            continue
        for element in tree.iter():
            if element.tag.endswith(("}content", "}summary")) and element.text:
                problems += [f"no script-capable markup in the output: {feed.name}: {found}" for found in _scripting(element.text)]
    for ics in output.rglob("*.ics"):
        try:
            Calendar.from_ical(ics.read_bytes())
        except Exception as error:
            problems.append(f"iCal readable: {ics.name}: {error!r}")
    return problems


# The theme's own scripts: files under theme/ and JSON-LD data, which runs nothing.
# The theme's own scripts, and the search interface the build writes (pagefind/, only on /suche/).
_THEME_SCRIPT = re.compile(r"^(?:https?://[^/]+)?/?(?:theme|pagefind)/")


# Attributes whose value the browser follows or loads as an address.
_URL_ATTRIBUTES = frozenset(["href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background", "cite"])


class _Scripting(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type") != "application/ld+json" and not _THEME_SCRIPT.match(attributes.get("src") or ""):
            self.found.append(f"<script {attributes}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            squeezed = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in _URL_ATTRIBUTES and squeezed.startswith(("javascript:", "vbscript:", "data:text")):
                self.found.append(f"<{tag} {name}={value!r}>")


def _scripting(markup: str) -> list[str]:
    parser = _Scripting()
    parser.feed(markup)
    parser.close()
    return parser.found
