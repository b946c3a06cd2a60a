"""Validation of the fields every item has: values, and one located line per mistake."""

from __future__ import annotations

import datetime as dt
import textwrap
from zoneinfo import ZoneInfo

import hypothesis
import pytest
from hypothesis import given
from hypothesis import strategies as st

import qlee.content.eventblock
from qlee.content import fields
from qlee.content.fields import Image, item_metadata
from qlee.content.frontmatter import FrontMatter, split
from qlee.errors import ValidationError

from conftest import TINY_JPEG

BERLIN = ZoneInfo("Europe/Berlin")
CATEGORIES = {
    "Nachrichten": {"slug": "nachrichten", "description": "Neuigkeiten."},
    "Kurse": {"slug": "kurse", "description": "Lehrgänge."},
}
ARTICLE = """\
    ---
    title: Fachexpert:in für Wasserstoffanwendungen
    date: 04.03.2024
    category: Kurse
    ---
    Text.
"""


@pytest.fixture
def settings(tmp_path, source_date_epoch):
    content = tmp_path / "content"
    (content / "bilder").mkdir(parents=True)
    (content / "bilder" / "elektrolyseur.jpg").write_bytes(TINY_JPEG)
    (content / "notizen.jpg").write_bytes(b"\xff\xd8\xff")
    theme = tmp_path / "theme" / "templates"
    theme.mkdir(parents=True)
    for name in ("page", "article", "base"):
        (theme / f"{name}.html").write_text("")
    return {
        "TIMEZONE": "Europe/Berlin",
        "QLEE_CATEGORIES": CATEGORIES,
        "QLEE_YEAR_RANGE": (1990, 2100),
        "QLEE_ORGANIZER": "QLEE",
        "PATH": str(content),
        "STATIC_PATHS": ["bilder"],
        "THEME": str(tmp_path / "theme"),
    }


def read(text: str, settings, *, is_page: bool = False):
    matter = split(textwrap.dedent(text))
    return item_metadata(matter, source="kurse/x.md", is_page=is_page, settings=settings)


def with_lines(*lines: str, base: str = ARTICLE) -> str:
    """The base article with ``lines`` added at the end of its front matter."""
    head, _, body = textwrap.dedent(base).rpartition("---\n")
    return head + "".join(line + "\n" for line in lines) + "---\n" + body


def test_a_full_article(settings):
    values, errors = read(with_lines(
        "modified: 11.03.2024 10:15",
        "tags: [Wasserstoff, no, IHK, Wasserstoff]",
        "summary: >-",
        "  Der Lehrgang beginnt",
        "  im März.",
        "author: [Erika Mustermann, Max Mustermann]",
        "status: hidden",
        "image:",
        "  src: bilder/elektrolyseur.jpg",
        "  alt: Teilnehmende am Elektrolyseur",
        "  credit: © LEAG",
    ), settings)
    assert errors == []
    assert values == {
        "title": "Fachexpert:in für Wasserstoffanwendungen",
        "date": dt.datetime(2024, 3, 4, tzinfo=BERLIN),
        "modified": dt.datetime(2024, 3, 11, 10, 15, tzinfo=BERLIN),
        "category": "Kurse",
        "tags": ["Wasserstoff", "no", "IHK"],
        "summary": "Der Lehrgang beginnt im März.",
        "authors": ["Erika Mustermann", "Max Mustermann"],
        "slug": "fachexpert-in-fuer-wasserstoffanwendungen",
        "status": "hidden",
        "image": Image(src="bilder/elektrolyseur.jpg", alt="Teilnehmende am Elektrolyseur", credit="© LEAG"),
    }
    assert values["date"].utcoffset() == dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("lines", "key", "expected"),
    [
        (["tags: Wasserstoff, IHK Cottbus"], "tags", ["Wasserstoff", "IHK Cottbus"]),
        (["tags: [no]"], "tags", ["no"]),
        (["author: Esther Wegener"], "authors", ["Esther Wegener"]),
        (["slug: wasserstoff-2024"], "slug", "wasserstoff-2024"),
        (["modified: 04.03.2024"], "modified", dt.datetime(2024, 3, 4, tzinfo=BERLIN)),
    ],
)
def test_values(settings, lines, key, expected):
    values, errors = read(with_lines(*lines), settings)
    assert errors == []
    assert values[key] == expected


def test_a_wrong_offset_in_date_is_refused(settings):
    # Europe/Berlin is +02:00 in July; the item would have said 11:30.
    _, errors = read(ARTICLE.replace("date: 04.03.2024", "date: 2025-07-04T10:30+01:00"), settings)
    [error] = errors
    assert (error.field, error.line) == ("date", 3)
    assert "Beispiel: 2025-07-04T10:30+02:00" in error.message


