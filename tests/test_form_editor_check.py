"""The check behind the form editor's save (tools/edit.py), without a browser."""

from __future__ import annotations

import datetime as dt
import socket

from qlee import cli
from tools import edit

from conftest import PROJECT

SETTINGS = cli.load_settings(PROJECT / "pelicanconf.py")
NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)
COURSE = {"title": "Testkurs", "date": "02.01.2025", "category": "Kurse"}


def check(data, *, new=False):
    payload = {"collection": "kurse", "slug": "" if new else "testkurs", "newRecord": new, "data": data, "body": "Text."}
    return edit.check_entry(payload, PROJECT / "content", SETTINGS, NOW)


def test_a_changed_entry_gets_modified_in_local_time_and_a_new_one_none():
    assert check(COURSE) == edit.Checked((), "28.11.2026 10:30")
    assert check(COURSE, new=True) == edit.Checked((), None)
    assert check({**COURSE, "date": "01.01.2027"}).modified is None  # planned: not before its date


def test_a_picture_without_alt_text_is_refused_with_the_validators_message():
    checked = check({**COURSE, "image": {"src": "bilder/foto.jpg"}}, new=True)
    assert checked.messages and any(message.startswith("image.alt:") for message in checked.messages)


def test_a_busy_port_is_reported_in_one_german_line(capsys):
    with socket.socket() as taken:
        taken.bind((edit.HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert edit.main(["--port", str(port)]) == 1
    assert capsys.readouterr().err == edit.BUSY.format(port=port) + "\n"
