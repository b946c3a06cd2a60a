"""The checks of ``invoke check`` and the ones across files that the build shares.

Reads every Markdown file under content/, checks its front matter with the
same rules as the build (``fields``, ``eventblock``) and its body for broken
``{filename}`` links and external resources (``body``), and adds what only
shows across files: two items that would be written to the same address, two
events with the same UID, files the build would never read (``sources``). No
Markdown conversion, no Pelican generators, so a site of 1,000 files is
checked in about a second.

Placeholders in the Impressum (``[PLATZHALTER …]``) are no error here; the
publish step refuses them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..buildtime import build_time_if_known
from ..errors import Notice, ValidationError, unexpected
from ..output import eventpages
from . import body, fields, frontmatter, plausible, sources, unfinished
from .typed import quote

logger = logging.getLogger(__name__)



@dataclasses.dataclass(frozen=True)
class Placed:
    """Where one item lands in the output, for the checks across files."""

    path: str  # as editors know it: content/nachrichten/x.md
    save_as: str  # output file, relative to the output folder
    url: str
    field: str  # the key that decides the address (slug, save_as or title)
    value: str
    line: int
    uid: str | None = None
    uid_line: int | None = None
    ics: str | None = None  # the event's own calendar file (published events only)
    date: Any = None  # the item's date: of two at one address, the older one keeps it


@dataclasses.dataclass(frozen=True)
class Report:
    """What ``check`` found: errors (the build stops) and notices (it goes on)."""

    errors: list[ValidationError]
    notices: list[Notice]


def check_content(content_path: Path, settings: Mapping[str, Any]) -> list[ValidationError]:
    """Every problem in every content file under ``content_path``, in file order."""
    return check_all(content_path, settings).errors


def check_all(content_path: Path, settings: Mapping[str, Any]) -> Report:
    """Every problem and every notice for the content files under ``content_path``, in file order.

    Sample values of ``invoke new`` (:mod:`unfinished`) are errors here, whatever the build does.
    """
    content_path = Path(content_path)
    now = build_time_if_known()
    notices: list[Notice] = []
    shown_root = project_relative(content_path, content_path)  # "content"
    files = sources.scan(content_path, settings)
    items = link_targets(files, content_path, settings)
    pictures = sources.pictures(settings)
    errors: list[ValidationError] = list(files.errors)
    placed: list[Placed] = []
    written: list[tuple[str, str, tuple[body.Link, ...]]] = []  # (shown, source, links)
    addresses: list[Placed] = []  # items with errors: where they will be once fixed
    for file in files.markdown:
        source = file.relative_to(content_path).as_posix()
        shown = f"{shown_root}/{source}"
        kind = kind_of(source, settings)
        if kind is None:
            errors.append(outside_folders(shown, settings))
            continue
        try:
            text = file.read_text(encoding="utf-8")
            matter = frontmatter.split(text)
        except ValidationError as error:
            errors.append(error.at(path=shown))
            continue
        except UnicodeDecodeError:
            errors.append(not_utf8().at(path=shown))
            continue
        try:
            values, found = fields.item_metadata(matter, source=source, is_page=kind == "page", settings=settings)
            in_body = body.scan(matter.body, matter.body_line, pictures=pictures)
        except Exception as error:  # the last resort, as in the build's reader
            errors.append(unexpected(error).at(path=shown))
            continue
        errors.extend(error.at(path=shown) for error in (*found, *unfinished.scan(text)))
        notices.extend(notice.at(path=shown) for notice in plausible.notices(values, matter.lines, now))
        errors.extend(error.at(path=shown) for error in in_body.errors)
        written.append((shown, source, in_body.links))
        if not found and not in_body.errors:  # as the build, which keeps both with the item
            placed.append(place(shown, kind, values, matter.lines, settings))
        elif "slug" in values:  # its own mistakes are reported; links to it are not one more
            with contextlib.suppress(KeyError, ValueError, AttributeError):
                addresses.append(place(shown, kind, values, matter.lines, settings))
    site = site_paths([*placed, *addresses], files.static, settings)
    for shown, source, links in written:
        broken = body.broken_links(links, source, items, files.static, root=shown_root, site=site, pictures=pictures)
        errors.extend(error.at(path=shown) for error in broken)
    errors.extend(clashes(placed, settings))
    return Report(sorted(errors, key=lambda e: (e.path, e.line or 0, e.field)), notices)


def check_text(content_path: Path, source: str, text: str, settings: Mapping[str, Any]) -> list[ValidationError]:
    """The problems of one file's ``text`` as if it stood at ``source`` (a path under content/).

    The checks of one file that :func:`check_all` makes (front matter, sample
    values, body, links to other files), for a text not yet saved (the form
    editor); the checks across files need the saved file.
    """
    content_path = Path(content_path)
    shown_root = project_relative(content_path, content_path)
    shown = f"{shown_root}/{source}"
    kind = kind_of(source, settings)
    if kind is None:
        return [outside_folders(shown, settings)]
    files = sources.scan(content_path, settings)
    items = link_targets(files, content_path, settings) | {source}
    pictures = sources.pictures(settings)
    try:
        matter = frontmatter.split(text)
        _, found = fields.item_metadata(matter, source=source, is_page=kind == "page", settings=settings)
        in_body = body.scan(matter.body, matter.body_line, pictures=pictures)
    except ValidationError as error:
        return [error.at(path=shown)]
    except Exception as error:  # the last resort, as in check_all and the build's reader
        return [unexpected(error).at(path=shown)]
    broken = body.broken_links(in_body.links, source, items, files.static, root=shown_root, pictures=pictures)
    return [error.at(path=shown) for error in (*found, *unfinished.scan(text), *in_body.errors, *broken)]


def content_files(content_path: Path, settings: Mapping[str, Any]) -> list[Path]:
    """The Markdown files under content/, without hidden and ignored files (see :mod:`sources`)."""
    return list(sources.scan(Path(content_path), settings).markdown)


def link_targets(files: sources.ContentFiles, content_path: Path, settings: Mapping[str, Any]) -> frozenset[str]:
    """The items a ``{filename}`` link may lead to: Markdown files the build reads, as paths under content/."""
    relative = (file.relative_to(content_path).as_posix() for file in files.markdown)
    return frozenset(source for source in relative if kind_of(source, settings) is not None)


def kind_of(source: str, settings: Mapping[str, Any]) -> str | None:
    """``"page"``, ``"article"``, or None for a file the build does not read."""
    def inside(folders: Iterable[str]) -> bool:
        return any(not folder or source.startswith(folder.rstrip("/") + "/") for folder in folders)

    if inside(settings["PAGE_PATHS"]) and not inside(settings.get("PAGE_EXCLUDES", ())):
        return "page"
    if inside(settings["ARTICLE_PATHS"]) and not inside(settings.get("ARTICLE_EXCLUDES", ())):
        return "article"
    return None


def outside_folders(shown: str, settings: Mapping[str, Any]) -> ValidationError:
    """The error for a Markdown file in a folder the build does not read."""
    folders = ", ".join(f"content/{p}/" for p in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]])
    return ValidationError(
        f"Die Datei liegt in keinem der Ordner, aus denen die Website erzeugt wird ({folders}). "
        "Verschieben Sie sie in einen dieser Ordner."
    ).at(path=shown, line=1)


def not_utf8() -> ValidationError:
    return ValidationError(
        "Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie im Editor mit der "
        "Kodierung „UTF-8“."
    ).at(line=1)


def place(shown: str, kind: str, values: Mapping[str, Any], lines: Mapping[str, int], settings) -> Placed:
    """Where a valid item will be written, computed from the settings' URL patterns."""
    def line(field: str) -> int:
        return lines.get(field, 1)

    status = values.get("status", "published")
    prefix = ("DRAFT_PAGE" if status == "draft" else "PAGE") if kind == "page" else "DRAFT" if status == "draft" else "ARTICLE"
    category = values.get("category")
    parts = {
        "slug": values["slug"],
        "category": settings["QLEE_CATEGORIES"][category]["slug"] if category else "",
        "date": values.get("date"),
        "lang": settings.get("DEFAULT_LANG", "de"),
    }
    save_as = values.get("save_as") or settings[f"{prefix}_SAVE_AS"].format(**parts)
    url = values.get("url") or settings[f"{prefix}_URL"].format(**parts)
    field = "save_as" if "save_as" in values else ("slug" if "slug" in lines else "title")
    event = values.get("event")
    return Placed(
        path=shown,
        save_as=save_as,
        url=url,
        field=field,
        value=values[field if field != "title" else "slug"],
        line=line(field),
        uid=getattr(event, "uid", None),
        uid_line=lines.get("event.uid", lines.get("event")) if event is not None else None,
        ics=event_ics(values["slug"], status) if event is not None else None,
        date=values.get("date"),
    )