def test_date_time_and_offset(settings):
    base = ARTICLE.replace("date: 04.03.2024", "date: 2024-10-27T02:30+01:00")
    values, errors = read(base, settings)
    assert errors == []
    # The second 02:30 of that night; compared as instants, since PEP 495 makes an
    # inter-zone == with a fold=1 time always False.
    assert values["date"].timestamp() == dt.datetime(2024, 10, 27, 1, 30, tzinfo=dt.UTC).timestamp()
    assert (values["date"].tzinfo, values["date"].fold) == (BERLIN, 1)


def test_modified_on_the_publication_day_is_not_before_it(settings):
    base = ARTICLE.replace("date: 04.03.2024", "date: 04.03.2024 10:00")
    values, errors = read(with_lines("modified: 04.03.2024", base=base), settings)
    assert errors == []
    assert values["modified"] == values["date"]


TITLE = "title: Fachexpert:in für Wasserstoffanwendungen"
# (added lines or replaced line, line of the error, field, fragments of the message)
MISTAKES = [
    ((TITLE, "title: [a, b]"), 2, "title", ['"[a, b]" ist eine Liste, muss aber ein Text sein']),
    ((TITLE, 'title: ""'), 2, "title", ["Die Angabe ist leer"]),
    ((TITLE, 'title: "Zeile\\nzwei"'), 2, "title", ['"Zeile\\nzwei" enthält einen Zeilenumbruch']),
    (("date: 04.03.2024", "date: 13.02.206"), 3, "date", ['"13.02.206"', "„206“ hat nur drei Stellen", "2026"]),
    (("date: 04.03.2024", "date: 30.02.2024"), 3, "date", ['"30.02.2024"', "Februar 2024 hat nur 29 Tage"]),
    (("date: 04.03.2024", "date: 03/04/2024"), 3, "date", ['"03/04/2024"', "mehrdeutig"]),
    (("date: 04.03.2024", "date: 04.03.2024 25:00"), 3, "date", ["Stunde 25"]),
    (("date: 04.03.2024", "date: 31.03.2024 02:30"), 3, "date", ["02:30 Uhr gibt es"]),
    (("date: 04.03.2024", "date: [04.03.2024]"), 3, "date", ["ist eine Liste"]),
    ("modified: 01.03.2024", 5, "modified", ['"01.03.2024" liegt vor dem Veröffentlichungsdatum (04.03.2024)']),
    ("modified: gestern", 5, "modified", ['"gestern" ist kein gültiges Datum']),
    (("category: Kurse", "category: kurse"), 4, "category", ['"kurse" ist keine der eingerichteten', "Meinten Sie „Kurse“?"]),
    (("category: Kurse", "category: Nachricht"), 4, "category", ["Meinten Sie „Nachrichten“?"]),
    (("category: Kurse", "category: Termine"), 4, "category", ['"Termine"', "„Nachrichten“, „Kurse“"]),
    ("tags: {a: b}", 5, "tags", ["ist eine Gruppe von Angaben, muss aber eine Liste sein"]),
    ("tags: [a, [b]]", 5, "tags[1]", ['"[b]" ist eine Liste']),
    ('tags: [Wasserstoff, "!!!"]', 5, "tags[1]", ['"!!!" enthält weder Buchstaben noch Ziffern']),
    ("summary: [a]", 5, "summary", ["ist eine Liste"]),
    ("author: {name: Erika}", 5, "author", ["ist eine Gruppe von Angaben"]),
    ("slug: Über uns", 5, "slug", ['"Über uns" ist als Adresse nicht erlaubt', "Beispiel: ueber-uns"]),
    ("slug: a--b", 5, "slug", ['"a--b"', "Beispiel: a-b"]),
    ("status: entwurf", 5, "status", ['"entwurf" ist nicht erlaubt', "Meinten Sie „draft“?"]),
    ("status: Published", 5, "status", ["Meinten Sie „published“?"]),
    ("image: bilder/elektrolyseur.jpg", 5, "image", ["ist ein Text, muss aber eine Gruppe"]),
    (("image:", "  src: bilder/elektrolyseur.jpg"), 5, "image.alt", ["„alt“ fehlt"]),
    (("image:", "  alt: Foto"), 5, "image.src", ["„src“ fehlt"]),
    (("image:", "  src: bilder/elektrolyser.jpg", "  alt: Foto"), 6, "image.src",
     ['"bilder/elektrolyser.jpg" gibt es nicht', "Meinten Sie „bilder/elektrolyseur.jpg“?"]),
    (("image:", "  src: https://example.org/a.jpg", "  alt: Foto"), 6, "image.src", ["Internetadresse"]),
    (("image:", "  src: ../geheim.jpg", "  alt: Foto"), 6, "image.src", ["„..“"]),
    (("image:", "  src: content/bilder/elektrolyseur.jpg", "  alt: Foto"), 6, "image.src", ["„content/“"]),
    (("image:", "  src: notizen.jpg", "  alt: Foto"), 6, "image.src", ["nicht im Bilderordner content/bilder/"]),
    (("image:", "  src: bilder/plan.pdf", "  alt: Foto"), 6, "image.src", ["kein Bild im Format"]),
    (("image:", "  src: bilder/elektrolyseur.jpg", "  alt: Foto", "  quelle: LEAG"), 8, "image.quelle",
     ['"quelle" ist keine bekannte Angabe', "Meinten Sie „credit“?"]),
    ((TITLE, "titel: Fach"), 2, "titel", ['"titel" ist keine bekannte Angabe', "Meinten Sie „title“?"]),
    ("datum: 04.03.2024", 5, "datum", ["Meinten Sie „date“?"]),
    ("Tags: [a]", 5, "Tags", ["Meinten Sie „tags“?"]),
    ("kategorie: Kurse", 5, "kategorie", ["Meinten Sie „category“?"]),
    ("farbe: blau", 5, "farbe", ['"farbe" ist keine bekannte Angabe', "Erlaubt sind: title"]),
    ("save_as: x.html", 5, "save_as", ["nur bei Seiten"]),
]


