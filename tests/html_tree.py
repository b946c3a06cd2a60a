"""A small element tree from the standard library's HTML parser, for tests of built pages.

Enough to find elements by tag and attributes and read their text; no CSS selectors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Elements that never have an end tag (HTML "void elements").
VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int = 0
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    def iter(self, tag: str | None = None):
        """This element and all below it, in document order (optionally one tag only)."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Elements below (and including) this one with ``tag`` and exactly these attribute values.

        Use ``class_`` for the class attribute; it matches one of the element's classes.
        """
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
        found = []
        for element in self.iter(tag):
            if all(_matches(element, key, value) for key, value in wanted.items()):
                found.append(element)
        return found

    def find(self, tag: str | None = None, **attrs: str) -> Element | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def text(self) -> str:
        """The text content, whitespace collapsed."""
        parts: list[str] = []
        self._collect_text(parts)
        return " ".join("".join(parts).split())

    def _collect_text(self, parts: list[str]) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in {"script", "style", "template"}:
                child._collect_text(parts)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def _matches(element: Element, key: str, value: str) -> bool:
    if key == "class":
        return value in element.attrs.get("class", "").split()
    return element.attrs.get(key) == value


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.getpos()[0], parent=self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.getpos()[0], parent=self.current)
        self.current.children.append(element)

    def handle_endtag(self, tag):
        # Close up to the matching open element; stray end tags are ignored.
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def parse_file(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))
