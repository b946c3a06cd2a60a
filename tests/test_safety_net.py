"""The editors' safety net: mistakes that used to pass ``check`` or got the wrong diagnosis.

Each case writes one file into a copy of the real content and runs the real
check (the build shares its code: tests/test_validation_build.py). Where a
message was wrong before, the old wording is quoted in the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qlee.cli import load_settings
from qlee.content.crossfile import check_content

from conftest import PROJECT

NEWS = "---\ntitle: Test\ndate: 04.03.2026\ncategory: Nachrichten\n"


@pytest.fixture
def content(tmp_path, source_date_epoch):
    """A writable copy of the real content."""
    return Path(shutil.copytree(PROJECT / "content", tmp_path / "content"))


def messages(content: Path, text: str | None = None, name: str = "nachrichten/fall.md") -> list[str]:
    """Every message of ``check`` with ``text`` written to ``name`` under content/."""
    if text is not None:
        (content / name).write_text(text, encoding="utf-8")
    settings = load_settings(PROJECT / "pelicanconf.py", content)
    return [str(error) for error in check_content(content, settings)]


# --- Body: images without alt text, links that lead nowhere ---------------------------

@pytest.mark.parametrize("image", ["![](bilder/x.jpg)", '<img src="{static}/bilder/x.jpg">', "![ ]({static}/x.jpg)"])
def test_body_image_without_alt_text(content, image):
    found = messages(content, NEWS + f"---\nText.\n\n{image}\n")
    assert any("hat keinen Alternativtext" in m and m.startswith("content/nachrichten/fall.md:8:") for m in found)


def test_decorative_html_image_with_empty_alt_passes(content):
    assert messages(content, NEWS + '---\nText.\n\n<img src="data:image/gif;base64,R0lG" alt="">\n') == []


@pytest.mark.parametrize(("link", "expected"), [
    ("[Programm](programm.pdf)", "content/nachrichten/programm.pdf gibt es nicht"),
    ("[Kurs](../kurse/gibtsnicht.md)", "content/kurse/gibtsnicht.md gibt es nicht"),
    ("[Kurs](../kurse/wasserstoff-2024.md)", "Schreiben Sie [Text]({filename}/kurse/wasserstoff-2024.md)"),
    ("[Termine](/veranstaltung/)", "die Adresse /veranstaltung/ gibt es auf der Website nicht. Meinten Sie /veranstaltungen/?"),
    ('<a href="/ueber-qlee/gibtsnicht/">x</a>', "die Adresse /ueber-qlee/gibtsnicht/ gibt es"),
])
def test_plain_links_that_lead_nowhere(content, link, expected):
    [message] = messages(content, NEWS + f"---\nText, {link}.\n")
    assert message.startswith("content/nachrichten/fall.md:6: text:") and expected in message


@pytest.mark.parametrize("link", [
    "[Start](/)", "[Termine](/veranstaltungen/)", "[März](/veranstaltungen/2026/03/)", "[Tag](/schlagwort/leag/)",
    "[Kurs](/kurse/wasserstoff-2024/)", "[Seite 2](/aktuelles/seite/2/)", "[Kalender](/kalender.ics)",
    "[Oben](#oben)", "[Mail](mailto:info@qlee.de)", "[Impressum](/impressum/index.html)",
])
def test_site_paths_that_exist_pass(content, link):
    assert messages(content, NEWS + f"---\nText, {link}.\n") == []


# --- Files under content/: what their name says, not too large --------------------------

@pytest.mark.parametrize(("name", "data", "expected"), [
    ("foto.jpg", b"\x00" * 100, "„foto.jpg“ heißt nach der Endung „.jpg“ ein JPEG-Bild, enthält aber etwas anderes"),
    ("foto.png", b"\xff\xd8\xff\xe0" + bytes(50), "ein PNG-Bild, ist aber ein JPEG-Bild"),
    ("programm.pdf", b"PK\x03\x04" + bytes(50), "ein PDF-Dokument, ist aber ein ZIP-Archiv oder ein Office-Dokument"),
    ("logo.svg", b"<html><body>x</body></html>", "eine SVG-Grafik, enthält aber etwas anderes"),
    ("bild.webp", b"RIFF\x00\x00\x00\x00WAVE", "ein WebP-Bild, enthält aber etwas anderes"),
])
def test_files_that_are_not_what_their_extension_says(content, name, data, expected):
    (content / "bilder").mkdir(exist_ok=True)
    (content / "bilder" / name).write_bytes(data)
    [message] = messages(content)
    assert message.startswith(f"content/bilder/{name}:1: ") and expected in message


@pytest.mark.parametrize(("name", "data"), [
    ("a.png", b"\x89PNG\r\n\x1a\n"), ("a.jpeg", b"\xff\xd8\xff\xdb"), ("a.gif", b"GIF89a"),
    ("a.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 "), ("a.pdf", b"%PDF-1.4\n"),
    ("a.svg", b'<?xml version="1.0"?>\n<!-- Logo -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
])
def test_files_of_the_right_kind_pass(content, name, data):
    (content / "bilder").mkdir(exist_ok=True)
    (content / "bilder" / name).write_bytes(data + bytes(20))
    assert messages(content) == []


def test_a_file_over_ten_megabytes(content):
    (content / "bilder").mkdir(exist_ok=True)
    with (content / "bilder" / "gross.jpg").open("wb") as handle:
        handle.write(b"\xff\xd8\xff\xe0")
        handle.seek(12_000_000)
        handle.write(b"\xff\xd9")
    [message] = messages(content)
    assert "„gross.jpg“ ist 12,0 MB groß; erlaubt sind höchstens 10 MB" in message


def test_thirty_megabytes_of_random_bytes_named_jpg_get_one_message(content):
    # Before: accepted without a word.
    (content / "bilder").mkdir(exist_ok=True)
    (content / "bilder" / "foto.jpg").write_bytes(b"\x13\x37" * 15_000_000)
    [message] = messages(content)
    assert "enthält aber etwas anderes" in message


# --- Right diagnoses: one mistake, one message that names it --------------------------

EVENT = NEWS + "event:\n  start: 04.03.2026 10:00\n"

DIAGNOSES = [
    # (case, file text, expected line, words the message must hold, words it must not)
    ("typographic quotes around a title with a colon",
     "---\ntitle: „Wasserstoff: der Lehrgang“\ndate: 04.03.2026\ncategory: Nachrichten\n---\nText.\n",
     2, ["typografischen Anführungszeichen", 'title: "„Wasserstoff: der Lehrgang“"'], ["Ein Wert enthält"]),
    ("a 3-space indent",
     EVENT + "  location:\n    name: Haus\n   city: Lübbenau\n---\nText.\n",
     9, ["Die Einrückung stimmt nicht: „city: Lübbenau“ ist mit 3 Leerzeichen eingerückt", "mit 4"], []),
    ("a sibling indented one space too far",
     EVENT + "   online: https://www.qlee.de/live\n---\nText.\n",
     7, ["„online: https://www.qlee.de/live“ ist mit 3 Leerzeichen eingerückt"], ["Ein Wert enthält"]),
    ("an unindented child",
     NEWS + "image:\nsrc: bilder/x.jpg\n  alt: Bild\n---\nText.\n",
     7, ["Die Einrückung stimmt nicht: „alt: Bild“ ist mit 2 Leerzeichen", "(„src: bilder/x.jpg“) mit 0"], ["Ein Wert enthält"]),
    ("-start: without a space",
     NEWS + "event:\n  sessions:\n    -start: 04.03.2026 10:00\n     end: 04.03.2026 12:00\n---\nText.\n",
     7, ["Nach dem Strich „-“ fehlt ein Leerzeichen", "„- start: 04.03.2026 10:00“"], ["Ein Wert enthält"]),
    ("a space left after uncommenting",
     NEWS + " tags: [Wasserstoff, Weiterbildung]\n---\nText.\n",
     5, ["beginnt mit einem Leerzeichen", "Löschen Sie das Leerzeichen"], ["Ein Wert enthält"]),
    ("an inner pair of straight quotes",
     "---\ntitle: \"Der \"neue\" Lehrgang\"\ndate: 04.03.2026\ncategory: Nachrichten\n---\nText.\n",
     2, ["enthält selbst welche", "title: 'Der \"neue\" Lehrgang'"], ["Einrückung"]),
    ("a non-breaking space in a date",
     "---\ntitle: Test\ndate: 04.03.2026\u00a010:00\ncategory: Nachrichten\n---\nText.\n",
     3, ["ein geschütztes Leerzeichen (U+00A0)", "04.03.2026 10:00"], ["keine gültige Uhrzeit"]),
    ("a tab under location:",
     EVENT + "  location:\n\tcity: Lübbenau\n---\nText.\n",
     8, ["event.location.city:", "Tabulatorzeichen", "Beispiel: „    city: Lübbenau“"], ["event.city"]),
    ("an image.src that is a PDF",
     NEWS + "image:\n  src: bilder/programm.pdf\n  alt: Programm\n---\nText.\n",
     6, ["Beispiel: bilder/programm.jpg"], ["Beispiel: bilder/programm.pdf"]),
    ("a deadline on the start day, after the start time",
     NEWS + "event:\n  start: 04.03.2026 10:00\n  online: https://www.qlee.de/live\n  registration:\n"
     "    url: https://qlee.idloom.events/x\n    deadline: 04.03.2026 12:00\n---\nText.\n",
     10, ["am Tag des Beginns muss er vor der Uhrzeit des Beginns liegen", "Beispiel: deadline: 25.02.2026"],
     ["spätestens am Tag des Beginns", "2024"]),
]


@pytest.mark.parametrize(("case", "text", "line", "said", "not_said"), DIAGNOSES, ids=[d[0] for d in DIAGNOSES])
def test_one_mistake_one_message_that_names_it(content, case, text, line, said, not_said):
    [message] = messages(content, text)
    assert message.startswith(f"content/nachrichten/fall.md:{line}:"), message
    for words in said:
        assert words in message, message
    for words in not_said:
        assert words not in message, message


def test_a_duplicate_slug_is_one_message_for_the_newer_file(content):
    text = "---\ntitle: Test\ndate: 04.03.2026\ncategory: Kurse\nslug: wasserstoff-2024\n---\nText.\n"
    # Before: a message for each file; the published one (content/kurse/wasserstoff-2024.md) was told to change.
    [message] = messages(content, text, "kurse/fall.md")
    assert message.startswith("content/kurse/fall.md:5: slug:")
    assert "die hat schon content/kurse/wasserstoff-2024.md (Zeile 11)" in message


# --- Notices: allowed, probably a typo, the build goes on -------------------------------

def test_far_future_event_and_future_date_are_notices(content, capsys):
    from qlee.cli import main

    (content / "nachrichten" / "fall.md").write_text(
        "---\ntitle: Test\ndate: 04.03.2030\ncategory: Nachrichten\nevent:\n  start: 04.03.2072 10:00\n"
        "  online: https://www.qlee.de/live\n---\nText.\n", encoding="utf-8",
    )
    assert main(["--path", str(content)]) == 0
    out = capsys.readouterr().out
    assert "content/nachrichten/fall.md:3: Hinweis: date: Das Datum 04.03.2030 liegt in der Zukunft" in out
    assert "content/nachrichten/fall.md:6: Hinweis: event.start: Die Veranstaltung beginnt am 04.03.2072" in out


def test_a_picture_that_does_not_decode_is_refused_before_the_build_uses_it(tmp_path):
    from qlee.content.images import image_src
    from qlee.errors import ValidationError

    (tmp_path / "bilder").mkdir()
    # JPEG's first bytes, then noise: the type check passes, Pillow cannot read it.
    (tmp_path / "bilder" / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
    with pytest.raises(ValidationError, match="lässt sich nicht als Bild lesen"):
        image_src("bilder/foto.jpg", {"PATH": str(tmp_path), "STATIC_PATHS": ["bilder"]})
