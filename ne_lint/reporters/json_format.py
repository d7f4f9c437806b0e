"""The JSON format of DESIGN.md: one object, read by shared/eval/score.py and by CI tools."""
from __future__ import annotations

import json

from ne_lint.reporters.summary import count


def to_data(results, **kw) -> dict:
    summary = count(results)
    if kw.get("baselined") is not None:
        summary["baselined"] = kw.get("baselined") or 0
    return {
        "version": 1,
        "files": [{"path": r.path, "findings": [f.to_json() for f in r.findings]} for r in results],
        "summary": summary,
    }


def render(results, **kw) -> str:
    return json.dumps(to_data(results, **kw), ensure_ascii=False, indent=1) + "\n"
