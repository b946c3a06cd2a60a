"""The ``invoke check`` command line: read the project's settings, check all content, print the result.

The rules themselves are in :mod:`content.crossfile` (shared with the build); this module
only reads settings as Pelican does, runs them and prints one German line per
problem, or JSON for tools.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import settings as plugin_settings
from .content import sources
from .content.crossfile import check_all

PROJECT = Path(__file__).resolve().parents[2]


def load_settings(settings_file: Path, content_path: Path | None = None) -> dict[str, Any]:
    """The project's settings, read as Pelican reads them, without running Pelican."""
    from pelican.settings import read_settings  # only the command line needs Pelican

    override = {"PATH": str(content_path)} if content_path else None
    # Its warnings concern publishing (feed URLs and the like), not the content.
    settings_logger = logging.getLogger("pelican.settings")
    level = settings_logger.level
    settings_logger.setLevel(logging.ERROR)
    try:
        return dict(plugin_settings.merge(read_settings(str(settings_file), override=override)))
    finally:
        settings_logger.setLevel(level)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m qlee.cli [--format text|json] [--settings FILE] [--path DIR]``.

    Returns 0 when all content is valid, 1 when there are errors.
    """
    parser = argparse.ArgumentParser(prog="invoke check", description="Prüft alle Inhalte, ohne die Website zu erzeugen.")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="Ausgabeformat")
    parser.add_argument("--settings", type=Path, default=PROJECT / "pelicanconf.py", help="Einstellungsdatei")
    parser.add_argument("--path", type=Path, default=None, help="Inhaltsordner (Vorgabe: PATH der Einstellungen)")
    args = parser.parse_args(argv)
    settings = load_settings(args.settings, args.path)
    content_path = Path(settings["PATH"])
    report = check_all(content_path, settings)
    errors = report.errors
    count = sources.scan(content_path, settings).count
    if args.format == "json":
        notices = [notice.as_dict() for notice in report.notices]
        found = {"files": count, "errors": [e.as_dict() for e in errors], "notices": notices}
        json.dump(found, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for error in errors:
            print(error)
        for notice in report.notices:
            print(notice)
        if errors:
            files = len({e.path for e in errors})
            print(f"{len(errors)} Fehler in {files} von {count} Dateien.", file=sys.stderr)
        else:
            everything = "Die Datei ist" if count == 1 else f"Alle {count} Dateien sind"
            print(f"{everything} in Ordnung.", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
