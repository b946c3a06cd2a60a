"""The one Markdown converter the reader uses for every file.

Plain Python-Markdown, no Pelican. Three things differ from ``Markdown(**settings)``:

- Every extension named in ``extension_configs`` is loaded, as Pelican's own
  reader does (Markdown itself loads only ``extensions``), except ``meta``: the
  front matter is ours, and meta would take a first body line such as
  ``Hinweis: ...`` for metadata.
- smarty's extra inline pass skips text in which none of its patterns can
  match. smarty walks the whole tree a second time and tries its ~20
  patterns on every piece of text; text without a quote, ``--`` or ``...``
  cannot change, so the output is the same (tests/test_markdown_setup.py
  compares it with smarty's own pass), and only top-level blocks that hold
  such a character are walked at all. On the benchmark corpus smarty's cost
  drops from about 3 s to 0.75 s CPU per 1,000 articles.
- Both inline passes read their patterns from a tuple instead of a Registry
  (about 9 % of the conversion time, same output).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import InlineProcessor

META = "markdown.extensions.meta"
# What smarty's patterns need to match: quotes, dashes, ellipses (angled quotes: << and >>).
_SMARTY_TEXT = re.compile(r"""['"]|--|\.\.\.""")
_SMARTY_TEXT_ANGLED = re.compile(r"""['"]|--|\.\.\.|<<|>>""")


def converter(config: Mapping[str, Any]) -> Markdown:
    """A Markdown instance for Pelican's ``MARKDOWN`` setting; call ``reset()`` between files."""
    options = dict(config)
    named = [*options.get("extensions", ()), *options.get("extension_configs", {})]
    options["extensions"] = [name for name in dict.fromkeys(named) if name != META]
    markdown = Markdown(**options)
    if "smarty" in markdown.treeprocessors:
        _skip_idle_smarty(markdown)
    # The inline passes index their pattern Registry once per pattern and piece
    # of text (~600,000 times per 1,000 articles), and Registry indexing
    # re-checks its sort order each time. All extensions are registered by
    # now, so a sorted tuple holds the same patterns in the same order.
    for name in ("inline", "smarty"):
        if name in markdown.treeprocessors:
            processor = markdown.treeprocessors[name]
            processor.inlinePatterns = tuple(processor.inlinePatterns)
    return markdown


class _SmartyPass(InlineProcessor):
    """smarty's inline pass, returning text untouched where no smarty pattern can match."""

    def __init__(self, markdown: Markdown, patterns, needed: re.Pattern[str]) -> None:
        super().__init__(markdown)
        self.inlinePatterns = patterns
        self._needed = needed

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        """Walk only the top-level blocks that hold a quote, dash or ellipsis.

        Walking every piece of text costs more than the patterns themselves
        (85,000 pieces per 1,000 articles, 6 % of them with such a character).
        Each such block is processed on its own, as the only child of a
        stand-in root; InlineProcessor never looks above a block's children.
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
    # (and itself again, with a later patternIndex, after a match).
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if patternIndex == 0 and not self._needed.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


def _skip_idle_smarty(markdown: Markdown) -> None:
    original = markdown.treeprocessors["smarty"]
    angled = "smarty-left-angle-quotes" in original.inlinePatterns
    needed = _SMARTY_TEXT_ANGLED if angled else _SMARTY_TEXT
    # Same name and priority as smarty's own registration (markdown/extensions/smarty.py).
    markdown.treeprocessors.register(_SmartyPass(markdown, original.inlinePatterns, needed), "smarty", 6)
