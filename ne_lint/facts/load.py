"""Find, parse, validate and merge fact files into one `Facts`.

Validation happens in two passes, both reported as file:line: the schema (types, required and
unknown keys) on each file, then the merged whole (ids that point nowhere, a name claimed by two
entries, parent cycles, bad regular expressions, empty ranges). `load_facts` stops at the first
error because checks cannot trust a broken file; `check_fact_files` collects every problem.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import jsonschema

from ne_lint.errors import FactFileError, NeLintError
from ne_lint.facts import model
from ne_lint.facts.schema import FACT_FILE
from ne_lint.yamlload import LineDict, LineList, load_yaml_file

BUILTIN_RULES = Path(__file__).resolve().parent.parent / "rules"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def builtin_rules_dir() -> Path:
    """The shipped fact files: packaged beside the code, or the repository's rules/ folder."""
    if BUILTIN_RULES.is_dir():
        return BUILTIN_RULES
    return Path(__file__).resolve().parents[2] / "rules"


def fact_files(path: Path) -> list[Path]:
    """A YAML file, or every .yaml/.yml file under a folder in sorted order."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if not path.exists():
        raise FactFileError("no such fact file or folder", path=str(path))
    return [path]


_VALIDATOR = jsonschema.Draft202012Validator(FACT_FILE)


def _line_at(data: Any, path: Iterable) -> int:
    """The line of the deepest node along a jsonschema error path."""
    node, line = data, getattr(data, "line", 1)
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line = node.line_of(step)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line = node.line_of(step)
            node = node[step]
        else:
            break
        line = getattr(node, "line", line) or line
    return line


def _schema_message(error: jsonschema.ValidationError) -> str:
    where = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"unknown key {', '.join(map(repr, extra))}" + (f" in {where}" if where else "")
    if error.validator == "required":
        return f"{error.message}" + (f" in {where}" if where else "")
    if error.validator == "anyOf":
        return f"{where}: expected a name or {{name, regions}}, got {error.instance!r}"
    message = error.message
    if isinstance(error.instance, bool) and error.validator == "type":
        message += " (quote it: YAML reads a bare yes/no/on/off/true/false as a boolean)"
    return f"{where}: {message}" if where else message


def validate_file_data(data: Any, path: str) -> list[Problem]:
    if data is None:
        return []
    problems = []
    for error in sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        # an anyOf failure already explains itself; skip its sub-errors
        problems.append(Problem(path, _line_at(data, error.absolute_path), _schema_message(error)))
    return problems


def _build(section: str, entry: dict, origin: model.Origin):
    fields = {k: v for k, v in entry.items()}
    fields["origin"] = origin
    fields = {k: (list(v) if isinstance(v, list) else v) for k, v in fields.items()}
    if section == "drugs":
        fields["brands"] = [
            model.Brand(b) if isinstance(b, str) else model.Brand(b["name"], tuple(b.get("regions", ())))
            for b in fields.get("brands", [])
        ]
        return model.Drug(**fields)
    cls = {
        "classes": model.DrugClass,
        "conditions": model.Condition,
        "abbreviations": model.Abbreviation,
        "terms": model.Term,
        "units": model.Unit,
        "analytes": model.Analyte,
        "ranges": model.ReferenceRange,
        "boilerplate": model.Boilerplate,
        "doses": model.Dose,
    }[section]
    return cls(**fields)


_MERGEABLE_LISTS = {
    "synonyms", "brands", "ingredients", "classes", "described_as", "indications", "off_label", "contraindications",
    "wrong_uses", "atc", "names", "parents", "member_if_indicated_for", "expansions", "wrong",
    "wrong_if_near", "fine_if_near", "not_followed_by", "sources", "phrases", "regex", "languages", "foreign", "topics", "foreign_if_translated", "route_cues",
}


def _extend(old, new) -> None:
    """A later layer's entry with an existing id extends it: lists are joined, scalars replaced."""
    for name, value in vars(new).items():
        if name in ("id",):
            continue
        if name in _MERGEABLE_LISTS:
            current = getattr(old, name)
            for item in value:
                if item not in current:
                    current.append(item)
        elif value not in (None, "", []):
            setattr(old, name, value)


