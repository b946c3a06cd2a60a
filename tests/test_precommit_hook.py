"""The pre-commit hook: set up with `invoke hooks`, a commit with broken content is refused
with the build's message."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import hooks

from conftest import PROJECT, TINY_JPEG

# What the hook needs: its configuration, the checker, the settings and the content;
# and what sets it up: the `hooks` task and the pinned version in requirements-dev.txt.
PARTS = (
    ".pre-commit-config.yaml", "pelicanconf.py", "plugins", "theme", "tools", "content",
    "tasks.py", "run.py", "requirements.txt", "requirements-dev.txt",
)
BROKEN = "---\ntitle: Kaputt\ndate: 13.02.206\ncategory: Nachrichten\n---\n\nText.\n"
GOOD = "---\ntitle: In Ordnung\ndate: 13.02.2026\ncategory: Nachrichten\n---\n\nText.\n"


@pytest.fixture
def clone(tmp_path):
    root = tmp_path / "project"
    for part in PARTS:
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            root.mkdir(exist_ok=True)
            shutil.copy2(source, root / part)
    # The hook runs through run.py, which uses .venv, as in every clone set up with run.py.
    (root / ".venv").symlink_to(Path(sys.prefix))
    (root / ".gitignore").write_text(".venv\n", encoding="utf-8")
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_AUTHOR_NAME": "Redaktion", "GIT_AUTHOR_EMAIL": "redaktion@example.org",
        "GIT_COMMITTER_NAME": "Redaktion", "GIT_COMMITTER_EMAIL": "redaktion@example.org",
    }

    def run(*command: str) -> subprocess.CompletedProcess:
        # git passes a hook's output on to stderr; one stream is easier to read.
        return subprocess.run(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    assert run("git", "init", "--quiet", "-b", "main").returncode == 0
    assert run("git", "add", ".").returncode == 0
    assert run("git", "commit", "--quiet", "--no-verify", "-m", "Website").returncode == 0
    # As the guide says: `python3 run.py hooks`, which prepares .venv and then runs this task.
    installed = run(str(Path(sys.prefix) / "bin" / "invoke"), "hooks")
    assert installed.returncode == 0, installed.stdout
    assert hooks.DONE in installed.stdout
    # pre-commit was installed already (the pin matches), so nothing was installed again.
    assert "Installiere" not in installed.stdout
    assert (root / ".git" / "hooks" / "pre-commit").is_file()
    return root, run


def test_commit_with_broken_content_is_refused(clone):
    root, run = clone
    (root / "content" / "nachrichten" / "kaputt.md").write_text(BROKEN, encoding="utf-8")
    run("git", "add", "content/nachrichten/kaputt.md")

    commit = run("git", "commit", "-m", "Neue Nachricht")

    assert commit.returncode != 0
    assert 'content/nachrichten/kaputt.md:3: date: "13.02.206"' in commit.stdout
    assert "Inhalte prüfen" in commit.stdout
    assert run("git", "rev-list", "--count", "HEAD").stdout.strip() == "1"


def test_commit_with_good_content_passes(clone):
    root, run = clone
    (root / "content" / "nachrichten" / "in-ordnung.md").write_text(GOOD, encoding="utf-8")
    run("git", "add", "content/nachrichten/in-ordnung.md")

    commit = run("git", "commit", "-m", "Neue Nachricht")

    assert commit.returncode == 0, commit.stdout
    assert "Inhalte prüfen" in commit.stdout and "Passed" in commit.stdout
    assert run("git", "rev-list", "--count", "HEAD").stdout.strip() == "2"


def test_a_file_that_is_not_markdown_is_refused(clone):
    root, run = clone
    (root / "content" / "nachrichten" / "alt.html").write_text("<html><title>Alt</title></html>", encoding="utf-8")
    run("git", "add", "content/nachrichten/alt.html")

    commit = run("git", "commit", "-m", "Alte Seite")

    assert commit.returncode != 0
    assert "content/nachrichten/alt.html:1: „alt.html“ ist keine Markdown-Datei" in commit.stdout
    assert run("git", "rev-list", "--count", "HEAD").stdout.strip() == "1"


def test_errors_in_other_files_do_not_block_an_unrelated_commit(clone):
    root, run = clone
    # A broken file that is not part of this commit (left unstaged) is not reported.
    (root / "content" / "nachrichten" / "kaputt.md").write_text(BROKEN, encoding="utf-8")
    (root / "content" / "nachrichten" / "in-ordnung.md").write_text(GOOD, encoding="utf-8")
    run("git", "add", "content/nachrichten/in-ordnung.md")

    commit = run("git", "commit", "-m", "Nur die gute Nachricht")

    assert commit.returncode == 0, commit.stdout
    assert "kaputt.md" not in commit.stdout


def test_the_pin_is_read_from_requirements_dev(tmp_path):
    # The environment the tests run in was installed from requirements-dev.txt.
    assert hooks.pinned_version(PROJECT / "requirements-dev.txt") == hooks.installed_version(Path(sys.executable))
    other = tmp_path / "requirements-dev.txt"
    other.write_text("-r requirements.txt\npre-commit-hooks==9.9\nPre_Commit == 1.2.3  # comment\n", encoding="utf-8")
    assert hooks.pinned_version(other) == "1.2.3"


def test_pre_commit_is_installed_first_where_it_is_missing(tmp_path):
    """In an environment without pre-commit, the pinned version is installed before the hook."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")], check=True)
    python = tmp_path / "venv" / "bin" / "python"
    assert hooks.installed_version(python) is None
    commands, said = [], []

    def record(command, **kwargs):
        commands.append(command)
        return subprocess.CompletedProcess(command, 0)

    hooks.install(PROJECT, python=python, run=record, echo=said.append)
    version = hooks.pinned_version(PROJECT / "requirements-dev.txt")
    assert commands == [
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", f"pre-commit=={version}"],
        [str(python), "-m", "pre_commit", "install"],
    ]
    assert said == [f"Installiere pre-commit {version} für die automatische Prüfung …", hooks.DONE]


