"""What the Markdown body of an item may hold: links that lead somewhere, nothing from elsewhere.

Two promises the build keeps and ``invoke check`` checks without rendering:

- ``{filename}``, ``{static}`` and ``{attach}`` links name a file that exists
  under content/ (Pelican itself only logs an English warning and ships the
  placeholder as a broken address). Paths are resolved as Pelican does:
  from content/ with a leading ``/``, else from the item's own folder.
- Nothing in the body makes the reader's browser contact another site, as
  the privacy page promises: no ``<script>`` at all, and no iframe, image,
  video, audio, embed, object, stylesheet or CSS ``url()`` from an external
  address (``https://…`` or ``//…``), in raw HTML or as a Markdown image.
  Links to other sites (``<a href>``, ``[Text](https://…)``) stay allowed:
  they are followed only when the reader clicks them.

:func:`scan` reads the Markdown source with regular expressions, skipping
code blocks, code spans and HTML comments, so every finding has its line.
The build also runs :func:`rendered` on the HTML that Markdown made, which
catches what a source scan can miss; those findings get the line where the
address is written. Pure: no Pelican import.
"""

from __future__ import annotations

import dataclasses
import html
import posixpath
import re
import urllib.parse
from collections.abc import Collection, Iterable

from . import schema
from .errors import ValidationError
from .schema import quote

FIELD = "text"
LINK_KINDS = ("filename", "static", "attach")
EXAMPLE_VIDEO = "[Video ansehen](https://www.youtube.com/watch?v=…)"


@dataclasses.dataclass(frozen=True)
class Link:
    """A ``{filename}``/``{static}``/``{attach}`` link as written in the body."""

    kind: str  # filename | static | attach
    target: str  # the path after the placeholder, e.g. "/nachrichten/x.md"
    line: int


@dataclasses.dataclass(frozen=True)
class Scan:
    """Links to resolve (that needs the list of files) and what is wrong already."""

    links: tuple[Link, ...] = ()
    errors: tuple[ValidationError, ...] = ()


# Code and comments: shown as text or not at all, never loaded or linked.
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A code span ends in its paragraph: a stray backtick must not hide the rest of the text.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# As Pelican's INTRASITE_LINK_REGEX: {filename} or the old |filename|.
_LINK = re.compile(r"[{|](filename|static|attach)[|}]([^\s\"'<>)\]]*)")
# Tags that load something when the page is shown; <a> is not among them.
_LOADING = "script|iframe|frame|img|image|picture|video|audio|source|track|embed|object|link|input|style"
_TAG = re.compile(rf"<({_LOADING})(?=[\s/>])([^>]*)>", re.I | re.S)
_STYLED = re.compile(r"<[a-z][\w-]*\s[^>]*?\bstyle\s*=\s*(\"[^\"]*\"|'[^']*')", re.I | re.S)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)(?:</style\s*>|\Z)", re.I | re.S)
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_LOADING_ATTRIBUTES = {"src", "srcset", "data", "poster", "background", "href", "xlink:href"}
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')\s]+)|@import\s+[\"']([^\"']+)", re.I)
_IMAGE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\](?:\(\s*<?([^\s)>]*)|\[((?:[^\]\\]|\\.)*)\])?", re.S)
_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:\s*<?([^\s>]+)", re.M)


def scan(markdown: str, first_line: int, *, pictures: str = "bilder") -> Scan:
    """Links and external resources in the Markdown ``markdown`` whose first line is ``first_line``.

    ``pictures`` is the folder for images under content/ (for the example in messages).
    """
    text = _mask(markdown)
    line = _Lines(text, first_line)
    links = tuple(Link(match[1], match[2], line(match.start())) for match in _LINK.finditer(text))
    errors = [
        _loaded_error(found.tag, found.url, line(found.position), pictures)
        for found in _loaded(text)
    ]
    definitions = {_label(m[1]): m[2] for m in _DEFINITION.finditer(text)} if "]:" in text else {}
    for match in _IMAGE.finditer(text):
        url = match[2] if match[2] is not None else definitions.get(_label(match[3] or match[1]))
        if url and _external(url):
            errors.append(_loaded_error("img", url, line(match.start()), pictures))
    return Scan(links, tuple(sorted(errors, key=lambda e: e.line or 0)))


