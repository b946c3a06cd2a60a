"""``invoke check``: all content validated without rendering, with exit code and JSON."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from qlee.cli import load_settings, main
from qlee.content import crossfile
from qlee.content.crossfile import check_content

from conftest import FIXTURES, PROJECT

LINE = re.compile(r"^content/[\w/.-]+\.md:\d+: (?:[\w.\[\]]+: )?\S.*$")


def errors_of(content: Path) -> list[tuple[str, int, str]]:
    settings = load_settings(PROJECT / "pelicanconf.py", content)
    return [(e.path, e.line, e.field) for e in check_content(content, settings)]


@pytest.fixture
def site(tmp_path, source_date_epoch):
    """An empty, writable content folder with the project's folders."""
    content = tmp_path / "content"
    for folder in ("nachrichten", "kurse", "pages", "bilder"):
        (content / folder).mkdir(parents=True)
    return content


def test_broken_fields(source_date_epoch):
    assert errors_of(FIXTURES / "broken_fields" / "content") == [
        ("content/kurse/kategorie.md", 4, "category"),
        ("content/kurse/kategorie.md", 5, "tags[1]"),
        ("content/kurse/kategorie.md", 6, "status"),
        ("content/kurse/termin.md", 6, "event.start"),
        ("content/nachrichten/landtag.md", 3, "date"),
        ("content/nachrichten/titel.md", 2, "titel"),
        ("content/pages/ueber.md", 3, "category"),
    ]


def test_broken_files(source_date_epoch):
    assert errors_of(FIXTURES / "broken_files" / "content") == [
        ("content/entwuerfe/verirrt.md", 1, ""),
        ("content/nachrichten/alias.md", 2, "title"),
        ("content/nachrichten/doppelt.md", 5, "date"),
        ("content/nachrichten/leer.md", 1, ""),
        ("content/nachrichten/offen.md", 1, ""),
        ("content/nachrichten/tabs.md", 6, "image.src"),
        ("content/nachrichten/yaml.md", 2, ""),
    ]


def test_broken_clashes_name_both_files(source_date_epoch):
    content = FIXTURES / "broken_clashes" / "content"
    settings = load_settings(PROJECT / "pelicanconf.py", content)
    errors = check_content(content, settings)
    assert [(e.path, e.line, e.field) for e in errors] == [
        ("content/kurse/kopie.md", 7, "event.uid"),
        ("content/kurse/original.md", 7, "event.uid"),
        ("content/nachrichten/zweite.md", 5, "slug"),
        ("content/pages/kurse.md", 2, "slug"),
    ]
    # One message, for the newer file: the older one (most likely published) keeps its address.
    second = errors[2].message
    assert "content/nachrichten/erste.md (Zeile 2)" in second
    assert "/nachrichten/neuer-lehrgang/" in second
    assert "Kategorieseite „Kurse“" in errors[3].message
    assert "content/kurse/original.md (Zeile 7)" in errors[0].message


def test_two_events_with_one_slug_share_an_ics_file(site):
    for category, folder in (("Nachrichten", "nachrichten"), ("Kurse", "kurse")):
        (site / folder / "termin.md").write_text(
            f"---\ntitle: Termin\ndate: 04.03.2024\ncategory: {category}\n"
            "event:\n  start: 04.03.2024\n  online: https://example.org/stream\n---\n"
        )
    errors = check_content(site, load_settings(PROJECT / "pelicanconf.py", site))
    assert [(e.path, e.field) for e in errors] == [("content/nachrichten/termin.md", "slug")]
    assert all("/veranstaltungen/termin.ics" in e.message for e in errors)


def test_drafts_have_their_own_addresses(site):
    for name, status in (("a", "published"), ("b", "draft")):
        (site / "nachrichten" / f"{name}.md").write_text(
            f"---\ntitle: Gleicher Titel\ndate: 04.03.2024\ncategory: Nachrichten\nstatus: {status}\n---\n"
        )
    assert errors_of(site) == []


def test_placeholders_are_not_errors_here(site):
    (site / "pages" / "impressum.md").write_text(
        "---\ntitle: Impressum\n---\nVerantwortlich: [PLATZHALTER: Name der verantwortlichen Person]\n"
    )
    assert errors_of(site) == []


def test_editor_files_that_are_fine(site):
    text = "---\ntitle: Kurs\ndate: 04.03.2024 10:30\ncategory: Kurse\ntags: [no]\n---\nText\n"
    (site / "kurse" / "crlf.md").write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    (site / "kurse" / ".#crlf.md").write_text("lock file of an editor")
    (site / ".entwuerfe").mkdir()
    (site / ".entwuerfe" / "x.md").write_text("hidden folder")
    assert errors_of(site) == []


def test_not_utf8(site):
    (site / "nachrichten" / "latin1.md").write_bytes(
        "---\ntitle: Größe\ndate: 04.03.2024\ncategory: Nachrichten\n---\n".encode("latin-1")
    )
    errors = check_content(site, load_settings(PROJECT / "pelicanconf.py", site))
    assert [(e.path, e.line) for e in errors] == [("content/nachrichten/latin1.md", 1)]
    assert "UTF-8" in errors[0].message


