"""The reader's Markdown converter: configured extensions load, output equals plain smarty's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from benchmarks import corpus
from qlee.content import markdown_setup

GERMAN_QUOTES = {
    "markdown.extensions.smarty": {
        "substitutions": {
            "left-double-quote": "&bdquo;",
            "right-double-quote": "&ldquo;",
            "left-single-quote": "&sbquo;",
            "right-single-quote": "&lsquo;",
        }
    }
}
CONFIG = {
    "extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.toc": {"permalink": False}, **GERMAN_QUOTES},
    "output_format": "html5",
}


def reference(config: dict) -> Markdown:
    """What Markdown does with the same extensions and smarty's own inline pass."""
    return Markdown(extensions=list(config["extension_configs"]), **config)


TRICKY = [
    'Er sagte: "Wie geht\'s?" -- und ... dann',
    '"Anführung" am Anfang, \'einfach\' und "doppelt \'verschachtelt\'"',
    "Die '80er, ein Bindestrich-Wort, --- Geviertstrich und ....",
    '`"code" -- ...` bleibt, **"fett"** und *\'kursiv\'*',
    '[Link "mit" Titel](https://example.org/ "Titel -- mit Strich")',
    "<span title=\"x\">HTML 'roh'</span> und &quot;Entität&quot;",
    "| Spalte \"A\" | B -- C |\n|---|---|\n| 'x' | ... |",
    "> \"Zitat\" im Block\n\n- Liste mit \"Punkt\"\n- zweiter -- Punkt",
    "Kein einziges Sonderzeichen hier, nur Text und Punkte. Ende.",
    "# Überschrift \"mit\" Zeichen\n\nText mit Fußnote[^1].\n\n[^1]: Die \"Fußnote\" -- kurz.",
    # A footnote referred to from a quote and from a later heading: the back-references
    # (fnref, fnref2) are numbered in the order Markdown's own pass meets them.
    "\n[^1]: \n> [^1]\n## [^1]",
]


@pytest.mark.parametrize("text", TRICKY)
def test_same_html_as_smartys_own_pass(text):
    assert markdown_setup.converter(CONFIG).convert(text) == reference(CONFIG).convert(text)


def test_same_html_on_the_benchmark_corpus(tmp_path):
    made = corpus.generate(tmp_path, 40)
    ours, theirs = markdown_setup.converter(CONFIG), reference(CONFIG)
    for path in sorted(made.content.rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        ours.reset()
        theirs.reset()
        assert ours.convert(body) == theirs.convert(body), path.name


_OURS, _THEIRS = markdown_setup.converter(CONFIG), reference(CONFIG)


# Every character an inline pattern reacts to, mixed with inline syntax and block
# structure (lists, quotes, headings, tables, code, footnotes, raw HTML), since
# the fast passes skip text and whole blocks.
_PIECES = [*"ab \n'\"-.*_`<>&[]()#|:1\\!@", "\n\n", "\n- ", "\n> ", "\n## ", "    ", "  \n", "<b>", "</b>",
           "[^1]", "\n[^1]: ", "&amp;", "&#39;", "\n| a | b |\n|---|---|\n", "[a](/b)", "![i](/p.png)",
           "<https://example.org>", "<a@example.org>", "**", "__", "\n```\nc\n```\n", "*[ab]: Abk\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_same_html_for_any_mix_of_inline_syntax(text):
    _OURS.reset()
    _THEIRS.reset()
    assert _OURS.convert(text) == _THEIRS.convert(text)


def test_angled_quotes_still_convert():
    config = {"extension_configs": {"markdown.extensions.smarty": {"smart_angled_quotes": True}}}
    assert "&laquo;" in markdown_setup.converter(config).convert("<<Zitat>>")


def test_configured_extensions_run_and_meta_does_not():
    html = markdown_setup.converter(CONFIG).convert(
        "Hinweis: der erste Satz.\n\n## Ablauf\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nEr sagte \"ja\"."
    )
    assert "<p>Hinweis: der erste Satz.</p>" in html  # meta would have swallowed this line
    assert '<h2 id="ablauf">' in html  # toc
    assert "<table>" in html  # extra
    assert "&bdquo;ja&ldquo;" in html  # smarty with German quotes


def test_every_registered_inline_pattern_is_known():
    """After a Markdown upgrade a new pattern would silently switch the fast passes off."""
    markdown = markdown_setup.converter(CONFIG)
    for name in ("inline", "smarty"):
        assert markdown_setup.pattern_names(markdown.treeprocessors[name].inlinePatterns) is not None
        assert isinstance(markdown.treeprocessors[name], markdown_setup._SkippingInlinePass)


def test_passes_run_in_markdowns_own_order():
    assert [type(p).__name__ for p in markdown_setup.converter(CONFIG).treeprocessors] == [
        type(p).__name__.replace("InlineProcessor", "_SkippingInlinePass") for p in reference(CONFIG).treeprocessors
    ]


def test_an_unknown_pattern_keeps_markdowns_own_pass():
    assert markdown_setup.needed_characters(["link", "some_plugin_pattern"]) is None
    needed = markdown_setup.needed_characters(["link", "entity"])
    assert needed.search("siehe [Link](/x/)") and needed.search("AT&amp;T") and not needed.search("nur Text.")
