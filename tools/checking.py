"""Validate content without building, for publish and the pre-commit hook.

A thin layer over the plugin's ``invoke check`` (``qlee.cli``), so that
editors see exactly the messages the build prints, with one addition: a list
of files to report on. The whole content folder is always checked, because
some problems only show across files (two items with the same address or the
same event UID); the report is then limited to the files asked about.

    .venv/bin/python -m tools.checking content/nachrichten/neu.md ...
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


def check_files(project: Path, files: Iterable[Path] | None = None) -> list[str]:
    """One line per problem, in file order: all content, or only ``files`` when given."""
    plugins_importable()
    from qlee import cli
    from qlee.content import crossfile

    project = project.resolve()
    settings = cli.load_settings(project / "pelicanconf.py")
    errors = crossfile.check_content(Path(settings["PATH"]), settings)
    if files is not None:
        wanted = {_shown(project, Path(file)) for file in files}
        errors = [error for error in errors if error.path in wanted]
    return [str(error) for error in errors]


def _shown(project: Path, file: Path) -> str:
    """The path as the checker names it: ``content/nachrichten/x.md``."""
    path = file if file.is_absolute() else Path.cwd() / file
    return path.resolve().relative_to(project).as_posix()


def main(argv: list[str] | None = None) -> int:
    """Check the given content files (all content without arguments); exit 1 on errors.

    ``--staged``: the content as git's index holds it, and what the commit deletes (the hook).
    """
    arguments = sys.argv[1:] if argv is None else argv
    if arguments == ["--staged"]:
        from .staged import check_staged

        messages = check_staged(PROJECT)
    else:
        messages = check_files(PROJECT, [Path(name) for name in arguments] or None)
    for message in messages:
        print(message)
    if messages:
        print(
            f"{len(messages)} Fehler. Korrigieren Sie die genannten Zeilen und speichern Sie erneut.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
