"""The search index: Pagefind's pinned binary run by every build over its output."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pagefind_bin
import pytest

from qlee.output import searchindex

from conftest import FIXTURES, build

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"


def test_the_binary_is_the_pinned_one():
    (pin,) = [line for line in REQUIREMENTS.read_text().splitlines() if line.startswith("pagefind-bin==")]
    version = subprocess.run([searchindex.command(Path("."))[0], "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.split() == ["pagefind", pin.partition("==")[2]]


def test_indexes_only_the_marked_body_in_german(tmp_path):
    (tmp_path / "a.html").write_text(
        '<html lang="de"><body><nav>Navigation Lübbenau</nav>'
        '<main data-pagefind-body><h1>Wasserstoff</h1><p>Kurse in Lübbenau.</p></main></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "liste.html").write_text('<html lang="de"><body><p>Wasserstoff in der Liste</p></body></html>', encoding="utf-8")
    searchindex.build_index(tmp_path)
    entry = json.loads((tmp_path / searchindex.BUNDLE_DIR / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["de"]
    assert entry["languages"]["de"]["page_count"] == 1  # the list without data-pagefind-body stays out


def test_a_failure_is_reported_in_german(tmp_path):
    with pytest.raises(searchindex.SearchIndexFailed) as failure:
        searchindex.build_index(tmp_path / "leer")  # no HTML at all: Pagefind fails
    message = str(failure.value)
    assert message.startswith("Der Suchindex konnte nicht erstellt werden")
    assert "Pagefind" in message


def test_a_missing_binary_is_reported_in_german(tmp_path, monkeypatch):
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: tmp_path / "gibt-es-nicht")
    with pytest.raises(searchindex.SearchIndexFailed, match="Suchindex"):
        searchindex.build_index(tmp_path)


def test_a_plain_build_writes_the_index(tmp_path, source_date_epoch):
    output = build(FIXTURES / "events_basic" / "content", tmp_path / "output")
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text())
    # Six items: only they carry data-pagefind-body, lists and calendar pages do not.
    assert entry["languages"]["de"]["page_count"] == len(list((FIXTURES / "events_basic" / "content").rglob("*.md")))
    assert (output / "pagefind" / "pagefind-ui.js").is_file()


def test_the_build_fails_when_pagefind_fails(tmp_path, source_date_epoch, monkeypatch):
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: Path("/bin/false"))
    with pytest.raises(searchindex.SearchIndexFailed):
        build(FIXTURES / "events_basic" / "content", tmp_path / "output", QLEE_SEARCH_CACHE=str(tmp_path / "cache"))


def test_the_index_can_be_switched_off(tmp_path, source_date_epoch):
    output = build(FIXTURES / "events_basic" / "content", tmp_path / "output", QLEE_SEARCH_INDEX=False)
    assert not (output / "pagefind").exists()


def test_the_same_pages_get_the_same_bundle(tmp_path, source_date_epoch):
    # Pagefind alone writes a filter's values in random order; the cache makes builds reproducible.
    cache = tmp_path / "cache"
    first = build(FIXTURES / "events_basic" / "content", tmp_path / "a", QLEE_SEARCH_CACHE=str(cache))
    second = build(FIXTURES / "events_basic" / "content", tmp_path / "b", QLEE_SEARCH_CACHE=str(cache))
    files = sorted(path.relative_to(first).as_posix() for path in (first / "pagefind").rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second).as_posix() for path in (second / "pagefind").rglob("*") if path.is_file())
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in files)
    assert len(list(cache.iterdir())) == 1


def test_other_pages_get_a_new_bundle(tmp_path):
    cache = tmp_path / "cache"
    site = tmp_path / "site"
    site.mkdir()
    page = site / "index.html"
    page.write_text('<html lang="de"><body><main data-pagefind-body>Wasserstoff</main></body></html>', encoding="utf-8")
    searchindex.build_index(site, cache)
    page.write_text('<html lang="de"><body><main data-pagefind-body>Lübbenau</main></body></html>', encoding="utf-8")
    searchindex.build_index(site, cache)
    assert len(list(cache.iterdir())) == 2


def test_default_cache_follows_xdg():
    assert searchindex.default_cache({"XDG_CACHE_HOME": "/x"}) == Path("/x/qlee/pagefind")
    assert searchindex.default_cache({"HOME": "/home/r"}) == Path("/home/r/.cache/qlee/pagefind")


def test_the_real_site_indexes_its_items_and_published_pages(real_site):
    content = Path(__file__).resolve().parent.parent / "content"
    sources = [*(content / "nachrichten").glob("*.md"), *(content / "kurse").glob("*.md"), *(content / "pages").glob("*.md")]
    published = [path for path in sources if "\nstatus: hidden\n" not in path.read_text(encoding="utf-8")]
    assert len(published) < len(sources)  # the 404 page is hidden: not a search result
    entry = json.loads((real_site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["de"]["page_count"] == len(published)
