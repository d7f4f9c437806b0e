"""Per-file result cache in `.ne-lint-cache/`, so an unchanged article is not analysed twice.

The key is a hash of the file's bytes, the fact files' digest, the checks that ran, the
ne-lint version and a digest of ne-lint's own code (so a development checkout, where the version
stays the same while the checks change, never serves stale results): change any and the entry
is simply not found. Entries are JSON (raw findings
before suppression and configuration, and the document's comments), written atomically; a
corrupt entry is a miss. The folder carries its own `.gitignore` so it never gets committed.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from ne_lint import __version__
from ne_lint.documents.model import Comment
from ne_lint.finding import FactRef, Finding

CACHE_DIR = ".ne-lint-cache"
_CODE_DIGEST: str | None = None


def code_digest() -> str:
    """A hash of the package's Python sources and templates, computed once per process (~1 ms)."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        h = hashlib.sha256()
        package = Path(__file__).resolve().parent
        for f in sorted(package.rglob("*")):
            if f.suffix in (".py", ".j2") and f.is_file():
                h.update(str(f.relative_to(package)).encode())
                h.update(f.read_bytes())
        _CODE_DIGEST = h.hexdigest()
    return _CODE_DIGEST


class Cache:
    def __init__(self, root: Path, enabled: bool = True):
        self.dir = root / CACHE_DIR
        self.enabled = enabled
        self.hits = 0
        self.misses = 0

    def key(self, data: bytes, facts_digest: str, checks: list[str], path_format: str) -> str:
        h = hashlib.sha256()
        for part in (__version__, code_digest(), facts_digest, ",".join(sorted(checks)), path_format):
            h.update(part.encode())
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / (key[2:] + ".json")

    def get(self, key: str) -> tuple[list[Finding], list[Comment]] | None:
        if not self.enabled:
            return None
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            findings = [_finding(d) for d in data["findings"]]
            comments = [Comment(c["text"], c["start"], c["end"]) for c in data["comments"]]
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return findings, comments

    def put(self, key: str, findings: list[Finding], comments: list[Comment]) -> None:
        if not self.enabled:
            return
        payload = {
            "findings": [_raw(f) for f in findings],
            "comments": [{"text": c.text, "start": c.start, "end": c.end} for c in comments],
        }
        try:
            if not self.dir.exists():
                self.dir.mkdir(parents=True, exist_ok=True)
                (self.dir / ".gitignore").write_text("# created by ne-lint\n*\n", encoding="utf-8")
            target = self._file(key)
            target.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, ensure_ascii=False)
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only checkout: run without a cache


def _raw(f: Finding) -> dict:
    return {"rule": f.rule, "severity": f.severity, "start": f.start, "end": f.end, "message": f.message,
            "suggestion": f.suggestion, "fix": f.fix,
            "fact": {"id": f.fact.id, "kind": f.fact.kind, "sources": f.fact.sources} if f.fact else None}


def _finding(d: dict) -> Finding:
    fact = FactRef(d["fact"]["id"], d["fact"]["kind"], list(d["fact"]["sources"])) if d.get("fact") else None
    return Finding(rule=d["rule"], severity=d["severity"], path="", start=d["start"], end=d["end"],
                   message=d["message"], suggestion=d.get("suggestion"), fix=d.get("fix"), fact=fact)
