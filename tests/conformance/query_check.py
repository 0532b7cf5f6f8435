"""Checks `edge-atlas related` against networkx and its BibTeX against bibtexparser.

Usage: query_check.py EDGE_ATLAS_BIN DATA_DIR EXPORT_JSON

Ranking: `related --format json` lists the entries linked directly first ("direct": true),
then the ranking of the others. For the two best-connected entries of every kind (24
entries), the direct entries must be exactly the entry's neighbours (up to 10), and the
ranked ones must equal the top 10 by networkx's adamic_adar_index on the undirected simple
graph of the JSON export among the entries that are not neighbours, ties broken by id,
scores compared at 1e-9.
BibTeX: `related --kind paper --format bibtex` for several papers must parse with
bibtexparser 2.x with no failed blocks, one entry per paper, titles intact.
"""

import json
import subprocess
import sys
import warnings

import bibtexparser
import networkx as nx

warnings.simplefilter("error")
BIN, DATA, EXPORT = sys.argv[1:4]


def run(*args):
    out = subprocess.run([BIN, *args, "--data", DATA], capture_output=True, text=True, check=True)
    return out.stdout


with open(EXPORT, encoding="utf-8") as f:
    g = nx.Graph(nx.node_link_graph(json.load(f), edges="edges").to_undirected())

errors = []
by_kind = {}
for n, a in g.nodes(data=True):
    by_kind.setdefault(a["kind"], []).append(n)
entries = []
for kind in sorted(by_kind):
    nodes = sorted(by_kind[kind], key=lambda n: (-g.degree(n), n))
    entries.extend(nodes[:2])

for x in entries:
    pairs = [(x, y) for y in g if y != x and not g.has_edge(x, y)]
    scores = [(y, s) for _, y, s in nx.adamic_adar_index(g, pairs) if s > 0]
    want = [y for y, _ in sorted(scores, key=lambda p: (-round(p[1] * 1e9), p[0]))[:10]]
    items = json.loads(run("related", x, "--format", "json", "--top", "10"))
    direct = [r["id"] for r in items if r["direct"]]
    got = [r["id"] for r in items if not r["direct"]]
    if got != want:
        errors.append(f"related {x}:\n  edge-atlas {got}\n  networkx   {want}")
    if len(direct) != min(10, g.degree(x)) or not all(g.has_edge(x, y) for y in direct):
        errors.append(f"related {x}: direct entries {direct} are not {min(10, g.degree(x))} neighbours")
    if any("score" in r for r in items if r["direct"]) or items[: len(direct)] != [r for r in items if r["direct"]]:
        errors.append(f"related {x}: direct entries must come first, without a score")
print(f"related: {len(entries)} entries of {len(by_kind)} kinds: neighbours first, then networkx's Adamic-Adar top 10")

bib_entries = 0
for x in ["PowerInfer-2", "paper:mllm-npu", "paper:heterollm", "paper:speedloader"]:
    text = run("related", x, "--kind", "paper", "--top", "15", "--format", "bibtex")
    lib = bibtexparser.parse_string(text)
    if lib.failed_blocks:
        errors.append(f"bibtex for {x}: {len(lib.failed_blocks)} failed blocks")
    expected = text.count("\n@") + text.startswith("@")
    if len(lib.entries) != expected or not lib.entries:
        errors.append(f"bibtex for {x}: parsed {len(lib.entries)} of {expected} entries")
    for e in lib.entries:
        if not e.fields_dict["title"].value.strip("{}"):
            errors.append(f"bibtex for {x}: {e.key} has an empty title")
    bib_entries += len(lib.entries)
print(f"bibtex: {bib_entries} entries parse with bibtexparser {bibtexparser.__version__}")

if errors:
    print("\n".join(errors), file=sys.stderr)
    sys.exit(1)
