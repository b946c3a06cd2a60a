"""Atom entries of events begin with when and where (see :mod:`output.feedentry`).

Connected to Pelican's ``feed_generated`` signal, which hands over each feed
before it is written; its entries (``feed.items``, as ``add_item`` stored them)
are matched to the articles by their link.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from ..output.feedentry import entry_html


def add_when_and_where(context, feed) -> None:
    events = {
        article.url: article.event for article in context.get("articles", ()) if getattr(article, "event", None)
    }
    if not events:
        return
    base = urlsplit(context.get("SITEURL", "")).path.rstrip("/") + "/"
    for entry in feed.items:
        path = unquote(urlsplit(entry["link"]).path)
        event = events.get(path[len(base) :]) if path.startswith(base) else None
        if event is None:
            continue
        for key in ("description", "content"):
            if entry.get(key) is not None:
                entry[key] = entry_html(event, entry[key])
