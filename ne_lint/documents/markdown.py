"""Markdown → Document, with markdown-it-py.

markdown-it gives block structure and line ranges but not columns for inline text, and its text
has entities decoded and backslash escapes removed. So each inline text is aligned back to the
source character by character: a character matches itself, a backslash escape, or an entity
that decodes to it; markup between (`*`, `[`, `](url)`) is skipped. Front matter, code, raw HTML
and images are not prose; HTML comments are kept for inline directives.
"""
from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from ne_lint.documents.model import BlockBuilder, Comment, Document

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_MAX_SKIP = 400  # how far alignment may skip markup before it gives up on a character

_parser: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
        front_matter_plugin(md)
        _parser = md
    return _parser


class _Aligner:
    """Walks the source alongside markdown-it's decoded text."""

    def __init__(self, source: str):
        self.source = source
        self.pos = 0

    def align(self, text: str, builder: BlockBuilder, limit: int) -> None:
        src = self.source
        i = 0
        while i < len(text):
            # fast path: a run of prose that stands verbatim in the source at this position is
            # placed in one slice (most text is); '&' and '\\' need the careful walk below
            run = self._verbatim_run(text, i, limit)
            if run:
                builder.add(text[i:i + run], self.pos)
                self.pos += run
                i += run
                continue
            ch = text[i]
            i += 1
            p = self.pos
            stop = min(limit, p + _MAX_SKIP, len(src))
            placed = False
            while p < stop:
                c = src[p]
                if c == "&":  # an entity first: "&amp;" is one "&" of prose
                    m = _ENTITY.match(src, p)
                    if m and html.unescape(m.group(0)) != m.group(0) and html.unescape(m.group(0)).startswith(ch):
                        builder.add_char(ch, p, m.end())
                        self.pos = m.end()
                        placed = True
                        break
                if c == ch:
                    builder.add_char(ch, p, p + 1)
                    self.pos = p + 1
                    placed = True
                    break
                if c == "\\" and p + 1 < len(src) and src[p + 1] == ch:
                    builder.add_char(ch, p, p + 2)  # the escape and its character
                    self.pos = p + 2
                    placed = True
                    break
                if ch == " " and c in "\t\n":  # tabs and breaks read as spaces
                    builder.add_char(" ", p, p + 1)
                    self.pos = p + 1
                    placed = True
                    break
                p += 1
            if not placed:
                # a character markdown-it produced that the source does not show (a replaced
                # NUL, say): map it to where we are, never backwards
                at = min(self.pos, max(len(src) - 1, 0))
                builder.add_char(ch, at, min(at + 1, len(src)))

    def _verbatim_run(self, text: str, i: int, limit: int) -> int:
        """How many characters of text[i:] the source holds verbatim at `pos`, stopping before
        an '&' or a backslash (an entity or an escape may be what produced the character)."""
        src, p = self.source, self.pos
        hi = min(len(text) - i, min(limit, len(src)) - p)
        if hi <= 0:
            return 0
        for special in "&\\":
            j = src.find(special, p, p + hi)
            if j >= 0:
                hi = j - p
        if hi <= 0:
            return 0
        if src.startswith(text[i:i + hi], p):
            return hi
        lo = 0  # the longest verbatim prefix, by halving
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if src.startswith(text[i:i + mid], p):
                lo = mid
            else:
                hi = mid - 1
        return lo

    def skip_to(self, needle: str, limit: int) -> tuple[int, int] | None:
        i = self.source.find(needle, self.pos, limit if limit > self.pos else None)
        if i < 0:
            return None
        self.pos = i + len(needle)
        return i, i + len(needle)