def _apply(change) -> str:
    if isinstance(change, str):
        return with_lines(change)
    old, *new = change
    if old.endswith(":") or old.startswith("  "):  # lines to add
        return with_lines(*change)
    text = textwrap.dedent(ARTICLE)
    assert f"{old}\n" in text
    return text.replace(old, "\n".join(new), 1)


@pytest.mark.parametrize(("change", "line", "field", "fragments"), MISTAKES)
def test_each_mistake_is_one_located_error(settings, change, line, field, fragments):
    _, errors = read(_apply(change), settings)
    assert len(errors) == 1, errors
    error = errors[0]
    assert (error.line, error.field) == (line, field)
    for fragment in fragments:
        assert fragment in error.message
    shown = str(error.at(path="content/kurse/x.md"))
    assert shown.startswith(f"content/kurse/x.md:{line}: {field}: ")
    assert "\n" not in shown


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("---\ndate: 04.03.2024\ncategory: Kurse\n---\n", "title"),
        ("---\ntitle: Kurs\ncategory: Kurse\n---\n", "date"),
        ("---\ntitle: Kurs\ndate: 04.03.2024\n---\n", "category"),
    ],
)
def test_required_fields_of_articles(settings, text, field):
    _, errors = read(text, settings)
    assert [(e.field, e.line) for e in errors] == [(field, 1)]
    assert f"Die Angabe „{field}“ fehlt. Beispiel: {field}: " in errors[0].message


def test_all_mistakes_of_a_file_at_once(settings):
    text = """\
        ---
        titel: Kurs
        date: 13.02.206
        category: Kurs
        tags: {a: b}
        status: entwurf
        slug: Kurs!
        ---
    """
    _, errors = read(text, settings)
    assert [(e.line, e.field) for e in errors] == [
        (2, "titel"),
        (3, "date"),
        (4, "category"),
        (5, "tags"),
        (7, "slug"),
        (6, "status"),
    ]


def test_a_page(settings):
    values, errors = read(
        "---\ntitle: Seite nicht gefunden\nstatus: hidden\nsave_as: 404.html\nurl: 404.html\ntemplate: page\n---\n",
        settings,
        is_page=True,
    )
    assert errors == []
    assert values == {
        "title": "Seite nicht gefunden",
        "slug": "seite-nicht-gefunden",
        "status": "hidden",
        "save_as": "404.html",
        "url": "404.html",
        "template": "page",
    }


@pytest.mark.parametrize(
    ("line", "field", "fragment"),
    [
        ("category: Kurse", "category", "Seiten (content/pages/) haben keine Kategorie"),
        ("event: {start: 04.03.2024}", "event", "haben keine Termine"),
        ("save_as: /etc/passwd.html", "save_as", "kein erlaubter Speicherort"),
        ("save_as: ../404.html", "save_as", "kein erlaubter Speicherort"),
        ("url: /impressum/", "url", "keine erlaubte Adresse"),
        ("template: pag", "template", "Meinten Sie „page“?"),
    ],
)
def test_page_mistakes(settings, line, field, fragment):
    _, errors = read(f"---\ntitle: Impressum\n{line}\n---\n", settings, is_page=True)
    assert [(e.line, e.field) for e in errors] == [(3, field)]
    assert fragment in errors[0].message


