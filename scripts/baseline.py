#!/usr/bin/env python3
"""The edge-atlas pipeline written the way a Python user would: csv + networkx / igraph.

This is the baseline of the benchmarks of issue 7 (`scripts/bench.py` runs it). Each
subcommand prints ONE JSON object on stdout with the wall seconds of each phase
(time.perf_counter, measured in-process, so interpreter start-up and imports are not in
them; `total` is from the start of the first phase to the end of the last):

    python3 scripts/baseline.py networkx DATA OUT [--figure]
        {"tool":"networkx","load","graph","graphml","gexf","dot","json",["figure"],"total",
         "nodes","edges","collapsed"}
    python3 scripts/baseline.py igraph DATA OUT
        {"tool":"igraph","load","graphml","dot","total","nodes","edges"}
    python3 scripts/baseline.py related DATA --queries N
        {"tool":"networkx","queries","p50_ms","p99_ms","mean_ms","max_ms","nodes","edges"}
        (percentiles by nearest rank; queries as benches/related.rs picks them)

Requirements: requirements.txt (networkx, igraph, matplotlib, pydot, lxml). With lxml
installed networkx writes GraphML through it; EA_BASELINE_NO_LXML=1 hides it.

What it does, and where it differs from the Rust tool (src/data, src/graph.rs, src/export):

* load: every table of DATA read with the csv module (cells trimmed, `;`-separated lists),
  then validated in essence as `edge-atlas check` does: the header has the table's columns;
  ids are slugs and not repeated within a kind; names/titles are present; every reference
  column (families.organisations, models.family/organisations, frameworks.organisations,
  chips.vendor, techniques.parent, formats.organisations) names an existing entry; no
  technique is its own ancestor; every relations.csv / extra_relations.csv row has a known
  relation, ends of the kinds that relation allows, ends that exist, and is not repeated;
  aliases.csv and family_assignments.csv point at existing entries; device_chips.csv cells
  resolve (by kind:id, id, exact name, name ignoring case and punctuation, then other
  names and aliases) to exactly one device and one chip. Field-level parsing that the Rust
  tool also does (dates, sizes, TOPS, memory, colours, flags) is not repeated here.
  Problems go to stderr and the exit status is 1.
* graph: nodes `kind:id` in the Rust node order (kind by kind, file order) with attributes
  label (name; title for papers), kind, and every non-empty column of the row except `id`
  and `name` (the id is in the node key, the name in the label; keeping them breaks
  write_gexf, which takes an `id` attribute as the node id, and pydot, whose Node() has a
  `name` parameter). Edges, each with attribute `relation`: the reference columns, then
  relations.csv, extra_relations.csv, then device_chips.csv as chip -ships_in-> device
  (as src/graph.rs does), repeated (source, relation, target) triples dropped.
  The graph is an nx.DiGraph, so two different relations between the same ordered pair
  become one edge (the last relation wins); the Rust graph keeps both. `collapsed` in the
  output counts those lost edges. igraph keeps them (its graphs are multigraphs).
* dot: networkx's DOT writer through pydot (nx.nx_pydot.write_dot; pygraphviz would need
  Graphviz's headers and a compiler), from a copy with node names quoted (`"model:qwen"`:
  unquoted, the `:` reads as a port separator and Graphviz merges all nodes of a kind) and
  the attribute name `edge`, a DOT keyword, quoted; the copy is timed in the phase.
* json: nx.node_link_data(G, edges="edges") + json.dump.
* figure (--figure): the emergence timeline with matplotlib (Agg), the same selection as
  the Rust default: releases marked edge yes/devices/unknown, from 2023-01, one dot per
  released size up to 35B, at the release month on x and the parameter count on a log y,
  coloured by the release's first organisation (its `colour`, else a tab20 colour); one
  text label per family, at its first release's largest size. PNG (2100x920 px) and SVG.
"""

import argparse
import csv
import os

# EA_BASELINE_NO_LXML=1 hides lxml, so networkx writes GraphML with its pure-Python writer
# (nx.write_graphml uses lxml's when it can import it): bench.py measures both.
if os.environ.get("EA_BASELINE_NO_LXML"):
    import sys as _sys

    _sys.modules["lxml"] = None

