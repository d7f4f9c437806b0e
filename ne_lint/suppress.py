"""Inline suppression, in markdownlint's convention.

    <!-- ne-lint-disable RULE... -->          off from here (no rule named: every rule)
    <!-- ne-lint-enable RULE... -->           on again from here
    <!-- ne-lint-disable-next-line RULE... --> off for the next non-blank line
    <!-- ne-lint-disable-line RULE... -->      off for the line the comment is on

In plain text the same words stand on a line of their own. Rules are separated by spaces or
commas; a family name ("structure") covers its codes. A directive that suppresses nothing is
itself reported (rule `unused-suppression`, info), so stale exceptions do not pile up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ne_lint.documents import Document
from ne_lint.finding import Finding

DIRECTIVE = re.compile(r"^\s*ne-lint-(disable-next-line|disable-line|disable|enable)\b\s*(.*?)\s*$", re.S)
UNUSED_RULE = "unused-suppression"


@dataclass
class Directive:
    kind: str
    rules: set[str] | None  # None: every rule
    start: int
    end: int
    line: int
    target_line: int = 0
    used: bool = False
    text: str = ""


def _matches(rule: str, names: set[str]) -> bool:
    return any(rule == n or rule.startswith(n + ".") for n in names)


def parse_directives(doc: Document) -> list[Directive]:
    out = []
    for c in doc.comments:
        m = DIRECTIVE.match(c.text)
        if not m:
            continue
        names = {r for r in re.split(r"[\s,]+", m.group(2)) if r}
        line, _ = doc.position(c.start)
        d = Directive(m.group(1), names or None, c.start, c.end, line, text=c.text.strip())
        if d.kind == "disable-line":
            d.target_line = line
        elif d.kind == "disable-next-line":
            end_line, _ = doc.position(c.end)
            target = end_line + 1
            while target <= doc.line_count and not doc.line_text(target).strip():
                target += 1
            d.target_line = target
        out.append(d)
    return sorted(out, key=lambda d: d.start)


@dataclass
class SuppressionResult:
    kept: list[Finding]
    suppressed: int
    unused: list[Directive] = field(default_factory=list)


def apply_suppressions(doc: Document, findings: list[Finding]) -> SuppressionResult:
    directives = parse_directives(doc)
    if not directives:
        return SuppressionResult(findings, 0)
    ranged = [d for d in directives if d.kind in ("disable", "enable")]
    kept, suppressed = [], 0
    for f in findings:
        hit = None
        for d in directives:
            if d.kind in ("disable-line", "disable-next-line") and d.target_line == f.line and (
                    d.rules is None or _matches(f.rule, d.rules)):
                hit = d
                break
        if hit is None:
            hit = _range_state(ranged, f)
        if hit is not None:
            hit.used = True
            suppressed += 1
        else:
            kept.append(f)
    unused = [d for d in directives if d.kind != "enable" and not d.used]
    return SuppressionResult(kept, suppressed, unused)


def _range_state(ranged: list[Directive], f: Finding) -> Directive | None:
    """The disable directive in force at the finding, replaying directives before it."""
    all_off: Directive | None = None
    exceptions: set[str] = set()
    off: dict[str, Directive] = {}
    for d in ranged:
        if d.start > f.start:
            break
        if d.kind == "disable":
            if d.rules is None:
                all_off, exceptions = d, set()
            else:
                for r in d.rules:
                    off[r] = d
        else:
            if d.rules is None:
                all_off, off, exceptions = None, {}, set()
            else:
                for r in list(off):
                    if _matches(r, d.rules) or r in d.rules:
                        del off[r]
                if all_off is not None:
                    exceptions |= d.rules
    if all_off is not None and not _matches(f.rule, exceptions):
        return all_off
    for r, d in off.items():
        if _matches(f.rule, {r}):
            return d
    return None
