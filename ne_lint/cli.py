"""The `ne-lint` command: options in, calls to the engine, reporters and fact tools out.

Exit codes: 0 no finding at or above `--fail-on`; 1 findings at or above it; 2 usage,
configuration or input error (one line on stderr naming what and where, no traceback).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ne_lint import __version__
from ne_lint.errors import NeLintError
from ne_lint.finding import SEVERITY_RANK

FAIL_ON = ("error", "warning", "info", "never")


def _split(values) -> list[str]:
    out = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _fail(exc: NeLintError) -> None:
    click.echo(f"ne-lint: {exc.render()}", err=True)
    sys.exit(2)


class _Group(click.Group):
    """Turns ne-lint's own errors into one line and exit code 2, wherever they are raised."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NeLintError as exc:
            _fail(exc)
        except (KeyboardInterrupt, BrokenPipeError):
            sys.exit(130 if sys.exc_info()[0] is KeyboardInterrupt else 1)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug: keep the promise of one line, unless debugging
            if os.environ.get("NE_LINT_DEBUG"):
                raise
            click.echo(f"ne-lint: internal error: {type(exc).__name__}: {exc} "
                       "(set NE_LINT_DEBUG=1 for a traceback)", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ne-lint")
def main():
    """ne-lint: a linter for health articles (Markdown, HTML, plain text)."""


def _exit_code(results, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings) else 0


def lint_options(func):
    """Options shared by `check` and `report`: which rules, which facts."""
    for option in reversed([
        click.option("--select", multiple=True, help="Only these rules (comma-separated; a prefix selects a family)."),
        click.option("--ignore", multiple=True, help="Skip these rules (comma-separated; a prefix skips a family)."),
        click.option("--facts", "facts_paths", multiple=True, type=click.Path(path_type=Path),
                     help="An extra fact file or folder; extends the built-in facts (repeatable)."),
    ]):
        func = option(func)
    return func


def _settings(select, ignore, facts_paths, fail_on):
    from ne_lint.engine import Settings

    return Settings(select=_split(select) or None, ignore=_split(ignore), facts=list(facts_paths), fail_on=fail_on)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "markdown"]), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a finding has at least this severity.")
@lint_options
@click.option("-v", "--verbose", is_flag=True, help="Text format: also print suggestions.")
def check(paths, fmt, fail_on, select, ignore, facts_paths, verbose):
    """Lint articles and print findings."""
    from ne_lint.engine import Linter
    from ne_lint.reporters import FORMATS

    linter = Linter(_settings(select, ignore, facts_paths, fail_on))
    run = linter.lint_paths(list(paths))
    out = FORMATS[fmt](run.files, verbose=verbose)
    sys.stdout.write(out)
    sys.stdout.flush()
    for err in run.errors:
        click.echo(f"ne-lint: {err.render()}", err=True)
    if run.errors:
        sys.exit(2)
    sys.exit(_exit_code(run.files, fail_on))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("reports"),
              show_default=True, help="Folder for the reports.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="never", show_default=True,
              help="Exit 1 when a finding has at least this severity.")
@lint_options
def report(paths, out_dir, fail_on, select, ignore, facts_paths):
    """Write annotated reports: an HTML page and a Markdown summary per article, an index, JSON."""
    from ne_lint.engine import Linter
    from ne_lint.report import write_reports

    linter = Linter(_settings(select, ignore, facts_paths, fail_on))
    run = linter.lint_paths(list(paths))
    pages = write_reports(run.files, out_dir)
    for r in run.files:
        sev = {s: sum(1 for f in r.findings if f.severity == s) for s in ("error", "warning", "info")}
        click.echo(f"{r.path}: {sev['error']} errors, {sev['warning']} warnings, {sev['info']} infos -> {pages[r.path]}")
    click.echo(f"Reports written to {out_dir}/ (open {out_dir / 'index.html'})")
    for err in run.errors:
        click.echo(f"ne-lint: {err.render()}", err=True)
    if run.errors:
        sys.exit(2)
    sys.exit(_exit_code(run.files, fail_on))


@main.command()
@click.argument("rule", required=False)
def rules(rule):
    """List the rules, or explain one."""
    from ne_lint.checks import ALL_CHECKS, get_check

    if rule:
        chk = get_check(rule)
        if chk is None:
            raise NeLintError(f"unknown rule {rule!r}; `ne-lint rules` lists them")
        click.echo(f"# {chk.id} ({chk.severity})\n\n{chk.summary}\n")
        if chk.codes:
            click.echo("Codes: " + ", ".join(chk.codes) + "\n")
        click.echo(chk.doc)
        return
    width = max(len(c.id) for c in ALL_CHECKS)
    for chk in ALL_CHECKS:
        click.echo(f"{chk.id:<{width}}  {chk.severity:<7}  {chk.summary}")
        for code in chk.codes:
            click.echo(f"  {code}")


@main.group()
def facts():
    """Validate the fact file, or show what it says about a term."""


@facts.command("check")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-builtin", is_flag=True, help="Check only the given files, without the built-in facts.")
def facts_check(files, no_builtin):
    """Validate fact files: schema, dangling ids, names claimed twice; print coverage."""
    from ne_lint.facts.load import coverage, layers_for, load_layers

    facts_obj, problems = load_layers(layers_for(list(files), builtin=not no_builtin))
    for p in problems:
        click.echo(str(p))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    click.echo(", ".join(f"{k}: {v}" for k, v in coverage(facts_obj).items()))
    click.echo(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
    sys.exit(1 if errors else 0)


@facts.command("show")
@click.argument("term")
@click.option("--facts", "facts_paths", multiple=True, type=click.Path(path_type=Path))
def facts_show(term, facts_paths):
    """Print what the fact file says about a drug, brand, class, condition, abbreviation or term."""
    from ne_lint.facts.load import load_facts
    from ne_lint.facts.show import show

    text = show(load_facts(list(facts_paths)), term)
    if not text:
        click.echo(f"ne-lint: nothing in the fact file matches {term!r}", err=True)
        sys.exit(1)
    click.echo(text)


if __name__ == "__main__":  # pragma: no cover
    main()
