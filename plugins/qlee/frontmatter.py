"""Split a content file into YAML front matter and Markdown body, strictly.

Every scalar comes back as ``str``: YAML's implicit typing never decides a
value (``10:30`` is not 630, ``[no]`` is not ``[False]``). Our own parsers turn
the text into dates, lists and so on. Each key's line number is kept so that
errors can point at it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Union

import yaml

from .errors import ValidationError

# The plain-data shape of front matter after strict loading.
Value = Union[str, list["Value"], dict[str, "Value"], None]

FENCE = "---"


@dataclasses.dataclass(frozen=True)
class FrontMatter:
    """Front matter as plain data, with the line of every key.

    ``lines`` maps dotted field paths to 1-based line numbers in the file:
    ``"title"``, ``"event.start"``, ``"event.sessions[1].end"``.
    """

    data: Mapping[str, Value]
    lines: Mapping[str, int]
    body: str
    body_line: int  # line number where the Markdown body starts

    def line_of(self, field: str) -> int:
        """The line of ``field``, else of its nearest parent, else of the fence."""
        while field:
            if field in self.lines:
                return self.lines[field]
            field = field.rpartition(".")[0] if "." in field else ""
        return 1


def split(text: str) -> FrontMatter:
    """Parse ``text`` (a whole content file) into front matter and body.

    Raises ValidationError for a missing or unclosed fence, YAML syntax errors,
    duplicate keys, non-mapping front matter and YAML tags or anchors.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not text.strip():
        raise ValidationError(
            "Die Datei ist leer. Sie beginnt mit einer Zeile „---“, dann folgen "
            "die Angaben (z. B. „title: Mein Beitrag“), eine Zeile „---“ und der Text.",
            field="",
        ).at(line=1)
    if lines[0].rstrip() != FENCE:
        raise ValidationError(
            f"Die erste Zeile muss „---“ sein, sie lautet aber „{_shorten(lines[0])}“. "
            "Die Angaben (title, date, …) stehen zwischen zwei Zeilen „---“.",
        ).at(line=1)
    try:
        closing = next(i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE)
    except StopIteration:
        raise ValidationError(
            "Die schließende Zeile „---“ nach den Angaben fehlt. Setzen Sie eine Zeile "
            "„---“ zwischen die Angaben und den Text.",
        ).at(line=1) from None
    yaml_text = "\n".join(lines[1:closing])
    data, key_lines = _load_mapping(yaml_text, first_line=2)
    body = "\n".join(lines[closing + 1 :])
    return FrontMatter(data=data, lines=key_lines, body=body, body_line=closing + 2)


def _load_mapping(yaml_text: str, *, first_line: int) -> tuple[dict[str, Value], dict[str, int]]:
    offset = first_line - 1  # YAML marks are 0-based within yaml_text
    if "\t" in yaml_text:
        line_index = next(i for i, line in enumerate(yaml_text.split("\n")) if "\t" in line)
        raise ValidationError(
            "Die Angaben enthalten ein Tabulatorzeichen. Rücken Sie mit Leerzeichen ein, "
            "nicht mit Tabulatoren.",
        ).at(line=line_index + 1 + offset)
    try:
        node = yaml.compose(yaml_text, Loader=yaml.BaseLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        raise ValidationError(
            "Die Angaben sind kein gültiges YAML "
            f"({error.problem or error.context}). Prüfen Sie Einrückung, Doppelpunkte "
            "und Anführungszeichen; Beispiel: „title: Mein Beitrag“.",
        ).at(line=line) from None
    if node is None:
        return {}, {}
    if not isinstance(node, yaml.MappingNode):
        raise ValidationError(
            "Die Angaben müssen aus Zeilen der Form „schlüssel: wert“ bestehen, "
            "z. B. „title: Mein Beitrag“.",
        ).at(line=node.start_mark.line + 1 + offset)
    key_lines: dict[str, int] = {}
    data = _to_plain(node, "", key_lines, offset, seen=set())
    assert isinstance(data, dict)
    return data, key_lines


def _to_plain(
    node: yaml.Node, path: str, key_lines: dict[str, int], offset: int, seen: set[int]
) -> Value:
    line = node.start_mark.line + 1 + offset
    # A node met twice is an alias (*name): refused, which also stops alias bombs.
    if node.tag not in _PLAIN_TAGS or id(node) in seen:
        raise ValidationError(
            "YAML-Sonderzeichen wie „!“, „&“ oder „*“ am Anfang eines Werts sind hier nicht "
            "erlaubt. Setzen Sie den Wert in Anführungszeichen, z. B. \"&Co\".",
            field=path,
        ).at(line=line)
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            item_path = f"{path}[{index}]"
            key_lines[item_path] = item.start_mark.line + 1 + offset
            items.append(_to_plain(item, item_path, key_lines, offset, seen))
        return items
    mapping: dict[str, Value] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise ValidationError(
                "Ein Schlüssel muss ein einfaches Wort sein, z. B. „title“.", field=path
            ).at(line=key_node.start_mark.line + 1 + offset)
        key = key_node.value
        key_path = f"{path}.{key}" if path else key
        key_line = key_node.start_mark.line + 1 + offset
        if key in mapping:
            raise ValidationError(
                f"„{key}“ steht zweimal in den Angaben (zuerst in Zeile {key_lines[key_path]}). "
                "Löschen Sie eine der beiden Zeilen.",
                field=key_path,
            ).at(line=key_line)
        key_lines[key_path] = key_line
        mapping[key] = _to_plain(value_node, key_path, key_lines, offset, seen)
    return mapping


# BaseLoader resolves every plain node to these three tags; anything else is an explicit tag.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
