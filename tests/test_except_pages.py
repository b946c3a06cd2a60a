"""``except:`` on the built site: "entfällt" on the event page, absent from the calendar pages."""

from __future__ import annotations

import re

import pytest

from conftest import build

PAGE = """---
title: Abendkurs
date: 01.01.2030
category: Kurse
slug: abendkurs
event:
  start: 04.03.2030 17:00
  end: 04.03.2030 18:30
  repeat: wöchentlich montags bis 25.03.2030
  except: [11.03.2030]
  online: https://example.org/stream
---
Text.
"""


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030-01-01, before the course
        root = tmp_path_factory.mktemp("except")
        (root / "content" / "kurse").mkdir(parents=True)
        (root / "content" / "kurse" / "abendkurs.md").write_text(PAGE, encoding="utf-8")
        return build(root / "content", root / "output", SITEURL="https://qlee.example")


def text_of(path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_event_page_lists_the_cancelled_meeting_as_entfaellt(output):
    html = (output / "kurse" / "abendkurs" / "index.html").read_text(encoding="utf-8")
    text = text_of(output / "kurse" / "abendkurs" / "index.html")
    assert "3 Termine (1 entfällt):" in text
    (cancelled,) = re.findall(r'<li class="event-box__cancelled">(.*?)</li>', html, re.DOTALL)
    assert "11.03.2030" in cancelled or "11. März 2030" in cancelled
    assert cancelled.strip().endswith("– entfällt") and "<s>" in cancelled


def test_month_grid_and_feed_leave_the_cancelled_day_out(output):
    month = (output / "veranstaltungen" / "2030" / "03" / "index.html").read_text(encoding="utf-8")
    # Each day's cell runs from its <time> to the next one.
    cells = re.split(r'<time class="month__day" datetime="2030-03-(\d\d)">', month)[1:]
    days = {day for day, cell in zip(cells[::2], cells[1::2], strict=True) if "Abendkurs" in cell}
    assert days == {"04", "18", "25"}
    ics = (output / "veranstaltungen" / "abendkurs.ics").read_text(encoding="utf-8")
    assert "EXDATE;TZID=Europe/Berlin:20300311T170000" in ics
