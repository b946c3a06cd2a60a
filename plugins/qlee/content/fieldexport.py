"""What is generated from the description of the fields (:mod:`fieldspec`).

- :func:`json_schema`: the JSON Schema (draft-07) of an article's or a page's
  front matter, which editors get live while they type (``.remarkrc.mjs``);
- :func:`reference_table`: the table of all fields in docs/redaktion-referenz.md;
- :func:`decap_config`: the configuration of the form editor (Decap CMS,
  admin/config.yml) with :func:`decap_fields` for each collection.

:func:`generated` gives the committed files with their expected text;
``python3 run.py schema`` writes them and a test fails when one is stale.

The JSON Schema is looser than the validator: a date only has to look like one
(``31.02.2024`` passes the pattern), a picture need not exist, and where YAML
would read ``2024`` as a number the schema accepts it as our reader does
(every value is text). The real check is ``python3 run.py check``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from . import typed
from .fieldspec import ARTICLE, IMAGE, PAGE, Field, Kind

SCHEMA_DIR = "schemas"
SCHEMA_FILES = {"article": ARTICLE, "page": PAGE}
GUIDE = "docs/redaktion-referenz.md"
TABLE_START = "<!-- Tabelle erzeugt aus plugins/qlee/content/fieldspec.py mit „python3 run.py schema“; nicht von Hand ändern. -->"
TABLE_END = "<!-- Ende der erzeugten Tabelle -->"

# What YAML may make of a value our reader takes as text (2024, 1.5, true).
_SCALAR = ["string", "number", "boolean"]
_DATE_NOTE = " Das Muster prüft nur die Schreibweise; ob es den Tag gibt, prüft „python3 run.py check“."
# One line of text, without the characters no text may hold (typed.invisible_character).
_LINE = f"^[^\\n\\r{typed.INVISIBLE_CLASS}]*$"
_URL_PATTERN = r'^[Hh][Tt][Tt][Pp][Ss]?://[^\s"<>\\]+$'


def schema_path(kind: str) -> str:
    return f"{SCHEMA_DIR}/{kind}.schema.json"


def sample(field: Field) -> Any:
    """The field's example as YAML reads it (a list stays a list), for the schema's ``examples``."""
    if field.kind is Kind.GROUP:
        return {child.name: sample(child) for child in _sample_children(field)}
    if field.kind is Kind.GROUPS:
        return [{child.name: sample(child) for child in _sample_children(field)}]
    return yaml.safe_load(field.example) if field.example.startswith(("[", '"')) else field.example


def _sample_children(group: Field) -> list[Field]:
    """The required children; of fields required "unless" each other, the first."""
    chosen: list[Field] = []
    for child in group.children:
        if child.required and not any(other.name in child.unless for other in chosen):
            chosen.append(child)
    return chosen


# --- JSON Schema ------------------------------------------------------------------------


def json_schema(group: Field, settings: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON Schema (draft-07) of the front matter described by ``group``."""
    schema = {"$schema": "http://json-schema.org/draft-07/schema#"}
    schema |= _group(group, settings)
    schema["description"] = group.help + " Erzeugt aus plugins/qlee/content/fieldspec.py." + _DATE_NOTE
    del schema["examples"]
    return schema


