"""Which files under content/ are items, which are copied, and which are errors (no Pelican)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qlee.content import sources

SETTINGS = {
    "ARTICLE_PATHS": ["nachrichten", "kurse"],
    "PAGE_PATHS": ["pages"],
    "STATIC_PATHS": ["bilder", "extra/favicon.ico"],
    "IGNORE_FILES": ["**/.*", "*.bak"],
}


# The first bytes of real files of these kinds: a picture must be what its name says.
SIGNATURES = {".jpg": b"\xff\xd8\xff\xe0", ".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-1.7\n"}


def tree(root: Path, *names: str) -> Path:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(SIGNATURES.get(path.suffix, b"x"))
    return root


@pytest.fixture
def content(tmp_path) -> Path:
    return tmp_path / "content"


def test_every_markdown_extension_pelican_knows_is_an_item(content):
    tree(content, "nachrichten/a.md", "nachrichten/b.markdown", "kurse/c.mkd", "pages/d.mdown", "verirrt/e.md")
    found = sources.scan(content, SETTINGS)
    assert [p.relative_to(content).as_posix() for p in found.markdown] == [
        "kurse/c.mkd", "nachrichten/a.md", "nachrichten/b.markdown", "pages/d.mdown", "verirrt/e.md",
    ]  # fmt: skip
    assert found.errors == () and found.static == frozenset()
    assert [sources.is_markdown(n) for n in ("a.md", "a.mkd", "a.MD", "md", "a.md~")] == [True, True, False, False, False]


@pytest.mark.parametrize(
    ("name", "renamed"),
    [("gross.MD", "gross.md"), ("gross.Md", "gross.md"), ("x.Markdown", "x.markdown"), ("y.MKD", "y.mkd"), ("z.mDown", "z.mdown")],
)
def test_a_markdown_extension_in_another_case_is_an_error_that_names_the_new_name(content, name, renamed):
    tree(content, f"nachrichten/{name}")
    [error] = sources.scan(content, SETTINGS).errors
    assert (error.path, error.line, error.field, error.value) == (f"content/nachrichten/{name}", 1, "", name)
    extension = name.rpartition(".")[2]
    assert error.message == (
        f"Die Endung „.{extension}“ wird nicht gelesen: Markdown-Dateien enden klein geschrieben auf "
        f"„.{extension.lower()}“. Benennen Sie die Datei um in „{renamed}“."
    )


@pytest.mark.parametrize("name", ["kurse/alt.html", "nachrichten/alt.htm", "pages/seite.rst", "kurse/plan.pdf", "kurse/notiz.txt", "LIESMICH"])
def test_any_other_file_outside_static_paths_is_an_error(content, name):
    tree(content, name)
    [error] = sources.scan(content, SETTINGS).errors
    folder, _, file = name.rpartition("/")
    expected_folder = folder or "nachrichten"
    assert (error.path, error.line, error.value) == (f"content/{name}", 1, file)
    assert error.message == (
        f"„{file}“ ist keine Markdown-Datei und würde nicht veröffentlicht. Beiträge und Seiten sind "
        "Markdown-Dateien („.md“) in content/nachrichten/, content/kurse/ oder content/pages/. Schreiben "
        f"Sie den Inhalt als Markdown-Datei (z. B. content/{expected_folder}/{Path(file).stem}.md) oder "
        "verschieben Sie die Datei, wenn sie ein Bild oder ein Anhang ist, nach content/bilder/."
    )


def test_static_files_hidden_files_and_backups(content):
    tree(
        content,
        "bilder/foto.jpg", "bilder/unter/plan.pdf", "bilder/Alt.MD", "extra/favicon.ico",
        "nachrichten/.notiz.html", ".git/config", "nachrichten/.entwurf/x.html",
        "nachrichten/a.md~", "nachrichten/#a.md#", "kurse/alt.bak",
    )  # fmt: skip
    found = sources.scan(content, SETTINGS)
    assert found.errors == () and found.markdown == ()
    assert found.static == {"bilder/foto.jpg", "bilder/unter/plan.pdf", "bilder/Alt.MD", "extra/favicon.ico"}
    # The favicon entry is one file, not a folder.
    tree(content, "extra/robots.txt")
    assert [e.path for e in sources.scan(content, SETTINGS).errors] == ["content/extra/robots.txt"]


def test_static_excludes_and_count(content):
    tree(content, "bilder/roh/a.psd", "bilder/a.jpg", "nachrichten/a.md", "nachrichten/a.html")
    found = sources.scan(content, {**SETTINGS, "STATIC_EXCLUDES": ["bilder/roh"]})
    assert [e.path for e in found.errors] == ["content/bilder/roh/a.psd", "content/nachrichten/a.html"]
    assert found.count == 3  # a.md and the two in error; static files are not counted


def test_pictures_folder_for_messages():
    assert sources.pictures(SETTINGS) == "bilder"
    assert sources.pictures({"STATIC_PATHS": ["extra/favicon.ico", "/fotos/"]}) == "fotos"
    assert sources.pictures({}) == "bilder"


def test_symbolic_links_are_errors_that_name_the_file_and_its_target(content, tmp_path):
    """Links to a file outside (a secret, ``.git/config``), to a Markdown file, dangling, to itself."""
    outside = tmp_path / "geheim.txt"
    outside.write_text("geheim")
    tree(content, "nachrichten/echt.md", "bilder/foto.jpg")
    links = {
        "bilder/logo.png": "../../.git/config",
        "bilder/passwd.jpg": "/etc/passwd",
        "bilder/geheim.jpg": str(outside),
        "nachrichten/kopie.md": "echt.md",
        "nachrichten/weg.md": "nirgends.md",
        "nachrichten/selbst.md": "selbst.md",
    }
    for name, target in links.items():
        (content / name).symlink_to(target)

    found = sources.scan(content, SETTINGS)

    assert found.links == set(links)
    assert [e.path for e in found.errors] == sorted(f"content/{name}" for name in links)
    assert [p.relative_to(content).as_posix() for p in found.markdown] == ["nachrichten/echt.md"]
    assert found.static == {"bilder/foto.jpg"}
    [error] = [e for e in found.errors if e.path == "content/bilder/passwd.jpg"]
    assert (error.line, error.field, error.value) == (1, "", "passwd.jpg")
    assert error.message == (
        "„passwd.jpg“ ist keine echte Datei, sondern eine Verknüpfung (symbolischer Link) auf "
        "„/etc/passwd“. Verknüpfungen sind in content/ nicht erlaubt: sie können auf Dateien "
        "außerhalb der Website zeigen, die dann mitveröffentlicht würden. Ersetzen Sie die "
        "Verknüpfung durch die Datei selbst."
    )


def test_a_linked_folder_is_an_error_and_not_looked_into(content, tmp_path):
    """A link to a folder outside, and loops (a folder linked into itself, twice) that never end if followed."""
    tree(content, "nachrichten/a.md", "bilder/foto.jpg")
    (tmp_path / "draussen").mkdir()
    (tmp_path / "draussen" / "b.md").write_bytes(b"x")
    (content / "nachrichten" / "draussen").symlink_to(tmp_path / "draussen")
    (content / "bilder" / "schleife").symlink_to(".")
    (content / "bilder" / "noch-eine").symlink_to("..")

    found = sources.scan(content, SETTINGS)

    assert [e.path for e in found.errors] == [
        "content/bilder/noch-eine", "content/bilder/schleife", "content/nachrichten/draussen",
    ]  # fmt: skip
    assert [p.relative_to(content).as_posix() for p in found.markdown] == ["nachrichten/a.md"]
    assert found.static == {"bilder/foto.jpg"}
    [error] = [e for e in found.errors if e.path == "content/bilder/schleife"]
    assert error.message.startswith("„schleife“ ist kein echter Ordner, sondern eine Verknüpfung (symbolischer Link) auf „.“.")
    assert error.message.endswith("Ersetzen Sie die Verknüpfung durch den Ordner selbst.")


def test_links_among_files_that_are_not_content_are_ignored_as_those_files_are(content):
    """Hidden and backup names are never read by the build (an editor's lock file ``.#x.md`` is a dangling link)."""
    tree(content, "nachrichten/x.md")
    (content / "nachrichten" / ".#x.md").symlink_to("redaktion@rechner.1234")
    (content / "nachrichten" / "x.md~").symlink_to("x.md")
    (content / ".versteckt").symlink_to("/etc")
    found = sources.scan(content, SETTINGS)
    assert found.errors == () and found.links == frozenset()
