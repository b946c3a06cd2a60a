"""The form editor behind `invoke edit`: the live preview plus Decap CMS, all on 127.0.0.1.

Three servers, started and stopped together:

- the live preview (:mod:`tools.preview`) at ``http://127.0.0.1:8000/``;
- the form editor at ``http://127.0.0.1:8001/admin/``: Decap CMS from
  node_modules/decap-cms/dist (never part of the built site), its
  configuration admin/config.yml (generated from the field description,
  ``invoke schema``), admin/qlee-cms.js, and ``POST /admin/pruefen``, which
  checks an entry with our validator before Decap saves it;
- decap-server, Decap's local backend, on port 8081: it writes the Markdown
  files into content/ of the working copy (no git commits; editors commit as
  before).

Nothing is requested from any other site: Decap's German texts are in its bundle.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

PROJECT = Path(__file__).resolve().parent.parent
ADMIN = PROJECT / "admin"
DECAP_DIST = PROJECT / "node_modules" / "decap-cms" / "dist"
DECAP_SERVER = PROJECT / "node_modules" / "decap-server" / "dist" / "index.js"
HOST = "127.0.0.1"
BACKEND_URL = "http://127.0.0.1:{port}/api/v1"  # as in admin/config.yml, with this run's port
MODIFIED_FORMAT = "%d.%m.%Y %H:%M"

BUSY = (
    "Der Port {port} ist schon belegt. Läuft die Vorschau oder der Editor schon? "
    "Beenden Sie das andere Programm (Strg+C)."
)
NO_NODE = "Für den Editor fehlt Node.js. Installieren Sie es (Debian: apt-get install nodejs) und starten Sie erneut."
NO_DECAP = "Für den Editor fehlen die Node-Pakete. Starten Sie ihn mit „python3 run.py edit“, das installiert sie."
STARTED = "Editor unter http://{host}:{port}/admin/ (beenden mit Strg+C)"


@dataclasses.dataclass(frozen=True)
class Checked:
    """The answer to one entry: the messages (none: it may be saved) and the new ``modified``."""

    messages: tuple[str, ...]
    modified: str | None


def as_markdown(data: Mapping[str, Any], body: str) -> str:
    """The file Decap would write, near enough for the checks: YAML front matter, then the body."""
    front = yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=10_000) if data else ""
    return f"---\n{front}---\n{body}"


def modified_now(data: Mapping[str, Any], now: dt.datetime, settings: Mapping[str, Any]) -> str | None:
    """``modified`` for a changed entry: now in the site's zone, unless ``date`` is later (planned)."""
    from qlee.content import fieldspec
    from qlee.errors import ValidationError

    local = now.astimezone(ZoneInfo(settings["TIMEZONE"]))
    try:
        date = fieldspec.Dates.from_settings(settings).moment(str(data.get("date", "")), example="")
    except ValidationError:
        date = None  # the check says what is wrong with it
    return None if date is not None and date > local else local.strftime(MODIFIED_FORMAT)


def check_entry(
    payload: Mapping[str, Any], content: Path, settings: Mapping[str, Any], now: dt.datetime
) -> Checked:
    """Check an entry of the form editor as ``invoke check`` checks a file; set ``modified`` on a change.

    ``payload``: ``collection`` (the folder under content/), ``slug`` (the
    file's name, empty for a new entry), ``newRecord``, ``data`` (the front
    matter, empty values removed) and ``body``.
    """
    from qlee.content import crossfile

    data = dict(payload.get("data") or {})
    modified = None if payload.get("newRecord") else modified_now(data, now, settings)
    if modified is not None:
        data["modified"] = modified
    source = f"{payload['collection']}/{payload.get('slug') or 'neu'}.md"
    errors = crossfile.check_text(content, source, as_markdown(data, str(payload.get("body") or "")), settings)
    messages = tuple(f"{error.field}: {error.message}" if error.field else error.message for error in errors)
    return Checked(messages, modified)


