"""`invoke new`: the generated files, their names, and that they pass validation as they are."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import uuid
from zoneinfo import ZoneInfo

import pytest

from conftest import PROJECT, build
from tools import scaffold
from tools.checking import check_files
from tools.publish import PLACEHOLDER_MARK

BERLIN = ZoneInfo("Europe/Berlin")
# 30 March 2025, 23:30 UTC is already 31 March, 01:30 in Berlin (summer time).
NOW = dt.datetime(2025, 3, 30, 23, 30, tzinfo=dt.timezone.utc)


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
def test_generated_file_passes_the_check_as_is(tmp_path, kind):
    title = 'Ein „Titel“: mit # Zeichen, "Anführung" & Doppelpunkt'
    path = scaffold.new_item(_project(tmp_path), title, kind)
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


def _project(tmp_path):
    """An empty project: the real settings file next to an empty content folder."""
    project = tmp_path / "project"
    (project / "content" / "pages").mkdir(parents=True)
    (project / "pelicanconf.py").write_text((PROJECT / "pelicanconf.py").read_text(encoding="utf-8"), encoding="utf-8")
    return project


def _uid(path):
    return next(line.split()[1] for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith("uid:"))
