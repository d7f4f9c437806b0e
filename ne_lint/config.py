"""Configuration: `[tool.ne-lint]` in pyproject.toml or `.ne-lint.yaml`, found from the working
directory upward, then command-line options on top. Every setting remembers where it came
from, so `ne-lint config` can say why a rule is off.

Keys (hyphens or underscores): facts, select, ignore, per-file-ignores, severity, fail-on,
include, exclude. An unknown key or a bad value is an error naming the file, the line and the key.
"""
from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ne_lint.errors import ConfigError, NeLintError
from ne_lint.yamlload import LineDict, load_yaml_file

CONFIG_NAMES = (".ne-lint.yaml", ".ne-lint.yml", "pyproject.toml")
KEYS = ("facts", "select", "ignore", "per-file-ignores", "severity", "fail-on", "include", "exclude")
FAIL_ON = ("error", "warning", "info", "never")
DEFAULTS: dict[str, Any] = {
    "facts": [], "select": None, "ignore": [], "per-file-ignores": {}, "severity": {}, "fail-on": "error",
    "include": ["*.md", "*.markdown", "*.html", "*.htm", "*.txt"], "exclude": [],
}


@dataclass
class Config:
    values: dict[str, Any] = field(default_factory=lambda: {k: (list(v) if isinstance(v, list) else
                                                                  dict(v) if isinstance(v, dict) else v)
                                                              for k, v in DEFAULTS.items()})
    origins: dict[str, str] = field(default_factory=lambda: {k: "default" for k in DEFAULTS})
    path: Path | None = None  # the config file, when there is one
    root: Path = field(default_factory=Path.cwd)  # globs and fact paths are relative to this

    def set(self, key: str, value: Any, origin: str) -> None:
        self.values[key] = value
        self.origins[key] = origin

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    # ---- paths -----------------------------------------------------------------------------
    def relative(self, path: Path | str) -> str:
        p = Path(path).resolve()
        try:
            return p.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def excluded(self, path: Path | str) -> bool:
        rel = self.relative(path)
        return any(_glob(rel, pattern) for pattern in self.values["exclude"])

    def included(self, path: Path | str) -> bool:
        rel = self.relative(path)
        return any(_glob(rel, pattern) for pattern in self.values["include"])

    def ignored_for(self, path: Path | str) -> list[str]:
        rel = self.relative(path)
        out: list[str] = []
        for pattern, rules in self.values["per-file-ignores"].items():
            if _glob(rel, pattern):
                out.extend(rules)
        return out


def _glob(rel: str, pattern: str) -> bool:
    """A glob against a relative path: 'drafts/**' or '*.md' (a bare pattern matches any folder)."""
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*"):
        return True
    if "/" not in pattern:
        return fnmatch.fnmatch(rel.rsplit("/", 1)[-1], pattern) or any(
            fnmatch.fnmatch(part, pattern) for part in rel.split("/")[:-1])
    return fnmatch.fnmatch(rel, pattern.replace("**/", "*/")) if "**/" in pattern else False


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "ne-lint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
        return "[tool.ne-lint]" in path.read_text(encoding="utf-8", errors="replace")


def _line_of_key(path: Path, key: str) -> int | None:
    try:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip().replace("_", "-")
            if stripped.startswith(key.replace("_", "-")) and "=" in stripped:
                return i
    except OSError:
        pass
    return None


def _read(path: Path) -> tuple[dict, dict[str, int]]:
    """The raw settings mapping of a config file, and the line of each key."""
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None)
            raise ConfigError(f"malformed TOML: {exc}", path=str(path), line=line) from None
        except UnicodeDecodeError:
            raise ConfigError("not UTF-8", path=str(path)) from None
        table = data.get("tool", {}).get("ne-lint", {})
        if not isinstance(table, dict):
            raise ConfigError("[tool.ne-lint] must be a table", path=str(path))
        return table, {k: _line_of_key(path, k) or 1 for k in table}
    try:
        data = load_yaml_file(path)
    except NeLintError as exc:
        raise ConfigError(exc.message, path=exc.path, line=exc.line) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ConfigError("expected a mapping of settings", path=str(path), line=getattr(data, "line", 1))
    lines = data.key_lines if isinstance(data, LineDict) else {}
    return dict(data), dict(lines)


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """Defaults, overlaid by the config file found from `start` upward (or `explicit`)."""
    config = Config()
    path = explicit or find_config(start)
    if path is None:
        return config
    if not path.is_file():
        raise ConfigError("no such configuration file", path=str(path))
    config.path = path
    config.root = path.parent.resolve()
    raw, lines = _read(path)
    for key, value in raw.items():
        norm = str(key).replace("_", "-")
        line = lines.get(key, 1)

        def bad(message: str) -> ConfigError:
            return ConfigError(message, path=str(path), line=line)

        if norm not in KEYS:
            raise bad(f"unknown key {key!r} (known: {', '.join(KEYS)})")
        origin = f"{path}:{line}"
        if norm in ("select", "ignore", "include", "exclude", "facts"):
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad(f"{key!r} must be a list of strings")
            if norm == "facts":
                value = [str((config.root / v).resolve()) for v in value]
            config.set(norm, list(value), origin)
        elif norm == "per-file-ignores":
            if not isinstance(value, dict) or not all(
                    isinstance(k, str) and (isinstance(v, list) and all(isinstance(x, str) for x in v) or isinstance(v, str))
                    for k, v in value.items()):
                raise bad(f"{key!r} must map globs to lists of rule ids")
            config.set(norm, {k: ([x.strip() for x in v.split(",")] if isinstance(v, str) else list(v))
                              for k, v in value.items()}, origin)
        elif norm == "severity":
            if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                raise bad(f"{key!r} must map rule ids to error, warning or info")
            for rule, sev in value.items():
                if sev not in ("error", "warning", "info"):
                    raise bad(f"severity of {rule!r} must be error, warning or info, not {sev!r}")
            config.set(norm, dict(value), origin)
        elif norm == "fail-on":
            if value not in FAIL_ON:
                raise bad(f"'fail-on' must be one of {', '.join(FAIL_ON)}, not {value!r}")
            config.set(norm, value, origin)
    return config


def describe(config: Config) -> str:
    """`ne-lint config`: each setting, its value, and where it came from."""
    lines = [f"config file: {config.path or '(none found; defaults)'}", f"root: {config.root}"]
    for key in KEYS:
        value = config.values[key]
        shown = "all rules" if key == "select" and value is None else value
        lines.append(f"{key} = {shown!r}    # {config.origins[key]}")
    return "\n".join(lines)
