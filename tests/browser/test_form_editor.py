"""The form editor end to end: `edit` started for real, a course created and changed in Chromium.

`tools/edit.py` runs on a copy of the real content with free ports: the
preview, the form editor (/admin/, Decap CMS) and decap-server. The browser
may reach 127.0.0.1 only; every other request is blocked and recorded. The
course made through the form is checked as editors' files are: `invoke check`
(qlee.cli), the preview's build, and the instants in /kalender.ics.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import icalendar
import pytest

from qlee import cli

from browsing import LOCAL_HOST, PROJECT

pytestmark = pytest.mark.browser

TITLE = "Testkurs Solarthermie"
SESSIONS = [("04.03.2030 09:00", "04.03.2030 16:00"), ("05.03.2030 09:00", "05.03.2030 16:00"),
            ("06.03.2030 09:00", "06.03.2030 12:30")]  # fmt: skip
# March 2030 in Berlin is CET (summer time starts on 31 March): UTC+1.
UTC_STARTS = [dt.datetime(2030, 3, day, 8, 0, tzinfo=dt.UTC) for day in (4, 5, 6)]
UTC_ENDS = [dt.datetime(2030, 3, 4, 15, 0, tzinfo=dt.UTC), dt.datetime(2030, 3, 5, 15, 0, tzinfo=dt.UTC),
            dt.datetime(2030, 3, 6, 11, 30, tzinfo=dt.UTC)]  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCAL_HOST, 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((LOCAL_HOST, port)) == 0


def wait_for(condition, what: str, page=None, timeout: float = 60.0):
    """Poll ``condition``; with ``page``, wait in Playwright, so that the route handler (Python) keeps
    passing the page's requests on meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        if page is None:
            time.sleep(0.2)
        else:
            page.wait_for_timeout(200)
    raise AssertionError(f"timed out waiting for {what}")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def editor(tmp_path):
    """`edit` on a copy of the real content; yields (admin URL, preview URL, project copy)."""
    shutil.copytree(PROJECT / "content", tmp_path / "content")
    ports = [free_port() for _ in range(3)]
    command = [sys.executable, "-m", "tools.edit", "--content", str(tmp_path / "content"),
               "--output", str(tmp_path / "output"), "--port", str(ports[0]),
               "--admin-port", str(ports[1]), "--backend-port", str(ports[2])]  # fmt: skip
    log = (tmp_path / "edit.log").open("w")
    process = subprocess.Popen(command, cwd=PROJECT, stdout=log, stderr=subprocess.STDOUT)
    preview = f"http://{LOCAL_HOST}:{ports[0]}"
    admin = f"http://{LOCAL_HOST}:{ports[1]}/admin/"
    try:
        wait_for(lambda: answers(preview + "/") and answers(admin), "the preview and the editor")
        yield admin, preview, tmp_path
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
    # decap-server went with it (nothing answers on its port).
    wait_for(lambda: not listening(ports[2]), "decap-server to stop", timeout=10)


