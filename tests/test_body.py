"""The Markdown body: links that lead somewhere, nothing loaded from other sites (no Pelican)."""

from __future__ import annotations

import time

import markdown
import pytest

from qlee.content import body
from qlee.content.body import Link, Scan

ITEMS = frozenset({"kurse/kurs.md", "nachrichten/meldung.md", "pages/impressum.md", "pages/datenschutz.md"})
FILES = frozenset({"bilder/foto.jpg", "bilder/plan.pdf"})


def found(text: str, first_line: int = 10) -> list[tuple[int, str]]:
    return [(error.line, error.value) for error in body.scan(text, first_line).errors]


def html(text: str) -> str:
    return markdown.markdown(text, extensions=["extra"])


# --- external resources ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('<iframe src="https://www.youtube.com/embed/abc"></iframe>', "https://www.youtube.com/embed/abc"),
        ("<IFRAME SRC='https://www.youtube-nocookie.com/embed/abc'>", "https://www.youtube-nocookie.com/embed/abc"),
        ('<img src="https://example.org/a.jpg" alt="">', "https://example.org/a.jpg"),
        ("<img alt=x src=//cdn.example/a.jpg>", "//cdn.example/a.jpg"),
        ('<img srcset="/bilder/a.jpg 1x, https://cdn.example/a@2x.jpg 2x">', "https://cdn.example/a@2x.jpg"),
        ('<video controls poster="https://example.org/p.jpg"></video>', "https://example.org/p.jpg"),
        ('<video controls><source src="https://example.org/v.mp4" type="video/mp4"></video>', "https://example.org/v.mp4"),
        ('<audio src="http://example.org/a.mp3"></audio>', "http://example.org/a.mp3"),
        ('<embed src="https://example.org/a.swf">', "https://example.org/a.swf"),
        ('<object data="https://example.org/karte.svg"></object>', "https://example.org/karte.svg"),
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', "https://fonts.googleapis.com/css"),
        ("<p style=\"background: url('https://example.org/bg.png')\">x</p>", "https://example.org/bg.png"),
        ("<style>@import 'https://example.org/a.css';</style>", "https://example.org/a.css"),
        ("![Logo](https://example.org/logo.png)", "https://example.org/logo.png"),
        ('![Logo](<https://example.org/logo.png> "Titel")', "https://example.org/logo.png"),
        ("![Logo][logo]\n\n[logo]: https://example.org/logo.png", "https://example.org/logo.png"),
        ("![Logo]\n\n[LOGO]: <https://example.org/logo.png>", "https://example.org/logo.png"),
        ("<script>alert(1)</script>", "<script>"),
        ('<script src="/js/eigenes.js"></script>', "<script>"),
    ],
)
def test_external_resources_and_scripts_are_errors(text, value):
    assert found("Erster Absatz.\n\n" + text) == [(12, value)]


@pytest.mark.parametrize(
    "text",
    [
        "[YouTube](https://www.youtube.com/watch?v=abc) und <https://example.org>",
        '<a href="https://example.org/">Beispiel</a>',
        "![Foto]({static}/bilder/foto.jpg) und ![Foto](/bilder/foto.jpg) und ![Foto](foto.jpg)",
        '<img src="{static}/bilder/foto.jpg" alt="Foto"> <img src="data:image/png;base64,AAAA" alt="">',
        '<iframe src="/veranstaltungen/2025/03/"></iframe>',
        "`<script>alert(1)</script>` und ``<iframe src=\"https://x.example\">``",
        "```html\n<script>alert(1)</script>\n<img src=\"https://x.example/a.jpg\">\n```",
        "~~~~\n<iframe src=\"https://x.example\"></iframe>\n~~~\nnoch Code\n~~~~",
        "<!-- <img src=\"https://x.example/a.jpg\">\n<script></script> -->",
        "Ein Preis von 3 < 4 > 2 und ein `-Zeichen.",
    ],
)
def test_links_own_files_and_code_are_fine(text):
    assert found(text) == []


