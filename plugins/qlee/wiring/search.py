"""Indexes the finished output for search, as the last step of every build."""

from __future__ import annotations

from pathlib import Path

from ..output import searchindex


def index_output(pelican) -> None:
    """Connected to ``finalized``: runs Pagefind over the output folder, so that a plain
    ``pelican content`` writes the index too; a failure fails the build (German message)."""
    if pelican.settings["QLEE_SEARCH_INDEX"]:
        searchindex.build_index(Path(pelican.output_path))
