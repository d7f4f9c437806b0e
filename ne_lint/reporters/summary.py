"""Counts shared by every reporter."""
from __future__ import annotations

from collections import Counter


def count(results) -> dict:
    sev = Counter(f.severity for r in results for f in r.findings)
    return {"files": len(results), "errors": sev["error"], "warnings": sev["warning"], "infos": sev["info"]}