import heapq
import json
import math
import re
import statistics
import sys
import time
from collections import defaultdict

os.environ.setdefault("MPLBACKEND", "Agg")

# ---------------------------------------------------------------------------------------
# Schema (src/data/tables.rs, src/model/kind.rs)

KINDS = [
    ("organisation", "organisations.csv", ["id", "name", "colour"]),
    ("family", "families.csv",
     ["id", "name", "organisations", "published", "paper_url", "code_url", "official_url", "hf_url"]),
    ("model", "models.csv",
     ["id", "name", "family", "organisations", "sizes", "edge", "released", "modalities",
      "paper_url", "code_url", "official_url", "hf_url"]),
    ("framework", "frameworks.csv",
     ["id", "name", "open_source", "vendor_sdk", "organisations", "sizes",
      "paper_url", "code_url", "official_url", "hf_url"]),
    ("backend", "backends.csv", ["id", "name"]),
    ("chip", "chips.csv", ["id", "name", "vendor", "line", "tops", "released", "memory"]),
    ("device", "devices.csv", ["id", "name", "category"]),
    ("paper", "papers.csv",
     ["id", "title", "short_name", "venue", "published", "survey", "tags",
      "paper_url", "code_url", "official_url", "hf_url"]),
    ("technique", "techniques.csv", ["id", "name", "number", "parent"]),
    ("product", "products.csv", ["id", "name", "category", "paper_url", "code_url", "official_url", "hf_url"]),
    ("benchmark", "benchmarks.csv", ["id", "name", "category", "paper_url", "code_url", "official_url", "hf_url"]),
    ("format", "formats.csv",
     ["id", "name", "organisations", "safe", "zero_copy", "lazy_loading", "no_file_size_limit",
      "layout_control", "flexibility", "bf16_fp8", "paper_url", "code_url", "official_url", "hf_url"]),
]
KIND_NAMES = [k for k, _, _ in KINDS]
RELATION_COLUMNS = ["source", "relation", "target"]
CURATED = {
    "aliases": ("aliases.csv", ["alias", "target"]),
    "family_assignments": ("family_assignments.csv", ["model", "family"]),
    "device_chips": ("device_chips.csv", ["device", "chip"]),
}

# Reference columns that are edges too, in src/data/mod.rs `column_relations` order:
# (kind, column, relation, target kind, is a list)
COLUMN_RELATIONS = [
    ("family", "organisations", "released_by", "organisation", True),
    ("model", "family", "member_of", "family", False),
    ("model", "organisations", "released_by", "organisation", True),
    ("framework", "organisations", "released_by", "organisation", True),
    ("chip", "vendor", "made_by", "organisation", False),
    ("technique", "parent", "subtopic_of", "technique", False),
    ("format", "organisations", "released_by", "organisation", True),
]

# RelationKind::endpoints
ENDPOINTS = {
    "released_by": ({"model", "family", "framework", "format", "product", "benchmark"}, {"organisation"}),
    "member_of": ({"model"}, {"family"}),
    "successor_of": ({"model"}, {"model"}),
    "supports": ({"framework"}, {"family", "model"}),
    "uses_backend": ({"framework"}, {"backend"}),
    "targets": ({"framework"}, {"chip", "device"}),
    "runs_on": ({"model", "family", "product"}, {"chip", "device"}),
    "made_by": ({"chip", "device"}, {"organisation"}),
    "ships_in": ({"chip"}, {"device"}),
    "covers": ({"paper"}, {"technique"}),
    "subtopic_of": ({"technique"}, {"technique"}),
    "implements": ({"paper"}, {"framework"}),
    "built_on": ({"framework"}, {"framework"}),
    "powered_by": ({"product"}, {"model", "family"}),
    "is_a": ({"chip", "device"}, {"chip", "device"}),
    "part_of": ({"chip", "device"}, {"chip", "device"}),
}

# Curated rows appended to an entry table after it is read (src/data: extra_chips.csv).
EXTRA_ROWS = {"chip": "extra_chips.csv"}

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def split_list(cell):
    return [p.strip() for p in cell.split(";") if p.strip()]


