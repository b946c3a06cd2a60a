"""The benchmark's printed table and its targets.

Every timing is shown next to a baseline measured in the same run (stock
Pelican, the smaller corpus, the cold build); targets are judged here and
printed, never asserted in tests.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Sequence

from .corpus import Corpus

BASE_N = 1000
MAX_CPU_RATIO = 1.25  # ours/stock, CPU time of the whole build at N = 1,000
GROWTH_PER_FACTOR = 1.1  # CPU(5,000)/CPU(1,000) <= 5.5, i.e. 1.1 x linear
PREVIEW_N = 300
MAX_PREVIEW_SECONDS = 1.0  # save -> reloaded page in `invoke serve`, at N = 300
MAX_WARM_SHARE = 0.5  # warm rebuild <= 0.5 x cold build
MAX_CHECK_SECONDS_PER_1000 = 1.0
MAX_PEAK_MB = 250.0  # at N = 5,000
PEAK_N = 5000


@dataclasses.dataclass(frozen=True)
class Measurement:
    seconds: float  # wall clock
    cpu: float  # user + system of the build and every process it started
    peak_mb: float  # the child's maximum resident set size


@dataclasses.dataclass(frozen=True)
class Target:
    label: str
    value: float | None  # None: not measured in this run
    limit: float
    unit: str = ""

    @property
    def met(self) -> bool | None:
        return None if self.value is None else self.value <= self.limit

    def line(self) -> str:
        verdict = {True: "PASS", False: "MISS", None: "----"}[self.met]
        shown = "not measured" if self.value is None else f"{self.value:.2f}{self.unit}"
        return f"  {verdict}  {self.label:<52} {shown:>14}   (target ≤ {self.limit:g}{self.unit})"


@dataclasses.dataclass
class Report:
    n: int
    seed: int
    runs: int
    epoch: int
    corpus: Corpus | None = None
    full: dict[int, dict[str, list[Measurement]]] = dataclasses.field(default_factory=dict)
    cache: dict[str, list[tuple[Measurement, Measurement]]] = dataclasses.field(default_factory=dict)
    check_in_process: list[float] = dataclasses.field(default_factory=list)
    check_command: list[Measurement] = dataclasses.field(default_factory=list)
    preview: dict[int, list[float]] = dataclasses.field(default_factory=dict)  # N -> seconds per save

    def ratio(self, n: int, attribute: str = "seconds") -> float | None:
        sides = self.full.get(n)
        if not sides:
            return None
        return _median(sides["ours"], attribute) / _median(sides["stock"], attribute)

    def targets(self) -> list[Target]:
        sizes = sorted(self.full)
        growth_cpu = None
        factor = sizes[-1] / sizes[0] if len(sizes) > 1 else 5
        if len(sizes) > 1:
            growth_cpu = _median(self.full[sizes[-1]]["ours"], "cpu") / _median(self.full[sizes[0]]["ours"], "cpu")
        warm = None
        if self.cache.get("ours"):
            warm = statistics.median(w.seconds for _, w in self.cache["ours"]) / statistics.median(
                c.seconds for c, _ in self.cache["ours"]
            )
        check = None
        # Per 1,000 files; below that the interpreter's start-up would be scaled up with it.
        if self.check_command and self.corpus and self.corpus.files >= BASE_N:
            check = _median(self.check_command) / (self.corpus.files / 1000)
        peak_n = PEAK_N if PEAK_N in self.full else None
        peak = max(m.peak_mb for m in self.full[peak_n]["ours"]) if peak_n else None
        preview = statistics.median(self.preview[PREVIEW_N]) if self.preview.get(PREVIEW_N) else None
        big, small = (sizes[-1], sizes[0]) if len(sizes) > 1 else (PEAK_N, BASE_N)
        return [
            Target(f"CPU ours/stock at N={self.n:,}", self.ratio(self.n, "cpu"), MAX_CPU_RATIO),
            Target(f"save to reloaded page in invoke serve at N={PREVIEW_N:,} (median)", preview,
                   MAX_PREVIEW_SECONDS, " s"),
            Target(f"growth CPU(N={big:,})/CPU(N={small:,}), ours", growth_cpu, round(GROWTH_PER_FACTOR * factor, 2)),
            Target(f"peak memory at N={PEAK_N:,}, ours (max of runs)", peak, MAX_PEAK_MB, " MB"),
            Target("warm rebuild / cold build, ours (wall)", warm, MAX_WARM_SHARE),
            Target("invoke check, seconds per 1,000 files", check, MAX_CHECK_SECONDS_PER_1000, " s"),
        ]

    def measured(self) -> list[str]:
        """Figures without a target: wall-time ratio, preview latency at every size."""
        lines = [f"  wall ours/stock at N={self.n:,}: {self.ratio(self.n):.2f}"]
        sizes = sorted(self.full)
        if len(sizes) > 1:
            growth = _median(self.full[sizes[-1]]["ours"]) / _median(self.full[sizes[0]]["ours"])
            lines.append(f"  growth wall(N={sizes[-1]:,})/wall(N={sizes[0]:,}), ours: {growth:.2f}")
        for n, seconds in sorted(self.preview.items()):
            lines.append(f"  save to reloaded page at N={n:,}: median {statistics.median(seconds):.2f} s"
                         f" ({', '.join(f'{s:.2f}' for s in seconds)})")
        return lines

    def render(self, platform: str) -> str:
        lines = [self._heading(), platform, ""]
        for n, sides in sorted(self.full.items()):
            lines += self._full_table(n, sides) + [""]
        if self.cache:
            lines += self._cache_table() + [""]
        if self.check_command:
            lines += self._check_table() + [""]
        if len(self.full) > 1:
            lines += self._growth_table() + [""]
        lines.append("Measured, no target")
        lines += self.measured() + [""]
        lines.append("Targets")
        lines += [target.line() for target in self.targets()]
        lines.append(f"ratio ours/stock (full build, N={self.n:,}, median CPU time): {self.ratio(self.n, 'cpu'):.2f}")
        return "\n".join(lines)

    def _heading(self) -> str:
        made = self.corpus
        what = f"{made.articles} articles, {made.events} of them events, {made.pages} pages" if made else ""
        return (f"QLEE build benchmark: N={self.n:,} ({what}), seed {self.seed}, "
                f"SOURCE_DATE_EPOCH={self.epoch}")

    def _full_table(self, n: int, sides: dict[str, list[Measurement]]) -> list[str]:
        runs = len(sides["ours"])
        lines = [
            f"Full build, N={n:,}: {runs} runs each after one warm-up, alternating ours/stock",
            f"  {'':6} {'wall median':>12} {'min':>7} {'max':>7} {'CPU median':>11} {'peak RSS med/max':>17}   wall per run",
        ]
        for name in ("ours", "stock"):
            runs_ = sides[name]
            walls = [m.seconds for m in runs_]
            peaks = [m.peak_mb for m in runs_]
            lines.append(
                f"  {name:6} {statistics.median(walls):10.2f} s {min(walls):7.2f} {max(walls):7.2f} "
                f"{_median(runs_, 'cpu'):9.2f} s {statistics.median(peaks):7.1f}/{max(peaks):.1f} MB   "
                + " ".join(f"{w:.2f}" for w in walls)
            )
        lines.append(
            f"  {'ratio':6} {self.ratio(n):12.2f} {'':15} {self.ratio(n, 'cpu'):11.2f} "
            f"{self.ratio(n, 'peak_mb'):9.2f}"
        )
        return lines

    def _cache_table(self) -> list[str]:
        pairs = len(self.cache["ours"])
        lines = [
            f"Content cache (CACHE_CONTENT, LOAD_CONTENT_CACHE, mtime), N={self.n:,}: {pairs} cold/warm pairs each,"
            " warm = rebuild after touching one article",
            f"  {'':6} {'cold median':>12} {'warm median':>12} {'warm/cold':>10}",
        ]
        for name in ("ours", "stock"):
            cold = statistics.median(c.seconds for c, _ in self.cache[name])
            warm = statistics.median(w.seconds for _, w in self.cache[name])
            lines.append(f"  {name:6} {cold:10.2f} s {warm:10.2f} s {warm / cold:10.2f}")
        return lines

    def _check_table(self) -> list[str]:
        files = self.corpus.files if self.corpus else 0
        return [
            f"Content check, {files:,} files, {len(self.check_command)} runs",
            f"  check_content() in process   median {statistics.median(self.check_in_process):6.2f} s",
            f"  invoke check (new process)   median {_median(self.check_command):6.2f} s"
            f"   CPU {_median(self.check_command, 'cpu'):.2f} s"
            f"   peak RSS {max(m.peak_mb for m in self.check_command):.1f} MB",
        ]

    def _growth_table(self) -> list[str]:
        sizes = sorted(self.full)
        header = "  " + " " * 6 + "".join(f"{f'N={n:,}':>12}" for n in sizes) + f"{'ratio':>9}"
        lines = []
        for attribute, what in (("seconds", "wall"), ("cpu", "CPU")):
            lines += [f"Growth (median {what} time)", header]
            for name in ("ours", "stock"):
                medians = [_median(self.full[n][name], attribute) for n in sizes]
                lines.append(f"  {name:6}" + "".join(f"{m:10.2f} s" for m in medians) + f"{medians[-1] / medians[0]:9.2f}")
        return lines


def _median(runs: Sequence[Measurement], attribute: str = "seconds") -> float:
    return statistics.median(getattr(m, attribute) for m in runs)
