"""The commit hook's check: the content as it will be committed (git's index), deletions included.

pre-commit runs it once per commit, however many files changed, and also when
a commit only deletes files (``always_run``): a deleted picture or page that
others link to shows as a link that leads nowhere. The index is checked, not
the working tree: that is what the commit will hold (a file saved but not
added is not part of it). Two refusals only a commit can see:

- a published event deleted without having been cancelled first: calendars
  that subscribed to the feed would keep it for good. Its UID is looked up in
  the published feed (``kalender.ics`` on the branch publishing pushes to),
  or, where that branch is not in this clone, in the last commit's version of
  the file.
- a page the theme links to on every page (Impressum, Datenschutz) deleted.

    python3 run.py check --staged
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from .checking import PROJECT, plugins_importable

PUBLISHED_FEED = ("gh-pages:kalender.ics", "origin/gh-pages:kalender.ics")
# The theme's fixed links to pages: PAGE_URL.format(slug='impressum').
_THEME_PAGE = re.compile(r"PAGE_URL\.format\(slug=['\"]([\w-]+)['\"]\)")


def check_staged(project: Path = PROJECT) -> list[str]:
    """One line per problem of the content in git's index, and of what the commit deletes."""
    plugins_importable()
    from qlee import cli
    from qlee.content import crossfile

    project = project.resolve()
    with tempfile.TemporaryDirectory(prefix="qlee-commit-") as folder:
        staged = Path(folder)
        names = _git(project, "ls-files", "-z", "--", "content/").split("\0")
        names = [name for name in names if name]
        if names:  # the files as staged, not as saved
            subprocess.run(
                ["git", "checkout-index", f"--prefix={staged.as_posix()}/", "--stdin", "-z"],
                cwd=project, input="\0".join(names).encode(), check=True,
            )
        content = staged / "content"
        content.mkdir(exist_ok=True)
        settings = cli.load_settings(project / "pelicanconf.py", content)
        messages = [str(error) for error in crossfile.check_content(content, settings)]
        deleted = _deleted(project)
        messages += _deleted_pages(project, deleted)
        messages += _deleted_events(project, deleted, content, settings)
    return messages


def _git(project: Path, *arguments: str) -> str:
    done = subprocess.run(["git", *arguments], cwd=project, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else ""


def _deleted(project: Path) -> list[str]:
    """Markdown files under content/ that the commit deletes (a rename counts as a deletion here)."""
    if not _git(project, "rev-parse", "--verify", "--quiet", "HEAD"):
        return []
    listed = _git(
        project, "diff", "--cached", "--no-renames", "--name-only", "--diff-filter=D", "-z", "HEAD", "--", "content/"
    )
    return [name for name in listed.split("\0") if name.endswith(".md")]


def _deleted_pages(project: Path, deleted: list[str]) -> list[str]:
    templates = "".join(path.read_text(encoding="utf-8") for path in (project / "theme" / "templates").glob("*.html"))
    linked = set(_THEME_PAGE.findall(templates))
    return [
        f"{name}:1: Die Seite „{Path(name).stem}“ wird gelöscht, aber jede Seite der Website verweist "
        "im Fußbereich auf sie (und Impressum und Datenschutzerklärung sind Pflicht). Stellen Sie die "
        f"Datei wieder her: git restore --staged --worktree {name}"
        for name in deleted
        if name.startswith("content/pages/") and Path(name).stem in linked
    ]


def _deleted_events(project: Path, deleted: list[str], content: Path, settings) -> list[str]:
    from qlee.content import fields, frontmatter
    from qlee.events.model import EventStatus

    feed = next((text for source in PUBLISHED_FEED if (text := _git(project, "show", source))), None)
    published = _feed_uids(feed) if feed is not None else None
    kept = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in content.rglob("*.md"))
    messages = []
    for name in deleted:
        try:
            matter = frontmatter.split(_git(project, "show", f"HEAD:{name}"))
        except Exception:  # a broken old version was never published
            continue
        source = name.removeprefix("content/")
        is_page = source.startswith("pages/")
        values, errors = fields.item_metadata(matter, source=source, is_page=is_page, settings=settings)
        event = values.get("event")
        if event is None or errors or event.uid in kept:  # moved to another file: the UID stays
            continue
        if published is not None:
            status = published.get(event.uid)
            if status is None or status == "CANCELLED":
                continue
        elif values.get("status", "published") != "published" or event.status == EventStatus.CANCELLED:
            continue
        messages.append(
            f"{name}:{matter.line_of('event.status')}: Die Veranstaltung „{values.get('title', '')}“ "
            "steht im veröffentlichten Kalender und wird gelöscht, ohne abgesagt zu sein. Wer den "
            "Kalender abonniert hat, behielte den Termin dann für immer. Stellen Sie die Datei wieder "
            f"her (git restore --staged --worktree {name}), sagen Sie die Veranstaltung ab "
            "(status: cancelled und modified mit dem Datum der Änderung), veröffentlichen Sie das, "
            "und löschen Sie die Datei frühestens danach."
        )
    return messages


def _feed_uids(feed: str) -> dict[str, str]:
    """UID -> STATUS of each event in an iCal file (folded lines joined)."""
    text = re.sub(r"\r?\n[ \t]", "", feed)
    found = {}
    for block in text.split("BEGIN:VEVENT")[1:]:
        uid = re.search(r"(?m)^UID:(.*?)\r?$", block)
        status = re.search(r"(?m)^STATUS:(.*?)\r?$", block)
        if uid:
            found[uid[1]] = status[1] if status else "CONFIRMED"
    return found
