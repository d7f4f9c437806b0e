"""The command line end to end: formats, exit codes, errors on bad input, the seed article."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED

CORRECT = """# Beta-blockers

Beta-blockers such as propranolol (Inderal) and metoprolol (Lopresor) lower the heart rate.
They are used to treat high blood pressure and angina.
"""


def run(*args, cwd=None, input=None):
    return subprocess.run([sys.executable, "-m", "ne_lint", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, input=input)


@pytest.fixture(scope="module")
def seed_json():
    proc = run("check", "--format", "json", SEED)
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


def _at(data, rule_prefix, line):
    return [f for f in data["files"][0]["findings"] if f["rule"].startswith(rule_prefix) and f["line"] == line]


def test_seed_json_has_the_design_shape(seed_json):
    assert seed_json["version"] == 1
    assert seed_json["files"][0]["path"].endswith("norepinephrine.txt")
    f = seed_json["files"][0]["findings"][0]
    assert set(f) == {"rule", "severity", "line", "column", "end_line", "end_column", "message", "excerpt",
                      "suggestion", "fix", "fact"}
    s = seed_json["summary"]
    assert s["files"] == 1 and s["errors"] > 0
    assert s["errors"] + s["warnings"] + s["infos"] == len(seed_json["files"][0]["findings"])


def test_seed_the_five_errors_name_the_right_thing(seed_json):
    en = [_at(seed_json, "abbreviation", n) for n in (43, 106, 117)]
    assert all(len(x) == 1 and x[0]["excerpt"] == "EN" and x[0]["fix"] == "NE" for x in en)
    assert "norepinephrine" in en[0][0]["message"]
    sns = _at(seed_json, "terminology", 22) + _at(seed_json, "terminology", 59)
    assert len(sns) == 2 and all("sympathetic nervous system" in f["message"] for f in sns)
    (ritalin,) = _at(seed_json, "drug-class", 161)
    assert ritalin["excerpt"] == "Ritalin (methylphenidate)" and "not an amphetamine" in ritalin["message"]
    assert ritalin["fact"]["id"] == "methylphenidate" and ritalin["fact"]["sources"]
    levophed = _at(seed_json, "drug-name", 183) + _at(seed_json, "drug-name", 185) + _at(seed_json, "drug-name", 187)
    assert [f["fix"] for f in levophed] == ["Levophed"] * 3
    assert [(f["column"], f["excerpt"]) for f in levophed] == [(40, "levofed"), (1, "Levofed"), (1, "Levofed")]
    (depression,) = [f for f in _at(seed_json, "indication", 164) if f["excerpt"] == "depression"]
    assert "beta-blockers" in depression["message"].lower() and "depression" in depression["message"]


def test_seed_traps_stay_quiet(seed_json):
    findings = seed_json["files"][0]["findings"]
    for line, text in ((141, "Sectral"), (143, "Inderal"), (147, "depression"), (83, "70 to 1700"), (20, "(SNS)")):
        source = SEED.read_text().split("\n")[line - 1]
        start = source.index(text) + 1
        end = start + len(text)
        assert not [f for f in findings if f["line"] == line and f["column"] < end and start < f["end_column"]], text


def test_text_format_and_exit_codes(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(CORRECT)
    proc = run("check", good)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 findings" in proc.stdout
    proc = run("check", SEED)
    assert proc.returncode == 1
    first = proc.stdout.splitlines()[0]
    assert first.startswith(f"{SEED}:") and (" error " in first or " warning " in first)


def test_fail_on_select_and_ignore(tmp_path):
    proc = run("check", "--select", "structure", "--fail-on", "warning", SEED)
    assert proc.returncode == 1
    assert all(" structure." in line for line in proc.stdout.splitlines()[:-1])
    proc = run("check", "--select", "structure", SEED)  # structure findings are warnings
    assert proc.returncode == 0
    proc = run("check", "--ignore", "structure,drug-name", "--format", "json", SEED)
    rules = {f["rule"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert rules and not any(r.startswith("structure") or r == "drug-name" for r in rules)
    proc = run("check", "--fail-on", "never", SEED)
    assert proc.returncode == 0


def test_missing_path_unknown_rule_and_bad_option_exit_2(tmp_path):
    proc = run("check", tmp_path / "nope.md")
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"ne-lint: {tmp_path / 'nope.md'}: no such file or directory"
    proc = run("check", "--select", "no-such-rule", SEED)
    assert proc.returncode == 2 and "unknown rule 'no-such-rule'" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run("check", "--format", "yaml", SEED)
    assert proc.returncode == 2


def test_other_files_still_linted_when_one_is_bad(tmp_path):
    (tmp_path / "a.md").write_text("The the dose.\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "c.txt").write_bytes("caf\xe9 latin-1".encode("latin-1"))
    proc = run("check", "--format", "json", tmp_path)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["a.md"]
    assert "b.txt: binary file" in proc.stderr and "c.txt: not UTF-8" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 2


def test_extra_fact_file_extends_the_builtin(tmp_path):
    facts = tmp_path / "house.yaml"
    facts.write_text("""
drugs:
  - id: examplomab
    name: examplomab
    brands: [Examplix]
    classes: [ssri]
    indications: [depression]
    sources: ["Internal formulary, 2026"]
""")
    article = tmp_path / "a.md"
    article.write_text("Examplix (sertraline) is popular.\n")
    proc = run("check", "--facts", facts, "--select", "brand-generic", article)
    assert proc.returncode == 1 and "Examplix is examplomab, not sertraline" in proc.stdout


def test_bad_fact_file_is_one_line_with_file_and_line(tmp_path):
    facts = tmp_path / "bad.yaml"
    facts.write_text("drugs:\n  - id: x\n    name: [unclosed\n")
    proc = run("check", "--facts", facts, SEED)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"ne-lint: {facts}:") and "malformed YAML" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    facts.write_text("drugs:\n  - id: x\n    name: x\n    colour: red\n    sources: [s]\n")
    proc = run("check", "--facts", facts, SEED)
    assert proc.returncode == 2 and f"{facts}:2: unknown key 'colour'" in proc.stderr


def test_rules_lists_and_explains(tmp_path):
    proc = run("rules")
    assert proc.returncode == 0
    for rule in ("drug-class", "brand-generic", "drug-name", "indication", "abbreviation", "terminology",
                 "reference-range", "structure"):
        assert rule in proc.stdout
    proc = run("rules", "drug-class")
    assert "## What it does" in proc.stdout and "## How to fix" in proc.stdout and "## Example" in proc.stdout
    assert run("rules", "nope").returncode == 2


def test_facts_check_and_show():
    proc = run("facts", "check")
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "0 errors" in proc.stdout and "drugs:" in proc.stdout
    proc = run("facts", "show", "Ritalin")
    assert proc.returncode == 0
    assert "drug methylphenidate" in proc.stdout and "CNS stimulant" in proc.stdout and "sources:" in proc.stdout
    assert run("facts", "show", "no-such-thing").returncode == 1
