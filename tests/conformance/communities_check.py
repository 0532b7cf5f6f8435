"""Our communities against networkx's Louvain on the same graph.

Usage: communities_check.py GRAPH.json POSITIONS.csv
Prints one JSON line: our modularity (computed by networkx from our partition), networkx's
louvain_communities modularity for seeds 1 to 5 (best and mean), and their ratio.
"""
import csv
import json
import sys

import networkx as nx
from networkx.algorithms.community import louvain_communities, modularity

graph_file, positions_file = sys.argv[1:3]
with open(graph_file, encoding="utf-8") as f:
    data = json.load(f)
directed = nx.node_link_graph(data, edges="edges" if "edges" in data else "links")
g = nx.Graph()
g.add_nodes_from(directed.nodes)
g.add_edges_from((a, b) for a, b in directed.edges() if a != b)

ours = {}
with open(positions_file, encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        ours.setdefault(int(row["community"]), set()).add(row["id"])
assert set().union(*ours.values()) == set(g.nodes), "the CSV covers exactly the graph's nodes"
q_ours = modularity(g, ours.values())
theirs = [modularity(g, louvain_communities(g, seed=s)) for s in range(1, 6)]
print(json.dumps({
    "nodes": g.number_of_nodes(),
    "edges": g.number_of_edges(),
    "ours": round(q_ours, 5),
    "communities": len(ours),
    "networkx_best": round(max(theirs), 5),
    "networkx_mean": round(sum(theirs) / len(theirs), 5),
    "ratio_to_best": round(q_ours / max(theirs), 5),
}))
