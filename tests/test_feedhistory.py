"""Past events in the iCal feeds: kept while the feed fits its size budget, oldest dropped first."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
from pelican.settings import read_settings

from benchmarks import corpus
from qlee.content import fields, frontmatter
from qlee.events.model import Event, EventStatus, Location
from qlee.output import feedhistory, ical

from conftest import DEFAULT_EPOCH, PROJECT, build

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2025, 1, 1, tzinfo=UTC)
INFO = ical.FeedInfo(name="QLEE – Veranstaltungen", description="Termine", timezone=BERLIN, url_base="https://qlee.example")


def item(day: dt.date, slug: str, status: EventStatus = EventStatus.SCHEDULED) -> ical.FeedItem:
    start = dt.datetime.combine(day, dt.time(10), BERLIN)
    event = Event(
        start=start,
        end=start + dt.timedelta(hours=2),
        timezone=BERLIN,
        uid=slug,
        organizer="QLEE",
        status=status,
        location=Location(name="Technikum", city="Cottbus"),
    )
    return ical.FeedItem(event, f"Termin {slug}", f"kurse/{slug}/", "<p>Ein Termin.</p>", "Kurse", start - dt.timedelta(days=30))


def serialize(kept) -> bytes:
    return ical.to_bytes(ical.feed(kept, INFO, now=NOW))


def uids(trimmed: feedhistory.Trimmed) -> list[str]:
    return sorted(entry.event.uid for entry in trimmed.items)


def test_everything_stays_when_it_fits():
    items = [item(dt.date(2015, 3, 1), "alt"), item(dt.date(2024, 6, 1), "juni"), item(dt.date(2025, 3, 1), "maerz")]
    trimmed = feedhistory.trim(items, now=NOW, max_bytes=1_000_000, serialize=serialize)
    assert trimmed.items == tuple(items) and trimmed.dropped == 0 and not trimmed.over_budget
    assert trimmed.data == serialize(items)


def test_the_oldest_past_events_go_first_and_cancelled_ones_count_like_others():
    past = [item(dt.date(2024, month, 1), f"p{month:02d}") for month in range(1, 13)]
    past[5] = item(dt.date(2024, 6, 1), "p06", EventStatus.CANCELLED)
    upcoming = [item(dt.date(2025, 2, day), f"u{day:02d}") for day in (1, 2)]
    everything = upcoming + past
    # Room for the upcoming events and exactly five past ones.
    budget = len(serialize(upcoming + past[-5:]))
    trimmed = feedhistory.trim(everything, now=NOW, max_bytes=budget, serialize=serialize)
    assert uids(trimmed) == ["p08", "p09", "p10", "p11", "p12", "u01", "u02"]
    assert trimmed.dropped == 7 and len(trimmed.data) <= budget and trimmed.data == serialize(list(trimmed.items))
    one_less = feedhistory.trim(everything, now=NOW, max_bytes=budget - 1, serialize=serialize)
    assert uids(one_less) == ["p09", "p10", "p11", "p12", "u01", "u02"]
    with_cancelled = feedhistory.trim(everything, now=NOW, max_bytes=len(serialize(everything)) - 1, serialize=serialize)
    assert "p06" in uids(with_cancelled) and "p01" not in uids(with_cancelled)


def test_an_event_still_running_at_build_time_is_upcoming():
    start = dt.datetime(2024, 12, 31, 23, tzinfo=UTC)
    event = Event(start=start, end=start + dt.timedelta(hours=2), timezone=BERLIN, uid="laeuft", organizer="QLEE")
    running = dataclasses.replace(item(dt.date(2024, 12, 31), "laeuft"), event=event)
    trimmed = feedhistory.trim([running], now=NOW, max_bytes=10, serialize=serialize)
    assert uids(trimmed) == ["laeuft"] and trimmed.over_budget


def test_upcoming_events_are_never_dropped_and_an_overfull_feed_says_so():
    upcoming = [item(dt.date(2025, 2, day), f"u{day:02d}") for day in range(1, 11)]
    past = [item(dt.date(2024, 2, 1), "alt")]
    trimmed = feedhistory.trim(past + upcoming, now=NOW, max_bytes=2_000, serialize=serialize)
    assert trimmed.over_budget and trimmed.dropped == 1
    assert uids(trimmed) == sorted(entry.event.uid for entry in upcoming)


def test_the_build_warns_when_upcoming_events_alone_exceed_the_budget(tmp_path, caplog):
    content = tmp_path / "content"
    (content / "kurse").mkdir(parents=True)
    (content / "kurse" / "kurs.md").write_text(
        "---\ntitle: Kurs\ndate: 01.12.2024\ncategory: Kurse\nevent:\n  start: 04.03.2025 10:00\n"
        "  end: 04.03.2025 12:00\n  online: https://example.org/kurs\n---\nText.\n"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
        output = build(content, tmp_path / "output", SITEURL="https://qlee.example", QLEE_FEED_MAX_BYTES=1_200)
    assert b"UID:" in (output / "kalender.ics").read_bytes()
    warnings = [r.getMessage() for r in caplog.records if "QLEE_FEED_MAX_BYTES" in r.getMessage()]
    assert len(warnings) == 2 and warnings[0].startswith("kalender.ics: Die kommenden Termine allein ergeben")


@pytest.fixture(scope="module")
def corpus_items(tmp_path_factory) -> list[ical.FeedItem]:
    """5,000 events of the benchmark corpus (every kind it writes), read by the validator."""
    written = corpus.generate(tmp_path_factory.mktemp("corpus"), 5_000, event_share=1.0)
    settings = read_settings(str(PROJECT / "pelicanconf.py"), override={"PATH": str(written.content)})
    items = []
    for path in sorted(written.content.rglob("*.md")):
        source = path.relative_to(written.content).as_posix()
        if source.startswith("pages/"):
            continue
        matter = frontmatter.split(path.read_text(encoding="utf-8"))
        values, errors = fields.item_metadata(matter, source=source, is_page=False, settings=settings)
        assert errors == [], source
        category = values["category"]
        url = f"{settings['QLEE_CATEGORIES'][category]['slug']}/{values['slug']}/"
        # Pelican's summary without `summary:` is the body's first 50 words; the
        # first paragraph of the generated prose is about that long.
        summary = values.get("summary") or matter.body.strip().split("\n\n")[0]
        items.append(ical.FeedItem(values["event"], values["title"], url, str(summary), category, values["date"], values.get("modified")))
    assert len(items) == 5_000
    return items


@pytest.mark.parametrize("now", [NOW, dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2027, 1, 1, tzinfo=UTC)])
def test_a_feed_of_5000_events_stays_within_the_budget(corpus_items, now):
    """The corpus spreads its events from three years before 2025-01-01 to 18 months after."""
    budget = 400_000
    shared = ical.SharedComponents()  # as the build does: each VEVENT serialized once

    def serialize(kept) -> bytes:
        return ical.to_bytes(ical.feed(kept, INFO, now=now, shared=shared), shared)

    past = [entry for entry in corpus_items if entry.event.last_end < now]
    upcoming = [entry for entry in corpus_items if entry.event.last_end >= now]
    started = time.perf_counter()
    trimmed = feedhistory.trim(corpus_items, now=now, max_bytes=budget, serialize=serialize)
    seconds = time.perf_counter() - started
    whole = serialize(corpus_items)
    kept = set(map(id, trimmed.items))
    kept_past = [entry for entry in past if id(entry) in kept]
    left_out = [entry for entry in past if id(entry) not in kept]
    print(
        f"\n5,000 events built {now:%Y-%m-%d} ({len(upcoming)} upcoming, {len(past)} past): all of them "
        f"{len(whole):,} bytes ({len(whole) / len(corpus_items):.0f} per event); feed {len(trimmed.data):,} bytes, "
        f"{len(kept_past)} past events kept, {trimmed.dropped} dropped, over budget: {trimmed.over_budget}; {seconds:.1f} s"
    )
    assert len(whole) > budget
    assert set(map(id, upcoming)) <= kept and len(left_out) == trimmed.dropped
    if trimmed.over_budget:
        assert kept_past == [] and len(serialize(upcoming)) > budget
        return
    assert len(trimmed.data) <= budget
    oldest_kept = min(entry.event.last_end for entry in kept_past)
    assert all(entry.event.last_end <= oldest_kept for entry in left_out)
    # The budget is used: one more past event would not fit.
    next_oldest = max(left_out, key=lambda entry: entry.event.last_end)
    assert len(serialize([*trimmed.items, next_oldest])) > budget
