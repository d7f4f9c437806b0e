#!/usr/bin/env python3
"""ne-lint benchmarks: one command, a table, and benchmarks/out/results.json.

    python benchmarks/run.py [--articles 300] [--out benchmarks/out] [--jobs N]
                             [--skip-proselint] [--skip-big] [--profile]

Generates a deterministic corpus (benchmarks/generate.py) into OUT/corpus and a 3 MB article into
OUT/big, then measures:

- whole-process words per second of `ne-lint check --no-cache --format json --fail-on never`
  with `--jobs 1` and `--jobs N` (N = CPUs; words = whitespace-separated words of the files);
- the cached rerun (cache in OUT/work/.ne-lint-cache: every ne-lint run here has OUT/work as its
  working directory, with an empty .ne-lint.yaml there, so the configuration root and the cache
  are there and the repository's own configuration plays no part);
- the one-article hook run `ne-lint check articles/norepinephrine.txt` (median of 5, start-up
  included), with the cache as a hook has it and with --no-cache;
- time per phase of the 1-job run, in this process, with ne-lint's own functions (start-up,
  discover+parse, nlp, checks, post-processing, output), and per check;
- peak memory of each run: the largest single process (getrusage RUSAGE_CHILDREN, children
  included) and the summed RSS/PSS of the whole process tree (sampled from /proc every 50 ms);
- the floor: spaCy's blank English tokenizer over the same prose, in this process;
- proselint over the same files, in its own venv OUT/proselint-venv (created when missing);
- the big article: time, that it completes, and that every finding's excerpt is the source text
  at its line/column span (checked for the corpus too).

`--profile` also records the 1-job run with py-spy (installed into OUT/tools-venv when missing)
and writes OUT/profile.svg, OUT/profile-raw.txt and the top functions to OUT/profile-top.txt.

Run it with any Python 3.11+: it re-executes itself with the project's .venv interpreter when
ne_lint is not importable (the in-process measurements need it). Nothing under ne_lint/ is changed.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TARGETS = {
    "vs_proselint": 1.0,  # 1-job words/s >= proselint's
    "vs_floor": 1 / 3,  # 1-job words/s >= a third of the tokenizer floor
    "parallel": 1.6,  # N-job vs 1-job, on 2 cores
    "cache": 5.0,  # cached rerun speed-up
    "hook_s": 1.0,  # one-article run, seconds
    "memory_mb": 400.0,  # peak memory
}


ENV = dict(os.environ)  # for every ne-lint and proselint run; see setup_env()
SNAPSHOT: Path | None = None  # --ref: the ne_lint/ and rules/ of that commit, used instead of the work tree


def setup_env(out: Path, ref: str | None) -> dict:
    """Bytecode is cached in OUT/pycache (an installed tool has its .pyc files; this machine sets
    PYTHONDONTWRITEBYTECODE, and nothing may be written under ne_lint/); with --ref, a snapshot
    of ne_lint/ and rules/ at that commit comes first on PYTHONPATH, here and in every child."""
    global SNAPSHOT
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
    sys.dont_write_bytecode = False
    sys.pycache_prefix = str(out / "pycache")
    info = {"work_tree": str(REPO)}
    git = lambda *a: subprocess.run(["git", "-C", str(REPO), *a], capture_output=True, text=True).stdout.strip()
    info["head"] = git("rev-parse", "HEAD")
    info["dirty_files"] = len([x for x in git("status", "--porcelain", "--", "ne_lint", "rules").splitlines() if x])
    if ref:
        sha = git("rev-parse", "--verify", ref + "^{commit}")
        if not sha:
            sys.exit(f"run.py: unknown git revision {ref!r}")
        snap = out / "snapshots" / sha[:12]
        if not (snap / "ne_lint").is_dir():
            snap.mkdir(parents=True, exist_ok=True)
            archive = subprocess.run(["git", "-C", str(REPO), "archive", sha, "ne_lint", "rules"],
                                     capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(snap)], input=archive, check=True)
        SNAPSHOT = snap
        ENV["PYTHONPATH"] = str(snap) + (os.pathsep + ENV["PYTHONPATH"] if ENV.get("PYTHONPATH") else "")
        sys.path.insert(0, str(snap))
        info.update({"ref": ref, "commit": sha, "snapshot": str(snap)})
    else:
        info["ref"] = None
    return info


def fingerprint() -> str:
    """Sizes and modification times of the code and facts being measured: if they change during
    the run (others editing the work tree), the numbers mix versions."""
    import hashlib

    root = SNAPSHOT or REPO
    h = hashlib.sha256()
    for sub in ("ne_lint", "rules"):
        for p in sorted((root / sub).rglob("*")):
            if p.is_file() and p.suffix in (".py", ".yaml", ".yml") and "__pycache__" not in p.parts:
                st = p.stat()
                h.update(f"{p.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def _busy_seconds() -> tuple[float, float]:
    """(busy, steal) CPU seconds of the whole machine since boot, from /proc/stat."""
    try:
        with open("/proc/stat") as fh:
            f = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    tck = os.sysconf("SC_CLK_TCK")
    return (f[0] + f[1] + f[2] + f[5] + f[6]) / tck, (f[7] if len(f) > 7 else 0) / tck


def _reexec_in_venv() -> None:
    if importlib.util.find_spec("ne_lint") and importlib.util.find_spec("spacy"):
        return
    venv_python = REPO / ".venv" / "bin" / "python"
    if venv_python.exists() and not os.environ.get("NE_LINT_BENCH_REEXEC"):
        os.environ["NE_LINT_BENCH_REEXEC"] = "1"
        os.execv(str(venv_python), [str(venv_python), str(Path(__file__).resolve()), *sys.argv[1:]])
    sys.exit("run.py: ne_lint is not importable; run it with the project's venv (.venv/bin/python)")


# ---- running a command: wall time, rusage of its children, memory of its process tree ----------
_WRAPPER = r"""
import json, resource, subprocess, sys, time
result, cmd = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
rc = subprocess.call(cmd)
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(result, "w") as fh:
    json.dump({"wall": wall, "rc": rc, "maxrss_kb": ru.ru_maxrss, "cpu": ru.ru_utime + ru.ru_stime}, fh)
