"""The one package that talks to Pelican.

Everything else in the plugin is plain Python and is tested without Pelican:
``reader`` reads content files, ``generators`` validate and write the event
calendar and the iCal feeds, ``feeds`` adds when and where to events' Atom
entries, ``partnerfeeds`` writes the JSON feed and the embeddable lists, ``search``
indexes the output for search. :func:`register` connects them to Pelican's signals.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .. import buildtime
from .. import settings as plugin_settings
from ..errors import ContentInvalid
from ..output import eventdates, german, hyphenation, pictures
from ..output.searchindex import SearchIndexFailed
from .feeds import add_when_and_where
from .generators import ContentValidator, EventCalendar, ICalFeeds, collect_errors, stop_at_links
from .partnerfeeds import PartnerFeeds
from .reader import FrontMatterMarkdownReader, add_reader
from .search import index_output

__all__ = ["ContentValidator", "EventCalendar", "FrontMatterMarkdownReader", "ICalFeeds", "collect_errors", "register", "stop_at_links"]


# Failures whose German message says all there is to say.
_FOR_EDITORS = (ContentInvalid, buildtime.InvalidBuildTime, SearchIndexFailed)


class _HideValidationTraceback(logging.Filter):
    """Pelican logs a failed build as "ClassName: message" with a traceback; for content
    errors both are noise to editors, who get the German message alone."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], _FOR_EDITORS):
            record.msg, record.args = "%s", (record.exc_info[1],)
            record.exc_info = None
        return True


def _add_template_filters(generator) -> None:
    generator.env.filters.update(german.FILTERS)
    generator.env.filters.update(eventdates.FILTERS)
    generator.env.filters.update(hyphenation.FILTERS)
    content, output, context = Path(generator.path), Path(generator.output_path), generator.context
    # One build's generators share one context: each variant is announced once a build.
    announced = context.setdefault("_qlee_announced_pictures", set())

    def bild(image) -> pictures.Picture:
        """{% set picture = article.image|bild %}: the picture's variants, written on first use."""
        picture = pictures.picture(image.src, content, output)
        for variant in picture.fallback + picture.webp:
            if variant.src not in announced:
                announced.add(variant.src)
                # As Pelican's writer announces each page: plugins such as a sitemap see them too.
                signals.content_written.send(str(output / variant.src), context=context)
        return picture

    generator.env.filters["bild"] = bild


def _initialized(pelican) -> None:
    # Defaults merged once, before anything reads a setting (the link check reads them too).
    plugin_settings.merge(pelican.settings)
    stop_at_links(pelican)


def _get_generators(pelican):
    # Order matters: validation first, so nothing is computed from broken items.
    return [ContentValidator, EventCalendar, ICalFeeds, PartnerFeeds]


def register() -> None:
    logging.getLogger("pelican").addFilter(_HideValidationTraceback())
    signals.initialized.connect(_initialized)
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(_add_template_filters)
    signals.get_generators.connect(_get_generators)
    signals.feed_generated.connect(add_when_and_where)
    # Last: Pagefind reads the written HTML.
    signals.finalized.connect(index_output)
