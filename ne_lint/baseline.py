"""Baselines: adopt ne-lint on a repository full of old articles without fixing them all first.

`--write-baseline FILE` records every current finding; `--baseline FILE` then reports only
findings that are not in it. An entry is matched by path, rule, the flagged text and the
line it sits on (whitespace-normalised), never by line number, so entries survive edits
elsewhere in the file. Identical findings are counted, so a second copy of an old error is new.
Rewriting the baseline drops entries whose findings were fixed.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from ne_lint.errors import ConfigError
from ne_lint.finding import Finding

VERSION = 1


def _norm(text: str) -> str:
    return " ".join(text.split())


def _rel(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:
        return Path(path).as_posix()


def key(f: Finding, base: Path) -> tuple[str, str, str, str]:
    return (_rel(f.path, base), f.rule, _norm(f.excerpt), _norm(f.context))


def write_baseline(path: Path, results) -> int:
    base = path.parent
    entries = []
    for r in results:
        for f in r.findings:
            p, rule, excerpt, context = key(f, base)
            entries.append({"path": p, "rule": rule, "excerpt": excerpt, "context": context})
    entries.sort(key=lambda e: (e["path"], e["rule"], e["context"], e["excerpt"]))
    data = {"version": VERSION, "tool": "ne-lint", "entries": entries}
    from ne_lint.report import write_atomic

    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return len(entries)


class Baseline:
    def __init__(self, path: Path):
        self.path = path
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError("no such baseline file (create it with --write-baseline)", path=str(path)) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"not a ne-lint baseline: {exc}", path=str(path)) from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
            raise ConfigError(f"not a ne-lint baseline (version {VERSION} expected)", path=str(path))
        self.counts: Counter = Counter()
        for e in data["entries"]:
            try:
                self.counts[(e["path"], e["rule"], e["excerpt"], e["context"])] += 1
            except (KeyError, TypeError):
                raise ConfigError("malformed baseline entry", path=str(path)) from None

    def filter(self, findings: list[Finding]) -> tuple[list[Finding], int]:
        """Findings not in the baseline, and how many were baselined."""
        left = Counter(self.counts)
        kept, baselined = [], 0
        for f in findings:
            k = key(f, self.path.parent)
            if left[k] > 0:
                left[k] -= 1
                baselined += 1
            else:
                kept.append(f)
        return kept, baselined
