"""`invoke publish` into a real local bare repository, with real git and real ghp-import.

Each test works on a git copy of the project as it is in the working tree
(settings, plugins, theme, tools, tasks and the real content), with a bare
repository as its ``origin``, and inspects the ``gh-pages`` branch there.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tools import siteurl
from tools.publish import (
    PLACEHOLDER_MARK,
    PublishOptions,
    PublishRefused,
    commit_message,
    format_size,
    publish,
)

from conftest import DEFAULT_EPOCH, PROJECT

URL = "https://qlee.example.org"
# What the copy needs to build, check and publish; tests/ and node_modules/ are not needed.
PROJECT_PARTS = (".gitignore", "pelicanconf.py", "publishconf.py", "tasks.py", "plugins", "theme", "tools", "content")


class Repo:
    """The project copy and its bare ``origin``."""

    def __init__(self, root: Path):
        self.project = root / "project"
        self.remote = root / "origin.git"
        self.environ = {
            **os.environ,
            siteurl.ENV_VAR: URL,
            "SOURCE_DATE_EPOCH": DEFAULT_EPOCH,
            # No user or system git configuration leaks into the test.
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }

    def git(self, *args: str, cwd: Path | None = None) -> str:
        result = subprocess.run(
            ["git", *args], cwd=cwd or self.project, env=self.environ, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def live(self, *args: str) -> str:
        """git in the bare remote: what a visitor of the published site gets."""
        return self.git(*args, cwd=self.remote)

    def live_head(self) -> str | None:
        heads = self.live("for-each-ref", "--format=%(objectname)", "refs/heads/gh-pages")
        return heads or None

    def live_files(self) -> dict[str, bytes]:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", "gh-pages"], cwd=self.remote, env=self.environ,
            capture_output=True, check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}

    def commit_file(self, relative: str, text: str, message: str) -> None:
        path = self.project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.git("add", relative)
        self.git("commit", "--quiet", "-m", message)

    def publish(self, messages: list[str] | None = None, **options):
        options.setdefault("allow_placeholders", True)
        echo = (messages.append if messages is not None else lambda _: None)
        return publish(PublishOptions(project=self.project, **options), environ=self.environ, echo=echo)


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Repo:
    # Publishing's own temporary folders land here, so tests can see they are removed.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    repo = Repo(tmp_path)
    repo.project.mkdir()
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", *PROJECT_PARTS],
        cwd=PROJECT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")
    for relative in filter(None, tracked):
        source = PROJECT / relative
        if source.is_file():
            target = repo.project / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    repo.git("init", "--quiet", "--bare", str(repo.remote), cwd=tmp_path)
    repo.git("init", "--quiet", "-b", "main")
    repo.git("config", "user.name", "Redaktion")
    repo.git("config", "user.email", "redaktion@example.org")
    repo.git("add", ".")
    repo.git("commit", "--quiet", "-m", "Website")
    repo.git("remote", "add", "origin", str(repo.remote))
    repo.git("push", "--quiet", "origin", "main")
    return repo


def test_publish_puts_the_site_on_gh_pages(repo):
    result = repo.publish()

    assert result.pushed
    assert repo.live_head() == result.commit
    source = repo.git("rev-parse", "HEAD")
    assert repo.live("log", "-1", "--format=%B", "gh-pages").strip() == commit_message(source, URL).strip()
    files = repo.live_files()
    for expected in (
        "index.html", "404.html", ".nojekyll", "CNAME", "sitemap.xml", "robots.txt",
        "feeds/all.atom.xml", "feeds/nachrichten.atom.xml", "feeds/kurse.atom.xml",
        "kalender.ics", "veranstaltungen/index.html", "veranstaltungen/archiv/index.html",
        "impressum/index.html", "ueber-qlee/index.html", "aktuelles/index.html",
    ):
        assert expected in files, expected
    assert files["CNAME"] == b"qlee.example.org\n"
    assert files[".nojekyll"] == b""
    assert result.site.files == len(files)


def test_published_links_are_absolute(repo):
    repo.publish()
    files = repo.live_files()

    feed = files["feeds/all.atom.xml"].decode()
    assert f'href="{URL}/nachrichten/' in feed
    assert f"<id>{URL}/" in feed
    assert f"{URL}/veranstaltungen/" in files["kalender.ics"].decode()
    assert f"<loc>{URL}/</loc>" in files["sitemap.xml"].decode()
    pages = {name: data.decode() for name, data in files.items() if name.endswith(".html")}
    assert len(pages) > 10
    for name, html in pages.items():
        links = _links(html)
        # The embeddable lists for partners' iframes are noindex and link nothing.
        embed = name.startswith("veranstaltungen/einbetten/")
        assert f'<link rel="canonical" href="{URL}/' in html or name == "404.html" or embed, name
        # Links relative to the page's folder would break in feeds and copies; "/x" is
        # host-absolute and right on a custom domain (where CNAME points).
        relative = [
            link for link in links
            if not link.startswith(("/", "https://", "http://", "#", "mailto:", "webcal://", "data:"))
        ]
        assert relative == [], name
        assert any(link.startswith(URL + "/") for link in links), name


def test_second_publish_of_unchanged_content_makes_no_commit(repo):
    first = repo.publish()
    messages: list[str] = []
    second = repo.publish(messages)

    assert second.commit is None and not second.pushed
    assert second.changes == ()
    assert repo.live_head() == first.commit
    assert repo.live("rev-list", "--count", "gh-pages") == "1"
    assert "bereits auf diesem Stand" in messages[-1]


def test_changed_content_adds_one_commit_on_top(repo):
    first = repo.publish()
    news = _a_news_file(repo)
    text = news.read_text(encoding="utf-8")
    repo.commit_file(news.relative_to(repo.project).as_posix(), text + "\nEin neuer Absatz.\n", "Absatz ergänzt")

    second = repo.publish()

    assert repo.live("rev-parse", "gh-pages^") == first.commit
    assert repo.live_head() == second.commit
    changed = {change.path: change.status for change in second.changes}
    assert any(path.startswith("nachrichten/") and status == "M" for path, status in changed.items())
    assert "CNAME" not in changed and ".nojekyll" not in changed


def test_broken_content_is_refused_and_the_live_site_stays(repo):
    live = repo.publish().commit
    repo.commit_file(
        "content/nachrichten/kaputt.md",
        "---\ntitle: Kaputt\ndate: 13.02.206\ncategory: Nachrichten\n---\n\nText.\n",
        "Fehlerhafte Nachricht",
    )

    with pytest.raises(PublishRefused) as refused:
        repo.publish()

    message = str(refused.value)
    assert message.startswith("Die Inhalte enthalten Fehler; es wurde nichts veröffentlicht:")
    assert 'content/nachrichten/kaputt.md:3: date: "13.02.206"' in message
    assert repo.live_head() == live


def test_failed_build_is_refused_and_the_live_site_stays(repo):
    live = repo.publish().commit
    base = repo.project / "theme" / "templates" / "base.html"
    repo.commit_file("theme/templates/base.html", base.read_text(encoding="utf-8") + "{% if %}\n", "Vorlage kaputt")

    with pytest.raises(PublishRefused, match="Die Website ließ sich nicht erzeugen; es wurde nichts veröffentlicht"):
        repo.publish()

    assert repo.live_head() == live


def test_first_publish_that_fails_creates_no_branch(repo):
    repo.commit_file("content/kurse/kaputt.md", "---\ntitle: Ohne Datum\ncategory: Kurse\n---\n", "Kaputt")
    with pytest.raises(PublishRefused):
        repo.publish()
    assert repo.live_head() is None


@pytest.mark.parametrize(
    ("change", "listed"),
    [
        (lambda project: (project / "content" / "nachrichten" / "neu.md").write_text("---\n"), "?? content/nachrichten/neu.md"),
        (lambda project: (project / "pelicanconf.py").write_text("# geändert\n", encoding="utf-8"), " M pelicanconf.py"),
        (lambda project: (project / "content" / "nachrichten" / "neu.md").write_text(SECRET_NEWS), "?? content/nachrichten/neu.md"),
    ],
    ids=["new content file", "changed code", "new valid content file"],
)
def test_uncommitted_changes_are_refused(repo, change, listed):
    change(repo.project)
    with pytest.raises(PublishRefused) as refused:
        repo.publish()
    message = str(refused.value)
    assert "noch nicht mit „git commit“ gespeichert" in message
    assert f"  {listed}" in message.splitlines()
    assert repo.live_head() is None


SECRET = "Nur-für-uns-7f3a"
SECRET_NEWS = f"---\ntitle: Intern\ndate: 02.01.2024\ncategory: Nachrichten\n---\n\n{SECRET}\n"


def test_ignored_files_are_never_published(repo):
    """The project ignores cache/: a file there lies in content/ but is in no commit."""
    ignored = repo.project / "content" / "nachrichten" / "cache" / "geheim.md"
    ignored.parent.mkdir()
    ignored.write_text(SECRET_NEWS, encoding="utf-8")
    assert repo.git("status", "--porcelain", "--untracked-files=all") == ""  # ignored, so the tree is clean
    assert repo.git("check-ignore", "content/nachrichten/cache/geheim.md")

    result = repo.publish()

    files = repo.live_files()
    assert result.pushed and "nachrichten/intern/index.html" not in files
    assert not any(SECRET.encode() in data or "geheim" in name or "intern" in name for name, data in files.items())
    assert set(files) == set(repo.live("ls-tree", "-r", "--name-only", "gh-pages").splitlines())


def test_ignored_broken_file_does_not_stop_publishing(repo):
    """Only the commit is checked: a broken draft git ignores is none of the published site's business."""
    ignored = repo.project / "content" / "kurse" / "cache" / "kaputt.md"
    ignored.parent.mkdir()
    ignored.write_text("---\ntitle: Ohne Datum\n---\n", encoding="utf-8")
    assert repo.publish().pushed


