"""A build on several CPUs: Markdown converted ahead in worker processes
(plugins/qlee/prefetch.py) and the output written by forked copies of the
build (plugins/qlee/forked.py).

The one thing that matters: a site built this way is byte for byte the site
built in one process. Then: the reader really takes the workers' HTML, and
never HTML made from another text than the one it read; every file is
written by one process; a failing process fails the build.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, build
from pelican.settings import read_settings

from benchmarks import corpus
from qlee import forked, markdown_setup, prefetch, wiring

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


@pytest.fixture
def shares(monkeypatch) -> list[forked.Share]:
    """The Share of each split of the output (in this, the first process)."""
    made: list[forked.Share] = []
    original = forked.split

    def spy(count):
        share = original(count)
        made.append(share)
        return share

    monkeypatch.setattr(forked, "split", spy)
    return made


def test_same_site_on_one_and_on_several_processes(tmp_path, source_date_epoch, taken, shares):
    made = corpus.generate(tmp_path / "corpus", 80)
    serial = build(made.content, tmp_path / "serial", QLEE_WORKERS=0)
    assert taken == [] and shares == []
    parallel = build(made.content, tmp_path / "parallel", QLEE_WORKERS=2)
    assert len(taken) == 80 and all(taken)
    assert [(share.index, share.count) for share in shares] == [(0, 3)]
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
    paths = write_files(tmp_path, forked.MIN_FILES)
    assert prefetch.start(paths[:-1], MARKDOWN, workers=1) is None  # too few files
    assert prefetch.start(paths, MARKDOWN, workers=0) is None  # switched off
    ahead = prefetch.start(paths, MARKDOWN, workers=1)
    assert ahead is not None
    ahead.close()


def test_a_failing_process_fails_the_build(tmp_path, source_date_epoch, monkeypatch, capfd):
    made = corpus.generate(tmp_path / "corpus", 60)

    def broken(self):
        raise OSError("Datenträger voll")

    # The iCal files are written by the last forked process only.
    monkeypatch.setattr(wiring.ICalFeeds, "files", broken)
    with pytest.raises(forked.ShareFailed, match="1 von 2 Prozessen"):
        build(made.content, tmp_path / "output", QLEE_WORKERS=1)
    # The child says why, through the terminal and log handler it got after the fork.
    said = capfd.readouterr().err
    assert "Ein Prozess, der einen Teil der Website schreibt, ist gescheitert" in said
    assert "OSError: Datenträger voll" in said


def test_each_call_goes_to_exactly_one_process():
    claimed = multiprocessing.get_context("fork").Value("q", 0)
    shares = [forked.Share(index, 3, claimed) for index in range(3)]
    # The processes walk the same calls at their own pace; whoever comes first writes.
    order = [0, 1, 1, 1, 0, 0, 0, 2, 2, 2, 2, 1, 0, 1, 0, 0]  # which process takes its next step
    written: dict[int, list[int]] = {0: [], 1: [], 2: []}
    steps = [0, 0, 0]
    for index in order:
        if shares[index].mine():
            written[index].append(steps[index])
        steps[index] += 1
    assert sorted(call for calls in written.values() for call in calls) == list(range(7))
    assert written == {0: [0, 3, 4, 5, 6], 1: [1, 2], 2: []}
    assert [share.last for share in shares] == [False, False, True]


FORK_WITH_LOCKED_CONSOLE = """
import sys, threading
sys.path[:0] = [{plugins!r}, {tests!r}]
from pathlib import Path
import logging
from pelican.log import console, init
from conftest import build
from qlee import forked, wiring

def broken(self):
    raise OSError("Datenträger voll")

init(logging.WARNING)  # Pelican's log handler, as `pelican` sets it up: it writes through the console
wiring.ICalFeeds.files = broken
held, done = threading.Event(), threading.Event()

def hold():  # as Pelican's spinner thread might, at the moment of the fork
    with console._lock:
        held.set()
        done.wait()

threading.Thread(target=hold, daemon=True).start()
held.wait()
try:
    build(Path({content!r}), Path({output!r}), QLEE_WORKERS=1)
except forked.ShareFailed:
    print("gescheitert, wie erwartet")
"""


def test_a_child_logs_even_when_the_parents_console_was_locked_at_the_fork(tmp_path, source_date_epoch):
    made = corpus.generate(tmp_path / "corpus", 60)
    script = FORK_WITH_LOCKED_CONSOLE.format(
        plugins=str(PROJECT / "plugins"),
        tests=str(PROJECT / "tests"),
        content=str(made.content),
        output=str(tmp_path / "output"),
    )
    # Without its own log handler the child would wait for the console's lock forever.
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=120, check=False
    )
    assert "gescheitert, wie erwartet" in result.stdout, result.stderr
    assert "OSError: Datenträger voll" in result.stderr
