"""Markdown converted ahead in worker processes (plugins/qlee/prefetch.py).

The one thing that matters: a site built with prefetching is byte for byte
the site built without it. Then: the reader really takes the workers' HTML,
and never HTML made from another text than the one it read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT, build
from pelican.settings import read_settings

from benchmarks import corpus
from qlee import markdown_setup, prefetch

MARKDOWN = read_settings(str(PROJECT / "pelicanconf.py"))["MARKDOWN"]
BODY = 'Ein *Kurs* mit [Link](https://example.org) -- und "Anführungszeichen"...\n\n## Ablauf\n\n- eins\n- zwei\n'


def write_files(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"datei-{number:03}.md"
        path.write_text(f"---\ntitle: Datei {number}\n---\n{BODY}Absatz Nummer {number}.\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def plain(body: str) -> str:
    converter = markdown_setup.converter(MARKDOWN)
    return converter.convert(body)


def body_of(path: str) -> str:
    return Path(path).read_text(encoding="utf-8").split("---\n", 2)[2]


@pytest.fixture
def taken(monkeypatch) -> list[bool]:
    """Records, for each file the reader asks for, whether prefetched HTML was used."""
    record: list[bool] = []
    original = prefetch.Prefetch.take

    def spy(self, path, body):
        html = original(self, path, body)
        record.append(html is not None)
        return html

    monkeypatch.setattr(prefetch.Prefetch, "take", spy)
    return record


def test_same_site_with_and_without_prefetching(tmp_path, source_date_epoch, taken):
    made = corpus.generate(tmp_path / "corpus", 80)
    serial = build(made.content, tmp_path / "serial", QLEE_WORKERS=0)
    assert taken == []
    parallel = build(made.content, tmp_path / "parallel", QLEE_WORKERS=1)
    assert len(taken) == 80 and all(taken)
    files = sorted(path.relative_to(serial) for path in serial.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(parallel) for path in parallel.rglob("*") if path.is_file())
    assert len(files) > 200
    for name in files:
        assert (parallel / name).read_bytes() == (serial / name).read_bytes(), name


def test_the_content_cache_leaves_nothing_to_prefetch(tmp_path, source_date_epoch, taken):
    made = corpus.generate(tmp_path / "corpus", 60)
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache"), "QLEE_WORKERS": 1}
    build(made.content, tmp_path / "cold", **cache)
    assert len(taken) == 60
    taken.clear()
    build(made.content, tmp_path / "warm", **cache)
    assert taken == []  # every file came from the cache, none was read or prefetched


def test_every_body_gets_its_own_html(tmp_path):
    paths = write_files(tmp_path, 60)
    ahead = prefetch.start(paths, MARKDOWN, workers=1)
    assert ahead is not None
    for path in paths:
        assert ahead.take(path, body_of(path)) == plain(body_of(path))


def test_html_from_another_text_is_not_used(tmp_path):
    paths = write_files(tmp_path, 60)
    ahead = prefetch.start(paths, MARKDOWN, workers=1)
    assert ahead is not None
    assert ahead.take(paths[0], "Inzwischen geändert.\n") is None  # the file changed after the worker read it
    assert ahead.take(str(tmp_path / "nie-angemeldet.md"), BODY) is None
    assert ahead.take(paths[0], body_of(paths[0])) is None  # each result is given out once
    ahead.close()


def test_a_file_without_front_matter_is_left_to_the_reader(tmp_path):
    paths = write_files(tmp_path, 60)
    Path(paths[5]).write_text("Kein Vorspann.\n", encoding="utf-8")
    ahead = prefetch.start(paths, MARKDOWN, workers=1)
    assert ahead is not None
    for path in paths[:5]:
        assert ahead.take(path, body_of(path)) is not None
    assert ahead.take(paths[5], "") is None
    ahead.close()


def test_no_pool_where_it_would_not_pay(tmp_path):
    paths = write_files(tmp_path, prefetch.MIN_FILES)
    assert prefetch.start(paths[:-1], MARKDOWN, workers=1) is None  # too few files
    assert prefetch.start(paths, MARKDOWN, workers=0) is None  # switched off
    ahead = prefetch.start(paths, MARKDOWN, workers=1)
    assert ahead is not None
    ahead.close()