# ---------------------------------------------------------------------------------------
# Load: read + validate


class Invalid(Exception):
    pass


def read_table(path, columns, errors):
    """Rows of a CSV file as dicts of trimmed cells; a missing file is an empty table."""
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None) or []
        header = [h.strip() for h in header]
        missing = [c for c in columns if c not in header]
        if missing:
            errors.append(f"{path}: header lacks {', '.join(missing)}")
            return []
        pos = [header.index(c) for c in columns]
        rows = []
        for rec in reader:
            if not rec:
                continue
            rows.append({c: (rec[i].strip() if i < len(rec) else "") for c, i in zip(columns, pos)})
        return rows


def name_key(s):
    """src/model/id.rs name_key: LaTeX Greek expanded, alphanumerics only, lowercase."""
    if "$\\" in s:
        for name, letter in [("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"),
                             ("epsilon", "ε"), ("theta", "θ"), ("lambda", "λ"), ("mu", "μ"),
                             ("pi", "π"), ("sigma", "σ"), ("phi", "φ"), ("omega", "ω")]:
            s = s.replace(f"$\\{name}$", letter)
    return "".join(c for c in s if c.isalnum()).lower()


def entry_name(kind, row):
    """Entry::name: the name; for papers the short name, else the title."""
    if kind == "paper":
        return row["short_name"] or row["title"]
    return row["name"]


def other_names(kind, row):
    """Entry::other_names (src/data/tables.rs)."""
    if kind == "family":
        name = row["name"]
        base = name[:-7] if name.endswith((" Series", " series")) else name
        base = base.strip()
        out = [base]
        if "/" in base:
            out += [p.strip() for p in base.split("/") if p.strip()]
        return out
    if kind == "chip":
        parts = row["name"].split(" ", 1)
        return [parts[1].strip()] if len(parts) == 2 else []
    if kind == "paper":
        out = [row["title"]]
        if ":" in row["title"]:
            out.append(row["title"].split(":", 1)[0].strip())
        return out
    return []


class Data:
    """Every table, the id index of each kind, and what validation resolved."""

    def __init__(self):
        self.tables = {}  # kind -> [row]
        self.index = {}  # kind -> {id: row number}
        self.relations = []  # [(source kind, source id, relation, target kind, target id)]
        self.extra_relations = []
        self.aliases = []
        self.family_assignments = []
        self.device_chips = []
        self.ships_in = []  # resolved device_chips: (chip id, device id)
        self._names = None

    def exists(self, kind, id_):
        return id_ in self.index[kind]

    # Name resolution for device_chips.csv (src/resolve.rs, simplified to what it needs).
    def names(self):
        if self._names is None:
            by_name = defaultdict(list)  # name key -> [(kind, id, primary)]

            def add(name, kind, id_, primary):
                k = name_key(name)
                if k and not any(e[0] == kind and e[1] == id_ for e in by_name[k]):
                    by_name[k].append((kind, id_, primary))

            for kind in KIND_NAMES:
                for row in self.tables[kind]:
                    add(entry_name(kind, row), kind, row["id"], True)
                    for other in other_names(kind, row):
                        add(other, kind, row["id"], False)
            for a in self.aliases:
                kind, _, id_ = a["target"].partition(":")
                if kind in self.index and self.exists(kind, id_):
                    add(a["alias"], kind, id_, False)
            self._names = by_name
        return self._names

    def resolve(self, text, kind):
        """The id of the one entry of `kind` that `text` names; raises KeyError/ValueError."""
        text = text.strip()
        k, sep, id_ = text.partition(":")
        if sep and k == kind and self.exists(kind, id_):
            return id_
        named = [e for e in self.names().get(name_key(text), []) if e[0] == kind]
        rows = self.tables[kind]
        tiers = [
            [text] if self.exists(kind, text) else [],
            [i for _, i, p in named if p and entry_name(kind, rows[self.index[kind][i]]) == text],
            [i for _, i, p in named if p],
            [i for _, i, _ in named],
        ]
        for hits in tiers:
            hits = sorted(set(hits))
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                raise ValueError(f"{text!r} names more than one {kind}")
        raise KeyError(f"no {kind} has this id or name: {text!r}")


