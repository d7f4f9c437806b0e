"""A finding: what a check reports, where, why, and on which fact it relied."""
from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass
class FactRef:
    """The fact a finding relied on, with its sources, so an editor can check it."""

    id: str
    kind: str  # drugs | classes | conditions | abbreviations | terms | ranges | boilerplate | units
    sources: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "sources": list(self.sources)}


@dataclass
class Finding:
    rule: str
    severity: str
    path: str
    start: int  # source offsets, [start, end)
    end: int
    message: str
    suggestion: str | None = None
    fix: str | None = None  # replacement for source[start:end]; only when exact and safe
    fact: FactRef | None = None
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    excerpt: str = ""
    context: str = ""  # the source line(s) around the span, for baselines and reports

    def sort_key(self) -> tuple:
        return (self.path, self.start, self.end, self.rule, self.message)

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
            "fix": self.fix,
            "fact": self.fact.to_json() if self.fact else None,
        }