def test_each_finding_has_the_line_it_is_written_on():
    text = "Absatz\n\n```\n<script>\n```\n\n<iframe\n  src=\"https://a.example/v\">\n</iframe>\n\n![x](https://b.example/x.png)"
    assert found(text, first_line=6) == [(12, "https://a.example/v"), (16, "https://b.example/x.png")]


def test_messages_say_what_to_do_instead():
    [iframe, image, script] = body.scan(
        '<iframe src="https://www.youtube.com/embed/abc"></iframe>\n![x](https://e.example/a.png)\n<script></script>', 1,
        pictures="fotos",
    ).errors
    assert all(error.field == "text" for error in (iframe, image, script))
    assert iframe.message == (
        'Der Text bindet "https://www.youtube.com/embed/abc" von einer anderen Website ein (<iframe>); beim '
        "Lesen der Seite würde der Browser Daten von dort laden, und die Datenschutzerklärung verspricht, "
        "dass das nicht geschieht. Setzen Sie stattdessen einen Link, z. B. "
        "[Video ansehen](https://www.youtube.com/watch?v=…)"
    )
    assert image.message.endswith(
        "Speichern Sie das Bild unter content/fotos/ und binden Sie es so ein: ![Beschreibung]({static}/fotos/foto.jpg)"
    )
    assert script.message.startswith("Der Text enthält ein <script>-Element. Skripte sind in Beiträgen und Seiten nicht erlaubt")


def test_the_rendered_html_catches_what_the_source_scan_did_not_and_places_it():
    text = "Absatz\n\nNoch einer mit ![Bild](https://e.example/a.png?x=1&y=2)"
    # As if the source scan had missed it: found in the HTML, placed at its line.
    [error] = body.rendered(html(text), Scan(), text, 5)
    assert (error.line, error.value) == (7, "https://e.example/a.png?x=1&y=2")
    # Found by both: reported once (the HTML escapes & as &amp;).
    assert [(e.line, e.value) for e in body.checked(text, 5, html(text)).errors] == [(7, "https://e.example/a.png?x=1&y=2")]
    # An iframe in an HTML comment of the output loads nothing.
    assert body.rendered('<!-- <iframe src="https://e.example/"></iframe> -->', Scan(), "", 1) == []
    [script] = body.rendered("<p>x</p><script>alert(1)</script>", Scan(), "x\n\n<script>alert(1)</script>", 3)
    assert (script.line, script.value) == (5, "<script>")


# --- {filename}, {static} and {attach} --------------------------------------------------


def links(text: str, source: str = "nachrichten/meldung.md") -> list[tuple[int, str, str]]:
    scanned = body.scan(text, 6)
    return [(e.line, e.value, e.message) for e in body.broken_links(scanned.links, source, ITEMS, FILES)]


def test_links_are_found_with_their_line():
    text = "[a]({filename}/kurse/kurs.md)\n\n<a href=\"{filename}../pages/impressum.md#x\">b</a> |filename|x.md\n![c]({static}/bilder/foto.jpg)"
    assert body.scan(text, 6).links == (
        Link("filename", "/kurse/kurs.md", 6),
        Link("filename", "../pages/impressum.md#x", 8),
        Link("filename", "x.md", 8),
        Link("static", "/bilder/foto.jpg", 9),
    )


@pytest.mark.parametrize(
    "text",
    [
        "[Kurs]({filename}/kurse/kurs.md)",
        "[Kurs]({filename}../kurse/kurs.md) [Selbst]({filename}meldung.md#abschnitt)",
        "[Impressum]({filename}/pages/impressum.md?x=1)",
        '<a href="{filename}/pages/datenschutz.md">Datenschutz</a>',
        "![Foto]({static}/bilder/foto.jpg) [Plan]({attach}../bilder/plan.pdf)",
        "[Plan]({filename}/bilder/plan.pdf)",  # works in Pelican ({static} is meant)
        "[Foto]({static}/bilder/f%6Fto.jpg)",
        "`[Code]({filename}/gibtsnicht.md)`",
    ],
)
def test_links_that_lead_somewhere(text):
    assert links(text) == []


