"""YAML loading that remembers line numbers, so every problem can be reported as file:line.

PyYAML's safe loader forgets where a value came from. Fact files and configuration files are
edited by people, and "the third brand of the 40th drug is not a string" is useless without a
line; so mappings and sequences are built as `LineDict` / `LineList`, which keep the 1-based
line of themselves and of each key or item.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ne_lint.errors import NeLintError


class LineDict(dict):
    """A dict that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader whose mappings and sequences carry line numbers; duplicate keys are errors."""

    def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML hook
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping but found {node.id}", node.start_mark)
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    "found an unhashable key", key_node.start_mark) from None
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node, deep=False):  # noqa: D102 - PyYAML hook
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


def _construct_map(loader, node):
    return loader.construct_mapping(node, deep=True)


def _construct_seq(loader, node):
    return loader.construct_sequence(node, deep=True)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def load_yaml_text(text: str, path: str) -> Any:
    """Parse YAML text; a syntax error becomes an `NeLintError` with file:line and the reason."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "malformed YAML"
        raise NeLintError(f"malformed YAML: {reason}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise NeLintError(f"malformed YAML: {exc}", path=path) from None


def load_yaml_file(path: Path) -> Any:
    """Read and parse a YAML file; unreadable or non-UTF-8 files are `NeLintError`s."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NeLintError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise NeLintError("is a directory, expected a YAML file", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise NeLintError(f"not UTF-8 text (byte {exc.start})", path=str(path)) from None
    except OSError as exc:
        raise NeLintError(f"cannot read: {exc.strerror}", path=str(path)) from None
    return load_yaml_text(text, str(path))
