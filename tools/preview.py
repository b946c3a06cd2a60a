"""The live preview behind `invoke serve`: rebuild on save, never show a broken site.

Each rebuild runs Pelican in a separate process (so changed plugin code and
settings count) into a fresh staging folder next to the output folder. Only a
build that succeeded replaces the output, by renaming folders; a failed one
prints the build's own German messages and leaves the last good build in
place, and the server keeps serving it, with the messages in a banner on
every page until a rebuild succeeds (tools/previewerror.py).

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

from . import previewerror

Echo = Callable[[str], None]

FAILED = (
    "Die Vorschau wurde nicht aktualisiert: Die Website ließ sich nicht erzeugen (Meldungen oben). "
    "Sie zeigt weiter den letzten fehlerfreien Stand, oben mit diesen Meldungen. Korrigieren und "
    "speichern Sie die Datei; die Vorschau wird dann neu erzeugt."
)
BUSY = (
    "Die Vorschau kann nicht starten: Die Adresse {host}:{port} ist schon belegt (läuft die Vorschau "
    "schon in einem anderen Fenster?). Beenden Sie das andere Programm oder wählen Sie eine andere Nummer, "
    "z. B. python3 run.py serve --port {other}"
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
            # No search index: the preview is for reading one's own page, and Pagefind
            # over every page would cost seconds per save (/suche/ finds nothing here).
            "--extra-settings", "QLEE_SEARCH_INDEX=false",
        ]
        # stdout holds only Pelican's English progress ("Done: Processed …"); log
        # messages, and our content errors, go to stderr and pass straight through.
        result = subprocess.run(
            command,
            cwd=settings.parent,
            env=None if environ is None else dict(environ),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        # Kept to show in the browser too; printed as it came.
        sys.stderr.write(result.stderr)
        sys.stderr.flush()
        if result.returncode != 0:
            # Nothing is lost on failure: whatever Pelican said is shown before the summary.
            if result.stdout.strip():
                print(result.stdout.rstrip(), file=sys.stderr, flush=True)
            previewerror.mark(output, previewerror.messages(result.stderr + result.stdout))
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

    if not port_free(host, port):  # before building: a taken port is said in one line, at once
        raise PortBusy(BUSY.format(host=host, port=port, other=port + 1))

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


class PortBusy(Exception):
    """The preview's port is taken; the message is for editors."""

    exitcode = 1


def port_free(host: str, port: int) -> bool:
    """Whether a server could listen on ``host``:``port`` now (as tornado binds it)."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


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
    try:
        run_preview(args, project)
    except PortBusy as error:
        print(error, file=sys.stderr)
        return error.exitcode
    return 0


def run_preview(args, project: Path) -> None:
    serve(
        project,
        (args.content or project / "content").resolve(),
        (args.output or project / "output").resolve(),
        (args.settings or project / "pelicanconf.py").resolve(),
        host=args.host,
        port=args.port,
    )


if __name__ == "__main__":
    sys.exit(main())
