"""The one module that talks to Pelican.

Everything else in this package is plain Python and is tested without Pelican.
Pelican swallows exceptions raised while a file is read ("Could not process",
exit code 0), so the reader never raises: it records problems on the item, and
``ContentValidator.generate_context`` (which runs after all articles and pages
were read, where exceptions do propagate) stops the build with all of them.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator, StaticGenerator
from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime
from pelican.writers import Writer

from . import body as bodycheck
from . import buildtime, eventdates, eventpages, fields, frontmatter, german, ical, forked, links, markdown_setup, prefetch, slugs, sources
from .calendar import build_calendar, make_entry
from .errors import ContentInvalid, ValidationError

if TYPE_CHECKING:
    from . import check

logger = logging.getLogger(__name__)

ERRORS_KEY = "qlee_errors"
LINES_KEY = "qlee_lines"  # field -> line, for errors found across files
LINKS_KEY = "qlee_links"  # {filename} links of the body, resolved once all files are known


class FrontMatterMarkdownReader(BaseReader):
    """Reads Markdown with YAML front matter (see shared content model)."""

    enabled = True
    file_extensions = list(sources.MARKDOWN_EXTENSIONS)

    def __init__(self, settings):
        super().__init__(settings)
        # One Markdown instance for all files, reset between them: building one
        # per file (as Pelican's reader does) costs more than the conversion.
        self._markdown = markdown_setup.converter(settings["MARKDOWN"])
        self._content_root = Path(settings["PATH"]).resolve()
        self._pictures = sources.pictures(settings)
        self.prefetched: prefetch.Prefetch | None = None  # set by _start_prefetch

    def read(self, source_path: str):
        # One resolve() per file (each is a system call per path part): the path
        # under content/, and the one editors know (relative to the project).
        content_root = self._content_root
        resolved = Path(source_path).resolve()
        source = resolved.relative_to(content_root).as_posix()
        relative = resolved.relative_to(content_root.parent).as_posix()
        is_page = source.split("/", 1)[0] in self.settings["PAGE_PATHS"]
        lines: dict[str, int] = {}
        try:
            with open(source_path, encoding="utf-8") as handle:
                text = handle.read()
            matter = frontmatter.split(text)
            lines = dict(matter.lines)
            values, errors = fields.item_metadata(
                matter, source=source, is_page=is_page, settings=self.settings
            )
            body, body_line = matter.body, matter.body_line
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
        rendered = self.prefetched.take(source_path, body) if self.prefetched else None
        if rendered is None:
            self._markdown.reset()
            rendered = self._markdown.convert(body)
        # Before root links get SITEURL, which would make the site's own images look external.
        in_body = bodycheck.checked(body, body_line, rendered, pictures=self._pictures)
        content = _anchor_root_links(rendered, self.settings["SITEURL"])
        metadata = self._to_pelican(values, source_path, is_page)
        # Pelican's summary is HTML: the editor's plain text escaped, else the first paragraph.
        if "summary" in metadata:
            metadata["summary"] = html.escape(metadata["summary"], quote=False)
        else:
            metadata["summary"] = _first_paragraph(content)
        metadata[ERRORS_KEY] = tuple(error.at(path=relative) for error in (*errors, *in_body.errors))
        metadata[LINES_KEY] = lines
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


class ContentValidator:
    """Stops the build when any content file had errors, reporting all of them.

    Returned from ``get_generators``, so ``generate_context`` runs after all
    articles and pages were read and before anything is written.
    """

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.path = path

    def generate_context(self) -> None:
        errors = collect_errors(self.context["generated_content"], self.path, self.settings)
        if errors:
            failure = ContentInvalid(errors)
            sys.stderr.write(failure.report() + "\n")
            raise failure


def collect_errors(generated_content: dict, content_path: str, settings) -> list[ValidationError]:
    """Every problem of every content file, including files Pelican skipped or never saw."""
    from . import check  # imported here so that `python -m qlee.check` loads it only once

    files = sources.scan(Path(content_path), settings)  # files that are not content: errors
    items = check.link_targets(files, Path(content_path), settings)
    root = Path(content_path).resolve().name
    errors: list[ValidationError] = list(files.errors)
    placed: list[check.Placed] = []
    for source, item in generated_content.items():
        relative = _project_relative(os.path.join(content_path, source), settings)
        if item is None:
            errors.append(
                ValidationError(
                    "Die Datei konnte nicht verarbeitet werden. Prüfen Sie, ob „title“ und "
                    "(bei Beiträgen) „date“ angegeben sind."
                ).at(path=relative, line=1)
            )
            continue
        if ERRORS_KEY not in item.metadata:
            continue  # read by another reader than ours: sources.scan names the file
        item_errors = item.metadata[ERRORS_KEY]
        errors.extend(item_errors)
        links = item.metadata.get(LINKS_KEY, ())
        broken = bodycheck.broken_links(links, source.replace(os.sep, "/"), items, files.static, root=root)
        errors.extend(error.at(path=relative) for error in broken)
        if not item_errors:
            placed.append(_placed(item, relative))
    # Across files: two items at one address, two events with one UID.
    errors.extend(check.clashes(placed, settings))
    seen = {os.path.normpath(source) for source in generated_content}
    for markdown_file in files.markdown:
        source = os.path.normpath(markdown_file.relative_to(content_path))
        if source not in seen:
            errors.append(check.outside_folders(_project_relative(str(markdown_file), settings), settings))
    return errors


def _placed(item, relative: str) -> check.Placed:
    from . import check

    lines = item.metadata.get(LINES_KEY, {})
    field = "save_as" if "save_as" in item.metadata else ("slug" if "slug" in lines else "title")
    event = getattr(item, "event", None)
    return check.Placed(
        path=relative,
        save_as=item.save_as,
        url=item.url,
        field=field,
        value=item.metadata["save_as"] if field == "save_as" else item.slug,
        line=lines.get(field, 1),
        uid=event.uid if event is not None else None,
        uid_line=lines.get("event.uid", lines.get("event")) if event is not None else None,
        ics=check.event_ics(item.slug, item.status) if event is not None else None,
    )


def _project_relative(source_path: str, settings) -> str:
    """The path editors know: relative to the project (the folder above content/)."""
    project = Path(settings["PATH"]).resolve().parent
    try:
        return Path(source_path).resolve().relative_to(project).as_posix()
    except ValueError:
        return Path(source_path).as_posix()



class _HideValidationTraceback(logging.Filter):
    """Pelican logs a failed build as "ClassName: message" with a traceback; for content
    errors both are noise to editors, who get the German message alone."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], (ContentInvalid, buildtime.InvalidBuildTime)):
            record.msg, record.args = "%s", (record.exc_info[1],)
            record.exc_info = None
        return True