def event_ics(slug: str, status: str) -> str | None:
    """The path of an event's own ``.ics``; only published events get one."""
    return eventpages.EVENT_ICS_URL.format(slug=slug) if status == "published" else None


def reserved(settings: Mapping[str, Any]) -> dict[str, str]:
    """Output files the site itself writes, which no item may take: file -> what it is."""
    taken = {}
    for template in settings.get("DIRECT_TEMPLATES", ()):
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        if save_as:
            taken[save_as] = f"die Übersichtsseite „{template}“"
    for name, category in settings["QLEE_CATEGORIES"].items():
        taken[settings["CATEGORY_SAVE_AS"].format(slug=category["slug"])] = f"die Kategorieseite „{name}“"
        events = eventpages.CATEGORY_URL.format(slug=category["slug"]) + "index.html"
        taken[events] = f"die Veranstaltungsseite der Kategorie „{name}“"
    taken[eventpages.EVENTS_URL + "index.html"] = "der Veranstaltungskalender"
    taken[eventpages.ARCHIVE_URL + "index.html"] = "das Veranstaltungsarchiv"
    return taken


def site_paths(items: Sequence[Placed], static: Iterable[str], settings: Mapping[str, Any]) -> body.SitePaths:
    """The site's addresses, for site paths written in bodies: items, the site's own pages, files.

    Folders the site fills by itself (tags, feeds, the calendar's months, the
    theme) are open: any address in them passes.
    """
    exact = {"/", *(f"/{item.url}" for item in items), *(f"/{item.ics}" for item in items if item.ics)}
    exact.update("/" + save_as.removesuffix("index.html") for save_as in reserved(settings))
    exact.update(f"/{path}" for path in static)
    for name in ("FEED_ALL_ATOM", "SITEMAP_SAVE_AS", "ROBOTS_SAVE_AS"):
        if settings.get(name):
            exact.add("/" + settings[name])
    exact.add("/" + eventpages.FEED_URL)
    generated = [
        settings.get("TAG_URL", ""), settings.get("CATEGORY_FEED_ATOM", ""), eventpages.CATEGORY_FEED_URL,
        eventpages.EVENTS_URL, settings.get("THEME_STATIC_DIR", "theme") + "/",
    ]
    folders = tuple(f"/{url.partition('{')[0]}" for url in generated if "/" in url.partition("{")[0])
    patterns = settings.get("PAGINATION_PATTERNS", ())
    later = [pattern[1] for pattern in patterns if pattern[0] > 1]
    paginated = later[0].partition("{base_name}/")[2].partition("{")[0] if later else ""
    return body.SitePaths(frozenset(exact), folders, paginated)