def _read_layer(paths: list[Path]) -> tuple[list[tuple[str, str, dict, model.Origin]], list[Problem], list[str]]:
    entries, problems, texts = [], [], []
    for file in paths:
        try:
            data = load_yaml_file(file)
        except NeLintError as exc:
            problems.append(Problem(exc.path or str(file), exc.line or 1, exc.message))
            continue
        texts.append(file.read_bytes().hex())
        if data is None:
            continue
        file_problems = validate_file_data(data, str(file))
        if not isinstance(data, dict):
            problems.extend(file_problems or [Problem(str(file), 1, "expected a mapping of sections")])
            continue
        problems.extend(file_problems)
        bad_lines = {p.line for p in file_problems}
        for section, items in data.items():
            if not isinstance(items, list):
                continue
            for index, entry in enumerate(items):
                if not isinstance(entry, dict):
                    continue
                line = items.line_of(index) if isinstance(items, LineList) else 1
                # an entry the schema rejected is left out rather than half-built
                entry_lines = {line, *getattr(entry, "key_lines", {}).values()}
                if entry_lines & bad_lines:
                    continue
                entries.append((section, entry.get("id"), entry, model.Origin(str(file), line)))
    return entries, problems, texts


def load_layers(layers: list[list[Path]]) -> tuple[model.Facts, list[Problem]]:
    """Merge layers (built-in first, then each user fact path) into one `Facts`."""
    facts = model.Facts()
    problems: list[Problem] = []
    digest = hashlib.sha256()
    for layer in layers:
        entries, layer_problems, texts = _read_layer(layer)
        problems.extend(layer_problems)
        for text in texts:
            digest.update(text.encode())
        facts.files.extend(str(p) for p in layer)
        seen_in_layer: dict[tuple[str, str], model.Origin] = {}
        for section, entry_id, entry, origin in entries:
            obj = _build(section, entry, origin)
            table = getattr(facts, section)
            key = (section, entry_id)
            if key in seen_in_layer:
                problems.append(Problem(origin.path, origin.line,
                                        f"duplicate {section} id {entry_id!r} (first at {seen_in_layer[key]})"))
                continue
            seen_in_layer[key] = origin
            if entry_id in table:
                _extend(table[entry_id], obj)
            else:
                table[entry_id] = obj
    facts.digest = digest.hexdigest()
    problems.extend(semantic_problems(facts))
    return facts, problems


def _ref_problems(facts: model.Facts) -> Iterable[Problem]:
    def check(origin, what, ids, table, kind):
        for ref in ids:
            if ref not in table:
                yield Problem(origin.path, origin.line, f"{what} refers to unknown {kind} {ref!r}")

    for d in facts.drugs.values():
        yield from check(d.origin, f"drug {d.id!r} classes", d.classes, facts.classes, "class")
        yield from check(d.origin, f"drug {d.id!r} described_as", d.described_as, facts.classes, "class")
        yield from check(d.origin, f"drug {d.id!r} ingredients", d.ingredients, facts.drugs, "drug")
        for k in ("indications", "off_label", "contraindications", "wrong_uses"):
            yield from check(d.origin, f"drug {d.id!r} {k}", getattr(d, k), facts.conditions, "condition")
        used = set(d.indications) | set(d.off_label)
        for bad in (set(d.contraindications) | set(d.wrong_uses)) & used:
            yield Problem(d.origin.path, d.origin.line, f"drug {d.id!r}: {bad!r} is listed both as a use and as wrong or contraindicated")
    for c in facts.classes.values():
        yield from check(c.origin, f"class {c.id!r} parents", c.parents, facts.classes, "class")
        for k in ("indications", "off_label", "contraindications", "wrong_uses", "member_if_indicated_for"):
            yield from check(c.origin, f"class {c.id!r} {k}", getattr(c, k), facts.conditions, "condition")
        if c.id in set().union(*(facts.class_ancestors(p) for p in c.parents)) if c.parents else False:
            yield Problem(c.origin.path, c.origin.line, f"class {c.id!r} is its own ancestor")
    for c in facts.conditions.values():
        yield from check(c.origin, f"condition {c.id!r} parents", c.parents, facts.conditions, "condition")
    for a in facts.abbreviations.values():
        for ref in a.topics:
            if ref not in facts.conditions and ref not in facts.classes:
                yield Problem(a.origin.path, a.origin.line,
                              f"abbreviation {a.id!r} topics refers to unknown condition or class {ref!r}")
    for r in facts.ranges.values():
        yield from check(r.origin, f"range {r.id!r} analyte", [r.analyte], facts.analytes, "analyte")
        yield from check(r.origin, f"range {r.id!r} unit", [r.unit], facts.units, "unit")
        if r.low > r.high:
            yield Problem(r.origin.path, r.origin.line, f"range {r.id!r}: low {r.low} is above high {r.high}")
    for d in facts.doses.values():
        yield from check(d.origin, f"dose {d.id!r} drug", [d.drug], facts.drugs, "drug")
        yield from check(d.origin, f"dose {d.id!r} unit", [d.unit], facts.units, "unit")
        unit = facts.units.get(d.unit)
        if unit is not None and unit.dimension != "mass":
            yield Problem(d.origin.path, d.origin.line, f"dose {d.id!r}: unit {d.unit!r} is not a mass unit")
        if d.low > d.high:
            yield Problem(d.origin.path, d.origin.line, f"dose {d.id!r}: low {d.low} is above high {d.high}")


