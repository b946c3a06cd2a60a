"""Every HTML file of the built real site passes the Nu Html Checker (vnu) with zero errors,
and so does the event fixture site built with the publish address.

vnu.jar comes from the npm package vnu-jar (package-lock.json, installed by `npm ci`) and
runs on the system's Java; one JVM checks all files of a site.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from pathlib import Path

from conftest import FIXTURES, build

PROJECT = Path(__file__).resolve().parent.parent
VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files: list[Path]) -> list[dict]:
    """vnu's messages for ``files`` (errors only); raises if the checker itself fails."""
    java = shutil.which("java")
    assert java, "no Java runtime on PATH (Debian: apt-get install default-jre-headless)"
    assert VNU.is_file(), f"{VNU} is missing: run `npm ci` (python3 run.py test does)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu writes its JSON report to stderr; exit code 1 means "found errors".
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        raise AssertionError(
            f"vnu did not produce a JSON report (exit {result.returncode}):\n{result.stderr[-2000:]}"
        ) from None
    return report["messages"]


def describe(message: dict, output: Path) -> str:
    url = message.get("url", "")
    where = url.removeprefix("file:")
    with contextlib.suppress(ValueError):
        where = Path(where).relative_to(output).as_posix()
    line = message.get("lastLine", "?")
    extract = " ".join(message.get("extract", "").split())
    return f"{where}:{line}: {message.get('message', '')}  [{extract}]"


def test_every_html_file_passes_the_nu_html_checker(real_site, tmp_path, capsys):
    files = sorted(real_site.rglob("*.html"))
    assert files, f"no HTML files in {real_site}"
    # A known-broken page in the same run proves the checker reports errors as it runs here.
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><html lang=de><title>x</title><p><div></p>", encoding="utf-8")
    messages = run_vnu([broken, *files])
    errors = [m for m in messages if m["type"] in {"error", "non-document-error"}]
    about_control = [m for m in errors if m.get("url", "").endswith(str(broken))]
    assert about_control, "vnu missed the errors of the broken control page"
    errors = [m for m in errors if m not in about_control]
    pages_with_errors = {m.get("url") for m in errors}
    with capsys.disabled():
        print(
            f"\nNu Html Checker: {len(files)} HTML files checked, {len(errors)} errors "
            f"in {len(pages_with_errors)} files"
        )
    assert not errors, "Nu Html Checker errors:\n" + "\n".join(describe(m, real_site) for m in errors)


def test_event_fixture_site_passes_with_a_published_siteurl(tmp_path, source_date_epoch):
    """events_basic has what the real content lacks: every status and registration state,
    multi-day and timed ranges, sessions, and (with an absolute SITEURL) the full subscribe box."""
    published = {"SITEURL": "https://qlee.example", "FEED_DOMAIN": "https://qlee.example"}
    output = build(FIXTURES / "events_basic" / "content", tmp_path / "output", **published)
    files = sorted(output.rglob("*.html"))
    assert len(files) > 20
    errors = [m for m in run_vnu(files) if m["type"] in {"error", "non-document-error"}]
    assert not errors, "Nu Html Checker errors:\n" + "\n".join(describe(m, output) for m in errors)