def test_a_failed_install_stops_with_a_german_message(tmp_path):
    outside = tmp_path / "kein-projekt"
    outside.mkdir()
    shutil.copy2(PROJECT / "requirements-dev.txt", outside)
    # Not a git repository: pre-commit install fails, and the editor is told why in German.
    with pytest.raises(hooks.HookSetupFailed, match="im Projektordner"):
        hooks.install(outside, echo=lambda _: None)


def test_a_commit_that_only_deletes_a_linked_picture_is_refused(clone):
    root, run = clone
    (root / "content" / "bilder").mkdir(exist_ok=True)
    (root / "content" / "bilder" / "foto.jpg").write_bytes(TINY_JPEG)
    (root / "content" / "nachrichten" / "mit-bild.md").write_text(
        GOOD.replace("Text.", "![Foto vom Infotag]({static}/bilder/foto.jpg)"), encoding="utf-8"
    )
    run("git", "add", "content")
    assert run("git", "commit", "-m", "Mit Bild").returncode == 0
    run("git", "rm", "--quiet", "content/bilder/foto.jpg")

    commit = run("git", "commit", "-m", "Bild weg")

    # Before: "Inhalte prüfen ... (no files to check) Skipped", and the commit went through.
    assert commit.returncode != 0, commit.stdout
    assert "content/nachrichten/mit-bild.md:7: text: Der Verweis „{static}/bilder/foto.jpg“ führt ins Leere" in commit.stdout


def test_deleting_the_impressum_is_refused(clone):
    _, run = clone
    run("git", "rm", "--quiet", "content/pages/impressum.md")
    commit = run("git", "commit", "-m", "Impressum weg")
    assert commit.returncode != 0
    assert "content/pages/impressum.md:1: Die Seite „impressum“ wird gelöscht" in commit.stdout


def test_an_error_committed_earlier_blocks_the_next_commit(clone):
    root, run = clone
    (root / "content" / "nachrichten" / "kaputt.md").write_text(BROKEN, encoding="utf-8")
    run("git", "add", "content/nachrichten/kaputt.md")
    assert run("git", "commit", "--no-verify", "-m", "am Hook vorbei").returncode == 0
    (root / "content" / "nachrichten" / "in-ordnung.md").write_text(GOOD, encoding="utf-8")
    run("git", "add", "content/nachrichten/in-ordnung.md")

    commit = run("git", "commit", "-m", "Etwas anderes")

    # Before: "Passed", while `check` reported the error.
    assert commit.returncode != 0
    assert 'content/nachrichten/kaputt.md:3: date: "13.02.206"' in commit.stdout


def test_a_published_event_is_deleted_only_after_it_was_cancelled(clone):
    root, run = clone
    event = "content/nachrichten/2026-02-13-qlee-im-landtag.md"
    run("git", "rm", "--quiet", event)
    commit = run("git", "commit", "-m", "Termin weg")
    assert commit.returncode != 0
    assert "steht im veröffentlichten Kalender und wird gelöscht, ohne abgesagt zu sein" in commit.stdout

    run("git", "restore", "--staged", "--worktree", event)
    text = (root / event).read_text(encoding="utf-8")
    text = text.replace("\nevent:\n", "\nmodified: 20.02.2026 10:00\nevent:\n  status: cancelled\n", 1)
    (root / event).write_text(text, encoding="utf-8")
    run("git", "add", event)
    cancelled = run("git", "commit", "-m", "Termin abgesagt")
    assert cancelled.returncode == 0, cancelled.stdout
    run("git", "rm", "--quiet", event)
    # Cancelled: deleting it is no longer refused for the calendar (a link to it still would be).
    assert "ohne abgesagt zu sein" not in run("git", "commit", "-m", "Termin weg").stdout
