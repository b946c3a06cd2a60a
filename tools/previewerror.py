"""The preview's notice in the browser while the last rebuild failed: file, line and fix, on every page.

The preview keeps the last good build on show (tools/preview.py). So that the
editor does not take it for the new state, every HTML page of it then carries
a banner at the top with the build's messages, until a rebuild succeeds and
replaces the whole folder. Without any good build yet, the folder holds one
page with the messages. Only the preview writes this; nothing is published.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

START, END = "<!-- vorschau-fehler -->", "<!-- /vorschau-fehler -->"
_OLD = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
_BODY = re.compile(r"<body[^>]*>", re.I)
# A content message: "content/nachrichten/x.md:7: field: text".
_MESSAGE = re.compile(r"^\S+\.\w+:\d+: ")
TITLE = "Die Vorschau zeigt nicht den neuesten Stand"
LEAD = (
    "Beim letzten Speichern ließ sich die Website nicht erzeugen; zu sehen ist der letzte "
    "fehlerfreie Stand. Korrigieren Sie die genannte Stelle und speichern Sie die Datei, dann "
    "verschwindet dieser Hinweis."
)
# Inline, so that it shows whatever the theme's styles do; high contrast, above everything.
_STYLE = (
    "position:relative;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#fff4ce;"
    "color:#1a1a1a;border-bottom:4px solid #b00020;font:16px/1.5 system-ui,sans-serif"
)


def messages(stderr: str) -> list[str]:
    """The lines of the build's output that name a file and line; all of it if none do."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    named = [line for line in lines if _MESSAGE.match(line) and ": Hinweis:" not in line]
    return named or lines[-10:]


def banner(found: list[str]) -> str:
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in found)
    return (
        f'{START}<div role="alert" id="vorschau-fehler" style="{_STYLE}">'
        f'<p style="margin:0 0 .5rem;font-weight:700">{TITLE}</p><p style="margin:0 0 .5rem">{LEAD}</p>'
        f'<ul style="margin:0;padding-left:1.25rem;white-space:pre-wrap;overflow-wrap:anywhere">{items}</ul>'
        f"</div>{END}"
    )


def mark(output: Path, found: list[str]) -> None:
    """Put the banner with ``found`` on every HTML page under ``output`` (replacing an older one)."""
    shown = banner(found)
    pages = list(output.rglob("*.html")) if output.is_dir() else []
    if not pages:
        output.mkdir(parents=True, exist_ok=True)
        (output / "index.html").write_text(
            f'<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"><title>{TITLE}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"</head><body>{shown}</body></html>\n",
            encoding="utf-8",
        )
        return
    for page in pages:
        text = _OLD.sub("", page.read_text(encoding="utf-8"))
        body = _BODY.search(text)
        at = body.end() if body else 0
        page.write_text(text[:at] + shown + text[at:], encoding="utf-8")
