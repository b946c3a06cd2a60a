"""The one Markdown converter the reader uses for every file.

Plain Python-Markdown, no Pelican. Two things differ from ``Markdown(**settings)``:

- Every extension named in ``extension_configs`` is loaded, as Pelican's own
  reader does (Markdown itself loads only ``extensions``), except ``meta``: the
  front matter is ours, and meta would take a first body line such as
  ``Hinweis: ...`` for metadata.
- Both inline passes, Markdown's own and smarty's second one, skip the
  top-level blocks whose text none of their patterns can match: a pattern
  needs a certain character to match at all (a link ``[``, emphasis ``*`` or
  ``_``, smarty a quote, ``--`` or ``...``), and a block without any of them
  cannot change. The pass is Markdown's own ``InlineProcessor``, registered
  in its place through the public Registry API, with only its public ``run``
  extended. Same HTML as Markdown's own passes (tests/test_markdown_setup.py
  compares them on tricky input, the benchmark corpus and generated text).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import InlineProcessor

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
            _skip_idle_blocks(markdown, name, priority)
    return markdown


def needed_characters(pattern_names: Iterable[str]) -> re.Pattern[str] | None:
    """A regex that any text must match for one of these patterns to match it, or None if unknown."""
    needs = [_needs(name) for name in pattern_names]
    known = [need for need in needs if need is not None]
    if not known or len(known) < len(needs):
        return None
    return re.compile("|".join(dict.fromkeys(re.escape(piece) for need in known for piece in need)))


def _needs(name: str) -> tuple[str, ...] | None:
    """The strings of which a text must contain one for the pattern ``name`` to match; None if unknown."""
    return _NEEDS.get(name) or next((v for k, v in _NEEDS_BY_PREFIX.items() if name.startswith(k)), None)


class _SkippingInlinePass(InlineProcessor):
    """Markdown's inline pass, run only on the top-level blocks that some pattern may match."""

    def __init__(self, markdown: Markdown, patterns, needed: re.Pattern[str]) -> None:
        super().__init__(markdown)
        self.inlinePatterns = patterns
        self._needed = needed

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        """The blocks with such text are processed together, in their order, as the
        children of a stand-in root, then put back where they were. InlineProcessor
        never looks above a block's children, and one run over all of them keeps
        the order in which Markdown meets them (footnote back-references count
        in that order: ``fnref``, ``fnref2``)."""
        touched = [(index, block) for index, block in enumerate(tree) if self._touches(block)]
        if not touched:
            return tree
        holder = etree.Element(tree.tag)
        for _, block in touched:
            tree.remove(block)
            holder.append(block)
        super().run(holder, ancestors)
        # Put each block back with whatever the pass placed after it (text in a
        # block's tail can become new siblings); ascending, so indexes still hold.
        originals = {id(block) for _, block in touched}
        groups: list[list[etree.Element]] = []
        for child in holder:
            if id(child) in originals or not groups:
                groups.append([])
            groups[-1].append(child)
        shift = 0
        for (index, _), group in zip(touched, groups, strict=True):
            for offset, child in enumerate(group):
                tree.insert(index + shift + offset, child)
            shift += len(group) - 1
        return tree

    def _touches(self, block: etree.Element) -> bool:
        return any(
            text and self._needed.search(text) for element in block.iter() for text in (element.text, element.tail)
        )


def pattern_names(registry) -> list[str] | None:
    """The names of all patterns in ``registry``, or None if one is not in our table."""
    candidates = [*_NEEDS, *(f"{prefix}{index}" for prefix in _NEEDS_BY_PREFIX for index in range(len(registry)))]
    names = [name for name in candidates if name in registry]
    return names if len(names) == len(registry) else None


def _skip_idle_blocks(markdown: Markdown, name: str, priority: int) -> None:
    """Replace the pass ``name`` by the skipping one if all its patterns are known."""
    patterns = markdown.treeprocessors[name].inlinePatterns
    names = pattern_names(patterns)
    needed = needed_characters(names) if names is not None else None
    if needed is not None:  # else another Markdown version or extension: its own pass, unchanged
        markdown.treeprocessors.register(_SkippingInlinePass(markdown, patterns, needed), name, priority)
