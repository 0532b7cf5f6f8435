//! `build` end to end: byte-identical runs, a failed run leaving the previous outputs, and
//! output/ as committed being what `build` makes of the shipped data.

mod common;

use common::*;

#[test]
fn build_writes_every_export_byte_identically_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        let r = run(&["build", "--out", out.to_str().unwrap()], &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    for format in graph_formats() {
        let name = format!("edge-atlas.{format}");
        let bytes = std::fs::read(a.join(&name)).unwrap();
        assert!(bytes.len() > 1000, "{name} is nearly empty");
        assert!(bytes == std::fs::read(b.join(&name)).unwrap(), "{name} differs between runs");
    }
}

/// output/ is committed so the README can show it; it must be what `build` makes of data/.
#[test]
fn a_build_that_fails_half_way_leaves_every_previous_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let previous =
        ["edge-atlas.dot", "edge-atlas.graphml", "edge-atlas.gexf", "edge-atlas.json", "timeline-emergence-llms.png"];
    for name in previous {
        std::fs::write(out.join(name), "previous").unwrap();
    }
    // The exports and the first figures are made; the last figure cannot be written.
    std::fs::create_dir(out.join("hardware-timeline-tops.svg")).unwrap();
    let r = run(&["build", "--out", out.to_str().unwrap()], &root());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("hardware-timeline-tops.svg: a directory is in the way"), "{}", r.stderr);
    assert!(!r.stdout.contains("wrote"), "nothing is announced: {}", r.stdout);
    for name in previous {
        assert_eq!(std::fs::read_to_string(out.join(name)).unwrap(), "previous", "{name} was replaced");
    }
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names.len(), previous.len() + 1, "temporary files are removed: {names:?}");
}

#[test]
fn committed_outputs_are_what_build_makes_of_the_shipped_data() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["build", "--out", dir.path().to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let fresh = snapshot(dir.path());
    let committed = snapshot(&root().join("output"));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&committed), names(&fresh));
    for ((name, old), (_, new)) in committed.iter().zip(&fresh) {
        assert!(old == new, "output/{name} is stale: run `cargo run --release -- build` and commit output/");
    }
}

/// `--colour-by community` without communities is a usage error (exit 2), said before anything
/// is written: with `--layout none`, and with `--layout auto` on a graph too big to lay out.
#[test]
fn colour_by_community_without_a_layout_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let r = run(&["build", "--colour-by", "community", "--layout", "none", "--out", out.to_str().unwrap()], &root());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr, "error: --colour-by community needs the communities, which --layout none leaves out\n");
    assert_eq!(r.stdout, "");
    assert!(!out.exists(), "nothing is written");
    // Over 20,000 nodes `--layout auto` lays nothing out.
    let data = dir.path().join("data");
    let synth = run(&["synth", "--entries", "20500", "--out", data.to_str().unwrap()], &root());
    assert_eq!(synth.code, 0, "{}", synth.stderr);
    let args = ["build", "--data", data.to_str().unwrap(), "--colour-by", "community", "--out", out.to_str().unwrap()];
    let r = run(&args, &root());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "error: --colour-by community needs the communities, which --layout auto above 20,000 nodes \
         (--layout forceatlas2 lays out any graph) leaves out\n"
    );
    assert!(!out.exists(), "nothing is written");
}
