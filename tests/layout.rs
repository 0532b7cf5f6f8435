//! `layout` on the shipped data: deterministic, pinned starts read with located errors, and
//! communities as good as networkx's Louvain.

mod common;

use common::{copy_tree, have, node_has, npm_tools, python_has, root, run};

#[test]
fn layout_is_deterministic_and_starts_from_a_pinned_map() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("positions.csv");
    let r = run(&["layout", "--out", csv.to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("536 nodes (0 from data/layout.csv), 28 components"), "{}", r.stderr);
    let first = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(first.lines().next(), Some("id,x,y,community"));
    assert_eq!(first.lines().count(), 537);
    let again = run(&["layout"], &root());
    assert_eq!(again.stdout, first, "same data, same bytes");
    // From the map just made, every node has its start.
    let pinned = run(&["layout", "--from", csv.to_str().unwrap()], &root());
    assert!(pinned.stderr.contains("536 nodes (536 from"), "{}", pinned.stderr);
}

#[test]
fn a_bad_start_file_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, "id,x,y,community\nmodel:qwen2-5,1.5,2,0\nmodel:phi-4,oops,NaN,0\nnot an id,1,2,0\n").unwrap();
    let r = run(&["layout", "--from", csv.to_str().unwrap()], &root());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let path = csv.display();
    for line in [
        format!("{path}:3:13: error: x \"oops\": expected a finite number (a coordinate)"),
        format!("{path}:3:18: error: y \"NaN\": expected a finite number (a coordinate)"),
        format!("{path}:4:1: error: id \"not an id\": "),
    ] {
        assert!(r.stderr.lines().any(|l| l.starts_with(&line)), "{line}\n{}", r.stderr);
    }
    // Read by column name: columns in another order read the same; a header without x is an
    // error at the header, and `check` reports what `build` would refuse.
    std::fs::write(&csv, "x,community,id,y\n1.5,0,model:qwen2-5,2\n").unwrap();
    let r = run(&["layout", "--from", csv.to_str().unwrap()], &root());
    assert!(r.stderr.contains("536 nodes (1 from"), "{}", r.stderr);
    let data = dir.path().join("data");
    copy_tree(&root().join("data"), &data);
    std::fs::write(data.join("layout.csv"), "id,y,community\nmodel:qwen2-5,2,0\n").unwrap();
    let r = run(&["check", "--data", data.to_str().unwrap()], &root());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let header = format!("{}:1: error: header does not match; missing column x;", data.join("layout.csv").display());
    assert!(r.stderr.lines().any(|l| l.starts_with(&header)), "{}", r.stderr);
}

/// Issue 29: modularity within 1 % of networkx's `louvain_communities` (best of seeds 1-5).
#[test]
fn communities_are_as_good_as_networkx_louvain() {
    if !(have("python3") && python_has(&["networkx"])) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (graph, csv) = (dir.path().join("g.json"), dir.path().join("positions.csv"));
    for args in [
        vec!["export", "--format", "json", "--out", graph.to_str().unwrap()],
        vec!["layout", "--out", csv.to_str().unwrap()],
    ] {
        let r = run(&args, &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let script = root().join("tests/conformance/communities_check.py");
    let out = std::process::Command::new("python3").arg(script).arg(&graph).arg(&csv).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    eprintln!("{v}");
    assert_eq!(v["nodes"], 536);
    assert!(v["ratio_to_best"].as_f64().unwrap() >= 0.99, "{v}");
}

/// Issue 29: the positions and communities `layout` computes arrive in every export that has
/// a place for them, as their consumers read them: networkx (GraphML, GEXF viz:position,
/// JSON), igraph (GraphML), DuckDB (Parquet) and Graphviz (`neato -n` on the DOT).
#[test]
fn every_export_carries_the_map_as_its_consumers_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let (out, csv) = (dir.path().join("out"), dir.path().join("positions.csv"));
    for args in [
        vec!["build", "--no-figures", "--with", "parquet", "--out", out.to_str().unwrap()],
        vec!["layout", "--out", csv.to_str().unwrap()],
    ] {
        let r = run(&args, &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    if !(have("python3") && have("neato") && python_has(&["networkx", "igraph", "duckdb"])) {
        return;
    }
    let script = root().join("tests/conformance/positions_check.py");
    let r = std::process::Command::new("python3").arg(script).arg(&out).arg(&csv).output().unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let report: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    eprintln!("{report}");
    for (consumer, read) in report.as_object().unwrap() {
        assert_eq!(read["read"], 536, "{consumer}: {read}");
        assert_eq!(read["matched"], 536, "{consumer}: {read}");
        // Graphviz has no attribute columns; the others read every community.
        let communities = if consumer.starts_with("graphviz") { 0 } else { 536 };
        assert_eq!(read["communities"], communities, "{consumer}: {read}");
    }
}

/// Issue 29: graphology (what sigma.js and Gephi Lite read graphs with) reads the layout's
/// positions and communities from GraphML (graphology-graphml), GEXF (graphology-gexf) and the
/// JSON export (graphology's import).
#[test]
fn graphology_reads_the_map_from_graphml_gexf_and_json() {
    if !node_has(&["graphology", "graphology-graphml", "graphology-gexf"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (out, csv) = (dir.path().join("out"), dir.path().join("positions.csv"));
    for args in
        [vec!["build", "--no-figures", "--out", out.to_str().unwrap()], vec!["layout", "--out", csv.to_str().unwrap()]]
    {
        let r = run(&args, &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let r = std::process::Command::new("node")
        .arg(root().join("tests/conformance/graphology_check.js"))
        .arg(&out)
        .arg(&csv)
        .env("NODE_PATH", npm_tools())
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let report: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    eprintln!("{report}");
    assert_eq!(report.as_object().unwrap().len(), 3, "{report}");
    for (reader, read) in report.as_object().unwrap() {
        for (field, want) in [("read", 536), ("edges", 820), ("matched", 536), ("communities", 536)] {
            assert_eq!(read[field], want, "{reader}: {read}");
        }
    }
}

#[test]
fn layout_none_writes_the_exports_without_a_map() {
    let with = run(&["export", "--format", "json"], &root());
    let without = run(&["export", "--format", "json", "--layout", "none"], &root());
    assert_eq!(with.code + without.code, 0, "{}{}", with.stderr, without.stderr);
    let nodes = |r: &common::Run| -> Vec<serde_json::Value> {
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        v["nodes"].as_array().unwrap().clone()
    };
    assert!(nodes(&with).iter().all(|n| n["x"].is_f64() && n["y"].is_f64() && n["community"].is_u64()));
    assert!(nodes(&without).iter().all(|n| n.get("x").is_none() && n.get("community").is_none()));
    // Apart from the map, the same nodes.
    assert_eq!(nodes(&with).len(), nodes(&without).len());
}
