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
from ne_lint.errors import NeLintError, is_fatal
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
    """Options shared by `check` and `report`: rules, facts, configuration, cache, jobs, baseline."""
    for option in reversed([
        click.option("--select", multiple=True, help="Only these rules (comma-separated; a prefix selects a family)."),
        click.option("--ignore", multiple=True, help="Skip these rules (comma-separated; a prefix skips a family)."),
        click.option("--facts", "facts_paths", multiple=True, type=click.Path(path_type=Path),
                     help="An extra fact file or folder; extends the built-in facts (repeatable)."),
        click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                     help="Use this configuration file instead of searching for one."),
        click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False),
                     help="Report only findings not recorded in this baseline file."),
        click.option("--no-cache", is_flag=True, help="Analyse every file, ignoring .ne-lint-cache/."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Parallel processes (default: the number of CPUs)."),
    ]):
        func = option(func)
    return func


def _build(select, ignore, facts_paths, fail_on, config_path, no_cache, jobs):
    """Configuration file, then command-line options on top; returns (Linter, Config, fail_on)."""
    from ne_lint.config import load_config
    from ne_lint.engine import Linter, Settings, default_jobs

    config = load_config(explicit=config_path)
    select_list = _split(select)
    ignore_list = _split(ignore)
    if select_list:
        config.set("select", select_list, "command line")
    if ignore_list:
        config.set("ignore", ignore_list, "command line")
    if fail_on:
        config.set("fail-on", fail_on, "command line")
    if facts_paths:
        config.set("facts", [*config["facts"], *map(str, facts_paths)], "command line")
    settings = Settings(select=config["select"], ignore=config["ignore"], facts=[Path(p) for p in config["facts"]],
                        severity=config["severity"], fail_on=config["fail-on"], config=config,
                        jobs=jobs or default_jobs(), cache=not no_cache, cache_root=config.root)
    return Linter(settings), config, config["fail-on"]


def _progress():
    from ne_lint.engine import stderr_progress

    return stderr_progress if sys.stderr.isatty() else None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "markdown"]), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding has at least this severity (default: error, or the config's).")
@lint_options
@click.option("--write-baseline", "write_baseline_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Record the current findings in this file (and exit 0).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files, then report what is left.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would change; write nothing.")
@click.option("-v", "--verbose", is_flag=True, help="Text format: also print suggestions.")
def check(paths, fmt, fail_on, select, ignore, facts_paths, config_path, baseline_path, no_cache, jobs,
          write_baseline_path, fix, diff, verbose):
    """Lint articles and print findings."""
    from ne_lint.baseline import Baseline, write_baseline
    from ne_lint.reporters import FORMATS

    linter, config, fail_on = _build(select, ignore, facts_paths, fail_on, config_path, no_cache, jobs)
    baseline = Baseline(baseline_path) if baseline_path and not write_baseline_path else None
    run = linter.lint_paths(list(paths), baseline=baseline, progress=_progress())
    if write_baseline_path:
        n = write_baseline(write_baseline_path, run.files)
        click.echo(f"ne-lint: recorded {n} finding{'s' if n != 1 else ''} in {write_baseline_path}", err=True)
        _report_errors(run.errors)
        sys.exit(2 if any(map(is_fatal, run.errors)) else 0)
    if fix or diff:
        run = _fix(linter, run, list(paths), baseline, diff_only=diff and not fix)
    out = FORMATS[fmt](run.files, verbose=verbose, baselined=run.baselined if baseline else None,
                       suppressed=run.suppressed)
    sys.stdout.write(out)
    sys.stdout.flush()
    _report_errors(run.errors)
    if any(map(is_fatal, run.errors)):
        sys.exit(2)
    sys.exit(_exit_code(run.files, fail_on))


def _report_errors(errors) -> None:
    for err in errors:
        click.echo(f"ne-lint: {'' if is_fatal(err) else 'warning: '}{err.render()}", err=True)


def _fix(linter, run, paths, baseline, diff_only: bool):
    """Apply (or show) the fixes, then lint the fixed files again so the report shows what is left."""
    from ne_lint.errors import NeLintError
    from ne_lint.fix import FixResult, apply_fixes, unified_diff, write_fixed

    changed = 0
    applied = 0
    for r in run.files:
        if not r.document or not any(f.fix is not None for f in r.findings):
            continue
        fixed, n = apply_fixes(r.document.source, r.findings)
        if fixed == r.document.source:
            continue
        result = FixResult(r.path, r.document.source, fixed, n)
        if diff_only:
            sys.stdout.write(unified_diff(result))
            continue
        try:
            write_fixed(Path(r.path), r.document, fixed, r.read_bytes)
        except NeLintError as exc:
            run.errors.append(exc)
            continue
        changed += 1
        applied += n
    if diff_only:
        sys.stdout.flush()
        sys.exit(0)
    click.echo(f"ne-lint: applied {applied} fix{'es' if applied != 1 else ''} in {changed} file{'s' if changed != 1 else ''}",
               err=True)
    errors = run.errors
    run = linter.lint_paths(paths, baseline=baseline)
    run.errors = errors + [e for e in run.errors if e.render() not in {x.render() for x in errors}]
    return run


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("reports"),
              show_default=True, help="Folder for the reports.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="never", show_default=True,
              help="Exit 1 when a finding has at least this severity.")
@lint_options
def report(paths, out_dir, fail_on, select, ignore, facts_paths, config_path, baseline_path, no_cache, jobs):
    """Write annotated reports: an HTML page and a Markdown summary per article, an index, JSON."""
    from ne_lint.baseline import Baseline
    from ne_lint.report import write_reports

    linter, config, _ = _build(select, ignore, facts_paths, None, config_path, no_cache, jobs)
    baseline = Baseline(baseline_path) if baseline_path else None
    run = linter.lint_paths(list(paths), baseline=baseline, progress=_progress())
    pages = write_reports(run.files, out_dir)
    for r in run.files:
        sev = {s: sum(1 for f in r.findings if f.severity == s) for s in ("error", "warning", "info")}
        click.echo(f"{r.path}: {sev['error']} errors, {sev['warning']} warnings, {sev['info']} infos -> {pages[r.path]}")
    click.echo(f"Reports written to {out_dir}/ (open {out_dir / 'index.html'})")
    _report_errors(run.errors)
    if any(map(is_fatal, run.errors)):
        sys.exit(2)
    sys.exit(_exit_code(run.files, fail_on))


@main.command("config")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Show this configuration file instead of searching for one.")
def config_cmd(config_path):
    """Show the settings in force and where each came from."""
    from ne_lint.config import describe, load_config
    from ne_lint.engine import Settings

    config = load_config(explicit=config_path)
    Settings(select=config["select"], ignore=config["ignore"], severity=config["severity"], config=config).validate()
    click.echo(describe(config))


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
