"""The benchmark corpus: deterministic, valid for our check, buildable by stock Pelican.

Nothing here is timed; the timings are benchmarks/run.py's job.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from benchmarks import corpus, run, stock
from qlee import cli
from qlee.content import crossfile


def snapshot(content: Path) -> dict[str, bytes]:
    return {path.relative_to(content).as_posix(): path.read_bytes() for path in sorted(content.rglob("*")) if path.is_file()}


def front_matter(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8").split("---\n", 2)[1], Loader=yaml.BaseLoader)


def test_same_seed_gives_the_same_bytes(tmp_path):
    first = corpus.generate(tmp_path / "a", 40, seed=7)
    second = corpus.generate(tmp_path / "b", 40, seed=7)
    other = corpus.generate(tmp_path / "c", 40, seed=8)
    assert snapshot(first.content) == snapshot(second.content)
    assert snapshot(first.content) != snapshot(other.content)
    assert len([p for p in snapshot(first.content) if p.endswith(".md")]) == 40 + len(corpus.PAGES)


def test_corpus_passes_our_check(tmp_path, source_date_epoch):
    made = corpus.generate(tmp_path, 200)  # enough for every kind of event and status
    settings = cli.load_settings(Path(cli.PROJECT) / "pelicanconf.py", made.content)
    assert crossfile.check_content(made.content, settings) == []


def test_corpus_has_the_mix_the_issue_asks_for(tmp_path):
    made = corpus.generate(tmp_path, 300)
    articles = [p for p in made.content.rglob("*.md") if p.parent.name != "pages"]
    matters = [front_matter(p) for p in articles]
    events = [m["event"] for m in matters if "event" in m]
    assert len(articles) == 300 and made.events == len(events)
    assert 0.2 < len(events) / len(articles) < 0.4
    assert any("sessions" in e for e in events)
    assert any("repeat" in e for e in events)
    assert any(e.get("status") == "cancelled" for e in events)
    assert any(e.get("status") in ("postponed", "full") for e in events)
    assert any("online" in e and "location" not in e for e in events)
    assert any("deadline" in e.get("registration", {}) for e in events)
    all_day = [e for e in events if "start" in e and not re.search(r"\d:\d\d", e["start"])]
    assert any("end" in e for e in all_day) and any("end" not in e for e in all_day)
    assert {m["category"] for m in matters} == {"Nachrichten", "Kurse"}
    years = {re.search(r"\d{4}", m["date"])[0] for m in matters}
    assert len(years) >= 4
    words = [len(re.findall(r"\w+", p.read_text(encoding="utf-8").split("---\n", 2)[2])) for p in articles]
    assert 500 < sum(words) / len(words) < 700
    bodies = "\n".join(p.read_text(encoding="utf-8") for p in articles[:20])
    assert re.search(r"^## ", bodies, re.M) and re.search(r"^- ", bodies, re.M)
    assert re.search(r"\]\(https?://|\]\(/", bodies) and "**" in bodies
    assert {p.stem for p in (made.content / "pages").glob("*.md")} == {slug for slug, _ in corpus.PAGES}


@pytest.mark.parametrize(
    ("written", "native"),
    [
        ("2024-03-04", "2024-03-04"),
        ("4.3.2024", "2024-03-04"),
        ("04.03.2024 09:30 Uhr", "2024-03-04 09:30"),
        ("2024-03-04T09:30", "2024-03-04 09:30"),
        ("2024-03-04 09:30:15", "2024-03-04 09:30:15"),
        ("2024-07-01T07:30+00:00", "2024-07-01 09:30"),  # offset -> Berlin summer time
    ],
)
def test_stock_dates(written, native):
    assert stock.pelican_date(written) == native


def test_stock_conversion_builds_with_stock_pelican(tmp_path):
    made = corpus.generate(tmp_path / "ours", 20)
    converted = stock.convert(made.content, tmp_path / "stock")
    sample = next(converted.content.glob("kurse/*.md")).read_text(encoding="utf-8")
    assert sample.startswith("Title: ") and "\nDate: " in sample and "event:" not in sample
    site = run.Site("stock", converted.content, converted.settings, converted.content, made.articles, made.pages)
    output = tmp_path / "out"
    # run.build fails unless stock Pelican reports all 20 articles and the 4 pages.
    run.build(site, output, env=run.environment(corpus.DEFAULT_EPOCH))
    overviews = {"archives", "tags", "categories", "authors"}
    articles = [p for p in output.glob("*.html") if p.stem not in overviews and not p.stem.startswith("index")]
    assert len(articles) == 20
    assert sorted(p.name for p in (output / "pages").glob("*.html")) == sorted(f"{slug}.html" for slug, _ in corpus.PAGES)
    explicit = [line.removeprefix("Slug: ") for p in converted.content.glob("[!p]*/*.md")
                for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("Slug: ")]
    assert explicit and all((output / f"{slug}.html").is_file() for slug in explicit)


def test_report_ends_with_the_ratio_and_judges_the_targets():
    from benchmarks.report import Measurement, Report

    def runs(*walls: float) -> list[Measurement]:
        return [Measurement(wall, wall * 0.9, 100.0) for wall in walls]

    report = Report(n=1000, seed=1, runs=3, epoch=corpus.DEFAULT_EPOCH)
    report.full[1000] = {"ours": runs(6.0, 9.0, 7.0), "stock": runs(5.0, 5.5, 8.0)}
    report.full[5000] = {"ours": runs(40.0, 41.0, 39.0), "stock": runs(30.0, 30.0, 30.0)}
    report.preview = {300: [1.5, 0.8, 0.9], 1000: [2.0]}
    lines = report.render("test machine").splitlines()
    assert lines[-1] == "ratio ours/stock (full build, N=1,000, median CPU time): 1.27"  # 6.3 / 4.95
    verdicts = {line.split("  ")[2].strip(): line.split()[0] for line in lines if line.startswith(("  PASS", "  MISS", "  ----"))}
    assert verdicts["CPU ours/stock at N=1,000"] == "MISS"
    assert verdicts["save to reloaded page in invoke serve at N=300 (median)"] == "PASS"  # 0.9
    assert verdicts["growth CPU(N=5,000)/CPU(N=1,000), ours"] == "MISS"  # 36 / 6.3 = 5.71
    assert verdicts["peak memory at N=5,000, ours (max of runs)"] == "PASS"
    assert "  save to reloaded page at N=1,000: median 2.00 s (2.00)" in lines
    assert verdicts["warm rebuild / cold build, ours (wall)"] == "----"  # not measured


def test_preview_latency_is_measured_on_a_running_preview(tmp_path, source_date_epoch):
    from benchmarks import latency

    made = corpus.generate(tmp_path / "source", 20)
    env = run.environment(corpus.DEFAULT_EPOCH)
    # measure() itself checks that the page served after the reload holds the edit.
    seconds = latency.measure(made.content, made.touch, tmp_path / "preview", saves=2, env=env)
    assert len(seconds) == 2 and all(value > 0 for value in seconds)
    assert made.touch.read_text(encoding="utf-8").count("Messpunkt") == 0  # the corpus itself is untouched
