"""Hostile content files (tests/fuzzing.py): no traceback, check and build agree, nothing script-capable is written.

A short run here (about 30 seconds); ``invoke fuzz --minutes 10`` runs the same
property for longer (``QLEE_FUZZ_SECONDS``) and prints what it tried.
"""

from __future__ import annotations

import os
import time

import fuzzing
import pytest
from hypothesis import HealthCheck, given, settings

SECONDS = float(os.environ.get("QLEE_FUZZ_SECONDS", "0"))  # 0: the short run of the test suite
EXAMPLES = 100 if SECONDS else 20  # per round; a long run repeats rounds until its time is up


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    if SECONDS:
        print(f"\nfiles tried: {fuzzing.STATS['files tried']}, sites without errors built: {fuzzing.STATS['sites built']}")
        for invariant in fuzzing.INVARIANTS:
            print(f"{invariant}: {fuzzing.STATS[invariant]} violations")


def test_hostile_files_end_in_our_errors_or_in_a_clean_site(tmp_path, source_date_epoch):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(site=fuzzing.sites)
    def round_of(site):
        assert fuzzing.verdict(site, tmp_path / "site") == []

    started = time.monotonic()
    round_of()
    while time.monotonic() - started < SECONDS:
        round_of()  # a new random round each time (no example database)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "x \x00"), ("title", "x \x0b y"), ("title", "x \uffff"), ("slug", "a" * 300),
        ("title", "ä" * 301), ("event.repeat", "FREQ=YEARLY;INTERVAL=100;COUNT=80"),
        ("event.repeat", "FREQ=YEARLY;INTERVAL=20;COUNT=366"), ("event.repeat", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3"),
    ],
)  # fmt: skip
def test_the_inputs_of_the_issue_are_errors_in_check_and_build(field, value, tmp_path, source_date_epoch):
    site = {"nachrichten/x.md": fuzzing._replace(fuzzing.ARTICLE, field, value, "json")}
    started = time.perf_counter()
    assert fuzzing.verdict(site, tmp_path / "site") == []
    assert time.perf_counter() - started < 5
    assert not (tmp_path / "site" / "output").exists()


@pytest.mark.parametrize(("field", "value"), [("template", "tags"), ("save_as", "kalender/x.html"), ("url", "feeds/x/")])
def test_pages_cannot_drop_their_text_or_take_the_sites_own_folders(field, value, tmp_path, source_date_epoch):
    site = {"pages/x.md": fuzzing._replace(fuzzing.PAGE, field, value, "raw")}
    assert fuzzing.verdict(site, tmp_path / "site") == []
    assert not (tmp_path / "site" / "output").exists()


def test_an_unforeseen_failure_is_one_line_naming_the_file_in_check_and_build(tmp_path, monkeypatch, source_date_epoch):
    from qlee.content import fields

    def broken(*args, **kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(fields, "item_metadata", broken)
    site = {"nachrichten/x.md": fuzzing.ARTICLE}
    assert fuzzing.verdict(site, tmp_path / "site") == []
    content = tmp_path / "site" / "content"
    [error] = fuzzing.crossfile.check_content(content, fuzzing.cli.load_settings(fuzzing.PROJECT / "pelicanconf.py", content))
    assert (error.path, error.line) == ("content/nachrichten/x.md", 1)
    assert "unerwarteter Fehler aufgetreten (RuntimeError: kaputt)" in error.message
    assert not (tmp_path / "site" / "output").exists()
