"""Project tasks for invoke, on the lines of pelican-quickstart's tasks.py.

Usually run through ``python3 run.py <task>``, which prepares ``.venv`` first;
inside the virtual environment ``invoke <task>`` works as well. ``invoke --list``
shows all tasks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from invoke import Exit, task
from invoke.main import program

ROOT = Path(__file__).resolve().parent

CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "content": "content",
    # Output path, relative to this file.
    "deploy_path": "output",
    # Host and port for `serve`: loopback only, the preview is not meant for the network.
    "host": "127.0.0.1",
    "port": 8000,
}


def _path(key: str) -> Path:
    return ROOT / CONFIG[key]


def pelican_argv(settings: str, *extra: str) -> list[str]:
    """Arguments for Pelican that build our content with ``settings`` into the output folder."""
    return [
        str(_path("content")),
        "--settings", str(ROOT / settings),
        "--output", str(_path("deploy_path")),
        # One message per line, unwrapped: error lines stay readable and greppable.
        "--log-handler", "plain",
        *extra,
    ]


def remainder() -> list[str]:
    """The arguments after `--`, exactly as given.

    invoke's own ``program.core.remainder`` joins them with spaces, so a quoted
    argument (``-m "not browser"``) would fall apart when split again.
    """
    argv = program.argv
    return argv[argv.index("--") + 1 :] if "--" in argv else []


def pelican_run(argv: list[str]) -> None:
    """Run Pelican in this process; it exits non-zero on any build error."""
    from pelican import main as pelican_main

    # Everything after `--` on the command line goes to Pelican as is.
    pelican_main(argv + remainder())


@task
def clean(c):
    """Remove the generated site (output/)."""
    output = _path("deploy_path")
    if output.is_dir():
        shutil.rmtree(output)
        print(f"Removed {output.relative_to(ROOT)}/")


@task
def build(c):
    """Build the site with pelicanconf.py into output/."""
    pelican_run(pelican_argv(CONFIG["settings_base"]))


@task(help={"port": "port of the preview server (default 8000)"})
def serve(c, port=CONFIG["port"]):
    """Build, then preview at http://127.0.0.1:8000/ and rebuild and reload on every change."""
    from tools import preview

    # Each rebuild goes to a staging folder and replaces output/ only when it succeeded:
    # a content error prints the build's message and the last good build stays on show.
    try:
        preview.serve(
            ROOT,
            _path("content"),
            _path("deploy_path"),
            ROOT / CONFIG["settings_base"],
            host=CONFIG["host"],
            port=int(port),
        )
    except preview.PortBusy as error:
        raise Exit(str(error), code=error.exitcode) from None


@task(help={"port": "port of the preview (default 8000); the form editor is on the next one"})
def edit(c, port=CONFIG["port"]):
    """Preview plus form editor (Decap CMS) at http://127.0.0.1:8001/admin/, writing into content/."""
    from tools import edit as editing

    argv = ["--port", str(port), "--admin-port", str(int(port) + 1)]
    code = editing.main(argv)
    if code:
        raise Exit(code=code)


@task(help={"parallel": "spread the tests over all CPU cores (pytest-xdist)"})
def test(c, parallel=False):
    """Run the whole test suite (pytest); arguments after `--` go to pytest."""
    command = [sys.executable, "-m", "pytest"]
    if parallel:
        command += ["-n", "auto"]
    command += remainder()
    code = subprocess.run(command, cwd=ROOT).returncode
    if code == 5:
        raise Exit("pytest collected no tests.", code=5)
    if code:
        raise Exit(code=code)


@task
def lint(c):
    """ruff (style, imports, likely bugs) over all Python files and mypy over plugins/ (pyproject.toml)."""
    failed = False
    for command in (["ruff", "check", "."], ["mypy"]):
        print("$", " ".join(command), flush=True)
        failed |= subprocess.run([sys.executable, "-m", *command], cwd=ROOT).returncode != 0
    if failed:
        raise Exit("lint: see the findings above.", code=1)