def test_pages_need_no_date(settings):
    values, errors = read("---\ntitle: Impressum\n---\n", settings, is_page=True)
    assert errors == []
    assert "date" not in values


def test_title_without_letters_needs_a_slug(settings):
    _, errors = read(ARTICLE.replace("title: Fachexpert:in für Wasserstoffanwendungen", 'title: "???"'), settings)
    assert [(e.line, e.field) for e in errors] == [(2, "title")]
    assert "slug: " in errors[0].message


def test_the_event_block_is_handed_to_parse_event(settings, monkeypatch):
    calls = []
    marker = object()
    problem = ValidationError("falsch", field="event.start").at(line=7)

    def fake_parse_event(matter, *, source, settings):
        calls.append((matter.data["event"], source))
        return marker, [problem]

    monkeypatch.setattr(qlee.content.eventblock, "parse_event", fake_parse_event)
    values, errors = read(with_lines("event:", "  start: 04.03.2024"), settings)
    assert calls == [({"start": "04.03.2024"}, "kurse/x.md")]
    assert values["event"] is marker
    assert errors == [problem]


def test_known_fields_match_the_content_model():
    assert set(fields.ARTICLE_FIELDS) == {
        "title", "date", "modified", "category", "tags", "summary", "author", "slug", "status", "image", "event",
    }
    assert set(fields.PAGE_FIELDS) - set(fields.ARTICLE_FIELDS) == {"save_as", "url", "template"}


_scalars = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["04.03.2024", "13.02.206", "2024-10-27T02:30", "Kurse", "no", "", "bilder/x.jpg", "page"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["src", "alt", "start", "x"]), inner, max_size=3),
    max_leaves=8,
)
_keys = st.sampled_from([*fields.ARTICLE_FIELDS, *fields.PAGE_FIELDS, "titel", "Title", ""])


# The fixture only provides read-only settings and files; sharing it between inputs is safe.
@hypothesis.settings(deadline=None, suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
@given(st.dictionaries(_keys, _values, max_size=8), st.booleans())
def test_any_front_matter_gives_values_or_errors(settings, data, is_page):
    matter = FrontMatter(data=data, lines={}, body="", body_line=1)
    values, errors = item_metadata(matter, source="kurse/x.md", is_page=is_page, settings=settings)
    assert all(isinstance(error, ValidationError) and error.line is not None for error in errors)
    assert all("\n" not in error.message for error in errors)
    if not errors:
        assert isinstance(values["title"], str) and values["slug"]


EVENT = """\
    ---
    title: Infoabend
    date: 10.01.2030 09:15
    category: Nachrichten
    event:
      start: 14.02.2030 18:00
      status: {status}
      location: {{name: Saal, city: Cottbus}}
    ---
    Text.
"""


@pytest.mark.parametrize(("status", "word"), [("cancelled", "Absage"), ("postponed", "Verschiebung")])
def test_a_cancelled_or_postponed_event_needs_modified(settings, status, word, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1895146200")  # 20.01.2030 14:30 in Berlin
    values, errors = read(EVENT.format(status=status), settings)
    [error] = errors
    assert (error.field, error.line, error.value) == ("modified", 7, None)  # at the line of the status
    # The example is the build time, an editor's "now" ...
    assert error.message.startswith(
        f"Bei einer {word} (status: {status}) bitte „modified“ mit dem Datum der Änderung angeben, "
        "z. B. modified: 20.01.2030 14:30 (als eigene Zeile"
    )
    # ... but never earlier than the item's own date (10.01.2030 09:15).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1577880000")  # 1 January 2020
    [error] = read(EVENT.format(status=status), settings)[1]
    assert "z. B. modified: 10.01.2030 09:15 (als eigene Zeile" in error.message
    # With modified, the same file is fine (and the iCal feed gets a new SEQUENCE).
    values, errors = read(with_lines("modified: 12.02.2030 11:00", base=EVENT.format(status=status)), settings)
    assert errors == [] and values["event"].status.value == status


@pytest.mark.parametrize("status", ["scheduled", "full"])
def test_other_statuses_need_no_modified(settings, status):
    assert read(EVENT.format(status=status), settings)[1] == []


def test_modified_is_asked_for_once(settings):
    # Misspelt: the unknown key names "modified"; no second error for the same line.
    _, errors = read(with_lines("geändert: 12.02.2030 11:00", base=EVENT.format(status="cancelled")), settings)
    assert [(e.field, "„modified“" in e.message) for e in errors] == [("geändert", True)]
    # Other mistakes in the event block do not hide it.
    broken = EVENT.format(status="cancelled").replace("start: 14.02.2030 18:00", "start: 14.02.203")
    _, errors = read(broken, settings)
    assert sorted(e.field for e in errors) == ["event.start", "modified"]