def _commit_links(repo: Repo, links: dict[str, str]) -> None:
    for name, target in links.items():
        (repo.project / name).parent.mkdir(parents=True, exist_ok=True)
        (repo.project / name).symlink_to(target)
    repo.git("add", *links)
    repo.git("commit", "--quiet", "-m", "Verknüpfungen")
    assert {line.split()[0] for line in repo.git("ls-tree", "-r", "HEAD", *links).splitlines()} == {"120000"}


def test_committed_links_to_the_git_configuration_and_outside_are_refused(repo):
    """actions/checkout keeps the workflow's token in .git/config; a link to it would publish the token."""
    token = "AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX0dFSEVJTQ=="
    repo.git("config", "http.https://github.com/.extraheader", token)
    live = repo.publish().commit
    links = {"content/bilder/logo.png": "../../.git/config", "content/bilder/passwd.jpg": "/etc/passwd"}
    _commit_links(repo, links)

    with pytest.raises(PublishRefused) as refused:
        repo.publish()

    message = str(refused.value)
    assert message.startswith("Die Inhalte enthalten Fehler; es wurde nichts veröffentlicht:")
    assert "content/bilder/logo.png:1: „logo.png“ ist keine echte Datei, sondern eine Verknüpfung" in message
    assert "content/bilder/passwd.jpg:1: „passwd.jpg“ ist keine echte Datei" in message
    assert repo.live_head() == live
    secrets = [token.encode(), (repo.project / ".git" / "config").read_bytes(), Path("/etc/passwd").read_bytes()]
    for name, data in repo.live_files().items():
        assert not any(secret in data for secret in secrets), name


