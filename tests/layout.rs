//! `layout` on the shipped data: deterministic, pinned starts read with located errors, and
//! communities as good as networkx's Louvain.

mod common;

use common::{have, python_has, root, run};

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
    assert!(r.stderr.contains(&format!("{path}:3:13: error: \"oops\" is not a finite number")), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{path}:3:18: error: \"NaN\" is not a finite number")), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{path}:4:1: error: \"not an id\" is not a kind:id")), "{}", r.stderr);
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
