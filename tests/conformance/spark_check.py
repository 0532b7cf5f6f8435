"""Compares the answers of scripts/spark/related.py with edge-atlas's.

Usage: spark_check.py SPARK_OUT EXPECTED_JSON
SPARK_OUT is the job's Parquet output (entry, rank, related, score), read with DuckDB.
EXPECTED_JSON maps each entry to edge-atlas's ranking: [[kind:id, score], ...], best first.
Order must be equal and scores equal at 1e-9. Exits 1 on any mismatch.
"""

import json
import sys

import duckdb


def main():
    out, expected_path = sys.argv[1], sys.argv[2]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    rows = duckdb.sql(f"SELECT entry, rank, related, score FROM read_parquet('{out}/*.parquet') "
                      "ORDER BY entry, rank").fetchall()
    got = {}
    for entry, rank, related, score in rows:
        got.setdefault(entry, []).append((related, round(score * 1e9)))
    errors = []
    for entry, ranking in expected.items():
        want = [(related, round(score * 1e9)) for related, score in ranking]
        if got.get(entry, []) != want:
            errors.append(f"{entry}: spark {got.get(entry, [])[:3]}..., edge-atlas {want[:3]}...")
    extra = sorted(set(got) - set(expected))
    if extra:
        errors.append(f"answers for entries not asked: {extra[:5]}")
    for e in errors[:20]:
        print(e)
    answers = sum(len(r) for r in expected.values())
    print(f"spark vs edge-atlas related: {len(expected)} entries, {answers} answers, {len(errors)} mismatches")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
