"""Single values of the ``event:`` block; here: the addresses of ``online`` and ``registration.url``."""

from __future__ import annotations

import pytest

from qlee.content import frontmatter
from qlee.content.eventblock import parse_event
from qlee.content.eventvalues import http_url
from qlee.errors import ValidationError

SETTINGS = {"TIMEZONE": "Europe/Berlin", "QLEE_ORGANIZER": "QLEE", "QLEE_YEAR_RANGE": (1990, 2100)}
EXAMPLE = "Beispiel: https://qlee.idloom.events/Wasserstoffexperte2024"


def refused(url: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        http_url(url)
    return caught.value


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "https://qlee.idloom.events/Wasserstoffexperte2024",
        "http://example.org/a?b=c&d=e#f",
        "HTTPS://EXAMPLE.ORG/",
        "https://example.org:8443/pfad",
        "https://user@example.org/",
        "https://bürgerhaus-lübbenau.de/anmeldung",
        "https://xn--brgerhaus-q9a.de/",
        "https://192.0.2.10/stream",
        "https://[2001:db8::1]/stream",
        "https://example.org/anmeldung?x=%22%3E%3Cscript%3E",
        "https://example.org/a'b",
    ],
)
def test_accepted(url):
    assert http_url(url) == url


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        # Characters that end an attribute or a tag, unencoded.
        ('https://example.org/anmeldung?x="><script>', "das Zeichen „\"“ darf darin nicht vorkommen (in einer Adresse wird es als %22"),
        ("https://example.org/<b>", "das Zeichen „<“"),
        ("https://example.org/a>b", "das Zeichen „>“"),
        ("https://example.org\\@evil.example/", "das Zeichen „\\“"),
        # Spaces and invisible characters.
        ("https://example.org/a b", "Leerzeichen"),
        ("https://example.org/a\tb", "Leerzeichen"),
        ("https://example.org/a\u00a0b", "Leerzeichen"),
        ("https://example.org/a\u2028b", "Leerzeichen"),
        ("https://example.org/a\x07b", "Steuerzeichen (U+0007)"),
        ("https://exa\u200bmple.org/", "Steuerzeichen (U+200B)"),
        ("https://example.org/\u202ecod.exe", "Steuerzeichen (U+202E)"),
        # Not an absolute http(s) address with a host.
        ("javascript:alert(1)", "nur Adressen, die mit „https://“ oder „http://“ beginnen"),
        ("JAVASCRIPT://x%0aalert(1)", "nur Adressen"),
        ("data:text/html,hallo", "nur Adressen"),
        ("ftp://example.org/", "nur Adressen"),
        ("www.example.org", "nur Adressen"),
        ("//example.org/pfad", "nur Adressen"),
        ("/veranstaltungen/", "nur Adressen"),
        ("https:example.org", "nur Adressen"),
        ("https://", "muss der Name der Website folgen"),
        ("https:///pfad", "muss der Name der Website folgen"),
        ("https://?x=1", "muss der Name der Website folgen"),
        ("https://:443/", "muss der Name der Website folgen"),
        ("https://.org/", "muss der Name der Website folgen"),
        ("https://-example.org/", "muss der Name der Website folgen"),
        ("https://example..org/", "muss der Name der Website folgen"),
        ("https://%65xample.org/", "muss der Name der Website folgen"),
        ("https://example.org:port/", "Portnummer"),
        ("https://[::1/", "Portnummer"),
    ],
)
def test_refused_with_reason_and_example(url, fragment):
    error = refused(url)
    assert fragment in error.message
    assert error.message.endswith(EXAMPLE)
    assert error.value == url


@pytest.mark.parametrize(
    ("key", "lines", "line"),
    [
        ("online", ["  online: '{url}'"], 6),
        ("registration.url", ["  registration:", "    url: '{url}'"], 7),
    ],
)
def test_located_at_the_key(key, lines, line):
    hostile = 'https://example.org/anmeldung?x="><script>'
    written = "\n".join(lines).format(url=hostile)
    matter = frontmatter.split(
        f"---\ntitle: Kurs\nevent:\n  start: 04.03.2024\n  location: {{name: Saal, city: Cottbus}}\n{written}\n---\n"
    )
    event, errors = parse_event(matter, source="kurse/x.md", settings=SETTINGS)
    assert event is None
    [error] = errors
    assert (error.field, error.line, error.value) == (f"event.{key}", line, hostile)
