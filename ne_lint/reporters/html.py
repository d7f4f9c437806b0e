"""Annotated HTML reports for editors: the article as written, every finding highlighted in place.

One self-contained page per article (inline CSS and JS, no network) and an index page. Jinja2
renders with autoescape on, so article text and fact text that contain `<script>` appear as
text. Highlights are computed here, not in the browser: the source is cut at every finding
boundary, line by line, and each piece carries the ids of the findings that cover it, so
overlapping findings stay exact.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, select_autoescape

from ne_lint import __version__
from ne_lint.checks import get_check

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Piece:
    text: str
    findings: list[int] = field(default_factory=list)
    severity: str = ""
    anchor: int | None = None  # the finding whose first piece this is


@dataclass
class Line:
    number: int
    pieces: list[Piece]


def _env() -> Environment:
    env = Environment(loader=PackageLoader("ne_lint", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    return env


def _worst(severities) -> str:
    return min(severities, key=lambda s: SEVERITY_ORDER.get(s, 9)) if severities else ""


def annotate(source: str, findings) -> list[Line]:
    """Cut the source into lines of pieces, each piece knowing which findings cover it."""
    lines: list[Line] = []
    starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            starts.append(i + 1)
    spans = []
    for idx, f in enumerate(findings):
        s, e = f.start, f.end
        if e <= s:
            e = min(s + 1, len(source))  # an empty span still marks its character
        spans.append((s, e, idx))
    first_piece_seen: set[int] = set()
    for ln, line_start in enumerate(starts):
        line_end = starts[ln + 1] - 1 if ln + 1 < len(starts) else len(source)
        cuts = {line_start, line_end}
        for s, e, _ in spans:
            if s < line_end and e > line_start:
                cuts.add(max(s, line_start))
                cuts.add(min(e, line_end))
        cuts = sorted(cuts)
        pieces = []
        for a, b in zip(cuts, cuts[1:]):
            covering = [idx for s, e, idx in spans if s < b and e > a]
            piece = Piece(source[a:b], covering, _worst([findings[i].severity for i in covering]))
            for idx in covering:
                if idx not in first_piece_seen:
                    first_piece_seen.add(idx)
                    piece.anchor = idx
                    break
            pieces.append(piece)
        if not pieces:
            pieces = [Piece("")]
        lines.append(Line(ln + 1, pieces))
    return lines


def _finding_view(idx: int, f) -> dict:
    check = get_check(f.rule)
    return {
        "idx": idx,
        "rule": f.rule,
        "severity": f.severity,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "message": f.message,
        "suggestion": f.suggestion,
        "fix": f.fix,
        "excerpt": f.excerpt,
        "fact": f.fact.to_json() if f.fact else None,
        "rule_summary": check.summary if check else "",
    }


def file_view(result) -> dict:
    findings = result.findings
    source = result.document.source if result.document else ""
    by_rule = Counter(f.rule for f in findings)
    by_sev = Counter(f.severity for f in findings)
    return {
        "path": result.path,
        "lines": annotate(source, findings),
        "findings": [_finding_view(i, f) for i, f in enumerate(findings)],
        "by_rule": sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])),
        "first_of_rule": {rule: next(i for i, f in enumerate(findings) if f.rule == rule) for rule in by_rule},
        "counts": {s: by_sev.get(s, 0) for s in ("error", "warning", "info")},
        "total": len(findings),
    }


def render_article(result, index_href: str | None = "index.html") -> str:
    view = file_view(result)
    return _env().get_template("article.html.j2").render(file=view, version=__version__, index_href=index_href)


def render_index(results, pages: dict[str, str]) -> str:
    files = []
    rule_totals: Counter = Counter()
    for r in results:
        by_sev = Counter(f.severity for f in r.findings)
        rule_totals.update(f.rule for f in r.findings)
        files.append({"path": r.path, "href": pages[r.path], "errors": by_sev["error"],
                      "warnings": by_sev["warning"], "infos": by_sev["info"], "total": len(r.findings)})
    files.sort(key=lambda f: (-f["errors"], -f["warnings"], -f["infos"], f["path"]))
    chart = sorted(rule_totals.items(), key=lambda kv: (-kv[1], kv[0]))
    peak = max((n for _, n in chart), default=1)
    bars = [{"rule": rule, "count": n, "width": round(300 * n / peak, 1), "y": 28 * i} for i, (rule, n) in enumerate(chart)]
    totals = {s: sum(f[s + "s"] for f in files) for s in ("error", "warning", "info")}
    return _env().get_template("index.html.j2").render(files=files, bars=bars, chart_height=28 * len(bars) + 4,
                                                       totals=totals, version=__version__)


def render(results, **kw) -> str:
    """`check --format html`: one page for a single file (the report command writes many)."""
    if len(results) == 1:
        return render_article(results[0], index_href=None)
    return "\n".join(render_article(r, index_href=None) for r in results)
