"""HTML → Document, with the standard library's html.parser.

Prose is the text of block elements (p, li, h1–h6, td, th, dd, figcaption, a div's own text);
tags, attributes, scripts, styles, navigation, code and forms are not. The parser runs with
`convert_charrefs=False`, so every entity arrives as its own event at its own position and maps
back to its `&...;` in the source. Nesting is tracked with an explicit stack, never recursion, so
a page nested ten thousand levels deep parses like any other.
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

from ne_lint.documents.model import BlockBuilder, Comment, Document

SKIP = {"script", "style", "noscript", "template", "svg", "math", "head", "code", "pre", "nav",
        "button", "select", "option", "textarea", "iframe", "object", "canvas", "audio", "video"}
BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table",
         "thead", "tbody", "tfoot", "dt", "dd", "dl", "blockquote", "section", "article", "main",
         "header", "footer", "aside", "figure", "figcaption", "caption", "body", "html", "form",
         "fieldset", "details", "summary", "address", "hr", "center", "legend"}
VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param",
        "source", "track", "wbr"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# page regions: a related-articles aside ends where the footer begins
SECTIONING = {"article", "aside", "footer", "header", "main", "section"}


class _Collector(HTMLParser):
    def __init__(self, doc: Document):
        super().__init__(convert_charrefs=False)
        self.doc = doc
        self.line_starts = [0]
        for i, ch in enumerate(doc.source):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.stack: list[str] = []
        self.skip_depth = 0
        self.builder = BlockBuilder()
        self.lists: list[tuple[int, int | None]] = []
        self.list_counter = 0
        self.regions: list[tuple[int, str]] = []  # (stack depth when opened, label)

    # ---- positions -------------------------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # ---- blocks ----------------------------------------------------------------------------
    def _kind(self) -> tuple[str, int]:
        for tag in reversed(self.stack):
            if tag in HEADINGS:
                return "heading", int(tag[1])
            if tag in ("td", "th"):
                return "table_cell", 0
            if tag in ("li", "dd", "dt"):
                return "list_item" if tag == "li" else "paragraph", len(self.lists)
        return "paragraph", 0

    def _follow(self, what: str) -> None:
        if self.doc.blocks and self.doc.blocks[-1].followed_by is None:
            self.doc.blocks[-1].followed_by = what

    def flush(self) -> None:
        if not self.builder:
            self.builder = BlockBuilder()
            return
        kind, level = self._kind()
        list_id = intro = None
        if kind == "list_item" and self.lists:
            list_id, intro = self.lists[-1]
        block = self.builder.build(kind, level=level, list_id=list_id, list_intro=intro)
        if block:
            block.region = self.regions[-1][1] if self.regions else None
        if block:
            if not (kind == "list_item" and self.doc.blocks and self.doc.blocks[-1].list_id == list_id):
                self._follow("block")
            self.doc.blocks.append(block)

    # ---- events ----------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br" and not self.skip_depth:
                at = self._offset()
                self.builder.add_char(" ", at, at)
            elif tag == "img" and not self.skip_depth and not self.builder:
                self._follow("media")
            elif tag == "hr":
                self.flush()
            return
        if self.skip_depth:
            self.stack.append(tag)
            if tag in SKIP:
                self.skip_depth += 1
            return
        if tag in BLOCK or tag in SKIP:
            self.flush()
            if tag == "li":
                self._close_open("li", stop_at={"ul", "ol"})
            elif "p" in self.stack[-1:]:
                self._close_open("p", stop_at=BLOCK - {"p"})
        if tag in ("ul", "ol"):
            self.list_counter += 1
            intro = len(self.doc.blocks) - 1 if self.doc.blocks else None
            self._follow("list")
            self.lists.append((self.list_counter, intro))
        elif tag == "table":
            self._follow("table")
        elif tag in ("pre", "code") and not self.builder:
            self._follow("code")
        self.stack.append(tag)
        if tag in SKIP:
            self.skip_depth += 1
        elif tag in SECTIONING:
            self.regions.append((len(self.stack), f"{tag}#{self.getpos()[0]}:{self.getpos()[1]}"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def _close_open(self, tag: str, stop_at: set[str]) -> None:
        """Implicitly close an open <li> or <p>, as HTML does when the next one starts."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i] == tag:
                self._pop_to(i)
                return
            if self.stack[i] in stop_at:
                return

    def _pop_to(self, index: int) -> None:
        while len(self.stack) > index:
            tag = self.stack.pop()
            if tag in SKIP and self.skip_depth:
                self.skip_depth -= 1
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
        while self.regions and self.regions[-1][0] > len(self.stack):
            self.regions.pop()

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return
        if not self.skip_depth and (tag in BLOCK or tag in SKIP):
            self.flush()
        index = len(self.stack) - 1 - self.stack[::-1].index(tag)
        self._pop_to(index)

    def handle_data(self, data):
        if self.skip_depth or not self.stack and not data.strip():
            return
        self.builder.add(data, self._offset())

    def _entity(self, raw_name: str) -> None:
        if self.skip_depth:
            return
        start = self._offset()
        src = self.doc.source
        end = start + 1 + len(raw_name)
        if end < len(src) and src[end] == ";":
            end += 1
        text = html.unescape(src[start:end])
        if text == src[start:end]:  # not an entity after all: keep it as written
            self.builder.add(text, start)
        else:
            self.builder.add(text, start, end)

    def handle_entityref(self, name):
        self._entity(name)

    def handle_charref(self, name):
        self._entity("#" + name)

    def handle_comment(self, data):
        start = self._offset()
        end = self.doc.source.find("-->", start)
        end = end + 3 if end >= 0 else len(self.doc.source)
        self.doc.comments.append(Comment(data.strip(), start, end))


def parse_html(path: str, source: str) -> Document:
    doc = Document(path=path, source=source, format="html")
    collector = _Collector(doc)
    collector.feed(source)
    collector.close()
    collector.flush()
    doc.link_blocks()
    return doc
