"""Indexes the finished output for search, as the last step of every build."""

from __future__ import annotations

import os
from pathlib import Path

from ..output import searchindex


def index_output(pelican) -> None:
    """Connected to ``finalized``: runs Pagefind over the output folder, so that a plain
    ``pelican content`` writes the index too; a failure fails the build (German message).

    The bundle is made from the written pages, not a page itself: like the theme's
    static files it is not announced on ``content_written``. Its cache: see
    :mod:`output.searchindex` (``QLEE_SEARCH_CACHE`` overrides the folder).
    """
    settings = pelican.settings
    if settings["QLEE_SEARCH_INDEX"]:
        cache = settings["QLEE_SEARCH_CACHE"] or searchindex.default_cache(os.environ)
        searchindex.build_index(Path(pelican.output_path), Path(cache))
