"""A third-party plugin listening to Pelican's signals sees every file the build writes.

Sitemap, SEO and search plugins collect pages from ``content_written`` (and
Atom/RSS feeds from ``feed_written``); a page written where those signals do
not reach the plugin would be silently missing from what they produce. Our
iCal files are written by our own generator, which announces each of them on
``content_written`` too.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals

from benchmarks import corpus

from conftest import build


class SitemapLikePlugin:
    """What a sitemap plugin does: remember each written file, act once the build is finalized."""

    def __init__(self) -> None:
        self.written: list[str] = []
        self.feeds: list[str] = []
        self.copied: set[str] = set()  # static files: copied or linked, not written
        self.finalized_with: list[str] | None = None

    def content_written(self, path, context=None) -> None:
        self.written.append(os.path.abspath(path))

    def feed_written(self, path, context=None, feed=None) -> None:
        self.feeds.append(os.path.abspath(path))

    def all_generators_finalized(self, generators) -> None:
        for generator in generators:
            for static in getattr(generator, "staticfiles", ()):
                self.copied.add(static.save_as)

    def finalized(self, pelican) -> None:
        self.finalized_with = list(self.written)


def test_every_written_file_reaches_content_written(tmp_path, source_date_epoch):
    made = corpus.generate(tmp_path / "corpus", 80)  # more than enough for any multi-process split
    plugin = SitemapLikePlugin()
    with (
        signals.content_written.connected_to(plugin.content_written),
        signals.feed_written.connected_to(plugin.feed_written),
        signals.all_generators_finalized.connected_to(plugin.all_generators_finalized),
        signals.finalized.connected_to(plugin.finalized),
    ):
        output = build(made.content, tmp_path / "output")

    on_disk = {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}
    theme_static = {name for name in on_disk if name.startswith("theme/")}
    # The search bundle is made from the written pages once they are all written (finalized).
    search_bundle = {name for name in on_disk if name.startswith("pagefind/")}
    assert search_bundle
    written = [Path(path).relative_to(output).as_posix() for path in plugin.written]
    feeds = {Path(path).relative_to(output).as_posix() for path in plugin.feeds}

    assert len(written) == len(set(written))  # each file announced once
    assert set(written) | feeds == on_disk - plugin.copied - theme_static - search_bundle
    # Every page, and every iCal file, by the time the plugin acts on the whole site.
    assert plugin.finalized_with == plugin.written
    assert sum(name.endswith(".html") for name in written) > made.articles
    assert sum(name.endswith(".ics") for name in written) > made.events