"""


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def _mem_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in kB of one process, 0 if it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


class _TreeSampler(threading.Thread):
    """Peak summed RSS and PSS of a process's descendants (the wrapper itself left out)."""

    def __init__(self, root: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_rss = self.peak_pss = 0
        self.peak_procs = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            todo, tree = _children(self.root), []
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo.extend(_children(pid))
            rss = pss = 0
            for pid in tree:
                r, p = _mem_kb(pid)
                rss += r
                pss += p
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(tree))
            self.stop.wait(self.interval)


def measure(cmd: list[str], cwd: Path, stdout: Path | None = None, timeout: float | None = None) -> dict:
    """Run `cmd` once; wall time (measured next to the child, not counting the wrapper's start-up),
    exit code, CPU seconds, peak memory of the largest process and of the whole tree."""
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as tmp:
        result_path = tmp.name
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    try:
        busy0, steal0 = _busy_seconds()
        proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, result_path, *cmd], cwd=cwd, stdout=out, stderr=err,
                                env=ENV, start_new_session=True)
        sampler = _TreeSampler(proc.pid)
        sampler.start()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)  # the wrapper's own process group: it, ne-lint and its workers
            proc.wait()
            return {"cmd": cmd, "timeout": timeout, "completed": False}
        finally:
            sampler.stop.set()
            sampler.join()
        busy1, steal1 = _busy_seconds()
        with open(result_path) as fh:
            data = json.load(fh)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    finally:
        if stdout:
            out.close()
        err.close()
        os.unlink(result_path)
    return {
        "cmd": cmd, "completed": True, "rc": data["rc"], "wall_s": data["wall"], "cpu_s": data["cpu"],
        "max_rss_mb": data["maxrss_kb"] / 1024, "tree_peak_rss_mb": sampler.peak_rss / 1024,
        "tree_peak_pss_mb": sampler.peak_pss / 1024, "processes": sampler.peak_procs,
        # CPU cores kept busy by everything else on the machine during the run (0 on a quiet one)
        "other_load": max(0.0, (busy1 - busy0 - data["cpu"]) / data["wall"]) if data["wall"] else 0.0,
        "steal_s": steal1 - steal0,
        "stderr": stderr[-2000:],
    }


def median_of(runs: list[dict]) -> dict:
    walls = [r["wall_s"] for r in runs]
    best = dict(min(runs, key=lambda r: abs(r["wall_s"] - statistics.median(walls))))
    best["wall_s"] = statistics.median(walls)
    best["runs_s"] = walls
    best["max_rss_mb"] = max(r["max_rss_mb"] for r in runs)
    best["other_load"] = statistics.mean(r["other_load"] for r in runs)
    return best


# ---- corpus ------------------------------------------------------------------------------------
def file_words(paths: list[Path]) -> int:
    return sum(len(p.read_bytes().split()) for p in paths)


def article_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".html", ".txt"))


# ---- positions ---------------------------------------------------------------------------------
def check_positions(report_path: Path) -> dict:
    """Every finding's excerpt must be the source text at [line:column, end_line:end_column)."""
    data = json.loads(report_path.read_text(encoding="utf-8"))
    checked, bad = 0, []
    for f in data["files"]:
        raw = Path(f["path"]).read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        for x in f["findings"]:
            checked += 1
            try:
                s = starts[x["line"] - 1] + x["column"] - 1
                e = starts[x["end_line"] - 1] + x["end_column"] - 1
                ok = 0 <= s <= e <= len(text) and text[s:e] == x["excerpt"] and x["excerpt"] != ""
                got = text[s:e]
            except IndexError:
                ok, got = False, None
            if not ok:
                bad.append({"path": f["path"], "rule": x["rule"], "line": x["line"], "column": x["column"],
                            "end_line": x["end_line"], "end_column": x["end_column"], "excerpt": x["excerpt"],
                            "source": got})
    return {"findings": checked, "mismatches": len(bad), "examples": bad[:5]}


