"""Errors that end a run with exit code 2: bad input, bad configuration, bad usage.

Each carries one line that names the file (or option) and the problem, so the CLI can print it
without a traceback. Anything else that escapes is a bug in ne-lint, not in the user's input.
"""
from __future__ import annotations


class NeLintError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(NeLintError):
    """An article that cannot be read (missing, binary, not UTF-8, unreadable)."""


class InputWarning(InputError):
    """A problem met while reading input that leaves the run's result complete (a directory
    symlink loop: every real file was still linted once). Printed, but no exit code 2."""


def is_fatal(err: NeLintError) -> bool:
    """Whether an input problem makes the run's result untrustworthy (exit code 2)."""
    return not isinstance(err, InputWarning)


class FactFileError(NeLintError):
    """A fact file that cannot be loaded (malformed YAML, wrong types, unknown keys)."""


class ConfigError(NeLintError):
    """A configuration file or option with a bad key or value."""