def parse_key(text):
    kind, sep, id_ = text.partition(":")
    if not sep or kind not in KIND_NAMES or not ID_RE.match(id_):
        return None
    return kind, id_


def load(data_dir):
    """Reads and validates every table; raises Invalid with all problems found."""
    if not os.path.isdir(data_dir):
        raise Invalid(f"{data_dir}: no such data directory")
    d = Data()
    errors = []
    for kind, file, columns in KINDS:
        rows = read_table(os.path.join(data_dir, file), columns, errors)
        if kind in EXTRA_ROWS:
            rows += read_table(os.path.join(data_dir, EXTRA_ROWS[kind]), columns, errors)
        d.tables[kind] = rows
        ids = {}
        name_col = "title" if kind == "paper" else "name"
        for i, row in enumerate(rows):
            id_ = row["id"]
            if not ID_RE.match(id_):
                errors.append(f"{file}:{i + 2}: id {id_!r} is not a slug")
            if id_ in ids:
                errors.append(f"{file}:{i + 2}: id {id_!r} is used twice; first at line {ids[id_] + 2}")
            else:
                ids[id_] = i
            if not row[name_col]:
                errors.append(f"{file}:{i + 2}: {name_col} is empty")
        d.index[kind] = ids
    for name, (file, columns) in CURATED.items():
        setattr(d, name, read_table(os.path.join(data_dir, file), columns, errors))

    # Reference columns.
    for kind, column, _, target_kind, is_list in COLUMN_RELATIONS:
        file = dict((k, f) for k, f, _ in KINDS)[kind]
        targets = d.index[target_kind]
        for i, row in enumerate(d.tables[kind]):
            for ref in (split_list(row[column]) if is_list else [row[column]] if row[column] else []):
                if ref not in targets:
                    errors.append(f"{file}:{i + 2}: {column} {ref!r}: no {target_kind} has this id")

    # Technique parent cycles.
    techniques = d.tables["technique"]
    tix = d.index["technique"]
    state = [0] * len(techniques)  # 0 new, 1 on the current path, 2 done
    for start in range(len(techniques)):
        path, at = [], start
        while at is not None and state[at] == 0:
            state[at] = 1
            path.append(at)
            at = tix.get(techniques[at]["parent"])
        if at is not None and state[at] == 1:
            for p in path[path.index(at):]:
                errors.append(f"techniques.csv:{p + 2}: technique {techniques[p]['id']} is its own ancestor")
        for p in path:
            state[p] = 2

    # relations.csv and extra_relations.csv.
    for attr, file in [("relations", "relations.csv"), ("extra_relations", "extra_relations.csv")]:
        rows = read_table(os.path.join(data_dir, file), RELATION_COLUMNS, errors)
        out, seen = [], {}
        for i, r in enumerate(rows):
            rel = r["relation"].lower().replace("-", "_")
            if rel not in ENDPOINTS:
                errors.append(f"{file}:{i + 2}: relation {r['relation']!r} is not a relation kind")
                continue
            ends = []
            for column, allowed in zip(("source", "target"), ENDPOINTS[rel]):
                key = parse_key(r[column])
                if key is None:
                    errors.append(f"{file}:{i + 2}: {column} {r[column]!r} is not kind:id")
                elif key[0] not in allowed:
                    errors.append(f"{file}:{i + 2}: {column} {r[column]!r}: a {key[0]} cannot be the {column} of {rel}")
                elif not d.exists(*key):
                    errors.append(f"{file}:{i + 2}: {column} {r[column]!r}: no {key[0]} has this id")
                else:
                    ends.append(key)
            if len(ends) < 2:
                continue
            t = (ends[0][0], ends[0][1], rel, ends[1][0], ends[1][1])
            if t in seen:
                errors.append(f"{file}:{i + 2}: duplicate relation; first at line {seen[t] + 2}")
            else:
                seen[t] = i
                out.append(t)
        setattr(d, attr, out)

    # The curated tables.
    for i, a in enumerate(d.aliases):
        key = parse_key(a["target"])
        if key is None or not d.exists(*key):
            errors.append(f"aliases.csv:{i + 2}: target {a['target']!r}: no such entry")
    family_names = {f["name"] for f in d.tables["family"]}
    for i, fa in enumerate(d.family_assignments):
        if not d.exists("model", fa["model"]):
            errors.append(f"family_assignments.csv:{i + 2}: model {fa['model']!r}: no model has this id")
        if not (d.exists("family", fa["family"]) or fa["family"] in family_names):
            errors.append(f"family_assignments.csv:{i + 2}: family {fa['family']!r}: no family has this id or name")
    for i, dc in enumerate(d.device_chips):
        try:
            device = d.resolve(dc["device"], "device")
            chip = d.resolve(dc["chip"], "chip")
            d.ships_in.append((chip, device))
        except (KeyError, ValueError) as e:
            errors.append(f"device_chips.csv:{i + 2}: {e.args[0]}")

    if errors:
        raise Invalid("\n".join(errors))
    return d