def test_committed_links_outside_content_are_refused(repo):
    """The theme's static files are copied too: a link there is refused before the build."""
    _commit_links(repo, {"theme/static/passwd.txt": "/etc/passwd"})

    with pytest.raises(PublishRefused) as refused:
        repo.publish()

    message = str(refused.value)
    assert message.startswith("Im Projekt ist eine Verknüpfung (symbolischer Link) gespeichert;")
    assert message.splitlines()[-1] == "  theme/static/passwd.txt -> /etc/passwd"
    assert repo.live_head() is None


def test_publishing_leaves_no_export_behind_and_the_project_untouched(repo):
    repo.publish()
    repo.commit_file("content/nachrichten/kaputt.md", "---\ntitle: Kaputt\n---\n", "Kaputt")
    with pytest.raises(PublishRefused):
        repo.publish()
    assert list(Path(tempfile.tempdir).iterdir()) == []
    assert repo.git("status", "--porcelain", "--untracked-files=all", "--ignored") == ""
    assert len(repo.git("worktree", "list").splitlines()) == 1
    assert repo.git("diff", "--cached", "--stat") == ""


def test_placeholders_are_refused_unless_allowed(repo):
    impressum = repo.project / "content" / "pages" / "impressum.md"
    marked = [
        number for number, line in enumerate(impressum.read_text(encoding="utf-8").splitlines(), 1)
        if PLACEHOLDER_MARK in line
    ]
    assert marked, "the Impressum's unknown details are marked placeholders (facts.md)"

    with pytest.raises(PublishRefused) as refused:
        repo.publish(allow_placeholders=False)
    message = str(refused.value)
    assert f"  content/pages/impressum.md:{marked[0]}" in message.splitlines()
    assert any(line.startswith("  /impressum/index.html:") for line in message.splitlines())
    assert repo.live_head() is None

    messages: list[str] = []
    assert repo.publish(messages, allow_placeholders=True).pushed
    assert messages[0].startswith("Achtung:")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "Die Adresse der Website ist nicht eingestellt"), ("qlee.example.org", "keine vollständige Adresse")],
)
def test_missing_or_invalid_site_url_is_refused(repo, value, expected):
    repo.environ.pop(siteurl.ENV_VAR)
    if value is not None:
        repo.environ[siteurl.ENV_VAR] = value
    with pytest.raises(PublishRefused) as refused:
        repo.publish()
    assert expected in str(refused.value)
    assert "QLEE_SITEURL=https://www.example.org" in str(refused.value)
    assert repo.live_head() is None


