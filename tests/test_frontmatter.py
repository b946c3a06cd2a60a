"""The strict front-matter reader: every scalar is text, every key has its line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qlee.content.frontmatter import MAX_DEPTH, FrontMatter, split
from qlee.errors import ValidationError


def doc(*lines: str, body: str = "Text.") -> str:
    return "\n".join(["---", *lines, "---", body])


def refused(text: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        split(text)
    return caught.value


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        # YAML 1.1 would make these a number (630), a boolean, a date, a float, null.
        ("start: 10:30", "start", "10:30"),
        ("date: 2024-03-04", "date", "2024-03-04"),
        ("answer: no", "answer", "no"),
        ("answer: yes", "answer", "yes"),
        ("version: 1.10", "version", "1.10"),
        ("zip: 01968", "zip", "01968"),
        ("empty: null", "empty", "null"),
        ("tilde: ~", "tilde", "~"),
        ("nothing:", "nothing", ""),
        ('quoted: "10:30"', "quoted", "10:30"),
        ("title: Über „QLEE“ – ß", "title", "Über „QLEE“ – ß"),
    ],
)
def test_every_scalar_is_text(line, key, value):
    assert split(doc(line)).data == {key: value}


def test_lists_of_text():
    matter = split(doc("tags: [no, 1.0, Wasserstoff]"))
    assert matter.data == {"tags": ["no", "1.0", "Wasserstoff"]}


def test_lines_of_keys_and_items():
    matter = split(doc(
        "title: Kurs",
        "event:",
        "  start: 04.03.2024",
        "  sessions:",
        "    - start: 04.03.2024 09:00",
        "      end: 04.03.2024 16:00",
        "    - start: 11.03.2024 09:00",
    ))
    assert matter.lines == {
        "title": 2,
        "event": 3,
        "event.start": 4,
        "event.sessions": 5,
        "event.sessions[0]": 6,
        "event.sessions[0].start": 6,
        "event.sessions[0].end": 7,
        "event.sessions[1]": 8,
        "event.sessions[1].start": 8,
    }
    assert matter.line_of("event.sessions[1].end") == 8  # falls back to the parent
    assert matter.line_of("event.location.city") == 3
    assert matter.line_of("unknown") == 1
    assert matter.body == "Text."
    assert matter.body_line == 10


def test_body_keeps_further_fences():
    matter = split("---\ntitle: a\n---\nText\n---\nmore")
    assert matter.body == "Text\n---\nmore"


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff---\ntitle: Kurs\n---\nText",  # byte order mark from Windows editors
        "---\r\ntitle: Kurs\r\n---\r\nText",  # CRLF line ends
        "---\rtitle: Kurs\r---\rText",  # old Mac line ends
        "--- \ntitle: Kurs\n---  \nText",  # trailing spaces after the fences
    ],
)
def test_bom_and_line_ends(text):
    matter = split(text)
    assert matter.data == {"title": "Kurs"}
    assert matter.lines == {"title": 2}
    assert matter.body == "Text"


def test_empty_front_matter_is_an_empty_mapping():
    assert split("---\n---\nText").data == {}
    assert split("---\n# nur ein Kommentar\n---\nText").data == {}


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "Datei ist leer"),
        ("  \n\n", 1, "Datei ist leer"),
        ("title: Kurs\n---\n", 1, "erste Zeile muss „---“ sein"),
        ("---\ntitle: Kurs\nText ohne Ende", 1, "schließende Zeile „---“"),
        ("---\ntitle:\tKurs\n---\n", 2, "Tabulatorzeichen"),
        ("---\ntitle: Kurs\nevent:\n\tstart: 04.03.2024\n---\n", 4, "Tabulatorzeichen"),
        ("---\ntitle: a\ntitle: b\n---\n", 3, "„title“ steht zweimal in den Angaben (zuerst in Zeile 2)"),
        ("---\nevent:\n  start: a\n  start: b\n---\n", 4, "„start“ steht zweimal"),
        ("---\ntitle: Wasserstoff: Lehrgang\n---\n", 2, "Anführungszeichen"),
        ('---\ntitle: "offen\ndate: 04.03.2024\n---\n', None, "nicht geschlossen"),
        ("---\ntags: [a, b\n---\n", None, "nicht geschlossen"),
        ("---\n- title\n---\n", 2, "„schlüssel: wert“"),
        ("---\njust text\n---\n", 2, "„schlüssel: wert“"),
        ("---\n? [a, b]\n: c\n---\n", 2, "Schlüssel muss ein einfaches Wort sein"),
        ("---\ntitle: a\n...\ndate: b\n---\n", 4, "„...“"),
        ("---\ntitle: a \x07\n---\n", 2, "Steuerzeichen (U+0007)"),
        ("---\ntitle: ok\nsummary: ä \x00\n---\n", 3, "Steuerzeichen (U+0000)"),
    ],
)
def test_refused_with_line(text, line, fragment):
    error = refused(text)
    assert fragment in error.message
    if line is not None:
        assert error.line == line
    assert "\n" not in error.message


@pytest.mark.parametrize(
    ("text", "line", "field", "fragments"),
    [
        # Indented with a tab: the key, its full path, and the line as it should be.
        (doc("title: Kurs", "event:", "\tstart: 04.03.2024"), 4, "event.start",
         ["Die Zeile mit „start“ ist mit einem Tabulatorzeichen eingerückt", "Beispiel: „  start: 04.03.2024“"]),
        (doc("title: Kurs", "image:", "\tsrc: bilder/x.jpg", "\talt: Foto"), 4, "image.src",
         ["„src“", "Beispiel: „  src: bilder/x.jpg“"]),
        (doc("title: Kurs", "event:", "  sessions:", "  \t- start: 04.03.2024"), 5, "event.sessions[0].start",
         ["„start“", "eingerückt"]),
        # A tab after the key: replaced by a space in the example.
        (doc("title:\tKurs"), 2, "title", ["Die Zeile mit „title“ enthält ein Tabulatorzeichen", "Beispiel: „title: Kurs“"]),
        # A list item has no key of its own; the item is named by its path.
        (doc("tags:", "\t- Wasserstoff"), 3, "tags[0]", ["Die Zeile ist mit einem Tabulatorzeichen", "„  - Wasserstoff“"]),
        # Lines that do not parse even without the tab still name the key.
        (doc("title: [Kurs", "\tdate: 04.03.2024"), 3, "date", ["„date“"]),
    ],
)
def test_a_tab_names_the_key_and_shows_the_line_fixed(text, line, field, fragments):
    error = refused(text)
    assert (error.line, error.field) == (line, field)
    for fragment in fragments:
        assert fragment in error.message
    assert "\t" not in error.message


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("---\ntitle: !!str Kurs\n---\n", 2, "title"),
        ("---\ntitle: !python/object:os.system x\n---\n", 2, "title"),
        ("---\ntitle: Kurs\nauthor: &who Erika\n---\n", 3, "author"),
        # The alias is reported where it stands, not at its anchor.
        ('---\ntitle: Kurs\nsummary: "&who"\ntags:\n  - a\n  - *who\n---\n', 6, "tags[1]"),
        ("---\nbase: &b {a: 1}\nother:\n  <<: *b\n---\n", 2, "base"),
    ],
)
def test_tags_anchors_and_aliases_are_refused_where_they_stand(text, line, field):
    error = refused(text)
    assert "Anführungszeichen" in error.message
    assert (error.line, error.field) == (line, field)


def test_quoted_special_characters_are_text():
    assert split(doc('author: "&Co"', 'note: "*wichtig*"', "tag: '!neu'")).data == {
        "author": "&Co",
        "note": "*wichtig*",
        "tag": "!neu",
    }


def test_deep_nesting_is_refused_not_crashing():
    deep = "[" * 100_000 + "]" * 100_000
    error = refused(doc(f"tags: {deep}"))
    assert f"mehr als {MAX_DEPTH} Ebenen" in error.message
    assert error.line == 2


def test_nesting_within_the_limit_is_fine():
    nested = "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1)
    data = split(doc(f"tags: {nested}")).data
    value = data["tags"]
    for _ in range(MAX_DEPTH - 2):
        value = value[0]
    assert value == ["x"]


@given(st.text())
def test_any_text_is_front_matter_or_refused(text):
    try:
        matter = split(text)
    except ValidationError as error:
        assert error.line is not None and error.line >= 1
        assert "\n" not in error.message
    else:
        assert isinstance(matter, FrontMatter)


_yaml_bits = st.sampled_from(
    ["---", "\n", "  ", "- ", ": ", "title", "tags", "[", "]", "{", "}", ",", "&a", "*a", "!x",
     '"', "'", "#", "|", ">", "?", "...", "ä", "\ufeff", "\r\n", "\t", "10:30", "no"]
)


@given(st.lists(_yaml_bits, max_size=40).map(lambda bits: "---\n" + "".join(bits) + "\n---\nText"))
def test_yaml_like_text_is_front_matter_or_refused(text):
    try:
        matter = split(text)
    except ValidationError as error:
        assert error.line is not None and 1 <= error.line <= text.count("\n") + 2
    else:
        assert all(isinstance(key, str) for key in matter.data)
        assert all(1 <= line <= text.count("\n") + 1 for line in matter.lines.values())
