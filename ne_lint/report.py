"""`ne-lint report`: annotated HTML pages, an index, Markdown and JSON, written into one folder.

Every file is written to a temporary name and renamed into place, so an interrupted run never
leaves a half-written page behind.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ne_lint.reporters import html, json_format, markdown


def page_name(path: str) -> str:
    """A flat, readable file name for an article path: articles/a.md → articles__a.md."""
    name = re.sub(r"^(\.\./|\./|/)+", "", path.replace(os.sep, "/"))
    name = name.replace("/", "__")
    return re.sub(r"[^\w.\-]", "_", name) or "article"


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would hide reports from a web server
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_reports(results, out_dir: Path, **kw) -> dict[str, Path]:
    """Write the pages; returns article path → its HTML page."""
    pages: dict[str, str] = {}
    used: set[str] = set()
    for r in results:
        name = page_name(r.path)
        base, n = name, 2
        while name in used:
            name = f"{base}-{n}"
            n += 1
        used.add(name)
        pages[r.path] = name + ".html"
    written = {}
    for r in results:
        page = out_dir / pages[r.path]
        write_atomic(page, html.render_article(r))
        write_atomic(out_dir / (pages[r.path][:-5] + ".md"), markdown.render_file(r))
        written[r.path] = page
    write_atomic(out_dir / "index.html", html.render_index(results, pages))
    write_atomic(out_dir / "report.json", json_format.render(results, **kw))
    return written
