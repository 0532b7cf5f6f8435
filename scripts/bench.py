#!/usr/bin/env python3
"""Benchmarks of edge-atlas against networkx and igraph (issue 7): prints Markdown tables.

Run from the repository root, after `cargo build --release` and
`pip install -r requirements.txt`:

    python3 scripts/bench.py                                   # shipped data only
    python3 scripts/bench.py --sizes 10000,100000,1000000      # + synthetic sizes
    python3 scripts/bench.py --sizes 10000 --runs 2 --related  # quick look, with related
    python3 scripts/bench.py --sizes 1000000 --related --no-pipeline  # related queries only
    python3 scripts/bench.py --bin /tmp/ea-bin --no-small --sizes 100000
    python3 scripts/bench.py --no-small --sizes 100000 --exports-only --against /tmp/ea-main-bin

Every command runs as its own process under `/usr/bin/time -f %M`, which gives its peak
RSS; wall time is measured around the process, and the median of --runs runs is shown
(1 run for sizes of 1M entries and more; peak RSS is the largest of the runs). The
Python side is scripts/baseline.py, run with this interpreter.

Sections:
  small    (on unless --no-small) the shipped data (--data): `edge-atlas build` vs
           `baseline.py networkx DATA OUT --figure`, whole processes, plus the baseline's
           phases.
  sizes    (--sizes N,N,...) synthetic data made by `edge-atlas synth --entries N` into
           --synth-dir (made only when missing). Rust: `check` (load + validate + graph),
           `export -o x.graphml|.gexf|.dot|.json` (each loads too), and
           `build --no-figures` for the whole pipeline; Python: one run each of
           `baseline.py networkx D OUT` and `baseline.py igraph D OUT`, whose phases are
           added up to match each Rust command (those cells are marked †: in-process, so
           without interpreter start-up and imports, which the process rows include).
  exports  (--exports-only, with --sizes) only the write-bandwidth table of each size below:
           `build --no-figures --with none --timings`, dd before and after each run writing
           as many bytes as the four exports, into the same directory, after `sync`;
           --against BIN alternates a second binary with --bin, run by run (side by side).
  related  (--related) the latency of a "related to X" query: the networkx
           Adamic-Adar expansion of `baseline.py related`, and the Rust side from
           --related-cmd: by default the in-process bench benches/related.rs, run through
           `cargo bench`, which loads once and times the same queries.

The Rust per-phase figures come from `edge-atlas build ... --timings`, when the binary
has that flag: a line on stderr `{"timings": {"load": s, "graph": s, ...}}` (seconds).
Without `--no-figures` the pipeline row reads "n/a". A failing command prints the tail
of its stderr to stderr and its cells read "failed".

Write bandwidth (issue 18: "exports within 2x of the machine's measured write bandwidth"):
right before and right after every `build --no-figures` run, `sync`, then
`dd if=/dev/zero bs=1M` writes exactly as many bytes as the four exports
(`iflag=count_bytes`) into the same output directory, so the same filesystem, page cache
state and sitting; the median of all dd runs is reported, each shown. On a VM that hands
freed memory back to its host (virtio-balloon free page reporting), writing into fresh
page-cache pages costs a host page fault each, and dd and the exports alike swing between
two speeds (here about 0.5 and 3 GB/s) with how long the machine idled: so dd sits on both
sides of every run, and each timed writer (dd, build) comes right after a warm-up that
writes and deletes twice its bytes (`warm_up`): both are measured with warm pages. dd is one process on one core copying zeros, where `build` formats on two
threads. The target is judged on the aggregate: the four exports' bytes over the
"exports" phase of `--timings` (wall time of the two export threads), against dd's MB/s.
The per-export rows divide each file by its own time on its thread. MB = 10^6 bytes.
"""

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "baseline.py"
TIME = "/usr/bin/time"
LARGE = 1_000_000


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# Running commands


