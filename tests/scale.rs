//! End-to-end tests of the exports for engines beyond one machine: Parquet read by DuckDB,
//! the Neo4j import CSV set loaded into Kùzu, and the Spark job compared with `related`.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const HOSTILE_DATA: &str = "tests/fixtures/hostile";

/// `export --format FORMAT` of `data` into `out`, and `stats --json` beside it.
fn export_dir(data: &str, format: &str, out: &Path) -> PathBuf {
    let r = run(&["export", "--data", data, "--format", format, "--out", out.to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["stats", "--json", "--data", data], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let stats = out.with_extension("stats.json");
    std::fs::write(&stats, r.stdout).unwrap();
    stats
}

/// Runs a conformance script on an export directory, with the hostile names' expected values
/// for the hostile data.
fn conformance(script: &str, dir: &Path, stats: &Path, data: &str) {
    let mut cmd = Command::new("python3");
    cmd.arg(root().join("tests/conformance").join(script)).arg(dir).arg(stats);
    if data == HOSTILE_DATA {
        cmd.arg(root().join("tests/conformance/hostile-expect.json"));
    }
    consumer(&mut cmd);
}

#[test]
fn duckdb_reads_the_parquet_export_with_the_counts_of_stats() {
    let dir = tempfile::tempdir().unwrap();
    for data in ["data", HOSTILE_DATA] {
        let out = dir.path().join(data.replace('/', "-"));
        let stats = export_dir(data, "parquet", &out);
        let names: Vec<String> = snapshot(&out).into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["edges.parquet", "nodes.parquet"]);
        if have("python3") && python_has(&["duckdb"]) {
            conformance("duckdb_check.py", &out, &stats, data);
        }
    }
}

#[test]
fn kuzu_loads_the_neo4j_import_set_with_the_counts_of_stats() {
    let dir = tempfile::tempdir().unwrap();
    for data in ["data", HOSTILE_DATA] {
        let out = dir.path().join(data.replace('/', "-"));
        let stats = export_dir(data, "neo4j", &out);
        let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
        assert!(
            readme.contains("neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv")
        );
        let nodes = std::fs::read_to_string(out.join("nodes.csv")).unwrap();
        let header = nodes.lines().next().unwrap();
        assert!(header.starts_with("id:ID,:LABEL,kind,label,color,size:double,date:date,"), "{header}");
        if data == "data" {
            for typed in ["params:double[]", "max_params:double", "tops:double", "open_source:boolean"] {
                assert!(header.split(',').any(|h| h == typed), "{typed} in {header}");
            }
        }
        if have("python3") && python_has(&["kuzu"]) {
            conformance("kuzu_check.py", &out, &stats, data);
        }
    }
}

#[test]
fn directory_exports_are_byte_identical_across_runs_and_need_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["parquet", "neo4j"] {
        let (a, b) = (dir.path().join(format!("{format}-a")), dir.path().join(format!("{format}-b")));
        export_dir("data", format, &a);
        export_dir("data", format, &b);
        assert_eq!(snapshot(&a), snapshot(&b), "{format} differs between runs");
        let r = run(&["export", "--format", format], &root());
        assert_eq!(r.code, 2);
        assert!(
            r.stderr.contains(&format!("--format {format} writes a directory: give it with --out DIR")),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn build_adds_directory_exports_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let r = run(&["build", "--no-figures", "--with", "parquet,neo4j", "--out", out.to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("edge-atlas.parquet/") && r.stdout.contains("edge-atlas.neo4j/"), "{}", r.stdout);
    let parquet: Vec<String> = snapshot(&out.join("edge-atlas.parquet")).into_iter().map(|(n, _)| n).collect();
    assert_eq!(parquet, ["edges.parquet", "nodes.parquet"]);
    assert!(out.join("edge-atlas.neo4j/relationships.csv").exists());
    // The shipped graph is far below the size from which Parquet is written by default.
    let plain = dir.path().join("plain");
    let r = run(&["build", "--no-figures", "--out", plain.to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!plain.join("edge-atlas.parquet").exists());
}
