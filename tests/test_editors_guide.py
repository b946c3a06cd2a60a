"""Every example in the editors' guide goes through the real validator.

The guide is two files: the quick start docs/redaktion.md and the reference
docs/redaktion-referenz.md; both are checked alike.

Fences, as the guide's maintainer note says:

- ```yaml: front matter, complete (between ``---`` lines) or a fragment; a
  fragment gets ``title``, ``date`` and ``category`` added where it has none
  (a page only ``title``). It must be valid.
- ```markdown: a whole content file. It must be valid.
- Either may name its path (```markdown content/pages/x.md); the default is
  content/nachrichten/beispiel.md.
- ```<kind> fehler <path>: a broken file, checked as ``<path>``; the messages
  must be exactly the lines of the ```text block that follows it.
- ```text blocks that start with ``$ python3 run.py new`` are that command's
  real output, run in a copy of the project.

Texts of the site that the guide quotes (the registration row, the calendar
links, the subscribe box) are compared with a real build.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import run
import tasks
from qlee import cli
from qlee.buildtime import build_time
from qlee.content import crossfile, eventblock, fields, fieldspec, frontmatter, unfinished
from qlee.events.model import EventStatus
from tools import preview, scaffold

from conftest import PROJECT, TINY_JPEG, build
from html_tree import parse_file

QUICK_START = PROJECT / "docs" / "redaktion.md"
REFERENCE = PROJECT / "docs" / "redaktion-referenz.md"
GUIDES = (QUICK_START, REFERENCE)
QUICK_START_LINES = 200
FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
DEFAULT_PATH = "content/nachrichten/beispiel.md"
FRAGMENT_DEFAULTS = {"title": "Beispiel", "date": "15.01.2024", "category": "Nachrichten"}
PAGE_DEFAULTS = {"title": "Beispiel"}
# Files the guide's examples link to; the maintainer note lists them.
SITE_FILES = {
    "content/pages/impressum.md": "---\ntitle: Impressum\nslug: impressum\n---\n\nText.\n",
    "content/bilder/zertifikate.jpg": TINY_JPEG,
    "content/bilder/foto.jpg": b"\xff\xd8\xff\xd9",
    "content/bilder/programm.pdf": b"%PDF-1.4\n%%EOF\n",
}


@dataclasses.dataclass(frozen=True)
class Block:
    info: str
    body: str
    file: str
    line: int  # of the opening fence, for failure messages

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def words(self) -> list[str]:
        return self.info.split()

    @property
    def broken(self) -> bool:
        return self.words[1:2] == ["fehler"]

    @property
    def path(self) -> str:
        """Where the example is checked: the path after the kind (and ``fehler``), else the default."""
        rest = self.words[2:] if self.broken else self.words[1:]
        return rest[0] if rest else DEFAULT_PATH


def guide_text() -> str:
    """Both files of the guide, one after the other."""
    return "\n".join(path.read_text(encoding="utf-8") for path in GUIDES)


def _blocks() -> list[Block]:
    blocks = []
    for path in GUIDES:
        text = path.read_text(encoding="utf-8")
        blocks += [
            Block(match["info"].strip(), match["body"], path.name, text.count("\n", 0, match.start()) + 1)
            for match in FENCE.finditer(text)
        ]
    return blocks


BLOCKS = _blocks()
VALID = [block for block in BLOCKS if block.words[:1] in (["yaml"], ["markdown"]) and not block.broken]
BROKEN = [(block, BLOCKS[index + 1]) for index, block in enumerate(BLOCKS) if block.broken]
RUN_NEW = [block for block in BLOCKS if block.info == "text" and block.body.startswith("$ python3 run.py new ")]


def as_file(block: Block) -> str:
    """The block as a content file; a fragment gets the required fields it lacks."""
    if block.body.startswith("---\n"):
        return block.body
    defaults = PAGE_DEFAULTS if block.path.startswith("content/pages/") else FRAGMENT_DEFAULTS
    own = {line.split(":", 1)[0] for line in block.body.splitlines() if re.match(r"^[a-z_]+:", line)}
    added = "".join(f"{key}: {value}\n" for key, value in defaults.items() if key not in own)
    return f"---\n{added}{block.body}---\n\nText.\n"


def validate(tmp_path: Path, relative: str, text: str) -> list[str]:
    """The checker's messages for ``text`` saved as ``relative`` in a site of SITE_FILES."""
    content = tmp_path / "content"
    for folder in ("nachrichten", "kurse", "pages", "bilder"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    for name, data in SITE_FILES.items():
        path = tmp_path / name
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
    (tmp_path / relative).write_text(text, encoding="utf-8")
    settings = cli.load_settings(PROJECT / "pelicanconf.py", content)
    return [str(error) for error in crossfile.check_content(content, settings)]


def test_the_guide_has_examples_of_both_kinds():
    assert len(VALID) >= 35
    assert len(BROKEN) >= 12
    assert all(block.path.startswith("content/") for block, _ in BROKEN)
    assert {block.words[0] for block, _ in BROKEN} >= {"yaml", "markdown", "html"}


@pytest.mark.parametrize("block", VALID, ids=lambda block: block.id)
def test_example_is_valid(tmp_path, source_date_epoch, block):
    assert validate(tmp_path, block.path, as_file(block)) == []


@pytest.mark.parametrize(("block", "expected"), BROKEN, ids=lambda block: getattr(block, "id", ""))
def test_wrong_example_fails_with_the_documented_messages(tmp_path, source_date_epoch, block, expected):
    assert expected.info == "text", f"a ```text block with the messages must follow line {block.line}"
    if block.words[0] in ("yaml", "markdown"):
        assert block.body.startswith("---\n"), "wrong examples are whole files, so line numbers are exact"
    assert validate(tmp_path, block.path, block.body) == expected.body.splitlines()


def test_every_field_has_a_valid_example():
    written = set()
    for block in VALID:
        matter = frontmatter.split(as_file(block))
        written |= {re.sub(r"\[\d+\]", "", path) for path in matter.lines}
    expected = set(fields.ARTICLE_FIELDS)
    expected |= {f"image.{key}" for key in fieldspec.IMAGE.keys}
    expected |= {f"event.{key}" for key in eventblock.EVENT_KEYS}
    expected |= {f"event.location.{key}" for key in eventblock.LOCATION_KEYS}
    expected |= {f"event.registration.{key}" for key in eventblock.REGISTRATION_KEYS}
    expected |= {f"event.sessions.{key}" for key in eventblock.SESSION_KEYS}
    assert expected - written == set()


def test_every_event_status_is_explained():
    text = guide_text()
    for status in EventStatus:
        assert f"`{status.value}`" in text, status
        assert not status.label or f"„{status.label}“" in text, status


def test_commands_in_the_guide_exist():
    text = guide_text()
    used = set(re.findall(r"python3 run\.py (\w+)", text))
    assert used >= {"build", "new", "serve", "check", "publish", "hooks"}
    defined = {getattr(task, "name", None) for task in vars(tasks).values()}
    assert used <= defined


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors_of(path: Path) -> set[str]:
    outside_code = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {github_anchor(h) for h in re.findall(r"^#{2,4} (.+)$", outside_code, re.MULTILINE)}


def test_links_within_the_guide_lead_to_headings():
    outside_code = FENCE.sub("", REFERENCE.read_text(encoding="utf-8"))
    anchors = anchors_of(REFERENCE)
    links = re.findall(r"\]\(#([^)]+)\)", outside_code)
    assert len(links) >= 17  # the table of contents at least
    assert set(links) - anchors == set()
    contents = re.findall(r"^\d+\. \[.+?\]\(#([^)]+)\)$", outside_code, re.MULTILINE)
    assert contents == [github_anchor(h) for h in re.findall(r"^## (.+)$", outside_code, re.MULTILINE)[1:]]


def test_quick_start_links_lead_to_headings_of_both_files():
    outside_code = FENCE.sub("", QUICK_START.read_text(encoding="utf-8"))
    links = re.findall(r"\]\(((?:redaktion-referenz\.md|redaktion\.md)?)(?:#([^)]+))?\)", outside_code)
    assert len(links) >= 6
    for file, anchor in links:
        target = REFERENCE if file == REFERENCE.name else QUICK_START
        assert not anchor or anchor in anchors_of(target), (file, anchor)
    assert f"]({QUICK_START.name})" in REFERENCE.read_text(encoding="utf-8")


def test_quick_start_is_short_and_covers_the_everyday_flow():
    text = QUICK_START.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= QUICK_START_LINES
    headings = " ".join(re.findall(r"^## (.+)$", FENCE.sub("", text), re.MULTILINE))
    for topic in ("Nachricht", "Kurs mit mehreren Terminen", "Absagen", "verschieben", "Bild", "Vorschau"):
        assert topic in headings, topic
    for words in ("git pull", "Konflikt", "[PLATZHALTER", "nächtlichen Lauf", "repeat: wöchentlich", "`cancelled`", "`postponed`"):
        assert words in text, words
    quick = [block for block in VALID if block.file == QUICK_START.name]
    assert {block.words[0] for block in quick} == {"yaml", "markdown"}
    assert {block.path.split("/")[1] for block in quick} >= {"nachrichten", "kurse"}


# --- what editors see in the terminal ---------------------------------------------------


@pytest.fixture
def clone(tmp_path):
    """A copy of the project as `git clone` gives it, with a ready .venv: run.py installs nothing."""
    root = tmp_path / "qlee-website"
    root.mkdir()
    for part in ("run.py", "tasks.py", "pelicanconf.py", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(PROJECT / part, root / part)
    for part in ("tools", "plugins"):
        shutil.copytree(PROJECT / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "content").mkdir()
    venv_bin = root / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    for program in ("python", "invoke"):
        (venv_bin / program).symlink_to(Path(sys.prefix) / "bin" / program)
    # run.py's own stamp of the installed requirements: present and current, so it goes straight on.
    stamp = root / ".venv" / f"{run.STAMP_PREFIX}{run.REQUIREMENTS}.sha256"
    stamp.write_text(run.file_hash(root / run.REQUIREMENTS) + "\n")
    return root


@pytest.mark.parametrize("block", RUN_NEW, ids=lambda block: block.id)
def test_run_new_prints_what_the_guide_shows(clone, block):
    command, *shown = block.body.splitlines()
    argv = shlex.split(command.removeprefix("$ python3 "))
    said = subprocess.run([sys.executable, *argv], cwd=clone, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert said.stdout.splitlines() == shown


def test_both_outcomes_of_run_new_are_shown():
    assert len(RUN_NEW) == 2
    assert any(block.body.rstrip().endswith(".md") for block in RUN_NEW)
    assert any("Unbekannte Art" in block.body for block in RUN_NEW)


def test_preview_messages_are_quoted_as_printed():
    text = guide_text()
    assert preview.FAILED in text
    assert f"„{preview.UPDATED}“" in text


def test_preview_output_is_quoted_as_printed(tmp_path, source_date_epoch, capfd):
    """The guide's preview block, line for line: a file from `new`, its text written and a wrong start typed in."""
    path = scaffold.new_item(tmp_path, "Tag der offenen Tür", "event", now=build_time())  # written at the build time
    text = re.sub(r"(?m)^  start: .*$", "  start: 31.11.2026 10:00", path.read_text(encoding="utf-8"))
    text = text.replace(unfinished.BODY_EVENT, "Am Tag der offenen Tür zeigen wir unsere Werkstätten.")
    path.write_text(text, encoding="utf-8")
    (tmp_path / "content" / "pages").mkdir()
    said = []
    assert not preview.rebuild(tmp_path / "content", tmp_path / "output", PROJECT / "pelicanconf.py", echo=said.append)
    printed = capfd.readouterr()
    shown = [block for block in BLOCKS if block.info == "text" and preview.FAILED in block.body]
    assert len(shown) == 1
    assert printed.err.splitlines() + said == shown[0].body.splitlines()


def test_preview_error_example_is_what_a_new_event_file_gives(tmp_path, source_date_epoch):
    """The guide's preview example: a file from `new`, its text written and a wrong start date typed in."""
    path = scaffold.new_item(tmp_path, "Tag der offenen Tür", "event", now=build_time())  # written at the build time
    text = re.sub(r"(?m)^  start: .*$", "  start: 31.11.2026 10:00", path.read_text(encoding="utf-8"))
    text = text.replace(unfinished.BODY_EVENT, "Am Tag der offenen Tür zeigen wir unsere Werkstätten.")
    messages = validate(tmp_path, path.relative_to(tmp_path).as_posix(), text)
    assert len(messages) == 1
    assert f"\n{messages[0]}\n" in guide_text()


# --- what readers see on the site -------------------------------------------------------

EVENT = """---
title: {slug}
date: 01.01.2030
{modified}category: Nachrichten
slug: {slug}
event:
  start: 14.02.2030 18:00
  status: {status}
  online: https://example.org/stream
  registration:
    url: https://example.org/anmeldung
    deadline: {deadline}
---

Text.
"""
# Built on 10 February 2030, 12:00 UTC: before the start, between the two deadlines below.
BUILT_ON = "1896955200"
STATES = {
    "offen": ("scheduled", "12.02.2030"),
    "geschlossen": ("scheduled", "07.02.2030"),
    "abgesagt": ("cancelled", "07.02.2030"),
    "verschoben": ("postponed", "07.02.2030"),
    "ausgebucht": ("full", "07.02.2030"),
}


@pytest.fixture(scope="module")
def event_site(tmp_path_factory):
    """A published build (absolute SITEURL) with one event in each registration state."""
    root = tmp_path_factory.mktemp("guide-site")
    for folder in ("nachrichten", "kurse", "pages"):
        (root / "content" / folder).mkdir(parents=True)
    for slug, (status, deadline) in STATES.items():
        modified = "modified: 05.02.2030\n" if status in ("cancelled", "postponed") else ""
        text = EVENT.format(slug=slug, status=status, deadline=deadline, modified=modified)
        (root / "content" / "nachrichten" / f"{slug}.md").write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILT_ON)
        site = "https://www.example.org"
        return build(root / "content", root / "output", SITEURL=site, FEED_DOMAIN=site)


def prose() -> str:
    """The guide with line breaks as spaces, so a quote wrapped across two lines is found."""
    return " ".join(guide_text().split())


def _event_box(site: Path, slug: str):
    box = parse_file(site / "nachrichten" / slug / "index.html").find("section", class_="event-box")
    assert box is not None
    return box


@pytest.mark.parametrize("slug", STATES)
def test_registration_row_is_quoted_as_the_site_shows_it(event_site, slug):
    guide = prose()
    box = _event_box(event_site, slug)
    terms = [term.text() for term in box.find_all("dt")]
    row = box.find_all("dd")[terms.index("Anmeldung")]
    assert "„Anmeldung“" in guide
    if slug == "offen":
        assert f"„{row.find('a', class_='button').text()}“" in guide
        assert row.text().split("Anmeldeschluss:")[1].strip() and "„Anmeldeschluss: …“" in guide
    else:
        assert f"„{row.text()}“" in guide


def test_event_box_headings_and_calendar_links_are_quoted(event_site):
    guide = prose()
    box = _event_box(event_site, "abgesagt")
    heading = box.find("h2")
    assert heading.text() == "Veranstaltung abgesagt" and "„Veranstaltung“" in guide
    add = box.find("div", class_="event-box__add")
    assert f"„{add.find('h3').text()}“" in guide
    for link in add.find_all("a"):
        assert f"„{link.text()}“" in guide


def test_subscribe_box_is_quoted_as_the_site_shows_it(event_site):
    guide = prose()
    box = parse_file(event_site / "veranstaltungen" / "index.html").find("section", class_="subscribe")
    assert f"„{box.find('h2').text()}“" in guide
    links = box.find("ul", class_="subscribe__links").find_all("a")
    assert [link.attrs["href"].split(":", 1)[0] for link in links] == ["webcal", "https", "https"]
    for link in links:
        assert f"„{link.text()}“" in guide
    rubrics = [link.attrs["href"] for link in box.find("ul", class_="subscribe__rubrics").find_all("a")]
    assert "https://www.example.org/kalender/kurse.ics" in rubrics and "`https://…/kalender/kurse.ics`" in guide