@pytest.fixture
def form(browser, editor):
    """A logged-in page of the form editor; every request away from 127.0.0.1 is blocked and recorded."""
    admin = editor[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE", timezone_id="Europe/Berlin")
    outside: list[str] = []

    def route(route):
        if route.request.url.startswith(f"http://{LOCAL_HOST}:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(admin)
    page.get_by_role("button", name="Login").click()
    try:
        yield page, outside
    finally:
        page.screenshot(path=str(editor[2] / "last.png"))  # what the form showed at the end, for a failure
        context.close()


def publish(page, shown: str) -> None:
    """Save once the preview beside the form shows ``shown`` (the form has taken the last input)."""
    page.frame_locator("iframe").get_by_text(shown).first.wait_for()
    page.get_by_role("button", name="Veröffentlichen").click()
    page.get_by_text("Jetzt veröffentlichen").click()


def calendar_events(preview: str, title: str) -> list[icalendar.Event]:
    with urllib.request.urlopen(f"{preview}/kalender.ics", timeout=5) as response:
        calendar = icalendar.Calendar.from_ical(response.read())
    return [event for event in calendar.walk("VEVENT") if str(event["SUMMARY"]).startswith(title)]


def course_file(project: Path, page) -> Path:
    return wait_for(lambda: next((project / "content" / "kurse").glob("testkurs*.md"), None), "the saved course", page)


def test_a_course_made_in_the_form_is_checked_built_and_in_the_calendar(form, editor):
    page, outside = form
    admin, preview, project = editor
    page.goto(admin + "#/collections/kurse/new")
    page.locator("[id^=title-field]").fill(TITLE)
    page.locator("[id^=date-field]").fill("02.01.2025 10:00")
    page.locator("[data-testid=expand-button]").nth(1).click()  # Veranstaltung (after Bild)
    page.locator("[id^=name-field]").fill("Testhaus")
    page.locator("[id^=city-field]").fill("Cottbus")
    page.locator("[id^=url-field]").fill("https://example.org/anmeldung")
    page.locator("[id^=deadline-field]").fill("25.02.2030")
    for _ in SESSIONS:
        page.get_by_role("button", name="termine hinzufügen").click()
    starts, ends = page.locator("[id^=start-field]"), page.locator("[id^=end-field]")
    for index, (start, end) in enumerate(SESSIONS, start=1):  # the first start and end are the event's own
        starts.nth(index).fill(start)
        ends.nth(index).fill(end)
    page.locator("[data-slate-editor=true]").click()  # the body, a Markdown editor in raw mode
    page.keyboard.type("Drei Tage Solarthermie in der Praxis.")
    publish(page, "Drei Tage Solarthermie in der Praxis.")
    page.get_by_text("Beitrag gespeichert").wait_for()

    saved = course_file(project, page)
    text = saved.read_text(encoding="utf-8")
    assert "04.03.2030 09:00" in text and "modified" not in text  # our grammar, local time; a new entry
    assert cli.main(["--path", str(project / "content")]) == 0
    slug = saved.stem
    wait_for(lambda: answers(f"{preview}/kurse/{slug}/"), "the course in the preview", page)
    events = wait_for(lambda: calendar_events(preview, TITLE), "the course in /kalender.ics", page)
    assert sorted(event.decoded("DTSTART").astimezone(dt.UTC) for event in events) == UTC_STARTS
    assert sorted(event.decoded("DTEND").astimezone(dt.UTC) for event in events) == UTC_ENDS

    # Cancelled through the form: `modified` is set on save, the calendar says so.
    # The same form, now the saved entry (Decap went to its address after saving).
    page.wait_for_url(re.compile(f"#/collections/kurse/entries/{slug}$"))
    event_status = page.locator("[id^=status-field]").nth(1)
    if not event_status.is_visible():
        page.locator("[data-testid=expand-button]").nth(1).click()
    event_status.click()
    page.get_by_text("cancelled", exact=True).click()
    publish(page, "cancelled")
    wait_for(lambda: "cancelled" in saved.read_text(encoding="utf-8"), "the cancelled course", page)
    assert re.search(r"^modified: .+", saved.read_text(encoding="utf-8"), re.MULTILINE)
    assert cli.main(["--path", str(project / "content")]) == 0
    wait_for(lambda: all(str(e.get("STATUS")) == "CANCELLED" for e in calendar_events(preview, TITLE)), "CANCELLED", page)

    # A date that does not exist passes the form's pattern; our validator refuses it, in German.
    before = saved.read_text(encoding="utf-8")
    page.locator("[id^=deadline-field]").fill("30.02.2030")
    publish(page, "30.02.2030")
    notice = page.get_by_text(re.compile("fehlgeschlagen: event.registration.deadline: .*Februar 2030"))
    notice.wait_for()
    assert "30.02.2030" in notice.inner_text()
    assert saved.read_text(encoding="utf-8") == before
    assert outside == []
