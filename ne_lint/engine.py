"""The one-way flow: paths → documents → nlp → checks → findings (→ suppression → reporters).

The engine knows nothing of the command line; the CLI builds `Settings` and calls `lint`.
Input problems (a missing path, a binary file) are collected, not raised, so the other files in
the run are still linted; the CLI reports them and exits 2.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ne_lint.checks import ALL_CHECKS, CheckContext, rule_ids
from ne_lint.discover import discover
from ne_lint.documents import Document, load_document
from ne_lint.errors import ConfigError, NeLintError
from ne_lint.facts.load import load_facts
from ne_lint.facts.model import Facts
from ne_lint.finding import SEVERITIES, Finding

BATCH = 64  # documents analysed per nlp.pipe stream: bounds memory on large corpora


@dataclass
class Settings:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    facts: list[Path] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"

    def validate(self) -> None:
        known = set(rule_ids())
        for option, values in (("--select", self.select or []), ("--ignore", self.ignore),
                               ("severity", list(self.severity))):
            for rule in values:
                if rule not in known and not any(k.startswith(rule + ".") for k in known):
                    raise ConfigError(f"{option}: unknown rule {rule!r} (known: {', '.join(sorted(known))})")
        for rule, sev in self.severity.items():
            if sev not in SEVERITIES:
                raise ConfigError(f"severity for {rule!r} must be one of {', '.join(SEVERITIES)}, not {sev!r}")

    def rule_on(self, rule: str) -> bool:
        def matches(pattern: str) -> bool:
            return rule == pattern or rule.startswith(pattern + ".")

        if self.select is not None and not any(matches(s) for s in self.select):
            return False
        return not any(matches(i) for i in self.ignore)

    def severity_for(self, finding: Finding) -> str:
        for rule in (finding.rule, finding.rule.split(".")[0]):
            if rule in self.severity:
                return self.severity[rule]
        return finding.severity


@dataclass
class FileResult:
    path: str
    findings: list[Finding]
    document: Document | None = None


@dataclass
class RunResult:
    files: list[FileResult]
    errors: list[NeLintError]


class Linter:
    """Facts, the spaCy pipeline and the checks, built once and reused for every file."""

    def __init__(self, settings: Settings, facts: Facts | None = None):
        settings.validate()
        self.settings = settings
        self.facts = facts or load_facts(settings.facts)
        self._analyzer = None
        self.context = CheckContext(self.facts)
        self.checks = [c for c in ALL_CHECKS
                       if any(settings.rule_on(r) for r in (c.id, *c.codes))]

    @property
    def analyzer(self):
        if self._analyzer is None:
            from ne_lint.nlp import Analyzer

            self._analyzer = Analyzer(self.facts, common_words=self.context.lexicon.brand_guard_words)
        return self._analyzer

    def lint_documents(self, documents: list[Document]) -> list[FileResult]:
        results = []
        for i in range(0, len(documents), BATCH):
            batch = documents[i:i + BATCH]
            for adoc in self.analyzer.analyze(batch):
                findings = []
                for check in self.checks:
                    for f in check.run(adoc, self.context):
                        if self.settings.rule_on(f.rule):
                            findings.append(f)
                results.append(FileResult(adoc.document.path, finalize(adoc.document, findings, self.settings),
                                          adoc.document))
        return results

    def lint_paths(self, paths: list[str]) -> RunResult:
        files, errors = discover(paths)
        documents = []
        for path in files:
            try:
                documents.append(load_document(path))
            except NeLintError as exc:
                errors.append(exc)
        return RunResult(self.lint_documents(documents), errors)


def finalize(doc: Document, findings: Iterable[Finding], settings: Settings) -> list[Finding]:
    """Place findings in the source (line, column, excerpt), apply severities, sort, dedupe."""
    out, seen = [], set()
    for f in findings:
        f.path = doc.path
        f.severity = settings.severity_for(f)
        f.line, f.column = doc.position(f.start)
        f.end_line, f.end_column = doc.position(f.end)
        f.excerpt = doc.source[f.start:f.end]
        f.context = doc.line_text(f.line)
        key = (f.rule, f.start, f.end, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    out.sort(key=Finding.sort_key)
    return out
