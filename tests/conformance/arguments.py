"""The command line every export check takes: DIR STATS_JSON [EXPECT_JSON]."""

import json
import sys


def read():
    """(DIR, the stats as `edge-atlas stats --json` prints them, the expected node values or {})."""
    directory, stats_path = sys.argv[1], sys.argv[2]
    with open(stats_path, encoding="utf-8") as f:
        stats = json.load(f)
    expect = {}
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as f:
            expect = json.load(f)
    return directory, stats, expect
