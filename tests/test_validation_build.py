"""Broken content stops the build: every error of every file in one run, nothing written.

In-process builds of the fixture sites under tests/fixtures/broken_*/, one plain
``pelican`` run as editors and CI start it, and the check command's agreement
with the build.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from qlee.cli import load_settings
from qlee.content.crossfile import check_content
from qlee.errors import ContentInvalid

from conftest import DEFAULT_EPOCH, PROJECT, build, copy_fixture

# path:line: field: message (file-level problems such as an empty file have no field)
LINE = re.compile(r"^(content/[^:\s]+):(\d+): (?:([\w.\[\]]+): )?(\S.*)$")
BROKEN = ["broken_fields", "broken_files", "broken_clashes", "broken_formats", "broken_body"]


def failed_build(site: Path, capsys) -> tuple[ContentInvalid, list[str], Path]:
    output = site / "output"
    with pytest.raises(ContentInvalid) as caught:
        build(site / "content", output)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if LINE.match(line)]
    return caught.value, lines, output


@pytest.mark.parametrize("name", BROKEN)
def test_all_errors_of_all_files_in_one_run_and_nothing_written(name, tmp_path, capsys, source_date_epoch):
    site = copy_fixture(name, tmp_path)
    failure, lines, output = failed_build(site, capsys)
    assert lines == [str(error) for error in failure.errors]
    # The check command finds exactly what the build finds.
    expected = check_content(site / "content", load_settings(PROJECT / "pelicanconf.py", site / "content"))
    assert [str(e) for e in failure.errors] == [str(e) for e in expected]
    assert not output.exists() or not any(output.rglob("*"))


def test_every_broken_file_is_named(tmp_path, capsys, source_date_epoch):
    site = copy_fixture("broken_files", tmp_path)
    failure, _, _ = failed_build(site, capsys)
    named = {error.path for error in failure.errors}
    written = {f"content/{p.relative_to(site / 'content').as_posix()}" for p in (site / "content").rglob("*.md")}
    assert written - named == {"content/pages/impressum.md"}  # the one correct file


def test_the_seed_typo_says_the_year_has_three_digits(tmp_path, capsys, source_date_epoch):
    site = copy_fixture("broken_fields", tmp_path)
    _, lines, _ = failed_build(site, capsys)
    assert (
        'content/nachrichten/landtag.md:3: date: "13.02.206" ist kein gültiges Datum: '
        "die Jahreszahl „206“ hat nur drei Stellen. Gemeint ist wohl 2026? Beispiel: 13.02.2026"
    ) in lines


def test_a_misspelt_key_names_the_right_one(tmp_path, capsys, source_date_epoch):
    site = copy_fixture("broken_fields", tmp_path)
    _, lines, _ = failed_build(site, capsys)
    [line] = [line for line in lines if line.startswith("content/nachrichten/titel.md")]
    assert line.startswith('content/nachrichten/titel.md:2: titel: "titel" ist keine bekannte Angabe. Meinten Sie „title“?')


def test_plain_pelican_exits_non_zero_and_writes_nothing(tmp_path):
    site = copy_fixture("broken_fields", tmp_path)
    output = tmp_path / "output"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "pelican"), str(site / "content"), "-s", "pelicanconf.py", "-o", str(output)],
        cwd=PROJECT,
        env={**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_EPOCH},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if LINE.match(line)]
    assert len(lines) == 7, result.stderr
    assert any("„206“ hat nur drei Stellen" in line for line in lines)
    assert not output.exists() or not any(output.rglob("*"))


def test_non_utf8_file_fails_the_build(tmp_path, capsys, source_date_epoch):
    site = copy_fixture("broken_files", tmp_path)
    (site / "content" / "nachrichten" / "latin1.md").write_bytes(
        "---\ntitle: Größe\ndate: 04.03.2024\ncategory: Nachrichten\n---\n".encode("latin-1")
    )
    failure, _, _ = failed_build(site, capsys)
    [error] = [e for e in failure.errors if e.path == "content/nachrichten/latin1.md"]
    assert (error.line, "UTF-8" in error.message) == (1, True)


def test_editor_quirks_build_and_are_published(tmp_path, source_date_epoch):
    """BOM, CRLF, ``10:30`` and ``[no]``: read as the editor meant, item in the output."""
    content = tmp_path / "content"
    (content / "kurse").mkdir(parents=True)
    (content / "pages").mkdir()
    text = (
        "---\ntitle: Größe & Öl\ndate: 04.03.2024 10:30\ncategory: Kurse\ntags: [no]\n"
        "summary: Kosten <b>keine</b>\n---\nErster Absatz.\n"
    )
    (content / "kurse" / "crlf.md").write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    (content / "bilder").mkdir(exist_ok=True)
    (content / "bilder" / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(24))
    (content / "pages" / "seite.md").write_text(
        "---\ntitle: Über QLEE\n---\n![Bild]({static}/bilder/x.png)\n\nDer erste Absatz mit Text.\n"
    )
    output = build(content, tmp_path / "output")
    page = (output / "kurse" / "groesse-oel" / "index.html").read_text(encoding="utf-8")
    assert "Größe &amp; Öl" in page
    assert "10:30" in page or "2024-03-04T10:30" in page
    assert (output / "schlagwort" / "no" / "index.html").exists()
    # The summary is the editor's text, escaped; a page's default summary is its first paragraph with text.
    assert '<meta name="description" content="Kosten &lt;b&gt;keine&lt;/b&gt;">' in page
    about = (output / "ueber-qlee" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Der erste Absatz mit Text.">' in about


def test_files_that_are_not_markdown_items_are_named_not_published(tmp_path, capsys, source_date_epoch):
    """An .html with an unknown category, an .rst page, a .MD file, a PDF next to the articles."""
    site = copy_fixture("broken_formats", tmp_path)
    failure, lines, _ = failed_build(site, capsys)
    assert [(e.path, e.line, e.field) for e in failure.errors] == [
        ("content/kurse/plan.pdf", 1, ""),
        ("content/nachrichten/fremd.html", 1, ""),
        ("content/nachrichten/gross.MD", 1, ""),
        ("content/pages/seite.rst", 1, ""),
    ]
    assert lines[1] == (
        "content/nachrichten/fremd.html:1: „fremd.html“ ist keine Markdown-Datei und würde nicht "
        "veröffentlicht. Beiträge und Seiten sind Markdown-Dateien („.md“) in content/nachrichten/, "
        "content/kurse/ oder content/pages/. Schreiben Sie den Inhalt als Markdown-Datei (z. B. "
        "content/nachrichten/fremd.md) oder verschieben Sie die Datei, wenn sie ein Bild oder ein Anhang "
        "ist, nach content/bilder/."
    )
    assert lines[2] == (
        "content/nachrichten/gross.MD:1: Die Endung „.MD“ wird nicht gelesen: Markdown-Dateien enden "
        "klein geschrieben auf „.md“. Benennen Sie die Datei um in „gross.md“."
    )
    # Everything else is content (gut.md, kurs.markdown), static (bilder/) or no content (hidden, backup).
    named = {e.path for e in failure.errors}
    every = {f"content/{p.relative_to(site / 'content').as_posix()}" for p in (site / "content").rglob("*") if p.is_file()}
    assert every - named == {
        "content/bilder/foto.jpg", "content/kurse/kurs.markdown", "content/nachrichten/gut.md",
        "content/nachrichten/gut.md~", "content/nachrichten/.notiz.html",
    }  # fmt: skip


def test_every_markdown_extension_is_read_and_validated(tmp_path, capsys, source_date_epoch):
    """.markdown, .mkd and .mdown go through our reader: published when right, errors when not."""
    site = copy_fixture("broken_formats", tmp_path)
    content = site / "content"
    for name in ("fremd.html", "gross.MD"):
        (content / "nachrichten" / name).unlink()
    (content / "pages" / "seite.rst").rename(content / "pages" / "seite.mdown")
    (content / "pages" / "seite.mdown").write_text("---\ntitle: Eine Seite\n---\nText.\n")
    (content / "kurse" / "plan.pdf").rename(content / "bilder" / "plan.pdf")
    (content / "nachrichten" / "kurz.mkd").write_text(
        "---\ntitle: Kurz gemeldet\ndate: 11.01.2024\ncategory: Nachrichten\n---\nText.\n"
    )
    output = build(content, site / "output")
    event_page = (output / "kurse" / "kurs-in-einer-markdown-datei" / "index.html").read_text(encoding="utf-8")
    assert "04.03.2025" in event_page or "4. März 2025" in event_page
    assert (output / "veranstaltungen" / "kurs-in-einer-markdown-datei.ics").is_file()
    assert (output / "nachrichten" / "kurz-gemeldet" / "index.html").is_file()
    assert (output / "eine-seite" / "index.html").is_file()
    link = (output / "nachrichten" / "eine-fehlerfreie-nachricht" / "index.html").read_text(encoding="utf-8")
    assert 'href="/kurse/kurs-in-einer-markdown-datei/"' in link and "{filename}" not in link
    # The same reader checks them: an event block with mistakes is an error, not a traceback.
    (content / "kurse" / "kurs.markdown").write_text(
        (content / "kurse" / "kurs.markdown").read_text().replace("start: 04.03.2025 09:00", "strat: 04.03.2025 09:00")
    )
    failure, _lines, _ = failed_build(site, capsys)
    assert [(e.path, e.line, e.field) for e in failure.errors] == [("content/kurse/kurs.markdown", 6, "event.strat")]


def test_broken_links_and_embeds_in_the_body(tmp_path, capsys, source_date_epoch):
    site = copy_fixture("broken_body", tmp_path)
    failure, lines, _ = failed_build(site, capsys)
    assert [(e.path, e.line, e.field, e.value) for e in failure.errors] == [
        ("content/nachrichten/einbettungen.md", 8, "text", "https://www.youtube.com/embed/abc"),
        ("content/nachrichten/einbettungen.md", 11, "text", "https://example.org/bild.jpg"),
        ("content/nachrichten/einbettungen.md", 13, "text", "https://example.org/logo.png"),
        ("content/nachrichten/einbettungen.md", 15, "text", "<script>"),
        ("content/nachrichten/verweise.md", 8, "text", "{filename}/nachrichten/gibtsnicht.md"),
        ("content/nachrichten/verweise.md", 9, "text", "{static}/bilder/plan.jpg"),
        ("content/pages/impressum.md", 4, "text", "{filename}datenschutz.md"),
    ]
    assert lines[4] == (
        "content/nachrichten/verweise.md:8: text: Der Verweis „{filename}/nachrichten/gibtsnicht.md“ führt "
        "ins Leere: content/nachrichten/gibtsnicht.md gibt es nicht. Verweise auf Beiträge und Seiten "
        "schreiben Sie mit dem Pfad unter content/, z. B. [Text]({filename}/nachrichten/andere-meldung.md)"
    )


def with_links(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A valid site with symbolic links: to the git configuration above, to /etc/passwd, to a
    valid Markdown file outside, and to a folder outside."""
    site = copy_fixture("events_basic", tmp_path)
    content = site / "content"
    (content / "bilder").mkdir()
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text('[http]\n\textraheader = AUTHORIZATION: basic geheim\n')
    outside = tmp_path / "draussen"
    outside.mkdir()
    (outside / "geheim.md").write_text("---\ntitle: Geheim\ndate: 01.01.2025\ncategory: Nachrichten\n---\n\nGeheim.\n")
    links = {
        "bilder/logo.png": "../../.git/config",
        "bilder/passwd.jpg": "/etc/passwd",
        "nachrichten/geheim.md": str(outside / "geheim.md"),
        "nachrichten/draussen": str(outside),
    }
    for name, target in links.items():
        (content / name).symlink_to(target)
    return site, links


