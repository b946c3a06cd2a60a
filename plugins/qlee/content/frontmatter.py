"""Split a content file into YAML front matter and Markdown body, strictly.

Every scalar comes back as ``str``: YAML's implicit typing never decides a
value (``10:30`` is not 630, ``[no]`` is not ``[False]``). Our own parsers turn
the text into dates, lists and so on. Each key's line number is kept so that
errors can point at it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Union

import yaml

from ..errors import ValidationError

# The plain-data shape of front matter after strict loading.
Value = Union[str, list["Value"], dict[str, "Value"], None]  # noqa: UP007 - a recursive alias needs Union at run time

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
    lines, closing = _fenced(text)
    yaml_text = "\n".join(lines[1:closing])
    data, key_lines = _load_mapping(yaml_text, first_line=2)
    body = "\n".join(lines[closing + 1 :])
    return FrontMatter(data=data, lines=key_lines, body=body, body_line=closing + 2)


def body_of(text: str) -> str | None:
    """The body that :func:`split` would give, without reading the YAML; None if the fences are wrong."""
    try:
        lines, closing = _fenced(text)
    except ValidationError:
        return None
    return "\n".join(lines[closing + 1 :])


def _fenced(text: str) -> tuple[list[str], int]:
    """The lines of ``text`` (line ends normalised) and the index of the closing fence."""
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
    return lines, closing


def _load_mapping(yaml_text: str, *, first_line: int) -> tuple[dict[str, Value], dict[str, int]]:
    offset = first_line - 1  # YAML marks are 0-based within yaml_text
    if "\t" in yaml_text:
        raise _tab_error(yaml_text, offset)
    builder = _Builder(offset)
    try:
        for event in yaml.parse(yaml_text, Loader=_LOADER):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        found = _diagnosed(yaml_text.split("\n"), mark.line if mark else None, error.problem or error.context or "")
        if found is not None:
            index, diagnosis = found
            raise diagnosis.at(line=index + 1 + offset) from None
        raise _syntax_error(error.problem or error.context or "").at(
            line=(mark.line + 1 + offset) if mark else first_line
        ) from None
    except yaml.YAMLError as error:  # ReaderError: a character YAML does not allow
        position = getattr(error, "position", 0)
        character = getattr(error, "character", "")
        number = ord(character) if isinstance(character, str) and len(character) == 1 else character
        code = f"U+{number:04X}" if isinstance(number, int) else "?"
        raise ValidationError(
            f"Die Angaben enthalten ein unsichtbares Steuerzeichen ({code}). Löschen Sie es; "
            "oft hilft es, die Zeile neu zu tippen, statt sie zu kopieren.",
        ).at(line=yaml_text[:position].count("\n") + 1 + offset) from None
    return builder.result()


# libyaml where available: ten times faster, which `invoke check` on large sites needs.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
# Far deeper than any field we know (event.sessions[0].start is three levels), and low
# enough that hostile input cannot exhaust memory or the stack.
MAX_DEPTH = 12


class _Frame:
    """A mapping or list being filled, with its dotted path and the key awaiting a value."""

    __slots__ = ("container", "key", "path")

    def __init__(self, container: dict | list, path: str):
        self.container = container
        self.path = path
        self.key: str | None = None


class _Builder:
    """Plain data from a YAML event stream, without recursion (deep input cannot crash it).

    Events rather than nodes: every scalar stays text whatever it looks like, each
    key's line is known, and anchors, aliases and tags are refused where they stand.
    """

    def __init__(self, offset: int):
        self.offset = offset
        self.stack: list[_Frame] = []
        self.root: dict[str, Value] | None = None
        self.documents = 0
        self.lines: dict[str, int] = {}

    def result(self) -> tuple[dict[str, Value], dict[str, int]]:
        return (self.root if self.root is not None else {}), self.lines

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            return
        assert event.start_mark is not None  # the parser marks every event it emits
        line = event.start_mark.line + 1 + self.offset
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise ValidationError(
                    "Die Angaben enthalten eine zweite Zeile „---“ oder „...“. Alle Angaben "
                    "stehen zwischen der ersten und der zweiten Zeile „---“.",
                ).at(line=line)
            return
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()
            return
        parent = self.stack[-1] if self.stack else None
        if isinstance(parent, _Frame) and isinstance(parent.container, dict) and parent.key is None:
            self._key(event, parent, line)
            return
        path = self._child_path(parent, line)
        # The stubs declare anchor on NodeEvent and tag on its subclasses only; every event left
        # here is an alias, a scalar or a collection start, so both attributes exist.
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None or event.tag is not None:  # type: ignore[attr-defined]
            raise ValidationError(
                "YAML-Sonderzeichen wie „!“, „&“ oder „*“ am Anfang eines Werts sind hier nicht "
                "erlaubt. Setzen Sie den Wert in Anführungszeichen, z. B. \"&Co\".",
                field=path,
            ).at(line=line)
        if isinstance(event, yaml.ScalarEvent):
            value: Value = event.value
        else:
            value = {} if isinstance(event, yaml.MappingStartEvent) else []
        if parent is None:
            if not isinstance(value, dict):
                raise ValidationError(
                    "Die Angaben müssen aus Zeilen der Form „schlüssel: wert“ bestehen, "
                    "z. B. „title: Mein Beitrag“.",
                ).at(line=line)
            self.root = value
        elif isinstance(parent.container, dict):
            parent.container[parent.key] = value
            parent.key = None
        else:
            parent.container.append(value)
        if isinstance(value, (dict, list)):
            if len(self.stack) >= MAX_DEPTH:
                raise ValidationError(
                    f"Die Angaben sind zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen). "
                    "Prüfen Sie die Einrückung und die Klammern.",
                    field=path,
                ).at(line=line)
            self.stack.append(_Frame(value, path))

    def _key(self, event: yaml.Event, parent: _Frame, line: int) -> None:
        if not isinstance(event, yaml.ScalarEvent) or event.anchor is not None or event.tag is not None:
            raise ValidationError(
                "Ein Schlüssel muss ein einfaches Wort sein, z. B. „title“.", field=parent.path
            ).at(line=line)
        key = event.value
        key_path = f"{parent.path}.{key}" if parent.path else key
        if key in parent.container:
            raise ValidationError(
                f"„{key}“ steht zweimal in den Angaben (zuerst in Zeile {self.lines[key_path]}). "
                "Löschen Sie eine der beiden Zeilen.",
                field=key_path,
            ).at(line=line)
        self.lines[key_path] = line
        parent.key = key

    def _child_path(self, parent: _Frame | None, line: int) -> str:
        if parent is None:
            return ""
        if isinstance(parent.container, dict):
            return f"{parent.path}.{parent.key}" if parent.path else str(parent.key)
        path = f"{parent.path}[{len(parent.container)}]"
        self.lines[path] = line
        return path


# Common YAML problems, explained; libyaml and PyYAML word them slightly differently.
_SYNTAX_HINTS = (
    ("mapping values are not allowed",
     "Ein Wert enthält „: “ (Doppelpunkt und Leerzeichen). Setzen Sie den ganzen Wert in "
     "Anführungszeichen, z. B. title: \"Wasserstoff: der neue Lehrgang\"."),
    ("cannot start any token",
     "Ein Wert beginnt mit einem Zeichen wie „@“ oder „`“. Setzen Sie ihn in Anführungszeichen, "
     "z. B. author: \"@qlee\"."),
    ("expected ','", "Eine Klammer „[“ oder „{“ ist nicht geschlossen, z. B. tags: [Wasserstoff, IHK]."),
    ("expected ']'", "Eine Klammer „[“ ist nicht geschlossen, z. B. tags: [Wasserstoff, IHK]."),
    ("expected '}'", "Eine Klammer „{“ ist nicht geschlossen."),
    ("end of stream", "Ein Anführungszeichen oder eine Klammer ist nicht geschlossen, z. B. title: \"Neuer Lehrgang\"."),
    ("expected ':'", "Einer Zeile fehlt der Doppelpunkt nach dem Schlüssel, z. B. „title: Mein Beitrag“."),
    ("document start",
     "Eine Zeile „...“ ist in den Angaben nicht erlaubt; sie stehen zwischen zwei Zeilen „---“."),
    ("expected key", "Die Einrückung stimmt nicht: Angaben auf derselben Ebene beginnen in derselben Spalte."),
    ("block end", "Die Einrückung stimmt nicht: Angaben auf derselben Ebene beginnen in derselben Spalte."),
)


# The key a front-matter line starts with: "title: x", "  start: x", "- start: x".
_LINE_KEY = re.compile(r"[ \t]*(?:-[ \t]+)?([^\s:#\"'\[{&*!|>-][^:]*?)[ \t]*:(?:[ \t]|$)")


def _tab_error(yaml_text: str, offset: int) -> ValidationError:
    """A tab in the front matter, named by the key of its line, with the line fixed as example.

    YAML forbids tabs for indentation, and the parser's own message would not
    say which key is meant, so the first line with a tab is reported here.
    """
    lines = yaml_text.split("\n")
    index = next(i for i, line in enumerate(lines) if "\t" in line)
    line = lines[index]
    number = index + 1 + offset
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    wanted = indent.replace("\t", "  ")
    if "\t" in indent:  # where the line belongs: under a line ending in ":", else beside the one above
        filled = [text for text in lines[:index] if text.strip() and not text.lstrip().startswith("#")]
        above = filled[-1] if filled else ""
        above_indent = len(above) - len(above.lstrip(" "))
        wanted = " " * (above_indent + 2 if above.rstrip().endswith(":") else above_indent)
    example = _shorten(wanted + line[len(indent) :].replace("\t", " "), 60)
    match = _LINE_KEY.match(line)
    key = match[1] if match else None
    # With the tabs made spaces the lines usually parse; then the field has its full path.
    try:
        fixed = [*lines[:index], wanted + line[len(indent) :], *lines[index + 1 :]]
        _, paths = _load_mapping("\n".join(fixed).replace("\t", "  "), first_line=offset + 1)
    except ValidationError:
        paths = {}
    on_line = [path for path, at in paths.items() if at == number]
    if key is not None:
        on_line = [path for path in on_line if path == key or path.endswith("." + key)] or [key]
    field = max(on_line, key=len, default="")
    named = f"Die Zeile mit „{key}“" if key else "Die Zeile"
    if "\t" in indent:
        message = (
            f"{named} ist mit einem Tabulatorzeichen eingerückt. Rücken Sie mit Leerzeichen ein "
            f"(zwei je Ebene), nicht mit der Tabulatortaste. Beispiel: „{example}“"
        )
    else:
        message = (
            f"{named} enthält ein Tabulatorzeichen. Ersetzen Sie es durch ein Leerzeichen. "
            f"Beispiel: „{example}“"
        )
    return ValidationError(message, field=field, value=line).at(line=number)


# Quotes YAML does not know: they do not protect a value.
TYPOGRAPHIC_QUOTES = "„“”‚‘’«»"
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s:#\"'][^:]*?) *:(?: +(?P<value>.*))?$")


def _diagnosed(lines: list[str], index: int | None, problem: str) -> tuple[int, ValidationError] | None:
    """The cause of a YAML syntax error, where its line shows it: (line index, error), or None.

    The parser reports where it noticed the problem, which is often not what is
    wrong: a line indented one space too far looks to it like a value with „: “
    in it. This looks at the line and the one before.
    """
    if index is None or not 0 <= index < len(lines):
        return None
    line = lines[index]
    stripped = line.strip()
    previous = next(
        (i for i in range(index - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None
    )
    match = _KEY_LINE.match(line)
    value = (match["value"] or "").strip() if match else ""
    if match and value[:1] in TYPOGRAPHIC_QUOTES and ": " in value:
        fixed = f'{match["indent"]}{match["key"]}: "{value}"'
        return index, ValidationError(
            f"Der Wert von „{match['key']}“ enthält „: “ und steht in typografischen Anführungszeichen "
            f"({value[0]} … {value[-1]}); YAML erkennt nur gerade Anführungszeichen (\"). Setzen Sie den ganzen "
            f"Wert zusätzlich in gerade Anführungszeichen: {fixed.strip()}",
            field=match["key"],
        )
    if "did not find expected key" in problem or "expected <block end>" in problem:
        quoted = re.match(r'^ *(?:- +)?([^\s:#"\']+) *: *"(.*)$', line)
        if quoted and '"' in quoted[2].rstrip().rstrip('"'):
            inner = quoted[2].rstrip()
            inner = inner[:-1] if inner.endswith('"') else inner
            return index, ValidationError(
                f"Der Wert von „{quoted[1]}“ steht in geraden Anführungszeichen und enthält selbst "
                "welche; das zweite beendet den Wert zu früh. Schreiben Sie innen typografische "
                f"Anführungszeichen („…“) oder außen einfache: {quoted[1]}: '{inner}'",
                field=quoted[1],
            )
    indentation = "mapping values are not allowed" in problem or "did not find expected key" in problem
    if not indentation:
        return None
    dashed = next((i for i in (index, previous) if i is not None and re.match(r"^ *-[^\s-]", lines[i])), None)
    if dashed is not None:
        index, stripped = dashed, lines[dashed].strip()
        fixed = re.sub(r"^( *)-", r"\1- ", lines[dashed]).strip()
        return index, ValidationError(
            f"Nach dem Strich „-“ fehlt ein Leerzeichen: „{_shorten(stripped)}“. Ein Listeneintrag "
            f"beginnt mit „- “, z. B. „{_shorten(fixed)}“.",
        )
    if match and ": " not in value and previous is not None:
        above = lines[previous]
        indent, above_indent = len(match["indent"]), len(above) - len(above.lstrip(" "))
        if indent != above_indent and not above.rstrip().endswith(":") and not above.lstrip().startswith("- "):
            if above_indent == 0 and indent == 1:
                return index, ValidationError(
                    f"Die Zeile „{_shorten(stripped)}“ beginnt mit einem Leerzeichen. Angaben der obersten "
                    "Ebene beginnen ganz links (beim Löschen von „# “ bleibt leicht ein Leerzeichen stehen). "
                    f"Löschen Sie das Leerzeichen: „{_shorten(stripped)}“",
                    field=match["key"],
                )
            return index, ValidationError(
                f"Die Einrückung stimmt nicht: „{_shorten(stripped)}“ ist mit {indent} Leerzeichen "
                f"eingerückt, die Zeile davor („{_shorten(above.strip())}“) mit {above_indent}. Angaben "
                "derselben Ebene beginnen in derselben Spalte; eine Ebene tiefer stehen sie nur unter "
                "einer Zeile, die mit „:“ endet (zwei Leerzeichen je Ebene).",
                field=match["key"],
            )
    return None


def _syntax_error(problem: str) -> ValidationError:
    hint = next((text for key, text in _SYNTAX_HINTS if key in problem), None)
    return ValidationError(
        "Die Angaben sind kein gültiges YAML. "
        + (hint or "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen; Beispiel: „title: Mein Beitrag“.")
        + (f" (YAML meldet: {problem})" if problem else "")
    )


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
