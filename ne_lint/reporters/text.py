"""`path:line:col: severity rule message` — one line per finding, for terminals and hooks."""
from __future__ import annotations

from ne_lint.reporters.summary import count


def render(results, **kw) -> str:
    lines = []
    for r in results:
        for f in r.findings:
            hint = f" ({f.suggestion})" if f.suggestion and kw.get("verbose") else ""
            fixable = " [*]" if f.fix is not None else ""
            lines.append(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}{hint}{fixable}")
    c = count(results)
    total = c["errors"] + c["warnings"] + c["infos"]
    tail = (f"{total} finding{'s' if total != 1 else ''} in {c['files']} file{'s' if c['files'] != 1 else ''}"
            f" ({c['errors']} errors, {c['warnings']} warnings, {c['infos']} infos)")
    fixable = sum(1 for r in results for f in r.findings if f.fix is not None)
    if fixable:
        tail += f"; {fixable} fixable with --fix [*]"
    if kw.get("baselined"):
        tail += f"; {kw['baselined']} baselined"
    if kw.get("suppressed"):
        tail += f"; {kw['suppressed']} suppressed"
    lines.append(tail)
    return "\n".join(lines) + "\n"