def node_key(kind, id_):
    return f"{kind}:{id_}"


def node_records(d):
    """(node, attributes) in the Rust node order."""
    for kind in KIND_NAMES:
        label_col = "title" if kind == "paper" else "name"
        for row in d.tables[kind]:
            attrs = {"label": row[label_col], "kind": kind}
            for c, v in row.items():
                if v and c != "id" and c != "name":
                    attrs[c] = v
            yield node_key(kind, row["id"]), attrs


def edge_triples(d):
    """(source, relation, target) in the Rust edge order, each triple once."""
    seen = set()
    out = []

    def add(s, rel, t):
        if (s, rel, t) not in seen:
            seen.add((s, rel, t))
            out.append((s, rel, t))

    for kind, column, rel, target_kind, is_list in COLUMN_RELATIONS:
        for row in d.tables[kind]:
            s = node_key(kind, row["id"])
            for ref in (split_list(row[column]) if is_list else [row[column]] if row[column] else []):
                add(s, rel, node_key(target_kind, ref))
    for sk, si, rel, tk, ti in d.relations + d.extra_relations:
        add(node_key(sk, si), rel, node_key(tk, ti))
    for chip, device in d.ships_in:
        add(node_key("chip", chip), "ships_in", node_key("device", device))
    return out


def build_networkx(d):
    import networkx as nx

    G = nx.DiGraph(name="edge-atlas")
    G.add_nodes_from(node_records(d))
    triples = edge_triples(d)
    G.add_edges_from((s, t, {"relation": rel}) for s, rel, t in triples)
    return G, len(triples) - G.number_of_edges()


def load_or_exit(data_dir):
    try:
        return load(data_dir)
    except Invalid as e:
        lines = str(e).splitlines()
        for line in lines[:50]:
            print(f"error: {line}", file=sys.stderr)
        if len(lines) > 50:
            print(f"error: ... and {len(lines) - 50} more", file=sys.stderr)
        sys.exit(1)


# ---------------------------------------------------------------------------------------
# The emergence figure

SIZE_SEPARATORS = re.compile(r"[、,;，]")
UNITS = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def split_top_level(s):
    out, depth, start = [], 0, 0
    for i, c in enumerate(s):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0 and SIZE_SEPARATORS.match(c):
            out.append(s[start:i].strip())
            start = i + 1
    out.append(s[start:].strip())
    return [p for p in out if p]


def parse_count(s):
    """'1.8B' -> 1.8e9; None when it is not a count with a unit."""
    m = re.fullmatch(r"\s*([0-9.]+)\s*([KkMmBbTt])\s*", s)
    if not m:
        return None
    try:
        return float(m.group(1)) * UNITS[m.group(2).upper()]
    except ValueError:
        return None


def parse_sizes(cell):
    """Parameter counts of a sizes cell: '7B、13B', 'nano(1.8B、3.25B)、pro', 'Scout(17B)'."""
    counts = []
    for item in split_top_level(cell):
        if "(" in item:
            inner = item.split("(", 1)[1].rstrip(")")
            counts += [c for c in map(parse_count, split_top_level(inner)) if c]
        elif item[:1].isdigit() or item[:1] == ".":
            c = parse_count(item)
            if c:
                counts.append(c)
    return counts


