"""Reads the positions and communities of edge-atlas exports back with their consumers and
compares them with what `edge-atlas layout` wrote.

Usage: positions_check.py DIR LAYOUT_CSV
DIR holds edge-atlas.graphml, .gexf, .json, .dot and edge-atlas.parquet/. Prints one JSON
object: for each consumer, how many nodes it read a position for, how many match the CSV
exactly (Graphviz: to a tenth of a point) and the largest difference, and how many
communities match.
"""

import csv
import json
import subprocess
import sys
import warnings

import duckdb
import igraph
import networkx as nx

warnings.simplefilter("error")


def expected(path):
    with open(path, encoding="utf-8", newline="") as f:
        return {r["id"]: (float(r["x"]), float(r["y"]), int(r["community"])) for r in csv.DictReader(f)}


def compare(want, got, shift=(0.0, 0.0), tolerance=1e-9):
    """got: id -> (x, y[, community]), positions compared after undoing `shift`."""
    worst, matched, communities = 0.0, 0, 0
    for node, value in got.items():
        x, y = value[0] - shift[0], value[1] - shift[1]
        wx, wy, wc = want[node]
        error = max(abs(x - wx), abs(y - wy))
        worst = max(worst, error)
        matched += error <= tolerance
        communities += len(value) > 2 and value[2] == wc
    return {"read": len(got), "matched": matched, "max_error": round(worst, 6), "communities": communities}


def graphviz(directory, want):
    # neato -n keeps the positions given (in points) and moves the drawing to the origin:
    # compared after the shift of one node. Graphviz writes inches to 4 decimals and keeps
    # positions to about a tenth of a point.
    plain = subprocess.run(
        ["neato", "-n", "-Tplain", f"{directory}/edge-atlas.dot"], check=True, capture_output=True, text=True
    ).stdout
    got = {}
    for line in csv.reader(plain.splitlines(), delimiter=" ", quotechar='"'):
        if line and line[0] == "node":
            got[line[1]] = (float(line[2]) * 72, float(line[3]) * 72)
    anchor = next(iter(got))
    shift = (got[anchor][0] - want[anchor][0], got[anchor][1] - want[anchor][1])
    return compare(want, got, shift, tolerance=0.1)


def main():
    directory, layout = sys.argv[1], sys.argv[2]
    want = expected(layout)
    report = {}

    g = nx.read_graphml(f"{directory}/edge-atlas.graphml")
    report["networkx graphml"] = compare(want, {n: (a["x"], a["y"], a["community"]) for n, a in g.nodes(data=True)})

    g = nx.read_gexf(f"{directory}/edge-atlas.gexf")
    report["networkx gexf viz:position"] = compare(
        want,
        {n: (a["viz"]["position"]["x"], a["viz"]["position"]["y"], a["community"]) for n, a in g.nodes(data=True)},
    )

    with open(f"{directory}/edge-atlas.json", encoding="utf-8") as f:
        g = nx.node_link_graph(json.load(f), edges="edges")
    report["networkx json"] = compare(want, {n: (a["x"], a["y"], a["community"]) for n, a in g.nodes(data=True)})

    g = igraph.Graph.Read_GraphML(f"{directory}/edge-atlas.graphml")
    report["igraph graphml"] = compare(want, {v["id"]: (v["x"], v["y"], int(v["community"])) for v in g.vs})

    rows = duckdb.sql(f"SELECT id, x, y, community FROM '{directory}/edge-atlas.parquet/nodes.parquet'").fetchall()
    report["duckdb parquet"] = compare(want, {r[0]: (r[1], r[2], r[3]) for r in rows})

    report["graphviz neato -n"] = graphviz(directory, want)
    print(json.dumps(report))


main()