def _property(field: Field, settings: Mapping[str, Any]) -> dict[str, Any]:
    if field.kind is Kind.GROUP:
        return _group(field, settings)
    described: dict[str, Any] = {"title": field.label, "description": _description(field)}
    if field.kind is Kind.GROUPS:
        described |= {"type": "array", "minItems": 1, "items": _group(field, settings, titled=False)}
    elif field.kind in (Kind.TEXT, Kind.TEXTBLOCK):
        described |= {"type": _SCALAR, "minLength": 1}
        if field.pattern:
            described["pattern"] = f"^(?:{field.pattern})$"
        described["pattern"] = described.get("pattern", _LINE if field.kind is Kind.TEXT else typed.INVISIBLE_PATTERN)
        if field.max_length:
            described["maxLength"] = field.max_length
    elif field.kind is Kind.TEXTS:
        line = {"type": _SCALAR, "minLength": 1, "pattern": _LINE}
        described["anyOf"] = [line, {"type": "array", "minItems": 1, "items": line}]
    elif field.kind is Kind.DATE:
        described |= {"type": "string", "pattern": f"^(?:{field.pattern})$"}
        described["description"] += _DATE_NOTE
    elif field.kind is Kind.DATES:
        day = {"type": "string", "pattern": f"^(?:{field.pattern})$"}
        described["anyOf"] = [day, {"type": "array", "minItems": 1, "items": day}]
        described["description"] += _DATE_NOTE
    elif field.kind is Kind.CHOICE:
        described["enum"] = list(field.choices_for(settings))
    elif field.kind is Kind.URL:
        described |= {"type": "string", "pattern": _URL_PATTERN}
    elif field.kind is Kind.COORDINATES:
        described |= {"type": "array", "minItems": 2, "maxItems": 2, "items": {"type": ["number", "string"]}}
    described["examples"] = [field.example_for(settings) if field.choices_from else sample(field)]
    return described


def _group(group: Field, settings: Mapping[str, Any], *, titled: bool = True) -> dict[str, Any]:
    described: dict[str, Any] = {"title": group.label, "description": _description(group)} if titled else {}
    described |= {
        "type": "object",
        "properties": {child.name: _property(child, settings) for child in group.children},
        "additionalProperties": False,
    }
    required = [child.name for child in group.children if child.required and not child.unless]
    if required:
        described["required"] = required
    alternatives = []
    for child in group.children:
        names = sorted({child.name, *child.unless})
        if child.required and child.unless and names not in alternatives:
            alternatives.append(names)
    if alternatives:
        described["allOf"] = [{"anyOf": [{"required": [name]} for name in names]} for names in alternatives]
    if titled:
        described["examples"] = [sample(group)]
    return described


def _description(field: Field) -> str:
    text = field.help
    if field.required and field.unless:
        text += f" Pflicht, wenn {' oder '.join(f'„{name}“' for name in field.unless)} fehlt."
    elif field.required:
        text += " Pflicht."
    elif field.note:
        text += f" Pflicht {field.note}."
    return text


# --- the guide's reference table --------------------------------------------------------


def reference_table(settings: Mapping[str, Any]) -> str:
    """The Markdown table of every field: key, label, required, example, meaning."""
    page_only = [name for name in PAGE.keys if name not in ARTICLE.keys]
    rows = ["| Angabe | Bezeichnung | Pflicht | Beispiel | Bedeutung |", "|---|---|---|---|---|"]
    for group, names in ((ARTICLE, ARTICLE.keys), (PAGE, page_only)):
        for name in names:
            field = group.child(name)
            rows.append(_row(name, field, _item_required_cell(name), settings))
            rows.extend(_rows_below(field, name, settings))
    return "\n".join(rows)


def _item_required_cell(name: str) -> str:
    """Whether an item's field is required, for articles and pages."""
    if name not in PAGE.keys:
        return _required_cell(ARTICLE.child(name)) + " (nur Beiträge)"
    if name not in ARTICLE.keys:
        return _required_cell(PAGE.child(name)) + " (nur Seiten)"
    article, page = ARTICLE.child(name), PAGE.child(name)
    if article.required and not page.required:
        return "bei Beiträgen"
    return _required_cell(article)


def _rows_below(group: Field, prefix: str, settings: Mapping[str, Any]) -> list[str]:
    rows = []
    for child in group.children:
        path = f"{prefix}[].{child.name}" if group.kind is Kind.GROUPS else f"{prefix}.{child.name}"
        rows.append(_row(path, child, _required_cell(child), settings))
        rows.extend(_rows_below(child, path, settings))
    return rows