class EventCalendar(Generator):
    """The event calendar: views computed once from the validated events, pages written.

    ``generate_context`` runs after every article was read and validated, and
    before any page is written, so the home page and each event's page find
    ``upcoming_events`` and ``event_details`` in the shared context.
    """

    def generate_context(self) -> None:
        now = buildtime.build_time()
        siteurl = self.settings["SITEURL"]
        articles = [article for article in self.context.get("articles", ()) if getattr(article, "event", None)]
        calendar = build_calendar(
            ((article, article.event) for article in articles), now=now, tz=ZoneInfo(self.settings["TIMEZONE"])
        )
        self.pages = eventpages.calendar_pages(
            calendar, self.settings["QLEE_CATEGORIES"], siteurl, site_name=self.settings["SITENAME"]
        )
        self.context["upcoming_events"] = calendar.next_events(3)
        self.context["event_page_urls"] = eventpages.all_urls(self.pages)
        # Hidden articles and drafts have pages too, but no place in the lists.
        unlisted = [
            make_entry(article, article.event, now)
            for key in ("hidden_articles", "drafts")
            for article in self.context.get(key, ())
            if getattr(article, "event", None)
        ]
        self.context["event_details"] = {
            entry.item.source_path: eventpages.event_details(
                entry,
                siteurl=siteurl,
                now=now,
                description=Markup(entry.item.summary or "").striptags(),
                image_url=links.site_url(siteurl, entry.item.image.src) if getattr(entry.item, "image", None) else None,
                listed=listed,
            )
            for entries, listed in ((calendar.entries, True), (unlisted, False))
            for entry in entries
        }

    def generate_output(self, writer) -> None:
        for page in self.pages:
            writer.write_file(
                page.save_as,
                self.get_template(page.template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=page.url,
                **page.context,
            )


class ICalFeeds:
    """The iCal feeds (see :mod:`ical`): all events, one per category, one per event.

    Paths as in the shared content model: ``kalender.ics``,
    ``kalender/<category-slug>.ics`` for every configured category (an empty
    one too, so that a subscribed URL never 404s), and
    ``veranstaltungen/<article-slug>.ics``. URLs in the files use
    ``QLEE_ICAL_URL_BASE`` (default: ``SITEURL``); the window of past events
    is ``QLEE_FEED_PAST_MONTHS`` (default 12).
    """

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path
        self.articles: list = []

    def generate_context(self) -> None:
        # Two events with one slug (one .ics) are stopped by ContentValidator (check.clashes).
        self.articles = _event_articles(self.context)

    def generate_output(self, writer) -> None:
        share = getattr(writer, "share", None)
        if share is not None and not share.last:
            return  # another process writes the iCal files (see _split_output)
        for path, data in self.files().items():
            target = Path(self.output_path, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def files(self) -> dict[str, bytes]:
        """Output path -> file content, for every feed and every event."""
        settings = self.settings
        now = buildtime.build_time()
        url_base = settings.get("QLEE_ICAL_URL_BASE", settings["SITEURL"])
        zone = ZoneInfo(settings["TIMEZONE"])
        site = settings["SITENAME"]
        long_name = settings.get("SITE_LONG_NAME", site)
        items = {article.slug: _feed_item(article) for article in self.articles}
        current = ical.in_window(items.values(), now=now, past_months=settings.get("QLEE_FEED_PAST_MONTHS", 12))
        everything = ical.FeedInfo(
            name=eventpages.feed_name(site),
            description=f"Veranstaltungen und Termine von {site} ({long_name}).",
            timezone=zone,
            url_base=url_base,
            page=eventpages.EVENTS_URL,
            path=eventpages.FEED_URL,
        )
        shared = ical.SharedComponents()
        feed = ical.feed(current, everything, now=now, shared=shared)
        files = {eventpages.FEED_URL: ical.to_bytes(feed, shared)}
        for name, spec in settings["QLEE_CATEGORIES"].items():
            path = eventpages.CATEGORY_FEED_URL.format(slug=spec["slug"])
            info = ical.FeedInfo(
                name=eventpages.feed_name(site, name),
                description=f"Termine aus der Rubrik „{name}“ von {site} ({long_name}).",
                timezone=zone,
                url_base=url_base,
                page=eventpages.CATEGORY_URL.format(slug=spec["slug"]),
                path=path,
            )
            chosen = [item for item in current if item.category == name]
            files[path] = ical.to_bytes(ical.feed(chosen, info, now=now, shared=shared), shared)
        for slug, item in items.items():
            calendar = ical.single(item, url_base=url_base, shared=shared)
            files[eventpages.EVENT_ICS_URL.format(slug=slug)] = ical.to_bytes(calendar, shared)
        return files


def _event_articles(context) -> list:
    """The published articles that carry an event (one small place to swap for a shared list)."""
    return [article for article in context.get("articles", ()) if getattr(article, "event", None)]


def _feed_item(article) -> ical.FeedItem:
    return ical.FeedItem(
        event=article.event,
        title=str(article.title),
        url=article.url,
        summary=str(article.summary or ""),
        category=article.category.name,
        date=article.date,
        modified=article.metadata.get("modified"),
        tags=tuple(tag.name for tag in getattr(article, "tags", ())),
    )


def _add_reader(readers) -> None:
    # Every Markdown extension Pelican knows; its other readers are off (READERS in pelicanconf.py).
    for extension in sources.MARKDOWN_EXTENSIONS:
        readers.reader_classes[extension] = FrontMatterMarkdownReader


def _start_prefetch(generator) -> None:
    """Have the Markdown of the files this generator will read converted ahead (prefetch.py)."""
    settings = generator.settings
    kind = "PAGE" if generator.__class__.__name__ == "PagesGenerator" else "ARTICLE"
    # The same call, so the same set and order, as the generator's generate_context.
    files = generator.get_files(settings[f"{kind}_PATHS"], exclude=settings[f"{kind}_EXCLUDES"])
    paths = []
    for name in files:
        path = os.path.abspath(os.path.join(generator.path, name))
        # Skip what Pelican's content cache will serve without reading.
        markdown = path.rpartition(".")[2] in sources.MARKDOWN_EXTENSIONS
        if markdown and generator.get_cached_data(name, None) is None:
            if generator.readers.get_cached_data(path, (None, None))[0] is None:
                paths.append(path)
    conversions = prefetch.start(paths, settings["MARKDOWN"], workers=settings.get("QLEE_WORKERS"))
    for reader in generator.readers.readers.values():
        if isinstance(reader, FrontMatterMarkdownReader):
            reader.prefetched = conversions


def _stop_prefetch(generator) -> None:
    for reader in generator.readers.readers.values():
        if isinstance(reader, FrontMatterMarkdownReader) and reader.prefetched:
            reader.prefetched.close()
            reader.prefetched = None


class _OutputSplit:
    """The current build's output phase, shared by forked processes (forked.py) on large sites.

    Pelican asks for its writer (``get_writer``) between the last generator's
    context and the first output; that is where the build forks. The
    generators are kept from ``all_generators_finalized``, since the signal
    for the writer does not carry them.
    """

    generators: list = []
    share: forked.Share | None = None


def _keep_generators(generators) -> None:
    _OutputSplit.generators, _OutputSplit.share = list(generators), None


def _split_output(pelican) -> type:
    """The writer class for this build; in a forked child, write its share and end there."""
    settings, generators = pelican.settings, _OutputSplit.generators
    articles = len(generators[0].context.get("articles", ())) if generators else 0
    workers = settings.get("QLEE_WORKERS")
    processes = 1 + (prefetch.available_cpus() - 1 if workers is None else workers)
    if processes > 1 and articles >= prefetch.MIN_FILES and sys.platform == "linux":
        share = _OutputSplit.share = forked.split(processes)
        if share.is_child:
            forked.run_child(lambda: _write_share(pelican, generators, share))
    return _writer_class(_OutputSplit.share)


def _write_share(pelican, generators, share: forked.Share) -> None:
    """Pelican's own output loop (Pelican.run), less the static files, which the first process copies.

    The iCal files come first: meanwhile the other processes claim the pages.
    """
    writer = _writer_class(share)(pelican.output_path, settings=pelican.settings)
    for generator in sorted(generators, key=lambda generator: not isinstance(generator, ICalFeeds)):
        if hasattr(generator, "generate_output") and not isinstance(generator, StaticGenerator):
            generator.generate_output(writer)


def _writer_class(share: forked.Share | None) -> type:
    class SharedWriter(Writer):
        """Pelican's writer, writing only this process's share of the files."""

        def write_file(self, *args, **kwargs):
            if share is None or share.mine():
                super().write_file(*args, **kwargs)

        def write_feed(self, *args, **kwargs):
            if share is None or share.mine():
                return super().write_feed(*args, **kwargs)
            return None

    SharedWriter.share = share
    return SharedWriter


def _wait_for_shares(pelican) -> None:
    if _OutputSplit.share is not None:
        _OutputSplit.share.wait()


def _add_template_filters(generator) -> None:
    generator.env.filters.update(german.FILTERS)
    generator.env.filters.update(eventdates.FILTERS)


def _get_generators(pelican):
    # Order matters: validation first, so nothing is computed from broken items.
    return [ContentValidator, EventCalendar, ICalFeeds]


def register() -> None:
    logging.getLogger("pelican").addFilter(_HideValidationTraceback())
    signals.readers_init.connect(_add_reader)
    signals.generator_init.connect(_add_template_filters)
    for started, finalized in (
        (signals.article_generator_init, signals.article_generator_finalized),
        (signals.page_generator_init, signals.page_generator_finalized),
    ):
        started.connect(_start_prefetch)
        finalized.connect(_stop_prefetch)
    signals.get_generators.connect(_get_generators)
    signals.all_generators_finalized.connect(_keep_generators)
    signals.get_writer.connect(_split_output)
    signals.finalized.connect(_wait_for_shares)