@dataclass
class Result:
    """The outcome of one command, over its runs."""

    ok: bool
    wall: float = 0.0  # median seconds
    rss_mb: float = 0.0  # largest peak RSS, MiB
    report: dict = field(default_factory=dict)  # baseline JSON, phases as medians
    timings: dict = field(default_factory=dict)  # edge-atlas --timings, medians
    stdout: str = ""
    na: bool = False  # not applicable (the binary lacks a flag)

    @staticmethod
    def failed():
        return Result(ok=False)

    @staticmethod
    def not_available():
        return Result(ok=False, na=True)


def run_once(cmd, timeout=None):
    """(ok, wall s, peak RSS KiB, stdout, stderr) of one run of cmd."""
    # Write back what earlier runs left dirty first: otherwise the kernel throttles whichever
    # run comes after a multi-GB export, and run order decides the figures.
    os.sync()
    with tempfile.NamedTemporaryFile("r", prefix="bench-time-", suffix=".txt") as tf:
        full = [TIME, "-f", "%M", "-o", tf.name, *map(str, cmd)]
        t0 = time.perf_counter()
        try:
            p = subprocess.run(full, capture_output=True, text=True, errors="replace", timeout=timeout)
        except subprocess.TimeoutExpired as e:
            stderr = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
            return False, time.perf_counter() - t0, 0, "", stderr + f"\n(timed out after {timeout} s)"
        wall = time.perf_counter() - t0
        rss = 0
        for line in reversed(tf.read().splitlines()):
            if line.strip().isdigit():
                rss = int(line.strip())
                break
    return p.returncode == 0, wall, rss, p.stdout, p.stderr


def last_json(text, prefix="{"):
    """The last line of text that starts with prefix and parses as JSON, or None."""
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith(prefix):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    return None


def median_of(dicts):
    """Per key, the median of the numeric values of dicts (the first dict's key order)."""
    out = {}
    for k, v in dicts[0].items():
        vals = [d[k] for d in dicts if isinstance(d.get(k), (int, float)) and not isinstance(d.get(k), bool)]
        out[k] = statistics.median(vals) if vals and len(vals) == len(dicts) else v
    return out


def measure(cmd, runs, what, out_dir=None, timeout=None, before=None, after=None):
    """Runs cmd `runs` times; out_dir is emptied before each run, then `before()` is called;
    `after()` is called after each successful run (before the next one empties out_dir)."""
    walls, rss, reports, timings = [], [], [], []
    stdout = ""
    for i in range(runs):
        if out_dir:
            shutil.rmtree(out_dir, ignore_errors=True)
            os.makedirs(out_dir)
        if before:
            before()
        log(f"  {what} [{i + 1}/{runs}]: {' '.join(map(str, cmd))}")
        ok, wall, peak, stdout, stderr = run_once(cmd, timeout)
        if not ok:
            tail = "\n".join(stderr.strip().splitlines()[-15:])
            log(f"  FAILED: {what}\n" + "\n".join(f"    | {line}" for line in tail.splitlines()))
            return Result.failed()
        walls.append(wall)
        rss.append(peak)
        report = last_json(stdout)
        if report is not None:
            reports.append(report)
        t = last_json(stderr, '{"timings":')
        if t is not None and isinstance(t.get("timings"), dict):
            timings.append({k: v for k, v in t["timings"].items() if isinstance(v, (int, float))})
        if after:
            after()
    return Result(
        ok=True,
        wall=statistics.median(walls),
        rss_mb=max(rss) / 1024,
        report=median_of(reports) if len(reports) == runs else {},
        timings=median_of(timings) if timings and len(timings) == runs else {},
        stdout=stdout,
    )


# ---------------------------------------------------------------------------------------
# The tools