@task(help={"format": "text (default) or json"})
def check(c, format="text", staged=False):
    """Validate all content without rendering; non-zero exit on any error (--staged: git's index, for the hook)."""
    if staged:
        from tools import checking

        code = checking.main(["--staged"])
        if code:
            raise Exit(code=code)
        return
    sys.path.insert(0, str(ROOT / "plugins"))
    from qlee import cli

    argv = ["--format", format, *remainder()]
    code = cli.main(argv)
    if code:
        raise Exit(code=code)


@task
def schema(c):
    """Regenerate the JSON Schemas (schemas/), the field table of docs/redaktion-referenz.md and admin/config.yml."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from qlee import cli
    from qlee.content import fieldexport

    settings = cli.load_settings(ROOT / CONFIG["settings_base"])
    for path in fieldexport.write(ROOT, settings):
        print(f"Updated {path.relative_to(ROOT)}")


@task(
    help={
        "n": "items in the synthetic corpus (default 1000)",
        "runs": "timed builds per side after the warm-up (default 5)",
        "seed": "corpus seed (default: the benchmark's fixed seed)",
        "scale": "also build N=5000 to show how the cost grows",
        "quick": "smoke test: N=100, one run each",
    }
)
def bench(c, n=1000, runs=5, seed=None, scale=False, quick=False):
    """Benchmark our build against stock Pelican on a synthetic corpus (benchmarks/README.md)."""
    argv = ["--n", str(n), "--runs", str(runs)] + ["--seed", str(seed)] * (seed is not None)
    argv += ["--scale"] * scale + ["--quick"] * quick + remainder()
    _run_module("benchmarks.run", argv)


@task(help={"minutes": "how long to generate hostile content files (default 10)"})
def fuzz(c, minutes=10):
    """Hostile content files for a while (tests/fuzzing.py): prints the files tried and the violations per invariant."""
    import os

    env = {**os.environ, "QLEE_FUZZ_SECONDS": str(float(minutes) * 60)}
    command = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "tests/test_fuzz.py"]
    command += ["-k", "hostile"]
    code = subprocess.run(command, cwd=ROOT, env=env).returncode
    if code:
        raise Exit(code=code)


@task
def audit(c):
    """Lighthouse scores (Debian's Chromium) for the home page, an article, /veranstaltungen/ and a month page."""
    _run_module("benchmarks.audit", remainder())


def _run_module(module: str, argv: list[str]) -> None:
    """Run ``python -m module argv`` in a fresh interpreter; its exit code is the task's."""
    code = subprocess.run([sys.executable, "-m", module, *argv], cwd=ROOT).returncode
    if code:
        raise Exit(code=code)


@task(
    help={
        "dry_run": "only show what would be published",
        "allow_placeholders": "publish even with [PLATZHALTER …] left (test deployments only)",
        "remote": "git remote to push to (default origin)",
        "branch": "branch to publish to (default gh-pages)",
    }
)
def publish(c, dry_run=False, allow_placeholders=False, remote="origin", branch="gh-pages"):
    """Build with publishconf.py, check, and push to gh-pages (needs QLEE_SITEURL)."""
    from tools import publish as publishing

    argv = ["--project", str(ROOT), "--remote", remote, "--branch", branch]
    argv += ["--dry-run"] * dry_run + ["--allow-placeholders"] * allow_placeholders
    code = publishing.main(argv)
    if code:
        raise Exit(code=code)


@task(help={"title": "the title, in quotes", "type": "news, course or event"})
def new(c, title, type="news"):
    """Create content/<folder>/<slug>.md with complete front matter: new "Titel" --type event."""
    from tools import scaffold

    code = scaffold.main([title, "--type", type, "--project", str(ROOT)])
    if code:
        raise Exit(code=code)


@task
def hooks(c):
    """Install the git hook that checks changed content on every commit (and pre-commit, if needed)."""
    from tools import hooks as git_hooks

    code = git_hooks.main(["--project", str(ROOT)])
    if code:
        raise Exit(code=code)
