"""Loads edge-atlas exports with networkx and checks them against `edge-atlas stats --json`.

Usage: networkx_check.py DIR STATS_JSON [EXPECT_JSON]
DIR holds edge-atlas.graphml, .gexf and .json. EXPECT_JSON, if given, maps node ids to
attributes that must come back exactly (hostile names, types). Exits 1 on any mismatch.
"""

import json
import sys
import warnings
from collections import Counter

import networkx as nx

import arguments  # tests/conformance/arguments.py

warnings.simplefilter("error")


def load(directory):
    with open(f"{directory}/edge-atlas.json", encoding="utf-8") as f:
        data = json.load(f)
    return {
        "graphml": nx.read_graphml(f"{directory}/edge-atlas.graphml"),
        "gexf": nx.read_gexf(f"{directory}/edge-atlas.gexf"),
        "json": nx.node_link_graph(data, edges="edges"),
    }


def main():
    directory, stats, expect = arguments.read()
    kinds = {k: n for k, n in stats["kinds"].items() if n}
    relations = {r: n for r, n in stats["relations"].items() if n}
    errors = []
    for name, g in load(directory).items():
        def check(what, got, want):
            if got != want:
                errors.append(f"{name}: {what}: got {got!r}, expected {want!r}")

        check("directed", g.is_directed(), True)
        check("nodes", g.number_of_nodes(), stats["nodes"])
        check("edges", g.number_of_edges(), stats["edges"])
        check("kinds", dict(Counter(a["kind"] for _, a in g.nodes(data=True))), kinds)
        check("relations", dict(Counter(a["relation"] for *_, a in g.edges(data=True))), relations)
        for node, attrs in expect.items():
            if node not in g:
                errors.append(f"{name}: node {node} missing")
                continue
            got = g.nodes[node]
            for key, want in attrs.items():
                check(f"{node}.{key}", got.get(key), want)
        if name == "gexf":
            colours = [a["viz"]["color"] for _, a in g.nodes(data=True)]
            check("nodes with viz colour", len(colours), stats["nodes"])
        print(f"{name}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)


main()