def rendered(
    markup: str, known: Scan, markdown: str, first_line: int, *, pictures: str = "bilder"
) -> list[ValidationError]:
    """External resources in the rendered HTML ``markup`` that :func:`scan` did not report.

    Each is placed on the line of ``markdown`` where its address is written
    (the body's first line when it cannot be found).
    """
    reported = {html.unescape(error.value or "") for error in known.errors}
    errors = []
    for found in _loaded(_COMMENT.sub("", markup)):
        url = html.unescape(found.url)
        value = "<script>" if found.tag == "script" else url
        if value in reported:
            continue
        reported.add(value)
        position = markdown.find(url) if url else markdown.lower().find("<script")
        if position < 0 and url:
            position = markdown.find(html.escape(url, quote=False))
        line = first_line + markdown.count("\n", 0, position) if position >= 0 else first_line
        errors.append(_loaded_error(found.tag, url, line, pictures))
    return errors


def checked(markdown: str, first_line: int, markup: str, *, pictures: str = "bilder") -> Scan:
    """:func:`scan` of the source and :func:`rendered` of its HTML ``markup`` together (for the build)."""
    found = scan(markdown, first_line, pictures=pictures)
    more = rendered(markup, found, markdown, first_line, pictures=pictures)
    return dataclasses.replace(found, errors=found.errors + tuple(more)) if more else found


def broken_links(
    links: Iterable[Link], source: str, items: Collection[str], files: Collection[str], *, root: str = "content"
) -> list[ValidationError]:
    """Errors for links of the item at ``source`` (path under content/) that lead nowhere.

    ``items`` are the Markdown items (paths under content/), ``files`` the
    static files; ``{filename}`` may name either (as in Pelican), ``{static}``
    and ``{attach}`` only a static file.
    """
    errors = []
    for link in links:
        path = _resolve(link.target, source)
        written = f"{{{link.kind}}}{link.target}"
        if link.kind == "filename":
            if path in items or path in files:
                continue
            candidates = [f"/{item}" for item in items if item != source]
            example = "[Text]({filename}/nachrichten/andere-meldung.md)"
            what = "Verweise auf Beiträge und Seiten"
        else:
            if path in files:
                continue
            if path in items:
                errors.append(ValidationError(
                    f"„{written}“ verweist auf einen Beitrag oder eine Seite; dafür steht "
                    f"{{filename}}, nicht {{{link.kind}}}. Beispiel: [Text]({{filename}}/{path})",
                    field=FIELD, value=written, line=link.line,
                ))
                continue
            candidates = [f"/{file}" for file in files]
            example = "![Beschreibung]({static}/bilder/foto.jpg)"
            what = "Verweise auf Bilder und Dateien"
        guess = _nearest(path, candidates)
        hint = f" Meinten Sie „{{{link.kind}}}{guess}“?" if guess else ""
        errors.append(ValidationError(
            f"Der Verweis „{written}“ führt ins Leere: {root}/{path} gibt es nicht.{hint} "
            f"{what} schreiben Sie mit dem Pfad unter {root}/, z. B. {example}",
            field=FIELD, value=written, line=link.line,
        ))
    return errors


@dataclasses.dataclass(frozen=True)
class _Loaded:
    tag: str
    url: str  # empty for a script without src
    position: int


def _loaded(text: str) -> list[_Loaded]:
    """Every script, and every external address a tag or style would load."""
    found = []
    for match in _TAG.finditer(text):
        tag = match[1].lower()
        if tag == "script":
            found.append(_Loaded(tag, "", match.start()))
            continue
        for name, *values in _ATTRIBUTE.findall(match[2]):
            name = name.lower()
            if name not in _LOADING_ATTRIBUTES or (name == "href" and tag not in ("link", "image")):
                continue
            value = next((v for v in values if v), "")
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
            found += [_Loaded(tag, url, match.start()) for url in urls if _external(url)]
    for pattern in (_STYLED, _STYLE_ELEMENT):
        for match in pattern.finditer(text):
            for url in (a or b for a, b in _CSS_URL.findall(match[1])):
                if _external(url):
                    found.append(_Loaded("style", url, match.start()))
    return sorted(found, key=lambda item: item.position)


