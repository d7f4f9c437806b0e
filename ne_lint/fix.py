"""`--fix` and `--diff`: apply the safe, exact corrections findings carry.

Only findings with a `fix` (one exact replacement for their span) are applied: spellings of
drug names, a scrambled abbreviation back to the one defined, a stray space, a doubled word,
a unit symbol, a credit line. Suggestions that need judgement have no `fix` and are never
applied. Overlapping fixes are applied first come, first served; the rest wait for the next
run. A deletion that empties a whole line removes the line.

Writing keeps what the file was: its encoding (UTF-8), byte-order mark, line endings and mode.
It goes through a temporary file and a rename, so a crash never leaves half a file, and it is
refused when the file changed on disk since ne-lint read it.
"""
from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ne_lint.errors import InputError


@dataclass
class FixResult:
    path: str
    original: str  # the normalised text ne-lint read
    fixed: str
    applied: int


def apply_fixes(source: str, findings) -> tuple[str, int]:
    """The source with every non-overlapping fix applied, and how many were."""
    edits = []
    last_end = -1
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end)):
        start, end, text = f.start, f.end, f.fix
        if start < last_end:
            continue
        if text == "":
            line_start = source.rfind("\n", 0, start) + 1
            line_end = source.find("\n", end)
            line_end = len(source) if line_end < 0 else line_end
            if not source[line_start:start].strip() and not source[end:line_end].strip():
                start, end = line_start, min(line_end + 1, len(source))
        edits.append((start, end, text))
        last_end = end
    out = source
    for start, end, text in reversed(edits):
        out = out[:start] + text + out[end:]
    return out, len(edits)


def unified_diff(result: FixResult) -> str:
    return "".join(difflib.unified_diff(result.original.splitlines(keepends=True),
                                        result.fixed.splitlines(keepends=True),
                                        fromfile=f"a/{result.path}", tofile=f"b/{result.path}"))


def write_fixed(path: Path, document, fixed: str, read_bytes: bytes) -> None:
    """Write `fixed` over `path` atomically, as the file was encoded, unless it changed meanwhile."""
    try:
        current = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot re-read before fixing: {exc.strerror}", path=str(path)) from None
    if current != read_bytes:
        raise InputError("changed on disk while ne-lint was running; not fixed (run again)", path=str(path))
    text = fixed.replace("\n", document.newline) if document.newline != "\n" else fixed
    data = ("\ufeff" if document.has_bom else "").encode("utf-8") + text.encode("utf-8")
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".ne-lint-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
