//! `synth` end to end: synthetic data that checks clean, is the same per seed and has the
//! size asked for.

mod common;

use common::*;

#[test]
fn synthetic_data_is_valid_deterministic_and_counted_right() {
    let dir = tempfile::tempdir().unwrap();
    let mut printed = Vec::new();
    for out in ["a", "b"] {
        let r = run(&["synth", "--entries", "3000", "--seed", "7", "--out", out], dir.path());
        assert_eq!(r.code, 0, "{}", r.stderr);
        printed.push(r.stdout.trim().trim_start_matches(out).to_string());
    }
    assert_eq!(snapshot(&dir.path().join("a")), snapshot(&dir.path().join("b")), "same seed, same bytes");
    let r = run(&["check", "--data", "a"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    // synth's own count of relations equals what check finds, reference columns included.
    assert_eq!(r.stdout.lines().next().unwrap(), format!("a{}, no errors", printed[0]));
    let orgs = std::fs::read_to_string(dir.path().join("a/organisations.csv")).unwrap();
    assert!(orgs.contains("模型") && orgs.contains("\"Organisation"), "names carry non-ASCII text and CSV specials");
    let r = run(&["build", "--data", "a", "--out", "out"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
}
