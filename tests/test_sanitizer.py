"""The allowlist sanitizer behind the body check: attacks stripped, Markdown's HTML untouched (no Pelican)."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from test_body import ATTACKS

from qlee.content import sanitizer

PELICAN_MARKDOWN = ["extra", "toc", "smarty"]  # as pelicanconf.py (smarty writes entities)


class Active(HTMLParser):
    """Handlers, script addresses and active elements as a browser-like parser reads them."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "base", "meta", "form", "svg"):
            self.found.append(tag)
        for name, value in attrs:
            address = "".join((value or "").split()).lower()
            if name.startswith("on") or name == "srcdoc" or address.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"{tag} {name}")


def active(markup: str) -> list[str]:
    reader = Active()
    reader.feed(markup)
    reader.close()
    return reader.found


# A style attribute runs nothing (tables need it for alignment): only the check refuses it in {: …}.
@pytest.mark.parametrize(("text", "value", "why"), [attack for attack in ATTACKS if attack[1] != "style"])
def test_each_attack_is_stripped_when_the_check_is_bypassed(text, value, why):
    markup = markdown.markdown(text, extensions=PELICAN_MARKDOWN)
    assert active(markup)  # Markdown passes it through as written
    assert active(sanitizer.clean(markup)) == []


def test_markdown_output_stays_byte_for_byte():
    text = (
        "# Titel {: #anfang .gross }\n\n\"Zitat\" -- mit *Betonung*, `Code <b>` und [Link](https://example.org/?a=1&b=2 \"T\").\n\n"
        "| Links | Rechts |\n|:------|------:|\n| a | b |\n\nText[^1] mit HTML.\n\n*[HTML]: Hypertext\n\n"
        "[^1]: Die Fußnote.\n\nBegriff\n:   Erklärung\n\n![Foto](/bilder/foto.jpg \"Titel\")\n\n"
        '<details open><summary>Mehr</summary>\n<p>Text</p>\n</details>\n\n'
        '<img src="/bilder/a.jpg" alt="A" width="300" height="200" loading="lazy"> <img src="data:image/png;base64,AAAA">\n\n'
        "<!-- Notiz für die Redaktion -->\n\n```\n<script>alert(1)</script>\n```\n"
    )
    markup = markdown.markdown(text, extensions=PELICAN_MARKDOWN, output_format="html5")
    assert 'class="footnote"' in markup and "<table>" in markup and "&ldquo;" in markup
    assert sanitizer.clean(markup) == markup


def test_links_get_no_rel_and_keep_their_target():
    markup = '<p><a href="https://example.org/" target="_blank" rel="noopener">x</a> <a href="/y">y</a></p>'
    assert sanitizer.clean(markup) == markup


def test_escaped_markup_stays_text_and_is_not_taken_for_a_tag():
    # The cheap comparison resolves character references but keeps &lt; &gt; &amp; apart:
    # text that shows a tag must never compare equal to a real tag.
    shown = "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;</p>"
    assert sanitizer.clean(shown) is shown
    assert sanitizer.clean("<p>&lt;b&gt;x</p><script>alert(1)</script>") == "<p>&lt;b&gt;x</p>"
