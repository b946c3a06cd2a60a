"""Validate content files without building, for publish and the pre-commit hook.

A thin layer over the plugin's own validation, so that editors see exactly
the messages the build prints.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def plugins_importable() -> None:
    """Make the plugin package `qlee` importable (it lives in plugins/, not on sys.path)."""
    plugins = str(PROJECT / "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)


def check_files(project: Path, files: Iterable[Path]) -> list[str]:
    """One line per problem in ``files`` (paths under ``project/content``), in file order."""
    plugins_importable()
    from pelican.settings import read_settings
    from qlee import fields, frontmatter
    from qlee.errors import ValidationError

    project = project.resolve()
    settings = read_settings(str(project / "pelicanconf.py"))
    content = Path(settings["PATH"]).resolve()
    messages: list[str] = []
    for path in sorted(Path(f).resolve() for f in files):
        relative = path.relative_to(project).as_posix()
        source = path.relative_to(content)
        is_page = source.parts[0] in settings["PAGE_PATHS"]
        try:
            matter = frontmatter.split(path.read_text(encoding="utf-8"))
            _, errors = fields.item_metadata(
                matter, source=source.as_posix(), is_page=is_page, settings=settings
            )
        except ValidationError as error:
            errors = [error]
        messages += [str(error.at(path=relative)) for error in errors]
    return messages
