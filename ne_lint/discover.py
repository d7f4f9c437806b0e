"""Paths → article files: explicit files as given, folders searched recursively.

Folders are walked with symlinks followed but each real directory visited once, so a symlink
loop ends instead of recursing forever. Hidden folders, virtual environments, node_modules and
ne-lint's own cache and report folders are skipped, like other linters do.
"""
from __future__ import annotations

import os
from pathlib import Path

from ne_lint.documents.load import FORMATS
from ne_lint.errors import InputError, InputWarning

SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv", "site-packages", ".ne-lint-cache"}


def discover(paths: list[str], exclude=None, include=None) -> tuple[list[Path], list[InputError]]:
    """Article files under `paths`, in a stable order, and an error for each missing path.

    `exclude(path) -> bool` drops any file (configuration globs), named or found; `include(path)`
    chooses which files a folder contributes (by default the article extensions). A file named
    explicitly is linted whatever its extension, as a pre-commit hook expects.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.normpath(str(p))
        if key not in seen and not (exclude and exclude(p)):
            seen.add(key)
            files.append(p)

    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            errors.append(InputError("no such file or directory", path=raw))
            continue
        if p.is_dir():
            visited: set[str] = set()
            for root, dirs, names in os.walk(p, followlinks=True):
                real = os.path.realpath(root)
                if real in visited:
                    dirs[:] = []
                    errors.append(InputWarning("directory symlink loop, not followed again", path=root))
                    continue
                visited.add(real)
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
                for name in sorted(names):
                    candidate = Path(root) / name
                    if include(candidate) if include else Path(name).suffix.lower() in FORMATS:
                        add(candidate)
        elif not p.exists():
            errors.append(InputError("broken symbolic link", path=raw))
        else:
            add(p)
    return files, errors
