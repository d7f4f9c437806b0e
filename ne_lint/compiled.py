"""Compiled forms of the fact file and the pipeline, kept between runs.

Parsing and validating ~30,000 lines of YAML takes about two seconds and compiling the
matchers about one: too slow for a pre-commit hook that lints one article. Both results are
pickled into the user cache (the folder `ne_lint.lexicon.cache_dir()` names), keyed by a hash of
every fact file's path and bytes, ne-lint's own code, and the versions of spaCy and the
lexicons, so any change to any of them simply misses. Only a fact file that loads without
errors is cached; `ne-lint facts check` always reads the YAML. The files are written by ne-lint
itself, atomically; a corrupt or unreadable one is a miss, and a read-only home just means no
cache. One file per kind is kept: a new one replaces the old.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from ne_lint.cache import code_digest


def key_for(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in (code_digest(), *parts):
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:32]


def files_key(paths: list[Path], *extra: str) -> str:
    """A key over the paths and bytes of files (the fact files of every layer)."""
    parts: list[str | bytes] = list(extra)
    for p in paths:
        parts.append(str(p))
        parts.append(p.read_bytes())
    return key_for(*parts)


def _path(kind: str, key: str) -> Path:
    from ne_lint.lexicon import cache_dir

    return cache_dir() / f"{kind}-{key}.pickle"


def read(kind: str, key: str) -> Any | None:
    try:
        with open(_path(kind, key), "rb") as fh:
            return pickle.load(fh)  # noqa: S301 - written by ne-lint itself
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def write(kind: str, key: str, value: Any) -> None:
    target = _path(kind, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{kind}-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
        for old in target.parent.glob(f"{kind}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # no cache: slower, still correct
