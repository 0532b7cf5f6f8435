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
    let directories = edge_atlas::export::FORMATS.iter().filter(|f| f.is_directory());
    for format in directories.map(|f| f.name()) {
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

/// scripts/spark/related.py on Spark in local mode, on the 10k synthetic set, must rank as
/// `edge-atlas related` does for 200 entries: the 20 with most neighbours (hubs themselves),
/// 20 linked to hubs only, and 160 spread over the rest. Hubs are entries over 100 neighbours
/// here (the job's --hub-degree), so that many take the job's hub path.
#[test]
fn the_spark_job_ranks_as_edge_atlas_related_does() {
    use edge_atlas::graph::KnowledgeGraph;
    use edge_atlas::query::{Undirected, related};

    if !(have("python3") && have("java") && python_has(&["pyspark", "duckdb"])) {
        return;
    }
    const HUB: usize = 100;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let r = run(&["synth", "--entries", "10000", "--out", data.to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let parquet = dir.path().join("graph.parquet");
    export_dir(data.to_str().unwrap(), "parquet", &parquet);

    let g = KnowledgeGraph::build(edge_atlas::data::load(&data).unwrap());
    let u = Undirected::new(&g);
    let mut by_degree: Vec<_> = g.nodes().collect();
    by_degree.sort_by_key(|&n| (std::cmp::Reverse(u.degree(n)), u.rank(n)));
    let is_hub = |n| u.degree(n) > HUB;
    let hub_only = by_degree.iter().copied().filter(|&n| u.neighbours(n).iter().all(|(z, _, _)| is_hub(*z)));
    let mut entries: Vec<_> = by_degree[..20].to_vec();
    entries.extend(hub_only.take(20));
    let step = by_degree.len() / 160;
    let spread: Vec<_> = by_degree[20..].iter().step_by(step).filter(|n| !entries.contains(n)).copied().collect();
    entries.extend(spread.into_iter().take(200 - entries.len()));
    assert_eq!(entries.len(), 200);
    assert!(entries.iter().filter(|&&n| is_hub(n)).count() >= 20, "hubs among the entries");

    let key = |n: petgraph::graph::NodeIndex| g.node(n).key.to_string();
    let expected: serde_json::Map<String, serde_json::Value> = entries
        .iter()
        .map(|&n| {
            let ranked = related::beyond_direct(&g, &u, n, &[], 10);
            (key(n), ranked.iter().map(|r| serde_json::json!([key(r.node), r.score])).collect())
        })
        .collect();
    // What the library answers is what the command prints (its ranked rows).
    for &n in &entries[..3] {
        let r = run(&["related", &key(n), "--format", "json", "--data", data.to_str().unwrap()], &root());
        let printed: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
        let ranked: Vec<&str> =
            printed.iter().filter(|a| a["direct"] == false).map(|a| a["id"].as_str().unwrap()).collect();
        let library: Vec<&str> = expected[&key(n)].as_array().unwrap().iter().map(|a| a[0].as_str().unwrap()).collect();
        assert_eq!(ranked, library, "related {}", key(n));
    }
    let list = dir.path().join("entries.txt");
    std::fs::write(&list, entries.iter().map(|&n| key(n) + "\n").collect::<String>()).unwrap();
    let expected_path = dir.path().join("expected.json");
    std::fs::write(&expected_path, serde_json::to_string(&expected).unwrap()).unwrap();

    let out = dir.path().join("spark-out");
    consumer(
        Command::new("python3")
            .arg(root().join("scripts/spark/related.py"))
            .args([parquet.as_os_str(), out.as_os_str()])
            .arg("--entries")
            .arg(&list)
            .args(["--top", "10", "--hub-degree", &HUB.to_string()]),
    );
    consumer(
        Command::new("python3").arg(root().join("tests/conformance/spark_check.py")).arg(&out).arg(&expected_path),
    );
}
