"""`invoke new`: the generated files, their names, and that they pass validation as they are."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from qlee.content import eventblock, fields, fieldspec, frontmatter, unfinished
from tools import scaffold
from tools.checking import check_files
from tools.publish import PLACEHOLDER_MARK, find_placeholders

from conftest import PROJECT, TINY_JPEG, build

BERLIN = ZoneInfo("Europe/Berlin")
# 30 March 2025, 23:30 UTC is already 31 March, 01:30 in Berlin (summer time).
NOW = dt.datetime(2025, 3, 30, 23, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("kind", "folder", "category"),
    [("news", "nachrichten", "Nachrichten"), ("course", "kurse", "Kurse"), ("event", "nachrichten", "Nachrichten")],
)
def test_kind_decides_folder_and_category(tmp_path, kind, folder, category):
    path = scaffold.new_item(tmp_path, "Neuer Beitrag", kind, now=NOW)
    assert path == tmp_path / "content" / folder / "neuer-beitrag.md"
    text = path.read_text(encoding="utf-8")
    assert f"\ncategory: {category}\n" in text
    # The date is "now" in Berlin, written the German way.
    assert "\ndate: 31.03.2025 01:30\n" in text


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Größere Übungen für Ärztinnen", "groessere-uebungen-fuer-aerztinnen"),
        ("Fachexpert:in für Wasserstoffanwendungen 2025", "fachexpert-in-fuer-wasserstoffanwendungen-2025"),
        ("  Straße   der Energie  ", "strasse-der-energie"),
    ],
)
def test_slug_is_german_transliteration(tmp_path, title, slug):
    path = scaffold.new_item(tmp_path, title, "news", now=NOW)
    assert path.name == f"{slug}.md"
    # Written out, so that editing the title later keeps the published address.
    assert re.search(rf"\nslug: {slug} +#", path.read_text(encoding="utf-8"))


def test_event_has_a_fresh_uuid4_uid(tmp_path):
    first = scaffold.new_item(tmp_path, "Erster Termin", "event", now=NOW)
    second = scaffold.new_item(tmp_path, "Zweiter Termin", "event", now=NOW)
    uids = [_uid(first), _uid(second)]
    assert uids[0] != uids[1]
    assert all(uuid.UUID(uid).version == 4 for uid in uids)


def test_news_has_no_event_block(tmp_path):
    text = scaffold.new_item(tmp_path, "Nur eine Nachricht", "news", now=NOW).read_text(encoding="utf-8")
    assert "event:" not in text
    assert PLACEHOLDER_MARK not in text


def test_event_marks_what_only_the_editor_knows(tmp_path):
    text = scaffold.new_item(tmp_path, "Termin", "event", now=NOW).read_text(encoding="utf-8")
    marked = [line.split(":")[0].strip() for line in text.splitlines() if PLACEHOLDER_MARK in line]
    assert marked == ["start", "name", "city"]


def test_never_overwrites(tmp_path):
    path = scaffold.new_item(tmp_path, "Einmalig", "news", now=NOW)
    path.write_text("bearbeitet", encoding="utf-8")
    with pytest.raises(scaffold.ScaffoldRefused, match=r"content/nachrichten/einmalig.md gibt es schon"):
        scaffold.new_item(tmp_path, "Einmalig!", "event", now=NOW)
    assert path.read_text(encoding="utf-8") == "bearbeitet"


@pytest.mark.parametrize(
    ("title", "kind", "message"),
    [
        ("   ", "news", "Der Titel fehlt"),
        ("???", "news", "lässt sich kein Dateiname bilden"),
        ("Gut", "termin", "Unbekannte Art „termin“"),
    ],
)
def test_refuses_unusable_input(tmp_path, title, kind, message):
    with pytest.raises(scaffold.ScaffoldRefused, match=message):
        scaffold.new_item(tmp_path, title, kind, now=NOW)
    assert not (tmp_path / "content").exists() or not any((tmp_path / "content").rglob("*.md"))


@pytest.mark.parametrize("kind", sorted(scaffold.KINDS))
def test_check_refuses_the_generated_file_until_it_is_filled_in(tmp_path, kind):
    title = 'Ein „Titel“: mit # Zeichen, "Anführung" & Doppelpunkt'
    path = scaffold.new_item(_project(tmp_path), title, kind)
    found = check_files(tmp_path / "project", [path])
    assert any("noch der Mustertext von „invoke new“" in message for message in found)
    if scaffold.KINDS[kind].has_event:
        assert any(": start: „start: " in m and "noch der vorläufige Wert" in m for m in found)
    assert len(found) == (2 if scaffold.KINDS[kind].has_event else 1), found
    path.write_text(_filled(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert check_files(tmp_path / "project", [path]) == []


def test_generated_files_build_into_the_site(tmp_path, source_date_epoch):
    project = _project(tmp_path)
    paths = [
        scaffold.new_item(project, f"Beitrag vom Typ {kind}", kind, now=NOW) for kind in sorted(scaffold.KINDS)
    ]
    output = build(project / "content", tmp_path / "output")
    for path in paths:
        category = "kurse" if path.parent.name == "kurse" else "nachrichten"
        page = output / category / path.stem / "index.html"
        assert page.is_file(), page
        assert "Beitrag vom Typ" in page.read_text(encoding="utf-8")


def test_command_line_prints_the_path_and_refuses_in_german(tmp_path):
    project = _project(tmp_path)
    command = [sys.executable, "-m", "tools.scaffold", "Tag der Lausitz", "--type", "event", "--project", str(project)]
    created = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip() == "content/nachrichten/tag-der-lausitz.md"
    again = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
    assert again.returncode == 1
    assert "gibt es schon; sie wird nicht überschrieben" in again.stderr


def test_command_line_refuses_an_unknown_type_in_german(tmp_path):
    project = _project(tmp_path)
    command = [sys.executable, "-m", "tools.scaffold", "Tag der Lausitz", "--type", "termin", "--project", str(project)]
    refused = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
    assert refused.returncode == 1
    assert "Unbekannte Art „termin“. Möglich sind: news, course, event" in refused.stderr
    assert "invalid choice" not in refused.stderr
    assert not any((project / "content").rglob("*.md"))


def test_invoke_new_refuses_an_unknown_type_in_german(tmp_path):
    """What editors type: the task passes --type on, and the answer is German."""
    project = _project(tmp_path)
    shutil.copy2(PROJECT / "tasks.py", project / "tasks.py")
    for part in ("tools", "plugins"):
        shutil.copytree(PROJECT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    invoke = Path(sys.prefix) / "bin" / "invoke"
    refused = subprocess.run([str(invoke), "new", "Gut", "--type", "termin"], cwd=project, capture_output=True, text=True)
    assert refused.returncode == 1
    assert "Unbekannte Art „termin“. Möglich sind: news, course, event" in refused.stderr
    assert not any((project / "content").rglob("*.md"))


@pytest.mark.parametrize("kind", sorted(scaffold.KINDS))
def test_every_field_of_the_content_model_is_offered_with_a_note(tmp_path, kind):
    text = scaffold.new_item(tmp_path, "Alle Angaben", kind, now=NOW).read_text(encoding="utf-8")
    offered = frontmatter.split(_uncommented(text, _optional_blocks(text)))
    written = {re.sub(r"\[\d+\]", "", path) for path in offered.lines}
    expected = {key for key in fields.ARTICLE_FIELDS if key != "event"} | {f"image.{key}" for key in fieldspec.IMAGE.keys}
    if scaffold.KINDS[kind].has_event:
        expected |= {"event", *(f"event.{key}" for key in eventblock.EVENT_KEYS)}
        expected |= {f"event.location.{key}" for key in eventblock.LOCATION_KEYS}
        expected |= {f"event.registration.{key}" for key in eventblock.REGISTRATION_KEYS}
        expected |= {f"event.sessions.{key}" for key in eventblock.SESSION_KEYS}
    assert written == expected
    # Every optional field comes with a German note after its example (session items excepted).
    lines = text.splitlines()
    for path, number in offered.lines.items():
        line = lines[number - 1]
        if line.lstrip().startswith("#") and ".sessions[" not in path:
            assert re.search(r"\S +# \S", line), f"{path} has no note: {line!r}"


@pytest.mark.parametrize("kind", sorted(scaffold.KINDS))
def test_each_optional_field_is_valid_once_uncommented(tmp_path, kind):
    project = _project(tmp_path)
    (project / "content" / "bilder").mkdir()
    (project / "content" / "bilder" / "foto.jpg").write_bytes(TINY_JPEG)
    path = scaffold.new_item(project, "Beispiel", kind)
    text = path.read_text(encoding="utf-8")
    blocks = _optional_blocks(text)
    assert len(blocks) >= (16 if scaffold.KINDS[kind].has_event else 6)
    keys = {block: text.splitlines()[block[0]].split("#", 1)[1].split(":")[0].strip() for block in blocks}
    # `except` names a meeting of a repeat (or of sessions): uncommented with `repeat`.
    repeat = [block for block in blocks if keys[block] == "repeat"]
    for block in blocks:
        uncommented = _uncommented(text, [block] + (repeat if keys[block] == "except" else []))
        # A sample left as it is (a date, an example.org address) is refused; nothing else is wrong.
        path.write_text(uncommented, encoding="utf-8")
        left = ("noch der vorläufige Wert", "noch der Mustertext", "Die Angabe ist leer")
        assert all(any(why in m for why in left) for m in check_files(project, [path])), f"uncommented: {block}"
        path.write_text(_filled(uncommented), encoding="utf-8")
        assert check_files(project, [path]) == [], f"uncommented: {block}"
    # All at once, but `sessions` and `repeat` exclude each other, and sessions replace `end`.
    for left_out in ({"sessions"}, {"repeat", "end"}):
        chosen = [block for block in blocks if keys[block] not in left_out]
        path.write_text(_filled(_uncommented(text, chosen)), encoding="utf-8")
        assert check_files(project, [path]) == [], f"everything but {left_out}"


def test_the_modified_line_carries_no_stale_time(tmp_path):
    text = scaffold.new_item(tmp_path, "Absage", "event", now=NOW).read_text(encoding="utf-8")
    [line] = [line for line in text.splitlines() if line.startswith("# modified:")]
    assert not re.search(r"\d", line), line


@pytest.mark.parametrize(
    "now",
    [
        dt.datetime(2025, 3, 31, 21, 30, tzinfo=BERLIN),  # an evening: 09:00 today would be past
        dt.datetime(2025, 3, 2, 0, 5, tzinfo=BERLIN),  # four weeks later is the day summer time starts
        dt.datetime(2025, 12, 31, 23, 59, tzinfo=BERLIN),
    ],
)
def test_provisional_start_is_the_same_weekday_four_weeks_ahead_at_ten(now):
    start = scaffold.provisional_start(now)
    assert start.weekday() == now.weekday()
    assert (start.date() - now.date()).days == 28
    assert (start.hour, start.minute) == (10, 0)
    assert start.utcoffset() == start.astimezone(BERLIN).utcoffset()


def test_a_fresh_event_is_upcoming_in_the_preview_even_in_the_evening(tmp_path, source_date_epoch):
    evening = dt.datetime(2025, 3, 31, 21, 30, tzinfo=BERLIN)
    source_date_epoch(str(int(evening.timestamp())))
    project = _project(tmp_path)
    path = scaffold.new_item(project, "Tag der offenen Tür", "event", now=evening)
    assert "\n  start: 28.04.2025 10:00 " in path.read_text(encoding="utf-8")
    output = build(project / "content", tmp_path / "output")
    link = 'href="/nachrichten/tag-der-offenen-tuer/"'
    assert link in (output / "veranstaltungen" / "index.html").read_text(encoding="utf-8")
    assert link not in (output / "veranstaltungen" / "archiv" / "index.html").read_text(encoding="utf-8")


def test_publish_refuses_the_provisional_start_until_its_marker_is_deleted(tmp_path):
    project = _project(tmp_path)
    path = scaffold.new_item(project, "Tag der offenen Tür", "event", now=NOW)
    site = tmp_path / "site"
    site.mkdir()
    text = path.read_text(encoding="utf-8")
    start_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("  start:"))
    assert f"content/nachrichten/tag-der-offenen-tuer.md:{start_line}" in find_placeholders(project, site)
    # The editor puts in the real start and place, and deletes the note behind the start.
    text = re.sub(r"(?m)^  start: .*$", "  start: 05.05.2025 09:30", text)
    text = text.replace('"[PLATZHALTER: Veranstaltungsort]"', "Saal im Beispielhaus")
    text = text.replace('"[PLATZHALTER: Ort]"', "Musterstadt")
    path.write_text(text.replace(unfinished.BODY_EVENT, "Eigener Text."), encoding="utf-8")
    assert find_placeholders(project, site) == []
    assert check_files(project, [path]) == []


def _filled(text: str) -> str:
    """``text`` as an editor leaves it: own body, real start, samples replaced, notes deleted."""
    text = re.sub(r"(?m)^(  start: \S+ \S+) .*$", r"\1", text)
    text = text.replace(unfinished.SAMPLE_MARK, "").replace("https://example.org/", "https://www.qlee.de/")
    date = re.search(r"(?m)^date: (.*)$", text)[1]
    text = re.sub(r"(?m)^modified:.*$", f"modified: {date}", text)
    return text.replace(unfinished.BODY_EVENT, "Eigener Text.").replace(unfinished.BODY_NEWS, "Eigener Text.")


def _optional_blocks(text: str) -> list[tuple[int, int]]:
    """(first, last) line index of each commented-out field, with the lines that belong to it."""
    lines = text.splitlines()
    blocks = []
    for index, line in enumerate(lines):
        match = COMMENTED_FIELD.match(line)
        if not match:
            continue
        level = len(match["indent"]) + len(match["inner"])
        last = index
        while last + 1 < len(lines) and (inner := COMMENTED.match(lines[last + 1])) and _level(inner) > level:
            last += 1
        blocks.append((index, last))
    # Keys inside a block (image.src, sessions items) are not blocks of their own.
    return [b for b in blocks if not any(o[0] < b[0] <= o[1] for o in blocks)]


def _uncommented(text: str, blocks) -> str:
    """``text`` with the ``# `` removed from the lines of ``blocks``."""
    lines = text.splitlines()
    for first, last in blocks:
        for index in range(first, last + 1):
            lines[index] = COMMENTED.sub(r"\g<indent>\g<inner>", lines[index], count=1)
    return "\n".join(lines) + "\n"


COMMENTED = re.compile(r"^(?P<indent> *)# (?P<inner> *)")
COMMENTED_FIELD = re.compile(r"^(?P<indent> *)# (?P<inner> *)[a-z_]+:")


def _level(match: re.Match) -> int:
    return len(match["indent"]) + len(match["inner"])


def _project(tmp_path):
    """An empty project: the real settings file next to an empty content folder."""
    project = tmp_path / "project"
    (project / "content" / "pages").mkdir(parents=True)
    (project / "pelicanconf.py").write_text((PROJECT / "pelicanconf.py").read_text(encoding="utf-8"), encoding="utf-8")
    return project


def _uid(path):
    return next(line.split()[1] for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith("uid:"))
