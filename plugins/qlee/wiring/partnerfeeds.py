"""The feeds for partners' sites: ``/veranstaltungen.json`` and the embeddable lists (output/partnerfeed.py)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.generators import Generator

from .. import buildtime
from ..output import eventpages, partnerfeed
from .generators import _event_articles, _feed_item


class PartnerFeeds(Generator):
    """Writes ``veranstaltungen.json`` and ``veranstaltungen/einbetten/[<category-slug>/]index.html``.

    Runs after the validator, like the other event generators; every
    configured category gets its list, an empty one too, so that an embedded
    address never 404s.
    """

    def generate_context(self) -> None:
        now = buildtime.build_time()
        self.now = now
        self.zone = ZoneInfo(self.settings["TIMEZONE"])
        listed = [partnerfeed.Listed(article.slug, _feed_item(article)) for article in _event_articles(self.context)]
        self.entries = partnerfeed.upcoming(listed, now=now, tz=self.zone)

    def generate_output(self, writer) -> None:
        settings = self.settings
        siteurl = settings["SITEURL"]
        categories = {name: spec["slug"] for name, spec in settings["QLEE_CATEGORIES"].items()}
        doc = partnerfeed.document(
            self.entries,
            site_name=settings["SITENAME"],
            siteurl=siteurl,
            tz=self.zone,
            now=self.now,
            categories=categories,
        )
        target = Path(self.output_path, partnerfeed.JSON_URL)
        target.write_bytes(partnerfeed.to_bytes(doc))
        signals.content_written.send(str(target), context=self.context)
        template = self.get_template("events/embed")
        pages = [(None, partnerfeed.EMBED_URL, eventpages.EVENTS_URL)] + [
            (name, partnerfeed.EMBED_CATEGORY_URL.format(slug=slug), eventpages.CATEGORY_URL.format(slug=slug))
            for name, slug in categories.items()
        ]
        for category, url, full_list in pages:
            chosen = [entry for entry in self.entries if category in (None, entry.item.feed.category)]
            writer.write_file(
                url + "index.html",
                template,
                self.context,
                relative_urls=False,  # in an iframe on another site, only absolute or root-relative links work
                url=url,
                embed_category=category,
                embed_entries=chosen[: partnerfeed.EMBED_LIMIT],
                embed_more=max(0, len(chosen) - partnerfeed.EMBED_LIMIT),
                embed_full_list=full_list,
            )
