"""The search index: Pagefind run over the finished output folder (no Pelican import).

Pagefind (https://pagefind.app) reads the written HTML and puts its index and
its search interface into ``pagefind/`` inside the output, which the site
serves (``/suche/`` loads it). The binary comes from the pinned PyPI package
``pagefind-bin``, so a build needs no Node. Only elements marked
``data-pagefind-body`` (items and pages, see theme/templates) are indexed;
lists and calendar pages repeat what items say and stay out.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pagefind_bin

# Where Pagefind writes its bundle inside the output; /suche/ loads it from there.
BUNDLE_DIR = "pagefind"


class SearchIndexFailed(RuntimeError):
    """Pagefind could not build the index; the message is for editors (German)."""


def command(site: Path) -> list[str]:
    """The command line that indexes ``site`` (the output folder)."""
    return [str(pagefind_bin.get_executable()), "--site", str(site), "--output-subdir", BUNDLE_DIR, "--quiet"]


def build_index(site: Path) -> None:
    """Index ``site`` in place; raises :class:`SearchIndexFailed` with Pagefind's own output."""
    try:
        done = subprocess.run(command(site), capture_output=True, text=True, check=False)
    except OSError as error:  # binary missing or not executable
        raise SearchIndexFailed(failure_message(str(error))) from None
    if done.returncode != 0:
        raise SearchIndexFailed(failure_message((done.stderr or done.stdout).strip()))


def failure_message(detail: str) -> str:
    text = (
        "Der Suchindex konnte nicht erstellt werden (Pagefind ist fehlgeschlagen). "
        "Die Website ist deshalb nicht vollständig gebaut."
    )
    return f"{text}\n{detail}" if detail else text
