"""Single values of the ``event:`` block: text, addresses, zone, UID, place.

Each parser takes the plain front-matter value and returns the typed value
or raises :class:`ValidationError` with a German message that quotes the
value and shows a correct one; ``eventblock.parse_event`` locates the error.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import unicodedata
import urllib.parse
import zoneinfo

from ..errors import ValidationError
from ..events.model import When
from . import typed
from .frontmatter import Value
from .typed import quote

UID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,199}")
_NUMBER = re.compile(r"-?\d{1,3}(\.\d+)?")


def line_text(value: Value, *, example: str) -> str:
    """One line of plain text, without control characters."""
    result = typed.text(value, example=example)
    assert isinstance(value, str)  # typed.text accepts texts only
    for char in result:
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            raise ValidationError(
                f"{quote(value)} enthält ein unsichtbares Steuerzeichen (U+{ord(char):04X}); "
                f"erlaubt ist nur Text in einer Zeile. Beispiel: {example}",
                value=value,
            )
    return result


def http_url(value: Value) -> str:
    """An absolute ``http://`` or ``https://`` address with a host, nothing else.

    The address goes into ``href`` attributes, JSON-LD and iCal: characters
    that could end an attribute or a tag (``"``, ``<``, ``>``), spaces,
    backslashes (which browsers read as ``/``) and invisible characters are
    refused rather than escaped, since a correct address never needs them
    unencoded.
    """
    example = "https://qlee.idloom.events/Wasserstoffexperte2024"
    url = typed.text(value, example=example)

    def refuse(problem: str) -> ValidationError:
        return ValidationError(
            f"{quote(value)} ist keine gültige Internetadresse: {problem} Beispiel: {example}",
            value=url,
        )

    for char in url:
        if char.isspace():
            raise refuse(
                "sie enthält ein Leerzeichen oder einen Zeilenumbruch; eine Adresse ist ein Wort ohne Leerzeichen."
            )
        if unicodedata.category(char) in ("Cc", "Cf"):
            raise refuse(
                f"sie enthält ein unsichtbares Steuerzeichen (U+{ord(char):04X}); tippen Sie sie neu, "
                "statt sie zu kopieren."
            )
        if char in _URL_FORBIDDEN:
            raise refuse(
                f"das Zeichen „{char}“ darf darin nicht vorkommen (in einer Adresse wird es als "
                f"{_URL_FORBIDDEN[char]} geschrieben)."
            )
    scheme, _, rest = url.partition(":")
    if scheme.lower() not in ("http", "https") or not rest.startswith("//"):
        raise refuse("erlaubt sind nur Adressen, die mit „https://“ oder „http://“ beginnen.")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        raise refuse("der Name der Website oder die Portnummer nach „://“ ist ungültig.") from None
    host = parts.hostname or ""
    if not (_HOST.fullmatch(host) or _is_ip_address(host)):
        raise refuse("nach „https://“ muss der Name der Website folgen (z. B. qlee.idloom.events).")
    return url


# Characters a URL never contains unencoded, with their percent form for the message.
_URL_FORBIDDEN = {'"': "%22", "<": "%3C", ">": "%3E", "\\": "%5C"}
# A host name: labels of letters (also umlauts), digits and inner hyphens, separated by dots.
_HOST = re.compile(r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)*[^\W_](?:[\w-]{0,61}[^\W_])?\.?")


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def parse_timezone(value: Value) -> zoneinfo.ZoneInfo:
    """An IANA time zone name such as ``Europe/Berlin``."""
    name = typed.text(value, example="Europe/Berlin")
    try:
        if name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)  # a file path, not a zone name
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        guess = typed.nearest(name, sorted(zoneinfo.available_timezones()))
        hint = f" Meinten Sie „{guess}“?" if guess else ""
        raise ValidationError(
            f"{quote(value)} ist keine bekannte Zeitzone.{hint} Beispiel: Europe/Berlin",
            value=name,
        ) from None


def parse_uid(value: Value) -> str:
    """A UID editors may write: letters, digits, ``-``, ``_``, ``.``, ``@``; at most 200 characters."""
    uid = typed.text(value, example="7f1c2e9a-4b0d-5c1e-9a3f-2d6b8e0c4a71")
    if not UID_PATTERN.fullmatch(uid):
        raise ValidationError(
            f"{quote(value)} ist keine gültige UID: erlaubt sind höchstens 200 Buchstaben "
            "(ohne Umlaute), Ziffern und die Zeichen - _ . @, beginnend mit einem Buchstaben "
            "oder einer Ziffer. Beispiel: 7f1c2e9a-4b0d-5c1e-9a3f-2d6b8e0c4a71",
            value=uid,
        )
    return uid


def parse_country(value: Value) -> str:
    """A two-letter ISO 3166 country code (``DE``); lower case is accepted."""
    code = typed.text(value, example="DE")
    if not re.fullmatch(r"[A-Za-z]{2}", code):
        raise ValidationError(
            f"{quote(value)} ist kein Ländercode: erwartet werden zwei Buchstaben nach ISO 3166, "
            "z. B. DE für Deutschland oder PL für Polen.",
            value=code,
        )
    return code.upper()


def parse_postal_code(value: Value, *, country: str) -> str:
    """A postal code; in Germany exactly five digits."""
    code = line_text(value, example="03222")
    if country == "DE" and not re.fullmatch(r"\d{5}", code):
        raise ValidationError(
            f"{quote(value)} ist keine deutsche Postleitzahl: erwartet werden fünf Ziffern, "
            'in Anführungszeichen, z. B. postal_code: "03222".',
            value=code,
        )
    return code


def parse_geo(value: Value) -> tuple[float, float]:
    """``[latitude, longitude]`` in decimal degrees, with a decimal point."""
    example = "geo: [51.87, 13.96]"
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], str)):
        raise ValidationError(
            f"{quote(value)} ist keine Koordinate: erwartet werden Breite und Länge als zwei "
            f"Zahlen mit Dezimalpunkt (nicht Komma). Beispiel: {example}",
            value=raw(value),
        )
    numbers = []
    for number, limit, name in ((value[0].strip(), 90, "Breite"), (value[1].strip(), 180, "Länge")):
        if not _NUMBER.fullmatch(number) or abs(float(number)) > limit:
            raise ValidationError(
                f"{quote(value)}: die {name} „{number}“ ist keine Zahl zwischen -{limit} und "
                f"{limit} mit Dezimalpunkt. Beispiel: {example}",
                value=raw(value),
            )
        numbers.append(float(number))
    return numbers[0], numbers[1]


def raw(value: Value) -> str | None:
    """The value as one text for ``ValidationError.value``."""
    return value if value is None or isinstance(value, str) else quote(value)[1:-1]


def shown(value: When) -> str:
    """A date as editors write it, for messages."""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")