def _name_problems(facts: model.Facts) -> Iterable[Problem]:
    """A name claimed by two entries of the same kind makes lookups ambiguous."""
    claims: dict[str, list[tuple[str, model.Origin]]] = {}

    def claim(name: str, who: str, origin: model.Origin) -> None:
        claims.setdefault(name.lower(), [])
        if all(w != who for w, _ in claims[name.lower()]):
            claims[name.lower()].append((who, origin))

    for d in facts.drugs.values():
        for n in d.generic_names + [b.name for b in d.brands]:
            claim(n, f"drug {d.id}", d.origin)
    for c in facts.classes.values():
        for n in [c.name, *c.names]:
            claim(n, f"class {c.id}", c.origin)
    for name, owners in sorted(claims.items()):
        if len(owners) > 1:
            first = owners[0]
            for who, origin in owners[1:]:
                yield Problem(origin.path, origin.line,
                              f"name {name!r} of {who} is also claimed by {first[0]} ({first[1]})", "warning")
    cond_claims: dict[str, tuple[str, model.Origin]] = {}
    for c in facts.conditions.values():
        for n in {c.name.lower(), *(x.lower() for x in c.names)}:
            if n in cond_claims and cond_claims[n][0] != c.id:
                yield Problem(c.origin.path, c.origin.line,
                              f"condition name {n!r} of {c.id!r} is also claimed by {cond_claims[n][0]!r} ({cond_claims[n][1]})",
                              "warning")
            cond_claims.setdefault(n, (c.id, c.origin))


def _pattern_problems(facts: model.Facts) -> Iterable[Problem]:
    for b in facts.boilerplate.values():
        for rx in b.regex:
            try:
                re.compile(rx)
            except re.error as exc:
                yield Problem(b.origin.path, b.origin.line, f"boilerplate {b.id!r}: bad regex {rx!r}: {exc}")
        if not b.phrases and not b.regex:
            yield Problem(b.origin.path, b.origin.line, f"boilerplate {b.id!r} has neither phrases nor regex")


def semantic_problems(facts: model.Facts) -> list[Problem]:
    return [*_ref_problems(facts), *_name_problems(facts), *_pattern_problems(facts)]


def layers_for(extra: list[Path] | None = None, builtin: bool = True) -> list[list[Path]]:
    layers = [fact_files(builtin_rules_dir())] if builtin else []
    for p in extra or []:
        layers.append(fact_files(Path(p)))
    return layers


def load_facts(extra: list[Path] | None = None, use_cache: bool = True) -> model.Facts:
    """The built-in fact file extended by the user's; the first error raises `FactFileError`.

    A fact file set that loaded cleanly before is read from its compiled pickle (see
    `ne_lint.compiled`): the same files, bytes and code give the same `Facts`.
    """
    from ne_lint import compiled

    layers = layers_for(extra)
    key = None
    if use_cache:
        try:
            key = compiled.files_key([p for layer in layers for p in layer], "facts", str(len(layers)))
        except OSError:
            key = None  # a file vanished or is unreadable: the normal path reports it
        cached = compiled.read("facts", key) if key else None
        if isinstance(cached, model.Facts):
            return cached
    facts, problems = load_layers(layers)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more; run `ne-lint facts check`)" if len(errors) > 1 else ""
        raise FactFileError(first.message + more, path=first.path, line=first.line)
    if key:
        compiled.write("facts", key, facts)
    return facts


def coverage(facts: model.Facts) -> dict[str, int]:
    return {
        "drugs": len(facts.drugs),
        "brands": sum(len(d.brands) for d in facts.drugs.values()),
        "classes": len(facts.classes),
        "conditions": len(facts.conditions),
        "abbreviations": len(facts.abbreviations),
        "terms": len(facts.terms),
        "units": len(facts.units),
        "analytes": len(facts.analytes),
        "ranges": len(facts.ranges),
        "boilerplate": len(facts.boilerplate),
        "doses": len(facts.doses),
    }
