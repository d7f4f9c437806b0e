"""Editor and CI workflow through the CLI: configuration, inline suppression, baseline, --fix and
--diff, the cache, parallel runs."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "ne_lint", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def findings(proc):
    data = json.loads(proc.stdout)
    return [(Path(file["path"]).name, f["rule"], f["line"]) for file in data["files"] for f in file["findings"]]


BAD = "# Notes\n\nBupropion is an SSRI. The the dose matters .\n"


# ---- configuration --------------------------------------------------------------------------

def test_pyproject_config_found_upward_and_overridden(tmp_path):
    (tmp_path / "pyproject.toml").write_text("""
[project]
name = "site"

[tool.ne-lint]
ignore = ["structure.spacing"]
per-file-ignores = { "drafts/*" = ["drug-class"] }
severity = { "structure.repeated-word" = "error" }
exclude = ["vendor/**"]
fail-on = "warning"
""")
    for folder in ("articles", "drafts", "vendor"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text(BAD)
    sub = tmp_path / "articles"
    proc = run("check", "--format", "json", "--no-cache", "..", cwd=sub)
    got = findings(proc)
    assert ("a.md", "structure.spacing", 3) not in got
    rules = {(Path(file["path"]).parent.name, f["rule"], f["severity"])
             for file in json.loads(proc.stdout)["files"] for f in file["findings"]}
    assert ("articles", "drug-class", "error") in rules and ("drafts", "drug-class", "error") not in rules
    assert ("articles", "structure.repeated-word", "error") in rules
    assert not any(folder == "vendor" for folder, _, _ in rules)
    assert proc.returncode == 1
    # the command line wins over the file
    proc = run("check", "--format", "json", "--no-cache", "--ignore", "drug-class", "articles", cwd=tmp_path)
    got = findings(proc)
    assert ("a.md", "structure.spacing", 3) in got and not [g for g in got if g[1] == "drug-class"]


def test_yaml_config_and_config_command(tmp_path):
    (tmp_path / ".ne-lint.yaml").write_text("select: [drug-class, structure]\nfail-on: never\n")
    (tmp_path / "a.md").write_text(BAD)
    proc = run("check", "--no-cache", "a.md", cwd=tmp_path)
    assert proc.returncode == 0
    assert "drug-class" in proc.stdout and "abbreviation" not in proc.stdout
    proc = run("config", cwd=tmp_path)
    assert proc.returncode == 0
    assert f"config file: {tmp_path / '.ne-lint.yaml'}" in proc.stdout
    assert f"select = ['drug-class', 'structure']    # {tmp_path / '.ne-lint.yaml'}:1" in proc.stdout
    assert "ignore = []    # default" in proc.stdout


@pytest.mark.parametrize("content,expected", [
    ("selct: [drug-class]\n", ".ne-lint.yaml:1: unknown key 'selct'"),
    ("fail-on: sometimes\n", ".ne-lint.yaml:1: 'fail-on' must be one of"),
    ("severity:\n  drug-class: fatal\n", ".ne-lint.yaml:1: severity of 'drug-class' must be"),
    ("select: [drug-klass]\n", "--select: unknown rule 'drug-klass'"),
    ("select: [unclosed\n", ".ne-lint.yaml:2: malformed YAML"),
])
def test_bad_config_is_one_line_exit_2(tmp_path, content, expected):
    (tmp_path / ".ne-lint.yaml").write_text(content)
    (tmp_path / "a.md").write_text(BAD)
    proc = run("check", "--no-cache", "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert expected in proc.stderr and len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_bad_pyproject_key(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.ne-lint]\nselect = ['drug-class']\nignorre = []\n")
    proc = run("check", "--no-cache", SEED, cwd=tmp_path)
    assert proc.returncode == 2 and f"{tmp_path / 'pyproject.toml'}:3: unknown key 'ignorre'" in proc.stderr


# ---- inline suppression ---------------------------------------------------------------------

def test_markdown_suppression_comments(tmp_path):
    (tmp_path / "a.md").write_text(
        "Bupropion is an SSRI.\n\n"                                   # 1: reported
        "<!-- ne-lint-disable drug-class -->\n\n"
        "Bupropion is an SSRI. The the end.\n\n"                       # 5: drug-class off, repeated word on
        "<!-- ne-lint-enable drug-class -->\n\n"
        "<!-- ne-lint-disable-next-line -->\n"
        "Bupropion is an SSRI. The the end.\n\n"                       # 10: all off
        "Bupropion is an SSRI. <!-- ne-lint-disable-line drug-class -->\n\n"   # 12: off
        "<!-- ne-lint-disable-next-line abbreviation -->\n"
        "Nothing to see.\n")                                           # 15: unused directive
    proc = run("check", "--format", "json", "--no-cache", "--fail-on", "never", "a.md", cwd=tmp_path)
    got = findings(proc)
    assert ("a.md", "drug-class", 1) in got
    assert ("a.md", "structure.repeated-word", 5) in got and ("a.md", "drug-class", 5) not in got
    assert not [g for g in got if g[2] in (10, 12)]
    assert ("a.md", "unused-suppression", 14) in got
    text = run("check", "--no-cache", "--fail-on", "never", "a.md", cwd=tmp_path).stdout
    assert "suppressed" in text.splitlines()[-1]


def test_text_and_html_suppression(tmp_path):
    (tmp_path / "a.txt").write_text("ne-lint-disable structure\n\nThe the dose matters .\n\nne-lint-enable\n\nThe the end.\n")
    (tmp_path / "b.html").write_text("<p>The the end.</p>\n<!-- ne-lint-disable-next-line structure.repeated-word -->\n"
                                     "<p>The the end.</p>\n")
    got = findings(run("check", "--format", "json", "--no-cache", "--fail-on", "never", ".", cwd=tmp_path))
    assert got == [("a.txt", "structure.repeated-word", 7), ("b.html", "structure.repeated-word", 1)]


# ---- baseline -------------------------------------------------------------------------------

def test_baseline_survives_moving_lines_and_reports_new_errors(tmp_path):
    article = tmp_path / "a.md"
    shutil.copy(SEED, tmp_path / "seed.txt")
    article.write_text("Bupropion is an SSRI.\n\nThe the end.\n")
    proc = run("check", "--no-cache", "--write-baseline", "baseline.json", ".", cwd=tmp_path)
    assert proc.returncode == 0 and "recorded" in proc.stderr
    proc = run("check", "--no-cache", "--baseline", "baseline.json", ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "0 findings" in proc.stdout and "baselined" in proc.stdout
    # lines move, and a new error arrives
    article.write_text("# A new title\n\nIntro paragraph.\n\nBupropion is an SSRI.\n\nThe the end.\n\n"
                       "Atenolol is an SSRI.\n")
    seed = (tmp_path / "seed.txt").read_text()
    (tmp_path / "seed.txt").write_text("An added first line.\n\n" + seed)
    proc = run("check", "--no-cache", "--format", "json", "--baseline", "baseline.json", ".", cwd=tmp_path)
    assert findings(proc) == [("a.md", "drug-class", 9)]
    assert json.loads(proc.stdout)["summary"]["baselined"] > 40
    # fixing an old error and rewriting the baseline drops its entry
    before = len(json.loads((tmp_path / "baseline.json").read_text())["entries"])
    article.write_text("Bupropion is an NDRI.\n\nThe the end.\n")
    run("check", "--no-cache", "--write-baseline", "baseline.json", ".", cwd=tmp_path)
    after = len(json.loads((tmp_path / "baseline.json").read_text())["entries"])
    assert after == before - 1


def test_bad_baseline_file(tmp_path):
    (tmp_path / "b.json").write_text("{not json")
    proc = run("check", "--no-cache", "--baseline", "b.json", SEED, cwd=tmp_path)
    assert proc.returncode == 2 and "b.json: not a ne-lint baseline" in proc.stderr


# ---- fixes ----------------------------------------------------------------------------------

def test_diff_shows_fixes_and_writes_nothing(tmp_path):
    article = tmp_path / "seed.txt"
    shutil.copy(SEED, article)
    before = article.read_bytes()
    proc = run("check", "--no-cache", "--diff", "seed.txt", cwd=tmp_path)
    assert proc.returncode == 0
    assert article.read_bytes() == before
    assert "-A formulation of norepinephrine called levofed is used" in proc.stdout
    assert "+A formulation of norepinephrine called Levophed is used" in proc.stdout
    assert "+In general, NE affects many organs" in proc.stdout
    assert "+UHB Trust" not in proc.stdout and "-UHB Trust / Getty Images" in proc.stdout


def test_fix_changes_exactly_the_fixable_lines_and_is_idempotent(tmp_path):
    article = tmp_path / "seed.txt"
    shutil.copy(SEED, article)
    os.chmod(article, 0o640)
    data = json.loads(run("check", "--no-cache", "--format", "json", "seed.txt", cwd=tmp_path).stdout)
    fixable_lines = {f["line"] for f in data["files"][0]["findings"] if f["fix"] is not None}
    original = article.read_text().split("\n")
    proc = run("check", "--no-cache", "--fix", "seed.txt", cwd=tmp_path)
    assert "applied" in proc.stderr
    fixed = article.read_text().split("\n")
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    # the credit line is deleted, so compare line by line with that line taken out
    deleted = [n for n in fixable_lines if original[n - 1] == "UHB Trust / Getty Images"]
    kept = [line for n, line in enumerate(original, 1) if n not in deleted]
    changed = {n for n, (a, b) in enumerate(zip(kept, fixed), 1) if a != b}
    expected = {n - sum(1 for d in deleted if d < n) for n in fixable_lines if n not in deleted}
    assert len(kept) == len(fixed) and changed == expected
    assert "called Levophed is used" in article.read_text() and "In general, NE affects" in article.read_text()
    again = article.read_bytes()
    proc = run("check", "--no-cache", "--fix", "seed.txt", cwd=tmp_path)
    assert article.read_bytes() == again and "applied 0 fixes" in proc.stderr


def test_fix_keeps_bom_and_crlf(tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes("\ufeffTitle\r\n\r\nThe the levofed is used in the emergency room .\r\n".encode("utf-8"))
    run("check", "--no-cache", "--fix", "a.txt", cwd=tmp_path)
    assert article.read_bytes() == "\ufeffTitle\r\n\r\nThe Levophed is used in the emergency room.\r\n".encode("utf-8")


def test_fix_refuses_a_file_changed_meanwhile(tmp_path):
    from ne_lint.documents.load import load_document
    from ne_lint.errors import InputError
    from ne_lint.fix import write_fixed

    article = tmp_path / "a.md"
    article.write_text("The the end.\n")
    read = article.read_bytes()
    doc = load_document(article)
    article.write_text("The the end, edited by someone else.\n")
    with pytest.raises(InputError, match="changed on disk"):
        write_fixed(article, doc, "The end.\n", read)
    assert article.read_text() == "The the end, edited by someone else.\n"


# ---- cache and parallel runs ----------------------------------------------------------------

def test_cache_serves_unchanged_files_and_keeps_its_own_gitignore(tmp_path, linter):
    from ne_lint.engine import Linter, Settings

    (tmp_path / "a.md").write_text(BAD)
    (tmp_path / "b.md").write_text("Paracetamol relieves pain.\n")
    settings = Settings(cache=True, cache_root=tmp_path)
    first = Linter(settings, facts=linter.facts)
    first._analyzer = linter.analyzer
    r1 = first.lint_paths([str(tmp_path)])
    assert first.cache.hits == 0 and first.cache.misses == 2
    assert (tmp_path / ".ne-lint-cache" / ".gitignore").read_text().strip().endswith("*")
    second = Linter(settings, facts=linter.facts)
    r2 = second.lint_paths([str(tmp_path)])
    assert second.cache.hits == 2 and second._analyzer is None  # nothing was analysed
    assert [f.to_json() for r in r1.files for f in r.findings] == [f.to_json() for r in r2.files for f in r.findings]
    (tmp_path / "a.md").write_text(BAD + "\nThe the end.\n")
    third = Linter(settings, facts=linter.facts)
    third._analyzer = linter.analyzer
    third.lint_paths([str(tmp_path)])
    assert third.cache.hits == 1


def test_jobs_do_not_change_the_output(tmp_path):
    corpus = Path(__file__).parent / "corpus"
    one = run("check", "--no-cache", "--format", "json", "--jobs", "1", corpus, cwd=tmp_path)
    two = run("check", "--no-cache", "--format", "json", "--jobs", "2", corpus, cwd=tmp_path)
    assert one.stdout == two.stdout and json.loads(one.stdout)["summary"]["files"] >= 10


# ---- pre-commit -----------------------------------------------------------------------------

def test_pre_commit_try_repo_blocks_a_misspelled_brand_and_passes_a_correct_article(tmp_path):
    """The hook as a content repository would use it: `.pre-commit-hooks.yaml` installs ne-lint
    into pre-commit's own environment and runs `ne-lint check` on the staged articles."""
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    repo = tmp_path / "site"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    (repo / "bad.md").write_text("# Noradrenaline\n\nA formulation called Levofed is given in the emergency room.\n")
    (repo / "good.md").write_text("# Noradrenaline\n\nLevophed is given in the emergency room to raise blood pressure.\n")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    root = Path(__file__).resolve().parent.parent

    def try_repo(name):
        return subprocess.run([pre_commit, "try-repo", str(root), "ne-lint", "--files", name],
                              cwd=repo, capture_output=True, text=True, env=env)

    bad = try_repo("bad.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "bad.md:3:22: error drug-name 'Levofed' looks like a misspelling of Levophed" in bad.stdout
    good = try_repo("good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def test_progress_bar_only_for_long_runs_on_stderr(capsys):
    from ne_lint.engine import stderr_progress

    stderr_progress(3, 10)  # a short run: no bar
    assert capsys.readouterr().err == ""
    stderr_progress(25, 100)
    err = capsys.readouterr().err
    assert err.startswith("\rne-lint [") and "25/100 files" in err
    stderr_progress(100, 100)  # the bar clears itself at the end
    assert capsys.readouterr().err.endswith("\r")
