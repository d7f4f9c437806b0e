"""Shared fixtures: one Linter for the whole session (building the pipeline is the slow part)."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ne_lint.documents import parse_source
from ne_lint.engine import Linter, Settings

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "articles" / "norepinephrine.txt"


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(Settings())


@pytest.fixture(scope="session")
def facts(linter):
    return linter.facts


@pytest.fixture
def lint(linter):
    """lint(text, fmt='text', rule=None) -> findings, each with rule, line, column, excerpt."""

    def run(text: str, fmt: str = "text", rule: str | None = None, path: str = "article"):
        text = textwrap.dedent(text).lstrip("\n")
        doc = parse_source(path, text, fmt)
        findings = linter.lint_documents([doc])[0].findings
        if rule:
            findings = [f for f in findings if f.rule == rule or f.rule.startswith(rule + ".")]
        return findings

    return run


def spots(findings) -> list[tuple[str, int, int, str]]:
    """(rule, line, column, excerpt) of each finding: what tests assert on."""
    return [(f.rule, f.line, f.column, f.excerpt) for f in findings]