class EdgeAtlas:
    def __init__(self, binary):
        self.bin = binary
        help_text = self.text("build", "--help")
        self.no_figures = "--no-figures" in help_text
        self.timings = "--timings" in help_text
        # The four exports only, as the baselines write (build adds Parquet from 100k nodes).
        self.with_none = "--with" in help_text

    def text(self, *args):
        try:
            p = subprocess.run([self.bin, *args], capture_output=True, text=True, errors="replace")
            return p.stdout + p.stderr
        except OSError as e:
            return str(e)

    def version(self):
        v = self.text("--version").strip()
        return v.splitlines()[0] if v else "?"

    def stats(self, data):
        try:
            p = subprocess.run([self.bin, "stats", "--json", "--data", data], capture_output=True, text=True)
            return json.loads(p.stdout) if p.returncode == 0 else None
        except (OSError, json.JSONDecodeError):
            return None

    def build_cmd(self, data, out, figures=True):
        cmd = [self.bin, "build", "--data", data, "--out", out]
        if not figures:
            if not self.no_figures:
                return None
            cmd.append("--no-figures")
        if self.with_none:
            cmd += ["--with", "none"]
        if self.timings:
            cmd.append("--timings")
        return cmd


def baseline(*args, lxml=True):
    """The baseline's command; without lxml, networkx falls back to its own GraphML writer."""
    env = [] if lxml else ["env", "EA_BASELINE_NO_LXML=1"]
    return [*env, sys.executable, BASELINE, *args]


EXPORTS = ["graphml", "gexf", "dot", "json"]


def export_sizes(out):
    """Bytes of each of the four exports `build` wrote into out."""
    paths = {ext: os.path.join(out, f"edge-atlas.{ext}") for ext in EXPORTS}
    return {ext: os.path.getsize(p) for ext, p in paths.items() if os.path.exists(p)}


def warm_up(directory, nbytes):
    """Writes and deletes `nbytes` in `directory` (no sync: the pages are freed before any
    write-back), so that the next writer gets memory the guest touched just now.

    On a VM whose balloon reports free memory to the host (virtio-balloon free page
    reporting, as on the machine of BENCHMARKS.md), memory left free for about 2 s goes back
    to the host, and every page of it taken again costs a host page fault: a writer then runs
    at 0.4-0.7 GB/s instead of about 3 GB/s, whether dd or the exports, depending on how long
    the machine idled before. Warming up before each timed writer measures both with warm
    pages, the state that does not depend on timing."""
    scratch = os.path.join(directory, "warm-up.bin")
    subprocess.run(["dd", "if=/dev/zero", f"of={scratch}", "bs=1M", f"count={nbytes}", "iflag=count_bytes"],
                   capture_output=True)
    if os.path.exists(scratch):
        os.remove(scratch)


# Warm-up size: twice what the timed writer writes, and at least this (a build's heap too).
WARM_MIN = 512 * 10**6


def write_bandwidth(directory, nbytes):
    """MB/s (10^6 bytes) of `dd` writing exactly `nbytes` of zeros into `directory` in 1 MiB
    blocks (page cache, no fsync, as the exports write), after `sync` so that nothing earlier
    is still being written back, and after a warm-up: the machine's write ceiling for one
    process, now."""
    os.sync()
    warm_up(directory, max(WARM_MIN, 2 * nbytes))
    target = os.path.join(directory, "dd.bin")
    cmd = ["dd", "if=/dev/zero", f"of={target}", "bs=1M", f"count={nbytes}", "iflag=count_bytes"]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if os.path.exists(target):
        os.remove(target)
    return nbytes / 1e6 / wall if p.returncode == 0 and wall > 0 else None


@dataclass
class Exports:
    """`build --no-figures` runs, each followed by dd writing as many bytes into the same
    directory: the exports' bandwidth and the machine's, in the same sitting."""

    build: Result
    sizes: dict  # bytes per export (the same every run: outputs are deterministic)
    dd: list  # MB/s, one per run