# ---- in-process phases -------------------------------------------------------------------------
def phases(corpus: Path, work: Path, words: int, out: Path, fill_cache: bool) -> dict:
    """The 1-job run, phase by phase, with ne-lint's own functions (as engine.Linter.lint_paths
    calls them, without the cache), and the same JSON output as the CLI. With `fill_cache`, the
    raw findings are also written to WORK/.ne-lint-cache under the keys the CLI computes (timed
    apart), so the cached rerun needs no extra full run."""
    t = {}
    t0 = time.perf_counter()
    from ne_lint.config import load_config
    from ne_lint.discover import discover
    from ne_lint.documents.load import decode, format_for, parse_source
    from ne_lint.cache import Cache
    from ne_lint.engine import BATCH, Linter, RunResult, Settings
    from ne_lint.reporters import FORMATS
    import ne_lint.nlp  # noqa: F401  (spaCy)
    t["start-up: imports"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    config = load_config(explicit=work / ".ne-lint.yaml")
    settings = Settings(select=config["select"], ignore=config["ignore"], facts=[Path(p) for p in config["facts"]],
                        severity=config["severity"], fail_on="never", config=config, jobs=1, cache=False,
                        cache_root=config.root)
    linter = Linter(settings)
    t["start-up: facts"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    _ = linter.context.lexicon
    t["start-up: lexicon"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    analyzer = linter.analyzer
    t["start-up: pipeline"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    files, errors = discover([str(corpus)], exclude=config.excluded, include=config.included)
    docs, datas = [], []
    for path in files:
        data = path.read_bytes()
        datas.append(data)
        text, bom, newline = decode(data, str(path))
        doc = parse_source(str(path), text, format_for(path))
        doc.has_bom, doc.newline = bom, newline
        docs.append(doc)
    t["discover+parse"] = time.perf_counter() - t0

    per_check = {c.id: 0.0 for c in linter.checks}
    t_nlp = t_post = t_cache = 0.0
    results = []
    cache = Cache(config.root, True)
    check_ids = [c.id for c in linter.checks]
    for i in range(0, len(docs), BATCH):
        batch = docs[i:i + BATCH]
        t0 = time.perf_counter()
        analyzed = analyzer.analyze(batch)
        t_nlp += time.perf_counter() - t0
        raws = []
        for adoc in analyzed:
            raw = []
            for check in linter.checks:
                c0 = time.perf_counter()
                raw.extend(list(check.run(adoc, linter.context)))
                per_check[check.id] += time.perf_counter() - c0
            raws.append(raw)
        if fill_cache:
            c0 = time.perf_counter()
            for j, (doc, raw) in enumerate(zip(batch, raws)):
                data, path = datas[i + j], files[i + j]
                cache.put(cache.key(data, linter.facts.digest, check_ids, format_for(path)), raw, doc.comments)
            t_cache += time.perf_counter() - c0
        t0 = time.perf_counter()
        for doc, raw in zip(batch, raws):
            results.append(linter.post_process(doc, raw))
        t_post += time.perf_counter() - t0
        del analyzed
    t_checks = sum(per_check.values())
    t["nlp"] = t_nlp
    t["checks"] = t_checks
    t["post-process (place, suppress)"] = t_post

    t0 = time.perf_counter()
    run = RunResult(results, errors)
    text = FORMATS["json"](run.files, verbose=False, baselined=None, suppressed=run.suppressed)
    (out / "check-inprocess.json").write_text(text, encoding="utf-8")
    t["output (json)"] = time.perf_counter() - t0

    startup = sum(v for k, v in t.items() if k.startswith("start-up"))
    work_total = sum(v for k, v in t.items() if not k.startswith("start-up"))
    prose = [b.text for d in docs for b in d.blocks]
    return {
        "seconds": t, "per_check_s": per_check, "startup_s": startup, "work_s": work_total,
        "share_of_work": {k: v / work_total for k, v in t.items() if not k.startswith("start-up")},
        "words_per_s_work": words / work_total, "findings": sum(len(r.findings) for r in results),
        "prose_blocks": len(prose), "prose_words": sum(len(p.split()) for p in prose),
        "cache_fill_s": t_cache if fill_cache else None,
        "_prose": prose, "_analyzer": analyzer,
    }


def floor(prose: list[str], analyzer, words: int) -> dict:
    """spaCy's blank English tokenizer over the same prose blocks; also ne-lint's own pipeline
    (its tokenizer settings and the sentencizer) without the matchers."""
    import spacy

    nlp = spacy.blank("en")
    for _ in nlp.pipe(prose[:200], batch_size=256):  # warm up
        pass
    t0 = time.perf_counter()
    for _ in nlp.pipe(prose, batch_size=256):
        pass
    blank = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in analyzer.nlp.pipe(prose, batch_size=256):
        pass
    pipeline = time.perf_counter() - t0
    from ne_lint.documents import load_document

    real = sorted(p for d in ("articles", "tests/corpus", "tests/heldout") if (REPO / d).is_dir()
                  for p in (REPO / d).rglob("*") if p.suffix in (".md", ".html", ".txt"))
    real_texts, real_words = [], 0
    for p in real:
        try:
            real_texts += [b.text for b in load_document(p).blocks]
            real_words += len(p.read_bytes().split())
        except Exception:  # noqa: BLE001 - a test file meant to be refused
            pass
    fresh = spacy.blank("en")  # a cold tokenizer cache, as for articles never seen before
    t0 = time.perf_counter()
    for _ in fresh.pipe(real_texts, batch_size=256):
        pass
    real_s = time.perf_counter() - t0
    return {"real_text_files": len(real), "real_text_words": real_words, "real_text_s": real_s,
            "real_text_words_per_s": real_words / real_s if real_s else 0.0,
            "blank_tokenizer_s": blank, "blank_tokenizer_words_per_s": words / blank,
            "ne_lint_pipeline_no_matchers_s": pipeline, "ne_lint_pipeline_no_matchers_words_per_s": words / pipeline}


# ---- proselint ---------------------------------------------------------------------------------
def ensure_proselint(out: Path) -> tuple[Path | None, str]:
    venv = out / "proselint-venv"
    exe = venv / "bin" / "proselint"
    if exe.exists():
        return exe, "present"
    base = shutil.which("python3") or sys.executable
    try:
        subprocess.run([base, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"], check=True,
                       capture_output=True, timeout=600)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        return None, f"cannot install proselint: {exc} {detail.decode('utf-8', 'replace')[-500:]}"
    return (exe, "installed") if exe.exists() else (None, "pip installed no proselint executable")


def run_proselint(exe: Path, files: list[Path], work: Path, out: Path) -> dict:
    helptext = subprocess.run([str(exe), "--help"], capture_output=True, text=True).stdout
    version = subprocess.run([str(exe), "version"], capture_output=True, text=True)
    version = (version.stdout or version.stderr).strip().splitlines()[:1]
    cfg = out / "proselint-config.json"
    cfg.write_text(json.dumps({"max_errors": 10**9}) + "\n")  # never stop a file early
    if "check" in helptext:  # 0.14+: `proselint check [--config] PATHS`
        base = [str(exe), "check", "--config", str(cfg), "-o", "json"]
    else:  # older: `proselint [--json] FILES`
        base = [str(exe), "--json"]
    chunks, chunk, size = [], [], 0
    for f in files:  # stay well under the argument-length limit
        if chunk and size + len(str(f)) > 100_000:
            chunks.append(chunk)
            chunk, size = [], 0
        chunk.append(str(f))
        size += len(str(f)) + 1
    chunks.append(chunk)
    measure(base + chunks[0][:1], work)  # warm-up
    runs = [measure(base + c, work, stdout=out / f"proselint-{i}.json") for i, c in enumerate(chunks)]
    diagnostics = 0
    for i in range(len(chunks)):
        try:
            data = json.loads((out / f"proselint-{i}.json").read_text(encoding="utf-8"))
            diagnostics += sum(len(v.get("diagnostics", [])) for v in data.get("result", {}).values())
        except (ValueError, OSError, AttributeError):
            pass
    return {"version": version[0] if version else "?", "invocations": len(chunks),
            "wall_s": sum(r["wall_s"] for r in runs), "rc": [r["rc"] for r in runs],
            "max_rss_mb": max(r["max_rss_mb"] for r in runs), "diagnostics": diagnostics,
            "cpu_s": sum(r["cpu_s"] for r in runs), "other_load": statistics.mean(r["other_load"] for r in runs)}


# ---- profiling ---------------------------------------------------------------------------------
def profile(ne_lint_python: Path, corpus: Path, work: Path, out: Path, top: int = 15) -> dict:
    venv = out / "tools-venv"
    spy = venv / "bin" / "py-spy"
    if not spy.exists():
        base = shutil.which("python3") or sys.executable
        subprocess.run([base, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "py-spy"], check=True, capture_output=True)
    cmd = [str(ne_lint_python), "-m", "ne_lint", "check", "--no-cache", "--format", "json", "--fail-on", "never",
           "--jobs", "1", str(corpus)]
    raw = out / "profile-raw.txt"
    subprocess.run([str(spy), "record", "-F", "-r", "200", "-f", "raw", "-o", str(raw), "--", *cmd], cwd=work,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV)
    subprocess.run([str(spy), "record", "-F", "-r", "100", "-o", str(out / "profile.svg"), "--", *cmd], cwd=work,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    self_t: dict[str, int] = {}
    incl: dict[str, int] = {}
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        n = int(count)
        total += n
        frames = stack.split(";")
        self_t[frames[-1]] = self_t.get(frames[-1], 0) + n
        for fr in set(frames):
            incl[fr] = incl.get(fr, 0) + n
    rows = sorted(self_t.items(), key=lambda kv: -kv[1])[:top]
    lines = [f"samples: {total}", "", "self time:"]
    lines += [f"{n / total:6.1%}  {frame}" for frame, n in rows]
    lines += ["", "inclusive time (ne_lint frames):"]
    lines += [f"{n / total:6.1%}  {frame}" for frame, n in sorted(incl.items(), key=lambda kv: -kv[1])
              if "ne_lint/" in frame][:25]
    (out / "profile-top.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"samples": total, "self": [(f, n / total) for f, n in rows]}


# ---- report ------------------------------------------------------------------------------------
def fmt_rate(x: float) -> str:
    return f"{x:,.0f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="ne-lint benchmarks")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None, help="the N of the N-job run (default: CPUs)")
    ap.add_argument("--ref", default=None,
                    help="measure ne_lint/ and rules/ as committed at this git revision (a snapshot in "
                         "OUT/snapshots), not the work tree, which others may be editing")
    ap.add_argument("--cli-cache-fill", action="store_true",
                    help="fill the cache with a CLI run (--jobs N) instead of during the in-process run")
    ap.add_argument("--skip-proselint", action="store_true")
    ap.add_argument("--skip-big", action="store_true")
    ap.add_argument("--big-timeout", type=float, default=900.0, help="seconds before the big run is given up")
    ap.add_argument("--profile", action="store_true", help="also profile the 1-job run with py-spy")
    args = ap.parse_args(argv)
    _reexec_in_venv()
    sys.path.insert(0, str(HERE))
    import generate

    started = time.perf_counter()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    source = setup_env(out, args.ref)
    corpus, work, big_dir, hook = out / "corpus", out / "work", out / "big", out / "hook"
    for d in (work, hook / "articles"):
        d.mkdir(parents=True, exist_ok=True)
    for d in (work, hook):
        (d / ".ne-lint.yaml").write_text("")  # pins the config root (and the cache) here
    shutil.copy(REPO / "articles" / "norepinephrine.txt", hook / "articles" / "norepinephrine.txt")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    jobs = args.jobs or cpus
    ne_lint = Path(sys.executable).parent / "ne-lint"
    if not ne_lint.exists():
        ne_lint = Path(shutil.which("ne-lint") or "ne-lint")
    check = [str(ne_lint), "check", "--format", "json", "--fail-on", "never"]
    R: dict = {"machine": {"cpus": cpus, "python": platform.python_version(), "platform": platform.platform(),
                           "loadavg_at_start": os.getloadavg()[0]},
               "source": source, "ne_lint": str(ne_lint), "articles": args.articles, "seed": args.seed}
    print_before = fingerprint()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {msg}", file=sys.stderr, flush=True)

    if source.get("commit"):
        what = f"commit {source['commit'][:12]} ({source['snapshot']})"
    else:
        what = f"the work tree {REPO} (HEAD {source['head'][:12]}, {source['dirty_files']} changed files)"
    log(f"measuring {what}")
    log(f"generating {args.articles} articles into {corpus}")
    manifest = generate.generate(corpus, args.articles, args.seed)
    files = article_files(corpus)
    words = file_words(files)
    R["corpus"] = {"files": len(files), "words": words, "bytes": sum(p.stat().st_size for p in files),
                   "formats": {f: sum(1 for e in manifest.values() if e["format"] == f) for f in ("md", "html", "txt")},
                   "injected_errors": sum(sum(e["injected_errors"].values()) for e in manifest.values())}

    log("warm-up run")
    measure([*check, "--no-cache", str(hook / "articles" / "norepinephrine.txt")], work)

    log("1-job run")
    j1 = measure([*check, "--no-cache", "--jobs", "1", str(corpus)], work, stdout=out / "check-j1.json")
    j1["words_per_s"] = words / j1["wall_s"]
    R["j1"] = j1
    log(f"  {j1['wall_s']:.1f} s, {fmt_rate(j1['words_per_s'])} words/s")

    log(f"{jobs}-job run")
    jn = measure([*check, "--no-cache", "--jobs", str(jobs), str(corpus)], work, stdout=out / f"check-j{jobs}.json")
    jn["words_per_s"] = words / jn["wall_s"]
    jn["jobs"] = jobs
    jn["same_output_as_j1"] = (out / f"check-j{jobs}.json").read_bytes() == (out / "check-j1.json").read_bytes()
    R["jN"] = jn
    log(f"  {jn['wall_s']:.1f} s, {fmt_rate(jn['words_per_s'])} words/s")

    log("phases, in process" + ("" if args.cli_cache_fill else " (filling the cache as it goes)"))
    cache_dir = work / ".ne-lint-cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    ph = phases(corpus, work, words, out, fill_cache=not args.cli_cache_fill)
    prose, analyzer = ph.pop("_prose"), ph.pop("_analyzer")
    ph["same_output_as_cli"] = (out / "check-inprocess.json").read_bytes() == (out / "check-j1.json").read_bytes()
    ph["process_overhead_s"] = j1["wall_s"] - ph["startup_s"] - ph["work_s"]
    R["phases"] = ph

    log("tokenizer floor")
    R["floor"] = floor(prose, analyzer, words)
    del prose, analyzer

    log("cached rerun")
    entries = lambda: sum(1 for _ in cache_dir.glob("*/*.json"))
    fill = None
    if args.cli_cache_fill or entries() != len(files):
        fill = measure([*check, "--jobs", str(jobs), str(corpus)], work, stdout=out / "check-cache-fill.json")
    before = entries()
    reruns = [measure([*check, "--jobs", "1", str(corpus)], work, stdout=out / "check-cached.json") for _ in range(3)]
    if entries() != before and fill is None:  # the in-process keys were not the CLI's: fill with the CLI
        log("  the in-process cache entries were missed; filling with the CLI")
        shutil.rmtree(cache_dir, ignore_errors=True)
        fill = measure([*check, "--jobs", str(jobs), str(corpus)], work, stdout=out / "check-cache-fill.json")
        before = entries()
        reruns = [measure([*check, "--jobs", "1", str(corpus)], work, stdout=out / "check-cached.json")
                  for _ in range(3)]
    cached = median_of(reruns)
    cached["fill"] = (f"CLI --jobs {jobs}, {fill['wall_s']:.1f} s" if fill else
                      f"in process, {ph['cache_fill_s']:.2f} s of writes")
    cached["entries"] = before
    cached["missed_in_rerun"] = entries() - before  # new entries written by the reruns: misses
    cached["same_output_as_j1"] = (out / "check-cached.json").read_bytes() == (out / "check-j1.json").read_bytes()
    cached["speedup_vs_j1"] = j1["wall_s"] / cached["wall_s"]
    cached["words_per_s"] = words / cached["wall_s"]
    R["cached"] = cached
    log(f"  {cached['wall_s']:.2f} s ({cached['speedup_vs_j1']:.1f}x)")

    log("one-article hook run")
    hook_cmd = [str(ne_lint), "check", "articles/norepinephrine.txt"]
    shutil.rmtree(hook / ".ne-lint-cache", ignore_errors=True)
    measure(hook_cmd, hook)  # fills the hook folder's cache, as an earlier commit would have
    R["hook"] = median_of([measure(hook_cmd, hook) for _ in range(5)])
    R["hook_no_cache"] = median_of([measure([*hook_cmd, "--no-cache"], hook) for _ in range(5)])
    R["startup_version"] = median_of([measure([str(ne_lint), "--version"], hook) for _ in range(3)])
    R["startup_spacy"] = median_of([measure([sys.executable, "-c", "import spacy"], hook) for _ in range(3)])
    log(f"  {R['hook']['wall_s']:.2f} s cached, {R['hook_no_cache']['wall_s']:.2f} s without the cache")

    if args.skip_proselint:
        R["proselint"] = {"skipped": True}
    else:
        log("proselint")
        exe, how = ensure_proselint(out)
        if exe is None:
            R["proselint"] = {"unavailable": how}
            log(f"  {how}")
        else:
            pl = run_proselint(exe, files, work, out)
            pl["words_per_s"] = words / pl["wall_s"]
            pl["venv"] = how
            R["proselint"] = pl

    if args.skip_big:
        R["big"] = {"skipped": True}
    else:
        log("big article")
        big = generate.generate_big(big_dir, args.seed)
        big_words = file_words([big])
        b = measure([*check, "--no-cache", "--jobs", "1", str(big)], work, stdout=out / "check-big.json",
                    timeout=args.big_timeout)
        b.update({"path": str(big), "bytes": big.stat().st_size, "words": big_words})
        if b.get("completed"):
            b["words_per_s"] = big_words / b["wall_s"]
            try:
                b["positions"] = check_positions(out / "check-big.json")
            except (ValueError, KeyError, OSError) as exc:
                b["positions"] = {"error": f"{type(exc).__name__}: {exc}"}
        R["big"] = b

    R["corpus_positions"] = check_positions(out / "check-j1.json")

    if args.profile:
        log("profiling the 1-job run with py-spy")
        R["profile"] = profile(Path(sys.executable), corpus, work, out)

    R["changed_during_run"] = fingerprint() != print_before
    R["machine"]["loadavg_at_end"] = os.getloadavg()[0]
    R["ratios"] = ratios(R)
    R["total_s"] = time.perf_counter() - started
    (out / "results.json").write_text(json.dumps(R, indent=1, default=str) + "\n", encoding="utf-8")
    print(table(R))
    print(f"\nresults: {out / 'results.json'}  (benchmark took {R['total_s']:.0f} s)")
    return 0


def ratios(R: dict) -> dict:
    j1 = R["j1"]["words_per_s"]
    rows = {}
    pl = R.get("proselint", {})
    if "words_per_s" in pl:
        rows["1-job vs proselint"] = (j1 / pl["words_per_s"], TARGETS["vs_proselint"], ">=")
    rows["1-job vs tokenizer floor"] = (j1 / R["floor"]["blank_tokenizer_words_per_s"], TARGETS["vs_floor"], ">=")
    rows[f"{R['jN']['jobs']}-job vs 1-job"] = (R["jN"]["words_per_s"] / j1, TARGETS["parallel"], ">=")
    rows["cached rerun speed-up"] = (R["cached"]["speedup_vs_j1"], TARGETS["cache"], ">=")
    rows["one-article run, cached (s)"] = (R["hook"]["wall_s"], TARGETS["hook_s"], "<")
    rows["one-article run, --no-cache (s)"] = (R["hook_no_cache"]["wall_s"], TARGETS["hook_s"], "<")
    peak = max(R["j1"]["max_rss_mb"], R["jN"]["max_rss_mb"])
    rows["peak memory, largest process (MB)"] = (peak, TARGETS["memory_mb"], "<")
    rows[f"peak memory, {R['jN']['jobs']}-job tree PSS (MB)"] = (R["jN"]["tree_peak_pss_mb"], TARGETS["memory_mb"], "<")
    big = R.get("big", {})
    if big.get("completed"):
        rows["3 MB article peak memory (MB)"] = (big["max_rss_mb"], TARGETS["memory_mb"], "<")
    return {k: {"value": v, "target": t, "op": op, "met": (v >= t if op == ">=" else v < t)}
            for k, (v, t, op) in rows.items()}


def table(R: dict) -> str:
    c = R["corpus"]
    src = R["source"]
    what = (f"commit {src['commit'][:12]}" if src.get("commit") else
            f"work tree (HEAD {src['head'][:12]}, {src['dirty_files']} changed files)")
    L = [f"ne-lint benchmarks — {what}; {c['files']} articles ({c['formats']['md']} md, {c['formats']['html']} html, "
         f"{c['formats']['txt']} txt), {c['words']:,} words, {c['bytes'] / 1e6:.1f} MB; "
         f"{R['machine']['cpus']} CPUs, Python {R['machine']['python']}", ""]
    head = (f"{'run':<48} {'wall s':>7} {'words/s':>9} {'w/cpu-s':>8} {'maxRSS':>7} {'treePSS':>7} "
            f"{'other':>5}  notes")
    L += [head, "-" * (len(head) + 30)]

    def row(name, r, note=""):
        rate = fmt_rate(r["words_per_s"]) if "words_per_s" in r else ""
        cpu = fmt_rate(r["words_per_s"] * r["wall_s"] / r["cpu_s"]) if "words_per_s" in r and r.get("cpu_s") else ""
        pss = f"{r['tree_peak_pss_mb']:.0f}" if "tree_peak_pss_mb" in r else ""
        other = f"{r['other_load']:.1f}" if "other_load" in r else ""
        L.append(f"{name:<48} {r['wall_s']:>7.2f} {rate:>9} {cpu:>8} {r.get('max_rss_mb', 0):>7.0f} {pss:>7} "
                 f"{other:>5}  {note}")

    row("check --no-cache --jobs 1", R["j1"], f"cpu {R['j1']['cpu_s']:.1f} s")
    jn = R["jN"]
    row(f"check --no-cache --jobs {jn['jobs']}", jn,
        f"cpu {jn['cpu_s']:.1f} s; output {'identical' if jn['same_output_as_j1'] else 'DIFFERS'}")
    ca = R["cached"]
    row("check --jobs 1, cache filled (median of 3)", ca,
        f"fill: {ca['fill']}; {ca['entries']} entries, {ca['missed_in_rerun']} missed; "
        f"output {'identical' if ca['same_output_as_j1'] else 'DIFFERS'}")
    row("hook: check articles/norepinephrine.txt", R["hook"], "cache on (default); median of 5: " +
        ", ".join(f"{x:.2f}" for x in R["hook"]["runs_s"]))
    row("hook: same, --no-cache", R["hook_no_cache"], "median of 5: " +
        ", ".join(f"{x:.2f}" for x in R["hook_no_cache"]["runs_s"]))
    row("ne-lint --version", R["startup_version"], "median of 3")
    row("python -c 'import spacy'", R["startup_spacy"], "median of 3")
    pl = R.get("proselint", {})
    if "wall_s" in pl:
        L.append(f"{'proselint check (' + pl['version'] + ')':<48} {pl['wall_s']:>7.2f} {fmt_rate(pl['words_per_s']):>9} "
                 f"{'':>8} {pl['max_rss_mb']:>7.0f} {'':>7} {pl.get('other_load', 0):>5.1f}  "
                 f"{pl['invocations']} invocation(s), {pl['diagnostics']} diagnostics")
    else:
        L.append(f"{'proselint':<48} {'—':>7}  {pl.get('unavailable') or 'skipped'}")
    f = R["floor"]
    L.append(f"{'spacy.blank(en) tokenizer, in process':<48} {f['blank_tokenizer_s']:>7.2f} "
             f"{fmt_rate(f['blank_tokenizer_words_per_s']):>9} {'':>8} {'':>7} {'':>7} {'':>5}  the corpus's prose blocks")
    L.append(f"{'ne-lint pipeline, no matchers, in process':<48} {f['ne_lint_pipeline_no_matchers_s']:>7.2f} "
             f"{fmt_rate(f['ne_lint_pipeline_no_matchers_words_per_s']):>9} {'':>8} {'':>7} {'':>7} {'':>5}  "
             "its tokenizer rules and sentencizer")
    if f.get("real_text_words"):
        L.append(f"{'spacy.blank(en) tokenizer, real articles':<48} {f['real_text_s']:>7.2f} "
                 f"{fmt_rate(f['real_text_words_per_s']):>9} {'':>8} {'':>7} {'':>7} {'':>5}  "
                 f"{f['real_text_files']} files of articles/ and tests/, {f['real_text_words']:,} words, cold")
    b = R.get("big", {})
    if b.get("completed"):
        pos = b.get("positions", {})
        note = (f"{b['bytes'] / 1e6:.1f} MB, rc {b['rc']}; positions: {pos.get('findings', '?')} findings, "
                f"{pos.get('mismatches', '?')} wrong")
        row("3 MB article, --no-cache --jobs 1", b, note)
    elif b and not b.get("skipped"):
        L.append(f"{'3 MB article':<48} did not complete within {b.get('timeout')} s")
    cp = R["corpus_positions"]
    L.append(f"corpus positions (1-job output): {cp['findings']} findings checked, {cp['mismatches']} wrong")
    L.append("(w/cpu-s: words per CPU second of the whole process tree; maxRSS: largest single process, MB; "
             "treePSS: peak summed PSS of all processes, MB; other: CPU cores kept busy by other programs)")

    ph = R["phases"]
    L += ["", f"phases of the 1-job run, in process ({ph['findings']} findings, "
              f"output {'identical to' if ph['same_output_as_cli'] else 'DIFFERENT from'} the CLI's)",
          f"{'phase':<36} {'seconds':>8} {'share':>7}"]
    for k, v in ph["seconds"].items():
        share = f"{ph['share_of_work'][k]:.1%}" if k in ph["share_of_work"] else ""
        L.append(f"{k:<36} {v:>8.2f} {share:>7}")
    over = ph["process_overhead_s"]
    L.append(f"{'CLI 1-job wall minus all of the above':<36} {over:>8.2f}  "
             + ("(interpreter start, click, exit)" if over >= 0 else "(negative: the in-process run was slower)"))
    L.append("per check: " + ", ".join(f"{k} {v:.2f} s" for k, v in sorted(ph["per_check_s"].items(), key=lambda kv: -kv[1])))

    L += ["", f"{'ratio':<44} {'value':>8} {'target':>9}  met"]
    for k, r in R["ratios"].items():
        L.append(f"{k:<44} {r['value']:>8.2f} {r['op'] + format(r['target'], '.2f'):>9}  {'yes' if r['met'] else 'NO'}")
    if "profile" in R:
        L += ["", f"py-spy, 1-job run ({R['profile']['samples']} samples), self time:"]
        L += [f"  {share:6.1%}  {frame}" for frame, share in R["profile"]["self"]]
    warn = []
    if R.get("changed_during_run"):
        warn.append("ne_lint/ or rules/ changed during the run: the numbers mix versions (use --ref)")
    busy = [(k, R[k]["other_load"]) for k in ("j1", "jN", "cached", "hook") if R.get(k, {}).get("other_load", 0) > 0.3]
    if busy:
        warn.append("other programs kept the CPUs busy during " + ", ".join(f"{k} ({v:.1f} cores)" for k, v in busy)
                    + ": wall times are inflated; words per CPU second is the steadier figure")
    if warn:
        L += [""] + [f"WARNING: {w}" for w in warn]
    return "\n".join(L)


if __name__ == "__main__":
    sys.exit(main())
