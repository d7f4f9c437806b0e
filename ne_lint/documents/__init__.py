"""Articles in, `Document`s out: discovery, decoding and the parser for each format."""
from ne_lint.documents.load import FORMATS, load_document, parse_source
from ne_lint.documents.model import Block, Comment, Document

__all__ = ["Block", "Comment", "Document", "FORMATS", "load_document", "parse_source"]