def measure_exports(ea, data, out, runs, what="edge-atlas build --no-figures", sizes=None):
    """`runs` builds of data into out, each with dd right before it (once the exports' size is
    known: from `sizes`, or from an earlier run) and right after it."""
    build_cmd = ea.build_cmd(data, out, figures=False)
    if build_cmd is None:
        return Exports(Result.not_available(), {}, [])
    sizes, dds = dict(sizes or {}), []
    if not sizes:
        # One build, not timed, for the exports' size: the first timed run then gets a warm-up
        # of its size too (without, a first run at 1M wrote 4 GB into cold pages: 2.6x slower).
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        log(f"  {what} [size, not timed]: {' '.join(map(str, build_cmd))}")
        run_once(build_cmd)
        sizes.update(export_sizes(out))

    def dd():
        mbs = write_bandwidth(out, sum(sizes.values())) if sizes else None
        if mbs:
            dds.append(mbs)

    def before():
        dd()
        os.sync()
        warm_up(out, max(WARM_MIN, 2 * sum(sizes.values())))

    def after():
        sizes.update(export_sizes(out))
        dd()

    return Exports(measure(build_cmd, runs, what, out, before=before, after=after), sizes, dds)


def exports_table(e, label="exports"):
    """The write-bandwidth verdict (issue 18) and the per-export table, as Markdown."""
    b = e.build
    if not (b.ok and b.timings and e.dd and e.sizes):
        return ""
    dd = statistics.median(e.dd)
    total = sum(e.sizes.values())
    wall = b.timings.get("exports")
    rows = []
    for ext, size in e.sizes.items():
        t = b.timings.get(ext)
        if isinstance(t, (int, float)) and t > 0:
            mbs = size / 1e6 / t
            rows.append([ext, f"{size / 1e6:.0f} MB", f"{t:.3f} s", f"{mbs:.0f} MB/s", f"{dd / mbs:.1f}×"])
    lines = []
    if isinstance(wall, (int, float)) and wall > 0:
        agg = total / 1e6 / wall
        rows.append([f"**all four ({label} phase wall)**", f"{total / 1e6:.0f} MB", f"{wall:.3f} s",
                     f"**{agg:.0f} MB/s**", f"**{dd / agg:.1f}×**"])
        verdict = "within" if dd / agg <= 2 else "not within"
        lines.append(f"The machine writes the exports at **{agg:.0f} MB/s** (the four files, {total / 1e6:.0f} MB, "
                     f"over the {wall:.3f} s wall of `build`'s exports phase, two threads), dd at **{dd:.0f} MB/s** "
                     f"(one process on one core writing zeros, `dd bs=1M` into the same directory right before and "
                     f"after each run, after `sync` and a warm-up as the build gets, the same {total / 1e6:.0f} MB; "
                     f"median of {len(e.dd)}: "
                     f"{', '.join(f'{x:.0f}' for x in e.dd)}): dd / exports **{dd / agg:.1f}×**, {verdict} the 2× "
                     f"of issue 18, which is judged on this aggregate. The per-export rows divide each file by its "
                     f"own time on its thread.")
    return "\n".join(lines) + "\n\n" + table(
        ["export (in build, two at a time)", "size", "seconds", "throughput", "dd / export"], rows)


def rust_related(ea, data, queries, args):
    """The Rust side of the related-query latency: a dict with p50_ms, p99_ms, mean_ms and
    max_ms, or a failed Result; None when --related-cmd is empty.

    --related-cmd is a template ({data}, {queries}, {bin}); by default benches/related.rs,
    which picks the same queries as baseline.py (`pick_queries`: node ids `kind:id` sorted,
    every len/N-th, N of them, top 10 each) and times them in-process after loading. Only
    the command's JSON is used, not its wall time, so a cargo build inside is harmless.
    """
    if not args.related_cmd:
        return None
    cmd = [a.format(data=data, queries=queries, bin=ea.bin) for a in shlex.split(args.related_cmd)]
    r = measure(cmd, 1, "edge-atlas related bench", None, args.timeout)
    return r.report if r.ok and r.report else Result.failed()


# ---------------------------------------------------------------------------------------
# Formatting


def fmt_s(r, phases=None, dagger=False):
    """A time cell: the process wall time, or the sum of the baseline's phases."""
    if r is None:
        return "—"
    if r.na:
        return "n/a"
    if not r.ok:
        return "failed"
    if phases is None:
        return f"{r.wall:.3f} s"
    vals = [r.report.get(p) for p in phases]
    if any(not isinstance(v, (int, float)) for v in vals):
        return "—"
    return f"{sum(vals):.3f} s" + (" †" if dagger else "")