def _required_cell(field: Field) -> str:
    if field.required and field.unless:
        return "ja, wenn " + " oder ".join(f"`{name}`" for name in field.unless) + " fehlt"
    if field.required:
        return "ja"
    return f"nein; Pflicht {field.note}" if field.note else "nein"


def _row(path: str, field: Field, required: str, settings: Mapping[str, Any]) -> str:
    if field.kind is Kind.GROUP:
        example = "eingerückte Angaben darunter"
    elif field.kind is Kind.GROUPS:
        example = "Liste, je Eintrag eingerückte Angaben"
    else:
        example = f"`{field.name}: {field.example_for(settings)}`"
    cells = (f"`{path}`", field.label, required, example, field.help)
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def with_table(guide: str, table: str) -> str:
    """The guide's text with ``table`` between the markers."""
    pattern = re.compile(re.escape(TABLE_START) + r"\n(?:.*?\n)?" + re.escape(TABLE_END), re.DOTALL)
    if not pattern.search(guide):
        raise ValueError(f"{GUIDE} has no markers for the reference table")
    return pattern.sub(lambda _: f"{TABLE_START}\n{table}\n{TABLE_END}", guide, count=1)


# --- Decap CMS --------------------------------------------------------------------------

_WIDGETS = {
    Kind.TEXT: "string", Kind.TEXTBLOCK: "text", Kind.TEXTS: "list", Kind.DATE: "string",
    Kind.CHOICE: "select", Kind.URL: "string", Kind.COORDINATES: "list", Kind.GROUP: "object",
    Kind.GROUPS: "list", Kind.DATES: "list",
}  # fmt: skip
# The picture's file is chosen from content/bilder/ (or uploaded there) with Decap's image widget.
_PICTURE_FILE = IMAGE.child("src")
_PATTERN_MESSAGE = "So kann das nicht stehen. Ein Beispiel: {example}"

DECAP_CONFIG = "admin/config.yml"
DECAP_HEADER = (
    "# Erzeugt aus plugins/qlee/content/fieldspec.py mit „python3 run.py schema“; nicht von Hand ändern.\n"
    "# The form editor of `python3 run.py edit` (docs/redaktion.md; the GitHub backend: README.md).\n"
)
# A Markdown file's body; raw mode keeps Pelican's syntax ({filename} links, footnotes) as written.
_BODY = {"name": "body", "label": "Text", "widget": "markdown", "modes": ["raw"],
         "hint": "Der Text in Markdown (docs/redaktion.md)."}  # fmt: skip


def decap_fields(
    group: Field, settings: Mapping[str, Any], *, top: bool = True, optional: bool = False
) -> list[dict[str, Any]]:
    """The ``fields`` of a Decap CMS collection (config.yml) for ``group``'s front matter.

    ``optional``: ``group`` itself may be left out. Decap would still insist on
    its required children (an image's alt text when there is no image), so they
    are optional in the form; our check on saving asks for them when the group
    is filled in (tools/edit.py).
    """
    return [_widget(field, settings, top=top, optional=optional) for field in group.children]


def _widget(field: Field, settings: Mapping[str, Any], *, top: bool, optional: bool) -> dict[str, Any]:
    widget: dict[str, Any] = {
        "name": field.name,
        "label": field.label,
        "widget": "image" if field is _PICTURE_FILE else _WIDGETS[field.kind],
        # Fields required only beside another one are optional in the form; the check decides.
        "required": field.required and not field.unless and not optional,
        "hint": field.help,
    }
    if field.kind is Kind.DATE or (field.pattern and field is not _PICTURE_FILE):
        # Dates stay text in our grammar (a date alone is all day; no conversion to UTC);
        # the pattern checks the shape at once, our validator the calendar on save.
        message = _PATTERN_MESSAGE.format(example=field.example_for(settings).strip('"'))
        widget["pattern"] = [f"^(?:{field.pattern})$", message]
    elif field.kind is Kind.URL:
        widget["pattern"] = [_URL_PATTERN, _PATTERN_MESSAGE.format(example=field.example)]
    if field is _PICTURE_FILE:
        widget["choose_url"] = False  # a file in content/bilder/, never one from elsewhere
    if field.kind is Kind.CHOICE:
        widget["options"] = list(field.choices_for(settings))
    elif field.kind is Kind.COORDINATES:
        widget["field"] = {"name": "wert", "label": "Zahl", "widget": "number", "value_type": "float"}
    elif field.kind is Kind.DATES:
        widget["field"] = {"name": "datum", "label": "Datum", "widget": "datetime", "format": "DD.MM.YYYY",
                           "date_format": "DD.MM.YYYY", "time_format": False}
    elif field.kind in (Kind.GROUP, Kind.GROUPS):
        widget["fields"] = decap_fields(field, settings, top=False, optional=not widget["required"])
        if top and not widget["required"]:  # a news item seldom has an event: folded until opened
            widget["collapsed"] = True
    return widget


