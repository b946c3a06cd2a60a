"""Publish the site to a ``gh-pages`` branch, safely.

The order of the steps is the safety: nothing reaches the remote unless the
working tree is committed, the site's address is configured, the content is
valid, the build succeeded in a fresh directory and no Impressum placeholder
is left (unless that is explicitly allowed). A failed step raises
:class:`PublishRefused` (German, for editors) before anything is pushed, so a
failed build never replaces what is live.

Check and build read a fresh export of the commit (``HEAD``), not the working
tree: a file git ignores (``cache/``) or does not track is never published,
whatever lies in the folder. A symbolic link anywhere in the commit is
refused, since the build would publish what it points to (``.git/config``,
where CI keeps its token, or ``/etc/passwd``); under content/ the check names
it first, with the editors' message (``qlee.content.sources``).

The commit on ``gh-pages`` is made by ghp-import; its message names the source
commit and nothing else (no clock time), and unchanged output creates no commit.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from . import siteurl
from .checking import check_files

logger = logging.getLogger(__name__)

# Marks an unknown fact in the content (Impressum details); see facts.md.
PLACEHOLDER_MARK = "[PLATZHALTER"
SETTINGS_FILE = "publishconf.py"
CONTENT_DIR = "content"

Echo = Callable[[str], None]


class PublishRefused(Exception):
    """Publishing stopped before anything was pushed; the message is for editors."""

    exitcode = 1


class PublishFailed(RuntimeError):
    """Something went wrong in git or ghp-import itself (a developer's problem)."""

    exitcode = 2


@dataclasses.dataclass(frozen=True)
class Change:
    status: str  # "A" added, "M" modified, "D" deleted (git diff-tree letters)
    path: str


@dataclasses.dataclass(frozen=True)
class SiteTree:
    """The built site as git sees it."""

    tree: str  # git tree id
    files: int
    size: int  # bytes


@dataclasses.dataclass(frozen=True)
class PublishResult:
    site: SiteTree
    changes: tuple[Change, ...]
    commit: str | None  # the new gh-pages commit; None for dry runs and unchanged sites
    pushed: bool


@dataclasses.dataclass(frozen=True)
class PublishOptions:
    project: Path
    remote: str = "origin"
    branch: str = "gh-pages"
    dry_run: bool = False
    allow_placeholders: bool = False


def publish(
    options: PublishOptions,
    *,
    environ: Mapping[str, str] | None = None,
    echo: Echo = print,
) -> PublishResult:
    """Check, build and push the site; see the module docstring for the order."""
    environ = dict(os.environ if environ is None else environ)
    project = options.project.resolve()
    git = Git(project, environ)

    dirty = git.dirty_files()
    if dirty:
        raise PublishRefused(_dirty_message(dirty))
    url = _configured_url(environ)
    git.require_remote(options.remote)
    source_commit = git.output("rev-parse", "HEAD")

    # Removed with everything in it when publishing ends, refused or not.
    with tempfile.TemporaryDirectory(prefix="qlee-publish-") as scratch:
        source = git.export(source_commit, Path(scratch) / "source", Path(scratch) / "source-index")
        errors = check_files(source)
        if errors:
            raise PublishRefused(
                "Die Inhalte enthalten Fehler; es wurde nichts veröffentlicht:\n" + "\n".join(errors)
            )
        links = git.links(source_commit)
        if links:
            raise PublishRefused(_links_message(links))

        site = Path(scratch) / "site"
        build_site(source, site, environ={**environ, siteurl.ENV_VAR: url})
        placeholders = find_placeholders(source, site)
        if placeholders and not options.allow_placeholders:
            raise PublishRefused(_placeholder_message(placeholders))
        if placeholders:
            echo(f"Achtung: {len(placeholders)} Platzhalter werden mitveröffentlicht "
                 "(--allow-placeholders).")
        add_hosting_files(site, url)

        live_tree = git.fetch_branch(options.remote, options.branch)
        built = git.tree_of(site, Path(scratch) / "index")
        changes = git.changes(live_tree, built.tree)
        echo(_summary(built, changes, options, url))
        if options.dry_run:
            return PublishResult(built, changes, commit=None, pushed=False)
        if live_tree == built.tree:
            echo("Die veröffentlichte Website ist bereits auf diesem Stand; nichts zu tun.")
            return PublishResult(built, changes, commit=None, pushed=False)

        commit = git.import_site(site, options.remote, options.branch, commit_message(source_commit, url))
        if git.output("rev-parse", f"{commit}^{{tree}}") != built.tree:
            raise PublishFailed(f"ghp-import produced a commit whose tree is not {built.tree}")
        git.push(options.remote, options.branch)
    echo(f"Veröffentlicht: {options.remote}/{options.branch} ist jetzt {commit[:12]} "
         f"(aus {source_commit[:12]}).")
    return PublishResult(built, changes, commit=commit, pushed=True)


def commit_message(source_commit: str, url: str) -> str:
    """Deterministic: the same source and address give the same message."""
    return f"Publish site from {source_commit}\n\nSITEURL: {url}\n"


def build_site(project: Path, output: Path, *, environ: Mapping[str, str]) -> None:
    """Build with the publish settings into ``output`` (a fresh directory).

    Pelican runs in its own process so that each build reads the settings of
    ``project`` afresh; ``--fatal errors`` turns logged errors (a template that
    failed to render, say) into a failed build instead of a half site.
    """
    command = [
        sys.executable, "-m", "pelican", CONTENT_DIR,
        "--settings", SETTINGS_FILE,
        "--output", str(output),
        "--fatal", "errors",
    ]
    result = subprocess.run(
        command, cwd=project, env=dict(environ), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise PublishRefused(
            "Die Website ließ sich nicht erzeugen; es wurde nichts veröffentlicht.\n"
            + (result.stderr + result.stdout).strip()
        )
    if not (output / "index.html").is_file():
        raise PublishFailed(f"the build in {output} wrote no index.html")


def find_placeholders(project: Path, site: Path) -> list[str]:
    """Where placeholders are left: ``content/...md:line`` and, in the built site, ``/page.html:line``."""
    found: list[str] = []
    for path in _content_files(project):
        found += _marked_lines(path, path.relative_to(project).as_posix())
    for path in sorted(site.rglob("*.html")):
        found += _marked_lines(path, "/" + path.relative_to(site).as_posix())
    return found


def _marked_lines(path: Path, shown: str) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [f"{shown}:{number}" for number, line in enumerate(lines, 1) if PLACEHOLDER_MARK in line]


def add_hosting_files(site: Path, url: str) -> None:
    """``.nojekyll`` (serve files as they are) and ``CNAME`` for a custom domain."""
    (site / ".nojekyll").write_bytes(b"")
    host = siteurl.cname(url)
    if host:
        (site / "CNAME").write_text(host + "\n", encoding="ascii")


def _configured_url(environ: Mapping[str, str]) -> str:
    try:
        url = siteurl.site_url(environ)
    except siteurl.InvalidSiteUrl as error:
        raise PublishRefused(f"{error}\n{siteurl.HOW_TO_SET}") from None
    if siteurl.is_placeholder(url):
        raise PublishRefused(
            "Die Adresse der Website ist nicht eingestellt; ohne sie wird nichts "
            f"veröffentlicht.\n{siteurl.HOW_TO_SET}"
        )
    return url


def _content_files(project: Path) -> list[Path]:
    # Every ending the reader takes (.md, .markdown, ...), not only .md.
    from .checking import plugins_importable

    plugins_importable()
    from qlee.content.sources import MARKDOWN_EXTENSIONS

    return sorted(
        path
        for extension in MARKDOWN_EXTENSIONS
        for path in (project / CONTENT_DIR).rglob(f"*.{extension}")
    )


def _dirty_message(dirty: Iterable[str]) -> str:
    listed = "\n".join(f"  {line}" for line in dirty)
    return (
        "Es gibt Änderungen, die noch nicht mit „git commit“ gespeichert sind; veröffentlicht "
        "wird nur, was im Projektverlauf steht. Speichern Sie die Änderungen mit „git add“ und "
        "„git commit“ (oder verwerfen Sie sie) und starten Sie die Veröffentlichung erneut:\n"
        + listed
    )


def _links_message(links: Iterable[str]) -> str:
    listed = "\n".join(f"  {link}" for link in links)
    return (
        "Im Projekt ist eine Verknüpfung (symbolischer Link) gespeichert; die Website würde "
        "veröffentlichen, worauf sie zeigt. Ersetzen Sie die Verknüpfung durch die Datei selbst, "
        "speichern Sie das mit „git commit“ und starten Sie die Veröffentlichung erneut; es wurde "
        "nichts veröffentlicht:\n" + listed
    )


def _placeholder_message(found: list[str]) -> str:
    listed = "\n".join(f"  {place}" for place in found)
    return (
        f"In den Inhalten stehen noch Platzhalter („{PLACEHOLDER_MARK}: …]“), z. B. im Impressum. "
        "Ersetzen Sie sie durch die richtigen Angaben; es wurde nichts veröffentlicht. "
        "Nur für eine Testveröffentlichung: --allow-placeholders.\n" + listed
    )


def _summary(site: SiteTree, changes: tuple[Change, ...], options: PublishOptions, url: str) -> str:
    words = {"A": "neu", "M": "geändert", "D": "entfernt"}
    target = f"{options.remote}/{options.branch}"
    lead = "Probelauf, nichts wird hochgeladen. " if options.dry_run else ""
    lines = [
        f"{lead}Website für {url}: {site.files} Dateien, {format_size(site.size)}, Ziel {target}.",
        f"Änderungen gegenüber der veröffentlichten Fassung: {len(changes)}",
    ]
    lines += [f"  {words.get(change.status, change.status)}: {change.path}" for change in changes]
    return "\n".join(lines)


def format_size(size: int) -> str:
    """Bytes the German way: ``1,2 MB``, ``340 KB``."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


class Git:
    """The few git operations publishing needs, run in ``project``."""

    def __init__(self, project: Path, environ: Mapping[str, str]):
        self.project = project
        self.environ = dict(environ)

    def run(self, *args: str, env: Mapping[str, str] | None = None, check: bool = True):
        result = subprocess.run(
            ["git", *args],
            cwd=self.project,
            env={**self.environ, **(env or {})},
            capture_output=True,
            text=True,
        )
        if check and result.returncode != 0:
            raise PublishFailed(f"git {' '.join(args)} failed: {result.stderr.strip()}")
        return result

    def output(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        return self.run(*args, env=env).stdout.strip()

    def dirty_files(self) -> list[str]:
        """``git status --porcelain`` lines: modified, staged and untracked files."""
        # Not stripped: the first column of the first line may be a space (" M file").
        return self.run("status", "--porcelain", "--untracked-files=all").stdout.splitlines()

    def export(self, commit: str, target: Path, index: Path) -> Path:
        """The files of ``commit`` in ``target``, exactly as committed (links stay links).

        A private index, so neither the project's index nor its working tree
        changes, and nothing is left in the repository to clean up.
        """
        env = {"GIT_INDEX_FILE": str(index)}
        self.output("read-tree", commit, env=env)
        self.output("checkout-index", "--all", f"--prefix={target}{os.sep}", env=env)
        return target

    def links(self, commit: str) -> list[str]:
        """Symbolic links in ``commit``, as ``path -> target``."""
        listing = self.run("ls-tree", "-r", "-z", commit).stdout.split("\0")
        found = []
        for entry in filter(None, listing):
            info, path = entry.split("\t", 1)
            mode, _, blob = info.split()
            if mode == "120000":
                found.append(f"{path} -> {self.output('cat-file', 'blob', blob)}")
        return found

    def require_remote(self, remote: str) -> None:
        """ghp-import builds on ``refs/remotes/<remote>/<branch>``: a configured remote is needed."""
        remotes = self.output("remote").split()
        if remote not in remotes:
            raise PublishRefused(
                f"„{remote}“ ist kein eingerichtetes Ziel (git remote). Richten Sie es ein, z. B. "
                f"„git remote add {remote} ../probe.git“, oder nennen Sie eines von: "
                + (", ".join(remotes) or "(keines eingerichtet)")
            )

    def fetch_branch(self, remote: str, branch: str) -> str | None:
        """Update ``remote/branch`` from the remote; return its tree, or None if it has none yet."""
        listing = self.run("ls-remote", "--heads", remote, branch, check=False)
        if listing.returncode != 0:
            raise PublishRefused(
                f"Das Ziel „{remote}“ ist nicht erreichbar; es wurde nichts veröffentlicht.\n"
                + listing.stderr.strip()
            )
        tracking = f"refs/remotes/{remote}/{branch}"
        if not listing.stdout.strip():
            return None
        self.output("fetch", "--quiet", remote, f"+refs/heads/{branch}:{tracking}")
        return self.output("rev-parse", f"{tracking}^{{tree}}")

    def tree_of(self, directory: Path, index: Path) -> SiteTree:
        """Write ``directory`` as a git tree (a private index, the project's object store)."""
        env = {"GIT_INDEX_FILE": str(index)}
        self.output("--work-tree", str(directory), "add", "--all", "--force", ".", env=env)
        tree = self.output("write-tree", env=env)
        entries = self.output("ls-tree", "-r", "-l", tree).splitlines()
        size = sum(int(entry.split()[3]) for entry in entries)
        return SiteTree(tree=tree, files=len(entries), size=size)

    def changes(self, old_tree: str | None, new_tree: str) -> tuple[Change, ...]:
        if old_tree is None:
            paths = self.output("ls-tree", "-r", "--name-only", new_tree).splitlines()
            return tuple(Change("A", path) for path in paths)
        listing = self.output("diff-tree", "-r", "--no-renames", "--name-status", old_tree, new_tree)
        return tuple(
            Change(*line.split("\t", 1)) for line in listing.splitlines() if "\t" in line
        )

    def import_site(self, site: Path, remote: str, branch: str, message: str) -> str:
        """Commit ``site`` onto ``branch`` with ghp-import (on top of ``remote/branch``)."""
        command = [
            sys.executable, "-m", "ghp_import", str(site),
            "--branch", branch, "--remote", remote, "--message", message,
        ]
        result = subprocess.run(
            command, cwd=self.project, env=self.environ, capture_output=True, text=True
        )
        if result.returncode != 0 or "Failed" in result.stdout:
            raise PublishFailed(f"ghp-import failed: {(result.stderr + result.stdout).strip()}")
        return self.output("rev-parse", f"refs/heads/{branch}")

    def push(self, remote: str, branch: str) -> None:
        result = self.run("push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}", check=False)
        if result.returncode != 0:
            raise PublishRefused(
                f"Das Hochladen nach „{remote}“ ist fehlgeschlagen; die veröffentlichte Website "
                "ist unverändert. Vielleicht hat jemand anderes gerade veröffentlicht: "
                "starten Sie die Veröffentlichung dann einfach erneut.\n" + result.stderr.strip()
            )


def main(argv: list[str] | None = None) -> int:
    """Command line for tasks.py: ``publish [--dry-run] [--allow-placeholders] ...``."""
    import argparse

    parser = argparse.ArgumentParser(prog="publish", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--branch", default="gh-pages")
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--allow-placeholders", action="store_true")
    args = parser.parse_args(argv)
    options = PublishOptions(
        project=args.project,
        remote=args.remote,
        branch=args.branch,
        dry_run=args.dry_run,
        allow_placeholders=args.allow_placeholders,
    )
    try:
        publish(options)
    except (PublishRefused, PublishFailed) as error:
        print(error, file=sys.stderr)
        return error.exitcode
    return 0


if __name__ == "__main__":
    sys.exit(main())
