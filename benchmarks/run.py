"""Side-by-side build benchmark: our site (plugins, theme, calendar, feeds) against stock Pelican.

Usage: ``python -m benchmarks.run [--n 1000] [--runs 5] [--seed S] [--scale] [--quick] [--keep]``
(or ``invoke bench``). Every build runs in a fresh interpreter; builds alternate
(ours, stock, ours, stock, ...) after one warm-up each, so drifting machine load
hits both alike. Per run: wall time, the CPU time of the build and every
process it started (``RUSAGE_CHILDREN`` before and after), and its peak RSS
(``os.wait4``); the table shows medians. Then the preview's latency from a
save to the reload (latency.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from . import corpus, latency, stock
from .report import Measurement, Report

ROOT = Path(__file__).resolve().parents[1]
CACHE_SETTINGS = ("CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", 'CHECK_MODIFIED_METHOD="mtime"')
_DONE = re.compile(r"Processed (\d+) articles?.*?(\d+) pages?", re.S)


class BenchmarkError(RuntimeError):
    """A build failed or produced something other than the corpus."""


@dataclasses.dataclass(frozen=True)
class Site:
    """One side of the comparison: how to build the corpus."""

    name: str
    content: Path
    settings: Path
    touch: Path  # the file the warm rebuild sees changed
    articles: int
    pages: int

    def command(self, output: Path, cache: Path | None = None) -> list[str]:
        command = [
            sys.executable, "-m", "pelican", str(self.content),
            "--settings", str(self.settings), "--output", str(output), "--log-handler", "plain",
        ]
        if cache is not None:
            command += ["--extra-settings", *CACHE_SETTINGS, f'CACHE_PATH="{cache}"']
        return command


def prepare(workdir: Path, n: int, seed: int) -> tuple[corpus.Corpus, Site, Site]:
    """The corpus for ``n`` items, as ours and converted for stock Pelican."""
    ours_dir = workdir / f"n{n}" / "ours"
    made = corpus.generate(ours_dir, n, seed=seed)
    converted = stock.convert(made.content, workdir / f"n{n}" / "stock")
    relative_touch = made.touch.relative_to(made.content)
    ours = Site("ours", made.content, ROOT / "pelicanconf.py", made.touch, made.articles, made.pages)
    theirs = Site("stock", converted.content, converted.settings, converted.content / relative_touch,
                  made.articles, made.pages)
    return made, ours, theirs


def environment(epoch: int) -> dict[str, str]:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(epoch)
    return env


def timed(command: Sequence[str], *, log: Path, env: dict[str, str], cwd: Path = ROOT) -> Measurement:
    """Run ``command`` in a child process; its wall time, CPU time and peak RSS.

    The CPU time is user + system of the child and of every process it waited
    for (the difference of this process's RUSAGE_CHILDREN; nothing else of
    ours runs meanwhile).
    """
    with open(log, "wb") as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BenchmarkError(f"{' '.join(command)} exited with {child.returncode}:\n{tail}")
    return Measurement(seconds, cpu, usage.ru_maxrss / 1024)


def build(site: Site, output: Path, *, env: dict[str, str], cache: Path | None = None) -> Measurement:
    """One build of ``site`` into ``output``; checks that every item was processed."""
    log = output.with_suffix(".log")
    measurement = timed(site.command(output, cache), log=log, env=env, cwd=ROOT)
    done = _DONE.search(" ".join(log.read_text(encoding="utf-8", errors="replace").split()))
    if done is None or (int(done[1]), int(done[2])) != (site.articles, site.pages):
        raise BenchmarkError(
            f"{site.name}: expected {site.articles} articles and {site.pages} pages, "
            f"Pelican reported {done[0] if done else 'nothing'} (see {log})"
        )
    return measurement


def alternate(sites: Sequence[Site], runs: int, workdir: Path, env: dict[str, str],
              progress: Callable[[str], None]) -> dict[str, list[Measurement]]:
    """Full builds into fresh output folders: one warm-up each, then A B A B ..."""
    results: dict[str, list[Measurement]] = {site.name: [] for site in sites}
    for number in range(runs + 1):
        for site in sites:
            output = workdir / f"{site.name}-out"
            clear(output)
            measurement = build(site, output, env=env)
            label = "warm-up" if number == 0 else f"run {number}/{runs}"
            progress(f"  {site.name:5} {label:9} {measurement.seconds:7.2f} s  {measurement.peak_mb:6.1f} MB")
            if number:
                results[site.name].append(measurement)
    return results


def cached(sites: Sequence[Site], runs: int, workdir: Path, env: dict[str, str],
           progress: Callable[[str], None]) -> dict[str, list[tuple[Measurement, Measurement]]]:
    """Cold build with an empty content cache, then the rebuild after one file was touched."""
    results: dict[str, list[tuple[Measurement, Measurement]]] = {site.name: [] for site in sites}
    for _ in range(runs):
        for site in sites:
            output, cache = workdir / f"{site.name}-cached-out", workdir / f"{site.name}-cache"
            clear(output, cache)
            cold = build(site, output, env=env, cache=cache)
            touch(site.touch)
            warm = build(site, output, env=env, cache=cache)
            progress(f"  {site.name:5} cold {cold.seconds:7.2f} s  warm {warm.seconds:7.2f} s")
            results[site.name].append((cold, warm))
    return results


def clear(*folders: Path) -> None:
    """Delete ``folders`` and wait until the file system is done with it.

    Without the sync, the kernel frees the deleted blocks while the next
    build runs, and that build pays for the previous one's output (several
    tenths of a second for 3,000 files and folders on a virtual disk).
    """
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    os.sync()


def touch(path: Path) -> None:
    """What an editor's save does to the file as far as the cache can tell: a newer mtime."""
    stamp = max(time.time_ns(), path.stat().st_mtime_ns + 1_000_000_000)
    os.utime(path, ns=(stamp, stamp))


