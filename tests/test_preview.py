"""The live preview keeps the last good build when content is broken."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tools import preview, previewerror

from conftest import PROJECT

SETTINGS = PROJECT / "pelicanconf.py"

GOOD = """---
title: {title}
date: 10.01.2024 10:00
category: Nachrichten
---

{title} steht im Text.
"""
# 30 February does not exist: the validator stops the build.
BROKEN = """---
title: Kaputt
date: 30.02.2024
category: Nachrichten
---

Text.
"""


@pytest.fixture
def site(tmp_path, source_date_epoch):
    content = tmp_path / "content"
    (content / "nachrichten").mkdir(parents=True)
    (content / "pages").mkdir()
    _write(content / "nachrichten" / "erste.md", GOOD.format(title="Erste Nachricht"))
    return content, tmp_path / "output"


def test_good_build_replaces_the_output(site, capfd):
    content, output = site
    messages = []
    assert preview.rebuild(content, output, SETTINGS, echo=messages.append)
    assert "Erste Nachricht" in (output / "nachrichten" / "erste-nachricht" / "index.html").read_text(encoding="utf-8")
    assert messages == [preview.UPDATED]
    # Nothing else: no English "Done: Processed …", no warning about feeds without SITEURL.
    assert capfd.readouterr() == ("", "")


def test_broken_content_keeps_the_last_good_build(site, capfd):
    content, output = site
    assert preview.rebuild(content, output, SETTINGS, echo=lambda _: None)
    before = _snapshot(output)
    capfd.readouterr()

    _write(content / "nachrichten" / "kaputt.md", BROKEN)
    messages = []
    assert not preview.rebuild(content, output, SETTINGS, echo=messages.append)

    # The last good build stays, every page with the messages on top; nothing else changes.
    after = _snapshot(output)
    assert after.keys() == before.keys()
    shown = previewerror.banner(['content/nachrichten/kaputt.md:3: date: "30.02.2024" ist kein gültiges Datum: '
                                 "der Februar 2024 hat nur 29 Tage. Beispiel: 29.02.2024"]).encode()
    for name, data in before.items():
        expected = data.replace(b"<body>", b"<body>" + shown, 1) if name.endswith(".html") else data
        assert after[name] == expected, name
    assert messages == [preview.FAILED]
    # The build's own message, naming file, line and field, reaches the editor, then a
    # one-line German summary: each on a line of its own, no log columns, no class name.
    captured = capfd.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        'content/nachrichten/kaputt.md:3: date: "30.02.2024" ist kein gültiges Datum: '
        "der Februar 2024 hat nur 29 Tage. Beispiel: 29.02.2024",
        "1 Fehler in den Inhalten (siehe oben); die Website wurde nicht erzeugt und nichts veröffentlicht.",
    ]
    assert _leftovers(output) == []


def test_a_failure_other_than_content_is_shown_too(site, tmp_path, capfd):
    """A broken template is not a content error: Pelican's message and traceback still show."""
    content, output = site
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    (theme / "templates" / "index.html").write_text("{% extends 'base.html' %}{% block content %}{{ 1 / 0 }}{% endblock %}")
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"from pelicanconf import *\nTHEME = {str(theme)!r}\nPLUGIN_PATHS = [{str(PROJECT / 'plugins')!r}]\n",
        encoding="utf-8",
    )
    messages = []
    assert not preview.rebuild(content, output, settings, echo=messages.append, environ={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert messages == [preview.FAILED]
    assert "ZeroDivisionError" in capfd.readouterr().err
    # No good build yet: one page says what went wrong.
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert "ZeroDivisionError" in (output / "index.html").read_text(encoding="utf-8")


def test_fixed_content_is_rebuilt_from_scratch(site):
    content, output = site
    assert preview.rebuild(content, output, SETTINGS, echo=lambda _: None)
    (content / "nachrichten" / "erste.md").unlink()
    _write(content / "nachrichten" / "zweite.md", GOOD.format(title="Zweite Nachricht"))
    assert preview.rebuild(content, output, SETTINGS, echo=lambda _: None)
    assert (output / "nachrichten" / "zweite-nachricht" / "index.html").is_file()
    # A fresh build each time: a deleted item does not linger in the preview.
    assert not (output / "nachrichten" / "erste-nachricht").exists()
    assert _leftovers(output) == []


def test_server_keeps_serving_and_reloads_on_save(site, tmp_path):
    content, output = site
    port = _free_port()
    log = tmp_path / "serve.log"
    command = [
        sys.executable, "-m", "tools.preview",
        "--content", str(content), "--output", str(output), "--port", str(port),
    ]
    with log.open("w") as sink:
        server = subprocess.Popen(command, cwd=PROJECT, stdout=sink, stderr=subprocess.STDOUT)
    try:
        page = f"http://127.0.0.1:{port}/nachrichten/erste-nachricht/"
        assert "Erste Nachricht" in _wait_for(lambda: _get(page), log)

        _write(content / "nachrichten" / "kaputt.md", BROKEN)
        _wait_for(lambda: preview.FAILED in log.read_text(encoding="utf-8"), log)
        lines = log.read_text(encoding="utf-8").splitlines()
        failed = lines.index(preview.FAILED)
        assert lines[failed - 2].startswith("content/nachrichten/kaputt.md:3: date:")
        assert lines[failed - 1].startswith("1 Fehler in den Inhalten")
        assert "Erste Nachricht" in _get(page)
        assert server.poll() is None

        (content / "nachrichten" / "kaputt.md").unlink()
        _write(content / "nachrichten" / "zweite.md", GOOD.format(title="Zweite Nachricht"))
        second = f"http://127.0.0.1:{port}/nachrichten/zweite-nachricht/"
        assert "Zweite Nachricht" in _wait_for(lambda: _get(second), log)
        _wait_for(lambda: log.read_text(encoding="utf-8").count(preview.UPDATED) == 2, log)
    finally:
        server.terminate()
        server.wait(timeout=10)
    # Everything the editor saw, in German; no English progress notes of Pelican or livereload.
    # (How often a save triggers a rebuild is livereload's business, so lines may repeat.)
    seen = log.read_text(encoding="utf-8").splitlines()
    assert seen[:2] == [preview.UPDATED, f"Vorschau unter http://127.0.0.1:{port}/ (beenden mit Strg+C)"]
    assert set(seen[2:]) == {*lines[failed - 2 : failed + 1], preview.UPDATED}, "\n".join(seen)


def test_the_development_build_prints_no_warning(site):
    """`invoke build` and the preview build with pelicanconf.py: no warning about feeds."""
    content, output = site
    command = [sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output),
               "--log-handler", "plain"]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Feeds generated" not in result.stdout


def test_the_published_feeds_have_their_address_so_the_warning_cannot_apply():
    # pelicanconf.py filters Pelican's feed warning because the development build links
    # relatively on purpose; the publish settings must keep giving feeds an absolute address.
    env = {**os.environ, "QLEE_SITEURL": "https://www.example.org"}
    probe = "import publishconf as s; print(s.SITEURL, s.FEED_DOMAIN)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT, env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["https://www.example.org", "https://www.example.org"]


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    # Make the change visible to mtime polling even within the same clock tick.
    stamp = time.time() + 2
    os.utime(path, (stamp, stamp))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}-"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(probe, log: Path, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = probe()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"timed out; server log:\n{log.read_text(encoding='utf-8')}")


def test_the_banner_goes_when_the_content_is_fixed(site):
    content, output = site
    assert preview.rebuild(content, output, SETTINGS, echo=lambda _: None)
    _write(content / "nachrichten" / "kaputt.md", BROKEN)
    assert not preview.rebuild(content, output, SETTINGS, echo=lambda _: None)
    assert not preview.rebuild(content, output, SETTINGS, echo=lambda _: None)  # twice: one banner
    page = (output / "index.html").read_text(encoding="utf-8")
    assert page.count(previewerror.START) == 1 and "kaputt.md:3" in page
    (content / "nachrichten" / "kaputt.md").unlink()
    assert preview.rebuild(content, output, SETTINGS, echo=lambda _: None)
    assert previewerror.START not in (output / "index.html").read_text(encoding="utf-8")


def test_a_busy_port_is_one_german_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "tools.preview", "--output", str(tmp_path / "out"), "--port", str(port)]
        done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60)
    # Before: a 32-line traceback ending in "OSError: [Errno 98] Address already in use".
    assert done.returncode == 1
    assert done.stderr.splitlines() == [preview.BUSY.format(host="127.0.0.1", port=port, other=port + 1)]
    assert "--port" in done.stderr and "Traceback" not in done.stderr
