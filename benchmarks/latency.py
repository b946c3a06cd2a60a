"""Preview latency: from saving a content file to the reload `invoke serve` sends the browser.

The preview (tools/preview.py) runs as `invoke serve` runs it, on a loopback
port. A livereload client connects over its WebSocket as the browser's
livereload.js does (``hello``, then ``info``). Each measurement appends a
sentence to one article and stops the clock when the server sends
``reload``: livereload sends it once the rebuild has replaced the served
folder, so it is the moment the browser fetches the new page. That the page
served then holds the new sentence is checked (not timed). The figure includes
livereload's polling (every 0.8 s), the rebuild in a new interpreter and the
swap of folders: what an editor waits for.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parents[1]
# livereload sends no reload within 3 s of the previous one (handlers.DEFAULT_RELOAD_TIME).
QUIET = 3.5


class LatencyError(RuntimeError):
    """The preview did not start, or a save did not lead to the reloaded page."""


def measure(content: Path, touch: Path, workdir: Path, *, saves: int, env: dict[str, str]) -> list[float]:
    """Seconds from each of ``saves`` edits of ``touch`` (a file in ``content``) to the reload."""
    copy = workdir / "content"
    shutil.copytree(content, copy)
    edited = copy / touch.relative_to(content)
    output = workdir / "output"
    port = _free_port()
    command = [sys.executable, "-m", "tools.preview", "--project", str(ROOT), "--content", str(copy),
               "--output", str(output), "--port", str(port)]
    log = workdir / "serve.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        # A thread of its own, so that an event loop already running in the caller does not matter.
        with ThreadPoolExecutor(1) as thread:
            return thread.submit(lambda: asyncio.run(_saves(port, edited, output, saves, server, log))).result()
    finally:
        server.terminate()
        server.wait(timeout=30)


async def _saves(port: int, edited: Path, output: Path, saves: int, server: subprocess.Popen, log: Path) -> list[float]:
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while _get(base) is None:  # the first build is done when the server answers
        if server.poll() is not None or time.monotonic() > deadline:
            raise LatencyError(f"the preview did not start (see {log})")
        await asyncio.sleep(0.1)
    messages: asyncio.Queue = asyncio.Queue()
    socket_ = await websocket_connect(f"ws://127.0.0.1:{port}/livereload", on_message_callback=messages.put_nowait)
    await socket_.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    await socket_.write_message(json.dumps({"command": "info", "url": base}))
    seconds = []
    for number in range(1, saves + 1):
        await _quiet(messages)
        marker = f"Messpunkt{number}x{os.getpid()}"
        with edited.open("a", encoding="utf-8") as handle:
            handle.write(f"\n\n{marker}.\n")
        start = time.perf_counter()
        await _reload(messages, log)
        seconds.append(time.perf_counter() - start)
        _check_served(base, output, marker, log)
    socket_.close()
    return seconds


async def _quiet(messages: asyncio.Queue) -> None:
    """Wait until livereload has sent nothing for QUIET seconds (the hello, the reload after start-up)."""
    while True:
        try:
            await asyncio.wait_for(messages.get(), timeout=QUIET)
        except TimeoutError:
            return


async def _reload(messages: asyncio.Queue, log: Path) -> None:
    while True:
        message = await asyncio.wait_for(messages.get(), timeout=300)
        if message is None:
            raise LatencyError(f"the preview closed the connection (see {log})")
        if json.loads(message).get("command") == "reload":
            return


def _check_served(base: str, output: Path, marker: str, log: Path) -> None:
    pages = [page for page in output.rglob("index.html") if marker in page.read_text(encoding="utf-8")]
    if not pages:
        raise LatencyError(f"reloaded, but no page holds the edit (see {log})")
    served = _get(base + pages[0].parent.relative_to(output).as_posix() + "/")
    if served is None or marker not in served:
        raise LatencyError(f"reloaded, but the server does not serve the edit (see {log})")


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
