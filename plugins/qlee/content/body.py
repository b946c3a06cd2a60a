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
- Nothing in the body runs a script on our domain, whoever pasted it: no
  event-handler attribute (``on…``), no ``javascript:``/``vbscript:``/``data:``
  address (``data:`` images excepted: an image runs nothing), no
  ``<iframe srcdoc>``, ``<base>``, ``<meta>`` or ``<form>``, and no attr_list
  attribute other than ``#id`` and ``.class``. (sanitizer.py strips the
  same from the HTML behind this check.)
- Markdown never sees input it needs seconds or its stack for: a body over
  :data:`MAX_BYTES`, nested deeper than :data:`MAX_DEPTH`, or with many
  unclosed ``[`` or ``<tag`` (:data:`MAX_UNCLOSED`) is refused, and
  :func:`bounded` keeps it from the converter.

:func:`scan` reads the Markdown source with regular expressions, skipping
code blocks, code spans and HTML comments, so every finding has its line.
The build also runs :func:`rendered` on the HTML that Markdown made, which
catches what a source scan can miss; those findings get the line where the
address is written. Tags are read by one forward pass (:func:`_tags`) and
every pattern here is linear, so hostile input costs no more than its length.
Pure: no Pelican import.
"""

from __future__ import annotations

import dataclasses
import html
import posixpath
import re
import urllib.parse
from collections.abc import Collection, Iterable

from ..errors import ValidationError
from . import typed
from .typed import quote

FIELD = "text"
# 200 KB is ten times the longest item we have and far more than anyone reads on
# one page; Markdown converts it in well under a second.
MAX_BYTES = 200_000
# Lists and quotes: three or four levels are what text needs; Markdown's stack
# gives out near 200 (blockquotes) and its time grows with the square before.
MAX_DEPTH = 20
# Unclosed "[" (per paragraph) or "<tag" (per body): Markdown searches for the
# end of each, so its time grows with the square or worse (16,000 "[" took 27 s).
MAX_UNCLOSED = 50
LINK_KINDS = ("filename", "static", "attach")
EXAMPLE_VIDEO = "[Video ansehen](https://www.youtube.com/watch?v=…)"


@dataclasses.dataclass(frozen=True)
class Link:
    """A link within the site as written in the body.

    ``{filename}``/``{static}``/``{attach}`` links, and plain addresses without a
    scheme (kind ``plain``): a site path (``/veranstaltungen/``) or a relative one
    (``programm.pdf``), which the build leaves as written.
    """

    kind: str  # filename | static | attach | plain
    target: str  # the path after the placeholder, e.g. "/nachrichten/x.md"; or the address
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
# As in Markdown, a comment needs its "-->"; an unclosed "<!--" hides nothing.
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# In HTML (the rendered text) an unclosed comment runs to the end, as browsers read it.
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# As Pelican's INTRASITE_LINK_REGEX: {filename} or the old |filename|.
_LINK = re.compile(r"[{|](filename|static|attach)[|}]([^\s\"'<>)\]]*)")
# Tags that load something when the page is shown; <a> is not among them.
_LOADING = frozenset(
    (
        "script iframe frame img image picture video "
        "audio source track embed object link input style"
    ).split()
)
# A tag: "<name", then attributes (quoted values may hold "<" and ">"), up to ">".
# Unquoted parts stop at "<", so each scan ends at the next tag: linear.
_TAG_START = re.compile(r"<([A-Za-z][^\s/<>]*)")
_TAG_REST = re.compile(r"(?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+")
_TAG_REST_PLAIN = re.compile(r"[^<>]*+")  # after an unclosed quote: no quotes at all
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_LOADING_ATTRIBUTES = {"src", "srcset", "data", "poster", "background", "href", "xlink:href"}
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')\s]+)|@import\s+[\"']([^\"']+)", re.I)
# Labels hold no "[" (as in Python-Markdown), so each try stops at the next bracket.
_IMAGE = re.compile(r"!\[((?:[^\[\]\\]|\\.)*)\](?:\(\s*<?([^\s)>]*)|\[((?:[^\[\]\\]|\\.)*)\])?", re.S)
_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\[\]\\]|\\.)+)\]:\s*<?([^\s>]+)", re.M)
# The address of a Markdown link or image, with one level of parentheses.
_LINK_URL = re.compile(r"\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]*\))*)")
# Attributes that hold an address the browser follows or loads.
_URL_ATTRIBUTES = frozenset(
    (
        "href src action formaction srcset poster xlink:href data background cite "
        "longdesc ping codebase dynsrc lowsrc manifest icon to from values"
    ).split()
)
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
_DATA_IMAGE = {("img", "src"), ("img", "srcset"), ("source", "srcset")}  # an image runs nothing
# attr_list: {: …} or { #id .class key=value } (Markdown's extra).
_ATTR_LIST = re.compile(r"\{(:?)[ ]*([^{}\n]*)\}")
_ATTR_LIST_ITEM = re.compile(r"[^\s=]+=(?:\"[^\"]*\"|'[^']*'|\S*)|\S+")
_NESTING = re.compile(r"^([ \t>]*)((?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))?", re.M)
_BRACKET = re.compile(r"\\.|[\[\]]|\n[ \t]*\n")


def scan(markdown: str, first_line: int, *, pictures: str = "bilder") -> Scan:
    """Links and external resources in the Markdown ``markdown`` whose first line is ``first_line``.

    ``pictures`` is the folder for images under content/ (for the example in messages).
    """
    size = len(markdown.encode())
    if size > MAX_BYTES:
        return Scan(errors=(_too_large(size, first_line),))
    invisible = typed.invisible_at(markdown)
    if invisible is not None:  # in code and comments too: the feeds carry the whole text
        position, name = invisible
        return Scan(errors=(_invisible(name, first_line + markdown.count("\n", 0, position)),))
    text = _mask(markdown)
    line = _Lines(text, first_line)
    tags = _tags(text)
    links = tuple(Link(match[1], match[2], line(match.start())) for match in _LINK.finditer(text))
    links += tuple(Link(PLAIN, url, line(position)) for url, position in _plain(text, tags))
    errors = [
        _loaded_error(found.tag, found.url, line(found.position), pictures)
        for found in _loaded(text, tags)
    ]
    definitions = {_label(m[1]): m[2] for m in _DEFINITION.finditer(text)} if "]:" in text else {}
    for match in _IMAGE.finditer(text):
        url = match[2] if match[2] is not None else definitions.get(_label(match[3] or match[1]))
        if url and _external(url):
            errors.append(_loaded_error("img", url, line(match.start()), pictures))
        elif not match[1].strip():  # one message for an external image: it goes anyway
            errors.append(_no_alt(url or "", line(match.start()), pictures))
    # In HTML, alt="" is the deliberate mark of a decorative image; no alt at all is an oversight.
    loads_external = {error.line for error in errors}
    for tag in tags:
        attributes = dict(tag.attributes)
        if tag.name == "img" and tag.closed and "alt" not in attributes and line(tag.position) not in loads_external:
            errors.append(_no_alt(attributes.get("src", ""), line(tag.position), pictures))
    errors += [_active_error(found, line(found.position)) for found in _active(text, tags)]
    errors += _limits(text, tags, line)
    return Scan(links, tuple(sorted(errors, key=lambda e: e.line or 0)))


def bounded(markdown: str) -> str:
    """``markdown``, or nothing if it is beyond what Markdown converts quickly or holds characters
    no page may hold (:func:`scan` says why)."""
    if len(markdown.encode()) > MAX_BYTES or typed.invisible_at(markdown) is not None:
        return ""
    text = _mask(markdown)
    return "" if _limits(text, _tags(text), _Lines(text, 1)) else markdown


def rendered(
    markup: str, known: Scan, markdown: str, first_line: int, *, pictures: str = "bilder"
) -> list[ValidationError]:
    """External resources and scripts in the rendered HTML ``markup`` that :func:`scan` did not report.

    Each is placed on the line of ``markdown`` where its address is written
    (the body's first line when it cannot be found).
    """
    reported = {html.unescape(error.value or "") for error in known.errors}
    lines = {error.line for error in known.errors}
    errors = []
    text = _HTML_COMMENT.sub("", markup)
    tags = _tags(text)

    def line_of(written: str, fallback: str = "") -> int:
        position = markdown.find(written) if written else markdown.lower().find(fallback)
        if position < 0 and written:
            position = markdown.find(html.escape(written, quote=False))
        return first_line + markdown.count("\n", 0, position) if position >= 0 else first_line

    for found in _loaded(text, tags):
        url = html.unescape(found.url)
        value = "<script>" if found.tag == "script" else url
        if value in reported:
            continue
        reported.add(value)
        errors.append(_loaded_error(found.tag, url, line_of(url, "<script"), pictures))
    lower = markdown.lower()
    for active in _active(text, tags, markdown=False):
        value = html.unescape(active.value)
        needle = active.kind if active.kind == "srcdoc" else active.value
        needle = f"<{active.tag}" if active.kind in ("base", "meta", "form") else needle
        position = max(lower.find(needle.lower()), markdown.find(value))
        line = first_line + markdown.count("\n", 0, position) if position >= 0 else first_line
        if value in reported or line in lines:
            continue
        reported.add(value)
        errors.append(_active_error(dataclasses.replace(active, value=value), line))
    return errors


def checked(markdown: str, first_line: int, markup: str, *, pictures: str = "bilder") -> Scan:
    """:func:`scan` of the source and :func:`rendered` of its HTML ``markup`` together (for the build)."""
    found = scan(markdown, first_line, pictures=pictures)
    more = rendered(markup, found, markdown, first_line, pictures=pictures)
    return dataclasses.replace(found, errors=found.errors + tuple(more)) if more else found


def broken_links(
    links: Iterable[Link],
    source: str,
    items: Collection[str],
    files: Collection[str],
    *,
    root: str = "content",
    site: SitePaths | None = None,
    pictures: str = "bilder",
) -> list[ValidationError]:
    """Errors for links of the item at ``source`` (path under content/) that lead nowhere.

    ``items`` are the Markdown items (paths under content/), ``files`` the
    static files; ``{filename}`` may name either (as in Pelican), ``{static}``
    and ``{attach}`` only a static file. A plain relative address never works
    (the page's address is not its file's folder); a site path must be one of
    ``site`` (not checked without it).
    """
    errors = []
    for link in links:
        if link.kind == PLAIN:
            error = _plain_error(link, source, items, files, root, site, pictures)
            if error is not None:
                errors.append(error)
            continue
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


PLAIN = "plain"


@dataclasses.dataclass(frozen=True)
class SitePaths:
    """The addresses the site has, for site paths written in a body (``/veranstaltungen/``).

    ``exact``: addresses known one by one (items, the site's own pages, static
    files), as ``/kurse/x/``; ``open``: folders whose contents are generated and
    not listed here (``/schlagwort/``); ``paginated``: the part of a second page's
    address after the first page's (``seite/``).
    """

    exact: frozenset[str]
    open: tuple[str, ...] = ()
    paginated: str = ""

    def __contains__(self, path: str) -> bool:
        if path in self.exact or path.startswith(self.open):
            return True
        if self.paginated and f"/{self.paginated}" in path:
            return path.partition(f"/{self.paginated}")[0] + "/" in self.exact
        return False


def _plain(text: str, tags: list[_Tag]) -> list[tuple[str, int]]:
    """Addresses within the site written without a placeholder: Markdown links and images, <a>, <img>."""
    found = []
    if "](" in text:
        found += [(match[1], match.start()) for match in _LINK_URL.finditer(text)]
    if "]:" in text:
        found += [(match[2], match.start()) for match in _DEFINITION.finditer(text)]
    for tag in tags:
        if tag.name in ("a", "img"):
            wanted = "href" if tag.name == "a" else "src"
            found += [(value, tag.position) for name, value in tag.attributes if name == wanted]
    return [(url, position) for url, position in found if _within_site(url)]


def _within_site(url: str) -> bool:
    value = html.unescape(url).strip()
    if not value or value.startswith(("#", "?", "{", "|", "//", "\\")):
        return False
    return not re.match(r"[a-z][a-z0-9+.-]*:", value, re.I)


def _plain_error(
    link: Link,
    source: str,
    items: Collection[str],
    files: Collection[str],
    root: str,
    site: SitePaths | None,
    pictures: str,
) -> ValidationError | None:
    written = link.target
    address = html.unescape(written).split("#", 1)[0].split("?", 1)[0]
    if address.startswith("/"):
        path = urllib.parse.unquote(address)
        path = path[: -len("index.html")] if path.endswith("/index.html") else path
        if site is None or path in site or path.rstrip("/") + "/" in site.exact:
            return None
        guess = typed.nearest(path, site.exact) or typed.nearest(path.rstrip("/") + "/", site.exact)
        hint = f" Meinten Sie {guess}?" if guess else ""
        return ValidationError(
            f"Der Verweis {quote(written)} führt ins Leere: die Adresse {path} gibt es auf der Website "
            f"nicht.{hint} Für einen Beitrag oder eine Seite schreiben Sie am sichersten den Pfad der "
            "Datei, z. B. [Text]({filename}/nachrichten/andere-meldung.md)",
            field=FIELD, value=written, line=link.line,
        )
    path = _resolve(address, source)
    if path in items:
        fix = f"Schreiben Sie [Text]({{filename}}/{path})"
        found = "ist ein Beitrag oder eine Seite"
    elif path in files:
        fix = f"Schreiben Sie [Text]({{static}}/{path})"
        found = "liegt unter " + root + "/"
    else:
        guess = _nearest(path, [f"/{file}" for file in (*files, *items)])
        hint = f" Meinten Sie „{{{'filename' if guess[1:] in items else 'static'}}}{guess}“?" if guess else ""
        return ValidationError(
            f"Der Verweis {quote(written)} führt ins Leere: {root}/{path} gibt es nicht.{hint} Verweise "
            f"auf Bilder und Dateien schreiben Sie mit dem Pfad unter {root}/, z. B. "
            f"![Beschreibung]({{static}}/{pictures}/foto.jpg) oder [Programm]({{static}}/{pictures}/programm.pdf), "
            "Verweise auf Beiträge und Seiten z. B. [Text]({filename}/nachrichten/andere-meldung.md)",
            field=FIELD, value=written, line=link.line,
        )
    return ValidationError(
        f"Der Verweis {quote(written)} {found} ({root}/{path}), würde auf der Website aber ins Leere "
        f"führen: eine Seite hat eine andere Adresse als ihre Datei. {fix}",
        field=FIELD, value=written, line=link.line,
    )


def _no_alt(url: str, line: int, pictures: str) -> ValidationError:
    shown = quote(url) if url else "ohne Adresse"
    return ValidationError(
        f"Das Bild {shown} hat keinen Alternativtext. Wer die Seite nicht sieht (Screenreader) oder "
        "das Bild nicht lädt, erfährt sonst nicht, was es zeigt. Beschreiben Sie es in den eckigen "
        f"Klammern, z. B. ![Teilnehmende bei der Zertifikatsübergabe]({{static}}/{pictures}/foto.jpg), "
        "oder in HTML mit alt=\"…\".",
        field=FIELD, value=url, line=line,
    )


@dataclasses.dataclass(frozen=True)
class _Tag:
    name: str  # lower case
    attributes: tuple[tuple[str, str], ...]  # (lower-case name, value as written)
    position: int
    closed: bool  # ends in ">"
    content: str = ""  # of <style>: raw text up to </style>


def _tags(text: str) -> list[_Tag]:
    """Every start tag in ``text``, in one forward pass (linear in its length).

    A tag that does not end in ">" still counts (its attributes may reach a
    browser); after the first unclosed quote, quotes are no longer honoured,
    so no scan runs to the end of the text twice.
    """
    tags = []
    rest = _TAG_REST
    position = 0
    lower = ""
    while start := _TAG_START.search(text, position):
        # Both rest patterns match the empty text, so match() never gives None.
        matched = rest.match(text, start.end())
        assert matched is not None
        end = matched.end()
        if text[end:end + 1] in ("\"", "'"):
            rest = _TAG_REST_PLAIN
            matched = rest.match(text, start.end())
            assert matched is not None
            end = matched.end()
        closed = text.startswith(">", end)
        attributes = tuple(
            (name.lower(), next((v for v in values if v), ""))
            for name, *values in _ATTRIBUTE.findall(text, start.end(), end)
        )
        name = start[1].lower()
        position = end + 1 if closed else end
        content = ""
        if name == "style" and closed:  # raw text: what looks like a tag in it is CSS
            lower = lower or text.lower()
            close = lower.find("</style", position)
            close = len(text) if close < 0 else close
            content, position = text[position:close], close
        tags.append(_Tag(name, attributes, start.start(), closed, content))
    return tags


@dataclasses.dataclass(frozen=True)
class _Loaded:
    tag: str
    url: str  # empty for a script without src
    position: int


def _loaded(text: str, tags: list[_Tag]) -> list[_Loaded]:
    """Every script, and every external address a tag or style would load."""
    found = []
    for tag in tags:
        if tag.name == "script":
            found.append(_Loaded("script", "", tag.position))
            continue
        for name, value in tag.attributes:
            if tag.name in _LOADING and name in _LOADING_ATTRIBUTES:
                if name == "href" and tag.name not in ("link", "image"):
                    continue
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                found += [_Loaded(tag.name, url, tag.position) for url in urls if _external(url)]
        styles = [value for name, value in tag.attributes if name == "style"] + [tag.content]
        for style in styles:
            for url in (a or b for a, b in _CSS_URL.findall(style)):
                if _external(url):
                    found.append(_Loaded("style", url, tag.position))
    return sorted(found, key=lambda item: item.position)


@dataclasses.dataclass(frozen=True)
class _Active:
    """Something that would run a script (or send the reader elsewhere) on our pages."""

    kind: str  # handler | scheme | srcdoc | base | meta | form | attr_list
    value: str  # the attribute name, the address or the element, as written
    tag: str
    position: int


def _active(text: str, tags: list[_Tag], *, markdown: bool = True) -> list[_Active]:
    """Event handlers, script addresses and active elements in ``text``.

    Markdown links and attribute lists are looked for only in Markdown: in
    HTML, code would show them as text.
    """
    found = []
    for tag in tags:
        if tag.name in ("base", "meta", "form"):
            found.append(_Active(tag.name, f"<{tag.name}>", tag.name, tag.position))
        for name, value in tag.attributes:
            if name.startswith("on") and len(name) > 2:
                found.append(_Active("handler", name, tag.name, tag.position))
            elif name == "srcdoc":
                found.append(_Active("srcdoc", f"<{tag.name} srcdoc>", tag.name, tag.position))
            elif name in _URL_ATTRIBUTES and _scripting(value, (tag.name, name) in _DATA_IMAGE):
                found.append(_Active("scheme", value, tag.name, tag.position))
    if not markdown:
        return found
    if "](" in text:
        for match in _LINK_URL.finditer(text):
            # Which bracket opened the link is not known here: a data: image passes, as in <img>.
            if _scripting(match[1], _is_data_image(match[1])):
                found.append(_Active("scheme", match[1], "a", match.start(1)))
    if "]:" in text:
        for match in _DEFINITION.finditer(text):
            if _scripting(match[2], False):
                found.append(_Active("scheme", match[2], "a", match.start(2)))
    if "{" in text:
        for match in _ATTR_LIST.finditer(text):
            items = _ATTR_LIST_ITEM.findall(match[2])
            if not (match[1] or "=" in match[2] or any(item[0] in "#." for item in items)):
                continue  # {filename} or text in braces, not an attribute list
            for item in items:
                key = item.partition("=")[0].lower()
                if item[0] not in "#." and key not in ("id", "class"):
                    found.append(_Active("attr_list", key, match[0], match.start()))
                    break
    return sorted(found, key=lambda item: item.position)


def _scripting(url: str, image: bool) -> bool:
    """Whether following or loading ``url`` runs a script (data: in an image does not)."""
    value = re.sub(r"[\x00-\x20]+", "", html.unescape(url)).lower()
    return value.startswith(_SCRIPT_SCHEMES) and not (image and value.startswith("data:"))


def _is_data_image(url: str) -> bool:
    return re.sub(r"[\x00-\x20]+", "", html.unescape(url)).lower().startswith("data:image/")


def _limits(text: str, tags: list[_Tag], line: _Lines) -> list[ValidationError]:
    """What Markdown would need seconds or its whole stack for, in the masked ``text``."""
    errors = []
    for match in _NESTING.finditer(text):
        prefix = match[1]
        quotes = prefix.count(">")
        indent = len(prefix.rpartition(">")[2].expandtabs(4)) // 4 if match[2] else 0
        depth = quotes + indent + (1 if match[2] else 0)
        if depth > MAX_DEPTH:
            errors.append(ValidationError(
                f"Listen und Zitate sind hier {depth} Ebenen tief verschachtelt; mehr als {MAX_DEPTH} "
                "Ebenen verarbeitet der Build nicht (so tief liest niemand, und die Umwandlung würde "
                "abstürzen oder sehr lange dauern). Rücken Sie weniger tief ein oder teilen Sie die "
                "Liste in mehrere Listen auf.",
                field=FIELD, value=f"{depth} Ebenen", line=line(match.start()),
            ))
            break
    if "[" in text:
        depth, start = 0, 0
        for match in _BRACKET.finditer(text):
            token = match[0]
            if token == "[":
                depth += 1
                start = start if depth > 1 else match.start()
                if depth > MAX_UNCLOSED:
                    errors.append(ValidationError(
                        f"Der Absatz enthält mehr als {MAX_UNCLOSED} „[“ ohne passende „]“; damit würde "
                        "die Umwandlung des Textes sehr lange dauern. Schließen Sie jede Klammer, oder "
                        "schreiben Sie eine einzelne eckige Klammer als \\[ (z. B. \\[1\\]).",
                        field=FIELD, value="[", line=line(start),
                    ))
                    break
            elif token == "]":
                depth = max(depth - 1, 0)
            elif token[0] == "\n":
                depth = 0
    unclosed = [tag for tag in tags if not tag.closed]
    if len(unclosed) > MAX_UNCLOSED:
        first = unclosed[0]
        errors.append(ValidationError(
            f"Der Text enthält {len(unclosed)}-mal „<{first.name}“ ohne schließendes „>“; mehr als "
            f"{MAX_UNCLOSED} solche Stellen würden die Umwandlung des Textes sehr lange dauern lassen. "
            "Schließen Sie jedes HTML-Element mit „>“, oder schreiben Sie ein einzelnes „<“ als &lt;.",
            field=FIELD, value=f"<{first.name}", line=line(first.position),
        ))
    return errors


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


_NO_SCRIPTS = (
    "Skripte sind in Beiträgen und Seiten nicht erlaubt: ein eingefügtes Stück Text (etwa aus "
    "einer E-Mail oder von einer anderen Website) könnte sonst auf unserer Website Eingaben der "
    "Leser abgreifen oder die Seite verändern"
)
_EXAMPLE_LINK = "[Text](https://www.example.org/)"


def _active_error(found: _Active, line: int) -> ValidationError:
    value = found.value
    if found.kind == "handler":
        message = (
            f"Das Attribut {quote(value)} in <{found.tag}> führt ein Skript aus, sobald der Leser "
            f"die Seite öffnet oder etwas anklickt. {_NO_SCRIPTS}. Löschen Sie das Attribut."
        )
    elif found.kind == "scheme":
        scheme = re.sub(r"[\x00-\x20]+", "", html.unescape(value)).lower().partition(":")[0]
        why = (
            "ein „data:“-Verweis enthält ein ganzes Dokument, das Skripte ausführen kann"
            if scheme == "data" else f"ein „{scheme}:“-Verweis führt ein Skript aus"
        )
        message = (
            f"Die Adresse {quote(value)} in <{found.tag}> ist kein Verweis auf eine Seite: {why}. "
            f"{_NO_SCRIPTS}. Verweisen Sie auf eine Adresse mit https://, z. B. {_EXAMPLE_LINK}, "
            "oder legen Sie die Datei unter content/ ab: [Text]({static}/dateien/datei.pdf)"
        )
    elif found.kind == "srcdoc":
        message = (
            f"{quote(value)} enthält eine ganze Seite im Text, und die kann Skripte ausführen. "
            f"{_NO_SCRIPTS}. Setzen Sie stattdessen einen Link, z. B. {EXAMPLE_VIDEO}"
        )
    elif found.kind == "base":
        message = (
            f"Das Element {quote(value)} ändert das Ziel aller Verweise der Seite; so könnte "
            "eingefügter Text die Leser unbemerkt auf eine andere Website schicken. Löschen Sie es "
            f"und schreiben Sie Verweise vollständig, z. B. {_EXAMPLE_LINK}"
        )
    elif found.kind == "meta":
        message = (
            f"Das Element {quote(value)} gehört nicht in den Text: es kann die Seite neu laden oder "
            "die Leser auf eine andere Website weiterleiten (http-equiv=\"refresh\"). Löschen Sie "
            f"es; für einen Hinweis auf eine andere Seite setzen Sie einen Link, z. B. {_EXAMPLE_LINK}"
        )
    elif found.kind == "form":
        message = (
            f"Das Formular {quote(value)} würde Eingaben der Leser an eine beliebige Adresse senden; "
            "ein eingefügtes Formular kann so Passwörter oder Daten abgreifen. Formulare sind in "
            "Beiträgen und Seiten nicht erlaubt. Löschen Sie es und verweisen Sie auf die Seite "
            "mit dem Formular, z. B. [Zur Anmeldung](https://www.example.org/anmeldung)"
        )
    else:  # attr_list
        message = (
            f"Die Angabe {quote(found.tag)} setzt das Attribut {quote(value)}; in {{: …}} sind nur "
            "#anker und .klasse erlaubt, denn andere Attribute können Skripte ausführen oder die "
            "Seite verändern. Löschen Sie das Attribut; ein Anker sieht so aus: "
            "## Anmeldung {: #anmeldung }"
        )
    return ValidationError(message, field=FIELD, value=value, line=line)


def _invisible(name: str, line: int) -> ValidationError:
    return ValidationError(
        f"Der Text enthält ein unsichtbares Steuerzeichen ({name}); es stammt meist aus kopiertem "
        "Text und macht die Feeds ungültig. Löschen Sie es oder schreiben Sie die Zeile neu.",
        field=FIELD, value=name, line=line,
    )


def _too_large(size: int, line: int) -> ValidationError:
    return ValidationError(
        f"Der Text ist {size // 1000} KB groß; mehr als {MAX_BYTES // 1000} KB verarbeitet der "
        "Build nicht (so viel liest niemand auf einer Seite, und die Umwandlung würde sehr lange "
        "dauern). Teilen Sie den Text auf mehrere Beiträge auf, oder legen Sie ein langes Dokument "
        "als PDF unter content/ ab und verweisen Sie darauf: [Dokument]({static}/dateien/dokument.pdf)",
        field=FIELD, value=f"{size // 1000} KB", line=line,
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
    name = typed.nearest(stem(path), by_stem) if stem(path) else None
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
        text = _comments_blanked(text, blank)
    return _CODE_SPAN.sub(blank, text) if "`" in text else text


def _comments_blanked(text: str, blank) -> str:
    """``text`` with every closed HTML comment blanked, in linear time.

    Nothing after the last ``-->`` can be a closed comment, so the search stops
    there; a regular expression alone would scan to the end from every ``<!--``.
    """
    last = text.rfind("-->")
    if last < 0:
        return text
    end = last + 3
    return _COMMENT.sub(blank, text[:end]) + text[end:]


class _Lines:
    """Line numbers of positions in a text, counted from ``first``."""

    def __init__(self, text: str, first: int):
        self.text = text
        self.first = first

    def __call__(self, position: int) -> int:
        return self.first + self.text.count("\n", 0, position)