def test_symbolic_links_stop_the_build_before_anything_is_read_or_written(tmp_path, capsys, source_date_epoch):
    site, links = with_links(tmp_path)
    failure, lines, output = failed_build(site, capsys)
    assert [e.path for e in failure.errors] == sorted(f"content/{name}" for name in links)
    assert lines == [str(error) for error in failure.errors]
    assert "content/bilder/logo.png:1: „logo.png“ ist keine echte Datei, sondern eine Verknüpfung" in lines[0]
    assert "Ersetzen Sie die Verknüpfung durch die Datei selbst." in lines[0]
    # The same rule in `invoke check`: the same errors.
    expected = check_content(site / "content", load_settings(PROJECT / "pelicanconf.py", site / "content"))
    assert [str(e) for e in failure.errors] == [str(e) for e in expected]
    assert not output.exists()


def test_a_link_is_reported_with_every_other_error_in_one_run(tmp_path, capsys, source_date_epoch):
    site = copy_fixture("broken_fields", tmp_path)
    (site / "content" / "nachrichten" / "passwd.md").symlink_to("/etc/passwd")
    failure, _, _ = failed_build(site, capsys)
    expected = check_content(site / "content", load_settings(PROJECT / "pelicanconf.py", site / "content"))
    assert [str(e) for e in failure.errors] == [str(e) for e in expected]
    assert "content/nachrichten/passwd.md" in {e.path for e in failure.errors}
    assert len(failure.errors) == 8  # the seven of the fixture and the link


