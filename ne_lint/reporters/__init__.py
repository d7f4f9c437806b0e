"""Reporters: findings → text for people, hooks and CI. One module per format."""
from __future__ import annotations

from ne_lint.reporters import github, json_format, markdown, sarif, text

FORMATS = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "markdown": markdown.render,
}

__all__ = ["FORMATS"]
