"""The one-way flow: paths → documents → nlp → checks → suppression → (baseline) → reporters.

The engine knows nothing of the command line; the CLI builds `Settings` (configuration file
plus options) and calls `Linter.lint_paths`. Input problems (a missing path, a binary file) are
collected, not raised, so the other files of the run are still linted.

Raw findings (every selected check, before per-file ignores, severities and suppression) are
cached per file content. Files that miss the cache are parsed and analysed in batches; with
`jobs > 1` the batches (their bytes) go to forked worker processes that inherit the already-built
pipeline and return documents and findings, which are put back in input order, so output is the
same whatever the number of jobs.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ne_lint.cache import Cache
from ne_lint.checks import ALL_CHECKS, CheckContext, rule_ids
from ne_lint.config import Config
from ne_lint.discover import discover
from ne_lint.documents import Document
from ne_lint.documents.load import decode, format_for, parse_source
from ne_lint.errors import ConfigError, InputError, NeLintError
from ne_lint.facts.load import load_facts
from ne_lint.facts.model import Facts
from ne_lint.finding import SEVERITIES, Finding
from ne_lint.suppress import UNUSED_RULE, apply_suppressions

BATCH = 32  # documents per nlp.pipe stream and per worker task: bounds memory on large corpora
MAX_BYTES = 50_000_000  # an "article" larger than this is not one


@dataclass
class Settings:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    facts: list[Path] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    config: Config | None = None
    jobs: int = 1
    cache: bool = False
    cache_root: Path | None = None

    def validate(self) -> None:
        known = set(rule_ids())

        def check(option: str, values) -> None:
            for rule in values:
                if rule not in known and not any(k.startswith(rule + ".") for k in known):
                    raise ConfigError(f"{option}: unknown rule {rule!r} (known: {', '.join(sorted(known))})")

        check("--select", self.select or [])
        check("--ignore", self.ignore)
        check("severity", list(self.severity))
        if self.config:
            for pattern, rules in self.config["per-file-ignores"].items():
                check(f"per-file-ignores[{pattern!r}]", rules)
        for rule, sev in self.severity.items():
            if sev not in SEVERITIES:
                raise ConfigError(f"severity for {rule!r} must be one of {', '.join(SEVERITIES)}, not {sev!r}")

    def rule_on(self, rule: str, extra_ignores: list[str] | None = None) -> bool:
        def matches(pattern: str) -> bool:
            return rule == pattern or rule.startswith(pattern + ".")

        if self.select is not None and not any(matches(s) for s in self.select):
            return False
        return not any(matches(i) for i in (*self.ignore, *(extra_ignores or ())))

    def severity_for(self, finding: Finding) -> str:
        for rule in (finding.rule, finding.rule.split(".")[0]):
            if rule in self.severity:
                return self.severity[rule]
        return finding.severity


@dataclass
class FileResult:
    path: str
    findings: list[Finding]
    document: Document | None = None
    suppressed: int = 0
    baselined: int = 0
    read_bytes: bytes = b""
    cached: bool = False


@dataclass
class RunResult:
    files: list[FileResult]
    errors: list[NeLintError]

    @property
    def suppressed(self) -> int:
        return sum(f.suppressed for f in self.files)

    @property
    def baselined(self) -> int:
        return sum(f.baselined for f in self.files)


@dataclass
class _Loaded:
    path: Path
    display: str
    data: bytes
    key: str = ""  # the result-cache key of these bytes under these settings


_WORKER: "Linter | None" = None  # set before forking: workers inherit the built pipeline


def _work(batch: list["_Loaded"]) -> list:
    """In a worker: parse and analyse a batch of files (parsing here too, so it runs in parallel)."""
    assert _WORKER is not None
    return _WORKER.parse_and_analyse(batch)


class Linter:
    """Facts, the spaCy pipeline and the checks, built once and reused for every file."""

    def __init__(self, settings: Settings, facts: Facts | None = None):
        settings.validate()
        self.settings = settings
        self.facts = facts or load_facts(settings.facts)
        self._analyzer = None
        self.context = CheckContext(self.facts)
        self.checks = [c for c in ALL_CHECKS if any(settings.rule_on(r) for r in (c.id, *c.codes))]

    @property
    def analyzer(self):
        if self._analyzer is None:
            from ne_lint.nlp import Analyzer

            self._analyzer = _cached_analyzer(self.facts, lambda: Analyzer(
                self.facts, common_words=self.context.lexicon.brand_guard_words))
        return self._analyzer

    # ---- analysis --------------------------------------------------------------------------
    def raw_findings(self, documents: list[Document]) -> list[list[Finding]]:
        """Every selected check's findings for each document, before configuration and suppression."""
        out = []
        for adoc in self.analyzer.analyze(documents):
            findings = []
            for check in self.checks:
                findings.extend(check.run(adoc, self.context))
            out.append(findings)
        return out

    def lint_documents(self, documents: list[Document]) -> list[FileResult]:
        """Lint parsed documents (no cache, no parallelism): the tests' and library users' door."""
        results = []
        for i in range(0, len(documents), BATCH):
            batch = documents[i:i + BATCH]
            for doc, raw in zip(batch, self.raw_findings(batch)):
                results.append(self.post_process(doc, raw))
        return results

    def post_process(self, doc: Document, raw: list[Finding], baseline=None) -> FileResult:
        """Configuration (select, per-file ignores, severities), suppression, baseline, positions."""
        extra = self.settings.config.ignored_for(doc.path) if self.settings.config else []
        selected = [f for f in raw if self.settings.rule_on(f.rule, extra)]
        placed = finalize(doc, selected, self.settings)
        sup = apply_suppressions(doc, placed)
        kept = sup.kept
        unused = []
        if self.settings.rule_on(UNUSED_RULE, extra):
            for d in sup.unused:
                if d.rules and not any(self.settings.rule_on(r, extra) for r in d.rules):
                    continue  # it names only rules that are off anyway
                what = "all rules" if d.rules is None else ", ".join(sorted(d.rules))
                unused.append(Finding(rule=UNUSED_RULE, severity="info", path=doc.path, start=d.start, end=d.end,
                                      message=f"'{d.text}' suppresses nothing ({what})",
                                      suggestion="remove the directive", fix=None))
        kept = kept + finalize(doc, unused, self.settings)
        kept.sort(key=Finding.sort_key)
        baselined = 0
        if baseline is not None:
            kept, baselined = baseline.filter(kept)
        return FileResult(doc.path, kept, doc, suppressed=sup.suppressed, baselined=baselined)

    # ---- files -----------------------------------------------------------------------------
    def _load(self, path: Path, errors: list[NeLintError]) -> _Loaded | None:
        display = str(path)
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise InputError(f"too large for an article ({size:,} bytes; limit {MAX_BYTES:,})", path=display)
            data = path.read_bytes()
        except FileNotFoundError:
            errors.append(InputError("no such file", path=display))
            return None
        except IsADirectoryError:
            errors.append(InputError("is a directory", path=display))
            return None
        except PermissionError:
            errors.append(InputError("permission denied", path=display))
            return None
        except InputError as exc:
            errors.append(exc)
            return None
        except OSError as exc:
            errors.append(InputError(f"cannot read: {exc.strerror or exc}", path=display))
            return None
        return _Loaded(path, display, data)

    def _parse(self, item: _Loaded, errors: list[NeLintError]) -> Document | None:
        try:
            text, bom, newline = decode(item.data, item.display)
            doc = parse_source(item.display, text, format_for(item.path))
        except NeLintError as exc:
            errors.append(exc)
            return None
        except RecursionError:  # pragma: no cover - the parsers do not recurse; a guard all the same
            errors.append(InputError("too deeply nested to parse", path=item.display))
            return None
        doc.has_bom, doc.newline = bom, newline
        return doc

    def lint_paths(self, paths: list[str], baseline=None, progress: Callable[[int, int], None] | None = None) -> RunResult:
        config = self.settings.config
        exclude = config.excluded if config else None
        include = config.included if config else None
        files, errors = discover(paths, exclude=exclude, include=include)
        cache = Cache(self.settings.cache_root or (config.root if config else Path.cwd()), self.settings.cache)
        check_ids = [c.id for c in self.checks]
        loaded: list[_Loaded] = []
        for path in files:
            item = self._load(path, errors)
            if item is not None:
                item.key = cache.key(item.data, self.facts.digest, check_ids, format_for(path))
                loaded.append(item)
        raw: dict[int, tuple[list[Finding], list]] = {}
        docs: dict[int, Document] = {}
        todo: list[int] = []
        for i, item in enumerate(loaded):
            hit = cache.get(item.key)
            if hit is not None:
                try:
                    text, bom, newline = decode(item.data, item.display)
                except NeLintError as exc:
                    errors.append(exc)
                    continue
                doc = Document(item.display, text, format_for(item.path), comments=hit[1], has_bom=bom, newline=newline)
                docs[i] = doc
                raw[i] = hit
            else:
                todo.append(i)
        done = len(raw)
        total = len(raw) + len(todo)
        if progress:
            progress(done, total)
        for i, outcome in self._analyse([loaded[i] for i in todo], progress, done, total):
            index = todo[i]
            if isinstance(outcome, NeLintError):
                errors.append(outcome)
                continue
            doc, findings = outcome
            docs[index] = doc
            raw[index] = (findings, doc.comments)
            cache.put(loaded[index].key, findings, doc.comments)
        results = []
        for i in sorted(docs):
            doc = docs[i]
            result = self.post_process(doc, raw[i][0], baseline)
            result.read_bytes = loaded[i].data
            result.cached = i not in todo
            results.append(result)
        self.cache = cache
        errors.sort(key=lambda e: e.path or "")
        return RunResult(results, errors)

    def parse_and_analyse(self, items: list[_Loaded]) -> list:
        """For each file: its input error, or (document, raw findings)."""
        out: list = [None] * len(items)
        parsed: list[tuple[int, Document]] = []
        for k, item in enumerate(items):
            errs: list[NeLintError] = []
            doc = self._parse(item, errs)
            if doc is None:
                out[k] = errs[0] if errs else InputError("cannot parse", path=item.display)
            else:
                parsed.append((k, doc))
        for (k, doc), findings in zip(parsed, self.raw_findings([d for _, d in parsed])):
            out[k] = (doc, findings)
        return out

    def _analyse(self, items: list[_Loaded], progress, done: int, total: int):
        """(position, error or (document, raw findings)) for each file, in any order. With jobs > 1
        the batches go to forked workers that parse and analyse; only bytes travel to them."""
        batches = [list(range(i, min(i + BATCH, len(items)))) for i in range(0, len(items), BATCH)]
        jobs = max(1, min(self.settings.jobs, len(batches)))
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            global _WORKER
            _ = self.analyzer  # build once, before forking, so every worker inherits it
            _WORKER = self
            import gc

            gc.freeze()  # the pipeline and facts stay shared with the workers instead of being copied on write
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(jobs) as pool:
                pending = [(b, pool.apply_async(_work, ([items[i] for i in b],))) for b in batches]
                for b, res in pending:
                    for i, out in zip(b, res.get()):
                        yield i, out
                    done += len(b)
                    if progress:
                        progress(done, total)
            _WORKER = None
            gc.unfreeze()
            return
        for b in batches:
            for i, out in zip(b, self.parse_and_analyse([items[i] for i in b])):
                yield i, out
            done += len(b)
            if progress:
                progress(done, total)


