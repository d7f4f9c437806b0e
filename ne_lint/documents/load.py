"""Reading an article: bytes → text → Document.

Decoding is strict: a file that is not UTF-8 is refused with the byte that failed, rather than
guessed at, because a wrong guess silently moves every reported column (and `--fix` would then
write mojibake). A byte-order mark is dropped and remembered; CRLF and CR line breaks are read as
one line break and remembered, so lines and columns are those an editor shows and fixes can
write the file back as it was.
"""
from __future__ import annotations

from pathlib import Path

from ne_lint.documents.html import parse_html
from ne_lint.documents.markdown import parse_markdown
from ne_lint.documents.model import Document
from ne_lint.documents.text import parse_text
from ne_lint.errors import InputError

FORMATS = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".text": "text",
}
PARSERS = {"markdown": parse_markdown, "html": parse_html, "text": parse_text}
BINARY_SNIFF = 8192


def format_for(path: Path) -> str:
    return FORMATS.get(path.suffix.lower(), "text")


def decode(data: bytes, path: str) -> tuple[str, bool, str]:
    """Text, whether it had a BOM, and its newline convention; binary or non-UTF-8 is refused."""
    if b"\x00" in data[:BINARY_SNIFF]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise InputError("UTF-16 text is not supported; save the file as UTF-8", path=path)
        raise InputError("binary file (contains NUL bytes), not an article", path=path)
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8: invalid byte 0x{data[exc.start]:02x} at line {line}; "
                         "convert the file to UTF-8", path=path) from None
    newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text else "\n")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, bom, newline


def parse_source(path: str, text: str, fmt: str) -> Document:
    doc = PARSERS[fmt](path, text)
    return doc


def load_document(path: Path, display: str | None = None) -> Document:
    name = display or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
    text, bom, newline = decode(data, name)
    doc = parse_source(name, text, format_for(path))
    doc.has_bom = bom
    doc.newline = newline
    return doc
