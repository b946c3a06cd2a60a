"""The search index: Pagefind run over the finished output folder (no Pelican import).

Pagefind (https://pagefind.app) reads the written HTML and puts its index and
its search interface into ``pagefind/`` inside the output, which the site
serves (``/suche/`` loads it). The binary comes from the pinned PyPI package
``pagefind-bin``, so a build needs no Node. Only elements marked
``data-pagefind-body`` (items and pages, see theme/templates) are indexed;
lists and calendar pages repeat what items say and stay out.

Pagefind writes the values of a filter in a random order (a hash map; its
issue #638), so two runs over the same HTML differ in the filter files and
the names that refer to them. Builds stay reproducible through a cache keyed
by everything Pagefind reads: the same HTML gets the bundle made for it before.
The cache is the user's (``$XDG_CACHE_HOME/qlee/pagefind``), outside the project,
so that publishing from a fresh export finds it and leaves the project untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path

import pagefind_bin

# Where Pagefind writes its bundle inside the output; /suche/ loads it from there.
BUNDLE_DIR = "pagefind"
VERSION = version("pagefind-bin")
# Bundles kept in the cache: enough for the sites a test run or a preview builds in turn.
KEEP = 16


class SearchIndexFailed(RuntimeError):
    """Pagefind could not build the index; the message is for editors (German)."""


def default_cache(environ: Mapping[str, str]) -> Path:
    """The user's cache folder for bundles (XDG Base Directory: ``~/.cache`` unless set)."""
    base = environ.get("XDG_CACHE_HOME") or str(Path(environ.get("HOME") or Path.home()) / ".cache")
    return Path(base) / "qlee" / "pagefind"


def command(site: Path) -> list[str]:
    """The command line that indexes ``site`` (the output folder)."""
    return [str(pagefind_bin.get_executable()), "--site", str(site), "--output-subdir", BUNDLE_DIR, "--quiet"]


def build_index(site: Path, cache: Path | None = None) -> Path:
    """Index ``site`` in place and return the bundle's folder.

    With ``cache``, a bundle made before from the same HTML is copied instead of
    running Pagefind again. Raises :class:`SearchIndexFailed` with Pagefind's output.
    """
    bundle = site / BUNDLE_DIR
    key = input_digest(site) if cache is not None else ""
    if cache is not None and (cache / key).is_dir():
        shutil.rmtree(bundle, ignore_errors=True)
        shutil.copytree(cache / key, bundle)
        os.utime(cache / key)  # recently used: kept longest
        return bundle
    _run(site)
    if cache is not None:
        _store(bundle, cache, key)
    return bundle


def input_digest(site: Path) -> str:
    """A digest of what Pagefind reads: every HTML file's path and bytes, and its own version."""
    digest = hashlib.sha256(" ".join([VERSION, *command(Path())[1:]]).encode())
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(f"{BUNDLE_DIR}/"):
            continue
        digest.update(b"\0" + relative.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def failure_message(detail: str) -> str:
    text = (
        "Der Suchindex konnte nicht erstellt werden (Pagefind ist fehlgeschlagen). "
        "Die Website ist deshalb nicht vollständig gebaut."
    )
    return f"{text}\n{detail}" if detail else text


def _run(site: Path) -> None:
    try:
        done = subprocess.run(command(site), capture_output=True, text=True, check=False)
    except OSError as error:  # binary missing or not executable
        raise SearchIndexFailed(failure_message(str(error))) from None
    if done.returncode != 0:
        raise SearchIndexFailed(failure_message((done.stderr or done.stdout).strip()))


def _store(bundle: Path, cache: Path, key: str) -> None:
    """Copies ``bundle`` into the cache under ``key``; builds running at once may race, the first wins."""
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=cache))
    shutil.copytree(bundle, staging / "bundle")
    with contextlib.suppress(OSError):  # another build stored the same key first
        os.rename(staging / "bundle", cache / key)
    shutil.rmtree(staging, ignore_errors=True)
    kept = sorted((entry for entry in cache.iterdir() if not entry.name.startswith(".")), key=_mtime, reverse=True)
    for old in kept[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
