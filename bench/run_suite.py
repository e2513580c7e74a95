#!/usr/bin/env python3
"""The govbench benchmark suite: every case of docs/BENCHMARKS.md in one run,
each beside its baseline measured in the same run, printed as one Markdown
table.

  run_suite.py --build build/release [--quick] [--update-docs] [--label TEXT]

Programs are timed as whole processes (wall clock from spawn to exit), and
each one's peak resident memory comes from the kernel (wait4's ru_maxrss).
The C++ benchmarks (govbench_bench, govbench_bench_ui and, when it is built,
govbench_bench_scenario) report their own figures as BENCH lines, whose
format docs/BENCHMARKS.md defines; this script reads those lines too.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "real"
AS_OF = "2022-12-31"
XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"]
# python3-pandas is a Debian package: it is importable from Debian's python3,
# which may not be the first python3 on PATH.
PANDAS_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


@dataclass
class Row:
    case: int
    id: str
    what: str
    unit: str = "ms"
    samples: list = field(default_factory=list)
    cpu_samples: list = field(default_factory=list)  # user + system CPU time of the process, ms
    cpu: float = None
    median: float = 0.0
    lo: float = 0.0
    hi: float = 0.0
    p95: float = None
    runs: int = 0
    baseline: str = ""
    target: str = ""
    note: str = ""
    skipped: str = ""

    def finish(self):
        if self.samples:
            s = sorted(self.samples)
            self.median, self.lo, self.hi, self.runs = statistics.median(s), s[0], s[-1], len(s)
        if self.cpu_samples:
            self.cpu = statistics.median(self.cpu_samples)
        return self


# --- BENCH lines (docs/BENCHMARKS.md, "Line format") --------------------------

def parse_bench_lines(text, source):
    rows = []
    for line in text.splitlines():
        if not line.startswith("BENCH\t"):
            continue
        f = dict(part.split("=", 1) for part in line.rstrip("\n").split("\t")[1:] if "=" in part)
        try:
            rows.append(Row(case=int(f["case"]), id=f["id"], what=f["what"], unit=f.get("unit", "ms"),
                            median=float(f["median"]), lo=float(f.get("min", f["median"])),
                            hi=float(f.get("max", f["median"])), p95=float(f["p95"]) if "p95" in f else None,
                            runs=int(f.get("runs", 1)), baseline=f.get("baseline", ""), target=f.get("target", ""),
                            note=f.get("note", "")))
        except (KeyError, ValueError) as e:
            print(f"run_suite: {source}: malformed BENCH line ({e}): {line}", file=sys.stderr)
    return rows


# --- running programs -----------------------------------------------------------

def run(cmd, stdin=None, stdout=subprocess.DEVNULL, env=None, check=True, cpu=None):
    """Runs cmd; returns (seconds, peak RSS in MiB, stdout text or None). Appends
    its CPU time (user + system, ms) to the list `cpu` if given."""
    out_file = tempfile.TemporaryFile() if stdout is subprocess.PIPE else None
    err_file = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=stdin, stdout=out_file if out_file else stdout, stderr=err_file, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t0
    if cpu is not None:
        cpu.append((usage.ru_utime + usage.ru_stime) * 1000)
    p.returncode = os.waitstatus_to_exitcode(status)
    err_file.seek(0)
    err = err_file.read().decode(errors="replace")
    text = None
    if out_file:
        out_file.seek(0)
        text = out_file.read().decode(errors="replace")
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({p.returncode}): {err.strip()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024.0, text


WARMUP = True  # one untimed run first (--no-warmup turns it off)


def timed_once(cmd, stdin_path=None, env=None):
    """One run of cmd (stdin from stdin_path if given): (milliseconds, CPU milliseconds list, peak RSS in MiB)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    cpu = []
    try:
        seconds, rss, _ = run(cmd, stdin=stdin, cpu=cpu, env=env)
    finally:
        if stdin_path:
            stdin.close()
    return seconds * 1000, cpu, rss


