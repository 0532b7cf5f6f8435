#!/usr/bin/env python3
"""ForceAtlas2: edge-atlas (benches/layout.rs) against graphology-layout-forceatlas2 on Node,
side by side in one run, on the same graph, the same start and the same iterations (issue 29).

Run from the repository root, holding the machine's cargo lock, after `cargo build --release`
and installing the `# npm:` pins of requirements.txt where .ci/run puts them
(`npm install --no-save --prefix target/npm-tools graphology@0.26.0
graphology-layout-forceatlas2@0.10.1`; NODE_PATH, when set, is used instead):

    flock /work/cargo.lock python3 scripts/bench_layout.py                       # shipped data
    flock /work/cargo.lock python3 scripts/bench_layout.py --sizes 10000,100000

Graphs: the shipped data/ and `edge-atlas synth --entries N` data, exported as JSON and
reduced to the simple undirected graph (each linked pair once), isolated nodes included.
Start: uniform in a disc of radius 10 sqrt(n), seeded. Settings on both sides: scaling 10,
gravity 1, no LinLog, no overlap prevention, Barnes-Hut. Barnes-Hut accuracy: graphology
approximates a region when 2 width / distance < theta (default 0.5), ours when
width / distance < theta (default 1.2, Gephi's); graphology runs at its default and at
theta 2.4 (the same accuracy as ours). Only the iterations are timed on both sides (no
start-up, no parsing); three seeded starts per layout under 50,000 nodes (`--starts`), one
above: seconds are the median, quality the mean. Quality, the same metrics for both:
  edge ratio      mean edge length / mean distance of 20,000 random node pairs (lower is better)
  neighbourhood   for each of up to 2,000 nodes with edges (seeded sample): the share of its
                  graph neighbours among its deg(v) nearest nodes on the map (higher is better)
Communities: the modularity (networkx's `modularity`, resolution 1) of our Louvain partition
(`community::louvain`, timed in the same bench run) against networkx's `louvain_communities`
with seeds 1, 2 and 3 on the same simple graph.
"""

import argparse
import json
import math
import os
import platform
import random
import subprocess
import sys
import tempfile

import time

import networkx as nx
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "edge-atlas")
NPM_TOOLS = os.path.join(ROOT, "target", "npm-tools", "node_modules")


def simple_graph(export_json):
    with open(export_json, encoding="utf-8") as f:
        data = json.load(f)
    index = {node["id"]: i for i, node in enumerate(data["nodes"])}
    links = data.get("edges", data.get("links"))
    pairs = set()
    for e in links:
        a, b = index[e["source"]], index[e["target"]]
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    return len(index), sorted(pairs)


def graph_of(data_dir, work):
    out = os.path.join(work, "g.json")
    subprocess.run([BIN, "export", "--data", data_dir, "--format", "json", "--out", out], check=True,
                   capture_output=True)
    return simple_graph(out)


def write_input(path, n, edges, iterations, theta, seed=1):
    rng = random.Random(seed)
    radius = 10 * n ** 0.5
    with open(path, "w") as f:
        f.write(f"{n} {len(edges)} {iterations} {theta}\n")
        for _ in range(n):
            r, a = radius * rng.random() ** 0.5, 2 * math.pi * rng.random()
            f.write(f"{r * math.cos(a)!r} {r * math.sin(a)!r}\n")
        for a, b in edges:
            f.write(f"{a} {b}\n")


def read_positions(path):
    """Positions (the first two columns) and, when written, the communities (the third)."""
    table = np.loadtxt(path, ndmin=2)
    return table[:, :2], (table[:, 2].astype(np.int64) if table.shape[1] > 2 else None)


