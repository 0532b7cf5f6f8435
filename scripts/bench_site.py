#!/usr/bin/env python3
"""Benchmarks the explorer page (output/index.html) in headless Chromium.

For the shipped data and synthetic data of each size: the page's size, the time until it is
interactive (the page's own clock at the end of its start-up: scripts parsed, data read, the
timeline drawn), a search over every name, opening a card, and `build`'s site phase. Prints a
Markdown table for BENCHMARKS.md.

  python3 scripts/bench_site.py [--sizes 10000,50000] [--runs 5] [--bin target/release/edge-atlas]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "browser"))
import cdp  # noqa: E402


def build(binary, data, out):
    r = subprocess.run([binary, "build", "--no-figures", "--timings", "--data", data, "--out", out], capture_output=True, text=True, check=True)
    timings = json.loads(r.stderr.strip().splitlines()[-1])["timings"]
    return os.path.join(out, "index.html"), timings["site"], timings["total"]


def measure(page, runs, query, card):
    b = cdp.Browser()
    try:
        ready = []
        for k in range(runs):
            # A new query string each time: a fresh load, not a hash change.
            ready.append(int(b.open(f"file://{page}?run={k}")))
        search = b.eval(f"(() => {{ const t = performance.now(); edgeAtlasSearch({json.dumps(query)}); return performance.now() - t; }})()")
        started = time.perf_counter()
        b.eval(f"location.hash = {json.dumps(card)}")
        b.wait(f"location.hash === {json.dumps(card)} && document.querySelectorAll('#graph svg a').length > 0")
        opened = (time.perf_counter() - started) * 1000
        problems = b.console_problems()
        requests = [u for u in b.requests() if not u.startswith(f"file://{page}")]
        return statistics.median(ready), max(ready), search, opened, problems, requests
    finally:
        b.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="10000")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "edge-atlas"))
    a = p.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("shipped", os.path.join(ROOT, "data"), "qwen 2.5", "#paper:powerinfer-2")]
        for n in [int(s) for s in a.sizes.split(",") if s]:
            data = os.path.join(tmp, f"synth-{n}")
            subprocess.run([a.bin, "synth", "--entries", str(n), "--out", data], check=True, capture_output=True)
            cases.append((f"synthetic {n:,}", data, "Model 123", "#model:model-5"))
        for name, data, query, card in cases:
            out = os.path.join(tmp, "out-" + name.replace(" ", "-").replace(",", ""))
            page, site_s, total_s = build(a.bin, data, out)
            size = os.path.getsize(page)
            median, worst, search, opened, problems, requests = measure(page, a.runs, query, card)
            if problems or requests:
                print(f"{name}: console {problems[:3]}, requests {requests[:3]}", file=sys.stderr)
            rows.append((name, size, median, worst, search, opened, site_s, total_s))
            print(f"{name}: {size:,} bytes, interactive {median:.0f} ms (worst of {a.runs} {worst:.0f}), search {search:.0f} ms, card {opened:.0f} ms, build site phase {site_s * 1000:.0f} ms", file=sys.stderr)
    print("| data | page size | interactive (median) | worst | one search | open a card | build: site phase | build total (no figures) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, size, median, worst, search, opened, site_s, total_s in rows:
        print(f"| {name} | {size / 1e6:.2f} MB | {median:.0f} ms | {worst:.0f} ms | {search:.0f} ms | {opened:.0f} ms | {site_s * 1000:.0f} ms | {total_s * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