def test_dry_run_shows_what_would_change_without_pushing(repo):
    messages: list[str] = []
    first = repo.publish(messages, dry_run=True)
    assert repo.live_head() is None and not first.pushed
    summary = _summary(messages)
    assert summary[0].startswith(f"Probelauf, nichts wird hochgeladen. Website für {URL}: {first.site.files} Dateien, ")
    assert summary[0].endswith("Ziel origin/gh-pages.")
    assert "  neu: index.html" in summary

    repo.publish()
    news = _a_news_file(repo)
    repo.commit_file(news.relative_to(repo.project).as_posix(), news.read_text(encoding="utf-8") + "\nMehr.\n", "Mehr")
    messages.clear()
    repo.publish(messages, dry_run=True)
    changed = [line for line in _summary(messages) if line.startswith("  geändert: nachrichten/")]
    assert changed
    assert repo.live("rev-list", "--count", "gh-pages") == "1"


def test_unknown_remote_is_refused(repo):
    with pytest.raises(PublishRefused, match=r"„probe“ ist kein eingerichtetes Ziel .*origin"):
        repo.publish(remote="probe")
    assert repo.live_head() is None


def test_github_io_address_gets_no_cname(repo):
    repo.environ[siteurl.ENV_VAR] = "https://qlee-lausitz.github.io/website/"
    repo.publish()
    files = repo.live_files()
    assert "CNAME" not in files
    assert b'href="https://qlee-lausitz.github.io/website/' in files["index.html"]


def test_invoke_publish_task(repo):
    command = [sys.executable, "-m", "invoke", "publish", "--dry-run", "--allow-placeholders"]
    result = subprocess.run(command, cwd=repo.project, env=repo.environ, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "\nProbelauf, nichts wird hochgeladen. Website für https://qlee.example.org: " in result.stdout
    refused = subprocess.run(command[:-1], cwd=repo.project, env=repo.environ, capture_output=True, text=True)
    assert refused.returncode == 1
    assert "stehen noch Platzhalter" in refused.stderr


@pytest.mark.parametrize(
    ("environ", "url"),
    [
        ({}, siteurl.PLACEHOLDER),
        ({"QLEE_SITEURL": "  "}, siteurl.PLACEHOLDER),
        ({"QLEE_SITEURL": "https://www.example.org/"}, "https://www.example.org"),
        ({"QLEE_SITEURL": "https://user.github.io/repo"}, "https://user.github.io/repo"),
    ],
)
def test_site_url(environ, url):
    assert siteurl.site_url(environ) == url


@pytest.mark.parametrize("value", ["www.example.org", "ftp://example.org", "https://", "https://example.org/?a=1"])
def test_site_url_rejects(value):
    with pytest.raises(siteurl.InvalidSiteUrl):
        siteurl.site_url({"QLEE_SITEURL": value})


@pytest.mark.parametrize(
    ("url", "cname"),
    [
        ("https://www.example.org", "www.example.org"),
        ("https://user.github.io/repo", None),
        ("https://user.github.io", None),
        (siteurl.PLACEHOLDER, None),
    ],
)
def test_cname(url, cname):
    assert siteurl.cname(url) == cname


@pytest.mark.parametrize(("size", "shown"), [(10, "1 KB"), (340 * 1024, "340 KB"), (int(1.25 * 1024 * 1024), "1,2 MB")])
def test_format_size(size, shown):
    assert format_size(size) == shown


def _summary(messages: list[str]) -> list[str]:
    return next(m for m in messages if m.startswith("Probelauf")).splitlines()


def _a_news_file(repo: Repo) -> Path:
    return sorted((repo.project / "content" / "nachrichten").glob("*.md"))[0]


class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.links.append(value)


def _links(html: str) -> list[str]:
    collector = _LinkCollector()
    collector.feed(html)
    return collector.links
