//! `export` end to end: the hostile fixture's exports against golden files, subgraph
//! selection, and every export opened by its real consumer.

mod common;

use common::*;
use std::process::Command;

const HOSTILE_DATA: &str = "tests/fixtures/hostile";

/// Each export of the hostile fixture (`&`, `<`, quotes, backslashes, emoji, a newline in a
/// field) equals its golden file. `UPDATE_GOLDEN=1 cargo test` rewrites them after a
/// deliberate change; review the diff.
#[test]
fn exports_of_hostile_names_match_golden_files() {
    for format in graph_formats() {
        let r = run(&["export", "--data", HOSTILE_DATA, "--format", format], &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
        let golden = root().join("tests/golden/hostile").with_extension(format);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &r.stdout).unwrap();
        }
        let want = std::fs::read_to_string(&golden).unwrap();
        assert!(r.stdout == want, "{format} export differs from {}:\n{}", golden.display(), r.stdout);
    }
}

#[test]
fn export_selects_by_kind_neighbourhood_and_date() {
    let count = |args: &[&str]| {
        let mut all = vec!["export", "--format", "json"];
        all.extend(args);
        let r = run(&all, &root());
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        let nodes = r.stdout.lines().filter(|l| l.starts_with("{\"id\":")).count();
        let edges = r.stdout.lines().filter(|l| l.starts_with("{\"source\":")).count();
        (nodes, edges, r.stdout)
    };
    // 162 papers + 54 techniques; covers 192 + subtopic_of 51.
    assert_eq!(count(&["--kind", "paper,technique"]).0, 216);
    assert_eq!(count(&["--kind", "papers,techniques"]).1, 243);
    let (n, _, text) = count(&["--around", "framework:mnn-llm", "--depth", "1"]);
    assert!(text.contains("\"id\":\"organisation:alibaba\""), "MNN-LLM's maker is one hop away");
    assert!(!text.contains("\"id\":\"model:qwen2-5\""));
    assert!(n < count(&["--around", "framework:mnn-llm", "--depth", "2"]).0);
    let (_, _, recent) = count(&["--since", "2024-08"]);
    assert!(recent.contains("\"id\":\"model:qwen2-5\"") && !recent.contains("\"id\":\"model:qwen2\""));
    let r = run(&["export", "--around", "MNN-LLM", "--format", "dot"], &root());
    assert_eq!(
        (r.code, r.stderr.trim()),
        (2, "\"MNN-LLM\" is ambiguous; it could be framework:mnn-llm (MNN-LLM), paper:mnn-llm (MNN-LLM)")
    );
    let r = run(&["export", "--out", "graph.txt"], &root());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("cannot tell the format from \".txt\""), "{}", r.stderr);
}

/// The exports of the shipped data and of the hostile fixture, opened by the real consumers:
/// xmllint against the GraphML XSD and the GEXF 1.3 RELAX NG grammar, Graphviz, networkx.
#[test]
fn exports_pass_the_real_consumers() {
    let dir = tempfile::tempdir().unwrap();
    let mut sets = Vec::new();
    for (name, data) in [("shipped", "data"), ("hostile", HOSTILE_DATA)] {
        let out = dir.path().join(name);
        for format in graph_formats() {
            let file = out.join(format!("edge-atlas.{format}"));
            let r = run(&["export", "--data", data, "--format", format, "--out", file.to_str().unwrap()], &root());
            assert_eq!(r.code, 0, "{}", r.stderr);
        }
        let r = run(&["stats", "--json", "--data", data], &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
        std::fs::write(out.join("stats.json"), r.stdout).unwrap();
        sets.push((name, out));
    }
    let schemas = root().join("../shared/schemas");
    if schemas.exists() && have("xmllint") {
        for (_, out) in &sets {
            let xmllint = |schema_flag: &str, schema: &str, file: &str| {
                consumer(
                    Command::new("xmllint")
                        .args(["--nonet", "--noout", schema_flag])
                        .arg(schemas.join(schema))
                        .arg(out.join(file)),
                )
            };
            xmllint("--schema", "graphml/graphml.xsd", "edge-atlas.graphml");
            xmllint("--relaxng", "gexf-1.3/gexf.rng", "edge-atlas.gexf");
        }
    } else if !schemas.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared/schemas");
        eprintln!("skipped: no schemas at {}", schemas.display());
    }
    if have("dot") {
        for (_, out) in &sets {
            consumer(Command::new("dot").arg("-Tsvg").arg(out.join("edge-atlas.dot")).arg("-o").arg(out.join("g.svg")));
            let svg = std::fs::read_to_string(out.join("g.svg")).unwrap();
            assert!(svg.contains("<a xlink:href=\"https://"), "nodes with a URL are links in the SVG");
        }
    }
    if have("python3") && python_has(&["networkx"]) {
        let script = root().join("tests/conformance/networkx_check.py");
        for (name, out) in &sets {
            let mut cmd = Command::new("python3");
            cmd.arg(&script).arg(out).arg(out.join("stats.json"));
            if *name == "hostile" {
                cmd.arg(root().join("tests/conformance/hostile-expect.json"));
            }
            consumer(&mut cmd);
        }
    }
}

/// `--colour-by community` with `--layout none` has no communities to colour by: exit 2, and
/// nothing on stdout.
#[test]
fn colour_by_community_with_layout_none_is_a_usage_error() {
    let r = run(&["export", "--format", "json", "--colour-by", "community", "--layout", "none"], &root());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr, "error: --colour-by community needs the communities, which --layout none leaves out\n");
    assert_eq!(r.stdout, "");
    // Kind and organisation need none.
    for by in ["kind", "organisation"] {
        let r = run(&["export", "--format", "json", "--colour-by", by, "--layout", "none"], &root());
        assert_eq!(r.code, 0, "{by}: {}", r.stderr);
    }
}