class AdminHandler(SimpleHTTPRequestHandler):
    """/admin/: our page, its script and configuration, Decap's bundle; POST /admin/pruefen checks an entry."""

    content: Path
    settings: Mapping[str, Any]
    backend_port: int

    def translate_path(self, path: str) -> str:
        name = path.split("?", 1)[0].split("#", 1)[0].removeprefix("/admin/")
        if name in ("", "index.html", "qlee-cms.js"):
            return str(ADMIN / (name or "index.html"))
        if "/" not in name and not name.startswith(".") and (DECAP_DIST / name).is_file():
            return str(DECAP_DIST / name)
        return str(ADMIN / ".nicht-vorhanden")

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == "/admin/config.yml":
            # The committed configuration; only the local backend's port is this run's.
            text = (ADMIN / "config.yml").read_text(encoding="utf-8")
            text = text.replace(BACKEND_URL.format(port=8081), BACKEND_URL.format(port=self.backend_port))
            self._send(HTTPStatus.OK, text.encode(), "text/yaml; charset=utf-8")
            return
        if self.path == "/admin":
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", "/admin/")
            self.end_headers()
            return
        super().do_GET()

    def do_POST(self) -> None:
        if self.path != "/admin/pruefen":
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length) or b"{}")
        checked = check_entry(payload, self.content, self.settings, dt.datetime.now(dt.UTC))
        status = HTTPStatus.UNPROCESSABLE_ENTITY if checked.messages else HTTPStatus.OK
        # Decap shows "message" after its own „Beitrag speichern fehlgeschlagen:“.
        answer = {"messages": list(checked.messages), "modified": checked.modified}
        answer["message"] = " ".join(checked.messages)
        self._send(status, json.dumps(answer, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the preview's German lines stay readable


def port_free(port: int, host: str = HOST) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


@contextlib.contextmanager
def admin_server(content: Path, settings: Mapping[str, Any], port: int, backend_port: int) -> Iterator[int]:
    """Serve /admin/ from a thread; yields the port."""
    handler = type("Handler", (AdminHandler,), {"content": content, "settings": settings, "backend_port": backend_port})
    server = ThreadingHTTPServer((HOST, port), functools.partial(handler, directory=str(ADMIN)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def decap_server(root: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """decap-server writing into ``root`` (the folder that holds content/), stopped on exit."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit(NO_NODE)
    if not DECAP_SERVER.is_file() or not DECAP_DIST.is_dir():
        raise SystemExit(NO_DECAP)
    env = {**os.environ, "PORT": str(port), "BIND_HOST": HOST, "MODE": "fs", "GIT_REPO_DIRECTORY": str(root),
           "LOG_LEVEL": "warn"}  # fmt: skip
    # Its working folder is ``root``; it reads no .env there that could change it (dotenv reads cwd).
    process = subprocess.Popen([node, str(DECAP_SERVER)], cwd=str(root), env=env)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    import argparse

    from tools import preview

    parser = argparse.ArgumentParser(prog="edit", description="Live preview and form editor.")
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--output", type=Path, default=PROJECT / "output")
    parser.add_argument("--settings", type=Path, default=PROJECT / "pelicanconf.py")
    parser.add_argument("--port", type=int, default=8000, help="preview")
    parser.add_argument("--admin-port", type=int, default=8001, help="form editor (/admin/)")
    parser.add_argument("--backend-port", type=int, default=8081, help="decap-server")
    args = parser.parse_args(argv)
    for port in (args.port, args.admin_port, args.backend_port):
        if not port_free(port):
            print(BUSY.format(port=port), file=sys.stderr)
            return 1
    sys.path.insert(0, str(PROJECT / "plugins"))
    from qlee import cli

    # Stopped with SIGTERM (not Ctrl-C), leave as for Ctrl-C: decap-server is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    content = args.content.resolve()
    settings = cli.load_settings(args.settings.resolve(), content)
    with decap_server(content.parent, args.backend_port), admin_server(
        content, settings, args.admin_port, args.backend_port
    ) as admin_port:
        print(STARTED.format(host=HOST, port=admin_port), file=sys.stderr, flush=True)
        preview.serve(PROJECT, content, args.output.resolve(), args.settings.resolve(), host=HOST, port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
