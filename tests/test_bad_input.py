"""Whatever a content repository holds, through the CLI: one clear line on stderr naming the
file and the problem, no traceback, the other files of the run still linted, and exit code 2
only when the run's result cannot be trusted."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from ne_lint.cli import main

GOOD = "A formulation called levofed is used in hospital.\n"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "ne_lint", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def linted(proc) -> list[str]:
    return [Path(f["path"]).name for f in json.loads(proc.stdout)["files"]]


def one_line(proc) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


def test_binary_and_utf16_files(tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    proc = run("check", "--no-cache", "--format", "json", tmp_path)
    assert proc.returncode == 2 and linted(proc) == ["good.md"]
    assert one_line(proc) == f"ne-lint: {tmp_path / 'image.md'}: binary file (contains NUL bytes), not an article"
    (tmp_path / "image.md").write_bytes("\ufeffHello".encode("utf-16"))
    proc = run("check", "--no-cache", tmp_path / "image.md")
    assert proc.returncode == 2 and "UTF-16 text is not supported; save the file as UTF-8" in one_line(proc)


def test_non_utf8_file_is_refused_with_its_line(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Title\n\nCaf\xe9 and levofed.\n".encode("latin-1"))
    proc = run("check", "--no-cache", tmp_path / "latin1.txt")
    assert proc.returncode == 2
    assert one_line(proc) == (f"ne-lint: {tmp_path / 'latin1.txt'}: not UTF-8: invalid byte 0xe9 at line 3; "
                              "convert the file to UTF-8")


def test_empty_and_blank_files_are_fine(tmp_path):
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "blank.html").write_text("\n\n   \n")
    proc = run("check", "--no-cache", "--format", "json", tmp_path)
    assert proc.returncode == 0 and proc.stderr == ""
    assert sorted(linted(proc)) == ["blank.html", "empty.md"]


def test_unreadable_file(tmp_path, monkeypatch):
    (tmp_path / "good.md").write_text(GOOD)
    secret = tmp_path / "secret.md"
    secret.write_text(GOOD)
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "secret.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)  # works as root too, where chmod 000 does not
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"ne-lint: {secret}: permission denied"
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["good.md"]


def test_missing_path_and_broken_symlink(tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    os.symlink(tmp_path / "gone.md", tmp_path / "link.md")
    proc = run("check", "--no-cache", "--format", "json", tmp_path / "good.md", tmp_path / "link.md",
               tmp_path / "nope.md")
    assert proc.returncode == 2 and linted(proc) == ["good.md"]
    assert proc.stderr.splitlines() == [f"ne-lint: {tmp_path / 'link.md'}: broken symbolic link",
                                        f"ne-lint: {tmp_path / 'nope.md'}: no such file or directory"]


def test_directory_symlink_loop_is_a_warning_and_every_file_is_linted_once(tmp_path):
    (tmp_path / "site" / "sub").mkdir(parents=True)
    (tmp_path / "site" / "sub" / "a.md").write_text(GOOD)
    os.symlink(tmp_path / "site", tmp_path / "site" / "sub" / "back")
    proc = run("check", "--no-cache", "--format", "json", tmp_path / "site")
    assert linted(proc) == ["a.md"]
    assert proc.returncode == 1  # the findings decide: the result is complete
    assert one_line(proc).startswith("ne-lint: warning: ") and "directory symlink loop" in proc.stderr


def test_too_large_file(tmp_path):
    big = tmp_path / "dump.txt"
    with open(big, "wb") as fh:
        fh.truncate(60_000_000)  # sparse: no disk used
    (tmp_path / "good.md").write_text(GOOD)
    proc = run("check", "--no-cache", "--format", "json", tmp_path)
    assert proc.returncode == 2 and linted(proc) == ["good.md"]
    assert "dump.txt: too large for an article (60,000,000 bytes; limit 50,000,000)" in one_line(proc)


def test_deeply_nested_html(tmp_path):
    depth = 50_000
    (tmp_path / "deep.html").write_text("<div>" * depth + "<p>A formulation called levofed.</p>" + "</div>" * depth)
    proc = run("check", "--no-cache", "--format", "json", tmp_path / "deep.html")
    assert proc.returncode == 1 and proc.stderr == ""
    [finding] = json.loads(proc.stdout)["files"][0]["findings"]
    assert (finding["rule"], finding["line"], finding["excerpt"]) == ("drug-name", 1, "levofed")


def test_bom_crlf_emoji_and_combining_accents_keep_columns(tmp_path):
    # columns count code points: the emoji is one, "é" written as e + combining accent is two
    text = "\ufeffTitle\r\n\r\nCafe\u0301 😀 levofed is used.\r\nThe the end.\r\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    proc = run("check", "--no-cache", "--format", "json", tmp_path / "a.txt")
    found = [(f["rule"], f["line"], f["column"], f["end_column"], f["excerpt"])
             for f in json.loads(proc.stdout)["files"][0]["findings"]]
    assert found == [("drug-name", 3, 9, 16, "levofed"), ("structure.repeated-word", 4, 1, 8, "The the")]


def test_malformed_yaml_and_wrong_types_in_a_fact_file(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(GOOD)
    facts = tmp_path / "facts.yaml"
    facts.write_text("terms:\n  - id: x\n    wrong: [a, b\n")
    proc = run("check", "--no-cache", "--facts", facts, article)
    assert proc.returncode == 2 and one_line(proc).startswith(f"ne-lint: {facts}:") and "malformed YAML" in proc.stderr
    facts.write_text("drugs:\n  - id: x\n    name: x\n    brands: 12\n    sources: [s]\n")
    proc = run("check", "--no-cache", "--facts", facts, article)
    assert proc.returncode == 2 and f"{facts}:4: drugs.0.brands: 12 is not of type 'array'" in one_line(proc)
    facts.write_text("drugs:\n  - id: x\n    name: x\n    sources: []\n")
    proc = run("check", "--no-cache", "--facts", facts, article)
    assert proc.returncode == 2 and f"{facts}:4:" in one_line(proc)


def test_yaml_booleans_in_a_fact_file_are_named(tmp_path):
    """YAML 1.1 reads a bare `no`, `on` or `yes` as a boolean: say so, so the fix is obvious."""
    facts = tmp_path / "facts.yaml"
    facts.write_text("terms:\n  - id: x\n    wrong: [a]\n    right: b\n    not_followed_by: [up, on]\n    sources: [s]\n")
    proc = run("facts", "check", facts)
    assert proc.returncode == 1
    assert f"{facts}:5: error: terms.0.not_followed_by.1: True is not of type 'string' (quote it: YAML reads" in proc.stdout


def test_malformed_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.ne-lint]\nselect = [\n")
    (tmp_path / "a.md").write_text(GOOD)
    proc = run("check", "--no-cache", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and one_line(proc).startswith(f"ne-lint: {tmp_path / 'pyproject.toml'}")