def modularities(n, edges, ours):
    """Our partition's modularity and networkx louvain_communities' for seeds 1-3, with their
    seconds; both scored by networkx's `modularity`."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    groups = {}
    for v, c in enumerate(ours):
        groups.setdefault(int(c), set()).add(v)
    theirs = []
    for seed in (1, 2, 3):
        started = time.perf_counter()
        parts = nx.community.louvain_communities(g, seed=seed)
        seconds = time.perf_counter() - started
        theirs.append((nx.community.modularity(g, parts), len(parts), seconds))
    return nx.community.modularity(g, list(groups.values())), len(groups), theirs


def quality(p, n, edges, seed=7):
    rng = np.random.default_rng(seed)
    e = np.array(edges, dtype=np.int64).reshape(-1, 2)
    edge_mean = np.linalg.norm(p[e[:, 0]] - p[e[:, 1]], axis=1).mean() if len(e) else 0.0
    a, b = rng.integers(0, n, 20000), rng.integers(0, n, 20000)
    keep = a != b
    pair_mean = np.linalg.norm(p[a[keep]] - p[b[keep]], axis=1).mean()
    neighbours = [[] for _ in range(n)]
    for x, y in edges:
        neighbours[x].append(y)
        neighbours[y].append(x)
    linked = [v for v in range(n) if neighbours[v]]
    sample = linked if len(linked) <= 2000 else list(rng.choice(linked, 2000, replace=False))
    shares = []
    for v in sample:
        d = np.linalg.norm(p - p[v], axis=1)
        d[v] = np.inf
        k = len(neighbours[v])
        nearest = np.argpartition(d, k - 1)[:k] if k < n - 1 else np.arange(n)
        shares.append(len(set(nearest.tolist()) & set(neighbours[v])) / k)
    finite = bool(np.isfinite(p).all())
    return {"edge_ratio": round(float(edge_mean / pair_mean), 4),
            "neighbourhood": round(float(np.mean(shares)), 4), "finite": finite}


def run(cmd):
    env = dict(os.environ)
    env.setdefault("NODE_PATH", NPM_TOOLS)
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="", help="synthetic entry counts, comma-separated")
    ap.add_argument("--iterations", default="", help="iterations per graph, comma-separated "
                    "(default: 1000 for the shipped data, 300 at 10k, 100 from 100k)")
    ap.add_argument("--theta", type=float, default=1.2, help="our Barnes-Hut theta")
    ap.add_argument("--starts", type=int, default=3, help="seeded starts per layout on graphs under 50,000 "
                    "nodes (larger ones: one); seconds are their median, quality their mean")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    work = tempfile.mkdtemp(prefix="ea-layout-bench-")
    graphs = [("shipped data", os.path.join(ROOT, "data"))]
    for size in sizes:
        d = os.path.join(work, f"synth-{size}")
        subprocess.run([BIN, "synth", "--entries", str(size), "--out", d], check=True, capture_output=True)
        graphs.append((f"synth {size:,}", d))
    default_iterations = lambda n: 1000 if n < 5000 else 300 if n < 50000 else 100
    given = [int(i) for i in args.iterations.split(",") if i]
    cargo_bench = ["cargo", "bench", "--quiet", "--bench", "layout", "--"]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; "
          f"node {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}")
    print()
    print("| graph | nodes | edges | iterations | starts | layout | theta | seconds | graphology default / this | "
          "graphology same accuracy / this | edge ratio | neighbourhood |")
    print("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    communities = []
    for k, (name, data_dir) in enumerate(graphs):
        n, edges = graph_of(data_dir, work)
        iterations = given[k] if k < len(given) else default_iterations(n)
        rows = []
        starts = args.starts if n < 50000 else 1
        for who, theta in [("graphology 0.10.1", 0.5), ("graphology 0.10.1", 2 * args.theta),
                           ("edge-atlas", args.theta)]:
            inp = os.path.join(work, "in.txt")
            out = os.path.join(work, "out.txt")
            seconds, qualities = [], []
            for seed in range(1, starts + 1):
                write_input(inp, n, edges, iterations, theta, seed)
                if who == "edge-atlas":
                    t = run(cargo_bench + [inp, out])
                else:
                    t = run(["node", os.path.join(ROOT, "scripts", "fa2_graphology.js"), inp, out, str(theta)])
                positions, community = read_positions(out)
                seconds.append(t["seconds"])
                qualities.append(quality(positions, n, edges))
                if community is not None and seed == 1:
                    communities.append((name, t["louvain_seconds"], *modularities(n, edges, community)))
            mean = {k: round(float(np.mean([q[k] for q in qualities])), 4) for k in ("edge_ratio", "neighbourhood")}
            mean["finite"] = all(q["finite"] for q in qualities)
            rows.append((who, theta, float(np.median(seconds)), mean, starts))
        for who, theta, seconds, q, starts in rows:
            print(f"| {name} | {n:,} | {len(edges):,} | {iterations} | {starts} | {who} | {theta} | {seconds:.3f} | "
                  f"{rows[0][2] / seconds:.1f}x | {rows[1][2] / seconds:.1f}x | {q['edge_ratio']} | "
                  f"{q['neighbourhood']} |" + ("" if q["finite"] else " NOT FINITE"))
        sys.stdout.flush()
    print()
    print("| graph | our modularity | communities | seconds | networkx louvain (seeds 1-3) | communities | "
          "seconds | ours / networkx best |")
    print("|---|---:|---:|---:|---|---|---|---:|")
    for name, seconds, ours, count, theirs in communities:
        best = max(q for q, _, _ in theirs)
        print(f"| {name} | {ours:.4f} | {count:,} | {seconds:.3f} | "
              f"{', '.join(f'{q:.4f}' for q, _, _ in theirs)} | {', '.join(f'{c:,}' for _, c, _ in theirs)} | "
              f"{', '.join(f'{t:.2f}' for _, _, t in theirs)} | {ours / best:.4f} |")


if __name__ == "__main__":
    main()
