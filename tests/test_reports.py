"""Reports and machine formats: the HTML report in a real browser, escaping, SARIF, GitHub, Markdown."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, SEED

SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
if not SARIF_SCHEMA.exists():  # a copy travels with the repository for CI on a bare clone
    SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

HOSTILE = """# Safety <b>first</b>

An attacker wrote <script>alert(1)</script> and <img src=x onerror=alert(2)> into the draft.

The the dose of "Levofed" & friends.
"""


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "ne_lint", *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    proc = run("report", SEED, "-o", out)
    assert proc.returncode == 0, proc.stderr
    return out, proc.stdout


def test_report_writes_pages_index_markdown_and_json(seed_reports):
    out, stdout = seed_reports
    name = re.sub(r"[^\w.\-]", "_", str(SEED).lstrip("/").replace("/", "__"))
    assert (out / f"{name}.html").exists() and (out / f"{name}.md").exists()
    assert (out / "index.html").exists()
    data = json.loads((out / "report.json").read_text())
    assert data["version"] == 1 and data["files"][0]["findings"]
    assert stdout.splitlines()[0].startswith(f"{SEED}: ") and "errors" in stdout
    assert f"Reports written to {out}/" in stdout
    md = (out / f"{name}.md").read_text()
    assert md.startswith("## ne-lint: `") and "| 161:5 | error | `drug-class` |" in md
    index = (out / "index.html").read_text()
    assert "<svg" in index and f'href="{name}.html"' in index
    page = (out / f"{name}.html").read_text()
    assert "http://" not in page.split("<body>")[1].replace("http://www.w3.org", "") and "<link" not in page


def test_index_sorts_worst_first(tmp_path):
    (tmp_path / "a-clean.md").write_text("Beta-blockers lower blood pressure.\n")
    (tmp_path / "b-bad.md").write_text("Bupropion is an SSRI. The the end.\n")
    out = tmp_path / "out"
    assert run("report", tmp_path, "-o", out).returncode == 0
    index = (out / "index.html").read_text()
    assert index.index("b-bad.md") < index.index("a-clean.md")


def test_hostile_article_appears_as_text(tmp_path):
    article = tmp_path / "hostile.md"
    article.write_text(HOSTILE)
    out = tmp_path / "out"
    assert run("report", article, "-o", out).returncode == 0
    page = next(out.glob("*hostile.md.html")).read_text()
    body = page.split("<body>", 1)[1]
    assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(2)&gt;" in body
    assert body.count("<script>") == 1  # only the report's own


# ---- the report in a real browser -----------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, "the browser test needs Debian's chromium and chromium-driver (.ci/run installs them)"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1300,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def _page(seed_reports) -> str:
    out, _ = seed_reports
    return next(out.glob("*norepinephrine.txt.html")).resolve().as_uri()


def test_browser_highlights_sit_on_the_right_words(browser, seed_reports):
    from selenium.webdriver.common.by import By

    browser.get(_page(seed_reports))
    line161 = browser.find_element(By.ID, "L161")
    marks = line161.find_elements(By.CSS_SELECTOR, "mark.hl")
    assert [m.text for m in marks] == ["Ritalin (methylphenidate)"]
    assert "error" in marks[0].get_attribute("class")
    for line, word in ((43, "EN"), (183, "levofed"), (22, "social network"), (164, "depression")):
        texts = [m.text for m in browser.find_element(By.ID, f"L{line}").find_elements(By.CSS_SELECTOR, "mark.hl")]
        assert word in texts, (line, texts)
    cards = browser.find_elements(By.CSS_SELECTOR, ".card")
    ritalin = [c for c in cards if "Ritalin" in c.text][0]
    assert "drug-class" in ritalin.text and "not an amphetamine" in ritalin.text and "FDA label" in ritalin.text


def test_browser_summary_links_and_highlight_clicks_select_the_finding(browser, seed_reports):
    from selenium.webdriver.common.by import By

    browser.get(_page(seed_reports))
    link = browser.find_element(By.CSS_SELECTOR, 'a.rule-link[data-rule="drug-class"]')
    link.click()
    target = link.get_attribute("href").split("#")[1]
    mark = browser.find_element(By.ID, target)
    assert mark.text == "Ritalin (methylphenidate)"
    spot = browser.find_element(By.CSS_SELECTOR, 'a.spot[data-target="%s"]' % target[2:])
    spot.click()
    current = browser.find_elements(By.CSS_SELECTOR, ".card.current")
    assert len(current) == 1 and "drug-class" in current[0].text
    browser.find_element(By.XPATH, "//mark[normalize-space()='levofed']").click()
    current = browser.find_elements(By.CSS_SELECTOR, ".card.current")
    assert len(current) == 1 and "Levophed" in current[0].text


def test_browser_filters_hide_and_show_findings(browser, seed_reports):
    from selenium.webdriver.common.by import By

    browser.get(_page(seed_reports))

    def visible(selector):
        return [e for e in browser.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]

    total = len(visible(".card"))
    warnings = len(visible(".card.warning"))
    assert warnings and total > warnings
    box = browser.find_element(By.CSS_SELECTOR, 'input[name=severity][value=warning]')
    box.click()
    assert len(visible(".card")) == total - warnings and not visible(".card.warning")
    space_marks = browser.find_element(By.ID, "L45").find_elements(By.CSS_SELECTOR, "mark.hl")
    assert all("off" in m.get_attribute("class") for m in space_marks)
    box.click()
    assert len(visible(".card")) == total
    rule_box = browser.find_element(By.CSS_SELECTOR, 'input[name=rule][value="drug-name"]')
    rule_box.click()
    assert not [c for c in visible(".card") if c.get_attribute("data-rule") == "drug-name"]
    rule_box.click()
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".card.current")) == 1


# ---- machine formats ------------------------------------------------------------------------

def test_sarif_is_valid_and_complete():
    proc = run("check", "--format", "sarif", SEED)
    data = json.loads(proc.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(data)
    run0 = data["runs"][0]
    rules = {r["id"]: r for r in run0["tool"]["driver"]["rules"]}
    assert {"drug-class", "structure.spacing", "abbreviation"} <= set(rules)
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["markdown"]
               for r in rules.values())
    ritalin = [r for r in run0["results"] if r["ruleId"] == "drug-class"][0]
    region = ritalin["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (161, 5, 30)
    assert run0["tool"]["driver"]["rules"][ritalin["ruleIndex"]]["id"] == "drug-class"
    fixed = [r for r in run0["results"] if r.get("fixes")]
    levophed = [r for r in fixed if r["ruleId"] == "drug-name"][0]
    replacement = levophed["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "Levophed"
    assert replacement["deletedRegion"]["startLine"] == 183


GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),(?:endColumn|endLine)=(\d+),"
                         r"title=([^:]+)::(.+)$")


def test_github_annotations_parse():
    proc = run("check", "--format", "github", SEED)
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    parsed = [GITHUB_LINE.match(line) for line in lines]
    assert all(parsed), [l for l, p in zip(lines, parsed) if not p][:3]
    levels = {p.group(1) for p in parsed}
    assert levels == {"error", "warning"}
    ritalin = [p for p in parsed if p.group(6) == "drug-class"][0]
    assert (ritalin.group(3), ritalin.group(4), ritalin.group(5)) == ("161", "5", "30")
    assert "%0A" not in ritalin.group(7) or "\n" not in ritalin.group(7)


def test_github_escapes_properties(tmp_path):
    article = tmp_path / "a,b:c.md"
    article.write_text("The the end.\n")
    proc = run("check", "--format", "github", "--fail-on", "never", article)
    assert "file=" + str(article).replace(":", "%3A").replace(",", "%2C") + "," in proc.stdout