def seconds(cell):
    try:
        return float(cell.split()[0])
    except (ValueError, IndexError, AttributeError):
        return None


def ratio(num_cell, den_cell):
    a, b = seconds(num_cell), seconds(den_cell)
    if a is None or b is None:
        return "n/a" if "n/a" in (num_cell, den_cell) else "—"
    return f"{a / b:.1f}×" if b > 0 else "—"


def fmt_mb(r):
    if r is None:
        return "—"
    if r.na:
        return "n/a"
    return f"{r.rss_mb:.0f} MB" if r.ok else "failed"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(map(str, r)) + " |" for r in rows]
    return "\n".join(lines)


def phase_table(ea_timings, reports):
    """Per-phase seconds, in-process: edge-atlas --timings and each baseline's report."""
    skip = {"tool", "total", "nodes", "edges", "collapsed", "queries"}
    names = []
    for source in [ea_timings, *[r.report for _, r in reports if r and r.ok]]:
        names += [k for k, v in source.items() if k not in skip and isinstance(v, (int, float)) and k not in names]
    names += ["total"]
    header = ["phase (in-process)", "edge-atlas"] + [t for t, _ in reports] + [f"{t} / edge-atlas" for t, _ in reports]
    rows = []
    for n in names:
        ea = ea_timings.get(n)
        ea_cell = f"{ea:.3f} s" if isinstance(ea, (int, float)) else ("—" if ea_timings else "(no --timings)")
        cells = []
        for _, r in reports:
            v = r.report.get(n) if r and r.ok else None
            cells.append(f"{v:.3f} s" if isinstance(v, (int, float)) else "—")
        rows.append([n, ea_cell, *cells, *[ratio(c, ea_cell) for c in cells]])
    return table(header, rows)


# ---------------------------------------------------------------------------------------
# Sections


def machine_line(ea):
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass

    def version(pkg):
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return "missing"

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"Machine: {cores} cores ({cpu}), {ram} RAM, Linux {platform.release()}; "
        f"Python {platform.python_version()}, networkx {version('networkx')}, igraph {version('igraph')}, "
        f"pydot {version('pydot')}, matplotlib {version('matplotlib')}, lxml {version('lxml')}; {ea.version()}"
    )


def runs_text(runs):
    return f"median of {runs} runs" if runs > 1 else "1 run"


def describe(ea, data):
    s = ea.stats(data)
    return f"{s['nodes']} nodes, {s['edges']} edges" if s else "size unknown"


def section_small(ea, args, tmp):
    out = os.path.join(tmp, "small")
    runs = args.runs
    print(f"\n## Shipped data (`{args.data}`: {describe(ea, args.data)}), {runs_text(runs)}\n")
    rust = measure(ea.build_cmd(args.data, out), runs, "edge-atlas build", out)
    nx = measure(baseline("networkx", args.data, out, "--figure"), runs, "baseline networkx --figure", out)
    rows = [
        ["`edge-atlas build` (graph exports + figures)", fmt_s(rust), fmt_mb(rust), "1.0×" if rust.ok else "—"],
        ["`baseline.py networkx --figure` (networkx + pydot + matplotlib)", fmt_s(nx), fmt_mb(nx),
         ratio(fmt_s(nx), fmt_s(rust))],
    ]
    print(table(["whole process, cold", "wall", "peak RSS", "baseline / edge-atlas"], rows))
    print()
    print(phase_table(rust.timings if rust.ok else {}, [("networkx", nx)]))
    section_import_check(ea, args, tmp)
    return rust, nx


