"""Slugs from German titles."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qlee.content.slugs import MAX_LENGTH, is_slug, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Über QLEE", "ueber-qlee"),
        ("Erklärung zur Barrierefreiheit", "erklaerung-zur-barrierefreiheit"),
        ("Fachexpert:in für Wasserstoffanwendungen", "fachexpert-in-fuer-wasserstoffanwendungen"),
        ("Straße, Größe & Öl", "strasse-groesse-oel"),
        ("ÄÖÜ ẞ", "aeoeue-ss"),
        ("QLEE im Landtag Brandenburg: „Attraktive Lausitz“", "qlee-im-landtag-brandenburg-attraktive-lausitz"),
        ("Café in Besançon", "cafe-in-besancon"),
        ("QLEE 2.0 – die nächsten Jahre", "qlee-2-0-die-naechsten-jahre"),
        ("  --Titel--  ", "titel"),
        # Decomposed umlauts (as some Mac editors save them) count as umlauts.
        (unicodedata.normalize("NFD", "Lübbenau"), "luebbenau"),
        ("!!!", ""),
        ("氢能", ""),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_long_titles_are_cut_at_a_word():
    title = "Wasserstoff " * 30
    slug = slugify(title)
    assert len(slug) <= MAX_LENGTH
    assert slug.endswith("wasserstoff")


@pytest.mark.parametrize("slug", ["ueber-qlee", "a", "404", "kurs-2024"])
def test_valid_slugs(slug):
    assert is_slug(slug)


@pytest.mark.parametrize("slug", ["", "Ueber-qlee", "über", "a--b", "-a", "a-", "a b", "a/b", "a_b"])
def test_invalid_slugs(slug):
    assert not is_slug(slug)


@given(st.text())
def test_slugify_gives_a_valid_slug_or_nothing(text):
    slug = slugify(text)
    assert slug == "" or is_slug(slug)
    assert len(slug) <= MAX_LENGTH