def decap_config(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Decap CMS's config.yml: local backend, pictures in content/bilder/, one collection per folder."""
    categories = {spec["slug"]: name for name, spec in settings["QLEE_CATEGORIES"].items()}
    content = Path(settings["PATH"]).name  # the folders as decap-server sees them, from the project
    collections = []
    for folder in settings["ARTICLE_PATHS"]:
        fields = decap_fields(ARTICLE, settings)
        if folder in categories:  # a course is filed under Kurse, news under Nachrichten
            category = next(widget for widget in fields if widget["name"] == "category")
            category["default"] = categories[folder]
        label = categories.get(folder, folder.capitalize())
        collections.append(_collection(f"{content}/{folder}", label, [*fields, _BODY]))
    for folder in settings["PAGE_PATHS"]:
        collections.append(_collection(f"{content}/{folder}", "Seiten", [*decap_fields(PAGE, settings), _BODY]))
    return {
        # Replaced by the local backend (decap-server) in `python3 run.py edit`; on the
        # published site the GitHub backend needs an OAuth helper (README.md), not set up.
        "backend": {"name": "github", "repo": "OWNER/REPOSITORY", "branch": "main"},
        "local_backend": {"url": "http://127.0.0.1:8081/api/v1", "allowed_hosts": ["127.0.0.1", "localhost"]},
        "locale": "de",
        "media_folder": f"{content}/{settings['STATIC_PATHS'][0]}",
        "public_folder": settings["STATIC_PATHS"][0],
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


def _collection(folder: str, label: str, fields: list[dict[str, Any]]) -> dict[str, Any]:
    name = folder.rsplit("/", 1)[-1]
    return {
        "name": name,
        "label": label,
        "folder": folder,
        "create": True,
        "extension": "md",
        "format": "yaml-frontmatter",
        # File names as in the folders now: news with their date, courses and pages by title.
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}" if name == "nachrichten" else "{{slug}}",
        "summary": "{{title}}",
        "fields": fields,
    }


def decap_yaml(settings: Mapping[str, Any]) -> str:
    """config.yml's text: the header, then :func:`decap_config` as plain YAML (no anchors)."""

    class _NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    body = yaml.dump(decap_config(settings), Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)
    return DECAP_HEADER + body


# --- the committed files ----------------------------------------------------------------


def generated(root: Path, settings: Mapping[str, Any]) -> dict[Path, str]:
    """Every generated file under ``root`` with the text it must have."""
    files = {
        root / schema_path(kind): json.dumps(json_schema(group, settings), ensure_ascii=False, indent=2) + "\n"
        for kind, group in SCHEMA_FILES.items()
    }
    guide = root / GUIDE
    files[guide] = with_table(guide.read_text(encoding="utf-8"), reference_table(settings))
    files[root / DECAP_CONFIG] = decap_yaml(settings)
    return files


def write(root: Path, settings: Mapping[str, Any]) -> list[Path]:
    """Write the generated files that differ; the paths written."""
    written = []
    for path, text in generated(root, settings).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