def section_import_check(ea, args, tmp):
    """`import` of the list snapshot (into a copy of data/, so curated files are there) and
    `check` of the shipped data: time and memory of the two commands a maintainer runs."""
    rows = []
    if os.path.isdir(args.list):
        copy = os.path.join(tmp, "import-data")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(args.data, copy)
        r = measure([ea.bin, "import", args.list, "--data", copy], args.runs, "edge-atlas import", None)
        rows.append([f"`edge-atlas import {args.list}`", fmt_s(r), fmt_mb(r)])
    else:
        rows.append([f"`edge-atlas import` (no list at {args.list})", "—", "—"])
    r = measure([ea.bin, "check", "--data", args.data], args.runs, "edge-atlas check", None)
    rows.append([f"`edge-atlas check --data {args.data}`", fmt_s(r), fmt_mb(r)])
    print()
    print(table(["maintainer commands, whole process", "wall", "peak RSS"], rows))


def ensure_synth(ea, n, args):
    d = args.synth_dir.format(n=n)
    if os.path.exists(os.path.join(d, "relations.csv")):
        log(f"using {d}")
        return d
    log(f"generating {d}")
    r = measure([ea.bin, "synth", "--entries", n, "--out", d], 1, f"edge-atlas synth {n}")
    return d if r.ok else None


def section_size(ea, n, args, tmp):
    runs = 1 if n >= LARGE else args.runs
    d = ensure_synth(ea, n, args)
    print(f"\n## Synthetic, {n:,} entries", end="")
    if d is None:
        print("\n\nsynth failed")
        return
    print(f" (`{d}`: {describe(ea, d)}), {runs_text(runs)}\n")
    out = os.path.join(tmp, f"size-{n}")
    os.makedirs(out, exist_ok=True)
    check = measure([ea.bin, "check", "--data", d], runs, "edge-atlas check")
    exports = {}
    for ext in ["graphml", "gexf", "dot", "json"]:
        target = os.path.join(out, f"x.{ext}")
        exports[ext] = measure([ea.bin, "export", "--data", d, "-o", target], runs, f"edge-atlas export {ext}", None)
        if os.path.exists(target):
            os.remove(target)
    exported = measure_exports(ea, d, out, runs)
    build = exported.build
    nx = (measure(baseline("networkx", d, out), runs, "baseline networkx (lxml)", out, args.timeout)
          if n <= args.nx_max else Result.not_available())
    nx_plain = (measure(baseline("networkx", d, out, lxml=False), runs, "baseline networkx (no lxml)", out, args.timeout)
                if n <= args.no_lxml_max else None)
    ig = measure(baseline("igraph", d, out), runs, "baseline igraph", out, args.timeout)
    shutil.rmtree(out, ignore_errors=True)

    def cell(r):
        return f"{fmt_s(r)} · {fmt_mb(r)}" if r.ok else fmt_s(r)

    steps = [
        ("load + validate + graph", "`check`", check, ["load", "graph"], ["load"]),
        ("… + GraphML", "`export -o x.graphml`", exports["graphml"], ["load", "graph", "graphml"], ["load", "graphml"]),
        ("… + GEXF", "`export -o x.gexf`", exports["gexf"], ["load", "graph", "gexf"], None),
        ("… + DOT", "`export -o x.dot`", exports["dot"], ["load", "graph", "dot"], ["load", "dot"]),
        ("… + JSON", "`export -o x.json`", exports["json"], ["load", "graph", "json"], None),
    ]
    rows = []
    for name, cmd, r, nx_phases, ig_phases in steps:
        ea_cell = fmt_s(r)
        nx_cell = fmt_s(nx, nx_phases, dagger=True)
        ig_cell = fmt_s(ig, ig_phases, dagger=True) if ig_phases else "—"
        rows.append([f"{name} ({cmd})", cell(r), nx_cell, ig_cell, ratio(nx_cell, ea_cell),
                     ratio(ig_cell, ea_cell) if ig_phases else "—"])
    ea_cell, nx_cell, ig_cell = fmt_s(build), fmt_s(nx), fmt_s(ig)
    rows.append(["whole pipeline, process wall (`build --no-figures`)", ea_cell, nx_cell, ig_cell,
                 ratio(nx_cell, ea_cell), ratio(ig_cell, ea_cell)])
    rss = [fmt_mb(build), fmt_mb(nx), fmt_mb(ig)]
    rows.append(["peak RSS, whole pipeline", *rss, ratio(rss[1], rss[0]), ratio(rss[2], rss[0])])
    print(table(["step", "edge-atlas", "networkx", "igraph", "networkx / edge-atlas", "igraph / edge-atlas"], rows))
    print("\n† sum of the baseline's in-process phases from its pipeline run (no interpreter start-up or "
          "imports); edge-atlas cells are whole processes. The igraph baseline writes GraphML and DOT only; "
          "its `load` includes building the graph.")
    if nx.ok and nx.report.get("collapsed"):
        print(f"\nNote: networkx's DiGraph merged {nx.report['collapsed']} parallel edges of different relations.")
    print()
    reports = [("networkx", nx)] + ([("networkx, no lxml", nx_plain)] if nx_plain else []) + [("igraph", ig)]
    print(phase_table(build.timings if build.ok else {}, reports))
    bandwidth = exports_table(exported)
    if bandwidth:
        print("\n" + bandwidth)


