"""The item's HTML through an allowlist sanitizer: defence in depth behind body.py.

body.py refuses scripts, event handlers, script addresses and active
elements with a message for the editor; this strips whatever might still get
through (a gap in that check, or a build that skips it) before the HTML
reaches the page and the feed. ``nh3`` (ammonia) parses as browsers do.

nh3 writes its own serialization (``&bdquo;`` becomes „), so its output is
used only when it removed something; otherwise the HTML stays as Markdown
wrote it, byte for byte. "Removed something" compares the two with their
character references resolved, and where that differs, as ``html.parser``
reads them: tags, attributes, text and comments.
Pure: no Pelican import.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

# What Markdown (extra, toc, smarty) makes and what editors write by hand.
TAGS = frozenset(nh3.ALLOWED_TAGS) | {
    "audio", "video", "source", "track", "picture", "iframe", "section", "main", "tfoot",
}
_GENERIC = {"id", "class", "title", "lang", "dir", "style", "role", "aria-label", "aria-hidden", "hidden"}
_MEDIA = {"src", "width", "height", "controls", "preload", "muted", "loop", "poster"}
ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": _GENERIC,
    "a": {"href", "hreflang", "rel", "target", "name", "download", "type"},
    "img": {"src", "alt", "width", "height", "loading", "srcset", "sizes", "decoding", "align"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy", "frameborder"},
    "audio": _MEDIA,
    "video": _MEDIA,
    "source": {"src", "srcset", "sizes", "type", "media"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "ol": {"start", "reversed", "type"},
    "details": {"open"},
}
# data: only where it is an image (as body.py allows it).
_SCHEMES = frozenset(nh3.ALLOWED_URL_SCHEMES) | {"data"}
_DATA_IMAGE = {("img", "src"), ("img", "srcset"), ("source", "srcset")}


def clean(markup: str) -> str:
    """``markup`` without anything that could run a script; unchanged if there was nothing."""
    cleaned = nh3.clean(
        markup,
        tags=set(TAGS),
        attributes=ATTRIBUTES,
        attribute_filter=_data_only_in_images,
        url_schemes=set(_SCHEMES),
        link_rel=None,  # Markdown's links have no rel today, and target is rare
        strip_comments=False,
    )
    if _plain(cleaned) == _plain(markup) or _Tokens.of(cleaned) == _Tokens.of(markup):
        return markup
    return cleaned


def _plain(markup: str) -> str:
    """``markup`` with character references resolved, except those that stand for ``<``, ``>``, ``&``.

    Equal results mean equal tags, attributes and text: the cheap test, enough for
    almost every item (nh3 differs from Markdown only in how it writes characters).
    The escapes of ``<``, ``>`` and ``&`` are kept apart, so that resolving them can
    never make text look like a tag.
    """
    kept = markup.replace("&lt;", "\x00lt").replace("&gt;", "\x00gt").replace("&amp;", "\x00amp")
    return html.unescape(kept)


def _data_only_in_images(tag: str, attribute: str, value: str) -> str | None:
    if (tag, attribute) not in _DATA_IMAGE and re.sub(r"[\x00-\x20]+", "", value).lower().startswith("data:"):
        return None
    return value


class _Tokens(HTMLParser):
    """What a document is made of, as ``html.parser`` reads it: serialization aside."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    @classmethod
    def of(cls, markup: str) -> list[tuple]:
        reader = cls()
        reader.feed(markup)
        reader.close()
        return reader.tokens

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(sorted((name, value or "") for name, value in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "data":
            self.tokens[-1] = ("data", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("data", data))

    def handle_comment(self, data):
        self.tokens.append(("comment", data))

    def unknown_decl(self, data):
        self.tokens.append(("decl", data))