def parse_markdown(path: str, source: str) -> Document:
    doc = Document(path=path, source=source, format="markdown")
    tokens = _markdown().parse(source)
    line_starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            line_starts.append(i + 1)
    line_starts.append(len(source) + 1)

    def line_start(n: int) -> int:
        return line_starts[min(n, len(line_starts) - 1)]

    aligner = _Aligner(source)
    containers: list[str] = []
    list_stack: list[tuple[int, int | None]] = []  # (list id, intro block index)
    list_counter = 0
    heading_level = 0

    def follow(what: str) -> None:
        if doc.blocks and doc.blocks[-1].followed_by is None:
            doc.blocks[-1].followed_by = what

    for tok in tokens:
        t = tok.type
        if t.endswith("_open"):
            containers.append(t[:-5])
            if t in ("bullet_list_open", "ordered_list_open"):
                list_counter += 1
                intro = len(doc.blocks) - 1 if doc.blocks else None
                follow("list")
                list_stack.append((list_counter, intro))
            elif t == "table_open":
                follow("table")
            elif t in ("paragraph_open", "blockquote_open", "heading_open") and not any(
                    c in ("list_item", "th", "td") for c in containers[:-1]):
                follow("block")
            if t == "heading_open":
                heading_level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
            if tok.map:
                aligner.pos = max(aligner.pos, line_start(tok.map[0]))
            continue
        if t.endswith("_close"):
            if containers:
                containers.pop()
            if t in ("bullet_list_close", "ordered_list_close") and list_stack:
                list_stack.pop()
            continue
        if t in ("fence", "code_block"):
            follow("code")
            continue
        if t == "html_block":
            if _COMMENT.sub("", tok.content).strip():
                follow("html")
            for m in _COMMENT.finditer(tok.content):
                start = line_start(tok.map[0]) if tok.map else 0
                found = source.find(m.group(0), start)
                if found >= 0:
                    doc.comments.append(Comment(m.group(1).strip(), found, found + len(m.group(0))))
            if tok.map:
                aligner.pos = max(aligner.pos, line_start(tok.map[1]))
            continue
        if t == "front_matter" or t == "hr":
            continue
        if t != "inline":
            continue
        limit = line_start(tok.map[1]) if tok.map else len(source)
        if tok.map:
            aligner.pos = max(aligner.pos, line_start(tok.map[0]))
        builder = BlockBuilder()
        skipping_link = 0
        only_media = True
        for child in tok.children or []:
            ct = child.type
            if ct == "text":
                if skipping_link:
                    aligner.align(child.content, BlockBuilder(), limit)
                    continue
                if child.content.strip():
                    only_media = False
                aligner.align(child.content, builder, limit)
            elif ct in ("softbreak", "hardbreak"):
                nl = aligner.source.find("\n", aligner.pos, limit)
                if nl >= 0:
                    builder.add_char(" ", nl, nl + 1)
                    aligner.pos = nl + 1
            elif ct == "code_inline":
                span = aligner.skip_to(child.content, limit)
                if span:
                    builder.add_char(" ", span[0], span[1])
                only_media = False
            elif ct == "html_inline":
                span = aligner.skip_to(child.content, limit)
                m = _COMMENT.fullmatch(child.content)
                if m and span:
                    doc.comments.append(Comment(m.group(1).strip(), span[0], span[1]))
            elif ct == "link_open":
                if child.markup in ("autolink", "linkify"):  # a bare URL is not prose
                    skipping_link += 1
            elif ct == "link_close":
                if skipping_link:
                    skipping_link -= 1
            elif ct == "image":
                # alt text is not article prose; move past the image's source text
                end = aligner.source.find(")", aligner.pos, limit)
                if end >= 0:
                    aligner.pos = end + 1
        if not builder:
            if only_media and tok.children and any(c.type == "image" for c in tok.children):
                follow("media")
            continue
        if "heading" in containers:
            kind, level = "heading", heading_level
        elif "th" in containers or "td" in containers:
            kind, level = "table_cell", 0
        elif "list_item" in containers:
            kind, level = "list_item", len(list_stack)
        else:
            kind, level = "paragraph", 0
        list_id = list_intro = None
        if kind == "list_item" and list_stack:
            list_id, list_intro = list_stack[-1]
        block = builder.build(kind, level=level, list_id=list_id, list_intro=list_intro)
        if block:
            doc.blocks.append(block)
    doc.link_blocks()
    return doc
