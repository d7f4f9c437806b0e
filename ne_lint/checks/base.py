"""What a check is, and the context every check receives.

A check is a small object with an `id`, a default severity, a one-line summary, a document
(what it does, why it matters, an example, the fix — like ruff's rule pages) and
`run(doc, ctx) -> Iterable[Finding]`. It holds language patterns; the knowledge comes from the
fact file in `ctx.facts`. Checks never read files or print: they are pure functions of the
analysed document and the facts, so the engine can cache and parallelise them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

from ne_lint.facts.model import Facts
from ne_lint.finding import FactRef, Finding
from ne_lint.nlp import AnalyzedBlock, AnalyzedDocument


@dataclass
class CheckContext:
    facts: Facts
    options: dict = field(default_factory=dict)

    @cached_property
    def lexicon(self):
        """Word frequencies and the broad drug-name lexicon, loaded only if a check asks."""
        from ne_lint.lexicon import load_lexicon

        return load_lexicon(self.facts)

    def memo(self, key: str, build):
        """A value derived from the facts once per run and shared by every document (a check's
        compiled look-up tables): `build()` the first time, the stored value after."""
        store = self.__dict__.setdefault("_memo", {})
        if key not in store:
            store[key] = build()
        return store[key]

    def fact(self, kind: str, entry_id: str) -> FactRef:
        return FactRef(entry_id, kind, self.facts.sources_of(kind, entry_id))


class Check:
    id: str = ""
    severity: str = "warning"
    summary: str = ""
    doc: str = ""
    #: sub-rule ids a check may report besides its own (structure.*)
    codes: tuple[str, ...] = ()

    def run(self, doc: AnalyzedDocument, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, ab: AnalyzedBlock, start: int, end: int, message: str, *,
                rule: str | None = None, severity: str | None = None, suggestion: str | None = None,
                fix: str | None = None, fact: FactRef | None = None) -> Finding:
        """A finding on block characters [start, end), located in the source. A span that opens a
        parenthesis ("Ritalin (methylphenidate") is closed with it."""
        text = ab.block.text
        if end < len(text) and text[end] == ")" and text[start:end].count("(") > text[start:end].count(")"):
            end += 1
        s, e = ab.block.source_span(start, end)
        return Finding(rule=rule or self.id, severity=severity or self.severity, path="", start=s, end=e,
                       message=message, suggestion=suggestion, fix=fix, fact=fact)

    def source_finding(self, start: int, end: int, message: str, *, rule: str | None = None,
                       severity: str | None = None, suggestion: str | None = None,
                       fix: str | None = None, fact: FactRef | None = None) -> Finding:
        """A finding on source offsets directly (a span over several blocks)."""
        return Finding(rule=rule or self.id, severity=severity or self.severity, path="", start=start,
                       end=end, message=message, suggestion=suggestion, fix=fix, fact=fact)
