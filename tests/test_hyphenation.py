"""Soft hyphens in long words of large titles (output/hyphenation.py)."""

from __future__ import annotations

import pytest

from qlee.output.hyphenation import MIN_LETTERS, SOFT_HYPHEN, trennbar


@pytest.mark.parametrize(
    "title",
    [
        "Fachexpert:in für Wasserstoffanwendungen: Lehrgang startet am 4. März 2024",
        "LEAG und IHK Cottbus vereinbaren Zusammenarbeit mit QLEE",
        "</title><script>alert(1)</script> & <b>fett</b>",
    ],
)
def test_only_soft_hyphens_are_added(title):
    assert trennbar(title).replace(SOFT_HYPHEN, "") == title


def test_long_words_get_places_to_break_short_ones_none():
    result = trennbar("Netzwerktreffen im Landtag zur Wasserstoffanwendung")
    words = result.split()
    assert SOFT_HYPHEN in words[0] and SOFT_HYPHEN in words[-1]
    assert all(SOFT_HYPHEN not in word for word in words[1:-1])
    # No piece so short that a line would end or begin with a lone letter or two.
    assert all(len(piece) >= 3 for piece in words[-1].split(SOFT_HYPHEN))


def test_numbers_and_codes_stay_whole():
    text = "Bestellnummer 123456789012345 und H2-Elektrolyseur_Versuchsanlage"
    assert trennbar(text).split()[1] == "123456789012345"
    assert len("Bestellnummer") >= MIN_LETTERS
