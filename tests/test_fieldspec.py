"""The description of the fields and what is generated from it.

The JSON Schemas are checked with the ``jsonschema`` package against the real
content, the guide's valid examples and a set of broken front matter; the
committed files must be what the description generates (CI fails when stale).
"""

from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema
import pytest
import yaml
from test_editors_guide import VALID, as_file

from qlee import cli
from qlee.content import eventblock, fieldexport, fields, fieldspec, frontmatter
from qlee.content.fieldspec import ARTICLE, EVENT, PAGE, Kind

from conftest import PROJECT, TINY_JPEG

SETTINGS = cli.load_settings(PROJECT / "pelicanconf.py", PROJECT / "content")


def validator(kind: str) -> jsonschema.Draft7Validator:
    schema = json.loads((PROJECT / fieldexport.schema_path(kind)).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def kind_of(path: str) -> str:
    return "page" if path.startswith("content/pages/") else "article"


# --- the committed files ----------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(fieldexport.generated(PROJECT, SETTINGS)), ids=lambda p: p.name)
def test_committed_file_is_what_the_description_generates(path):
    expected = fieldexport.generated(PROJECT, SETTINGS)[path]
    assert path.read_text(encoding="utf-8") == expected, "stale: run `python3 run.py schema` and commit"


def test_the_guide_table_has_every_field_with_label_required_and_example():
    guide = (PROJECT / fieldexport.GUIDE).read_text(encoding="utf-8")
    rows = {}
    for line in guide.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        if line.startswith("| `") and len(cells) == 5:
            rows[cells[0].strip("`")] = cells
    described = {re.sub(r"^(event\.sessions)\.", r"\1[].", path): field for path, field in fieldspec.paths(ARTICLE)}
    described |= {path: field for path, field in fieldspec.paths(PAGE) if path not in ARTICLE.keys}
    assert set(rows) == set(described)
    for path, field in described.items():
        _, label, required, example, _ = rows[path]
        assert label == field.label
        assert required.startswith(("ja", "bei")) == field.required, path
        if field.kind not in (Kind.GROUP, Kind.GROUPS):
            assert example == f"`{field.name}: {field.example_for(SETTINGS)}`"


# --- the description and the validator agree --------------------------------------------


def test_key_lists_come_from_the_description():
    assert ARTICLE.keys == fields.ARTICLE_FIELDS and PAGE.keys == fields.PAGE_FIELDS
    assert EVENT.keys == eventblock.EVENT_KEYS
    assert EVENT.child("location").keys == eventblock.LOCATION_KEYS
    assert EVENT.child("registration").keys == eventblock.REGISTRATION_KEYS
    assert EVENT.child("sessions").keys == eventblock.SESSION_KEYS


def example_lines(group: fieldspec.Field, prefix: str = "", *, leave_out: tuple[str, ...] = ()) -> list[str]:
    """Front matter with every field of ``group`` at its example (``leave_out`` names dotted paths)."""
    indent = "  " * prefix.count(".")
    lines = []
    for field in group.children:
        path = prefix + field.name
        if path in leave_out:
            continue
        if field.kind is Kind.GROUP:
            lines += [f"{indent}{field.name}:", *example_lines(field, path + ".", leave_out=leave_out)]
        elif field.kind is Kind.GROUPS:
            first, *rest = (line.strip() for line in example_lines(field, path + ".", leave_out=leave_out))
            lines += [f"{indent}{field.name}:", f"{indent}  - {first}", *(f"{indent}    {line}" for line in rest)]
        else:
            lines.append(f"{indent}{field.name}: {field.example_for(SETTINGS)}")
    return lines


# Every example at once, except what excludes each other: sessions or start/end/repeat.
DOCUMENTS = {
    "content/kurse/alle-angaben.md": example_lines(ARTICLE, leave_out=("event.sessions",)),
    # The one example session cannot be cancelled as well: except needs a meeting that remains.
    "content/kurse/mit-terminen.md": example_lines(
        ARTICLE, leave_out=("event.start", "event.end", "event.repeat", "event.except")
    ),
    "content/pages/alle-angaben.md": example_lines(PAGE),
}


@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content"
    for folder in ("nachrichten", "kurse", "pages", "bilder"):
        (content / folder).mkdir(parents=True)
    (content / "bilder" / "foto.jpg").write_bytes(TINY_JPEG)
    settings = dict(SETTINGS, PATH=str(content), THEME=str(PROJECT / "theme"))
    return content, settings


@pytest.mark.parametrize("path", DOCUMENTS)
def test_every_example_is_valid_for_the_validator_and_the_schema(site, source_date_epoch, path):
    _content, settings = site
    text = "---\n" + "\n".join(DOCUMENTS[path]) + "\n---\nText.\n"
    matter = frontmatter.split(text)
    source = path.removeprefix("content/")
    _values, errors = fields.item_metadata(matter, source=source, is_page=kind_of(path) == "page", settings=settings)
    assert errors == [], "\n".join(map(str, errors))
    assert list(validator(kind_of(path)).iter_errors(dict(matter.data))) == []


def test_items_and_events_read_dates_alike():
    dates = fieldspec.Dates.from_settings(SETTINGS)
    assert dates.when("04.03.2024", example="x") == dt.date(2024, 3, 4)
    assert dates.moment("2024-03-04T09:30+01:00", example="x") == dates.when("04.03.2024 09:30 Uhr", example="x")
    assert dates.moment("2024-10-27T02:30+01:00", example="x").utcoffset() == dt.timedelta(hours=1)
    assert dates.moment("04.03.2024", example="x") == dt.datetime(2024, 3, 4, tzinfo=dates.tz)


# --- the JSON Schema: valid and invalid front matter -----------------------------------


REAL = sorted(path.relative_to(PROJECT).as_posix() for path in (PROJECT / "content").rglob("*.md"))


@pytest.mark.parametrize("path", REAL)
def test_real_content_passes_the_schema(path):
    matter = frontmatter.split((PROJECT / path).read_text(encoding="utf-8"))
    assert list(validator(kind_of(path)).iter_errors(dict(matter.data))) == []


@pytest.mark.parametrize("block", VALID, ids=lambda block: block.id)
def test_the_guides_valid_examples_pass_the_schema(block):
    matter = frontmatter.split(as_file(block))
    assert list(validator(kind_of(block.path)).iter_errors(dict(matter.data))) == []


ARTICLE_TEXT = "title: Kurs\ndate: 04.03.2024\ncategory: Kurse\n"
EVENT_TEXT = "event:\n  start: 04.03.2024 09:00\n  online: https://example.org/stream\n"
INVALID = {
    "no title": ("article", "date: 04.03.2024\ncategory: Kurse\n", "required"),
    "misspelt key": ("article", ARTICLE_TEXT + "titel: Kurs\n", "additionalProperties"),
    "US date": ("article", "title: Kurs\ndate: 03/04/2024\ncategory: Kurse\n", "pattern"),
    "unknown category": ("article", "title: Kurs\ndate: 04.03.2024\ncategory: Kurs\n", "enum"),
    "status in German": ("article", ARTICLE_TEXT + "status: entwurf\n", "enum"),
    "empty summary": ("article", ARTICLE_TEXT + 'summary: ""\n', "minLength"),
    "title on two lines": ("article", 'title: "Kurs\\nzwei"\ndate: 04.03.2024\ncategory: Kurse\n', "pattern"),
    "slug with capitals": ("article", ARTICLE_TEXT + "slug: Kurs-2024\n", "pattern"),
    "image without alt": ("article", ARTICLE_TEXT + "image:\n  src: bilder/foto.jpg\n", "required"),
    "event without start": ("article", ARTICLE_TEXT + "event:\n  online: https://example.org/x\n", "required"),
    "event without place": ("article", ARTICLE_TEXT + "event:\n  start: 04.03.2024\n", "required"),
    "online without scheme": ("article", ARTICLE_TEXT + EVENT_TEXT.replace("https://", ""), "pattern"),
    "event status": ("article", ARTICLE_TEXT + EVENT_TEXT + "  status: abgesagt\n", "enum"),
    "geo with one number": ("article", ARTICLE_TEXT + EVENT_TEXT + "  location: {name: A, city: B, geo: [51.8]}\n", "minItems"),
    "session without start": ("article", ARTICLE_TEXT + "event:\n  sessions:\n    - end: 04.03.2024\n  online: https://a.org\n", "required"),
    "page with category": ("page", "title: Impressum\ncategory: Kurse\n", "additionalProperties"),
}


@pytest.mark.parametrize("name", INVALID)
def test_invalid_front_matter_fails_the_schema_and_the_validator(site, source_date_epoch, name):
    kind, text, keyword = INVALID[name]
    matter = frontmatter.split(f"---\n{text}---\nText.\n")
    problems = list(validator(kind).iter_errors(dict(matter.data)))
    assert keyword in {problem.validator for problem in problems} | {
        cause.validator for problem in problems for cause in problem.context or ()
    }
    _, errors = fields.item_metadata(matter, source="kurse/x.md", is_page=kind == "page", settings=site[1])
    assert errors


def test_the_schema_explains_each_field_in_german():
    schema = json.loads((PROJECT / fieldexport.schema_path("article")).read_text(encoding="utf-8"))
    start = schema["properties"]["event"]["properties"]["start"]
    assert start["title"] == "Beginn" and "ganztägig" in start["description"]
    assert start["examples"] == ["04.03.2024 09:00"]
    assert "prüft „python3 run.py check“" in schema["description"]


# --- Decap CMS --------------------------------------------------------------------------

WIDGETS = {"string", "text", "select", "list", "object", "image", "markdown"}


def test_decap_fields_follow_the_description():
    widgets = fieldexport.decap_fields(ARTICLE, SETTINGS)
    assert [widget["name"] for widget in widgets] == list(ARTICLE.keys)

    def walk(items, group, optional=False):
        for widget, field in zip(items, group.children, strict=True):
            assert widget["widget"] in WIDGETS
            assert widget["label"] == field.label and widget["hint"] == field.help
            # Inside a group that may be left out, nothing is required in the form (our check asks).
            assert widget["required"] == (field.required and not field.unless and not optional)
            if field.children:
                walk(widget["fields"], field, optional or not widget["required"])

    walk(widgets, ARTICLE)
    by_name = {widget["name"]: widget for widget in widgets}
    assert by_name["category"] == {**by_name["category"], "widget": "select", "options": ["Nachrichten", "Kurse"]}
    assert by_name["summary"]["widget"] == "text" and by_name["date"]["widget"] == "string"
    # Dates stay in our grammar: the form's pattern is the schema's, with a German message.
    pattern, message = by_name["date"]["pattern"]
    assert re.fullmatch(pattern, "04.03.2024 09:00") and not re.fullmatch(pattern, "4. März 2024")
    assert message.startswith("So kann das nicht stehen.")
    image = {w["name"]: w for w in by_name["image"]["fields"]}
    assert image["src"]["widget"] == "image" and image["src"]["choose_url"] is False
    sessions = next(w for w in by_name["event"]["fields"] if w["name"] == "sessions")
    assert sessions["widget"] == "list" and [w["name"] for w in sessions["fields"]] == ["start", "end"]
    assert [w["name"] for w in fieldexport.decap_fields(PAGE, SETTINGS)][-3:] == ["save_as", "url", "template"]


def test_decap_config_has_a_collection_per_content_folder():
    config = yaml.safe_load((PROJECT / fieldexport.DECAP_CONFIG).read_text(encoding="utf-8"))
    assert config["local_backend"]["url"].startswith("http://127.0.0.1:")
    assert config["locale"] == "de" and config["media_folder"] == "content/bilder"
    by_name = {collection["name"]: collection for collection in config["collections"]}
    assert list(by_name) == [*SETTINGS["ARTICLE_PATHS"], *SETTINGS["PAGE_PATHS"]]
    for name, collection in by_name.items():
        assert collection["folder"] == f"content/{name}" and collection["format"] == "yaml-frontmatter"
        assert collection["fields"][-1]["name"] == "body"
    group = {"pages": PAGE}.get
    for name, collection in by_name.items():
        assert [w["name"] for w in collection["fields"][:-1]] == list(group(name, ARTICLE).keys)
    categories = {c: next(w for w in by_name[c]["fields"] if w["name"] == "category") for c in ("kurse", "nachrichten")}
    assert categories["kurse"]["default"] == "Kurse" and categories["nachrichten"]["default"] == "Nachrichten"