def test_folder_loops_end_the_build_at_once(tmp_path):
    """Pelican follows linked folders: two links to ``.`` made its walk grow without end."""
    site = copy_fixture("events_basic", tmp_path)
    for name in ("schleife", "noch-eine"):
        (site / "content" / "kurse" / name).symlink_to(".")
    output = tmp_path / "output"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "pelican"), str(site / "content"), "-s", "pelicanconf.py", "-o", str(output)],
        cwd=PROJECT,
        env={**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_EPOCH},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if LINE.match(line)]
    assert [line.split(":")[0] for line in lines] == ["content/kurse/noch-eine", "content/kurse/schleife"]
    assert not output.exists()


# Each on its own line: what a pasted snippet could bring along (the body starts on line 6).
PASTED = [
    ("[Klick](javascript:alert(1))", "javascript:alert(1)"),
    ('<a href="vbscript:msgbox(1)">Alt</a>', "vbscript:msgbox(1)"),
    ("<form action=javascript:alert(1)><button>Los</button></form>", "<form>"),
    ('<img src="data:image/gif;base64,R0lG" alt="" onerror=alert(1)>', "onerror"),
    ("<details ontoggle=alert(1) open><summary>Mehr</summary></details>", "ontoggle"),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "<iframe srcdoc>"),
    ('<base href="https://evil.example/">', "<base>"),
    ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "<meta>"),
    ('# Titel {: onclick="alert(1)" }', "onclick"),
]