def draw_figure(d, out_dir):
    import datetime

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    orgs = d.tables["organisation"]
    palette = plt.get_cmap("tab20").colors
    colour = {}
    for i, o in enumerate(orgs):
        colour[o["id"]] = o["colour"] or palette[i % len(palette)]

    xs, ys, cs = [], [], []
    first_of_family = {}  # family id -> (date, params) of its first plotted release
    for m in d.tables["model"]:
        if m["edge"] not in ("yes", "devices", "unknown"):
            continue
        released = re.fullmatch(r"(\d{4})-(\d{2})", m["released"])
        if not released:
            continue
        year, month = int(released.group(1)), int(released.group(2))
        if (year, month) < (2023, 1):
            continue
        sizes = sorted({s for s in parse_sizes(m["sizes"]) if s <= 35e9})
        if not sizes:
            continue
        when = datetime.date(year, month, 1)
        org = split_list(m["organisations"])
        c = colour.get(org[0], "#888888") if org else "#888888"
        for s in sizes:
            xs.append(when)
            ys.append(s)
            cs.append(c)
        fam = m["family"]
        if fam and (fam not in first_of_family or when < first_of_family[fam][0]):
            first_of_family[fam] = (when, sizes[-1])

    fig, ax = plt.subplots(figsize=(21, 9.2), dpi=100)
    ax.scatter(xs, ys, c=cs, s=36, edgecolors="white", linewidths=0.5, zorder=3)
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=3))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ticks = [1e8, 5e8, 1e9, 3e9, 7e9, 14e9, 30e9]
    ax.set_yticks(ticks, [f"{t / 1e9:g}B" for t in ticks])
    ax.yaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    ax.grid(True, which="major", color="#e5e5e5", zorder=0)
    family_names = {f["id"]: f["name"] for f in d.tables["family"]}
    for fam, (when, params) in first_of_family.items():
        name = family_names.get(fam, fam)
        if name.endswith(" Series"):
            name = name[:-7]
        ax.annotate(name, (when, params), xytext=(4, 4), textcoords="offset points", fontsize=9)
    ax.set_xlabel("release")
    ax.set_ylabel("parameters")
    ax.set_title("Emergence of edge LLMs")
    fig.tight_layout()
    fig.savefig(os.path.join(out_dir, "timeline-emergence-llms.png"))
    fig.savefig(os.path.join(out_dir, "timeline-emergence-llms.svg"))
    plt.close(fig)
    return len(xs)


# ---------------------------------------------------------------------------------------
# Subcommands


DOT_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}


def dot_ready(G):
    """A copy pydot writes as valid DOT: node names quoted (unquoted, `kind:id` reads as
    node `kind`, port `id`) and attribute names that are DOT keywords (models' `edge`)
    quoted, which pydot does for neither."""
    import networkx as nx

    def attrs(a):
        return {(f'"{k}"' if k in DOT_KEYWORDS else k): v for k, v in a.items()}

    H = nx.DiGraph(name=G.graph.get("name", ""))
    H.add_nodes_from((f'"{n}"', attrs(a)) for n, a in G.nodes(data=True))
    H.add_edges_from((f'"{u}"', f'"{v}"', attrs(a)) for u, v, a in G.edges(data=True))
    return H


class Phases:
    def __init__(self, tool):
        self.result = {"tool": tool}
        self.start = time.perf_counter()
        self.last = self.start

    def done(self, name):
        now = time.perf_counter()
        self.result[name] = round(now - self.last, 6)
        self.last = now

    def finish(self, **extra):
        self.result["total"] = round(time.perf_counter() - self.start, 6)
        self.result.update(extra)
        print(json.dumps(self.result))


def preimport(*modules):
    """Imports, before the clock starts, what the timed phases would import on first use
    (write_graphml imports numpy, write_dot pydot), so that each phase times its own work.
    A cold process pays for them all the same: bench.py times whole processes too."""
    import importlib

    for m in modules:
        importlib.import_module(m)


