"""Reads edge-atlas's Parquet export with DuckDB and checks it against `stats --json`.

Usage: duckdb_check.py PARQUET_DIR STATS_JSON [EXPECT_JSON]
PARQUET_DIR holds nodes.parquet and edges.parquet as `export --format parquet` writes them.
Checks the counts, the column types, and, through a SQL join of each edge to the nodes at both
of its ends, the relations by kind. EXPECT_JSON, if given, maps node ids to values that must
come back exactly. Exits 1 on any mismatch.
"""

import sys

import duckdb

import arguments  # tests/conformance/arguments.py

# Column types the export promises, where the column exists.
TYPES = {"id": "VARCHAR", "kind": "VARCHAR", "label": "VARCHAR", "size": "DOUBLE", "date": "DATE",
         "url": "VARCHAR", "max_params": "DOUBLE", "params": "DOUBLE[]", "tops": "DOUBLE",
         "open_source": "BOOLEAN", "survey": "BOOLEAN"}


def main():
    directory, stats, expect = arguments.read()
    con = duckdb.connect()
    con.execute(f"CREATE VIEW nodes AS SELECT * FROM read_parquet('{directory}/nodes.parquet')")
    con.execute(f"CREATE VIEW edges AS SELECT * FROM read_parquet('{directory}/edges.parquet')")
    q = lambda sql, *args: con.execute(sql, list(args)).fetchall()
    errors = []

    def check(what, got, want):
        if got != want:
            errors.append(f"{what}: got {got!r}, expected {want!r}")

    types = {name: t for name, t, *_ in q("DESCRIBE nodes")}
    for name, t in TYPES.items():
        if name in types:
            check(f"type of {name}", types[name], t)
    check("nodes", q("SELECT count(*) FROM nodes")[0][0], stats["nodes"])
    check("distinct ids", q("SELECT count(DISTINCT id) FROM nodes")[0][0], stats["nodes"])
    check("edges", q("SELECT count(*) FROM edges")[0][0], stats["edges"])
    check("nodes by kind", dict(q("SELECT kind, count(*) FROM nodes GROUP BY kind")),
          {k: n for k, n in stats["kinds"].items() if n})
    joined = q("""SELECT e.relation, count(*) FROM edges e
                  JOIN nodes s ON e.source = s.id JOIN nodes t ON e.target = t.id
                  GROUP BY e.relation""")
    check("edges joined to both ends, by relation", dict(joined),
          {r: n for r, n in stats["relations"].items() if n})
    for node, attrs in expect.items():
        for name, want in attrs.items():
            column = {"released": "date", "published": "date"}.get(name, name)
            got = q(f'SELECT "{column}" FROM nodes WHERE id = ?', node)
            got = got[0][0] if got else None
            if column == "date" and got is not None:
                got = got.strftime("%Y-%m")
            check(f"{node} {name}", got, want)
    for e in errors:
        print(e)
    print(f"duckdb {duckdb.__version__}: {stats['nodes']} nodes, {stats['edges']} edges, {len(errors)} mismatches")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
