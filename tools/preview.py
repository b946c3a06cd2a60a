"""The live preview behind `invoke serve`: rebuild on save, never show a broken site.

Each rebuild runs Pelican in a separate process (so changed plugin code and
settings count) into a fresh staging folder next to the output folder. Only a
build that succeeded replaces the output, by renaming folders; a failed one
prints the build's own German messages and leaves the last good build in
place, and the server keeps serving it.

What editors see is German, one message per line: Pelican logs with its plain
handler (its default handler draws columns and wraps long lines), its English
"Done: Processed …" summary is replaced by „Vorschau aktualisiert.“, and the
live-reload server's English progress and 404 notes are left out.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

Echo = Callable[[str], None]

FAILED = (
    "Die Vorschau wurde nicht aktualisiert: Die Website ließ sich nicht erzeugen (Meldungen oben). "
    "Sie zeigt weiter den letzten fehlerfreien Stand. Korrigieren und speichern Sie die Datei; "
    "die Vorschau wird dann neu erzeugt."
)
UPDATED = "Vorschau aktualisiert."


def rebuild(
    content: Path,
    output: Path,
    settings: Path,
    *,
    echo: Echo = print,
    environ: Mapping[str, str] | None = None,
) -> bool:
    """Build ``content`` with ``settings``; replace ``output`` only on success.

    Returns whether the output was replaced. Pelican's warnings and errors go
    to this process's stderr as they come, one per line; they are the messages
    `invoke build` prints, without its columns.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-neu-", dir=output.parent))
    try:
        command = [
            sys.executable, "-m", "pelican", str(content),
            "--settings", str(settings),
            "--output", str(staging),
            # Logged errors (a template that failed, say) would leave a half site.
            "--fatal", "errors",
            # One line per message: no time, level and source columns, no wrapping.
            "--log-handler", "plain",
        ]
        # stdout holds only Pelican's English progress ("Done: Processed …"); log
        # messages, and our content errors, go to stderr and pass straight through.
        result = subprocess.run(
            command,
            cwd=settings.parent,
            env=None if environ is None else dict(environ),
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        if result.returncode != 0:
            # Nothing is lost on failure: whatever Pelican said is shown before the summary.
            if result.stdout.strip():
                print(result.stdout.rstrip(), file=sys.stderr, flush=True)
            echo(FAILED)
            return False
        _replace(output, staging)
        echo(UPDATED)
        return True
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def _replace(output: Path, staging: Path) -> None:
    """Put ``staging`` where ``output`` is: two renames, the old folder removed after."""
    if not output.exists():
        os.rename(staging, output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}-alt-", dir=output.parent))
    os.rename(output, retired / output.name)
    os.rename(staging, output)
    shutil.rmtree(retired)


def serve(
    project: Path,
    content: Path,
    output: Path,
    settings: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    """Build, serve ``output`` with live reload, and rebuild on every change."""
    from livereload import Server

    def build() -> None:
        # Flushed at once, so the summary follows the build's messages in any terminal or log.
        rebuild(content, output, settings, echo=lambda message: print(message, flush=True))

    build()
    # livereload logs its progress ("Running task: build …") in English at INFO; its
    # warnings and errors still show. Tornado logs every 404 (a browser probing for a
    # file, an address typed wrong) as an English warning; server errors still show.
    logging.getLogger("livereload").addFilter(lambda record: record.levelno >= logging.WARNING)
    logging.getLogger("tornado.access").addFilter(lambda record: record.levelno >= logging.ERROR)
    server = Server()
    watched = [settings, content / "**" / "*", project / "theme" / "**" / "*", project / "plugins" / "**" / "*.py"]
    for pattern in watched:
        server.watch(str(pattern), build)
    print(f"Vorschau unter http://{host}:{port}/ (beenden mit Strg+C)", file=sys.stderr, flush=True)
    server.serve(host=host, port=port, root=str(output))


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="preview", description="Live preview of the site.")
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--content", type=Path)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--settings", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    project = args.project.resolve()
    serve(
        project,
        (args.content or project / "content").resolve(),
        (args.output or project / "output").resolve(),
        (args.settings or project / "pelicanconf.py").resolve(),
        host=args.host,
        port=args.port,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