def clashes(items: Sequence[Placed], settings: Mapping[str, Any]) -> list[ValidationError]:
    """Items that would overwrite each other or the site's own pages; events sharing a UID."""
    taken = reserved(settings)
    by_file: dict[str, list[tuple[Placed, str]]] = defaultdict(list)  # output file -> (item, address)
    by_uid: dict[str, list[Placed]] = defaultdict(list)
    for item in items:
        by_file[item.save_as].append((item, item.url))
        if item.ics:
            by_file[item.ics].append((item, item.ics))
        if item.uid:
            by_uid[item.uid].append(item)
    errors = []
    for save_as, group in by_file.items():
        # The oldest item keeps the address (it is most likely published): only the others are told.
        keeper = min((item for item, _ in group), key=_age) if save_as not in taken else None
        for item, url in group:
            others = [other for other, _ in group if other is not item]
            if item is keeper:
                continue
            if others:
                names = ", ".join(f"{o.path} (Zeile {o.line})" for o in others)
                clash = f"die hat schon {names}; eine Datei würde die andere überschreiben"
            elif save_as in taken:
                clash = f"unter dieser Adresse steht schon {taken[save_as]}"
            else:
                continue
            fix = (
                f"Geben Sie dieser Datei einen eigenen „slug“, z. B. slug: {item.value}-2."
                if item.field != "save_as"
                else "Geben Sie der Seite ein eigenes „save_as“."
            )
            errors.append(ValidationError(
                f"{quote(item.value)} ergibt die Adresse /{url}, aber {clash}. {fix}",
                field="save_as" if item.field == "save_as" else "slug",
                value=item.value,
            ).at(path=item.path, line=item.line))
    for uid, sharing in by_uid.items():
        for item in sharing:
            others = [o for o in sharing if o is not item]
            if not others:
                continue
            names = ", ".join(f"{o.path} (Zeile {o.uid_line})" for o in others)
            errors.append(ValidationError(
                f"{quote(uid)} ist auch die UID von {names}; Kalender würden die Termine "
                "verwechseln. Jede Veranstaltung braucht eine eigene UID: löschen Sie in der "
                "kopierten Datei die Zeile „uid:“, dann wird eine eigene gebildet.",
                field="event.uid", value=uid,
            ).at(path=item.path, line=item.uid_line))
    return errors


def _age(item: Placed) -> tuple:
    """Sort key: items with an earlier date first, then pages (no date), then by path."""
    date = item.date
    return (date is None, date.timestamp() if date is not None else 0, item.path)


def project_relative(file: Path, content_path: Path) -> str:
    """``content/nachrichten/x.md``: relative to the folder that holds content/."""
    file = Path(file).resolve()
    try:
        return file.relative_to(Path(content_path).resolve().parent).as_posix()
    except ValueError:
        return file.as_posix()