def _loaded_error(tag: str, url: str, line: int, pictures: str) -> ValidationError:
    promise = (
        "beim Lesen der Seite würde der Browser Daten von dort laden, und die "
        "Datenschutzerklärung verspricht, dass das nicht geschieht"
    )
    if tag == "script":
        return ValidationError(
            "Der Text enthält ein <script>-Element. Skripte sind in Beiträgen und Seiten nicht "
            "erlaubt: sie können Daten an andere Websites senden, und die Datenschutzerklärung "
            "verspricht, dass das nicht geschieht. Löschen Sie es; für ein Video oder eine Karte "
            f"setzen Sie einen Link, z. B. {EXAMPLE_VIDEO}",
            field=FIELD, value="<script>", line=line,
        )
    if tag in ("img", "image", "picture", "input"):
        return ValidationError(
            f"Das Bild {quote(url)} liegt auf einer anderen Website; {promise}. Speichern Sie "
            f"das Bild unter content/{pictures}/ und binden Sie es so ein: "
            f"![Beschreibung]({{static}}/{pictures}/foto.jpg)",
            field=FIELD, value=url, line=line,
        )
    element = "CSS" if tag == "style" else f"<{tag}>"
    return ValidationError(
        f"Der Text bindet {quote(url)} von einer anderen Website ein ({element}); {promise}. "
        f"Setzen Sie stattdessen einen Link, z. B. {EXAMPLE_VIDEO}",
        field=FIELD, value=url, line=line,
    )


def _nearest(path: str, candidates: list[str]) -> str | None:
    """The existing path most likely meant, by file name (the folder is rarely the typo).

    Names are compared without their extension, which would make any two
    ``.md`` names look alike.
    """
    def stem(name: str) -> str:
        return posixpath.splitext(posixpath.basename(name))[0]

    by_stem: dict[str, list[str]] = {}
    for candidate in candidates:
        by_stem.setdefault(stem(candidate), []).append(candidate)
    name = schema.nearest(stem(path), by_stem) if stem(path) else None
    if name is None:
        return None
    same_folder = [c for c in by_stem[name] if posixpath.dirname(c) == "/" + posixpath.dirname(path)]
    return (same_folder or by_stem[name])[0]


def _external(url: str) -> bool:
    """Whether loading ``url`` contacts another host: ``https://…``, ``//…`` and the like."""
    value = html.unescape(url).strip()
    return value.startswith(("//", "\\\\")) or bool(re.match(r"[a-z][a-z0-9+.-]*:[/\\]{2}", value, re.I))


def _resolve(target: str, source: str) -> str:
    """The path under content/ that a link names, as Pelican resolves it."""
    path = html.unescape(target).split("#", 1)[0].split("?", 1)[0]
    path = urllib.parse.unquote(path)
    path = path[1:] if path.startswith("/") else posixpath.join(posixpath.dirname(source), path)
    return posixpath.normpath(path) if path else ""


def _label(text: str) -> str:
    """A Markdown reference label as it is matched: case and spacing do not count."""
    return " ".join(text.split()).casefold()


def _mask(markdown: str) -> str:
    """``markdown`` with fenced code, code spans and HTML comments blanked (newlines kept)."""
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match[0])

    text = markdown
    if "```" in text or "~~~" in text:
        lines = text.split("\n")
        fence: str | None = None
        for index, line in enumerate(lines):
            opening = _FENCE.match(line)
            if fence is None and opening:
                fence = opening[1]
                lines[index] = ""
            elif fence is not None:
                if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence) and not line.strip(" `~"):
                    fence = None
                lines[index] = ""
        text = "\n".join(lines)
    # Most texts have neither; the scans below are the costly part of this module.
    if "<!--" in text:
        text = _COMMENT.sub(blank, text)
    return _CODE_SPAN.sub(blank, text) if "`" in text else text


class _Lines:
    """Line numbers of positions in a text, counted from ``first``."""

    def __init__(self, text: str, first: int):
        self.text = text
        self.first = first

    def __call__(self, position: int) -> int:
        return self.first + self.text.count("\n", 0, position)
