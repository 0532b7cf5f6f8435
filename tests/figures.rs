//! End-to-end tests of the figures: the real binary on the shipped data/.

mod common;

use common::{root, run};

fn data() -> String {
    root().join("data").to_str().unwrap().to_string()
}

#[test]
fn timeline_draws_the_memory_figure_with_bands_and_every_chip_with_memory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let r = run(&["timeline", "--data", &data(), "--out", out, "--format", "svg"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("hardware-timeline-memory.svg (38 chips"), "{}", r.stdout);
    let svg = std::fs::read_to_string(dir.path().join("hardware-timeline-memory.svg")).unwrap();
    // One shaded band per line with several memory options (all but Snapdragon X and Core Ultra,
    // whose chips all have 32 GB), and the axis title.
    assert_eq!(svg.matches("fill-opacity=\"0.13\"").count(), 8, "{svg}");
    assert!(svg.contains(">Memory (GB)</text>") && svg.contains(">AGX Orin</text>"));
}

#[test]
fn the_tops_axis_is_broken_by_default_and_a_flag_forces_log_or_linear() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let tops = dir.path().join("hardware-timeline-tops.svg");
    let data = data();
    let ticks = |args: &[&str]| {
        let mut all = vec!["timeline", "--data", &data, "--out", out, "--format", "svg"];
        all.extend_from_slice(args);
        let r = run(&all, dir.path());
        assert_eq!(r.code, 0, "{}", r.stderr);
        std::fs::read_to_string(&tops).unwrap()
    };
    // Broken: 0-140 below the break, 200 and 250 above it; no tick between.
    let broken = ticks(&[]);
    assert!(broken.contains(">140</text>") && broken.contains(">250</text>") && !broken.contains(">150</text>"));
    let log = ticks(&["--tops-axis", "log"]);
    assert!(log.contains(">5</text>") && log.contains(">200</text>") && !log.contains(">140</text>"));
    let linear = ticks(&["--tops-axis", "linear"]);
    assert!(linear.contains(">150</text>") && linear.contains(">300</text>"));
    assert!(ticks(&["--tops-axis", "broken"]) == broken);
}

#[test]
fn list_names_writes_the_lists_own_image_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let r = run(&["timeline", "--data", &data(), "--out", out, "--list-names"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("images"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["hardware_timeline_memory.png", "hardware_timeline_tops.png", "timeline-emergence-llms.png"]);
    assert!(r.stdout.contains("images/hardware_timeline_memory.png (38 chips"), "{}", r.stdout);
}