def _cached_analyzer(facts: Facts, build):
    """The name look-ups compiled for these facts: unpickled (a few ms; the pipeline itself is built
    afresh, 0.1 s) rather than compiled (1 s)."""
    import spacy

    from ne_lint import compiled
    from ne_lint.lexicon import _versions

    key = compiled.key_for("analyzer", facts.digest, spacy.__version__, _versions())
    analyzer = compiled.read("analyzer", key)
    if analyzer is None or not hasattr(analyzer, "lower_index"):
        analyzer = build()
        compiled.write("analyzer", key, analyzer)
    analyzer.facts = facts  # the same facts as the checks', not an unpickled copy
    return analyzer


def finalize(doc: Document, findings, settings: Settings) -> list[Finding]:
    """Place findings in the source (line, column, excerpt), apply severities, sort, dedupe."""
    out, seen = [], set()
    for f in findings:
        f.path = doc.path
        f.severity = settings.severity_for(f)
        f.line, f.column = doc.position(f.start)
        f.end_line, f.end_column = doc.position(f.end)
        f.excerpt = doc.source[f.start:f.end]
        f.context = _context(doc, f)
        key = (f.rule, f.start, f.end, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    out.sort(key=Finding.sort_key)
    return out


CONTEXT_CHARS = 120


def _context(doc: Document, f: Finding) -> str:
    """The finding's source line, clipped to `CONTEXT_CHARS` on each side of the span: what a
    baseline matches besides the excerpt (a window, so a 3 MB one-line page costs nothing)."""
    line_start = doc.offset(f.line, 1)
    line_end = doc.source.find("\n", f.start)
    line_end = len(doc.source) if line_end < 0 else line_end
    lo = max(line_start, f.start - CONTEXT_CHARS)
    hi = min(line_end, max(f.end, f.start) + CONTEXT_CHARS) if f.end <= line_end else line_end
    return doc.source[lo:hi].rstrip("\r")


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def stderr_progress(done: int, total: int) -> None:
    """A one-line progress counter on stderr, for long runs in a terminal."""
    if total < 50:
        return
    width = 30
    filled = int(width * done / total) if total else width
    sys.stderr.write(f"\rne-lint [{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
    if done >= total:
        sys.stderr.write("\r" + " " * (width + 40) + "\r")
    sys.stderr.flush()
