"""The document model: source text as written, prose blocks, and maps from prose back to source.

Checks read prose (a paragraph without its Markdown stars or HTML entities); editors and SARIF
viewers need positions in the file as written. Every block therefore carries, for each character
of its text, the source offsets it came from (`starts[i]`, `ends[i]`): an entity `&amp;` maps one
prose character to five source characters, a Markdown soft break maps a space to a newline.
Offsets are in Unicode code points of the decoded file (after a byte-order mark, with CRLF read
as one line break), which is what 1-based line:column positions count.
"""
from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field


@dataclass
class Block:
    """One prose block: heading, paragraph, list item or table cell."""

    kind: str  # heading | paragraph | list_item | table_cell
    text: str
    starts: list[int]
    ends: list[int]
    index: int = -1  # position in Document.blocks
    level: int = 0  # heading level (1-6) or list nesting depth
    heading: int | None = None  # index of the heading this block sits under
    list_id: int | None = None  # items of one list share an id
    list_intro: int | None = None  # for a list item: the block that introduces its list
    followed_by: str | None = None  # what comes next: list | table | code | media | block | None (end)
    region: str | None = None  # HTML: the innermost article/aside/footer/header/main/section it sits in

    def __post_init__(self) -> None:
        # two machine-integer arrays, not lists of int objects: 16 bytes per character instead
        # of about 80, which is most of a large corpus's memory
        if not isinstance(self.starts, array):
            self.starts = array("q", self.starts)
        if not isinstance(self.ends, array):
            self.ends = array("q", self.ends)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [start, end) of the prose characters text[start:end]."""
        if not self.text:
            return (0, 0)
        start = max(0, min(start, len(self.text) - 1))
        end = max(start + 1, min(end, len(self.text)))
        return self.starts[start], self.ends[end - 1]

    @property
    def source_start(self) -> int:
        return self.starts[0] if self.starts else 0

    @property
    def source_end(self) -> int:
        return self.ends[-1] if self.ends else 0


@dataclass
class Comment:
    """A comment in the source that may carry an inline directive (ne-lint-disable ...)."""

    text: str
    start: int
    end: int


@dataclass
class Document:
    path: str
    source: str
    format: str  # markdown | html | text
    blocks: list[Block] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    has_bom: bool = False
    newline: str = "\n"
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.source)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset."""
        offset = max(0, min(offset, len(self.source)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Source offset of a 1-based (line, column)."""
        return self._line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.source)
        return self.source[start:end]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def link_blocks(self) -> None:
        """Split giant blocks, number the blocks and give each the heading it sits under."""
        self._split_giant_blocks()
        heading = None
        for i, block in enumerate(self.blocks):
            block.index = i
            block.heading = heading
            if block.kind == "heading":
                heading = i


    def _split_giant_blocks(self) -> None:
        """A "paragraph" of more than `MAX_BLOCK_CHARS` (a page scraped without line breaks) becomes
        several paragraphs cut at sentence ends, so checks that relate each sentence to its block
        stay linear and spaCy's `max_length` never applies; list intros are renumbered."""
        if all(len(b.text) <= MAX_BLOCK_CHARS for b in self.blocks):
            return
        out: list[Block] = []
        new_index: dict[int, int] = {}
        for i, block in enumerate(self.blocks):
            pieces = split_text(block.text, MAX_BLOCK_CHARS)
            pos = 0
            for k, piece in enumerate(pieces):
                a, b = pos, pos + len(piece)
                pos = b
                lead = len(piece) - len(piece.lstrip())
                tail = len(piece) - len(piece.rstrip())
                a, b = a + lead, b - tail
                if a >= b:
                    continue
                out.append(Block(block.kind, block.text[a:b], block.starts[a:b], block.ends[a:b],
                                 level=block.level, list_id=block.list_id, list_intro=block.list_intro,
                                 followed_by=block.followed_by if k == len(pieces) - 1 else "block",
                                 region=block.region))
            new_index[i] = len(out) - 1  # an intro's last sentence is in its last piece
        for block in out:
            if block.list_intro is not None:
                block.list_intro = new_index.get(block.list_intro, block.list_intro)
        self.blocks = out


MAX_BLOCK_CHARS = 20_000


def split_text(text: str, size: int) -> list[str]:
    """`text` cut into pieces of at most about `size` characters, after a sentence end where
    there is one, else after a space; the pieces concatenate back to `text` exactly."""
    if len(text) <= size:
        return [text]
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        cut = cut + 2 if cut > size // 2 else window.rfind(" ") + 1
        if cut <= 0:
            cut = size  # one enormous word: cut it anyway
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


_WHITESPACE_RUN = re.compile(r"\s+")  # the characters str.isspace() calls whitespace


class BlockBuilder:
    """Accumulates prose characters with their source offsets, then yields a clean `Block`.

    Whitespace runs collapse to one space (mapped to the first whitespace character) and the
    ends are trimmed, so checks see "a b" whatever line breaks or indentation the source had.
    """

    def __init__(self) -> None:
        # offsets in machine-integer arrays: lists of int objects cost ~75 bytes a character,
        # which was the peak memory of a large article
        self.chars: list[str] = []
        self.starts = array("q")
        self.ends = array("q")

    def add(self, text: str, start: int, end: int | None = None) -> None:
        """Add text that came from source[start:end]; one character per source character
        unless `end` says the whole text came from one construct (an entity)."""
        self.chars.extend(text)
        if end is None:
            self.starts.extend(range(start, start + len(text)))
            self.ends.extend(range(start + 1, start + len(text) + 1))
        else:
            self.starts.extend([start] * len(text))
            self.ends.extend([end] * len(text))

    def add_char(self, ch: str, start: int, end: int) -> None:
        self.chars.append(ch)
        self.starts.append(start)
        self.ends.append(end)

    def __bool__(self) -> bool:
        return any(not c.isspace() for c in self.chars)

    def build(self, kind: str, **kw) -> Block | None:
        """Soft hyphens dropped, each whitespace run one space (at its first character's
        offsets), the ends trimmed. Done by slicing runs of characters, not one at a time:
        the per-character loop was a fifth of parsing."""
        text, src_starts, src_ends = "".join(self.chars), self.starts, self.ends
        self.chars, self.starts, self.ends = [], array("q"), array("q")
        if "\u00ad" in text:  # the soft hyphen is invisible: it leaves no space either
            keep = [i for i, c in enumerate(text) if c != "\u00ad"]
            text = text.replace("\u00ad", "")
            src_starts = array("q", [src_starts[i] for i in keep])
            src_ends = array("q", [src_ends[i] for i in keep])
        pieces: list[str] = []
        starts, ends = array("q"), array("q")
        pos = 0
        for m in _WHITESPACE_RUN.finditer(text):
            a, b = m.span()
            if a > pos:
                pieces.append(text[pos:a])
                starts.extend(src_starts[pos:a])
                ends.extend(src_ends[pos:a])
            if pieces and b < len(text):  # leading and trailing runs are trimmed
                pieces.append(" ")
                starts.append(src_starts[a])
                ends.append(src_ends[a])
            pos = b
        if pos < len(text):
            pieces.append(text[pos:])
            starts.extend(src_starts[pos:])
            ends.extend(src_ends[pos:])
        if not pieces:
            return None
        return Block(kind=kind, text="".join(pieces), starts=starts, ends=ends, **kw)
