"""Which files under content/ the site is made of: one rule for the build and ``invoke check``.

- An item is a Markdown file with one of the extensions Pelican knows for
  Markdown (``.md``, ``.markdown``, ``.mkd``, ``.mdown``), written in lower
  case: Pelican matches extensions case-sensitively, so ``x.MD`` would be
  skipped without a word. Our reader reads them all (wiring/reader.py); Pelican's
  other readers (HTML, reStructuredText) are switched off in pelicanconf.py,
  since what they read would bypass validation.
- Files under ``STATIC_PATHS`` (pictures, PDFs) are copied as they are; one
  that is not what its extension says, or too large, is an error (``filetypes``).
- Every other file is an error that says which folder and format is expected:
  an ``.html`` or ``.rst`` file, an upper-case ``.MD``, a picture next to the
  articles. So no file is ever left out silently.
- A symbolic link (to a file or a folder, dangling or a loop) is an error too,
  and a linked folder is not looked into: Pelican follows links, so a link to
  ``../../.git/config`` or ``/etc/passwd`` would publish that file, and a link
  to a folder above would make its walk endless. The build stops at them before
  Pelican walks the folder (wiring/generators.py).

Not content at all: hidden files and folders, ``IGNORE_FILES`` and editors'
backup files (``x.md~``, ``#x.md#``). Pure: no Pelican import.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ValidationError
from . import filetypes

MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")


@dataclasses.dataclass(frozen=True)
class ContentFiles:
    """The files under content/, sorted by path."""

    markdown: tuple[Path, ...]  # Markdown files, wherever they are (the caller checks the folder)
    static: frozenset[str]  # files under STATIC_PATHS, as paths under content/
    errors: tuple[ValidationError, ...]  # one per file that is neither, and one per link
    links: frozenset[str] = frozenset()  # symbolic links (files and folders), as paths under content/

    @property
    def count(self) -> int:
        """How many files were checked: the Markdown files and the ones in error."""
        return len(self.markdown) + len(self.errors)


def scan(content_path: Path, settings: Mapping[str, Any]) -> ContentFiles:
    """Sort every file under ``content_path`` into Markdown, static and wrong."""
    root = Path(content_path)
    shown_root = root.resolve().name
    ignores = list(settings.get("IGNORE_FILES", ()))
    markdown: list[Path] = []
    static: set[str] = set()
    errors: list[ValidationError] = []
    links: set[str] = set()
    folders = [(root, "")]  # and the folder's path under content/, ending in "/"
    while folders:
        folder, under = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue  # an unreadable folder is skipped, as os.walk (and Pelican) do
        for entry in entries:
            name = entry.name
            # A DirEntry knows a link without another system call; a linked folder is not entered.
            if entry.is_dir(follow_symlinks=False):
                if not name.startswith(".") and not _matches(name, name, ignores):
                    folders.append((Path(entry.path), f"{under}{name}/"))
                continue
            relative = under + name
            if _not_content(name, relative, ignores):
                continue
            if entry.is_symlink():
                links.add(relative)
                errors.append(_link(shown_root, Path(entry.path), relative))
                continue
            extension = name.rpartition(".")[2] if "." in name else ""
            if extension in MARKDOWN_EXTENSIONS:
                markdown.append(Path(entry.path))
            elif in_static(relative, settings):
                static.add(relative)
                if wrong := filetypes.problem(Path(entry.path), f"{shown_root}/{relative}"):
                    errors.append(wrong)
            else:
                errors.append(_wrong_file(shown_root, relative, extension, settings))
    return ContentFiles(
        tuple(sorted(markdown)), frozenset(static), tuple(sorted(errors, key=lambda e: e.path)), frozenset(links)
    )


def is_markdown(name: str) -> bool:
    """Whether our reader reads a file of this name."""
    return "." in name and name.rpartition(".")[2] in MARKDOWN_EXTENSIONS


def in_static(relative: str, settings: Mapping[str, Any]) -> bool:
    """Whether ``relative`` (a path under content/) lies in STATIC_PATHS and not in STATIC_EXCLUDES."""
    def under(folders) -> bool:
        return any(not f or relative == f.strip("/") or relative.startswith(f.strip("/") + "/") for f in folders)

    return under(settings.get("STATIC_PATHS", ())) and not under(settings.get("STATIC_EXCLUDES", ()))


def _not_content(name: str, relative: str, ignores: list[str]) -> bool:
    backup = name.endswith("~") or (name.startswith("#") and name.endswith("#"))
    return name.startswith(".") or backup or _matches(name, relative, ignores)


def _matches(name: str, relative: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in patterns)


def _link(shown_root: str, path: Path, relative: str) -> ValidationError:
    """The error for a symbolic link; it names where the link points, so the real file can be found."""
    # is_dir() follows the link: False for a link to a file, a dangling link and a loop.
    what, real = ("kein echter Ordner", "den Ordner") if path.is_dir() else ("keine echte Datei", "die Datei")
    return ValidationError(
        f"„{path.name}“ ist {what}, sondern "
        f"eine Verknüpfung (symbolischer Link) auf „{os.readlink(path)}“. Verknüpfungen sind in "
        f"{shown_root}/ nicht erlaubt: sie können auf Dateien außerhalb der Website zeigen, die dann "
        f"mitveröffentlicht würden. Ersetzen Sie die Verknüpfung durch {real} selbst.",
        value=path.name,
    ).at(path=f"{shown_root}/{relative}", line=1)


def _wrong_file(shown_root: str, relative: str, extension: str, settings: Mapping[str, Any]) -> ValidationError:
    """The error for a file the site is not made of, with the expected folder and format."""
    path = PurePosixPath(relative)
    shown = f"{shown_root}/{relative}"
    item_folders = [*settings.get("ARTICLE_PATHS", ()), *settings.get("PAGE_PATHS", ())]
    folders = _either([f"{shown_root}/{folder}/" for folder in item_folders])
    if extension.lower() in MARKDOWN_EXTENSIONS:
        renamed = path.with_suffix("." + extension.lower()).name
        return ValidationError(
            f"Die Endung „.{extension}“ wird nicht gelesen: Markdown-Dateien enden klein geschrieben "
            f"auf „.{extension.lower()}“. Benennen Sie die Datei um in „{renamed}“.",
            value=path.name,
        ).at(path=shown, line=1)
    parent = path.parent.as_posix()
    folder = parent if parent in item_folders else (item_folders[0] if item_folders else parent)
    example = f"{shown_root}/{folder}/{path.stem}.md"
    message = (
        f"„{path.name}“ ist keine Markdown-Datei und würde nicht veröffentlicht. Beiträge und Seiten "
        f"sind Markdown-Dateien („.md“) in {folders}. Schreiben Sie den Inhalt als Markdown-Datei "
        f"(z. B. {example})"
    )
    if static := _static_folders(settings):
        message += (
            f" oder verschieben Sie die Datei, wenn sie ein Bild oder ein Anhang ist, nach "
            f"{_either([f'{shown_root}/{p}/' for p in static])}"
        )
    return ValidationError(message + ".", value=path.name).at(path=shown, line=1)


def pictures(settings: Mapping[str, Any]) -> str:
    """The folder for pictures under content/ (the first of STATIC_PATHS), for examples in messages."""
    folders = _static_folders(settings)
    return folders[0] if folders else "bilder"


def _static_folders(settings: Mapping[str, Any]) -> list[str]:
    """The folders among STATIC_PATHS (it may also name single files, such as a favicon)."""
    paths = (p.strip("/") for p in settings.get("STATIC_PATHS", ()))
    return [p for p in paths if p and not PurePosixPath(p).suffix]


def _either(names: list[str]) -> str:
    """``a, b oder c``."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " oder " + names[-1]
