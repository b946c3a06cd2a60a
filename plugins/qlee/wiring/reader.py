"""The reader: Markdown files with YAML front matter, for Pelican.

It never raises: Pelican swallows exceptions raised while a file is read
("Could not process", exit code 0), so the reader records problems on the
item, and ``ContentValidator`` stops the build with all of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo

from markupsafe import Markup
from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime

from ..buildtime import build_time_if_known
from ..content import body as bodycheck
from ..content import fields, frontmatter, markdown_setup, plausible, sanitizer, slugs, sources, unfinished
from ..errors import Notice, ValidationError, unexpected

ERRORS_KEY = "qlee_errors"
LINES_KEY = "qlee_lines"  # field -> line, for errors found across files
NOTICES_KEY = "qlee_notices"  # allowed but probably a typo; printed, the build goes on
LINKS_KEY = "qlee_links"  # {filename} links of the body, resolved once all files are known


class FrontMatterMarkdownReader(BaseReader):
    """Reads Markdown with YAML front matter (docs/content-model.md)."""

    enabled = True
    file_extensions: ClassVar[list[str]] = list(sources.MARKDOWN_EXTENSIONS)

    def __init__(self, settings):
        super().__init__(settings)
        # One Markdown instance for all files, reset between them: building one
        # per file (as Pelican's reader does) costs more than the conversion.
        self._markdown = markdown_setup.converter(settings["MARKDOWN"])
        self._content_root = Path(settings["PATH"]).resolve()
        self._pictures = sources.pictures(settings)

    def read(self, source_path: str):
        try:
            return self._read(source_path)
        except Exception as error:  # the last resort: one line naming the file, never a traceback
            return self._unreadable(source_path, error)

    def _unreadable(self, source_path: str, error: Exception):
        resolved = Path(source_path).resolve()
        is_page = resolved.relative_to(self._content_root).parts[0] in self.settings["PAGE_PATHS"]
        metadata = self._to_pelican({}, source_path, is_page)
        metadata["summary"] = ""
        relative = resolved.relative_to(self._content_root.parent).as_posix()
        metadata[ERRORS_KEY] = (unexpected(error).at(path=relative),)
        metadata[LINES_KEY] = {}
        metadata[LINKS_KEY] = ()
        return "", metadata

    def _read(self, source_path: str):
        # One resolve() per file (each is a system call per path part): the path
        # under content/, and the one editors know (relative to the project).
        content_root = self._content_root
        resolved = Path(source_path).resolve()
        source = resolved.relative_to(content_root).as_posix()
        relative = resolved.relative_to(content_root.parent).as_posix()
        is_page = source.split("/", 1)[0] in self.settings["PAGE_PATHS"]
        lines: dict[str, int] = {}
        notices: list[Notice] = []
        try:
            with open(source_path, encoding="utf-8") as handle:
                text = handle.read()
            matter = frontmatter.split(text)
            lines = dict(matter.lines)
            values, errors = fields.item_metadata(
                matter, source=source, is_page=is_page, settings=self.settings
            )
            body, body_line = matter.body, matter.body_line
            left = unfinished.scan(text)
            if self.settings["QLEE_UNFINISHED_IS_ERROR"]:
                errors = [*errors, *left]
            else:
                notices.extend(Notice(**dataclasses.asdict(error)) for error in left)
            notices.extend(plausible.notices(values, lines, build_time_if_known()))
        except ValidationError as error:
            values, errors, body, body_line = {}, [error], "", 1
        except UnicodeDecodeError:
            values, body, body_line = {}, "", 1
            errors = [
                ValidationError(
                    "Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie im Editor "
                    "mit der Kodierung „UTF-8“."
                ).at(line=1)
            ]
        self._markdown.reset()
        rendered = self._markdown.convert(bodycheck.bounded(body))  # too much: scan says why
        # Before root links get SITEURL, which would make the site's own images look external.
        in_body = bodycheck.checked(body, body_line, rendered, pictures=self._pictures)
        content = _anchor_root_links(sanitizer.clean(rendered), self.settings["SITEURL"])
        metadata = self._to_pelican(values, source_path, is_page)
        # Pelican's summary is HTML: the editor's plain text escaped, else the first paragraph.
        if "summary" in metadata:
            metadata["summary"] = html.escape(metadata["summary"], quote=False)
        else:
            metadata["summary"] = _first_paragraph(content)
        metadata[ERRORS_KEY] = tuple(error.at(path=relative) for error in (*errors, *in_body.errors))
        metadata[LINES_KEY] = lines
        metadata[NOTICES_KEY] = tuple(notice.at(path=relative) for notice in notices)
        metadata[LINKS_KEY] = in_body.links
        return content, metadata

    def _to_pelican(self, values: dict, source_path: str, is_page: bool) -> dict:
        """Turn plain validated values into the objects Pelican's templates expect.

        Missing values get stand-ins, so that a file with errors still reaches
        the validator (Pelican would otherwise drop it silently).
        """
        settings = self.settings
        stem = Path(source_path).stem
        metadata = dict(values)
        metadata.setdefault("title", stem)
        metadata.setdefault("slug", stem)
        if not is_page:
            metadata.setdefault("date", dt.datetime(1970, 1, 1, tzinfo=ZoneInfo(settings["TIMEZONE"])))
            metadata.setdefault("category", next(iter(settings["QLEE_CATEGORIES"])))
        for key in ("date", "modified"):
            if key in metadata:
                metadata[key] = SafeDatetime.fromtimestamp(
                    metadata[key].timestamp(), tz=metadata[key].tzinfo
                )
        if "category" in metadata:
            name = metadata["category"]
            metadata["category"] = Category(name, settings)
            metadata["category"].slug = settings["QLEE_CATEGORIES"][name]["slug"]
        # Our German slugs (Öl -> oel), not Pelican's (Öl -> ol).
        for key, wrapper in (("tags", Tag), ("authors", Author)):
            if key in metadata:
                metadata[key] = [_with_slug(wrapper(name, settings)) for name in metadata[key]]
        return metadata


# href="/..." or src="/..." in rendered Markdown, but not protocol-relative "//host".
_ROOT_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def _anchor_root_links(html_text: str, siteurl: str) -> str:
    """Let editors write site links as ``/veranstaltungen/``: they then also work
    when the site lives below a path (``https://owner.github.io/repo/``) and on
    the 404 page, which is served at any address."""
    if not siteurl:
        return html_text
    return _ROOT_LINK.sub(lambda match: f"{match.group(1)}{siteurl.rstrip('/')}/", html_text)


def _with_slug(wrapper):
    wrapper.slug = slugs.slugify(wrapper.name)
    return wrapper


def _first_paragraph(content: str) -> str:
    """The inner HTML of the first paragraph that has text (not just an image)."""
    for match in re.finditer(r"<p(?:\s[^>]*)?>(.*?)</p>", content, re.S):
        if Markup(match[1]).striptags():
            return match[1].strip()
    return ""


def add_reader(readers) -> None:
    # Every Markdown extension Pelican knows; its other readers are off (READERS in pelicanconf.py).
    for extension in sources.MARKDOWN_EXTENSIONS:
        readers.reader_classes[extension] = FrontMatterMarkdownReader