def timed(case, id_, what, cmd, runs, stdin_path=None, before=None, baseline="", target="", warmup=None, env=None):
    """Times `runs` runs of cmd (after one untimed warm-up) in the environment `env` (None: this one);
    returns the time row and the peak-RSS figure."""
    row = Row(case, id_, what, baseline=baseline, target=target)
    warmup = WARMUP if warmup is None else warmup
    peak = 0.0
    for i in range(runs + (1 if warmup else 0)):
        if before:
            before()
        ms, cpu, rss = timed_once(cmd, stdin_path, env)
        if warmup and i == 0:
            continue
        row.samples.append(ms)
        row.cpu_samples += cpu
        peak = max(peak, rss)
    return row.finish(), peak


def timed_pair(first, second, runs):
    """Times two commands run by run in turn, first then second, after one untimed warm-up of each: a burst of
    load on the machine then slows both alike, where timing all of one and then all of the other lets it fall on
    one side of the ratio only. Each of `first` and `second` is a dict of timed()'s arguments (case, id_, what,
    cmd and optionally stdin_path, baseline, target, env); returns both rows and both peak-RSS figures. Both run on
    the same processor: on a virtual machine one virtual CPU can be much slower than the other for minutes at a time
    (its host core is busy), and a pair split across them measures the machine, not the programs."""
    specs = (first, second)
    rows = [Row(s["case"], s["id_"], s["what"], baseline=s.get("baseline", ""), target=s.get("target", ""))
            for s in specs]
    peaks = [0.0, 0.0]
    # The suite itself moves to that processor for the pair, and the programs inherit it (setting it in each child
    # instead would make Python fork rather than spawn, a few ms more on both sides of the ratio).
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        for i in range(runs + (1 if WARMUP else 0)):
            for k, spec in enumerate(specs):
                ms, cpu, rss = timed_once(spec["cmd"], spec.get("stdin_path"), spec.get("env"))
                if WARMUP and i == 0:
                    continue
                rows[k].samples.append(ms)
                rows[k].cpu_samples += cpu
                peaks[k] = max(peaks[k], rss)
    finally:
        os.sched_setaffinity(0, allowed)
    return rows[0].finish(), peaks[0], rows[1].finish(), peaks[1]


def schema_version(db):
    import sqlite3
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- the cases ------------------------------------------------------------------