def section_exports(ea, n, args, tmp):
    """--exports-only: the write-bandwidth table alone, for --bin and (alternating run by run,
    each followed by its own dd) --against."""
    runs = 1 if n >= LARGE else args.runs
    d = ensure_synth(ea, n, args)
    if d is None:
        print(f"\n## Exports, {n:,} entries\n\nsynth failed")
        return
    print(f"\n## Exports, {n:,} entries (`{d}`: {describe(ea, d)}), {runs_text(runs)}")
    tools = [("--bin", ea)] + ([("--against", EdgeAtlas(args.against))] if args.against else [])
    results = {name: [] for name, _ in tools}
    sizes = {}
    for i in range(runs):
        for name, tool in tools:
            out = os.path.join(tmp, f"exports-{n}")
            r = measure_exports(tool, d, out, 1, f"{name} build --no-figures [{i + 1}/{runs}]", sizes)
            results[name].append(r)
            sizes = r.sizes
            shutil.rmtree(out, ignore_errors=True)
    for name, tool in tools:
        rs = results[name]
        if not all(r.build.ok for r in rs):
            print(f"\n{name} {tool.bin}: failed")
            continue
        build = Result(ok=True, wall=statistics.median(r.build.wall for r in rs),
                       timings=median_of([r.build.timings for r in rs]))
        merged = Exports(build, rs[-1].sizes, [x for r in rs for x in r.dd])
        print(f"\n{name} `{tool.bin}` ({tool.version()}): process wall {build.wall:.3f} s\n")
        print(exports_table(merged))


