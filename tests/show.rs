//! `show` and the command line around it: relations grouped by kind, names that match nothing
//! or several things, a closed pipe, usage errors and their exit codes.

mod common;

use common::*;
use std::process::Command;

#[test]
fn show_lists_relations_grouped_by_kind() {
    let dir = imported();
    let r = run(&["show", "qwen 2.5"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let expected = "Qwen2.5  [model:qwen2-5]
  released      2024-12
  sizes         0.5B、7B
  params        500M;7B
  max_params    7000000000
  edge          devices
released_by:
  - Alibaba [organisation:alibaba]
member_of:
  - Qwen Series [family:qwen]
successor_of:
  - Qwen2 [model:qwen2]
runs_on:
  - Qualcomm Snapdragon 8Gen3 [chip:qualcomm-snapdragon-8gen3]
  - Snapdragon 8 Elite [device:snapdragon-8-elite]
frameworks supporting its family:
  - tinyrun [framework:tinyrun]
related (edge-atlas related for more):
  - xiaomi 14 [device:xiaomi-14]: runs on / has chip Qualcomm Snapdragon 8Gen3
  - tinyrun [framework:tinyrun]: member of / supports Qwen Series
";
    assert_eq!(r.stdout, expected);
}

#[test]
fn unknown_and_ambiguous_names_exit_2_with_candidates() {
    let dir = imported();
    let r = run(&["show", "qwn2"], dir.path());
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("no entry is called \"qwn2\"; closest: model:qwen2 (Qwen2)"), "{}", r.stderr);
    // A release and its family of one name: the one with more relations, and a note.
    let r = run(&["show", "gemini"], dir.path());
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("Gemini  [model:gemini]\n"), "{}", r.stdout);
    assert_eq!(r.stderr, "note: \"gemini\" also names family:gemini (Gemini); ask for it by kind:id\n");
    assert_eq!(run(&["show", "family:gemini"], dir.path()).code, 0);
    // Two different things of one name stay a question.
    let aliases = dir.path().join("data/aliases.csv");
    let mut text = std::fs::read_to_string(&aliases).unwrap();
    text.push_str("Zeta,model:gemini\nZeta,organisation:alibaba\n");
    std::fs::write(&aliases, text).unwrap();
    let r = run(&["show", "zeta"], dir.path());
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "\"zeta\" is ambiguous; it could be organisation:alibaba (Alibaba), model:gemini (Gemini)\n");
}

#[test]
fn a_reader_closing_the_pipe_ends_the_run_quietly() {
    for args in [&["list"][..], &["check"], &["export", "--format", "graphml"], &["show", "qwen2-5"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_edge-atlas"))
            .args(args)
            .current_dir(root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the first line comes, as `| head -0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?} must not exit as a panic");
    }
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run(&["frobnicate"], dir.path()).code, 2);
    assert_eq!(run(&["check", "--nope"], dir.path()).code, 2);
    assert_eq!(run(&["--help"], dir.path()).code, 0);
}