def cmd_networkx(args):
    import networkx as nx

    preimport("numpy", "pydot", *(["matplotlib.pyplot", "matplotlib.dates"] if args.figure else []))
    os.makedirs(args.out, exist_ok=True)
    out = lambda ext: os.path.join(args.out, f"edge-atlas.{ext}")  # noqa: E731
    p = Phases("networkx" if not os.environ.get("EA_BASELINE_NO_LXML") else "networkx-no-lxml")
    d = load_or_exit(args.data)
    p.done("load")
    G, collapsed = build_networkx(d)
    p.done("graph")
    nx.write_graphml(G, out("graphml"))
    p.done("graphml")
    nx.write_gexf(G, out("gexf"))
    p.done("gexf")
    nx.nx_pydot.write_dot(dot_ready(G), out("dot"))
    p.done("dot")
    with open(out("json"), "w", encoding="utf-8") as f:
        json.dump(nx.node_link_data(G, edges="edges"), f, ensure_ascii=False)
    p.done("json")
    if args.figure:
        draw_figure(d, args.out)
        p.done("figure")
    p.finish(nodes=G.number_of_nodes(), edges=G.number_of_edges(), collapsed=collapsed)


def cmd_igraph(args):
    import igraph as ig

    os.makedirs(args.out, exist_ok=True)
    p = Phases("igraph")
    d = load_or_exit(args.data)
    names, labels, kinds = [], [], []
    for n, attrs in node_records(d):
        names.append(n)
        labels.append(attrs["label"])
        kinds.append(attrs["kind"])
    number = {n: i for i, n in enumerate(names)}
    triples = edge_triples(d)
    g = ig.Graph(
        n=len(names),
        edges=[(number[s], number[t]) for s, _, t in triples],
        directed=True,
        vertex_attrs={"name": names, "label": labels, "kind": kinds},
        edge_attrs={"relation": [rel for _, rel, _ in triples]},
    )
    p.done("load")
    g.write_graphml(os.path.join(args.out, "edge-atlas.graphml"))
    p.done("graphml")
    g.write_dot(os.path.join(args.out, "edge-atlas.dot"))
    p.done("dot")
    p.finish(nodes=g.vcount(), edges=g.ecount())


def related(U, x, top=10):
    """The Adamic-Adar expansion a networkx user would write: every node within two hops
    of x (x excluded) scored by the sum over common neighbours z of 1/ln(deg z)."""
    scores = {}
    for z in U[x]:
        scores.setdefault(z, 0.0)
        deg = U.degree(z)
        if deg < 2:  # only x: no common neighbour through z (and ln 1 = 0)
            continue
        w = 1.0 / math.log(deg)
        for y in U[z]:
            if y != x:
                scores[y] = scores.get(y, 0.0) + w
    return heapq.nsmallest(top, scores.items(), key=lambda kv: (-kv[1], kv[0]))


def pick_queries(nodes, n):
    ids = sorted(nodes)
    step = max(1, len(ids) // n)
    return ids[::step][:n]


def cmd_related(args):
    d = load_or_exit(args.data)
    G, _ = build_networkx(d)
    U = G.to_undirected(as_view=True)
    queries = pick_queries(G.nodes, args.queries)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        related(U, q)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()

    def pct(p):  # nearest rank, as benches/related.rs
        return round(times[min(max(math.ceil(p * len(times)), 1), len(times)) - 1], 4)

    print(json.dumps({
        "tool": "networkx",
        "queries": len(times),
        "p50_ms": pct(0.5),
        "p99_ms": pct(0.99),
        "mean_ms": round(statistics.fmean(times), 4),
        "max_ms": pct(1.0),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
    }))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("networkx", help="load, graph, GraphML, GEXF, DOT, JSON [and the figure] with networkx")
    a.add_argument("data")
    a.add_argument("out")
    a.add_argument("--figure", action="store_true", help="also draw the emergence timeline (PNG, SVG)")
    a.set_defaults(func=cmd_networkx)
    a = sub.add_parser("igraph", help="load into igraph, GraphML, DOT")
    a.add_argument("data")
    a.add_argument("out")
    a.set_defaults(func=cmd_igraph)
    a = sub.add_parser("related", help="latency of a hand-written Adamic-Adar 'related to X' in networkx")
    a.add_argument("data")
    a.add_argument("--queries", type=int, default=200)
    a.set_defaults(func=cmd_related)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
