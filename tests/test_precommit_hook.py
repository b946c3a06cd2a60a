"""The pre-commit hook: a commit with broken content is refused with the build's message."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT

# What the hook needs: its configuration, the checker, the settings and the content.
PARTS = (".pre-commit-config.yaml", "pelicanconf.py", "plugins", "theme", "tools", "content")
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
    # The hook's entry is .venv/bin/python, as in every clone set up with run.py.
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
    installed = run(str(Path(sys.prefix) / "bin" / "pre-commit"), "install")
    assert installed.returncode == 0, installed.stdout
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


def test_errors_in_other_files_do_not_block_an_unrelated_commit(clone):
    root, run = clone
    # A broken file that is not part of this commit (left unstaged) is not reported.
    (root / "content" / "nachrichten" / "kaputt.md").write_text(BROKEN, encoding="utf-8")
    (root / "content" / "nachrichten" / "in-ordnung.md").write_text(GOOD, encoding="utf-8")
    run("git", "add", "content/nachrichten/in-ordnung.md")

    commit = run("git", "commit", "-m", "Nur die gute Nachricht")

    assert commit.returncode == 0, commit.stdout
    assert "kaputt.md" not in commit.stdout
