"""Loads edge-atlas's Neo4j import CSV set into Kùzu and checks it against `stats --json`.

Usage: kuzu_check.py NEO4J_DIR STATS_JSON [EXPECT_JSON]
NEO4J_DIR holds nodes.csv and relationships.csv as `export --format neo4j` writes them. The
node table's columns and types come from the typed header (`size:double`, `date:date`, ...),
the files are loaded with Cypher `COPY FROM`, and Cypher queries count nodes by kind and
relationships by type. EXPECT_JSON, if given, maps node ids to property values that must come
back exactly. Exits 1 on any mismatch.
"""

import csv
import sys
import tempfile

import kuzu

import arguments  # tests/conformance/arguments.py

# Neo4j header types and the Kùzu types they load as. Arrays are kept as their text
# (`1.5e9;3e9`): Kùzu spells list literals differently from neo4j-admin.
TYPES = {"": "STRING", "string": "STRING", "double": "DOUBLE", "boolean": "BOOLEAN",
         "long": "INT64", "date": "DATE", "double[]": "STRING"}


def columns(path):
    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    out = []
    for field in header:
        name, _, kind = field.partition(":")
        if kind == "ID":
            out.append((name, "STRING PRIMARY KEY"))
        elif kind == "LABEL":
            out.append(("neo4j_label", "STRING"))
        else:
            out.append((name, TYPES[kind]))
    return out


def main():
    directory, stats, expect = arguments.read()
    cols = columns(f"{directory}/nodes.csv")
    errors = []

    def check(what, got, want):
        if got != want:
            errors.append(f"{what}: got {got!r}, expected {want!r}")

    with tempfile.TemporaryDirectory() as tmp:
        db = kuzu.Database(f"{tmp}/db")
        conn = kuzu.Connection(db)
        q = lambda cypher: conn.execute(cypher).get_all()
        fields = ", ".join(f"`{n}` {t}" for n, t in cols)
        q(f"CREATE NODE TABLE Entry({fields})")
        q("CREATE REL TABLE Rel(FROM Entry TO Entry, type STRING)")
        # Titles may hold line breaks inside quotes, which Kùzu's parallel reader refuses.
        q(f"COPY Entry FROM '{directory}/nodes.csv' (HEADER=true, PARALLEL=false)")
        q(f"COPY Rel FROM '{directory}/relationships.csv' (HEADER=true, PARALLEL=false)")
        check("nodes", q("MATCH (n:Entry) RETURN count(*)")[0][0], stats["nodes"])
        check("relationships", q("MATCH ()-[r:Rel]->() RETURN count(*)")[0][0], stats["edges"])
        kinds = dict(q("MATCH (n:Entry) RETURN n.kind, count(*)"))
        check("nodes by kind", kinds, {k: n for k, n in stats["kinds"].items() if n})
        labels = q("MATCH (n:Entry) WHERE n.neo4j_label <> upper(substring(n.kind, 1, 1)) + substring(n.kind, 2, 100) "
                   "RETURN n.id LIMIT 3")
        check(":LABEL is the kind in PascalCase", labels, [])
        # Both ends of every relationship are typed entries: count through a two-ended match.
        types = dict(q("MATCH (a:Entry)-[r:Rel]->(b:Entry) RETURN lower(r.type), count(*)"))
        check("relationships by type", types, {r: n for r, n in stats["relations"].items() if n})
        for node, attrs in expect.items():
            for name, want in attrs.items():
                name = {"released": "date", "published": "date"}.get(name, name)
                got = conn.execute(f"MATCH (n:Entry) WHERE n.id = $id RETURN n.`{name}`", {"id": node}).get_all()
                got = got[0][0] if got else None
                if name == "date":
                    got = got.strftime("%Y-%m") if got else None
                check(f"{node} {name}", got, want)
    for e in errors:
        print(e)
    print(f"kuzu {kuzu.__version__}: {stats['nodes']} nodes, {stats['edges']} relationships, "
          f"{len(errors)} mismatches")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
