"""Our generators: the validator that stops a build, the event calendar and the iCal feeds."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from .. import buildtime
from ..content import body as bodycheck
from ..content import crossfile, sources
from ..errors import ContentInvalid, ValidationError
from ..events.views import build_calendar, make_entry
from ..output import eventlists, eventpages, feedhistory, ical, links
from .reader import ERRORS_KEY, LINES_KEY, LINKS_KEY, NOTICES_KEY

HOME_EVENTS = 3
HOME_SPARES = 2

logger = logging.getLogger(__name__)


def stop_at_links(pelican) -> None:
    """Stops the build before any generator walks content/ when a symbolic link is in it.

    Connected to ``initialized``. Pelican follows links when its generators walk the
    folder, before our validator runs: it would read what a link points to, and a
    link to a folder above would make the walk endless. With a link, the build
    reports what ``invoke check`` reports (the same rules, read without following
    links), so that every error still shows in one run.
    """
    content = Path(pelican.path)
    if sources.scan(content, pelican.settings).links:
        _stop(crossfile.check_content(content, pelican.settings))


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
        generated = self.context["generated_content"]
        notices = [n for item in generated.values() if item is not None for n in item.metadata.get(NOTICES_KEY, ())]
        if notices:  # printed before any error, so that both show in one run
            sys.stderr.write("".join(f"{notice}\n" for notice in notices))
        errors = collect_errors(generated, self.path, self.settings)
        if errors:
            _stop(errors)


def _stop(errors: list[ValidationError]) -> None:
    failure = ContentInvalid(errors)
    sys.stderr.write(failure.report() + "\n")
    raise failure


def collect_errors(generated_content: dict, content_path: str, settings) -> list[ValidationError]:
    """Every problem of every content file, including files Pelican skipped or never saw."""
    files = sources.scan(Path(content_path), settings)  # files that are not content: errors
    items = crossfile.link_targets(files, Path(content_path), settings)
    # Resolved once: a resolve() per file was a third of this function's time.
    content_root = Path(content_path).resolve()
    project = Path(settings["PATH"]).resolve().parent
    root = content_root.name
    errors: list[ValidationError] = list(files.errors)
    placed: list[crossfile.Placed] = []
    written: list[tuple[str, str, tuple]] = []  # (relative, source, links)
    addresses: list[crossfile.Placed] = []
    for source, item in generated_content.items():
        relative = _project_relative(content_root / source, project)
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
        written.append((relative, source.replace(os.sep, "/"), item.metadata.get(LINKS_KEY, ())))
        if not item_errors:
            placed.append(_placed(item, relative))
        else:  # its own mistakes are reported; links to it are not one more
            addresses.append(_placed(item, relative))
    site = crossfile.site_paths([*placed, *addresses], files.static, settings)
    pictures = sources.pictures(settings)
    for relative, source, found in written:
        broken = bodycheck.broken_links(found, source, items, files.static, root=root, site=site, pictures=pictures)
        errors.extend(error.at(path=relative) for error in broken)
    # Across files: two items at one address, two events with one UID.
    errors.extend(crossfile.clashes(placed, settings))
    seen = {os.path.normpath(source) for source in generated_content}
    for markdown_file in files.markdown:
        source = os.path.normpath(markdown_file.relative_to(content_path))
        if source not in seen:
            errors.append(crossfile.outside_folders(_project_relative(markdown_file.resolve(), project), settings))
    return errors


def _placed(item, relative: str) -> crossfile.Placed:
    lines = item.metadata.get(LINES_KEY, {})
    field = "save_as" if "save_as" in item.metadata else ("slug" if "slug" in lines else "title")
    event = getattr(item, "event", None)
    return crossfile.Placed(
        path=relative,
        save_as=item.save_as,
        url=item.url,
        field=field,
        value=item.metadata["save_as"] if field == "save_as" else item.slug,
        line=lines.get(field, 1),
        uid=event.uid if event is not None else None,
        uid_line=lines.get("event.uid", lines.get("event")) if event is not None else None,
        ics=crossfile.event_ics(item.slug, item.status) if event is not None else None,
        date=getattr(item, "date", None),
    )


def _project_relative(path: Path, project: Path) -> str:
    """The path editors know: relative to the project (the folder above content/)."""
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else path.as_posix()


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
        # The home page shows three; the spares wait hidden for termine.js, in case
        # some of the three have ended by the time a reader sees a stale build.
        self.context["upcoming_events"] = calendar.next_events(HOME_EVENTS + HOME_SPARES)
        self.context["upcoming_events_shown"] = HOME_EVENTS
        self.context["event_sitemap"] = eventpages.sitemap_entries(self.pages, built=now, changed=_last_change)
        # For the subscription guide (a page of content/pages/ with its own template):
        # the feeds and, for partners' embed code, the categories.
        self.context["event_feeds"] = eventpages.feeds(
            self.settings["QLEE_CATEGORIES"], siteurl, site_name=self.settings["SITENAME"]
        )
        self.context["event_categories"] = eventpages.category_links(self.settings["QLEE_CATEGORIES"])
        # Lists of items show their events' dates and state; the course catalogue orders by them.
        listed = eventlists.listings(calendar.entries, now)
        self.context["event_listings"] = listed
        self.context["event_catalogue"] = functools.partial(eventlists.catalogue, by_source=listed)
        self.context["event_places"] = eventlists.places
        # Hidden articles and drafts have pages too, but no place in the lists.
        unlisted = [
            make_entry(article, article.event, now)
            for key in ("hidden_articles", "drafts")
            for article in self.context.get(key, ())
            if getattr(article, "event", None)
        ]
        def details(entry, listed: bool) -> eventpages.EventDetails:
            item = entry.item
            return eventpages.event_details(
                entry,
                siteurl=siteurl,
                now=now,
                description=Markup(item.summary or "").striptags(),
                image_url=links.site_url(siteurl, item.image.src) if getattr(item, "image", None) else None,
                listed=listed,
                site_organizer=self.settings["QLEE_ORGANIZER"],
            )

        # Computed when an event's page asks for them.
        self.context["event_details"] = _Lazy(
            {
                entry.item.source_path: functools.partial(details, entry, listed)
                for entries, listed in ((calendar.entries, True), (unlisted, False))
                for entry in entries
            }
        )

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


def _last_change(article) -> dt.datetime:
    return article.metadata.get("modified") or article.date


class _Lazy(Mapping):
    """A read-only mapping whose values are made by a function on first access."""

    def __init__(self, makers: dict[str, Callable[[], object]]) -> None:
        self._makers = makers
        self._made: dict[str, object] = {}

    def __getitem__(self, key: str) -> object:
        if key not in self._made:
            maker = self._makers[key]
            try:
                self._made[key] = maker()
            except KeyError as error:  # not "no such key": Mapping.get would hide it as one
                raise RuntimeError(f"computing {key!r} failed") from error
        return self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


class ICalFeeds:
    """The iCal feeds (see :mod:`output.ical`): all events, one per category, one per event.

    Paths as in docs/content-model.md: ``kalender.ics``,
    ``kalender/<category-slug>.ics`` for every configured category (an empty
    one too, so that a subscribed URL never 404s), and
    ``veranstaltungen/<article-slug>.ics``. URLs in the files use
    ``QLEE_ICAL_URL_BASE`` (default: ``SITEURL``); past events stay in a feed
    while it is at most ``QLEE_FEED_MAX_BYTES`` long (:mod:`output.feedhistory`).
    """

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path
        self.articles: list = []

    def generate_context(self) -> None:
        # Two events with one slug (one .ics) are stopped by ContentValidator (crossfile.clashes).
        self.articles = _event_articles(self.context)

    def generate_output(self, writer) -> None:
        for path, data in self.files().items():
            target = Path(self.output_path, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            # As Pelican's writer announces each page: plugins such as a sitemap see the feeds too.
            signals.content_written.send(str(target), context=self.context)

    def files(self) -> dict[str, bytes]:
        """Output path -> file content, for every feed and every event."""
        settings = self.settings
        now = buildtime.build_time()
        url_base = settings["QLEE_ICAL_URL_BASE"]
        zone = ZoneInfo(settings["TIMEZONE"])
        site = settings["SITENAME"]
        long_name = settings.get("SITE_LONG_NAME", site)
        items = {article.slug: _feed_item(article) for article in self.articles}
        everything = ical.FeedInfo(
            name=eventpages.feed_name(site),
            description=f"Veranstaltungen und Termine von {site} ({long_name}).",
            timezone=zone,
            url_base=url_base,
            page=eventpages.EVENTS_URL,
            path=eventpages.FEED_URL,
        )
        shared = ical.SharedComponents()

        def subscribable(chosen, info: ical.FeedInfo) -> bytes:
            trimmed = feedhistory.trim(
                chosen,
                now=now,
                max_bytes=settings["QLEE_FEED_MAX_BYTES"],
                serialize=lambda kept: ical.to_bytes(ical.feed(kept, info, now=now, shared=shared), shared),
            )
            if trimmed.over_budget:
                logger.warning(
                    "%s: Die kommenden Termine allein ergeben %d Bytes, mehr als QLEE_FEED_MAX_BYTES (%d). "
                    "Manche Kalender-Apps lesen so große Abos nicht mehr.",
                    info.path, len(trimmed.data), settings["QLEE_FEED_MAX_BYTES"],
                )
            return trimmed.data

        files = {eventpages.FEED_URL: subscribable(items.values(), everything)}
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
            files[path] = subscribable([item for item in items.values() if item.category == name], info)
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
