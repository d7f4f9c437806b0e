"""Plain text → Document.

Plain-text articles are usually pages scraped and pasted: paragraphs separated by blank lines,
bullets drawn with "•" or "-", headings as short lines with no final punctuation. So:
- a line that starts with a bullet or "1." is a list item; consecutive items form one list,
  whose intro is the block just before it;
- a group of lines between blank lines is a paragraph, unless every line in it is short and
  unpunctuated (scraped headings stacked on each other), then each line is a heading;
- a short single line ending in "?" is a heading too ("What is norepinephrine?").
A line holding only an inline directive (`ne-lint-disable ...`) is a comment, not prose.
"""
from __future__ import annotations

import re

from ne_lint.documents.model import BlockBuilder, Comment, Document

BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[•◦▪▫‣·●○■□➢►▸✓✔*+\-–—]|\d{1,3}[.)])[ \t]+(?=\S)")
DIRECTIVE = re.compile(r"^\s*(?:<!--\s*)?(ne-lint-(?:disable|enable)[\w-]*(?:\s[^\n]*?)?)\s*(?:-->)?\s*$")
FINAL_PUNCT = ".!:;,)\"'”’…"
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 100


def _is_heading_line(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > MAX_HEADING_CHARS or len(s.split()) > MAX_HEADING_WORDS:
        return False
    if s[-1] in FINAL_PUNCT:
        return False
    if s.endswith("?"):
        return len(s.split()) <= 10
    return s[0].isalpha() or s[0].isdigit()


def parse_text(path: str, source: str) -> Document:
    doc = Document(path=path, source=source, format="text")
    lines = source.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    groups: list[list[int]] = []  # runs of non-blank line numbers (0-based)
    current: list[int] = []
    for i, line in enumerate(lines):
        if DIRECTIVE.match(line):
            doc.comments.append(Comment(line.strip(), offsets[i], offsets[i] + len(line)))
            if current:
                groups.append(current)
                current = []
            continue
        if line.strip():
            current.append(i)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)

    list_id = 0
    in_list = False
    last_non_item = None
    for group in groups:
        # split the group into runs of bullet items and runs of plain lines
        runs: list[tuple[str, list[int]]] = []
        for i in group:
            kind = "item" if BULLET.match(lines[i]) else "plain"
            if kind == "item" or not runs or runs[-1][0] != "plain":
                runs.append((kind, [i]))
            else:
                runs[-1][1].append(i)
        for kind, run in runs:
            if kind == "item":
                if not in_list:
                    list_id += 1
                    in_list = True
                    if last_non_item is not None:
                        doc.blocks[last_non_item].followed_by = "list"
                i = run[0]
                m = BULLET.match(lines[i])
                b = BlockBuilder()
                b.add(lines[i][m.end():], offsets[i] + m.end())
                block = b.build("list_item", list_id=list_id, list_intro=last_non_item,
                                level=len(m.group("indent").expandtabs(4)) // 2)
                if block:
                    doc.blocks.append(block)
                continue
            in_list = False
            plain = [lines[i] for i in run]
            if len(run) > 1 and all(_is_heading_line(s) for s in plain):
                for i in run:
                    _append(doc, "heading", lines[i], offsets[i])
                    last_non_item = len(doc.blocks) - 1
            else:
                kind_name = "heading" if len(run) == 1 and _is_heading_line(plain[0]) else "paragraph"
                b = BlockBuilder()
                for i in run:
                    b.add(lines[i], offsets[i])
                    b.add_char(" ", offsets[i] + len(lines[i]), offsets[i] + len(lines[i]) + 1)
                block = b.build(kind_name)
                if block:
                    if doc.blocks and doc.blocks[-1].followed_by is None:
                        doc.blocks[-1].followed_by = "block"
                    doc.blocks.append(block)
                    last_non_item = len(doc.blocks) - 1
    _mark_following(doc)
    doc.link_blocks()
    return doc


def _append(doc: Document, kind: str, line: str, offset: int) -> None:
    b = BlockBuilder()
    b.add(line, offset)
    block = b.build(kind)
    if block:
        doc.blocks.append(block)


def _mark_following(doc: Document) -> None:
    """Record for each block what structurally follows it (a list, another block, the end)."""
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if nxt is None:
            block.followed_by = None
        elif nxt.kind == "list_item" and block.kind != "list_item":
            block.followed_by = "list"
        elif nxt.kind == "list_item" and block.list_id != nxt.list_id:
            block.followed_by = "list"
        else:
            block.followed_by = "block"