def test_a_link_to_a_missing_item_names_the_path_and_the_nearest_one():
    [(line, value, message)] = links("Text\n\n[x]({filename}/nachrichten/meldungg.md)", source="kurse/kurs.md")
    assert (line, value) == (8, "{filename}/nachrichten/meldungg.md")
    assert message == (
        "Der Verweis „{filename}/nachrichten/meldungg.md“ führt ins Leere: content/nachrichten/meldungg.md "
        "gibt es nicht. Meinten Sie „{filename}/nachrichten/meldung.md“? Verweise auf Beiträge und Seiten "
        "schreiben Sie mit dem Pfad unter content/, z. B. [Text]({filename}/nachrichten/andere-meldung.md)"
    )


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        # Relative to the item's own folder: nachrichten/kurs.md does not exist.
        ("[x]({filename}kurs.md)", ["content/nachrichten/kurs.md gibt es nicht"]),
        ("[x]({filename}/nachrichten/gibtsnicht.md)", ["„{filename}/nachrichten/gibtsnicht.md“ führt ins Leere"]),
        ("[x]({filename})", ["führt ins Leere"]),
        ("![x]({static}/bilder/fehlt.jpg)", ["content/bilder/fehlt.jpg gibt es nicht", "![Beschreibung]({static}/bilder/foto.jpg)"]),
        ("[x]({attach}/bilder/plan.doc)", ["Meinten Sie „{attach}/bilder/plan.pdf“?"]),
        ("[x]({static}/kurse/kurs.md)", ["verweist auf einen Beitrag oder eine Seite", "[Text]({filename}/kurse/kurs.md)"]),
        ("[x]({filename}/../geheim.md)", ["content/../geheim.md gibt es nicht"]),
    ],
)
def test_links_that_lead_nowhere(text, fragments):
    [(line, _, message)] = links(text)
    assert line == 6
    for fragment in fragments:
        assert fragment in message


def test_the_guess_is_by_file_name_and_never_the_item_itself():
    def guess(target: str, source: str = "kurse/kurs.md") -> str:
        [(_, _, message)] = links(f"[x]({{filename}}{target})", source)
        return message.partition("Meinten Sie ")[2].partition("?")[0]

    assert guess("/kurse/meldung.md") == "„{filename}/nachrichten/meldung.md“"  # right name, wrong folder
    assert guess("/pages/impresum.md") == "„{filename}/pages/impressum.md“"
    assert guess("/nachrichten/gibtsnicht.md") == ""  # no likely file: no guess
    assert guess("/kurse/kurss.md") == ""  # the item itself is never meant


# --- nothing that runs a script -----------------------------------------------------------

ATTACKS = [
    ("[x](javascript:alert(1))", "javascript:alert(1)", "javascript:"),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript:msgbox(1)", "vbscript:"),
    ('<a href="JaVa&#x09;Script&colon;alert(1)">x</a>', "JaVa&#x09;Script&colon;alert(1)", "javascript:"),
    ("<form action=javascript:alert(1)><button>Los</button></form>", "<form>", "Formular"),
    ("<img src=x onerror=alert(1)>", "onerror", "in <img>"),
    ("<details ontoggle=alert(1) open><summary>x</summary></details>", "ontoggle", "in <details>"),
    ("<svg/onload=alert(1)>", "onload", "in <svg>"),
    ('<img alt="a<b" onerror="alert(1)" src=x>', "onerror", "in <img>"),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "<iframe srcdoc>", "ganze Seite"),
    ('<base href="https://evil.example/">', "<base>", "Ziel aller Verweise"),
    ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "<meta>", "weiterleiten"),
    ('<object data="data:text/html,<script>alert(1)</script>"></object>', "data:text/html,<script>alert(1)</script>", "data:"),
    ("[x][ziel]\n\n[ziel]: javascript:alert(1)", "javascript:alert(1)", "javascript:"),
    ('# Titel {: onclick="alert(1)" }', "onclick", "nur #anker und .klasse"),
    ("Absatz mit Stil.\n{: style=\"position:fixed\" }", "style", "nur #anker und .klasse"),
]


