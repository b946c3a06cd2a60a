"""Typed access to front-matter values, shared by ``fields``, ``eventblock`` and ``fieldspec``.

Front matter arrives as plain data (``str``, ``list``, ``dict``; see
:data:`frontmatter.Value`). The getters here turn one value into the expected
Python type or raise :class:`ValidationError` with a German message that
quotes the value and gives an example. They know nothing about files or
lines; :class:`Collector` adds those, so a validator can check every field
and report every problem, not only the first::

    found = Collector(matter)
    title = found.check("title", text, matter.data.get("title"), example="Neuer Lehrgang")
    found.extend(unknown_keys(matter.data, KNOWN, aliases={"titel": "title"}))
    return values, found.errors
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from ..errors import ValidationError
from .frontmatter import FrontMatter, Value

T = TypeVar("T")

_QUOTE_LIMIT = 80


# Characters that look like a space or like nothing, and make a value that looks right invalid.
INVISIBLE = {
    "\u00a0": "ein geschütztes Leerzeichen (U+00A0)",
    "\u202f": "ein schmales geschütztes Leerzeichen (U+202F)",
    "\u2009": "ein schmales Leerzeichen (U+2009)",
    "\u2007": "ein Ziffernleerzeichen (U+2007)",
    "\u200b": "ein unsichtbares Leerzeichen (U+200B)",
    "\u200c": "ein unsichtbares Zeichen (U+200C)",
    "\u200d": "ein unsichtbares Zeichen (U+200D)",
    "\u2060": "ein unsichtbares Zeichen (U+2060)",
    "\ufeff": "ein unsichtbares Zeichen (U+FEFF)",
    "\u00ad": "ein weicher Trennstrich (U+00AD)",
}

# What to type instead: a plain space for the spaces, nothing for the rest.
_VISIBLE = {char: " " if "Leerzeichen" in name and "unsichtbar" not in name else "" for char, name in INVISIBLE.items()}


def invisible(value: str) -> ValidationError | None:
    """The error for a value that is wrong because of a character one cannot see, else None."""
    found = next((char for char in value if char in INVISIBLE), None)
    if found is None:
        return None
    cleaned = "".join(_VISIBLE.get(char, char) for char in value)
    return ValidationError(
        f"Der Wert enthält {INVISIBLE[found]}, das man nicht sieht (oft beim Kopieren aus Word, "
        f"einer E-Mail oder einer Webseite). Tippen Sie den Wert neu: {cleaned.strip()}",
        value=value,
    )


def quote(value: Value) -> str:
    """``value`` in straight double quotes, on one line and shortened, for messages.

    Error reports have one line per error, so line breaks and other control
    characters are shown escaped (``\\n``), and long values are cut.
    """
    if isinstance(value, str):
        shown = value
    elif value is None:
        shown = ""
    else:
        shown = _flat(value)
    shown = "".join(_escape(char) for char in shown)
    if len(shown) > _QUOTE_LIMIT:
        shown = shown[: _QUOTE_LIMIT - 1] + "…"
    return f'"{shown}"'


def describe(value: Value) -> str:
    """What kind of value the editor wrote, in German (``eine Liste``, ...)."""
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, dict):
        return "eine Gruppe von Angaben"
    if value is None or value == "":
        return "leer"
    return "ein Text"


def text(value: Value, *, example: str, multiline: bool = False) -> str:
    """A non-empty text, stripped; one line unless ``multiline``.

    ``example`` is a correct value shown in the message, e.g. ``"Neuer Lehrgang"``.
    """
    if not isinstance(value, str):
        raise ValidationError(
            f"{quote(value)} ist {describe(value)}, muss aber ein Text sein. Beispiel: {example}",
            value=_raw(value),
        )
    stripped = value.strip()
    if not stripped:
        raise ValidationError(f"Die Angabe ist leer. Beispiel: {example}", value=value)
    invisible = invisible_character(stripped)
    if invisible is not None:
        raise ValidationError(
            f"{quote(value)} enthält ein unsichtbares Steuerzeichen ({invisible}); es stammt meist "
            f"aus kopiertem Text. Schreiben Sie die Angabe neu. Beispiel: {example}",
            value=value,
        )
    if not multiline and ("\n" in stripped or "\r" in stripped):
        raise ValidationError(
            f"{quote(value)} enthält einen Zeilenumbruch; erlaubt ist nur eine Zeile. "
            f"Beispiel: {example}",
            value=value,
        )
    return stripped


# Characters no text of ours may hold: C0 and C1 controls (tab and line breaks aside),
# surrogates and Unicode noncharacters. XML 1.0 refuses most of them (the Atom feed would
# not be well-formed), HTML calls them parse errors, and editors never mean to type them.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
    + "]"
)
# For the JSON Schema: the same class in a syntax JavaScript reads as well (no lone surrogates).
INVISIBLE_CLASS = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff"
INVISIBLE_PATTERN = f"^[^{INVISIBLE_CLASS}]*$"


def invisible_character(value: str) -> str | None:
    """The first character of ``value`` that no text may hold, as ``U+000B``; ``None`` if there is none.

    Tabs and line breaks count as text here (one-line texts refuse line breaks
    with a message of their own).
    """
    found = invisible_at(value)
    return found[1] if found else None


def invisible_at(value: str) -> tuple[int, str] | None:
    """Where the first character that no text may hold is in ``value``, and its name (``U+000B``)."""
    found = _INVISIBLE.search(value)
    return (found.start(), f"U+{ord(found[0]):04X}") if found else None


def text_list(value: Value, *, example: str, comma_separated: bool = True) -> list[str]:
    """A list of non-empty one-line texts.

    With ``comma_separated`` a single text is split at commas
    (``tags: Wasserstoff, IHK``), as editors often write it.
    """
    if isinstance(value, str):
        parts = value.split(",") if comma_separated else [value]
        items: list[Value] = [part for part in parts if part.strip()]
        if not items:
            raise ValidationError(f"Die Angabe ist leer. Beispiel: {example}", value=value)
    elif isinstance(value, list):
        items = value
    else:
        raise ValidationError(
            f"{quote(value)} ist {describe(value)}, muss aber eine Liste sein. Beispiel: {example}",
            value=_raw(value),
        )
    result = []
    for index, item in enumerate(items):
        try:
            result.append(text(item, example=example))
        except ValidationError as error:
            # The field "[1]" puts the error on the item's own line (tags[1]).
            raise error.at(field=f"[{index}]") from None
    return result


def mapping(value: Value, *, example: str) -> Mapping[str, Value]:
    """A group of ``key: value`` lines (a YAML mapping)."""
    if not isinstance(value, dict):
        raise ValidationError(
            f"{quote(value)} ist {describe(value)}, muss aber eine Gruppe eingerückter "
            f"Angaben sein. Beispiel: {example}",
            value=_raw(value),
        )
    return value


def choice(value: Value, choices: Sequence[str], *, aliases: Mapping[str, str] | None = None) -> str:
    """Exactly one of ``choices`` (case matters); the message names the nearest one.

    ``aliases`` (e.g. ``{"entwurf": "draft"}``) only improve the suggestion.
    """
    chosen = text(value, example=choices[0])
    if chosen in choices:
        return chosen
    allowed = ", ".join(f"„{option}“" for option in choices)
    guess = nearest(chosen, choices, aliases)
    hint = f" Meinten Sie „{guess}“?" if guess else ""
    raise ValidationError(
        f"{quote(value)} ist nicht erlaubt.{hint} Erlaubt sind: {allowed}.", value=chosen
    )


def nearest(name: str, known: Iterable[str], aliases: Mapping[str, str] | None = None) -> str | None:
    """The known name an editor most likely meant by ``name``, or ``None``.

    ``aliases`` maps likely wrong names (German words such as ``titel``) to
    the right one; otherwise the closest spelling wins, ignoring case.
    """
    known = list(known)
    folded = name.strip().casefold()
    for alias, target in (aliases or {}).items():
        if alias.casefold() == folded:
            return target
    by_fold = {option.casefold(): option for option in known}
    if folded in by_fold:
        return by_fold[folded]
    matches = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.6)
    return by_fold[matches[0]] if matches else None


def unknown_keys(
    data: Mapping[str, Value],
    known: Iterable[str],
    *,
    prefix: str = "",
    aliases: Mapping[str, str] | None = None,
) -> list[ValidationError]:
    """One error per key of ``data`` that is not in ``known``.

    Each error's ``field`` is the key's dotted path (``prefix.key``), so
    :meth:`Collector.extend` can find its line.
    """
    known = list(known)
    errors = []
    for key in data:
        if key in known:
            continue
        guess = nearest(key, known, aliases)
        hint = f"Meinten Sie „{guess}“? " if guess else ""
        errors.append(
            ValidationError(
                f"{quote(key)} ist keine bekannte Angabe. {hint}"
                f"Erlaubt sind: {', '.join(known)}.",
                field=f"{prefix}.{key}" if prefix else key,
                value=key,
            )
        )
    return errors


def too_long(value: str, limit: int, *, example: str) -> ValidationError:
    """The error for a text longer than ``limit`` characters."""
    return ValidationError(
        f"{quote(value)} ist {len(value)} Zeichen lang; erlaubt sind höchstens {limit}. "
        f"Kürzen Sie die Angabe. Beispiel: {example}",
        value=value,
    )


def missing(field: str, example: str) -> ValidationError:
    """The error for a required field that is not there."""
    name = field.rpartition(".")[2]
    return ValidationError(
        f"Die Angabe „{name}“ fehlt. Beispiel: {name}: {example}", field=field
    )


class Collector:
    """Gathers located errors for one item's front matter.

    Every error gets the line of its field (``matter.line_of``), so the report
    points at the key the editor has to fix.
    """

    def __init__(self, matter: FrontMatter):
        self.matter = matter
        self.errors: list[ValidationError] = []

    def check(self, field: str, parse: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        """``parse(*args, **kwargs)``, or ``None`` after recording its error at ``field``.

        An error that names a field of its own (``alt``) is placed below
        ``field`` (``image.alt``).
        """
        try:
            return parse(*args, **kwargs)
        except ValidationError as error:
            hidden = next((invisible(arg) for arg in args if isinstance(arg, str) and invisible(arg)), None)
            self.add(hidden or error, _join(field, error.field))
            return None

    def add(self, error: ValidationError, field: str | None = None) -> None:
        """Record ``error`` at ``field`` (default: the error's own field)."""
        where = error.field if field is None else field
        self.errors.append(error.at(line=self.matter.line_of(where), field=where))

    def extend(self, errors: Iterable[ValidationError]) -> None:
        """Record errors that already name their field."""
        for error in errors:
            self.add(error)


def _join(field: str, sub: str) -> str:
    if not sub:
        return field
    return f"{field}{sub}" if sub.startswith("[") else f"{field}.{sub}"


def _raw(value: Value) -> str | None:
    """The value as text for ``ValidationError.value``."""
    if value is None or isinstance(value, str):
        return value
    return _flat(value)


def _flat(value: Value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flat(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flat(item)}" for key, item in value.items()) + "}"
    return "" if value is None else value


def _escape(char: str) -> str:
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if char < " " or char == "\x7f":
        return f"\\x{ord(char):02x}"
    if _INVISIBLE.match(char):
        return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
    return char