def test_main_text(capsys, source_date_epoch):
    code = main(["--path", str(FIXTURES / "broken_fields" / "content")])
    out, err = capsys.readouterr()
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 7
    assert all(LINE.match(line) for line in lines), lines
    assert (
        'content/nachrichten/landtag.md:3: date: "13.02.206" ist kein gültiges Datum: '
        "die Jahreszahl „206“ hat nur drei Stellen. Gemeint ist wohl 2026? Beispiel: 13.02.2026"
    ) in lines
    assert "7 Fehler in 5 von 7 Dateien." in err


def test_main_json(capsys, source_date_epoch):
    code = main(["--format", "json", "--path", str(FIXTURES / "broken_fields" / "content")])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["files"] == 7
    first = report["errors"][0]
    assert set(first) == {"message", "field", "value", "path", "line"}
    landtag = next(e for e in report["errors"] if e["path"] == "content/nachrichten/landtag.md")
    assert (landtag["line"], landtag["field"], landtag["value"]) == (3, "date", "13.02.206")


def test_main_passes_on_the_real_content(capsys, source_date_epoch):
    assert main([]) == 0
    out, err = capsys.readouterr()
    # The build time is pinned before the Landtag item's date: that is a notice, not an error.
    assert all(": Hinweis: " in line for line in out.splitlines())
    assert re.fullmatch(r"Alle \d+ Dateien sind in Ordnung.\n", err)


def test_check_does_not_render_or_import_markdown_output(tmp_path, source_date_epoch):
    # The check reads; it writes nothing next to the content.
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "broken_fields" / "content", content)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    main(["--path", str(content)])
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_kind_of():
    settings = {"ARTICLE_PATHS": ["nachrichten", "kurse"], "PAGE_PATHS": ["pages"]}
    assert crossfile.kind_of("pages/impressum.md", settings) == "page"
    assert crossfile.kind_of("kurse/a/b.md", settings) == "article"
    assert crossfile.kind_of("kursebla/x.md", settings) is None
    assert crossfile.kind_of("x.md", settings) is None
    assert crossfile.kind_of("x.md", {**settings, "ARTICLE_PATHS": [""]}) == "article"


def test_files_that_are_not_markdown_items(capsys, source_date_epoch):
    content = FIXTURES / "broken_formats" / "content"
    assert errors_of(content) == [
        ("content/kurse/plan.pdf", 1, ""),
        ("content/nachrichten/fremd.html", 1, ""),
        ("content/nachrichten/gross.MD", 1, ""),
        ("content/pages/seite.rst", 1, ""),
    ]
    assert main(["--path", str(content)]) == 1
    out, err = capsys.readouterr()
    assert "content/nachrichten/fremd.html:1: „fremd.html“ ist keine Markdown-Datei" in out
    # Counted: the two Markdown files (gut.md, kurs.markdown) and the four in error.
    assert "4 Fehler in 4 von 6 Dateien." in err


def test_body_links_and_embeds(source_date_epoch):
    assert errors_of(FIXTURES / "broken_body" / "content") == [
        ("content/nachrichten/einbettungen.md", 8, "text"),
        ("content/nachrichten/einbettungen.md", 11, "text"),
        ("content/nachrichten/einbettungen.md", 13, "text"),
        ("content/nachrichten/einbettungen.md", 15, "text"),
        ("content/nachrichten/verweise.md", 8, "text"),
        ("content/nachrichten/verweise.md", 9, "text"),
        ("content/pages/impressum.md", 4, "text"),
    ]


def test_a_markdown_item_with_another_extension_is_checked_like_md(site):
    (site / "kurse" / "kurs.markdown").write_text(
        "---\ntitle: Kurs\ndate: 04.03.2024\ncategory: Kurs\n---\n[x]({filename}/kurse/gibtsnicht.mkd)\n"
    )
    (site / "kurse" / "gibtsnicht.mdown").write_text("---\ntitle: Da\ndate: 04.03.2024\ncategory: Kurse\n---\n")
    errors = check_content(site, load_settings(PROJECT / "pelicanconf.py", site))
    assert [(e.path, e.line, e.field) for e in errors] == [
        ("content/kurse/kurs.markdown", 4, "category"),
        ("content/kurse/kurs.markdown", 6, "text"),
    ]
    assert "Meinten Sie „Kurse“?" in errors[0].message
    assert "Meinten Sie „{filename}/kurse/gibtsnicht.mdown“?" in errors[1].message


def test_symbolic_links_are_named(site, capsys, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]\n")
    (site / "bilder" / "logo.png").symlink_to("../../.git/config")
    (site / "bilder" / "passwd.jpg").symlink_to("/etc/passwd")
    assert main(["--path", str(site)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith(
        "content/bilder/logo.png:1: „logo.png“ ist keine echte Datei, sondern eine Verknüpfung "
        "(symbolischer Link) auf „../../.git/config“."
    )
    assert out.splitlines()[1].startswith("content/bilder/passwd.jpg:1: „passwd.jpg“ ist keine echte Datei")
    assert "2 Fehler in 2 von 2 Dateien." in err