def section_related(ea, datasets, args):
    print(f"\n## Related-entry queries ({args.queries} queries, top 10, Adamic-Adar within two hops)\n")
    keys = ("p50_ms", "p99_ms", "mean_ms", "max_ms")

    def cells(r):
        if r is None:
            return ["—"] * len(keys)
        if isinstance(r, Result):
            return [fmt_s(r)] * len(keys)
        return [f"{r[k]:.3f} ms" if isinstance(r.get(k), (int, float)) else "—" for k in keys]

    rows, command_rows = [], []
    for label, d in datasets:
        if d is None:
            continue
        r = measure(baseline("related", d, "--queries", args.queries), 1, f"baseline related {label}", None, args.timeout)
        py = cells(r.report if r.ok else r)
        rust = rust_related(ea, d, args.queries, args)
        rs = cells(rust)
        rows.append([label, *py, *rs, ratio(py[0], rs[0]), ratio(py[1], rs[1])])
        if isinstance(rust, dict) and isinstance(rust.get("command"), dict):
            command_rows.append([label, *cells(rust["command"]), *cells(rust.get("hubs_command", {}))])
    names = ["p50", "p99", "mean", "max"]
    print(table(["data", *[f"networkx {n}" for n in names], *[f"edge-atlas {n}" for n in names],
                 "p50 networkx / edge-atlas", "p99 networkx / edge-atlas"], rows))
    print("\nBoth in-process, after loading and building the graph (not timed); percentiles by nearest rank.")
    if command_rows:
        print("\nWhat the `related` command answers (the direct links, then the ranking of the rest), "
              "edge-atlas in-process, over the same queries plus the 10 entries with most neighbours; "
              "and over those 10 hubs alone:\n")
        print(table(["data", *[f"command {n}" for n in names], *[f"hubs {n}" for n in names]], command_rows))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "edge-atlas"), help="edge-atlas binary")
    ap.add_argument("--data", default=str(REPO / "data"), help="shipped data directory")
    ap.add_argument("--list", default=str(REPO.parent / "shared" / "awesome-edge-llms"),
                    help="checkout of the list, for the import row")
    ap.add_argument("--small", action=argparse.BooleanOptionalAction, default=True,
                    help="benchmark the shipped data (default: on)")
    ap.add_argument("--sizes", default="", help="comma-separated synthetic sizes, e.g. 10000,100000,1000000")
    ap.add_argument("--related", action="store_true", help="also time related-entry queries")
    ap.add_argument("--pipeline", action=argparse.BooleanOptionalAction, default=True,
                    help="the load/export/build tables (--no-pipeline with --related: queries only)")
    ap.add_argument("--queries", type=int, default=200, help="related queries per data set")
    ap.add_argument("--runs", type=int, default=5, help=f"runs per command (1 for sizes >= {LARGE:,})")
    ap.add_argument("--synth-dir", default="/tmp/ea-synth-{n}", help="where synthetic data goes ({n}: size)")
    ap.add_argument("--related-cmd", default="cargo bench -q --bench related -- {data} {queries}",
                    help="the Rust related benchmark, a template with {data}, {queries}, {bin} "
                         "(e.g. 'cargo bench --bench related -- {data} {queries}')")
    ap.add_argument("--nx-max", type=int, default=10**12,
                    help="largest size at which the networkx pipeline runs (it takes 13 min and 15 GB at 1M)")
    ap.add_argument("--no-lxml-max", type=int, default=100_000,
                    help="largest size at which networkx also runs with lxml hidden (default 100000)")
    ap.add_argument("--timeout", type=float, default=None, help="seconds before a baseline run is given up")
    ap.add_argument("--exports-only", action="store_true",
                    help="with --sizes: only the exports' write bandwidth against dd (no baselines, no other rows)")
    ap.add_argument("--against", default=None,
                    help="with --exports-only: a second edge-atlas binary, alternated run by run with --bin")
    args = ap.parse_args()

    if not os.access(args.bin, os.X_OK):
        sys.exit(f"bench.py: no edge-atlas binary at {args.bin} (cargo build --release, or --bin PATH)")
    if not os.access(TIME, os.X_OK):
        sys.exit(f"bench.py: {TIME} is needed to measure peak RSS (apt-get install time)")
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        sys.exit(f"bench.py: --sizes takes numbers separated by commas, not {args.sizes!r}")
    args.runs = max(1, args.runs)

    ea = EdgeAtlas(args.bin)
    print("# edge-atlas vs networkx / igraph\n")
    print(machine_line(ea))
    if not ea.no_figures:
        print("\n(this edge-atlas has no `build --no-figures`: pipeline rows read n/a)")
    if not ea.timings:
        print("(this edge-atlas has no `build --timings`: no Rust per-phase figures)")

    tmp = tempfile.mkdtemp(prefix="ea-bench-")
    try:
        if args.small and args.pipeline and not args.exports_only:
            section_small(ea, args, tmp)
        synth_dirs = []
        for n in sizes:
            if args.exports_only:
                section_exports(ea, n, args, tmp)
                continue
            if args.pipeline:
                section_size(ea, n, args, tmp)
            d = args.synth_dir.format(n=n) if args.pipeline else ensure_synth(ea, n, args)
            synth_dirs.append((f"synthetic {n:,}", d if d and os.path.isdir(d) else None))
        if args.related:
            section_related(ea, ([("shipped", args.data)] if args.small else []) + synth_dirs, args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
