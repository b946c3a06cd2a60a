"""The output phase: Pelican's writer, sharing its work between processes (forked.py), writing changed files only."""

from __future__ import annotations

import logging
import os

from pelican.generators import StaticGenerator
from pelican.writers import FileOverwriteFailedError, Writer

from .. import forked
from ..outputfiles import ChangedOnlyFile
from .generators import ICalFeeds

logger = logging.getLogger(__name__)


class _OutputSplit:
    """The current build's output phase, shared by forked processes (forked.py) on large sites.

    Pelican asks for its writer (``get_writer``) between the last generator's
    context and the first output; that is where the build forks. The
    generators are kept from ``all_generators_finalized``, since the signal
    for the writer does not carry them.
    """

    generators: list = []
    share: forked.Share | None = None


def keep_generators(generators) -> None:
    _OutputSplit.generators, _OutputSplit.share = list(generators), None


def split_output(pelican) -> type:
    """The writer class for this build; in a forked child, write its share and end there."""
    settings, generators = pelican.settings, _OutputSplit.generators
    articles = len(generators[0].context.get("articles", ())) if generators else 0
    extra = forked.extra_processes(settings.get("QLEE_WORKERS"), articles)
    if extra:
        share = _OutputSplit.share = forked.split(1 + extra)
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
    class SiteWriter(Writer):
        """Pelican's writer, writing only this process's share of the files, and only changed ones."""

        def write_file(self, *args, **kwargs):
            if share is None or share.mine():
                super().write_file(*args, **kwargs)

        def write_feed(self, *args, **kwargs):
            if share is None or share.mine():
                return super().write_feed(*args, **kwargs)
            return None

        def _open_w(self, filename, encoding, override=False):
            """Pelican 4.12's ``Writer._open_w`` line for line (a second write to a file is an
            error unless one of the two overrides), but the file is written only if it changed."""
            if filename in self._overridden_files:
                if override:
                    raise FileOverwriteFailedError(
                        f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                    )
                logger.info('Skipping "%s", not overwriting', filename)
                filename = os.devnull
            elif filename in self._written_files:
                if override:
                    logger.info('Overwriting "%s"', filename)
                else:
                    raise FileOverwriteFailedError(
                        f'Failed to overwrite "{filename}" as Pelican has already written to it '
                        "previously (set `override=True` if intended)"
                    )
            if override:
                self._overridden_files.add(filename)
            self._written_files.add(filename)
            return ChangedOnlyFile(filename, encoding)

    SiteWriter.share = share
    return SiteWriter


def wait_for_shares(pelican) -> None:
    if _OutputSplit.share is not None:
        _OutputSplit.share.wait()