def write_pasted(site: Path) -> None:
    for old in (site / "content" / "nachrichten").glob("*.md"):
        old.unlink()
    (site / "content" / "pages" / "impressum.md").write_text("---\ntitle: Impressum\n---\nText.\n")
    (site / "content" / "kurse" / "kurs.md").write_text("---\ntitle: Kurs\ndate: 10.01.2024\ncategory: Kurse\n---\nText.\n")
    body = "\n\n".join(text for text, _ in PASTED)
    (site / "content" / "nachrichten" / "eingefuegt.md").write_text(
        f"---\ntitle: Eingefügt\ndate: 10.01.2024\ncategory: Nachrichten\n---\n{body}\n"
    )


def test_pasted_scripts_stop_the_build_with_file_line_and_construct(tmp_path, capsys, source_date_epoch):
    site = copy_fixture("broken_body", tmp_path)
    write_pasted(site)
    failure, lines, _ = failed_build(site, capsys)
    found = [(e.path, e.line, e.value) for e in failure.errors]
    form = [("content/nachrichten/eingefuegt.md", 10, "javascript:alert(1)")]  # its action, too
    expected = [("content/nachrichten/eingefuegt.md", 6 + 2 * i, value) for i, (_, value) in enumerate(PASTED)]
    assert found == sorted(expected + form, key=lambda item: item[1])
    for line, (_, _, value) in zip(lines, found, strict=False):
        assert value in line
    expected_check = check_content(site / "content", load_settings(PROJECT / "pelicanconf.py", site / "content"))
    assert [str(e) for e in failure.errors] == [str(e) for e in expected_check]


def test_what_gets_past_the_check_is_stripped_from_page_and_feed(tmp_path, monkeypatch, source_date_epoch):
    from qlee.content import body

    site = copy_fixture("broken_body", tmp_path)
    write_pasted(site)
    monkeypatch.setattr(body, "checked", lambda markdown, first_line, markup, **_: body.Scan())
    output = build(site / "content", tmp_path / "output", SITEURL="https://www.example.org", FEED_DOMAIN="https://www.example.org")
    [page] = output.glob("**/eingefuegt*/index.html") or output.glob("**/eingefuegt*.html")
    feed = (output / "feeds" / "all.atom.xml").read_text()
    # The item's page within <main>: the header's own search form is the theme's, not pasted.
    main = page.read_text().split("<main", 1)[1].split("</main>", 1)[0]
    for text in (main, feed):
        assert "Los" in text and "Titel" in text  # the text stays
        lowered = text.lower()
        for active in ("javascript:", "vbscript:", "onerror", "ontoggle", "onclick", "srcdoc", "<base", "<meta http-equiv", "<form"):
            assert active not in lowered