class Suite:
    def __init__(self, args):
        self.args = args
        self.build = Path(args.build).resolve()
        self.govbench = self.build / "workbench" / "app" / "govbench"
        self.bench = self.build / "bench" / "govbench_bench"
        self.bench_ui = self.build / "bench" / "govbench_bench_ui"
        self.bench_scenario = self.build / "bench" / "govbench_bench_scenario"
        self.bench_team = self.build / "bench" / "govbench_bench_team"
        self.cache = Path(args.cache)
        self.cache.mkdir(parents=True, exist_ok=True)
        self.scratch = Path(tempfile.mkdtemp(prefix="run-", dir=self.cache))
        self.rows = []
        self.budgeted = set()
        self.quick = args.quick
        self.n_obs = 100_000 if self.quick else 1_000_000
        self.runs = args.runs or (3 if self.quick else 5)
        # Programs must not read or write the user's settings or data folder.
        self.env = dict(os.environ, XDG_CONFIG_HOME=str(self.scratch / "config"),
                        XDG_DATA_HOME=str(self.scratch / "data"))

    def add(self, row):
        self.rows.append(row)
        log(f"case {row.case} {row.id}: median {row.median:.1f} {row.unit}")

    def rss_row(self, case_of, id_, what, mib, target=""):
        self.add(Row(7, id_, f"peak RSS: {what} (case {case_of})", unit="MiB", median=mib, lo=mib, hi=mib, runs=1,
                     target=target))

    # Databases ------------------------------------------------------------------
    def generous_budget(self, path):
        """A busy machine must not make an indicator overrun the 2 s default
        budget per call and fail: the benchmark measures time, not budgets."""
        run([self.govbench, "setting", "--db", path, "script.time_budget_ms", "120000"], env=self.env)

    def demo_db(self):
        path = self.scratch / "demo.db"
        if not path.exists():
            run([self.govbench, "init-demo", path], env=self.env)
            self.generous_budget(path)
        return path

    def big_db(self):
        path = self.cache / f"synthetic-{self.n_obs}-seed7.db"
        if path.exists() and schema_version(path) != schema_version(self.demo_db()):
            log(f"{path} was made by an older govbench; making it again")
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            Path(str(self.cache / f"observations-{self.n_obs}.csv")).unlink(missing_ok=True)
        if not path.exists():
            log(f"generating {path} (once; kept for later runs)")
            run([self.govbench, "gen-synthetic", "--db", path, "--observations", str(self.n_obs), "--risks", "10000",
                 "--actions", "1000", "--seed", "7"], env=self.env)
        if path not in self.budgeted:
            self.generous_budget(path)
            self.budgeted.add(path)
        return path

    # Case 1 ---------------------------------------------------------------------
    def case_indicators(self, label, tag, db, runs, pair_runs=None):
        sql = self.scratch / f"indicators-{tag}.sql"
        run([self.bench, "--db", db, "--trace-sql", sql], env=self.env)
        pandas = [PANDAS_PYTHON, ROOT / "bench" / "pandas_indicators.py", "--db", db, "--as-of", AS_OF]
        # The shell and govbench run by turns (timed_pair): the ratio is the target.
        floor, floor_rss, wb, wb_rss = timed_pair(
            dict(case=1, id_=f"{tag}-sqlite3", what=f"the same SQL through the sqlite3 shell, {label}",
                 cmd=["sqlite3", "-readonly", db], stdin_path=sql),
            dict(case=1, id_=f"{tag}-govbench", what=f"govbench eval, all bundled indicators, {label}",
                 cmd=[self.govbench, "eval", "--db", db, "--as-of", AS_OF, "--format", "csv"],
                 baseline=f"{tag}-sqlite3", target="ratio<=2" if tag == "demo" else "ratio<=1.15"),
            pair_runs or runs)
        self.add(floor)
        self.add(wb)
        if self.args.compare_govbench:
            # An earlier build beside this one, in the same run: what a change cost.
            before, _ = timed(1, f"{tag}-govbench-before", f"govbench eval as built before the change, {label}",
                              [self.args.compare_govbench, "eval", "--db", db, "--as-of", AS_OF, "--format", "csv"],
                              runs)
            self.add(before)
            again, _ = timed(1, f"{tag}-govbench-after", f"govbench eval as built now (again, after the earlier build), {label}",
                             [self.govbench, "eval", "--db", db, "--as-of", AS_OF, "--format", "csv"], runs,
                             baseline=f"{tag}-govbench-before", target="ratio<=1.1")
            self.add(again)
        if self.pandas_ok:
            pd_row, pd_rss = timed(1, f"{tag}-pandas", f"the same indicators in pandas, {label}", pandas, runs,
                                   baseline=f"{tag}-govbench", target="ratio>=3")
            self.add(pd_row)
        else:
            self.add(Row(1, f"{tag}-pandas", f"the same indicators in pandas, {label}",
                         skipped="python3-pandas is not installed (tools/install-deps.sh --bench)"))
            pd_rss = None
        return wb_rss, floor_rss, pd_rss

    def case1(self):
        log("case 1: indicators")
        self.case_indicators("demo database", "demo", self.demo_db(), self.args.runs or (7 if not self.quick else 3))
        label = f"{self.n_obs:,} observations"
        # The target is a ratio of 15%: more pairs than other rows (a pair takes
        # about 0.3 s), for a median a single slow run cannot move.
        wb, floor, pandas = self.case_indicators(label, "big", self.big_db(), self.runs,
                                                 pair_runs=self.args.runs or (5 if self.quick else 9))
        self.rss_row(1, "rss-govbench", f"govbench eval, {label}", wb, target="median<200")
        self.rss_row(1, "rss-sqlite3", f"sqlite3 shell, {label}", floor)
        if pandas is not None:
            self.rss_row(1, "rss-pandas", f"pandas, {label}", pandas)
        # The engine's own overhead, in process (no start-up, no output).
        _, _, out = run([self.bench, "--only", "indicators", "--db", self.big_db()] + (["--quick"] if self.quick else []),
                        stdout=subprocess.PIPE, env=self.env)
        for r in parse_bench_lines(out, "govbench_bench"):
            self.add(r)

    # Case 2 ---------------------------------------------------------------------
    def case_import(self, tag, label, csv, runs, header_rows=None, target="ratio<=1.25"):
        # Both write a new database file, as an analyst starting afresh would
        # (govbench's includes creating the governance schema).
        gb_db = self.scratch / f"import-{tag}.db"
        sq_db = self.scratch / f"import-{tag}-sqlite3.db"

        def fresh_gb():
            for suffix in ("", "-wal", "-shm"):
                Path(str(gb_db) + suffix).unlink(missing_ok=True)

        def fresh_sq():
            sq_db.unlink(missing_ok=True)

        floor, _ = timed(2, f"import-{tag}-sqlite3", f"sqlite3 .import, {label}",
                         ["sqlite3", sq_db, f".import --csv '{csv}' t"], runs, before=fresh_sq)
        self.add(floor)
        cmd = [self.govbench, "import", csv, "--db", gb_db, "--table", "t"]
        if header_rows:
            cmd += ["--header-rows", str(header_rows)]
        wb, _ = timed(2, f"import-{tag}-govbench", f"govbench import (type inference, validation), {label}", cmd, runs,
                      before=fresh_gb, baseline=f"import-{tag}-sqlite3", target=target)
        self.add(wb)

    def synthetic_csv(self):
        path = self.cache / f"observations-{self.n_obs}.csv"
        if not path.exists():
            log(f"writing {path} (once)")
            run([self.govbench, "export", "--db", self.big_db(), "--format", "csv", "-o", path, "--sql",
                 "SELECT metric_id, period, period_start, period_end, area, grp, value, source_id FROM observations"],
                env=self.env)
        return path

    def case2(self):
        log("case 2: import")
        real = REAL / "2016-06-metropolitan-stop-and-search.csv"
        if real.exists():
            # Issue 20: the small real file within 1.1x of the shell's time, now that the
            # command line loads no drawing library (case 3, cold-cli-*).
            self.case_import("real", f"real stop and search CSV ({real.stat().st_size / 1e6:.1f} MB)", real, self.runs,
                             target="ratio<=1.1")
        else:
            self.add(Row(2, "import-real-govbench", "govbench import, real stop and search CSV",
                         skipped=f"{real} is missing"))
        # Speed at least 0.8x sqlite3's is a time at most 1/0.8 = 1.25x its time.
        self.case_import("synthetic", f"synthetic CSV, {self.n_obs:,} rows", self.synthetic_csv(), self.runs)

    # Case 3 ---------------------------------------------------------------------
    def case3(self):
        log("case 3: cold start")
        demo = self.demo_db()
        row, _ = timed(3, "cold-eval", "cold start to eval output on the CLI, demo database",
                       [self.govbench, "eval", "--db", demo, "--as-of", AS_OF],
                       self.args.runs or (7 if not self.quick else 3), target="median<300")
        self.add(row)
        self.cold_cli()
        runs = self.args.runs or (7 if not self.quick else 3)
        if os.environ.get("DISPLAY"):
            out = first_frames(self.govbench, demo, runs, self.env)
        elif shutil.which("xvfb-run"):
            # One X server for every launch, so its start-up is not counted.
            _, _, text = run(XVFB + [sys.executable, __file__, "--first-frames", str(self.govbench), str(demo),
                                     str(runs)], stdout=subprocess.PIPE, env=self.env)
            out = json.loads(text.strip().splitlines()[-1])
        else:
            self.add(Row(3, "cold-gui", "cold start to first rendered frame", skipped="no display and no xvfb-run"))
            return
        self.add(Row(3, "cold-gui", "cold start to first rendered frame (spawn to frame on screen), demo database, "
                                    "Xvfb + llvmpipe", samples=out["wall"], target="median<300").finish())
        self.add(Row(3, "cold-gui-inproc", "the same, as the program counts it (from its static initialisation)",
                     samples=out["inproc"]).finish())

    def cold_cli(self):
        """The command line's start with and without the drawing libraries (issue 20): `govbench --version`,
        which loads none, against the same with its two modules preloaded, which loads at start every library
        that drawing needs (GLFW, OpenGL, ImGui's, cairo, pango, librsvg...), as every command did before
        they became modules."""
        modules = [self.govbench.parent / name for name in ("libgovbench_draw.so", "libgovbench_gui.so")]
        modules = [m for m in modules if m.exists()]
        if not modules:
            self.add(Row(3, "cold-cli-lean", "cold start of govbench --version", skipped="no drawing module built"))
            return
        runs = self.args.runs or (31 if not self.quick else 7)
        cmd = [self.govbench, "--version"]
        preload = dict(self.env, LD_PRELOAD=":".join(str(m) for m in modules))
        drawing, _ = timed(3, "cold-cli-drawing", "cold start of `govbench --version` with the drawing libraries "
                           "loaded (" + " and ".join(m.name for m in modules) + " preloaded: every command before "
                           "issue 20)", cmd, runs, env=preload)
        self.add(drawing)
        lean, _ = timed(3, "cold-cli-lean", "cold start of `govbench --version` as built: no drawing library loaded",
                        cmd, runs, env=self.env, baseline="cold-cli-drawing")
        self.add(lean)

    # Cases 4, 5, 6 --------------------------------------------------------------
    def case_bench_program(self, case, program, args, rss_label=None):
        if not program.exists():
            return False
        log(f"case {case}: {program.name}")
        _, rss, out = run([program] + args, stdout=subprocess.PIPE, env=self.env)
        rows = parse_bench_lines(out, program.name)
        if not rows:
            raise RuntimeError(f"{program.name} printed no BENCH lines")
        for r in rows:
            self.add(r)
        if rss_label:
            self.rss_row(case, f"rss-{program.name}", rss_label, rss)
        return True

    def case4(self):
        self.case_bench_program(4, self.bench, ["--only", "reload"] + (["--quick"] if self.quick else []))

    def case5(self):
        if not self.case_bench_program(5, self.bench_ui, ["--frames", "100" if self.quick else "300"],
                                       rss_label="frame-time benchmark, 10,000 risks, 50 indicators"):
            self.add(Row(5, "frame", "GUI frame time", skipped="govbench_bench_ui is not built (GOVBENCH_GUI off)"))

    def case6(self):
        if not self.case_bench_program(6, self.bench_scenario, ["--quick"] if self.quick else [],
                                       rss_label="what-if re-scoring"):
            self.add(Row(6, "scenario", "re-scoring 10,000 risks under a what-if scenario",
                         skipped="govbench_bench_scenario is not built in this tree"))

    def case8(self):
        args = ["--big-db", self.big_db()] + (["--quick"] if self.quick else [])
        if not self.case_bench_program(8, self.bench_team, args, rss_label="team mode benchmark"):
            self.add(Row(8, "team", "team mode: sync, commit to visible, join",
                         skipped="govbench_bench_team is not built in this tree"))

    def case9(self):
        # Re-evaluation after one assessment edit (10,000 risks, 1M
        # observations) against a full evaluation, and the register's query
        # read as rows, columns and tuples.
        args = ["--only", "reeval", "--db", self.big_db()] + (["--quick"] if self.quick else [])
        self.case_bench_program(9, self.bench, args)

    def run_all(self):
        self.pandas_ok = subprocess.run([PANDAS_PYTHON, "-c", "import pandas"], capture_output=True).returncode == 0
        load_before = os.getloadavg()
        started = time.time()
        only = set(self.args.only.split(",")) if self.args.only else None
        for n, fn in ((1, self.case1), (2, self.case2), (3, self.case3), (4, self.case4), (5, self.case5),
                      (6, self.case6), (8, self.case8), (9, self.case9)):
            if only is None or str(n) in only:
                try:
                    fn()
                except RuntimeError as e:  # one case failing leaves the others to run
                    log(f"case {n} failed: {e}")
                    self.add(Row(n, f"case{n}-failed", f"case {n}", skipped="failed: " + str(e)[:300].replace("|", "/")))
        self.elapsed = time.time() - started
        self.load = (load_before, os.getloadavg())
        shutil.rmtree(self.scratch, ignore_errors=True)