@pytest.mark.parametrize(("text", "value", "why"), ATTACKS)
def test_whatever_runs_a_script_is_an_error_with_its_line(text, value, why):
    line = 12 + text.count("\n")  # the construct is on the text's last line
    errors = [e for e in body.scan("Erster Absatz.\n\n" + text, 10).errors if e.value == value]
    assert [e.line for e in errors][:1] == [line]
    assert why in errors[0].message
    assert any(f"{verb} Sie" in errors[0].message for verb in ("Löschen", "Verweisen", "Setzen"))
    # What Markdown makes of it is caught in the HTML too (the build's second net), on the same line.
    source = "Erster Absatz.\n\n" + text
    if "style=" not in text:
        assert line in {e.line for e in body.rendered(html(source), Scan(), source, 10)}


@pytest.mark.parametrize(
    "text",
    [
        "## Anmeldung {: #anmeldung .wichtig }",
        "Ein Absatz\n{: .hinweis }",
        "Mengen {a, b} und {filename}-Platzhalter im Fließtext",
        '<img src="data:image/png;base64,AAAA" alt=""> und ![Punkt](data:image/gif;base64,R0lG)',
        "<details open><summary>Mehr</summary>Text</details>",
        "[Mail](mailto:info@example.org) [Telefon](tel:+49301234) [Seite](https://example.org/a_(b))",
        "`<img src=x onerror=alert(1)>` und ```[x](javascript:alert(1))```",
        "Heute ist 3 < 4 und die on-Taste ist online.",
    ],
)
def test_legitimate_html_and_markdown_are_fine(text):
    assert found(text) == []
    assert body.rendered(html(text), Scan(), text, 10) == []


# Each took seconds (some minutes in Markdown) before: 12 s for "<a " in the scan alone.
HOSTILE = {
    "<img ": ("<img " * 8000, "<img"),
    '<p style="': ('<p style="' * 4000, "<p"),
    "<a ": ("<a " * 13000, "<a"),
    "![": ("![" * 20000, "["),
    "[": ("[" * 16000, "["),
    "> nested": (">" * 2000 + " x", "2000 Ebenen"),
}


@pytest.mark.parametrize("name", ["<img ", '<p style="', "<a ", "![", "[", "> nested"])
def test_hostile_input_is_refused_quickly_and_kept_from_markdown(name):
    text, value = HOSTILE[name]
    started = time.perf_counter()
    errors = body.scan(text, 4).errors
    assert time.perf_counter() - started < 2  # a very generous bound: it is linear now
    assert [(e.line, e.value) for e in errors] == [(4, value)]
    assert body.bounded(text) == ""


def test_the_scan_is_linear():
    def duration(repetitions: int) -> float:
        text = '<img alt="x" ' * repetitions + '<p style="' * repetitions + "![" * repetitions
        times = []
        for _ in range(3):  # the fastest of three: other work on the machine only adds
            started = time.perf_counter()
            body.scan(text, 1)
            times.append(time.perf_counter() - started)
        return min(times)

    # 20 times the input: about 20 times the time when linear, 400 times when quadratic.
    assert duration(8000) < 60 * duration(400) + 0.05


def test_limits_of_size_and_nesting():
    [large] = body.scan("Ein Satz. " * 25_000, 7).errors
    assert (large.line, large.value) == (7, "250 KB")
    assert large.message.startswith("Der Text ist 250 KB groß; mehr als 200 KB verarbeitet der Build nicht")
    nested = "".join("    " * i + "- Punkt\n" for i in range(25))
    [deep] = body.scan(nested, 3).errors
    assert (deep.line, deep.value) == (3 + 20, "21 Ebenen")
    assert body.bounded(nested) == "" and body.bounded("- a\n    - b\n") == "- a\n    - b\n"
