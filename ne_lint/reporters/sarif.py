"""SARIF 2.1.0 for GitHub code scanning and other CI viewers.

Every rule is described in `tool.driver.rules` (short and full description, help as text and
Markdown, default level); each result carries its region in Unicode code points
(`columnKind: unicodeCodePoints`, the same columns as the text output), the excerpt as a
snippet, a fingerprint that survives lines moving, and a `fixes` entry when the finding has an
exact replacement.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePath
from urllib.parse import quote

from ne_lint import __version__
from ne_lint.checks import ALL_CHECKS

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/ne-lint/ne-lint"


def _rules() -> list[dict]:
    rules = []
    for check in ALL_CHECKS:
        for rule_id in (check.id, *check.codes):
            sub = rule_id.split(".", 1)[1] if "." in rule_id else ""
            short = check.summary if not sub else f"{check.summary.split('.')[0]}: {sub.replace('-', ' ')}."
            rules.append({
                "id": rule_id,
                "name": "".join(p.capitalize() for p in rule_id.replace(".", "-").split("-")),
                "shortDescription": {"text": short},
                "fullDescription": {"text": check.doc.split("## Why is this bad?")[0].replace("## What it does", "").strip()},
                "help": {"text": check.doc, "markdown": check.doc},
                "defaultConfiguration": {"level": LEVEL[check.severity]},
                "helpUri": f"{INFO_URI}#rules",
            })
    return rules


def _uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it against the checkout)."""
    p = PurePath(path)
    if p.is_absolute():
        return Path(path).as_uri()
    text = p.as_posix()
    while text.startswith("./"):
        text = text[2:]
    return quote(text)


def _region(f) -> dict:
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}


def _result(f, rule_index: dict[str, int]) -> dict:
    region = _region(f)
    if f.excerpt:
        region["snippet"] = {"text": f.excerpt}
    message = f.message + (f" Suggestion: {f.suggestion}." if f.suggestion else "")
    if f.fact and f.fact.sources:
        message += " Sources: " + "; ".join(f.fact.sources)
    fingerprint = hashlib.sha256(f"{f.rule}\0{f.excerpt}\0{f.context.strip()}".encode()).hexdigest()[:32]
    result = {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": LEVEL[f.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}],
        "partialFingerprints": {"ne-lint/v1": fingerprint},
    }
    if f.fact:
        result["properties"] = {"fact": f.fact.to_json()}
    if f.fix is not None:
        result["fixes"] = [{
            "description": {"text": f"Replace with '{f.fix}'" if f.fix else "Delete"},
            "artifactChanges": [{
                "artifactLocation": {"uri": _uri(f.path)},
                "replacements": [{"deletedRegion": _region(f), "insertedContent": {"text": f.fix}}],
            }],
        }]
    return result


def to_data(results, **kw) -> dict:
    rules = _rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ne-lint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFO_URI, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index) for r in results for f in r.findings],
        }],
    }


def render(results, **kw) -> str:
    return json.dumps(to_data(results, **kw), ensure_ascii=False, indent=1) + "\n"
