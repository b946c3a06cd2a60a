"""Soft hyphens in long German words, for titles set large (``{{ title|trennbar }}``).

A 28 px title on a 375 px phone holds about 20 letters a line; German compounds
("Wasserstoffanwendungen") are longer. Browsers hyphenate with ``hyphens: auto``
only where they have a German dictionary (not every Chromium has one) and break
such a word anywhere otherwise. Soft hyphens (U+00AD) from Pyphen's German
patterns give every browser proper places to break; unbroken, they are invisible.
"""

from __future__ import annotations

import functools
import re

import pyphen

SOFT_HYPHEN = "\u00ad"
# Only words this long: shorter ones fit a line at any size the theme uses.
MIN_LETTERS = 12
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")


@functools.cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="de_DE", left=3, right=3)


def trennbar(text: str) -> str:
    """``text`` with soft hyphens in its words of MIN_LETTERS letters or more."""
    return _LONG_WORD.sub(lambda match: _dictionary().inserted(match[0], hyphen=SOFT_HYPHEN), str(text))


FILTERS = {"trennbar": trennbar}
