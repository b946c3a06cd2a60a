"""The one Markdown converter the reader uses for every file.

Plain Python-Markdown, no Pelican. Three things differ from ``Markdown(**settings)``:

- Every extension named in ``extension_configs`` is loaded, as Pelican's own
  reader does (Markdown itself loads only ``extensions``), except ``meta``: the
  front matter is ours, and meta would take a first body line such as
  ``Hinweis: ...`` for metadata.
- Both inline passes, Markdown's own and smarty's second one, leave alone the
  text that none of their patterns can match: a pattern needs a certain
  character to match at all (a link ``[``, emphasis ``*`` or ``_``, smarty a
  quote, ``--`` or ``...``), and text without any of them cannot change. Only
  top-level blocks with such text are walked, and in a piece of text only the
  patterns whose character occurs in it are tried. Same HTML as Markdown's own
  passes (tests/test_markdown_setup.py compares them on tricky input, the
  benchmark corpus and generated text); per 1,000 benchmark articles the
  conversion drops from about 6.9 s to 2.4 s CPU.
- Both passes read their patterns from a sorted tuple, not from a Registry.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

META = "markdown.extensions.meta"
# What each inline pattern (by its registered name) needs in a piece of text to
# match at all: one of these strings. A pass whose patterns are all listed here
# can leave text without any of them alone; one with a pattern not listed here
# (another Markdown version or extension) runs as Markdown ships it.
_NEEDS: dict[str, tuple[str, ...]] = {
    # Markdown's own inline patterns (markdown/inlinepatterns.py) and extra's footnotes.
    "backtick": ("`",),
    "escape": ("\\",),
    "footnote": ("[",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "html": ("<",),
    "linebreak": ("  \n",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "not_strong": ("*", "_"),
    # smarty (markdown/extensions/smarty.py)
    "smarty-ellipses": ("...",),
    "smarty-em-dashes": ("--",),
    "smarty-en-dashes": ("--",),
    "smarty-left-angle-quotes": ("<<",),
    "smarty-right-angle-quotes": (">>",),
}
_NEEDS_BY_PREFIX = {"smarty-quotes-": ("'", '"')}


def converter(config: Mapping[str, Any]) -> Markdown:
    """A Markdown instance for Pelican's ``MARKDOWN`` setting; call ``reset()`` between files."""
    options = dict(config)
    named = [*options.get("extensions", ()), *options.get("extension_configs", {})]
    options["extensions"] = [name for name in dict.fromkeys(named) if name != META]
    markdown = Markdown(**options)
    # Same names and priorities as Markdown's and smarty's own registrations.
    for name, priority in (("inline", 20), ("smarty", 6)):
        if name in markdown.treeprocessors:
            _skip_idle_text(markdown, name, priority)
    return markdown


def needed_characters(pattern_names: Iterable[str]) -> re.Pattern[str] | None:
    """A regex that any text must match for one of these patterns to match it, or None if unknown."""
    needs = [_needs(name) for name in pattern_names]
    if not needs or None in needs:
        return None
    return re.compile("|".join(dict.fromkeys(re.escape(piece) for need in needs for piece in need)))


def _needs(name: str) -> tuple[str, ...] | None:
    """The strings of which a text must contain one for the pattern ``name`` to match; None if unknown."""
    return _NEEDS.get(name) or next((v for k, v in _NEEDS_BY_PREFIX.items() if name.startswith(k)), None)


class _SkippingInlinePass(InlineProcessor):
    """An inline pass that leaves alone the text none of its patterns can match."""

    def __init__(
        self, markdown: Markdown, patterns: tuple, needs: tuple[tuple[str, ...], ...], needed: re.Pattern[str]
    ) -> None:
        super().__init__(markdown)
        self.inlinePatterns = patterns
        self._needed = needed
        # Per pattern, in the order of ``patterns``: the strings of which a text
        # must contain one ("in" is much cheaper than a regex search).
        self._needs = needs

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        """Walk only the top-level blocks with text that some pattern may match.

        Walking every piece of text costs as much as the patterns themselves
        (28,000 pieces in the main pass, 85,000 in smarty's per 1,000
        articles; a quarter and 6 % of them could match). Each such block is
        processed on its own, as the only child of a stand-in root:
        InlineProcessor never looks above a block's children.
        """
        for block in list(tree):
            if not self._touches(block):
                continue
            index = list(tree).index(block)
            tree.remove(block)
            holder = etree.Element(tree.tag)
            holder.append(block)
            super().run(holder, ancestors)
            for offset, child in enumerate(list(holder)):
                tree.insert(index + offset, child)
        return tree

    def _touches(self, block: etree.Element) -> bool:
        return any(
            text and self._needed.search(text) for element in block.iter() for text in (element.text, element.tail)
        )

    # InlineProcessor calls its private __handleInline for each piece of text
    # (and again for the text around and inside a match). This is its loop,
    # markdown/treeprocessors.py of Markdown 3.11, with one addition: a pattern
    # whose character is not in the text is passed over as if it had not
    # matched. Trying it would cost a Python call and a regex search each
    # time: some 220,000 per 1,000 articles, most of them in vain.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, AtomicString) or not self._needed.search(data):
            return data
        apply = self._InlineProcessor__applyPattern
        patterns, needs = self.inlinePatterns, self._needs
        start = 0
        while patternIndex < len(patterns):
            if start == 0 and not any(map(data.__contains__, needs[patternIndex])):
                patternIndex += 1
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def _skip_idle_text(markdown: Markdown, name: str, priority: int) -> None:
    registry = markdown.treeprocessors[name].inlinePatterns
    # A sorted tuple: indexing the Registry re-checks its sort order each time
    # (~600,000 times per 1,000 articles); all extensions are registered by now.
    patterns = tuple(registry)
    # Registry._priority is sorted like iterating the Registry (highest priority first).
    names = [item.name for item in registry._priority]
    needed = needed_characters(names)
    if needed is None:
        markdown.treeprocessors[name].inlinePatterns = patterns
        return
    needs = tuple(_needs(pattern) for pattern in names)
    markdown.treeprocessors.register(_SkippingInlinePass(markdown, patterns, needs, needed), name, priority)