def first_frames(govbench, demo, runs, env):
    """Launches the GUI `runs` times (after a warm-up) until its first frame; times in ms."""
    wall, inproc = [], []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        p = subprocess.Popen([str(govbench), "--db", str(demo), "--first-frame-exit"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, text=True)
        line = p.stdout.readline()
        t = (time.perf_counter() - t0) * 1000
        _, err = p.communicate()
        m = re.match(r"first frame: ([0-9.]+) ms", line)
        if p.returncode != 0 or not m:
            raise RuntimeError(f"govbench --first-frame-exit failed ({p.returncode}): {line} {err[-1000:]}")
        if i > 0:
            wall.append(t)
            inproc.append(float(m.group(1)))
    return {"wall": wall, "inproc": inproc}


# --- the table ------------------------------------------------------------------

TARGET_RE = re.compile(r"^(median|p95|ratio)(<=|>=|<|>)([0-9.]+)$")


def evaluate_target(row, ratio):
    m = TARGET_RE.match(row.target)
    if not m:
        return ""
    what, op, limit = m.group(1), m.group(2), float(m.group(3))
    v = {"median": row.median, "p95": row.p95, "ratio": ratio}[what]
    if v is None:
        return "?"
    ok = {"<": v < limit, "<=": v <= limit, ">": v > limit, ">=": v >= limit}[op]
    return "met" if ok else "**missed**"


def fmt(v, unit):
    if unit == "MiB":
        return f"{v:.0f} MiB"
    if unit == "B":
        return f"{v:.0f} bytes"
    if v >= 1000:
        return f"{v / 1000:.2f} s"
    if v >= 100:
        return f"{v:.0f} ms"
    if v >= 10:
        return f"{v:.1f} ms"
    return f"{v:.2f} ms"


def target_text(t):
    m = TARGET_RE.match(t)
    if not m:
        return t
    what, op, limit = m.groups()
    op = {"<=": "≤", ">=": "≥"}.get(op, op)
    if what == "ratio":
        return f"{op} {limit}x"
    return f"{what} {op} {limit}"


def table(rows):
    by_id = {r.id: r for r in rows}
    lines = ["| case | measurement | median | spread (min-max) | runs | CPU median | ratio to baseline (CPU ratio) "
             "| target | result |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: r.case):
        if r.skipped:
            lines.append(f"| {r.case} | {r.what} | - | - | - | - | - | - | skipped: {r.skipped} |")
            continue
        ratio = None
        ratio_text = ""
        if r.baseline in by_id and by_id[r.baseline].median > 0:
            base = by_id[r.baseline]
            ratio = r.median / base.median
            ratio_text = f"{ratio:.2f}x {base.id}"
            if r.cpu and base.cpu:
                ratio_text += f" ({r.cpu / base.cpu:.2f}x)"
        spread = f"{fmt(r.lo, r.unit)} - {fmt(r.hi, r.unit)}" if r.runs > 1 else "-"
        if r.p95 is not None:
            spread += f"; p95 {fmt(r.p95, r.unit)}"
        cpu = fmt(r.cpu, r.unit) if r.cpu is not None else ""
        lines.append(f"| {r.case} | {r.what} | {fmt(r.median, r.unit)} | {spread} | {r.runs} | {cpu} | {ratio_text} | "
                     f"{target_text(r.target)} | {evaluate_target(r, ratio)} |")
    return "\n".join(lines)


def machine(suite):
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(open("/proc/meminfo").readline().split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    sqlite = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[:1]
    pandas = subprocess.run([PANDAS_PYTHON, "-c", "import pandas, platform; print(platform.python_version(), "
                             "'with pandas', pandas.__version__)"], capture_output=True, text=True).stdout.strip() \
        or "absent"
    (b1, _, _), (a1, _, _) = suite.load
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{mem}; "
            f"sqlite3 {sqlite[0] if sqlite else '?'}, Python {pandas}; "
            f"build {suite.build.name}; load average {b1:.1f} at the start, {a1:.1f} at the end; "
            f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, suite took {suite.elapsed:.0f} s")


def replace_between(text, begin, end, body):
    i, j = text.find(begin), text.find(end)
    if i < 0 or j < i:
        raise RuntimeError(f"markers {begin} ... {end} not found")
    return text[:i + len(begin)] + "\n" + body + "\n" + text[j:]


def ratio_summary(rows):
    """The ratios the README quotes."""
    by_id = {r.id: r for r in rows if not r.skipped}
    out = []

    def ratio(a, b):
        return by_id[a].median / by_id[b].median if a in by_id and b in by_id and by_id[b].median else None

    r = ratio("big-govbench", "big-sqlite3")
    if r:
        out.append(f"- every bundled indicator on {by_id['big-govbench'].what.split(', ')[-1]}: "
                   f"{r:.2f}x the sqlite3 shell running the same SQL (target ≤ 1.15x)")
    if "1m-reeval-edit" in by_id or "100k-reeval-edit" in by_id:
        e = by_id.get("1m-reeval-edit") or by_id["100k-reeval-edit"]
        out.append(f"- re-evaluation after one assessment edit at 10,000 risks: median {fmt(e.median, e.unit)} "
                   f"(target < 10 ms)")
    r = ratio("big-pandas", "big-govbench")
    if r:
        out.append(f"- the same indicators in pandas take {r:.1f}x as long as govbench (target ≥ 3x)")
    for tag, label, target in (("real", "the real stop and search CSV", "≥ 0.91x, time ≤ 1.1x"),
                               ("synthetic", "a 1,000,000-row CSV", "≥ 0.8x")):
        r = ratio(f"import-{tag}-sqlite3", f"import-{tag}-govbench")
        if r:
            out.append(f"- importing {label}: {r:.2f}x the speed of sqlite3 .import (target {target})")
    r = ratio("cold-cli-drawing", "cold-cli-lean")
    if r:
        out.append(f"- the command line's start without the drawing libraries: {fmt(by_id['cold-cli-lean'].median, 'ms')}"
                   f", {r:.1f}x faster than with them")
    for id_, label in (("cold-gui", "cold start to first frame"), ("cold-eval", "cold start to eval output"),
                       ("reload", "hot reload"), ("rss-govbench", "peak memory, case 1")):
        if id_ in by_id:
            out.append(f"- {label}: {fmt(by_id[id_].median, by_id[id_].unit)}")
    for r in rows:
        if r.case == 5 and r.p95 is not None:
            out.append(f"- {r.what}: p95 {fmt(r.p95, r.unit)}")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=str(ROOT / "build" / "release"), help="the build folder (release preset)")
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "govbench-bench-cache"),
                    help="where generated databases and CSVs are kept between runs")
    ap.add_argument("--quick", action="store_true", help="100,000 observations and fewer runs (a smoke run)")
    ap.add_argument("--only", help="comma-separated case numbers, e.g. 1,2")
    ap.add_argument("--runs", type=int, help="timed runs per measurement (default 5, 7 for the short ones)")
    ap.add_argument("--no-warmup", action="store_true", help="no untimed first run")
    ap.add_argument("--update-docs", action="store_true",
                    help="write the table into docs/BENCHMARKS.md and the ratios into README.md")
    ap.add_argument("--compare-govbench", metavar="BINARY",
                    help="case 1: also time this govbench (an earlier build) and compare this build with it")
    ap.add_argument("--label", default="", help="a note printed with the figures, e.g. 'under load, provisional'")
    ap.add_argument("--first-frames", nargs=3, metavar=("GOVBENCH", "DB", "RUNS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.first_frames:
        g, db, n = args.first_frames
        print(json.dumps(first_frames(g, db, int(n), dict(os.environ))))
        return 0
    global WARMUP
    WARMUP = not args.no_warmup
    if args.runs is not None and args.runs < 1:
        ap.error("--runs must be at least 1")
    suite = Suite(args)
    for p in (suite.govbench, suite.bench):
        if not p.exists():
            print(f"run_suite: {p} is not built (cmake --build --preset release)", file=sys.stderr)
            return 1
    suite.run_all()
    body = table(suite.rows)
    info = f"Machine: {machine(suite)}."
    if args.label:
        info = f"**{args.label}.** " + info
    print()
    print(body)
    print()
    print(info)
    if args.update_docs:
        doc = ROOT / "docs" / "BENCHMARKS.md"
        doc.write_text(replace_between(doc.read_text(), "<!-- bench:table:begin -->", "<!-- bench:table:end -->",
                                       body + "\n\n" + info))
        readme = ROOT / "README.md"
        summary = ratio_summary(suite.rows)
        if args.label:
            summary = f"Latest figures ({args.label}):\n\n" + summary
        readme.write_text(replace_between(readme.read_text(), "<!-- bench:ratios:begin -->",
                                          "<!-- bench:ratios:end -->", summary))
        print(f"\nwrote {doc.relative_to(ROOT)} and README.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