def preview_latency(sizes: Sequence[int], saves: int, seed: int, workdir: Path, env: dict[str, str],
                    progress: Callable[[str], None]) -> dict[int, list[float]]:
    """Seconds from a save to the reload in `invoke serve`, ``saves`` times per corpus size."""
    results = {}
    for n in sizes:
        folder = workdir / f"preview-n{n}"
        made = corpus.generate(folder / "source", n, seed=seed)
        results[n] = latency.measure(made.content, made.touch, folder, saves=saves, env=env)
        progress(f"  N={n:<6,} " + " ".join(f"{s:.2f}" for s in results[n]) + " s")
    return results


def check_times(made: corpus.Corpus, runs: int, workdir: Path, env: dict[str, str]) -> tuple[list[float], list[Measurement]]:
    """``check_content`` in this process, and ``invoke check`` as a user runs it."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from qlee import cli
    from qlee.content import crossfile

    settings = cli.load_settings(ROOT / "pelicanconf.py", made.content)
    in_process = []
    for _ in range(runs):
        start = time.perf_counter()
        errors = crossfile.check_content(made.content, settings)
        in_process.append(time.perf_counter() - start)
        if errors:
            raise BenchmarkError("the corpus does not pass the check:\n" + "\n".join(map(str, errors[:10])))
    command = [sys.executable, "-m", "invoke", "check", "--", "--path", str(made.content)]
    as_command = [timed(command, log=workdir / "crossfile.log", env=env) for _ in range(runs)]
    return in_process, as_command


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=corpus.DEFAULT_N, help="items in the corpus (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="timed builds per side after the warm-up (default 5)")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED, help="corpus seed")
    parser.add_argument("--scale", action="store_true", help="also build N=5000 (--scale-n) to show growth")
    parser.add_argument("--scale-n", type=int, default=5000, help="corpus size for --scale (default 5000)")
    parser.add_argument("--scale-runs", type=int, default=3, help="timed builds per side for --scale (default 3)")
    parser.add_argument("--cache-runs", type=int, default=3, help="cold/warm pairs per side (default 3)")
    parser.add_argument("--preview-n", type=int, nargs="*", default=[300, 1000],
                        help="corpus sizes for the preview latency (default 300 1000; none: skip)")
    parser.add_argument("--saves", type=int, default=3, help="saves timed per preview size (default 3)")
    parser.add_argument("--quick", action="store_true", help="smoke test: N=100, one run each")
    parser.add_argument("--keep", action="store_true", help="keep the working folder (corpora, outputs, logs)")
    args = parser.parse_args(argv)
    if args.quick:
        args.n, args.runs, args.cache_runs, args.scale_n, args.scale_runs = 100, 1, 1, 500, 1
        args.preview_n, args.saves = [100], 1
    if min(args.n, args.runs, args.cache_runs, args.scale_n, args.scale_runs, args.saves, *args.preview_n) < 1:
        parser.error("sizes and run counts must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = environment(corpus.DEFAULT_EPOCH)
    workdir = Path(tempfile.mkdtemp(prefix="qlee-bench-"))
    report = Report(n=args.n, seed=args.seed, runs=args.runs, epoch=corpus.DEFAULT_EPOCH)

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    try:
        progress(f"Corpus N={args.n} in {workdir}")
        made, ours, theirs = prepare(workdir, args.n, args.seed)
        report.corpus = made
        # First, since it also proves the corpus valid before minutes of builds.
        progress("Content check")
        report.check_in_process, report.check_command = check_times(made, args.runs, workdir, env)
        progress("Full builds (alternating)")
        report.full[args.n] = alternate((ours, theirs), args.runs, workdir, env, progress)
        progress("Cold build and warm rebuild with the content cache")
        report.cache = cached((ours, theirs), args.cache_runs, workdir, env, progress)
        if args.preview_n:
            progress("Preview: save to reload")
            report.preview = preview_latency(args.preview_n, args.saves, args.seed, workdir, env, progress)
        if args.scale:
            progress(f"Corpus N={args.scale_n}")
            _, big_ours, big_theirs = prepare(workdir, args.scale_n, args.seed)
            report.full[args.scale_n] = alternate((big_ours, big_theirs), args.scale_runs, workdir, env, progress)
    except (BenchmarkError, latency.LatencyError) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            progress(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    # Targets are reported, not enforced: timings depend on the machine and its load.
    print(report.render(platform_line()))
    return 0


def platform_line() -> str:
    import pelican

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (f"Python {platform.python_version()}, Pelican {pelican.__version__}, "
            f"{os.cpu_count()} CPUs, load average {load}")


if __name__ == "__main__":
    sys.exit(main())
