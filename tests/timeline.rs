//! `timeline` end to end: which releases its flags select, and what it reports did not fit.

mod common;

use common::*;

#[test]
fn timeline_flags_select_releases_and_report_what_did_not_fit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let data = root().join("data");
    let data = data.to_str().unwrap();
    let r = run(
        &["timeline", "--data", data, "--out", out, "--org", "Alibaba", "--format", "svg", "--title", "Qwen & co"],
        dir.path(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("timeline-emergence-llms.svg (24 dots, 5 releases)"), "{}", r.stdout);
    assert!(!dir.path().join("timeline-emergence-llms.png").exists(), "--format svg writes SVG only");
    let svg = std::fs::read_to_string(dir.path().join("timeline-emergence-llms.svg")).unwrap();
    assert_eq!(svg.matches("<circle").count(), 24);
    assert!(svg.contains(">Qwen &amp; co</text>") && svg.contains(">Qwen (Alibaba)</text>"));

    let r = run(&["timeline", "--data", data, "--out", out, "--width", "400", "--height", "300"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .lines()
            .any(|l| l.starts_with("warning: timeline-emergence-llms: no room for the label of ")
                && l.contains("[model:")),
        "{}",
        r.stderr
    );

    let r = run(&["timeline", "--data", data, "--out", out, "--org", "Alibabba"], dir.path());
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("closest: organisation:alibaba"), "{}", r.stderr);
    let r = run(&["timeline", "--data", data, "--out", out, "--since", "2030-01", "--format", "svg"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let empty = "warning: timeline-emergence-llms: no release to draw; the filters (--since, --until, --org, --family, --max-params) leave none";
    assert!(r.stderr.lines().any(|l| l == empty), "{}", r.stderr);
    let r = run(&["timeline", "--data", data, "--out", out, "--max-params", "lots"], dir.path());
    assert_eq!(r.code, 2, "{}", r.stderr);
}
