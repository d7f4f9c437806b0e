"""A Markdown report per article, fit for a pull-request comment."""
from __future__ import annotations

from collections import Counter


def _cell(text) -> str:
    return str(text or "").replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def render_file(result) -> str:
    sev = Counter(f.severity for f in result.findings)
    out = [f"## ne-lint: `{result.path}`", "",
           f"**{sev['error']} error{'s' if sev['error'] != 1 else ''}**, {sev['warning']} warning"
           f"{'s' if sev['warning'] != 1 else ''}, {sev['info']} info{'s' if sev['info'] != 1 else ''}", ""]
    if not result.findings:
        out.append("No findings.")
        return "\n".join(out) + "\n"
    out += ["| Where | Severity | Rule | Finding | Suggestion |", "|---:|---|---|---|---|"]
    for f in result.findings:
        suggestion = f.suggestion or ""
        if f.fix is not None:
            suggestion += f" (fix: `{_cell(f.fix)}`)" if f.fix else " (fix: delete)"
        out.append(f"| {f.line}:{f.column} | {f.severity} | `{f.rule}` | {_cell(f.message)} | {_cell(suggestion)} |")
    sourced = [f for f in result.findings if f.fact and f.fact.sources]
    if sourced:
        out += ["", "<details><summary>Sources of the facts behind these findings</summary>", ""]
        seen = set()
        for f in sourced:
            key = (f.fact.kind, f.fact.id)
            if key in seen:
                continue
            seen.add(key)
            out.append(f"- `{f.fact.kind}/{f.fact.id}`: " + "; ".join(_cell(s) for s in f.fact.sources))
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def render(results, **kw) -> str:
    return "\n".join(render_file(r) for r in results)
